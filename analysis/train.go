package analysis

import (
	"math"
	"sort"
	"strings"
)

// Example is one labelled feature set for training.
type Example struct {
	X     map[string]float64
	Label bool
}

// TrainOptions set the training; zero values take the defaults.
type TrainOptions struct {
	Words      int     // vocabulary size kept by log-odds; default 800
	MinDocs    int     // a word must appear in this many training ads; default 4
	L2         float64 // weight decay; default 1.0
	Iterations int     // full-batch gradient steps; default 800
	Rate       float64 // step size; default 0.5
	// TargetFPR sets the threshold: the lowest probability whose false-positive rate, measured
	// by 5-fold cross-validation inside the training data, stays at or under it. Default 0.07.
	TargetFPR float64
}

func (o TrainOptions) withDefaults() TrainOptions {
	if o.Words == 0 {
		o.Words = 800
	}
	if o.MinDocs == 0 {
		o.MinDocs = 4
	}
	if o.L2 == 0 {
		o.L2 = 1.0
	}
	if o.Iterations == 0 {
		o.Iterations = 800
	}
	if o.Rate == 0 {
		o.Rate = 0.5
	}
	if o.TargetFPR == 0 {
		o.TargetFPR = 0.07
	}
	return o
}

// TrainModel fits a logistic regression: every non-word feature, plus the words whose smoothed
// log-odds between the classes are largest. Deterministic for the same examples.
func TrainModel(name, trainedOn string, ex []Example, opts TrainOptions) *Model {
	opts = opts.withDefaults()
	m := fit(name, trainedOn, ex, opts)
	m.Threshold = cvThreshold(name, ex, opts)
	return m
}

// cvThreshold picks the threshold from out-of-fold probabilities, so that it is not set on
// predictions the model made for its own training ads.
func cvThreshold(name string, ex []Example, opts TrainOptions) float64 {
	const folds = 5
	var negP []float64
	for k := range folds {
		var train, held []Example
		for i, e := range ex {
			if i%folds == k {
				held = append(held, e)
			} else {
				train = append(train, e)
			}
		}
		m := fit(name, "", train, opts)
		for _, e := range held {
			if !e.Label {
				negP = append(negP, m.Predict(e.X).Probability)
			}
		}
	}
	sort.Float64s(negP)
	if len(negP) == 0 {
		return 0.5
	}
	// The threshold sits just above the negatives that may be flagged.
	allowed := int(opts.TargetFPR * float64(len(negP)))
	t := negP[len(negP)-1-allowed] + 1e-6
	return math.Min(math.Max(round(t), 0.01), 0.99)
}

func fit(name, trainedOn string, ex []Example, opts TrainOptions) *Model {
	feats := selectFeatures(ex, opts)
	idx := map[string]int{}
	for i, f := range feats {
		idx[f] = i
	}
	w := make([]float64, len(feats))
	var b float64
	for range opts.Iterations {
		gw := make([]float64, len(w))
		var gb float64
		for _, e := range ex {
			z := b
			for f, v := range e.X {
				if i, ok := idx[f]; ok {
					z += w[i] * v
				}
			}
			d := 1/(1+math.Exp(-z)) - boolf(e.Label)
			gb += d
			for f, v := range e.X {
				if i, ok := idx[f]; ok {
					gw[i] += d * v
				}
			}
		}
		n := float64(len(ex))
		for i := range w {
			w[i] -= opts.Rate * (gw[i]/n + opts.L2*w[i]/n)
		}
		b -= opts.Rate * gb / n
	}
	m := &Model{Name: name, Version: "1", TrainedOn: trainedOn, Threshold: 0.5, Bias: round(b), Weights: map[string]float64{}}
	for i, f := range feats {
		if math.Abs(w[i]) >= 0.01 {
			m.Weights[f] = round(w[i])
		}
	}
	m.index()
	return m
}

func boolf(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// selectFeatures keeps every indicator, category, entity and length feature, and the words with
// the largest smoothed log-odds between the classes.
func selectFeatures(ex []Example, opts TrainOptions) []string {
	pos, neg := map[string]float64{}, map[string]float64{}
	var np, nn float64
	for _, e := range ex {
		if e.Label {
			np++
		} else {
			nn++
		}
		for f := range e.X {
			if e.Label {
				pos[f]++
			} else {
				neg[f]++
			}
		}
	}
	var keep, words []string
	for f := range merge(pos, neg) {
		if !strings.HasPrefix(f, "word:") {
			keep = append(keep, f)
		} else if pos[f]+neg[f] >= float64(opts.MinDocs) {
			words = append(words, f)
		}
	}
	lo := func(f string) float64 {
		return math.Abs(math.Log((pos[f]+1)/(np+2)) - math.Log((neg[f]+1)/(nn+2)))
	}
	sort.Slice(words, func(i, j int) bool {
		if lo(words[i]) != lo(words[j]) {
			return lo(words[i]) > lo(words[j])
		}
		return words[i] < words[j]
	})
	if len(words) > opts.Words {
		words = words[:opts.Words]
	}
	out := append(keep, words...)
	sort.Strings(out)
	return out
}

func merge(a, b map[string]float64) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
