package analysis

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// testRules loads the small, complete rule set under testdata/rules/good.
func testRules(t testing.TB) *RuleSet {
	t.Helper()
	rs, err := LoadRules(os.DirFS("testdata/rules/good"))
	if err != nil {
		t.Fatalf("LoadRules(testdata/rules/good): %v", err)
	}
	return rs
}

// overlay is the good rule set with the files of one broken case laid over it.
func overlay(t *testing.T, dirs ...string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range dirs {
		files, err := fs.Glob(os.DirFS(dir), "*.json")
		if err != nil || len(files) == 0 {
			t.Fatalf("no rule files in %s: %v", dir, err)
		}
		for _, f := range files {
			b, err := os.ReadFile(path.Join(dir, f))
			if err != nil {
				t.Fatal(err)
			}
			m[f] = &fstest.MapFile{Data: b}
		}
	}
	return m
}

func TestLoadRulesGood(t *testing.T) {
	rs := testRules(t)
	if want := "indicators@test.1 el@test.1 en@test.1 it@test.2 ru@test.1 uk@test.1"; rs.Version != want {
		t.Errorf("Version = %q, want %q", rs.Version, want)
	}
	if got := strings.Join(rs.Langs, ","); got != "el,en,it,ru,uk" {
		t.Errorf("Langs = %s", got)
	}
	ds := rs.Indicators["documents_surrender"]
	if ds == nil || ds.Strength != Strong || ds.Category != "coercion_control" || len(ds.Patterns) != 5 {
		t.Fatalf("documents_surrender = %+v", ds)
	}
	if got := ds.Patterns["it"][1]; got != "trattenere i document*" {
		t.Errorf("patterns keep the author's spelling, got %q", got)
	}
	if rs.Categories["coercion_control"] != "Coercion and control" {
		t.Errorf("Categories = %v", rs.Categories)
	}
}

// TestLoadRulesBroken checks that each kind of broken pack is refused with a message naming
// the file and the problem, and that nothing else is reported beside it.
func TestLoadRulesBroken(t *testing.T) {
	cases := []struct {
		dir  string
		want []string // each must appear, one problem per entry
	}{
		{"syntax", []string{"rule pack xx.json:4:3: bad JSON"}},
		{"type", []string{"rule pack xx.json:3:39: bad JSON"}},
		{"unknown_indicator", []string{`xx.json: indicator no_such_indicator: unknown indicator id`}},
		{"empty_pattern", []string{`xx.json: indicator documents_surrender: pattern 2 "": empty pattern`}},
		{"blank_pattern", []string{`xx.json: indicator documents_surrender: pattern 2 "   ": empty pattern`}},
		{"duplicate_pattern", []string{`xx.json: indicator documents_surrender: pattern 2 "Passport": duplicate of pattern 1 "passport"`}},
		{"normalises_to_nothing", []string{`xx.json: indicator documents_surrender: pattern 2 "\u200b\u00ad": normalises to nothing`}},
		{"dangling_tilde", []string{`xx.json: indicator documents_surrender: pattern 1 "passport ~": '~' and '*' need words`}},
		{"star_inside", []string{`xx.json: indicator documents_surrender: pattern 1 "pass*port": '*' may only end a word part`}},
		{"star_after_punct", []string{`xx.json: indicator excessive_hours_stated: pattern 1 "24/7 !*": '*' must follow a letter or digit`}},
		{"single_letter", []string{`xx.json: indicator documents_surrender: pattern 1 "x": a single letter or digit`}},
		{"no_patterns", []string{"xx.json: a language pack with no patterns"}},
		{"wrong_language", []string{`xx.json: language "en" does not match the file name (want "xx")`}},
		{"no_version", []string{"xx.json: no version"}},
		{"duplicate_key", []string{`xx.json: indicator documents_surrender: listed twice in "patterns"`}},
		{"many", []string{"xx.json: no version", `pattern 2 "passport": duplicate of pattern 1`,
			`pattern 3 "": empty pattern`, "indicator no_such_indicator: unknown indicator id"}},
		{"uncovered", []string{"indicators.json: indicator job_nature_vague: no pattern in any language pack (el, en, it, ru, uk)"}},
		{"empty_list", []string{"indicators.json: indicator job_nature_vague: no pattern in any language pack"}},
		{"tax_syntax", []string{"rule pack indicators.json:2:60: bad JSON"}},
		{"tax_unknown_category", []string{`indicators.json: indicator fines_penalties: unknown category "coercion"`}},
		{"tax_bad_strength", []string{`indicators.json: indicator fines_penalties: bad strength "medium" (want S, M, W or C)`}},
		{"tax_empty_explain", []string{"indicators.json: indicator fines_penalties: empty explain"}},
		{"tax_empty_source", []string{"indicators.json: indicator fines_penalties: empty source"}},
		{"tax_duplicate_id", []string{"indicators.json: indicator fines_penalties: duplicate id"}},
		{"tax_bad_id", []string{`indicators.json: indicator Fines-Penalties: id "Fines-Penalties" must be lower-case`}},
		{"tax_no_version", []string{"indicators.json: no version"}},
	}
	for _, c := range cases {
		t.Run(c.dir, func(t *testing.T) {
			_, err := LoadRules(overlay(t, "testdata/rules/good", "testdata/rules/broken/"+c.dir))
			if err == nil {
				t.Fatal("LoadRules accepted a broken pack")
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not say %q:\n%s", w, msg)
				}
			}
			if lines := strings.Count(msg, "\n") + 1; lines != len(c.want) {
				t.Errorf("%d problems reported, want %d:\n%s", lines, len(c.want), msg)
			}
			var re *RuleError
			if !errors.As(err, &re) || re.File == "" {
				t.Errorf("error is not a *RuleError naming its file: %#v", err)
			}
		})
	}
}

func TestLoadRulesMissingTaxonomy(t *testing.T) {
	_, err := LoadRules(fstest.MapFS{"en.json": {Data: []byte(`{}`)}})
	var re *RuleError
	if !errors.As(err, &re) || re.File != TaxonomyFile || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want a RuleError for a missing %s", err, TaxonomyFile)
	}
}

// TestLoadRulesTaxonomyAlone: before any language pack exists the taxonomy alone is a valid,
// silent rule set; coverage is checked only once there is a pack.
func TestLoadRulesTaxonomyAlone(t *testing.T) {
	m := overlay(t, "testdata/rules/good")
	for f := range m {
		if f != TaxonomyFile {
			delete(m, f)
		}
	}
	rs, err := LoadRules(m)
	if err != nil {
		t.Fatalf("taxonomy alone refused: %v", err)
	}
	if rs.Version != "indicators@test.1" || len(rs.Langs) != 0 {
		t.Errorf("Version %q, Langs %v", rs.Version, rs.Langs)
	}
	if hits := rs.Match(Normalize("hand over your passport, 24/7")); hits != nil {
		t.Errorf("hits without patterns: %v", hits)
	}
}

// TestDefaultRules guards the packs shipped in the binary.
func TestDefaultRules(t *testing.T) {
	rs, err := DefaultRules()
	if err != nil {
		t.Fatalf("the embedded rule packs are broken:\n%v", err)
	}
	if len(rs.Indicators) < 40 || len(rs.Categories) < 5 {
		t.Errorf("embedded taxonomy too small: %d indicators, %d categories", len(rs.Indicators), len(rs.Categories))
	}
	if !strings.HasPrefix(rs.Version, "indicators@") {
		t.Errorf("Version = %q", rs.Version)
	}
	for _, lang := range rs.Langs {
		if !strings.Contains(rs.Version, " "+lang+"@") {
			t.Errorf("Version %q lacks pack %s", rs.Version, lang)
		}
	}
	t.Logf("embedded: %s (%d indicators)", rs.Version, len(rs.Indicators))
}

// TestDefaultRulesFindThemselves: every shipped pattern, written out as a text ('*' dropped,
// '~' parts side by side), must hit its own indicator. A failure means the normaliser folds
// the phrase differently in a text than alone, or a pattern cannot match as written.
func TestDefaultRulesFindThemselves(t *testing.T) {
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range rs.m.specs {
		text := strings.NewReplacer("~", " ", "*", "").Replace(s.raw)
		hits := rs.Match(Normalize(text))
		if !slices.ContainsFunc(hits, func(h Hit) bool { return h.Indicator == s.ind.ID }) {
			t.Errorf("%s.json: %s: pattern %q does not find itself (normalised %q)", s.lang, s.ind.ID, s.raw, Normalize(text).Text)
		}
	}
}
