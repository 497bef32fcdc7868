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
		check(randomPieces(rng, parts, 6))
	}
}

// TestLookupWordAtSame compares lookupWordAt with wordEnd and lookupFold, and mayStartAt with
// lookupFold, on the words of the currency, period, thousands and range maps, in upper and
// lower case, followed by what may end a word or not, and on random strings; then a word of
// s at each offset.
func TestLookupWordAtSame(t *testing.T) {
	var words []string
	for _, m := range []map[string]bool{thousandWords.m, rangeWords.m} {
		for w := range m {
			words = append(words, w)
		}
	}
	for w := range currencyWords.m {
		words = append(words, w)
	}
	for w := range periodWords.m {
		words = append(words, w)
	}
	parts := []string{"a", "Z", "é", "É", "Ж", "ж", "Ω", "ω", "ß", "İ", "ı", "'", "`", "’", "\xc3", "\xa9", "中",
		"ǅ", "K", "Ł", "σ", "ς", "Σ", " ", ".", "1", "-", "\u0301", "\u00a0"}
	rng := rand.New(rand.NewPCG(9, 10))
	var buf, wantBuf []byte
	check := func(s string) {
		t.Helper()
		for i := 0; i <= len(s); i++ {
			e := wordEnd(s, i)
			c, ce, cOK := lookupWordAt(&buf, currencyWords, s, i)
			wc, wcOK := lookupFold(&wantBuf, currencyWords, s[i:e])
			p, pe, pOK := lookupWordAt(&buf, periodWords, s, i)
			wp, wpOK := lookupFold(&wantBuf, periodWords, s[i:e])
			if ce != e || c != wc || cOK != wcOK || pe != e || p != wp || pOK != wpOK {
				t.Fatalf("lookupWordAt(%q, %d) = %q %d %v and %v %d %v, want %q %v and %v %v, end %d",
					s, i, c, ce, cOK, p, pe, pOK, wc, wcOK, wp, wpOK, e)
			}
			if _, ok := lookupFold(&wantBuf, thousandWords, s[i:e]); ok && !thousandWords.mayStartAt(s, i) {
				t.Fatalf("mayStartAt(%q, %d) is false before a thousands word", s, i)
			}
			if wcOK && !currencyWords.mayStartAt(s, i) {
				t.Fatalf("mayStartAt(%q, %d) is false before a currency", s, i)
			}
		}
	}
	for _, w := range words {
		for _, v := range []string{w, strings.ToUpper(w), strings.ToTitle(w[:1]) + w[1:]} {
			check(v)
			check("3 " + v + ".")
			check(v + "'s")
			check(v + "’x")
			check(v + "\xc3")
			check(v + "ж1")
		}
	}
	for range 20000 {
		check(randomPieces(rng, parts, 8))
	}
}
