package analysis

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// scoreRules is a taxonomy made for the combining rule: category a has strong a_s1…a_s3,
// medium a_m1…a_m3, weak a_w1, a_w2 and contested a_c1, a_c2; category b has b_s1, b_s2, b_m1
// and b_c1.
func scoreRules() *RuleSet {
	rs := &RuleSet{Categories: map[string]string{"a": "Category A", "b": "Category B"},
		Indicators: map[string]*Indicator{}, catOrder: []string{"a", "b"}}
	add := func(cat, strength string, ids ...string) {
		for _, id := range ids {
			rs.Indicators[id] = &Indicator{ID: id, Category: cat, Strength: strength, Source: "test", Explain: id}
			rs.indOrder = append(rs.indOrder, id)
		}
	}
	add("a", Strong, "a_s1", "a_s2", "a_s3")
	add("a", Medium, "a_m1", "a_m2", "a_m3")
	add("a", Weak, "a_w1", "a_w2")
	add("a", Contested, "a_c1", "a_c2")
	add("b", Strong, "b_s1", "b_s2")
	add("b", Medium, "b_m1")
	add("b", Contested, "b_c1")
	return rs
}

// hitsOf makes one hit per id, as Match would, each at its own place in the text.
func hitsOf(rs *RuleSet, ids ...string) []Hit {
	var hs []Hit
	for i, id := range ids {
		ind := rs.Indicators[id]
		hs = append(hs, Hit{HitRule: &HitRule{Indicator: id, Category: ind.Category, Strength: ind.Strength,
			Lang: "en", Pattern: id}, Span: Span{i * 10, i*10 + 5}, Text: "words of " + id})
	}
	return hs
}

func TestScoreCombining(t *testing.T) {
	rs := scoreRules()
	cases := []struct {
		name     string
		ids      []string
		level    string
		positive []string // positive categories
		score    float64
	}{
		{"nothing", nil, LevelNone, nil, 0},
		{"contested only", []string{"a_c1"}, LevelNone, nil, 0.5},
		{"contested only, two categories", []string{"a_c1", "a_c2", "b_c1"}, LevelNone, nil, 1.5},
		{"one strong alone", []string{"a_s1"}, LevelLow, nil, 3},
		{"one medium alone", []string{"a_m1"}, LevelLow, nil, 2},
		{"2 strong", []string{"a_s1", "a_s2"}, LevelMedium, []string{"a"}, 6.9},
		{"1 strong + 1 medium", []string{"a_s1", "a_m1"}, LevelMedium, []string{"a"}, 5.75},
		{"1 strong + 1 weak", []string{"a_s1", "a_w1"}, LevelMedium, []string{"a"}, 4.6},
		{"3 medium", []string{"a_m1", "a_m2", "a_m3"}, LevelMedium, []string{"a"}, 7.8},
		{"2 medium + 1 weak", []string{"a_m1", "a_m2", "a_w1"}, LevelMedium, []string{"a"}, 6.5},
		{"2 medium", []string{"a_m1", "a_m2"}, LevelLow, nil, 4.6},
		{"1 medium + 2 weak", []string{"a_m1", "a_w1", "a_w2"}, LevelLow, nil, 5.2},
		{"2 weak", []string{"a_w1", "a_w2"}, LevelLow, nil, 2.3},
		{"strong + contested is not positive", []string{"a_s1", "a_c1"}, LevelLow, nil, 3.5},
		{"2 medium + contested is not positive", []string{"a_m1", "a_m2", "a_c1", "a_c2"}, LevelLow, nil, 5.75},
		{"signs split over categories", []string{"a_s1", "b_m1"}, LevelLow, nil, 5.75},
		{"3 strong in one category", []string{"a_s1", "a_s2", "a_s3"}, LevelHigh, []string{"a"}, 11.7},
		{"two positive categories", []string{"a_s1", "a_m1", "b_s1", "b_s2"}, LevelHigh, []string{"a", "b"}, 15.95},
		{"one positive, one not", []string{"a_s1", "a_s2", "b_m1"}, LevelMedium, []string{"a"}, 10.4},
		{"repeated hits count once", []string{"a_s1", "a_s1", "a_s1"}, LevelLow, nil, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sc := ScoreHits(rs, hitsOf(rs, c.ids...), nil)
			var pos []string
			for _, cr := range sc.Categories {
				if cr.Positive {
					pos = append(pos, cr.Category)
				}
			}
			if sc.Level != c.level || !slices.Equal(pos, c.positive) || math.Abs(sc.Score-c.score) > 1e-9 {
				t.Errorf("level %s, positive %v, score %v; want %s, %v, %v\n%s",
					sc.Level, pos, sc.Score, c.level, c.positive, c.score, strings.Join(sc.Explanation, "\n"))
			}
			if len(sc.Explanation) == 0 {
				t.Error("no explanation")
			}
			// Contested indicators never change the level, whatever they join.
			// They do add a little to the score.
			ids := slices.Clone(c.ids)
			for _, id := range []string{"a_c1", "a_c2", "b_c1"} {
				if !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
			withC := ScoreHits(rs, hitsOf(rs, ids...), nil)
			if withC.Level != c.level || len(ids) > len(c.ids) && withC.Score <= sc.Score {
				t.Errorf("adding contested: level %s score %v, want level %s and a score above %v",
					withC.Level, withC.Score, c.level, sc.Score)
			}
		})
	}
}

func TestScoreCounts(t *testing.T) {
	rs := scoreRules()
	sc := ScoreHits(rs, hitsOf(rs, "a_w1", "a_c1", "a_s1", "a_m1", "a_s1", "b_c1"), nil)
	if len(sc.Categories) != 2 {
		t.Fatalf("categories = %+v", sc.Categories)
	}
	a := sc.Categories[0]
	if a.Category != "a" || a.Name != "Category A" || a.Strong != 1 || a.Medium != 1 || a.Weak != 1 || a.Contested != 1 {
		t.Errorf("category a = %+v", a)
	}
	if want := []string{"a_s1", "a_m1", "a_w1", "a_c1"}; !slices.Equal(a.Indicators, want) {
		t.Errorf("indicators = %v, want strongest first %v", a.Indicators, want)
	}
	if b := sc.Categories[1]; b.Positive || b.Contested != 1 || !strings.Contains(b.Explanation, "contested only") {
		t.Errorf("category b = %+v", b)
	}
}

// TestScoreExtra: hits from elsewhere count like pattern hits, and the taxonomy, not the hit,
// says how strong an indicator is.
func TestScoreExtra(t *testing.T) {
	rs := scoreRules()
	extra := hitsOf(rs, "a_s2")
	if sc := ScoreHits(rs, hitsOf(rs, "a_s1"), extra); sc.Level != LevelMedium {
		t.Errorf("strong hit + strong extra: level %s, want medium", sc.Level)
	}
	extra[0].Indicator, extra[0].Strength = "a_w1", Strong // claims more than the taxonomy gives
	sc := ScoreHits(rs, nil, extra)
	if sc.Categories[0].Weak != 1 || sc.Categories[0].Strong != 0 {
		t.Errorf("extra hit promoted itself: %+v", sc.Categories[0])
	}
	unknown := []Hit{{HitRule: &HitRule{Indicator: "from_elsewhere", Category: "other", Strength: Medium}, Text: "x"}}
	sc = ScoreHits(rs, hitsOf(rs, "a_s1"), unknown)
	if len(sc.Categories) != 2 || sc.Categories[1].Category != "other" || sc.Categories[1].Medium != 1 {
		t.Errorf("an indicator the rules do not know keeps its hit's category and strength: %+v", sc.Categories)
	}
}

func TestScoreExplanation(t *testing.T) {
	rs := scoreRules()
	sc := ScoreHits(rs, hitsOf(rs, "a_s2", "a_s1", "b_m1", "a_c1"), nil)
	want := []string{
		"Level medium: 1 category positive under the ILO–EC 2009 rule, from 3 distinct indicators",
		"Category A: positive — 2 strong indicators (a_s1: “words of a_s1”, a_s2: “words of a_s2”), " +
			"1 contested indicator (a_c1: “words of a_c1”), not counted (ILO–EC 2009 rule: at least 2 strong)",
		"Category B: not positive — 1 medium indicator (b_m1: “words of b_m1”) (the ILO–EC 2009 rule needs",
		"Score 11.05 = weights (3 + 3 + 2 + 0.5 = 8.5)",
	}
	if len(sc.Explanation) != len(want) {
		t.Fatalf("explanation:\n%s", strings.Join(sc.Explanation, "\n"))
	}
	for i, w := range want {
		if !strings.HasPrefix(sc.Explanation[i], w) {
			t.Errorf("line %d:\n got %s\nwant %s…", i, sc.Explanation[i], w)
		}
	}
	if sc := ScoreHits(rs, nil, nil); len(sc.Explanation) != 1 || !strings.HasPrefix(sc.Explanation[0], "No indicator found") {
		t.Errorf("empty explanation = %q", sc.Explanation)
	}
}

// TestScoreOnText runs the whole path, packs to level, on one ad.
func TestScoreOnText(t *testing.T) {
	rs := testRules(t)
	text := "Easy money abroad! Hand over your passport on arrival, travel costs will be deducted, " +
		"work 7 days a week. New in town 🍒"
	sc := ScoreHits(rs, rs.Match(Normalize(text)), nil)
	t.Logf("%s", strings.Join(sc.Explanation, "\n"))
	if sc.Level != LevelHigh {
		t.Errorf("level %s, want high (3 strong coercion indicators):\n%s", sc.Level, strings.Join(sc.Explanation, "\n"))
	}
	if !strings.Contains(strings.Join(sc.Explanation, "\n"), "documents_surrender: “Hand over your passport”") {
		t.Errorf("explanation does not quote the words:\n%s", strings.Join(sc.Explanation, "\n"))
	}
}
