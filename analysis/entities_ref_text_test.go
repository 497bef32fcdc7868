// Code generated from entities_text.go at fdbfaac for the differential test; DO NOT EDIT.

package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Small scanning helpers shared by the entity extractors. They work on byte offsets of a
// source and never allocate.

func erefRuneAt(s string, i int) (rune, int) {
	if i < 0 || i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return erefDecode2(s, i)
}

func erefRuneBefore(s string, i int) (rune, int) {
	if i <= 0 || i > len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func erefIsDigit(c byte) bool { return '0' <= c && c <= '9' }

func erefIsASCIILetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'z' }

func erefIsASCIIAlnum(c byte) bool { return erefIsDigit(c) || erefIsASCIILetter(c) }

// erefIsLetter reports letters and combining marks (a word goes on through an accent), with
// shortcuts for the Latin, Greek and Cyrillic letters of the ads' languages.
func erefIsLetter(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return erefIsASCIILetter(byte(r))
	case 0xC0 <= r && r <= 0x24F:
		return r != 0xD7 && r != 0xF7
	case 0x300 <= r && r <= 0x36F, 0x388 <= r && r <= 0x3FF && r != 0x38B && r != 0x38D && r != 0x3A2,
		0x400 <= r && r <= 0x481, 0x48A <= r && r <= 0x52F:
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func erefIsAlnumRune(r rune) bool { return erefIsLetter(r) || unicode.IsDigit(r) }

// erefIsSpace reports horizontal white space: a line break ends most entities.
func erefIsSpace(r rune) bool {
	switch r {
	case ' ', '\t', 0xA0, 0x2007, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000:
		return true
	}
	return false
}

func erefIsApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

func erefIsPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			return false
		}
	}
	return true
}

// erefSkipSpaces skips at most max spaces forward from i.
func erefSkipSpaces(s string, i, max int) int {
	for n := 0; n < max; n++ {
		r, size := erefRuneAt(s, i)
		if size == 0 || !erefIsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// erefSkipSpacesBack skips at most max spaces backward from i.
func erefSkipSpacesBack(s string, i, max int) int {
	for n := 0; n < max; n++ {
		r, size := erefRuneBefore(s, i)
		if size == 0 || !erefIsSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// erefWordEnd returns the end of the word starting at i: letters, combining marks and
// apostrophes between letters ("п'ять", "all'ora").
func erefWordEnd(s string, i int) int {
	j := i
	for j < len(s) && erefIsASCIILetter(s[j]) {
		j++
	}
	for j < len(s) {
		r, n := erefRuneAt(s, j)
		if erefIsLetter(r) {
			j += n
			continue
		}
		if erefIsApostrophe(r) && j > i {
			if r2, n2 := erefRuneAt(s, j+n); erefIsLetter(r2) {
				j += n + n2
				continue
			}
		}
		break
	}
	return j
}

// erefWordStart returns the start of the word ending at end.
func erefWordStart(s string, end int) int {
	i := end
	for i > 0 {
		r, n := erefRuneBefore(s, i)
		if erefIsLetter(r) {
			i -= n
			continue
		}
		if erefIsApostrophe(r) && i < end {
			if r2, n2 := erefRuneBefore(s, i-n); n2 > 0 && erefIsLetter(r2) {
				i -= n
				continue
			}
		}
		break
	}
	return i
}

// erefLookupFold looks the lower-cased w up in m, using buf as scratch so that nothing is
// allocated. Typographic apostrophes are read as "'".
func erefLookupFold[V any](buf *[]byte, m map[string]V, w string) (V, bool) {
	if len(w) == 0 || len(w) > 48 {
		var zero V
		return zero, false
	}
	if erefIsFolded(w) {
		v, ok := m[w]
		return v, ok
	}
	b := (*buf)[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c == '`' {
				c = '\''
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		if erefIsApostrophe(r) {
			b = append(b, '\'')
			continue
		}
		b = utf8.AppendRune(b, erefFoldRune(r))
	}
	*buf = b
	v, ok := m[string(b)]
	return v, ok
}

// erefIsFolded reports whether w is already in lower case with plain apostrophes, for the common
// case of lower-case Latin, Cyrillic and Greek words that need no copy.
func erefIsFolded(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if ('A' <= c && c <= 'Z') || c == '`' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if erefFoldRune(r) != r || erefIsApostrophe(r) {
			return false
		}
		i += n
	}
	return true
}

// erefFoldRune lower-cases r, with shortcuts for the Cyrillic and Greek alphabets.
func erefFoldRune(r rune) rune {
	switch {
	case 0x430 <= r && r <= 0x45F, 0x3AC <= r && r <= 0x3CE, 0xDF <= r && r <= 0xFF:
		return r // already lower case
	case 0x410 <= r && r <= 0x42F, 0x391 <= r && r <= 0x3AB && r != 0x3A2, 0xC0 <= r && r <= 0xDE && r != 0xD7:
		return r + 0x20
	case 0x400 <= r && r <= 0x40F:
		return r + 0x50
	}
	return unicode.ToLower(r)
}

// wordIn reports whether the word w, lower-cased, is in m.
func (x *erefExtraction) wordIn(m map[string]bool, w string) bool {
	ok, _ := erefLookupFold(&x.buf, m, w)
	return ok
}

// erefNextWord returns the word starting at or after i once up to maxSkip spaces are skipped.
func erefNextWord(s string, i, maxSkip int) (start, end int) {
	i = erefSkipSpaces(s, i, maxSkip)
	return i, erefWordEnd(s, i)
}

// erefPrevWord returns the word ending at or before i once up to maxSkip spaces are skipped.
func erefPrevWord(s string, i, maxSkip int) (start, end int) {
	i = erefSkipSpacesBack(s, i, maxSkip)
	return erefWordStart(s, i), i
}

func erefSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// textIndex returns the offset of Normalized.Text whose character starts at or after the
// original offset o (binary search over the exported mapping).
func (x *erefExtraction) textIndex(o int) int {
	lo, hi := 0, len(x.n.Text)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x.n.OriginalSpan(mid, mid).Start < o {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// erefMixedScript reports Latin letters mixed with Cyrillic or Greek ones, the mark of look-alike
// letters ("аnnа@mаil.com" with Cyrillic а).
func erefMixedScript(s string) bool {
	latin, other := false, false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			latin = latin || erefIsASCIILetter(byte(r))
		case unicode.In(r, unicode.Cyrillic, unicode.Greek):
			other = true
		}
	}
	return latin && other
}

// folded reports whether src is the original and a normalised text is also scanned.
func (x *erefExtraction) folded(src erefSource) bool { return !src.mapped && len(x.srcs) > 1 }
