package analysis

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// A word of the normalised text taken from the original's survey (alignedWords) is read by
// scanWords as its counterpart was: lexWord must find the same length and lexicon entry in both.
func TestAlignedWordsReadAlike(t *testing.T) {
	corpus := sameCorpus(t)
	texts := append([]string{benchText(corpus[:11])}, corpus...)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		texts = append(texts, sameMixture(rng, corpus))
	}
	for _, text := range texts {
		x := newExtraction(Normalize(text), "IT")
		if len(x.srcs) < 2 {
			continue
		}
		x.sv.take(x.n.Original, true)
		x.alignedWords()
		if len(x.textFrom) != len(x.svText.words) {
			t.Fatalf("%q: %d words, %d origins", text, len(x.svText.words), len(x.textFrom))
		}
		for k, from := range x.textFrom {
			if from < 0 {
				continue
			}
			i, j := x.svText.words[k], x.sv.words[from]
			ti, te, tok := x.lexWord(x.n.Text, i)
			oj, oe, ook := x.lexWord(x.n.Original, j)
			if ti-i != oj-j || te != oe || tok != ook {
				t.Fatalf("%q: %q at %d of the text read unlike %q at %d of the original",
					text, x.n.Text[i:ti], i, x.n.Original[j:oj], j)
			}
		}
	}
}

// alignedWords does not walk on from a stretch that agreeing says ends before a word in which
// the texts differ: a walk from there must take nothing.
func TestAgreeingNoMore(t *testing.T) {
	corpus := sameCorpus(t)
	rng := rand.New(rand.NewPCG(5, 6))
	texts := append([]string{}, corpus...)
	for range 300 {
		texts = append(texts, sameMixture(rng, corpus))
	}
	ends := 0
	for _, text := range texts {
		n := Normalize(text)
		s, o := n.Text, n.Original
		for i := range len(s) {
			j := n.OriginalSpan(i, i).Start
			if !isSkimBreak(s[i]) || j >= len(o) || !isSkimBreak(o[j]) {
				continue
			}
			k, more := agreeing(s, o, i, j)
			if k == 0 || more {
				continue
			}
			ends++
			if next, _ := agreeing(s, o, i+k, j+k); next != 0 {
				t.Fatalf("%q: the stretch at %d of the text ends before a word that differs, "+
					"but %d bytes agree after it", text, i, next)
			}
		}
	}
	if ends == 0 {
		t.Fatal("no stretch ends before a word that differs")
	}
}

// alignedWords finds the words of the lexicon that a survey of the normalised text finds, on
// the test corpus, mixtures of it and random texts of the characters normalisation changes.
// (The candidates around them may differ: a survey keeps every spelling of a lexicon word,
// but its filter's false alarms depend on the case of letters, which the alignment ignores.)
func TestAlignedWordsAreTheSurvey(t *testing.T) {
	corpus := sameCorpus(t)
	rng := rand.New(rand.NewPCG(5, 6))
	texts := append([]string{benchText(corpus[:11])}, corpus...)
	for range 1000 {
		texts = append(texts, sameMixture(rng, corpus))
	}
	pieces := []string{"a", "A", "é", "É", "ά", "Ά", "ё", "Ё", "а", "А", " ", "  ", "\n", ".", "'", "_",
		"\u200b", "\u00a0", "ｗ", "🅦", "0", "3", "@", "[at]", "whatsapp", "WhatsApp", "wh@tsapp",
		"w h a t s a p p", "telegram", "tеlеgram", "dot", "три", "three", "Ⓐ", "\xff", "ß", "ǅ"}
	for range 3000 {
		texts = append(texts, piecesText(rng, pieces, 40))
	}
	for _, text := range texts {
		checkAlignedWords(t, text)
	}
}

// FuzzAlignedWords holds alignedWords to the survey of the normalised text on any text.
func FuzzAlignedWords(f *testing.F) {
	f.Add("Whats App: +39 333 000 0001, tеlеgram @anna_job, τηλέφωνο, ΤΗΛΈΦΩΝΟ, ﬁ ｗ\u200bhatsapp")
	f.Fuzz(func(t *testing.T, s string) { checkAlignedWords(t, s) })
}

func checkAlignedWords(t *testing.T, text string) {
	t.Helper()
	x := newExtraction(Normalize(text), "IT")
	x.sv.take(x.n.Original, true)
	x.alignedWords()
	if len(x.textFrom) != len(x.svText.words) {
		t.Fatalf("%q: %d words, %d origins", text, len(x.svText.words), len(x.textFrom))
	}
	var all survey
	all.take(x.n.Text, false)
	lexical := func(starts []int) (out []int) {
		for _, i := range starts {
			if _, _, ok := x.lexWord(x.n.Text, i); ok {
				out = append(out, i)
			}
		}
		return out
	}
	if got, want := lexical(x.svText.words), lexical(all.words); !slices.Equal(got, want) {
		t.Fatalf("%q (normalised %q): lexicon words at %v, the survey's at %v", text, x.n.Text, got, want)
	}
}

// equalFoldLen, eight and sixteen bytes at a time, finds the first byte where two texts
// differ but for the case of an ASCII letter, as a byte-by-byte reading does.
func TestEqualFoldLen(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"a", "A", "z", "Z", "@", "[", "`", "{", " ", "1", "é", "É", "\x80", "ab"}
	for round := range 20000 {
		var b []byte
		for range rng.IntN(80) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		s, u := string(b), []byte(string(b))
		for range rng.IntN(3) { // a capital, a changed byte, or a shorter text
			if len(u) == 0 {
				break
			}
			switch k := rng.IntN(len(u)); rng.IntN(3) {
			case 0:
				u[k] ^= 0x20
			case 1:
				u[k]++
			default:
				u = u[:k]
			}
		}
		want := 0
		for want < len(s) && want < len(u) && (s[want] == u[want] ||
			s[want]^u[want] == 0x20 && isASCIILetter(s[want]) && isASCIILetter(u[want])) {
			want++
		}
		eachKernel(func(kernel string) {
			if got := equalFoldLen(s, string(u)); got != want {
				t.Fatalf("round %d (%s): equalFoldLen(%q, %q) = %d, want %d", round, kernel, s, u, got, want)
			}
		})
	}
	// every pair of bytes, in the first and second half of a kernel's step and in the tail
	base := []byte(strings.Repeat("Ab1 ", 18))
	for x := range 256 {
		for y := range 256 {
			want := 0
			if x == y || x^y == 0x20 && isASCIILetter(byte(x)) {
				want = -1 // they agree: the length of the texts
			}
			for _, p := range []int{3, 17, 31, 40, 70} {
				s, u := slices.Clone(base), slices.Clone(base)
				s[p], u[p] = byte(x), byte(y)
				w := want
				if w < 0 {
					w = len(s)
				} else {
					w = p
				}
				eachKernel(func(kernel string) {
					if got := equalFoldLen(string(s), string(u)); got != w {
						t.Fatalf("%s: equalFoldLen with %#02x against %#02x at %d = %d, want %d", kernel, x, y, p, got, w)
					}
				})
			}
		}
	}
}
