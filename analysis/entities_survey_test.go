package analysis

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The survey must find, on any text and wherever its 64-byte blocks fall, what a plain reading
// character by character finds: every word start of the text that is in the lexicon (and only
// word starts), every ASCII digit, "+" and digit of another script, and every run of ASCII
// letters and digits as long as a wallet.
func TestEntitiesSurvey(t *testing.T) {
	pieces := []string{" ", "  ", ".", ",", "-", "'", "`", "@", "_", "+", "＋", "(", "\n", "0", "7", "42",
		"a", "Z", "tre", "Tre", "TRE", "three", "whats", "app", "telegram", "TG", "at", "dot", "e",
		"п'ять", "пʼять", "три", "Телеграм", "ТРИ", "τρία", "ΤΡΊΑ", "έξι", "due", "zwei", "fünf", "șase",
		"dziewięć", "İ", "K", "ß", "é", "×", "·", "«", "’", "—", "\u00a0", "\u200b", "🙂", "①", "٣", "³",
		"\xff", "\xc2", btcGenesis, moneroFund, strings.Repeat("Ab1", 30), strings.Repeat("x", 70)}
	rng := rand.New(rand.NewPCG(7, 8))
	var sv, words survey
	x := newExtraction(Normalize("x"), "")
	for round := range 4000 {
		var b strings.Builder
		for size := rng.IntN(700); b.Len() < size; {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		sv.take(s, true)

		starts, hits := plainWordStarts(x, s)
		var got []int
		for _, w := range sv.words {
			if !slices.Contains(starts, w) {
				t.Fatalf("round %d %q: candidate %d is no word start", round, s, w)
			}
			if _, _, ok := x.lexWord(s, w); ok {
				got = append(got, w)
			}
		}
		if !slices.Equal(got, hits) {
			t.Fatalf("round %d %q: lexicon words at %v, want %v", round, s, got, hits)
		}
		// the normalised text is surveyed for its words alone, marked without digits
		words.take(s, false)
		if !slices.Equal(words.words, sv.words) {
			t.Fatalf("round %d %q: words alone at %v, with digits at %v", round, s, words.words, sv.words)
		}

		var digits, marks []int
		var tokens []Span
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case isDigit(s[i]):
				digits = append(digits, i)
			case r == '+' || isPhoneRune(r):
				marks = append(marks, i)
			}
			i += n
		}
		for i := 0; i < len(s); {
			j := i
			for j < len(s) && isASCIIAlnum(s[j]) {
				j++
			}
			if j-i >= minWallet {
				tokens = append(tokens, Span{i, j})
			}
			i = max(j, i+1)
		}
		f := digitFinder{s: s, bits: sv.digits}
		var found []int
		for i := f.next(0); i < len(s); i = f.next(i + 1) {
			found = append(found, i)
		}
		if !slices.Equal(found, digits) || !slices.Equal(sv.marks, marks) || !slices.Equal(sv.tokens, tokens) {
			t.Fatalf("round %d %q:\ndigits %v want %v\nmarks %v want %v\ntokens %v want %v",
				round, s, found, digits, sv.marks, marks, sv.tokens, tokens)
		}
	}
}

// plainWordStarts reads s a character at a time as scanWords did before the survey: the start
// of every word, and of those in the lexicon.
func plainWordStarts(x *extraction, s string) (starts, hits []int) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && !isASCIILetter(c) {
			i++
			continue
		}
		r, n := runeAt(s, i)
		if !isLetter(r) {
			i += n
			continue
		}
		j, _, ok := x.lexWord(s, i)
		starts = append(starts, i)
		if ok {
			hits = append(hits, i)
		}
		i = j
	}
	return starts, hits
}
