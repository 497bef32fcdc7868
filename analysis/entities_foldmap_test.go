package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// TestLookupFoldSame compares lookupFold with its frozen reference on the keys of the lexicon
// and of the period words, in upper, title and lower case, with typographic apostrophes,
// with their letters shuffled, cut or broken, and on random strings.
func TestLookupFoldSame(t *testing.T) {
	var words []string
	for w := range lexicon.m {
		words = append(words, w)
	}
	for w := range periodWords.m {
		words = append(words, w)
	}
	parts := []string{"a", "Z", "é", "É", "Ж", "ж", "Ω", "ω", "ß", "ẞ", "İ", "ı", "'", "`", "’", "ʼ", "\xc3", "\xa9",
		"\xef\xbf\xbd", "中", "ǅ", "ſ", "K", "Ł", "ł", "Ș", "ș", "σ", "ς", "Σ"}
	rng := rand.New(rand.NewPCG(7, 8))
	var buf, refBuf []byte
	check := func(w string) {
		t.Helper()
		got, gotOK := lookupFold(&buf, lexicon, w)
		want, wantOK := erefLookupFold(&refBuf, lexicon.m, w)
		if got != want || gotOK != wantOK {
			t.Fatalf("lookupFold(lexicon, %q) = %v %v, want %v %v", w, got, gotOK, want, wantOK)
		}
		p, pOK := lookupFold(&buf, periodWords, w)
		q, qOK := erefLookupFold(&refBuf, periodWords.m, w)
		if p != q || pOK != qOK {
			t.Fatalf("lookupFold(periodWords, %q) = %v %v, want %v %v", w, p, pOK, q, qOK)
		}
	}
	for _, w := range words {
		check(w)
		check(strings.ToUpper(w))
		check(strings.ToTitle(w[:1]) + w[1:])
		check(strings.ReplaceAll(w, "'", "’"))
		check(strings.ReplaceAll(w, "'", "`"))
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		check(string(r))
		rng.Shuffle(len(r), func(i, j int) { r[i], r[j] = r[j], r[i] })
		check(string(r))
		check(w[:len(w)-1])
		check(w + "\xc3")
	}
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		check(b.String())
	}
}
