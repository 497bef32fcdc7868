package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Small scanning helpers shared by the entity extractors. They work on byte offsets of a
// source and never allocate.

func runeAt(s string, i int) (rune, int) {
	if i < 0 || i >= len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return decode2(s, i)
}

func runeBefore(s string, i int) (rune, int) {
	if i <= 0 || i > len(s) {
		return utf8.RuneError, 0
	}
	if c := s[i-1]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return decodeLast2(s, i)
}

// decodeLast2 decodes the rune ending at i, inline for the two-byte sequences of Latin, Greek
// and Cyrillic letters.
func decodeLast2(s string, i int) (rune, int) {
	if i >= 2 && s[i-1]&0xC0 == 0x80 && s[i-2] >= 0xC2 && s[i-2] < 0xE0 {
		return rune(s[i-2]&0x1F)<<6 | rune(s[i-1]&0x3F), 2
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isASCIILetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'z' }

func isASCIIAlnum(c byte) bool { return isDigit(c) || isASCIILetter(c) }

// isLetter reports letters and combining marks (a word goes on through an accent), by table
// below U+0800, where the letters of most ads are.
func isLetter(r rune) bool {
	if uint32(r) < 0x800 {
		return letterTable[r/64]&(1<<(r%64)) != 0
	}
	return letterOrMark(r)
}

// letterOrMark is isLetter, with shortcuts for the Latin, Greek and Cyrillic letters.
func letterOrMark(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isASCIILetter(byte(r))
	case 0xC0 <= r && r <= 0x24F:
		return r != 0xD7 && r != 0xF7
	case 0x300 <= r && r <= 0x36F, 0x388 <= r && r <= 0x3FF && r != 0x38B && r != 0x38D && r != 0x3A2,
		0x400 <= r && r <= 0x481, 0x48A <= r && r <= 0x52F:
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

var letterTable = func() (t [0x800 / 64]uint64) {
	for r := rune(0); r < 0x800; r++ {
		if letterOrMark(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// isAlnumRune reports letters, combining marks and digits, by table below U+0800: one lookup
// rather than two tests, whose outcome comes unpredictably.
func isAlnumRune(r rune) bool {
	if uint32(r) < 0x800 {
		return alnumTable[r/64]&(1<<(r%64)) != 0
	}
	return alnumAbove(r)
}

// alnumAbove is isAlnumRune above the table, apart so that isAlnumRune is inlined.
func alnumAbove(r rune) bool { return letterOrMark(r) || unicode.IsDigit(r) }

var alnumTable = func() (t [0x800 / 64]uint64) {
	for r := rune(0); r < 0x800; r++ {
		if letterOrMark(r) || unicode.IsDigit(r) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// isSpace reports horizontal white space: a line break ends most entities.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', 0xA0, 0x2007, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000:
		return true
	}
	return false
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' || r == '`' }

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] < ' ' {
			return false
		}
	}
	return true
}

// skipSpaces skips at most max spaces forward from i.
func skipSpaces(s string, i, max int) int {
	for n := 0; n < max && uint(i) < uint(len(s)); n++ {
		if c := s[i]; c == ' ' || c == '\t' {
			i++
			continue
		} else if c < utf8.RuneSelf {
			break // the other spaces are not ASCII
		}
		r, size := runeAt(s, i)
		if !isSpace(r) {
			break
		}
		i += size
	}
	return i
}

// skipSpace is skipSpaces(s, i, 1), inlined for the ASCII space between most words.
func skipSpace(s string, i int) int {
	if uint(i) < uint(len(s)) && s[i] == ' ' {
		return i + 1
	}
	return skipSpaces(s, i, 1)
}

// skipSpacesBack skips at most max spaces backward from i.
func skipSpacesBack(s string, i, max int) int {
	for n := 0; n < max && i > 0 && i <= len(s); n++ {
		if c := s[i-1]; c == ' ' || c == '\t' {
			i--
			continue
		} else if c < utf8.RuneSelf {
			break // the other spaces are not ASCII
		}
		r, size := runeBefore(s, i)
		if !isSpace(r) {
			break
		}
		i -= size
	}
	return i
}

// wordEnd returns the end of the word starting at i: letters, combining marks and
// apostrophes between letters ("п'ять", "all'ora").
func wordEnd(s string, i int) int {
	j := asciiLettersEnd(s, i)
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) {
				j++
				continue
			}
			if c != '\'' && c != '`' {
				break // where most words end
			}
		} else if j+1 < len(s) && letter2(c, s[j+1]) >= 0 {
			j += 2 // a Latin, Greek or Cyrillic letter, without decoding it
			continue
		}
		r, n := runeAt(s, j)
		if isLetter(r) {
			j += n
			continue
		}
		if isApostrophe(r) && j > i {
			if r2, n2 := runeAt(s, j+n); isLetter(r2) {
				j += n + n2
				continue
			}
		}
		break
	}
	return j
}

// asciiLettersEnd returns the end of the ASCII letters from i, eight bytes at a time.
func asciiLettersEnd(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := ^letterBytes(load8(s, i)) & hi; m != 0 {
			return i + firstByte(m)
		}
	}
	for i < len(s) && isASCIILetter(s[i]) {
		i++
	}
	return i
}

// wordStart returns the start of the word ending at end.
func wordStart(s string, end int) int {
	i := end
	for i > 0 {
		if c := s[i-1]; c < utf8.RuneSelf && isASCIILetter(c) {
			i--
			continue
		} else if i >= 2 && letter2(s[i-2], c) >= 0 {
			i -= 2 // a Latin, Greek or Cyrillic letter, without decoding it
			continue
		}
		r, n := runeBefore(s, i)
		if isLetter(r) {
			i -= n
			continue
		}
		if isApostrophe(r) && i < end {
			if r2, n2 := runeBefore(s, i-n); n2 > 0 && isLetter(r2) {
				i -= n
				continue
			}
		}
		break
	}
	return i
}

// foldRune lower-cases r, with shortcuts for the Cyrillic and Greek alphabets.
func foldRune(r rune) rune {
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

// nextWord returns the word starting at or after i once up to maxSkip spaces are skipped.
func nextWord(s string, i, maxSkip int) (start, end int) {
	i = skipSpaces(s, i, maxSkip)
	return i, wordEnd(s, i)
}

// prevWord returns the word ending at or before i once up to maxSkip spaces are skipped.
func prevWord(s string, i, maxSkip int) (start, end int) {
	i = skipSpacesBack(s, i, maxSkip)
	return wordStart(s, i), i
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// textIndex returns the offset of Normalized.Text whose character starts at or after the
// original offset o (binary search over the exported mapping).
func (x *extraction) textIndex(o int) int {
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

// mixedScript reports Latin letters mixed with Cyrillic or Greek ones, the mark of look-alike
// letters ("аnnа@mаil.com" with Cyrillic а).
func mixedScript(s string) bool {
	latin, other := false, false
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			latin = latin || isASCIILetter(byte(r))
		case unicode.In(r, unicode.Cyrillic, unicode.Greek):
			other = true
		}
	}
	return latin && other
}

// folded reports whether src is the original and a normalised text is also scanned.
func (x *extraction) folded(src source) bool { return !src.mapped && len(x.srcs) > 1 }
