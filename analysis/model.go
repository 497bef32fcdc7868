package analysis

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strings"

	"github.com/intercepted-eu/workstation/assets"
)

// Model is a small logistic-regression model over features a person can read: which
// indicators fired, which kinds of entity appear, and a short vocabulary of words. It scores how
// much a job ad looks like recruitment fraud, and says which features pushed the score.
type Model struct {
	Name      string             `json:"name"`
	Version   string             `json:"version"`
	TrainedOn string             `json:"trained_on"`
	Threshold float64            `json:"threshold"` // probability at or above which an ad is flagged
	Bias      float64            `json:"bias"`
	Weights   map[string]float64 `json:"weights"` // feature name → weight
	vocab     map[string]bool
}

// ModelResult is a model's verdict on one text.
type ModelResult struct {
	Name          string         `json:"name"`
	Probability   float64        `json:"probability"`
	Flagged       bool           `json:"flagged"`
	Contributions []Contribution `json:"contributions"` // the largest, strongest first
	Explanation   string         `json:"explanation"`
}

// Contribution is one feature's push on the score.
type Contribution struct {
	Feature string  `json:"feature"`
	Weight  float64 `json:"weight"`
}

// DefaultModel loads the model embedded in the binary, or nil when none is shipped.
func DefaultModel() (*Model, error) {
	b, err := fs.ReadFile(assets.Models(), "models/jobscam.json")
	if err != nil {
		return nil, nil //nolint:nilerr // no model shipped: rules only
	}
	return ParseModel(b)
}

// ParseModel reads a model file.
func ParseModel(b []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("model file: %w", err)
	}
	if m.Name == "" || len(m.Weights) == 0 || m.Threshold <= 0 || m.Threshold >= 1 {
		return nil, fmt.Errorf("model file: name, weights and a threshold in (0,1) are required")
	}
	m.index()
	return &m, nil
}

func (m *Model) index() {
	m.vocab = map[string]bool{}
	for f := range m.Weights {
		if t, ok := strings.CutPrefix(f, "word:"); ok {
			m.vocab[t] = true
		}
	}
}

// Predict scores a feature set.
func (m *Model) Predict(x map[string]float64) ModelResult {
	z := m.Bias
	var cs []Contribution
	for f, v := range x {
		if w, ok := m.Weights[f]; ok && v != 0 {
			z += w * v
			cs = append(cs, Contribution{Feature: f, Weight: w * v})
		}
	}
	p := 1 / (1 + math.Exp(-z))
	sort.Slice(cs, func(i, j int) bool {
		if math.Abs(cs[i].Weight) != math.Abs(cs[j].Weight) {
			return math.Abs(cs[i].Weight) > math.Abs(cs[j].Weight)
		}
		return cs[i].Feature < cs[j].Feature
	})
	if len(cs) > 8 {
		cs = cs[:8]
	}
	r := ModelResult{Name: m.Name, Probability: p, Flagged: p >= m.Threshold, Contributions: cs}
	r.Explanation = m.explain(r)
	return r
}

func (m *Model) explain(r ModelResult) string {
	verdict := "below"
	if r.Flagged {
		verdict = "at or above"
	}
	parts := make([]string, 0, len(r.Contributions))
	for _, c := range r.Contributions {
		parts = append(parts, fmt.Sprintf("%s %+.2f", c.Feature, c.Weight))
	}
	return fmt.Sprintf("%s model (%s): probability %.2f, %s its threshold %.2f; strongest features: %s",
		m.Name, m.TrainedOn, r.Probability, verdict, m.Threshold, strings.Join(parts, ", "))
}
