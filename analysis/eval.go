package analysis

import (
	"crypto/sha256"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

// LabeledAd is one ad of an evaluation set.
type LabeledAd struct {
	ID    string
	Text  string
	Fraud bool
	Flags map[string]bool // hand-coded red flags, when the file has them
}

// emscadText are the EMSCAD columns that make the ad's text, in the order a reader sees them.
var emscadText = []string{"title", "location", "salary_range", "company_profile", "description", "requirements", "benefits"}

// EMSCAD replaced contacts with placeholders; they are turned back into contacts of the same
// kind (reserved example addresses), so that the analyzer sees what the original ad showed.
var emscadPlaceholder = regexp.MustCompile(`#(EMAIL|PHONE|URL)_[0-9a-f]+#`)

func restorePlaceholders(s string) string {
	return emscadPlaceholder.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case strings.HasPrefix(m, "#EMAIL"):
			return " contact@example.com "
		case strings.HasPrefix(m, "#PHONE"):
			return " +1 202 555 0143 "
		}
		return " http://example.com/apply "
	})
}

// ReadEMSCAD reads a CSV in the EMSCAD format (a header row with at least job_id, title,
// description and fraudulent; the other text columns are used when present). Columns named
// manual_flag* (the hand-coded red flags) are read into Flags. A file that is no text, or has
// a line of more than 16 MiB, or more than 1 GiB in all, is refused with a clear error.
func ReadEMSCAD(r io.Reader) ([]LabeledAd, error) {
	cr := csv.NewReader(&textLines{r: r})
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read the header row: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, need := range []string{"job_id", "title", "description"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("not an EMSCAD file: no %q column", need)
		}
	}
	var out []LabeledAd
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", line, err)
		}
		out = append(out, emscadAd(rec, col))
	}
	return out, nil
}

func emscadAd(rec []string, col map[string]int) LabeledAd {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	var parts []string
	for _, c := range emscadText {
		if v := strings.TrimSpace(get(c)); v != "" {
			parts = append(parts, v)
		}
	}
	ad := LabeledAd{ID: get("job_id"), Text: restorePlaceholders(strings.Join(parts, "\n")), Fraud: get("fraudulent") == "1"}
	for name, i := range col {
		if strings.HasPrefix(name, "manual_flag") && i < len(rec) {
			if ad.Flags == nil {
				ad.Flags = map[string]bool{}
			}
			ad.Flags[name] = strings.TrimSpace(rec[i]) == "1"
		}
	}
	return ad
}

// InTrainingSplit says whether an ad belongs to the 60% training part of a data set: a fixed
// hash of its ID, so the split never changes and held-out ads are never trained on.
func InTrainingSplit(id string) bool {
	h := sha256.Sum256([]byte("intercepted-split-v1:" + id))
	return h[0] < 154 // 154/256 ≈ 60%
}

// Metrics are the evaluation figures of a scored, labelled set.
type Metrics struct {
	N         int     `json:"n"`
	Positives int     `json:"positives"`
	TPR       float64 `json:"tpr"` // flagged fraudulent / fraudulent
	FPR       float64 `json:"fpr"` // flagged genuine / genuine
	AUC       float64 `json:"auc"` // ROC AUC of the score
}

// Evaluate computes TPR and FPR of flags and the ROC AUC of scores.
func Evaluate(labels, flags []bool, scores []float64) Metrics {
	m := Metrics{N: len(labels)}
	var tp, fp, neg int
	for i, l := range labels {
		if l {
			m.Positives++
			if flags[i] {
				tp++
			}
		} else {
			neg++
			if flags[i] {
				fp++
			}
		}
	}
	if m.Positives > 0 {
		m.TPR = float64(tp) / float64(m.Positives)
	}
	if neg > 0 {
		m.FPR = float64(fp) / float64(neg)
	}
	m.AUC = rocAUC(labels, scores)
	return m
}

// rocAUC is the probability that a random positive scores above a random negative (ties half).
func rocAUC(labels []bool, scores []float64) float64 {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var rankSum, np, nn float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // ranks are 1-based
		for k := i; k < j; k++ {
			if labels[idx[k]] {
				rankSum += avg
			}
		}
		i = j
	}
	for _, l := range labels {
		if l {
			np++
		} else {
			nn++
		}
	}
	if np == 0 || nn == 0 {
		return 0
	}
	return (rankSum - np*(np+1)/2) / (np * nn)
}
