// Code generated from normalize_numbers.go at a908bec for the differential test; DO NOT EDIT.

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
	nrefMinNumberRun  = 3
	nrefMaxNumberWord = 12 // runes; the longest is "dziewięć"/"seventeen"-sized
)

type nrefNumKind uint8

const (
	nrefNumDigit  nrefNumKind = iota // 0–9
	nrefNumTwo                       // a two-digit number: ten, the teens, a lone tens word
	nrefNumTens                      // twenty … ninety: one digit when a digit word follows
	nrefNumRepeat                    // "double", "triple": repeats the digit word that follows
	nrefNumOh                        // English "oh": zero, but only after another number word
)

type nrefNumWord struct {
	kind nrefNumKind
	val  int
}

// nrefNumberTable maps folded number words to their value.
var nrefNumberTable = sync.OnceValue(func() map[string]nrefNumWord {
	t := make(map[string]nrefNumWord)
	add := func(w string, nw nrefNumWord) {
		t[nrefFoldString(w)] = nw
	}
	for _, l := range nrefNumberWords {
		for v, spellings := range l.words {
			for _, w := range strings.Split(spellings, "/") {
				switch {
				case w == "oh":
					add(w, nrefNumWord{nrefNumOh, 0})
				case v == 10:
					add(w, nrefNumWord{nrefNumTwo, 10})
				default:
					add(w, nrefNumWord{nrefNumDigit, v})
				}
			}
		}
	}
	for w, v := range nrefEnglishTeensTens {
		if v < 20 {
			add(w, nrefNumWord{nrefNumTwo, v})
		} else {
			add(w, nrefNumWord{nrefNumTens, v})
		}
	}
	for w, n := range nrefEnglishRepeats {
		add(w, nrefNumWord{nrefNumRepeat, n})
	}
	return t
})

// nrefNumTok is one number word of a run: units [start, end).
type nrefNumTok struct {
	start, end int
	w          nrefNumWord
}

// nrefFoldNumberWords is step 5 of nrefNormalize. It looks at the words starting at cands
// (sorted: possible number words from nrefScan and words that earlier steps changed) and
// marks the units it replaces deleted.
func nrefFoldNumberWords(u []nrefUnit, cands []int, w *nrefWork) {
	table := nrefNumberTable()
	done := 0 // units before done belong to a run already read
	for _, i := range cands {
		if i < done || !nrefWordStart(u, i) {
			continue
		}
		w.toks, w.key = nrefNumberRun(u, i, table, w.toks[:0], w.key)
		if len(w.toks) >= nrefMinNumberRun {
			nrefWriteDigits(u, w.toks)
		}
		if len(w.toks) > 0 {
			done = w.toks[len(w.toks)-1].end
		}
	}
}

// nrefNumberRun reads the number words starting at the word at i.
func nrefNumberRun(u []nrefUnit, i int, table map[string]nrefNumWord, toks []nrefNumTok,
	key []byte) ([]nrefNumTok, []byte) {
	for {
		end, ok := nrefNumberWordEnd(u, i)
		if !ok {
			break
		}
		key = key[:0]
		for _, x := range u[i:end] {
			key = utf8.AppendRune(key, x.r)
		}
		w, ok := table[string(key)]
		if !ok || (len(toks) == 0 && w.kind == nrefNumOh) {
			break
		}
		toks = append(toks, nrefNumTok{i, end, w})
		if i, ok = nrefNextNumberWord(u, end); !ok {
			break
		}
	}
	// A repeat needs a digit word after it.
	for k, t := range toks {
		if t.w.kind == nrefNumRepeat && (k+1 == len(toks) || toks[k+1].w.kind != nrefNumDigit) {
			return toks[:k], key
		}
	}
	return toks, key
}

// nrefNumberWordEnd finds the end of the number-word candidate starting at i: letters, with
// at most one inner apostrophe ("п'ять"), short enough, and followed by no word character.
func nrefNumberWordEnd(u []nrefUnit, i int) (int, bool) {
	j := nrefLetters(u, i)
	if j+1 < len(u) && u[j].r == '\'' && u[j+1].cl == nrefNclLetter {
		j = nrefLetters(u, j+1)
	}
	if j-i < 2 || j-i > nrefMaxNumberWord || (j < len(u) && u[j].cl.wordish()) {
		return 0, false
	}
	return j, true
}

func nrefLetters(u []nrefUnit, i int) int {
	for i < len(u) && u[i].cl == nrefNclLetter {
		i++
	}
	return i
}

// nrefWordStart reports whether a number word can start at the letter u[i]: not inside a
// word, nor after an inner apostrophe ("l'uno" is no "1").
func nrefWordStart(u []nrefUnit, i int) bool {
	return i == 0 || (!u[i-1].cl.wordish() && !(u[i-1].r == '\'' && i > 1 && u[i-2].cl == nrefNclLetter))
}

// nrefNextNumberWord finds the start of the word after a separator: a space, a comma or a dash,
// with or without a space on either side.
func nrefNextNumberWord(u []nrefUnit, end int) (int, bool) {
	k := end
	if k < len(u) && u[k].cl == nrefNclSpace {
		k++
	}
	if k < len(u) && (u[k].r == ',' || u[k].r == '-') {
		k++
		if k < len(u) && u[k].cl == nrefNclSpace {
			k++
		}
	}
	if k == end || k >= len(u) || u[k].cl != nrefNclLetter {
		return 0, false
	}
	return k, true
}

// nrefWriteDigits turns a run of number words into digits, in place: each word's first units
// become its digits (never more than its letters), the rest of it and the separators go.
func nrefWriteDigits(u []nrefUnit, toks []nrefNumTok) {
	var buf [3]byte
	for k, t := range toks {
		digits := buf[:0]
		switch t.w.kind {
		case nrefNumDigit, nrefNumOh:
			digits = append(digits, byte('0'+t.w.val))
		case nrefNumTwo:
			digits = append(digits, byte('0'+t.w.val/10), byte('0'+t.w.val%10))
		case nrefNumTens:
			digits = append(digits, byte('0'+t.w.val/10))
			if k+1 == len(toks) || toks[k+1].w.kind != nrefNumDigit || toks[k+1].w.val == 0 {
				digits = append(digits, '0')
			}
		case nrefNumRepeat:
			for range t.w.val - 1 {
				digits = append(digits, byte('0'+toks[k+1].w.val))
			}
		}
		o := u[t.start].o
		for d := t.start; d < t.end; d++ {
			if n := d - t.start; n < len(digits) {
				u[d] = nrefNewUnit(rune(digits[n]), o)
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
