package analysis

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The differential tests compare Normalize with nrefNormalize, a frozen copy of the
// implementation before its speed-up (normalize_ref*_test.go): the same Text, the same map
// byte by byte, and the same OriginalSpan for any range, on the test texts, the golden ads,
// random mixtures of the characters that take the unusual paths, and fuzzed input.

// normCheckSame fails when Normalize and the reference disagree on s; pairs bounds the
// OriginalSpan ranges tried on long texts.
func normCheckSame(t testing.TB, s string, rnd *rand.Rand, pairs int) {
	t.Helper()
	n, r := Normalize(s), nrefNormalize(s)
	if n.Original != r.Original || n.Text != r.Text {
		t.Fatalf("Normalize(%q).Text = %q, reference %q", s, n.Text, r.Text)
	}
	b, _, regs := normFoldChars(s)
	rb, _ := nrefFoldChars(s)
	if string(b) != string(rb) {
		t.Fatalf("normFoldChars(%q) = %q, reference %q", s, b, rb)
	}
	want := nrefRegions(rb)
	same := len(regs) == len(want)
	for i := 0; same && i < len(regs); i++ {
		same = regs[i].start == want[i].start && regs[i].end == want[i].end
	}
	if !same {
		t.Fatalf("regions of %q: %v, reference %v", b, regs, want)
	}
	got := normOrigs(n)
	if len(got) != len(r.orig) {
		t.Fatalf("Normalize(%q): map of %d entries, reference %d", s, len(got), len(r.orig))
	}
	for i := range got {
		if got[i] != r.orig[i] {
			t.Fatalf("Normalize(%q): map[%d] = %d, reference %d (text %q)", s, i, got[i], r.orig[i], n.Text)
		}
	}
	span := func(i, j int) {
		if g, w := n.OriginalSpan(i, j), r.OriginalSpan(i, j); g != w {
			t.Fatalf("Normalize(%q).OriginalSpan(%d, %d) = %v, reference %v", s, i, j, g, w)
		}
	}
	span(-5, len(n.Text)+5)
	span(3, 1)
	if len(n.Text) <= 48 {
		for i := 0; i <= len(n.Text); i++ {
			for j := i; j <= len(n.Text); j++ {
				span(i, j)
			}
		}
		return
	}
	for i := 0; i <= len(n.Text); i += 1 + len(n.Text)/256 {
		span(i, i)
		span(i, i+1)
	}
	for range pairs {
		i := rnd.IntN(len(n.Text) + 1)
		span(i, i+rnd.IntN(min(len(n.Text)-i, 64)+1))
	}
}

// normDiffInputs are the lines of testdata/normalize/*.txt and the golden ads, and each file
// and the ads as one text.
func normDiffInputs(t testing.TB) []string {
	var out []string
	files, _ := filepath.Glob(filepath.Join("testdata", "normalize", "*.txt"))
	if len(files) == 0 {
		t.Fatal("no testdata/normalize/*.txt")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(raw))
		out = append(out, strings.Split(string(raw), "\n")...)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "ads.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ads []goldenAd
	if err := json.Unmarshal(raw, &ads); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, ad := range ads {
		out = append(out, ad.Text)
		all.WriteString(ad.Text + "\n")
	}
	return append(out, all.String())
}

func TestNormalizeMatchesReference(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, s := range normDiffInputs(t) {
		normCheckSame(t, s, rnd, 2000)
	}
}

// normDiffPieces are what the random texts are made of: plain words and the characters of
// every path of the normaliser (space runs, accents, combining marks, Greek, Cyrillic and
// their capitals, look-alikes, leetspeak, number words, emoji letters, flags, invisible
// characters, Hangul jamo, invalid UTF-8).
var normDiffPieces = []string{
	"job", "WhatsApp", "a", "b", "x", "q", "0", "1", "3", "7", "@", "$", "€", "/", "'", "’", ".", ",", "-",
	"_", "|", "~", ":", "!", "(", " ", " ", " ", "  ", "\n", "\r\n", "\t", "\x00", "\x7f", "\u00a0",
	"\u3000", "\u2028", "é", "É", "è", "ü", "ß", "ẞ", "æ", "œ", "ł", "Ł", "ø", "ș", "ţ", "İ", "ı", "ǅ", "ﬀ",
	"e\u0301", "\u0301", "\u0306", "\u0308", "и\u0306", "і\u0308", "\u0338", "\u0300\u0301\u0302",
	"α", "ά", "Ά", "ΐ", "ς", "Σ", "ο", "ρ", "π", "ένα", "τρία", "а", "о", "р", "с", "е", "у", "В", "Н",
	"М", "Т", "Ё", "ё", "й", "Й", "ї", "ў", "работа", "три", "п'ять", "нуль", "one", "two", "three",
	"five", "zero", "oh", "double", "twenty", "eleven", "due", "tre", "dziewięć", "Ꮃ", "օ", "ᴊ", "ᴏ",
	"ʙ", "ｊ", "１", "𝐣", "ⓙ", "🅙", "🇯", "🇴", "🇧", "🇮", "🇹", "🔟", "❶", "①", "٣", "3️⃣", "#️⃣",
	"\u200b", "\u200d", "\u00ad", "\ufe0f", "\u202e", "\ufeff", "\u0640", "ᄀ", "ᅡ", "か", "\u3099",
	"한", "中", "🍒", "🔥", "\xff", "\xe2\x82", "\xc3", "\xcc", "\xf0\x9f", "\ufffd", "ǈ", "ﾞ",
	"ह", "ि", "ก", "\u0e31", "ש", "\u05b8", "ع", "\u064e", "ﷺ", "㎏", "½", "™", "℃", "Å",
	// runs of two-byte letters (fast's inner loop) ended by an overlong lead, a mark of three bytes
	"ΡΑΒΔΟΣ", "Работа", "ΐΰ", "\xc0\xaf", "\xc1\xbf", "\u20d7", "\u1ab0",
	"\u0730", "\u07eb", "ωμ\u0730", // marks of two bytes that fold to themselves but combine
	// numbers, which fast passes as ordinary chunks (normDigits)
	"4000", "37.5", "12", "+44",
}

// TestNormalizeReferenceRandom compares on random mixtures of normDiffPieces.
func TestNormalizeReferenceRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	rounds := 20000
	if testing.Short() {
		rounds = 2000
	}
	var sb strings.Builder
	for range rounds {
		sb.Reset()
		for range 1 + rnd.IntN(24) {
			sb.WriteString(normDiffPieces[rnd.IntN(len(normDiffPieces))])
			if rnd.IntN(3) == 0 {
				sb.WriteByte(' ')
			}
		}
		normCheckSame(t, sb.String(), rnd, 200)
	}
}

// FuzzNormalizeReference: Normalize agrees with the reference on any input.
func FuzzNormalizeReference(f *testing.F) {
	for _, s := range normDiffInputs(f) {
		if len(s) < 4096 {
			f.Add(s)
		}
	}
	for _, s := range []string{"", "\xff", "a  b", "é\u0301", "и\u0306\u0306", "🇯\u200b🇴", "ä\xcc", "Ł ß æ",
		"ΑΒΓ ΆΈΉ", "w h a t s a p p", "three three three", "р0бота", "24 / 7", "\xe2\x82 \xf0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		normCheckSame(t, s, rand.New(rand.NewPCG(uint64(len(s)), 7)), 200)
	})
}

// normOrigs is the map of n as one offset per byte of Text and one for its end.
func normOrigs(n *Normalized) []int {
	if len(n.anchors) == 0 {
		return nil
	}
	out := make([]int, len(n.Text)+1)
	for i := range out {
		out[i] = n.origAt(i)
	}
	return out
}
