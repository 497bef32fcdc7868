package analysis

import (
	"context"
	"sort"
)

// EvalReport is what an evaluation run prints.
type EvalReport struct {
	Metrics                         // the analyzer as shipped: rules and model
	Rules      Metrics              `json:"rules_only"` // the rules alone: flagged at level medium or high
	Indicators map[string]HitCounts `json:"indicators"`
	Flags      []FlagAgreement      `json:"flags,omitempty"`
	RulePack   string               `json:"rule_pack"`
	Model      string               `json:"model,omitempty"`
}

// HitCounts is how many ads of each class an indicator fired on.
type HitCounts struct {
	Fraud   int `json:"fraud"`
	Genuine int `json:"genuine"`
}

// Flagged is the analyzer's verdict for evaluation: the model flags it, or the rules reach
// level medium or high.
func Flagged(r Result) bool {
	return r.Level == "medium" || r.Level == "high" || (r.Model != nil && r.Model.Flagged)
}

// RiskScore is the number the ROC AUC is computed on: the model's probability when there is
// a model, else the rule score.
func RiskScore(r Result) float64 {
	if r.Model != nil {
		return r.Model.Probability
	}
	return r.Score
}

// EvaluateAds analyses every ad and measures the verdicts against the labels.
func (a *Analyzer) EvaluateAds(ctx context.Context, ads []LabeledAd, opts Options) (EvalReport, error) {
	rep := EvalReport{Indicators: map[string]HitCounts{}, RulePack: a.rules.Version}
	if a.model != nil {
		rep.Model = a.model.Name + " " + a.model.Version
	}
	labels := make([]bool, len(ads))
	flags, ruleFlags := make([]bool, len(ads)), make([]bool, len(ads))
	scores, ruleScores := make([]float64, len(ads)), make([]float64, len(ads))
	results := make([]Result, len(ads))
	for i, ad := range ads {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		r := a.Analyze(ad.Text, opts)
		results[i] = r
		labels[i], flags[i], scores[i] = ad.Fraud, Flagged(r), RiskScore(r)
		ruleFlags[i], ruleScores[i] = r.Level == "medium" || r.Level == "high", r.Score
		seen := map[string]bool{}
		for _, h := range r.Hits {
			if seen[h.Indicator] {
				continue
			}
			seen[h.Indicator] = true
			c := rep.Indicators[h.Indicator]
			if ad.Fraud {
				c.Fraud++
			} else {
				c.Genuine++
			}
			rep.Indicators[h.Indicator] = c
		}
	}
	rep.Metrics = Evaluate(labels, flags, scores)
	rep.Rules = Evaluate(labels, ruleFlags, ruleScores)
	rep.Flags = flagAgreement(ads, results)
	return rep, nil
}

// redFlagIndicators maps the eight hand-coded job-scam red flags to the indicators that express
// them. Flags 5 and 6 (requirements that do not fit the role; contradictions) need reading
// between fields, which no indicator does; they are reported with no indicator.
var redFlagIndicators = map[string][]string{
	"manual_flag1_sensitive_info":    {"sensitive_data_request", "upfront_fee", "passport_copy_early"},
	"manual_flag2_unrealistic_comp":  {"pay_implausibly_high", "work_from_home_easy_money"},
	"manual_flag3_pressure_tactics":  {"urgent_departure", "no_interview_hiring"},
	"manual_flag4_anon_employer":     {"untraceable_agency", "fake_or_impersonated_firm"},
	"manual_flag5_req_role_mismatch": {},
	"manual_flag6_info_conflict":     {},
	"manual_flag7_vague_info":        {"job_nature_vague"},
	"manual_flag8_promo_template":    {"bright_future_promise", "work_from_home_easy_money"},
}

// FlagAgreement compares one hand-coded red flag with the indicators that express it.
type FlagAgreement struct {
	Flag       string   `json:"flag"`
	Indicators []string `json:"indicators"`
	N          int      `json:"n"`
	Agreement  float64  `json:"agreement"` // share of ads where both say the same
	Kappa      float64  `json:"kappa"`     // Cohen's kappa
	Coded      int      `json:"coded"`     // ads the coders flagged
	Found      int      `json:"found"`     // ads the analyzer flagged
}

func flagAgreement(ads []LabeledAd, results []Result) []FlagAgreement {
	if len(ads) == 0 || ads[0].Flags == nil {
		return nil
	}
	names := make([]string, 0, len(redFlagIndicators))
	for f := range redFlagIndicators {
		names = append(names, f)
	}
	sort.Strings(names)
	var out []FlagAgreement
	for _, f := range names {
		inds := redFlagIndicators[f]
		fa := FlagAgreement{Flag: f, Indicators: inds}
		var a, b, both, neither int
		for i, ad := range ads {
			coded, found := ad.Flags[f], hasAny(results[i], inds)
			fa.N++
			if coded {
				a++
			}
			if found {
				b++
			}
			switch {
			case coded && found:
				both++
			case !coded && !found:
				neither++
			}
		}
		fa.Coded, fa.Found = a, b
		n := float64(fa.N)
		po := float64(both+neither) / n
		pe := (float64(a)/n)*(float64(b)/n) + (1-float64(a)/n)*(1-float64(b)/n)
		fa.Agreement = po
		if pe < 1 {
			fa.Kappa = (po - pe) / (1 - pe)
		}
		out = append(out, fa)
	}
	return out
}

func hasAny(r Result, inds []string) bool {
	for _, h := range r.Hits {
		for _, id := range inds {
			if h.Indicator == id {
				return true
			}
		}
	}
	return false
}
