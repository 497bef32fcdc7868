package analysis

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
)

type langSample struct{ lang, text string }

func readLangSamples(t testing.TB, file string) []langSample {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []langSample
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, text, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad sample line %q", line)
		}
		out = append(out, langSample{lang, text})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDetectLanguageAccuracy runs synthetic ads and reports accuracy overall and per language:
// ads.tsv was written alongside the tables; heldout.tsv after they were frozen.
func TestDetectLanguageAccuracy(t *testing.T) {
	// ads.tsv is held to more than the 90% asked, so that a regression shows.
	for file, minAcc := range map[string]float64{"ads.tsv": 0.97, "heldout.tsv": 0.9} {
		t.Run(file, func(t *testing.T) { testLangAccuracy(t, "testdata/lang/"+file, minAcc) })
	}
}

func testLangAccuracy(t *testing.T, file string, minAcc float64) {
	samples := readLangSamples(t, file)
	right := map[string]int{}
	total := map[string]int{}
	ok := 0
	for _, s := range samples {
		got := DetectLanguage(s.text)
		checkLangScores(t, s.text, got)
		total[s.lang]++
		if len(got) > 0 && got[0].Lang == s.lang {
			right[s.lang]++
			ok++
			continue
		}
		t.Logf("miss: want %s, got %v for %q", s.lang, got, s.text)
	}
	langs := slices.Sorted(func(yield func(string) bool) {
		for l := range total {
			if !yield(l) {
				return
			}
		}
	})
	var per []string
	for _, l := range langs {
		if total[l] < 5 {
			t.Errorf("only %d samples for %s, want at least 5", total[l], l)
		}
		per = append(per, fmt.Sprintf("%s %d/%d", l, right[l], total[l]))
	}
	acc := float64(ok) / float64(len(samples))
	t.Logf("language detection accuracy: %d/%d = %.1f%% (%s)", ok, len(samples), 100*acc, strings.Join(per, ", "))
	if acc < minAcc {
		t.Errorf("accuracy %.1f%%, want at least %.0f%%", 100*acc, 100*minAcc)
	}
}

func checkLangScores(t *testing.T, text string, got []LangScore) {
	t.Helper()
	if got == nil {
		t.Fatalf("DetectLanguage(%q) = nil, want a non-nil slice", text)
	}
	if len(got) > 3 {
		t.Errorf("DetectLanguage(%q): %d candidates, want at most 3", text, len(got))
	}
	sum := 0.0
	for i, s := range got {
		if s.Score <= 0 || s.Score > 1 {
			t.Errorf("DetectLanguage(%q): score %v out of range", text, s)
		}
		if i > 0 && s.Score > got[i-1].Score {
			t.Errorf("DetectLanguage(%q) = %v: not best first", text, got)
		}
		sum += s.Score
	}
	if sum > 1+1e-9 {
		t.Errorf("DetectLanguage(%q) = %v: scores sum to %v", text, got, sum)
	}
}

// Texts with too little to go on give nothing, or nothing anyone would trust.
func TestDetectLanguageLittleToGoOn(t *testing.T) {
	for _, text := range []string{
		"", "   \n\t", "12345 678 90", "+39 333 123 4567", "€€€ !!! ??? ☎☎☎", "ok", "a b",
		"xx", "3000€ 24/7", "😍😍😍 💋", "http://t.me/x1",
	} {
		t.Run(text, func(t *testing.T) {
			got := DetectLanguage(text)
			checkLangScores(t, text, got)
			if len(got) > 0 && got[0].Score >= 0.5 {
				t.Errorf("DetectLanguage(%q) = %v, want nothing or a low score", text, got)
			}
		})
	}
}

func TestDetectLanguageCases(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		first      string   // the best candidate, if one is expected
		among      []string // languages expected among the candidates
	}{
		{"greek and english", "Ζητούνται κοπέλες για δουλειά στην Αθήνα. We are looking for girls to work in the hotel, call us today.", "", []string{"el", "en"}},
		{"greek with english words", "Ζητούνται κοπέλες για δουλειά στην Αθήνα, full time, καλά λεφτά, τηλεφωνήστε σήμερα.", "el", nil},
		{"english ad with italian words", "Looking for girls for work in Milano, the salary is good, stipendio alto, chiamami.", "en", nil},
		{"upper case", "SE BUSCAN CHICAS PARA TRABAJAR EN EL EXTRANJERO", "es", nil},
		{"zero-width characters", "Wir such\u200ben Fra\u00aduen für die Ar\u200dbeit", "de", nil},
		{"cyrillic look-alikes in english", "Wе аrе lооking fоr girls tо wоrk in thе hоtеl", "en", nil},
		{"ukrainian typed with latin i", "Робота для дiвчат, пишiть нам", "uk", nil},
		{"bulgarian without its letters", "Работа за момичета, добри пари, пишете ни", "bg", nil},
		{"romanian without diacritics", "Cautam fete pentru munca in strainatate, cazare si masa asigurate", "ro", nil},
		{"romanian with cedillas", "Căutăm fete pentru muncă în străinătate, cazare şi masă asigurate", "ro", nil},
		{"spelled out", "L A V O R O per ragazze a Roma", "it", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := DetectLanguage(tc.text)
			checkLangScores(t, tc.text, got)
			var langs []string
			for _, s := range got {
				langs = append(langs, s.Lang)
			}
			if tc.first != "" && (len(langs) == 0 || langs[0] != tc.first) {
				t.Errorf("DetectLanguage(%q) = %v, want %s first", tc.text, got, tc.first)
			}
			for _, w := range tc.among {
				if !slices.Contains(langs, w) {
					t.Errorf("DetectLanguage(%q) = %v, want %s among the candidates", tc.text, got, w)
				}
			}
		})
	}
}

// More text of the same language means more confidence.
func TestDetectLanguageConfidenceGrows(t *testing.T) {
	short := DetectLanguage("Cerchiamo ragazze")
	long := DetectLanguage("Cerchiamo ragazze per lavoro come hostess a Milano, stipendio alto, vitto e alloggio inclusi, chiamare subito.")
	if len(short) == 0 || len(long) == 0 || short[0].Lang != "it" || long[0].Lang != "it" {
		t.Fatalf("short %v, long %v: want it for both", short, long)
	}
	if long[0].Score <= short[0].Score {
		t.Errorf("score of the long text %v not above the short one %v", long[0].Score, short[0].Score)
	}
	if long[0].Score < 0.7 {
		t.Errorf("long Italian ad scored %v, want at least 0.7", long[0].Score)
	}
}

// Ads are often typed without accents: the bare word still counts for its language.
func TestLangBareWords(t *testing.T) {
	m := langModelOnce()
	for word, lang := range map[string]string{"munca": "ro", "și": "ro", "si": "ro", "nao": "pt", "tambien": "es", "tres": "fr", "doswiadczenie": "pl", "perche": "it"} {
		ws, ok := m.lookupWord(langToken{word, langLatin})
		found := false
		for _, w := range ws {
			found = found || m.profiles[w.lang].code == lang
		}
		if !ok || !found {
			t.Errorf("lookupWord(%q) = %v, want evidence for %s", word, ws, lang)
		}
	}
}

func TestLangTokenize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"L4V0RO per r@gazze", "lavoro per ragazze"},
		{"3000eur anna92", "eur anna"},
		{"wоrk рабoта", "work работа"}, // Cyrillic о in a Latin word, Latin o in a Cyrillic one
		{"ｗｏｒｋ", "work"},
		{"l'appartement dell'hotel don't c'è", "l' appartement dell' hotel don't c'è"},
		{"L A V O R O per", "lavoro per"},
		{"wo\u200brk fa\u00admily", "work family"},
		{"ŞI ţara", "și țara"},
	} {
		toks, _ := langTokenize(tc.in)
		var words []string
		for _, tok := range toks {
			words = append(words, tok.word)
		}
		if got := strings.Join(words, " "); got != tc.want {
			t.Errorf("langTokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzDetectLanguage(f *testing.F) {
	for _, s := range readLangSamples(f, "testdata/lang/ads.tsv") {
		f.Add(s.text)
	}
	f.Add("\xff\xfe Ｗ\u200b0rk ş")
	f.Fuzz(func(t *testing.T, text string) {
		got := DetectLanguage(text)
		sum := 0.0
		for _, s := range got {
			if s.Score <= 0 || s.Score > 1 || s.Lang == "" {
				t.Fatalf("DetectLanguage(%q): invalid candidate %v", text, s)
			}
			sum += s.Score
		}
		if len(got) > 3 || sum > 1+1e-9 || !sort.SliceIsSorted(got, func(i, j int) bool { return got[i].Score > got[j].Score }) {
			t.Fatalf("DetectLanguage(%q) = %v: invalid", text, got)
		}
	})
}

func BenchmarkDetectLanguage(b *testing.B) {
	samples := readLangSamples(b, "testdata/lang/ads.tsv")
	size := 0
	for _, s := range samples {
		size += len(s.text)
	}
	langModelOnce() // build the tables outside the timing
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range samples {
			DetectLanguage(s.text)
		}
	}
}

// A long text, spaced letters included, takes linear time.
func TestDetectLanguageLongText(t *testing.T) {
	long := strings.Repeat("a ", 1<<17) + strings.Repeat("Cerchiamo ragazze per lavoro. ", 1<<12)
	got := DetectLanguage(long)
	checkLangScores(t, "long text", got)
	if len(got) == 0 || got[0].Lang != "it" {
		t.Errorf("DetectLanguage(long text) = %v, want it", got)
	}
}
