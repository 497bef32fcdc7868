package analysis

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Phone numbers are spelled out to slip past filters ("call three three three one two three
// …"). A run of three or more number words, separated by spaces, commas or dashes, becomes
// the digits; one or two stay words, so "one job" and "due lavori" are left alone. Each digit
// maps back to the word it came from.
const (
	normMinNumberRun  = 3
	normMaxNumberWord = 12 // runes; the longest is "dziewięć"/"seventeen"-sized
)

type normNumKind uint8

const (
	normNumDigit  normNumKind = iota // 0–9
	normNumTwo                       // a two-digit number: ten, the teens, a lone tens word
	normNumTens                      // twenty … ninety: one digit when a digit word follows
	normNumRepeat                    // "double", "triple": repeats the digit word that follows
	normNumOh                        // English "oh": zero, but only after another number word
)

type normNumWord struct {
	kind normNumKind
	val  int
}

// normNumberTable maps folded number words to their value.
var normNumberTable = sync.OnceValue(func() map[string]normNumWord {
	t := make(map[string]normNumWord)
	add := func(w string, nw normNumWord) {
		t[normFoldString(w)] = nw
	}
	for _, l := range normNumberWords {
		for v, spellings := range l.words {
			for _, w := range strings.Split(spellings, "/") {
				switch {
				case w == "oh":
					add(w, normNumWord{normNumOh, 0})
				case v == 10:
					add(w, normNumWord{normNumTwo, 10})
				default:
					add(w, normNumWord{normNumDigit, v})
				}
			}
		}
	}
	for w, v := range normEnglishTeensTens {
		if v < 20 {
			add(w, normNumWord{normNumTwo, v})
		} else {
			add(w, normNumWord{normNumTens, v})
		}
	}
	for w, n := range normEnglishRepeats {
		add(w, normNumWord{normNumRepeat, n})
	}
	return t
})

// normNumTok is one number word of a run: units [start, end).
type normNumTok struct {
	start, end int
	w          normNumWord
}

// normFoldNumberWords is step 5 of Normalize. It looks at the words starting at cands
// (sorted: possible number words from normScan and words that earlier steps changed) and
// marks the units it replaces deleted.
func normFoldNumberWords(u []normUnit, cands []int, w *normWork) {
	table := normNumberTable()
	done := 0 // units before done belong to a run already read
	for _, i := range cands {
		if i < done || !normWordStart(u, i) {
			continue
		}
		w.toks, w.key = normNumberRun(u, i, table, w.toks[:0], w.key)
		if len(w.toks) >= normMinNumberRun {
			normWriteDigits(u, w.toks)
		}
		if len(w.toks) > 0 {
			done = w.toks[len(w.toks)-1].end
		}
	}
}

// normNumberRun reads the number words starting at the word at i.
func normNumberRun(u []normUnit, i int, table map[string]normNumWord, toks []normNumTok,
	key []byte) ([]normNumTok, []byte) {
	for {
		end, ok := normNumberWordEnd(u, i)
		if !ok {
			break
		}
		key = key[:0]
		for _, x := range u[i:end] {
			key = utf8.AppendRune(key, x.r)
		}
		w, ok := table[string(key)]
		if !ok || (len(toks) == 0 && w.kind == normNumOh) {
			break
		}
		toks = append(toks, normNumTok{i, end, w})
		if i, ok = normNextNumberWord(u, end); !ok {
			break
		}
	}
	// A repeat needs a digit word after it.
	for k, t := range toks {
		if t.w.kind == normNumRepeat && (k+1 == len(toks) || toks[k+1].w.kind != normNumDigit) {
			return toks[:k], key
		}
	}
	return toks, key
}

// normNumberWordEnd finds the end of the number-word candidate starting at i: letters, with
// at most one inner apostrophe ("п'ять"), short enough, and followed by no word character.
func normNumberWordEnd(u []normUnit, i int) (int, bool) {
	j := normLetters(u, i)
	if j+1 < len(u) && u[j].r == '\'' && u[j+1].cl == nclLetter {
		j = normLetters(u, j+1)
	}
	if j-i < 2 || j-i > normMaxNumberWord || (j < len(u) && u[j].cl.wordish()) {
		return 0, false
	}
	return j, true
}

func normLetters(u []normUnit, i int) int {
	for i < len(u) && u[i].cl == nclLetter {
		i++
	}
	return i
}

// normWordStart reports whether a number word can start at the letter u[i]: not inside a
// word, nor after an inner apostrophe ("l'uno" is no "1").
func normWordStart(u []normUnit, i int) bool {
	return i == 0 || (!u[i-1].cl.wordish() && !(u[i-1].r == '\'' && i > 1 && u[i-2].cl == nclLetter))
}

// normNextNumberWord finds the start of the word after a separator: a space, a comma or a dash,
// with or without a space on either side.
func normNextNumberWord(u []normUnit, end int) (int, bool) {
	k := end
	if k < len(u) && u[k].cl == nclSpace {
		k++
	}
	if k < len(u) && (u[k].r == ',' || u[k].r == '-') {
		k++
		if k < len(u) && u[k].cl == nclSpace {
			k++
		}
	}
	if k == end || k >= len(u) || u[k].cl != nclLetter {
		return 0, false
	}
	return k, true
}

// normWriteDigits turns a run of number words into digits, in place: each word's first units
// become its digits (never more than its letters), the rest of it and the separators go.
func normWriteDigits(u []normUnit, toks []normNumTok) {
	var buf [3]byte
	for k, t := range toks {
		digits := buf[:0]
		switch t.w.kind {
		case normNumDigit, normNumOh:
			digits = append(digits, byte('0'+t.w.val))
		case normNumTwo:
			digits = append(digits, byte('0'+t.w.val/10), byte('0'+t.w.val%10))
		case normNumTens:
			digits = append(digits, byte('0'+t.w.val/10))
			if k+1 == len(toks) || toks[k+1].w.kind != normNumDigit || toks[k+1].w.val == 0 {
				digits = append(digits, '0')
			}
		case normNumRepeat:
			for range t.w.val - 1 {
				digits = append(digits, byte('0'+toks[k+1].w.val))
			}
		}
		o := u[t.start].o
		for d := t.start; d < t.end; d++ {
			if n := d - t.start; n < len(digits) {
				u[d] = newNormUnit(rune(digits[n]), o)
			} else {
				u[d].del = true
			}
		}
		if k+1 < len(toks) {
			for d := t.end; d < toks[k+1].start; d++ {
				u[d].del = true
			}
		}
	}
}
