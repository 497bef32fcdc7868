package analysis

import (
	"unicode"
	"unicode/utf8"
)

// isWordRune reports whether r belongs to a word: letters, digits and the marks that attach to
// them, in any script. Below U+0800 (Latin, Greek, Cyrillic and their accents: nearly all the
// text of the ads) it is a table lookup; a scan asks once a character.
func isWordRune(r rune) bool {
	if uint32(r) < uint32(len(wordRunes)) {
		return wordRunes[r]
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// wordRunes is isWordRune for the runes of one and two bytes in UTF-8. It is only read.
var wordRunes = func() (t [0x800]bool) {
	for r := range rune(len(t)) {
		if r < utf8.RuneSelf {
			t[r] = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			t[r] = unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
		}
	}
	return t
}()

// wordRuneAt reports whether the rune that starts at s[i] is a word rune, and its size; an
// invalid byte is a rune of size 1 that is not. It is small enough to be inlined.
func wordRuneAt(s string, i int) (bool, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return wordRunes[c], 1
	}
	if i+1 < len(s) && 0xC2 <= c && c < 0xE0 && s[i+1]&0xC0 == 0x80 {
		return wordRunes[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)], 2
	}
	return longWordRuneAt(s, i)
}

func longWordRuneAt(s string, i int) (bool, int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r), size
}

func boundaryBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !isWordRune(r)
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	w, _ := wordRuneAt(s, i)
	return !w
}

// wordEndFrom returns the end of the word that continues at i, where a prefix use of a key ends
// (a scan finds the ends of whole words with wordBits); the runes of one and two bytes are read
// here rather than by a call.
func wordEndFrom(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			if !wordRunes[c] {
				return i
			}
			i++
		case i+1 < len(s) && 0xC2 <= c && c < 0xE0 && s[i+1]&0xC0 == 0x80:
			if !wordRunes[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)] {
				return i
			}
			i += 2
		default:
			w, size := longWordRuneAt(s, i)
			if !w {
				return i
			}
			i += size
		}
	}
	return i
}

// countWords counts the words of s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		w, size := wordRuneAt(s, i)
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in, i = w, i+size
	}
	return n
}
