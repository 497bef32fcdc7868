package analysis

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Analyzer holds the loaded rule packs (and the optional job-scam model); it is safe for
// concurrent use.
type Analyzer struct {
	rules *RuleSet
	model *Model
}

// NewAnalyzer builds an analyzer from loaded rules and an optional model (nil: rules only).
func NewAnalyzer(rules *RuleSet, model *Model) *Analyzer {
	return &Analyzer{rules: rules, model: model}
}

// DefaultAnalyzer loads the rule packs and the model embedded in the binary.
func DefaultAnalyzer() (*Analyzer, error) {
	rs, err := DefaultRules()
	if err != nil {
		return nil, err
	}
	m, err := DefaultModel()
	if err != nil {
		return nil, err
	}
	return NewAnalyzer(rs, m), nil
}

// RulePack names the rule packs (with their versions) this analyzer applies; every Result
// carries it too.
func (a *Analyzer) RulePack() string { return a.rules.Version }

// Options tune one analysis.
type Options struct {
	Region string // default phone region, e.g. "IT"
}

// Result is the explained outcome of analysing one text.
type Result struct {
	Level       string           `json:"level"` // none, low, medium, high
	Score       float64          `json:"score"`
	Languages   []LangScore      `json:"languages,omitempty"`
	Hits        []Hit            `json:"hits"`
	Entities    []Entity         `json:"entities"`
	Categories  []CategoryResult `json:"categories,omitempty"`
	Model       *ModelResult     `json:"model,omitempty"`
	Explanation []string         `json:"explanation"`
	RulePack    string           `json:"rule_pack"`
}

// MaxTextBytes bounds one analysed text; longer input is cut there, and the result says so.
const MaxTextBytes = 4 << 20

// Analyze analyses one text. Invalid UTF-8 is read as U+FFFD; nothing can make it fail.
func (a *Analyzer) Analyze(text string, opts Options) Result {
	var notes []string
	if len(text) > MaxTextBytes {
		cut := MaxTextBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
		notes = append(notes, fmt.Sprintf("only the first %d MiB of the text were analysed", MaxTextBytes>>20))
	}
	n := Normalize(text)
	hits := a.rules.Match(n)
	ents := ExtractEntities(n, strings.ToUpper(opts.Region))
	extra := a.entityHits(n, ents)
	sc := ScoreHits(a.rules, hits, extra)
	langs := DetectLanguage(text)
	if len(langs) > 0 {
		a.rules.inLanguage(hits, langs[0].Lang)
	}
	res := Result{Level: sc.Level, Score: sc.Score, Languages: langs, Hits: append(hits, extra...),
		Entities: ents, Categories: sc.Categories, RulePack: a.rules.Version}
	sortHits(res.Hits)
	// The model of an empty text would give its prior (about 0.74), which reads like a finding.
	if a.model != nil && strings.TrimSpace(text) != "" {
		mr := a.model.Predict(Features(n, res))
		res.Model = &mr
	}
	res.Explanation = append(notes, sc.Explanation...)
	if res.Model != nil {
		res.Explanation = append(res.Explanation, res.Model.Explanation)
	}
	if res.Entities == nil {
		res.Entities = []Entity{}
	}
	if res.Hits == nil {
		res.Hits = []Hit{}
	}
	return res
}

// entityHits turns what the entities show into indicator hits: an obscured phone, a move to a
// messenger, crypto payment.
func (a *Analyzer) entityHits(n *Normalized, ents []Entity) []Hit {
	var out []Hit
	add := func(id string, e Entity, why string) {
		ind := a.rules.Indicators[id]
		if ind == nil {
			return
		}
		out = append(out, Hit{HitRule: &HitRule{Indicator: id, Category: ind.Category, Strength: ind.Strength,
			Lang: "entities", Pattern: why, Explanation: ind.Explain, Source: ind.Source}, Span: e.Span, Text: e.Raw})
	}
	for _, e := range ents {
		switch {
		case e.Type == EntityPhone && e.Obfuscated:
			add("obscured_phone", e, "a phone number written to evade filters")
		case e.Type == EntityHandle && isMessenger(e.Platform):
			add("messenger_handoff", e, "a messenger contact ("+e.Platform+")")
		case e.Type == EntityCrypto:
			add("crypto_payment", e, "a crypto wallet address")
		}
	}
	return dedupeHits(out)
}

func isMessenger(p string) bool {
	switch p {
	case "telegram", "whatsapp", "viber", "signal", "wechat", "line", "kik", "skype":
		return true
	}
	return false
}

// dedupeHits keeps one hit per indicator and span.
func dedupeHits(hs []Hit) []Hit {
	seen := map[string]bool{}
	out := hs[:0]
	for _, h := range hs {
		k := fmt.Sprintf("%s/%d/%d", h.Indicator, h.Span.Start, h.Span.End)
		if !seen[k] {
			seen[k] = true
			out = append(out, h)
		}
	}
	return out
}
