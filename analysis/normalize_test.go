package analysis

import (
	"bytes"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The -update flag rewrites testdata/normalize/*.golden:
// go test ./analysis -run NormalizeGolden -update
// It is registered after the package's variables, and only if no other test file of the
// package has registered a flag of that name already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files")
	}
}

func normUpdateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

type normCase struct{ name, in, want string }

// checkNormalize runs cases through Normalize and checks the text, idempotence and the map.
func checkNormalize(t *testing.T, cases []normCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := Normalize(c.in)
			if n.Text != c.want {
				t.Errorf("Normalize(%q).Text = %q, want %q", c.in, n.Text, c.want)
			}
			checkNormalized(t, n)
		})
	}
}

// normWhole normalises s with the word-level steps run over the whole text at once, the
// reference for the region-by-region work of Normalize.
func normWhole(s string) *Normalized {
	b, anchors, _ := normFoldChars(s)
	u := normWordSteps(normDecodeUnits(b, 0, &normCursor{a: anchors}, nil), &normWork{s: s})
	b, anchors = normAppendUnits(nil, nil, u)
	anchors = append(anchors, normAnchor{len(b), len(s)})
	return &Normalized{Original: s, Text: string(b), anchors: anchors, blocks: normBlocks(anchors, len(b))}
}

// checkNormalized checks what holds for every input: valid UTF-8, idempotence, a monotone map
// within the original, spans that stay within the original, and the same result as the
// word-level steps run over the whole text.
func checkNormalized(t testing.TB, n *Normalized) {
	t.Helper()
	orig := normOrigs(n)
	if w := normWhole(n.Original); w.Text != n.Text || !slices.Equal(normOrigs(w), orig) {
		t.Fatalf("regions differ from the whole text on %q:\n regions %q\n whole   %q", n.Original, n.Text, w.Text)
	}
	if !utf8.ValidString(n.Text) {
		t.Fatalf("Normalize(%q).Text = %q is not valid UTF-8", n.Original, n.Text)
	}
	if again := Normalize(n.Text).Text; again != n.Text {
		t.Fatalf("not idempotent on %q:\n once  %q\n twice %q", n.Original, n.Text, again)
	}
	if len(orig) != len(n.Text)+1 || orig[len(n.Text)] != len(n.Original) {
		t.Fatalf("the map has %d entries ending %v for %d bytes of text", len(orig), orig[len(orig)-1:], len(n.Text))
	}
	for i := 1; i < len(orig); i++ {
		if orig[i] < orig[i-1] || orig[i-1] < 0 {
			t.Fatalf("the map decreases at %d: %v", i, orig[max(0, i-3):i+1])
		}
	}
	sp := n.OriginalSpan(0, len(n.Text))
	if sp.Start < 0 || sp.End > len(n.Original) || sp.Start > sp.End {
		t.Fatalf("OriginalSpan(0, %d) = %v, original has %d bytes", len(n.Text), sp, len(n.Original))
	}
}

func TestNormalizeCharacters(t *testing.T) {
	checkNormalize(t, []normCase{
		{"invalid UTF-8", "a\xffb\xe2\x82", "a\ufffdb\ufffd\ufffd"},
		{"U+FFFD itself", "a\ufffdb", "a\ufffdb"},
		{"full-width", "ＪＯＢ ｏｆｆｅｒ １２３", "job offer 123"},
		{"mathematical bold", "𝐣𝐨𝐛 𝐉𝐎𝐁", "job job"},
		{"mathematical script and double-struck", "𝓢𝓮𝔁𝔂 𝕛𝕠𝕓", "sexy job"},
		{"circled", "ⓙⓞⓑ ⒿⓄⒷ", "job job"},
		{"negative circled", "🅙🅞🅑", "job"},
		{"squared", "🄹🄾🄱", "job"},
		{"negative squared", "🅹🅾🅱 🅰🅱🅾", "job abo"},
		{"squared words", "🆓 🆕 🆗", "free new ok"},
		{"emoji letters", "🅰, 🅱, 🅾, ⓜ, Ⓜ️", "a, b, o, m, m"},
		{"regional indicators spell a word", "🇯🇴🇧 🇸🇪🇽", "job sex"},
		{"regional indicators stay flags", "🇮🇹🇷🇴 🇺🇦", "🇮🇹🇷🇴 🇺🇦"},
		{"small capitals", "ᴊᴏʙ ᴏғғᴇʀ", "job offer"},
		{"case", "JOB Offer ÉTÉ", "job offer ete"},
		{"Greek final sigma", "ΠΟΛΥΣ πολύς", "πολυσ πολυσ"},
		{"German sharp s", "STRASSE Straße", "strasse strasse"},
		{"Turkish dotted and dotless i", "İstanbul kız", "istanbul kiz"},
		{"accents", "esperiènza esperienza", "esperienza esperienza"},
		{"decomposed accents", "espe\u0301rienza", "esperienza"},
		{"Greek tonos", "εργασία ΕΡΓΑΣΊΑ", "εργασια εργασια"},
		{"Romanian comma and cedilla", "ștampilă şcoală ȘASE țară ţară", "stampila scoala sase tara tara"},
		{"German umlauts", "Mädchen für Öl Übung", "madchen fur ol ubung"},
		{"Polish", "łatwa praca, zarobki Łódź", "latwa praca, zarobki lodz"},
		{"Cyrillic ё folds, й ї ў stay", "Ёлка ёж йод Йогурт їжа Їжак ўсё", "елка еж йод йогурт їжа їжак ўсе"},
		{"decomposed й", "и\u0306од", "йод"},
		{"й takes one breve", "и\u0306\u0306 й\u0306", "й й"},
		{"keycap digits", "3️⃣3️⃣3️⃣ 0️⃣ #️⃣", "333 0 #"},
		{"keycap ten", "🔟 euro", "10 euro"},
		{"circled digits", "①②③ ⑩ ❶❷ ➊ ⓫ ⓿", "123 10 12 1 11 0"},
		{"Arabic-Indic digits", "٣٣٣ ۱۲", "333 12"},
		{"zero-width characters", "wh\u200bats\u200capp te\u200dle\u2060gram vi\ufeffber", "whatsapp telegram viber"},
		{"soft hyphen", "pass\u00adport", "passport"},
		{"variation selectors", "✈\ufe0f ❤\ufe0e", "✈ ❤"},
		{"bidi controls", "\u202ejob\u202c", "job"},
		{"other emoji stay", "🍒 new in town 🔥💋", "🍒 new in town 🔥💋"},
		{"apostrophes and dashes", "l’estero — d‘accordo", "l'estero - d'accordo"},
		{"white space", "  ab\u00a0\u00a0cd\t\tef\r\n gh\u3000ij\u2028  ", "ab cd ef gh ij"},
		{"control characters", "a\x00b\x07c", "a b c"},
		{"empty", "", ""},
		{"only space", " \t\n", ""},
		{"only invisible", "\u200b\ufe0f", ""},
	})
}

func TestNormalizeHomoglyphs(t *testing.T) {
	checkNormalize(t, []normCase{
		{"Cherokee and Cyrillic in a Latin word", "Ꮃhаtsаpp", "whatsapp"},
		{"mostly Cyrillic look-alikes, one Latin letter", "раураl", "paypal"},
		{"Cyrillic in Latin words", "hаnd оver your pаssport", "hand over your passport"},
		{"Latin in a Cyrillic word", "рабoта", "работа"},
		{"Latin capitals in a Cyrillic word", "РAБOTA", "работа"},
		{"Latin in a Greek word", "δoυλειά", "δουλεια"},
		{"Greek in a Latin word", "pαssport", "passport"},
		{"Armenian in a Latin word", "jօb", "job"},
		{"Russian word of look-alikes stays Russian", "сор орех", "сор орех"},
		{"Greek word stays Greek", "καλό ΚΑΛΟ", "καλο καλο"},
		{"no look-alike in either direction", "бxyz", "бxyz"},
		{"mixed with digits", "р0бота", "робота"},
	})
}

func TestNormalizeLeet(t *testing.T) {
	checkNormalize(t, []normCase{
		{"inside words", "s3x m0ney wh@tsapp t3l3gram j0b h00k3r c4sh ca$h", "sex money whatsapp telegram job hooker cash cash"},
		{"word-initial", "€asy 3asy $exy 0nly", "easy easy sexy only"},
		{"word-initial after the inside", "3a5y", "easy"},
		{"Cyrillic", "р@бота", "работа"},
		{"numbers", "3000 24/7 +39 333 150$ 5.000€ 1h", "3000 24/7 +39 333 150$ 5.000€ 1h"},
		{"ages and units", "19yo 18anni 10am 3days 3anni 5min 1st 3rd 0km", "19yo 18anni 10am 3days 3anni 5min 1st 3rd 0km"},
		{"codes", "b2b covid19 mp3 4x4 us$500 500eur", "b2b covid19 mp3 4x4 us$500 500eur"},
		{"handles, e-mails and links", "@k1ra anna@gmail.com t.me/j0b https://x.eu/j0bs", "@k1ra anna@gmail.com t.me/j0b https://x.eu/j0bs"},
		{"wallet", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
	})
}

func TestNormalizeSpaced(t *testing.T) {
	checkNormalize(t, []normCase{
		{"spaces", "call w h a t s a p p now", "call whatsapp now"},
		{"capitals", "W H A T S A P P", "whatsapp"},
		{"dots", "t.e.l.e.g.r.a.m", "telegram"},
		{"dashes", "j-o-b", "job"},
		{"spaced dots", "v . i . b . e . r", "viber"},
		{"leet after joining", "w h @ t s 4 p p", "whatsapp"},
		{"three spaced letters stay", "a b c", "a b c"},
		{"digits", "3 3 3 1 2 3 4", "3331234"},
		{"few digits stay", "room 1 2 3 4", "room 1 2 3 4"},
		{"digits after a symbol", "$ 5 0 0 0 0", "$ 50000"},
		{"digits split a run", "c 3 3 n 1 2 3 5 6 7 a b c d", "ceen 123567 abcd"},
		{"slash", "24 / 7 and 24 /7 and 24/ 7", "24/7 and 24/7 and 24/7"},
		{"slash between words stays", "in / out", "in / out"},
	})
}

func TestNormalizeNumberWords(t *testing.T) {
	checkNormalize(t, []normCase{
		{"en", "call three three three one two three four five six seven", "call 3331234567"},
		{"en commas", "three three three, one two three, four five", "33312345"},
		{"commas without spaces", "three,three,zeven", "337"},
		{"en tens", "twenty five thirty three eleven", "253311"},
		{"en double", "double seven one oh", "7710"},
		{"en single words stay", "one job, two girls", "one job, two girls"},
		{"en oh only after a number", "oh oh one two. one oh oh seven", "oh oh one two. 1007"},
		{"it", "chiama tre tre tre uno due tre", "chiama 333123"},
		{"it single", "due lavori", "due lavori"},
		{"es", "seis uno dos tres cuatro cinco", "612345"},
		{"de", "null eins sieben sechs fünf", "01765"},
		{"fr", "zéro six un deux trois", "06123"},
		{"pt", "nove um dois três", "9123"},
		{"nl", "nul zes een twee", "0612"},
		{"pl", "pięć sześć siedem osiem dziewięć", "56789"},
		{"ro", "zero șapte doi trei", "0723"},
		{"el", "έξι ένα δύο τρία τέσσερα", "61234"},
		{"ru", "восемь девять один два три", "89123"},
		{"uk", "нуль шість сім п'ять чотири", "06754"},
		{"uk typographic apostrophe", "п’ять дев’ять сім", "597"},
		{"bg", "осем осем девет едно две", "88912"},
		{"Cyrillic look-alike in an English word", "оne two three", "123"},
	})
}

// TestNormalizeNumberTable: every spelling folds to a key that Normalize itself produces, and
// no key means two numbers in two languages.
func TestNormalizeNumberTable(t *testing.T) {
	seen := map[string]string{}
	for _, l := range normNumberWords {
		for v, spellings := range l.words {
			for _, w := range strings.Split(spellings, "/") {
				key := normFoldString(w)
				if got := Normalize(w).Text; got != key {
					t.Errorf("%s %q: Normalize gives %q, the table holds %q", l.lang, w, got, key)
				}
				id := l.lang + " " + w
				if prev, ok := seen[key]; ok && normNumberTable()[key].val != v {
					t.Errorf("%q is %d in %s and something else in %s", key, v, id, prev)
				}
				seen[key] = id
			}
		}
	}
}

// TestNormalizeLanguages: text in Greek, Cyrillic and Latin-script languages changes only by
// case folding and dropped accents.
func TestNormalizeLanguages(t *testing.T) {
	checkNormalize(t, []normCase{
		{"el", "Ζητείται κοπέλα για εργασία στην Αθήνα, προκαταβολή μισθού. ΑΜΕΣΗ ΠΡΟΣΛΗΨΗ!",
			"ζητειται κοπελα για εργασια στην αθηνα, προκαταβολη μισθου. αμεση προσληψη!"},
		{"ru", "Требуются девушки для работы за границей, жильё предоставляется. Сор, рор, хор.",
			"требуются девушки для работы за границей, жилье предоставляется. сор, рор, хор."},
		{"uk", "Робота в Польщі для жінок, проживання безкоштовне, їжа та житло. Й усе.",
			"робота в польщі для жінок, проживання безкоштовне, їжа та житло. й усе."},
		{"bg", "Търсим момичета за работа в чужбина, осигурена квартира.",
			"търсим момичета за работа в чужбина, осигурена квартира."},
		{"it", "Cerchiamo ragazze, niente esperienza, vitto e alloggio. È così.",
			"cerchiamo ragazze, niente esperienza, vitto e alloggio. e cosi."},
		{"ro", "Căutăm fete pentru muncă în străinătate, cazare asigurată.",
			"cautam fete pentru munca in strainatate, cazare asigurata."},
	})
}

// TestNormalizeSpans: a match in Text maps back to exactly the words the author wrote.
func TestNormalizeSpans(t *testing.T) {
	cases := []struct{ name, in, match, want string }{
		{"spaced letters", "call w h a t s a p p now", "whatsapp", "w h a t s a p p"},
		{"part of spaced letters", "call w h a t s a p p now", "what", "w h a t"},
		{"number words", "ring three three three one two", "33312", "three three three one two"},
		{"one number word", "ring three three three one two", "3", "three"},
		{"Ukrainian number word", "нуль шість сім п'ять", "5", "п'ять"},
		{"full-width", "a ｊｏｂ b", "job", "ｊｏｂ"},
		{"keycap", "tel 1️⃣2️⃣", "1", "1️⃣"},
		{"zero-width inside", "jo\u200bb!", "job", "jo\u200bb"},
		{"zero-width after", "job\u200b!", "job", "job"},
		{"decomposed accent", "e\u0301te", "e", "e\u0301"},
		{"sharp s", "Straße", "ss", "ß"},
		{"half of sharp s", "Straße", "stras", "Straß"},
		{"homoglyphs", "my Ꮃhаtsаpp", "whatsapp", "Ꮃhаtsаpp"},
		{"leet", "wh@tsapp", "whatsapp", "wh@tsapp"},
		{"slash", "open 24 / 7", "24/7", "24 / 7"},
		{"regional indicators", "🇯🇴🇧!", "job", "🇯🇴🇧"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := Normalize(c.in)
			i := strings.Index(n.Text, c.match)
			if i < 0 {
				t.Fatalf("%q not in Normalize(%q).Text = %q", c.match, c.in, n.Text)
			}
			sp := n.OriginalSpan(i, i+len(c.match))
			if got := n.Original[sp.Start:sp.End]; got != c.want {
				t.Errorf("OriginalSpan of %q in %q = %q, want %q", c.match, c.in, got, c.want)
			}
		})
	}
}

// TestNormalizeSpanRoundTrip: spans of random pieces of Text stay within the original, in order.
func TestNormalizeSpanRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, line := range append(normGoldenInputs(t, "ads"), normGoldenInputs(t, "plain")...) {
		n := Normalize(line)
		for range 200 {
			i := rnd.IntN(len(n.Text) + 1)
			j := i + rnd.IntN(len(n.Text)-i+1)
			sp := n.OriginalSpan(i, j)
			if sp.Start < 0 || sp.Start > sp.End || sp.End > len(n.Original) {
				t.Fatalf("OriginalSpan(%d, %d) = %v in %q", i, j, sp, line)
			}
			if k := min(j+1, len(n.Text)); j > i && n.OriginalSpan(i, k).End < sp.End {
				t.Fatalf("span end decreases: OriginalSpan(%d,%d) = %v, (%d,%d) = %v in %q", i, j, sp, i, k, n.OriginalSpan(i, k), line)
			}
			if j > i && sp.Start == sp.End {
				t.Fatalf("OriginalSpan(%d, %d) is empty in %q", i, j, line)
			}
		}
	}
}

func TestNormalizeSpanEdges(t *testing.T) {
	n := Normalize("  Job  ")
	for _, c := range []struct {
		start, end int
		want       Span
	}{
		{0, 3, Span{2, 5}}, {-5, 99, Span{2, 5}}, {2, 1, Span{4, 4}}, {3, 3, Span{7, 7}},
	} {
		if got := n.OriginalSpan(c.start, c.end); got != c.want {
			t.Errorf("OriginalSpan(%d, %d) = %v, want %v", c.start, c.end, got, c.want)
		}
	}
	if got := (&Normalized{}).OriginalSpan(0, 1); got != (Span{}) {
		t.Errorf("zero Normalized: OriginalSpan = %v", got)
	}
}

// normGoldenInputs reads the lines of testdata/normalize/<name>.txt.
func normGoldenInputs(t testing.TB, name string) []string {
	raw, err := os.ReadFile(filepath.Join("testdata", "normalize", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestNormalizeGolden checks the text of every ad of testdata/normalize/*.txt against the
// .golden file next to it (go test -run NormalizeGolden -update rewrites them).
func TestNormalizeGolden(t *testing.T) {
	for _, name := range []string{"ads", "plain"} {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			for _, line := range normGoldenInputs(t, name) {
				n := Normalize(line)
				checkNormalized(t, n)
				out.WriteString(n.Text)
				out.WriteByte('\n')
			}
			normCompareGolden(t, filepath.Join("testdata", "normalize", name+".golden"), out.String())
		})
	}
}

func normCompareGolden(t *testing.T, path, got string) {
	if normUpdateGolden() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want, lines := strings.Split(string(raw), "\n"), strings.Split(got, "\n")
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, normLineAt(lines, i), w)
		}
	}
	if len(lines) > len(want) {
		t.Errorf("%s has fewer lines than the inputs; run with -update", path)
	}
}

func normLineAt(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

// TestNormalizeFoldTable folds every rune of Unicode and checks that the table (with its
// shortcuts) agrees with the full folding, and that the result folds to itself rune by rune,
// is NFKC and is never empty: character folding is idempotent whatever the input.
func TestNormalizeFoldTable(t *testing.T) {
	if testing.Short() {
		t.Skip("all of Unicode")
	}
	bad := 0
	for r := rune(0x80); r <= utf8.MaxRune; r++ {
		if (r >= 0xD800 && r < 0xE000) || normDroppable(r, 0) {
			continue
		}
		e := normLookupFold(r)
		s := e.s
		if s == "" {
			s = string(r)
		}
		if full := normFoldString(string(r)); full != s && full != "" {
			t.Errorf("%U %q: table says %q, folding says %q", r, r, s, full)
		}
		if msg := normFoldProblem(s); msg != "" {
			t.Errorf("%U %q folds to %q: %s", r, r, s, msg)
			if bad++; bad > 20 {
				t.Fatal("too many")
			}
		}
	}
}

func normFoldProblem(s string) string {
	if s == "" {
		return "empty"
	}
	if !norm.NFKC.IsNormalString(s) {
		return "not NFKC"
	}
	for _, x := range s {
		switch {
		case x < utf8.RuneSelf:
			if normASCIIFold[x] != x {
				return "ASCII not folded"
			}
		case normDroppable(x, 0):
			return "contains a dropped rune"
		case normLookupFold(x).s != "":
			return "folds again to " + normLookupFold(x).s
		}
	}
	return ""
}

// FuzzNormalize: Normalize never panics, writes valid UTF-8, is idempotent, and maps every
// byte of its text monotonically into the original.
func FuzzNormalize(f *testing.F) {
	for _, line := range append(normGoldenInputs(f, "ads"), normGoldenInputs(f, "plain")...) {
		f.Add(line)
	}
	for _, s := range []string{"", "\xff", "e\u0301\u0301", "か\u200d\u3099", "ᄀ ᅡ ᄀ ᅡ", "🇯\u200b🇴", "и\u200b\u0306",
		"\xd00с0оZ 00000000000", "a.b.c.xx.d.e.f", "one f1ve two, three", "3a5y", "п'ять п'ять п'ять"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		checkNormalized(t, n)
		for i := 0; i <= len(n.Text); i += 1 + len(n.Text)/8 {
			sp := n.OriginalSpan(i, len(n.Text))
			if sp.Start < 0 || sp.Start > sp.End || sp.End > len(s) {
				t.Fatalf("OriginalSpan(%d, %d) = %v", i, len(n.Text), sp)
			}
		}
	})
}
