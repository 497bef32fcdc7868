package analysis

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

var levelRank = map[string]int{"none": 0, "low": 1, "medium": 2, "high": 3}

type goldenAd struct {
	Lang, Name, Text string
	Want             []string
	Min              string `json:"min_level"`
	Max              string `json:"max_level"`
}

func defaultAnalyzer(t testing.TB) *Analyzer {
	t.Helper()
	a, err := DefaultAnalyzer()
	if err != nil {
		t.Fatalf("the embedded rule packs do not load: %v", err)
	}
	return a
}

// Golden ads per language: a recruitment lure in each supported language is explained with the
// indicators a reader sees in it; an ordinary ad stays at low or none.
func TestGoldenAdsPerLanguage(t *testing.T) {
	b, err := os.ReadFile("testdata/golden/ads.json")
	if err != nil {
		t.Fatal(err)
	}
	var ads []goldenAd
	if err := json.Unmarshal(b, &ads); err != nil {
		t.Fatal(err)
	}
	a := defaultAnalyzer(t)
	for _, ad := range ads {
		t.Run(ad.Lang+"/"+ad.Name, func(t *testing.T) {
			res := a.Analyze(ad.Text, Options{})
			got := map[string]bool{}
			for _, h := range res.Hits {
				got[h.Indicator] = true
				if ad.Text[h.Span.Start:h.Span.End] != h.Text {
					t.Errorf("hit %s: span %v does not give its text %q", h.Indicator, h.Span, h.Text)
				}
				if h.Explanation == "" || h.Source == "" {
					t.Errorf("hit %s without explanation or source", h.Indicator)
				}
			}
			for _, w := range ad.Want {
				if !got[w] {
					t.Errorf("missing %s; found %v", w, keys(got))
				}
			}
			if ad.Min != "" && levelRank[res.Level] < levelRank[ad.Min] {
				t.Errorf("level %s, want at least %s: %v", res.Level, ad.Min, res.Explanation)
			}
			if ad.Max != "" && levelRank[res.Level] > levelRank[ad.Max] {
				t.Errorf("level %s, want at most %s: %v", res.Level, ad.Max, res.Explanation)
			}
			if len(res.Languages) == 0 || res.Languages[0].Lang != ad.Lang {
				t.Errorf("language %v, want %s", res.Languages, ad.Lang)
			}
			if !strings.Contains(res.RulePack, "indicators@") {
				t.Errorf("rule-pack version %q not recorded", res.RulePack)
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAnalyzeHostileInput(t *testing.T) {
	a := defaultAnalyzer(t)
	for _, in := range []string{"", "\xff\xfe\xfd", strings.Repeat("a", MaxTextBytes+10), strings.Repeat("🍒", 1000)} {
		res := a.Analyze(in, Options{Region: "IT"})
		if res.Level == "" || res.Hits == nil || res.Entities == nil {
			t.Errorf("input of %d bytes: incomplete result %+v", len(in), res.Level)
		}
	}
}

// A text with nothing in it (an image whose OCR read nothing) gets no model probability: the
// model's prior would read like a finding.
func TestAnalyzeEmptyTextHasNoModelLine(t *testing.T) {
	a, err := DefaultAnalyzer()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{"", " \n\t "} {
		if res := a.Analyze(in, Options{}); res.Model != nil || res.Level != "none" {
			t.Errorf("%q: level %s, model %+v", in, res.Level, res.Model)
		}
	}
	if res := a.Analyze("Data entry from home, earn $500 a day", Options{}); res.Model == nil {
		t.Error("a text got no model result")
	}
}

func FuzzAnalyze(f *testing.F) {
	f.Add("Earn 3000 EUR per week, passport held for safekeeping, call +39 333 000 0000")
	f.Add("з\u0430работок 3ооо €")
	a, err := DefaultAnalyzer()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		res := a.Analyze(s, Options{Region: "GR"})
		for _, h := range res.Hits {
			if h.Span.Start < 0 || h.Span.End > len(s) || h.Span.Start > h.Span.End {
				t.Fatalf("hit span %v out of %d bytes", h.Span, len(s))
			}
		}
		for _, e := range res.Entities {
			if e.Span.Start < 0 || e.Span.End > len(s) || e.Span.Start > e.Span.End {
				t.Fatalf("entity span %v out of %d bytes", e.Span, len(s))
			}
		}
	})
}

// A pattern that several packs give one indicator ("24/7") is matched once; its hit is named
// after the pack of the text's language when that pack has it, else after one that does.
func TestHitNamedAfterTheTextsLanguage(t *testing.T) {
	a := defaultAnalyzer(t)
	for _, c := range []struct{ text, lang string }{
		{"Нова дівчина в місті, доступна 24/7, пишіть у телеграм, чекаю на вас", "uk"},
		{"Новая девушка в городе, доступна 24/7, пишите в телеграм, жду вас", "ru"},
		{"Fată nouă în oraș, disponibilă 24/7, scrie-mi pe WhatsApp, te aștept", "ro"},
		{"Καινούργια κοπέλα στην πόλη, διαθέσιμη 24/7, γράψε μου στο WhatsApp", "el"},
		// the Italian pack has no bare "24/7": the hit stays another pack's
		{"Ragazza nuova in città, disponibile 24/7, scrivimi su WhatsApp", ""},
	} {
		res := a.Analyze(c.text, Options{})
		if len(res.Languages) == 0 {
			t.Fatalf("%q: no language", c.text)
		}
		found := false
		for _, h := range res.Hits {
			if h.Indicator != "always_available" || !strings.Contains(h.Text, "24/7") {
				continue
			}
			found = true
			if c.lang != "" && h.Lang != c.lang {
				t.Errorf("%q (%s): the 24/7 hit is named after the %s pack, want %s", c.text, res.Languages[0].Lang, h.Lang, c.lang)
			}
			if c.lang == "" && h.Lang == res.Languages[0].Lang {
				t.Errorf("%q: the 24/7 hit is named after the %s pack, which has no such pattern", c.text, h.Lang)
			}
		}
		if !found {
			t.Errorf("%q: no always_available hit on 24/7: %v", c.text, res.Hits)
		}
	}
}
