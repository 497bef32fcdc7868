package analysis

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Levels of a Score.
const (
	LevelNone   = "none"   // no indicator, or contested ones only
	LevelLow    = "low"    // some indicators, no category positive
	LevelMedium = "medium" // one category positive under the ILO–EC 2009 rule
	LevelHigh   = "high"   // two or more categories positive, or one with three strong indicators
)

// CategoryResult is how one category of the taxonomy fared in one text.
type CategoryResult struct {
	Category    string   `json:"category"`
	Name        string   `json:"name"`
	Positive    bool     `json:"positive"`
	Strong      int      `json:"strong"`
	Medium      int      `json:"medium"`
	Weak        int      `json:"weak"`
	Contested   int      `json:"contested"`
	Indicators  []string `json:"indicators"` // distinct, strongest first
	Explanation string   `json:"explanation"`
}

// Score is the level of a text and why.
//
// Level follows the ILO–EC operational indicators (2009), category by category: a category is
// positive with at least 2 strong indicators, or 1 strong plus 1 medium or weak, or 3 medium, or
// 2 medium plus 1 weak. Contested indicators are shown but never count toward that.
//
// The number Score only orders texts by the weight of co-occurring evidence: the sum of the
// weights of the distinct indicators (strong 3, medium 2, weak 1, contested 0.5) times a
// co-occurrence factor 1 + 0.15·(k−1), where k ≥ 1 is the number of distinct non-contested
// indicators, so that one sign alone stays small (a strong one scores 3, three medium ones 7.8).
type Score struct {
	Level       string           `json:"level"`
	Score       float64          `json:"score"`
	Categories  []CategoryResult `json:"categories,omitempty"` // the categories with a hit, in taxonomy order
	Explanation []string         `json:"explanation"`
}

// coOccurrenceStep is what each further distinct non-contested indicator adds to the factor.
const coOccurrenceStep = 0.15

// seenIndicator is one distinct indicator of a text, with the first hit that showed it.
type seenIndicator struct {
	id, category, strength string
	first                  Hit
}

// ScoreHits levels and explains the hits of one text. extra holds hits found other than by the
// patterns (an obscured phone, a messenger handle from the entities) and counts exactly like
// them; several hits of one indicator count once.
func ScoreHits(rs *RuleSet, hits []Hit, extra []Hit) Score {
	inds := distinctIndicators(rs, append(slices.Clip(hits), extra...))
	var sc Score
	positives, nonContested, maxStrong, strong := 0, 0, 0, 0
	for _, cat := range categoryOrder(rs, inds) {
		cr := scoreCategory(rs, cat, inds)
		sc.Categories = append(sc.Categories, cr)
		if cr.Positive {
			positives++
			maxStrong = max(maxStrong, cr.Strong)
		}
		nonContested += cr.Strong + cr.Medium + cr.Weak
		strong += cr.Strong
	}
	sc.Level = levelOf(positives, nonContested, maxStrong)
	if sc.Level == LevelLow && crossCategory(strong, nonContested) {
		sc.Level = LevelMedium
	}
	sum, factor := weightSum(inds), coOccurrence(nonContested)
	sc.Score = math.Round(sum*factor*100) / 100
	sc.Explanation = explainScore(sc, inds, sum, factor, nonContested)
	return sc
}

// crossCategory is the co-occurrence clause: a strong indicator together with at least two
// other non-contested ones, in whatever categories, is medium even when no single category
// meets the ILO–EC rule (an ad that takes the passport and also promises fast money abroad).
func crossCategory(strong, nonContested int) bool { return strong >= 1 && nonContested >= 3 }

func levelOf(positives, nonContested, maxStrong int) string {
	switch {
	case nonContested == 0:
		return LevelNone
	case positives == 0:
		return LevelLow
	case positives >= 2 || maxStrong >= 3:
		return LevelHigh
	default:
		return LevelMedium
	}
}

// positiveRule applies the ILO–EC 2009 rule to one category's counts and names the clause that
// made it positive.
func positiveRule(s, m, w int) (bool, string) {
	switch {
	case s >= 2:
		return true, "at least 2 strong"
	case s >= 1 && m+w >= 1:
		return true, "1 strong plus 1 medium or weak"
	case m >= 3:
		return true, "at least 3 medium"
	case m >= 2 && w >= 1:
		return true, "2 medium plus 1 weak"
	}
	return false, ""
}

func strengthWeight(strength string) float64 {
	switch strength {
	case Strong:
		return 3
	case Medium:
		return 2
	case Weak:
		return 1
	case Contested:
		return 0.5
	}
	return 0
}

func weightSum(inds []seenIndicator) float64 {
	sum := 0.0
	for _, f := range inds {
		sum += strengthWeight(f.strength)
	}
	return sum
}

func coOccurrence(nonContested int) float64 {
	return 1 + coOccurrenceStep*float64(max(nonContested-1, 0))
}

// distinctIndicators keeps the earliest hit of each indicator. The taxonomy's category and
// strength win over a hit's own, so that an extra hit cannot promote itself; an indicator the
// rule set does not know keeps what its hit says.
func distinctIndicators(rs *RuleSet, hits []Hit) []seenIndicator {
	byID := map[string]int{}
	var out []seenIndicator
	for _, h := range hits {
		f := seenIndicator{id: h.Indicator, category: h.Category, strength: h.Strength, first: h}
		if ind := rs.indicator(h.Indicator); ind != nil {
			f.category, f.strength = ind.Category, ind.Strength
		}
		i, seen := byID[h.Indicator]
		switch {
		case !seen:
			byID[h.Indicator] = len(out)
			out = append(out, f)
		case h.Span.Start < out[i].first.Span.Start:
			out[i].first = h
		}
	}
	slices.SortStableFunc(out, func(a, b seenIndicator) int {
		return cmp.Or(cmp.Compare(strengthRank(a.strength), strengthRank(b.strength)),
			cmp.Compare(rs.indicatorRank(a.id), rs.indicatorRank(b.id)), strings.Compare(a.id, b.id))
	})
	return out
}

func strengthRank(s string) int {
	switch s {
	case Strong:
		return 0
	case Medium:
		return 1
	case Weak:
		return 2
	case Contested:
		return 3
	}
	return 4
}

func (rs *RuleSet) indicator(id string) *Indicator {
	if rs == nil {
		return nil
	}
	return rs.Indicators[id]
}

// indicatorRank is an indicator's place in the taxonomy; unknown ones come after.
func (rs *RuleSet) indicatorRank(id string) int {
	if rs != nil {
		if i := slices.Index(rs.indOrder, id); i >= 0 {
			return i
		}
	}
	return math.MaxInt
}

// categoryOrder lists the categories that have a hit: taxonomy order, then unknown ones sorted.
func categoryOrder(rs *RuleSet, inds []seenIndicator) []string {
	var known []string
	if rs != nil {
		known = rs.catOrder
	}
	var cats, unknown []string
	for _, c := range known {
		if slices.ContainsFunc(inds, func(f seenIndicator) bool { return f.category == c }) {
			cats = append(cats, c)
		}
	}
	for _, f := range inds {
		if !slices.Contains(known, f.category) && !slices.Contains(unknown, f.category) {
			unknown = append(unknown, f.category)
		}
	}
	slices.Sort(unknown)
	return append(cats, unknown...)
}

func scoreCategory(rs *RuleSet, cat string, inds []seenIndicator) CategoryResult {
	cr := CategoryResult{Category: cat, Name: cat}
	if rs != nil && rs.Categories[cat] != "" {
		cr.Name = rs.Categories[cat]
	}
	var mine []seenIndicator
	for _, f := range inds {
		if f.category != cat {
			continue
		}
		mine = append(mine, f)
		cr.Indicators = append(cr.Indicators, f.id)
		switch f.strength {
		case Strong:
			cr.Strong++
		case Medium:
			cr.Medium++
		case Weak:
			cr.Weak++
		case Contested:
			cr.Contested++
		}
	}
	var rule string
	cr.Positive, rule = positiveRule(cr.Strong, cr.Medium, cr.Weak)
	cr.Explanation = explainCategory(cr, mine, rule)
	return cr
}

// explainCategory says, in one line, what a category has and whether that makes it positive.
func explainCategory(cr CategoryResult, mine []seenIndicator, rule string) string {
	var groups []string
	for _, s := range []struct{ strength, word string }{
		{Strong, "strong"}, {Medium, "medium"}, {Weak, "weak"}, {Contested, "contested"},
	} {
		if g := describeGroup(mine, s.strength, s.word); g != "" {
			groups = append(groups, g)
		}
	}
	what := strings.Join(groups, ", ")
	switch {
	case cr.Positive:
		return fmt.Sprintf("%s: positive — %s (ILO–EC 2009 rule: %s)", cr.Name, what, rule)
	case cr.Strong+cr.Medium+cr.Weak == 0:
		return fmt.Sprintf("%s: contested only — %s", cr.Name, what)
	}
	return fmt.Sprintf("%s: not positive — %s (the ILO–EC 2009 rule needs 2 strong, 1 strong plus 1 medium "+
		"or weak, 3 medium, or 2 medium plus 1 weak)", cr.Name, what)
}

// describeGroup renders the indicators of one strength: `2 strong indicators (a: “…”, b: “…”)`.
func describeGroup(mine []seenIndicator, strength, word string) string {
	var items []string
	for _, f := range mine {
		if f.strength == strength {
			items = append(items, fmt.Sprintf("%s: “%s”", f.id, quote(f.first)))
		}
	}
	if len(items) == 0 {
		return ""
	}
	s := fmt.Sprintf("%s (%s)", plural(len(items), word+" indicator", word+" indicators"), strings.Join(items, ", "))
	if strength == Contested {
		s += ", not counted"
	}
	return s
}

// quote gives the words of a hit as one short line.
func quote(h Hit) string {
	const maxRunes = 60
	s := strings.Join(strings.Fields(h.Text), " ")
	if s == "" {
		s = h.Pattern
	}
	if utf8.RuneCountInString(s) > maxRunes {
		s = string([]rune(s)[:maxRunes-1]) + "…"
	}
	return s
}

// explainScore puts the verdict first, then one line per category, then how the number came
// about, so that a reader can check every step.
func explainScore(sc Score, inds []seenIndicator, sum, factor float64, nonContested int) []string {
	var lines []string
	positives := 0
	for _, c := range sc.Categories {
		if c.Positive {
			positives++
		}
	}
	switch {
	case len(inds) == 0:
		return []string{"No indicator found. That does not make the ad safe: the rules see only what the text says."}
	case nonContested == 0:
		lines = append(lines, "Level none: only contested indicators, which are shown but never raise the level.")
	default:
		lines = append(lines, fmt.Sprintf("Level %s: %s positive under the ILO–EC 2009 rule, from %s; "+
			"single signs are weak evidence, co-occurring ones weigh more.",
			sc.Level, plural(positives, "category", "categories"), plural(nonContested, "distinct indicator", "distinct indicators")))
		if sc.Level == LevelHigh && positives == 1 {
			lines[0] += " High because one category has 3 or more strong indicators."
		}
		if sc.Level == LevelMedium && positives == 0 {
			lines[0] += " Medium because a strong indicator co-occurs with at least two others across categories."
		}
	}
	for _, c := range sc.Categories {
		if c.Positive {
			lines = append(lines, c.Explanation)
		}
	}
	for _, c := range sc.Categories {
		if !c.Positive {
			lines = append(lines, c.Explanation)
		}
	}
	return append(lines, fmt.Sprintf("Score %.2f = weights %s (strong 3, medium 2, weak 1, contested 0.5) × "+
		"co-occurrence factor %.2f (1 + %.2f per distinct non-contested indicator after the first).",
		sc.Score, weightTerms(inds, sum), factor, coOccurrenceStep))
}

func plural(n int, one, many string) string {
	switch n {
	case 0:
		return "no " + one
	case 1:
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func weightTerms(inds []seenIndicator, sum float64) string {
	terms := make([]string, len(inds))
	for i, f := range inds {
		terms[i] = fmt.Sprintf("%g", strengthWeight(f.strength))
	}
	if len(terms) == 1 {
		return terms[0]
	}
	return fmt.Sprintf("(%s = %g)", strings.Join(terms, " + "), sum)
}
