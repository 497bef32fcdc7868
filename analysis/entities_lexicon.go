package analysis

import (
	"unicode/utf8"
)

// The lexicon holds the words that matter at every word of a text: spelled-out digits,
// platform names, at- and dot-words, words that may touch a number. Most words of an ad are
// none of these, so each word is hashed while it is read (lower-cased on the fly) and looked
// up in the map only when a Bloom filter of the lexicon says it may be there: a word costs a
// pass over its bytes, not a copy and a map probe.

// Hashing every word still costs more than reading it, so a word is first skimmed: its end
// found with a table of letters, then its length in characters and its first, second and last
// characters, lower-cased, looked up in lexSkimSet. A word that cannot be in the lexicon by
// these is not hashed. Every lexicon word is made of characters below U+0800 (init checks),
// which the table covers.

// lexEntry is what a word means to the extractors.
type lexEntry struct {
	digit byte // '0'…'9' for a spelled-out digit, else 0
	glue  bool // may touch a number: "tel3330000001"
	kw    keyword
}

var lexicon = func() map[string]lexEntry {
	m := map[string]lexEntry{}
	for w, d := range digitWords {
		e := m[w]
		e.digit = d
		m[w] = e
	}
	for w := range gluePrefixes {
		e := m[w]
		e.glue = true
		m[w] = e
	}
	for w, k := range keywords {
		e := m[w]
		e.kw = k
		m[w] = e
	}
	return m
}()

const lexBloomBits = 1 << 16

var lexBloom = func() (b [lexBloomBits / 64]uint64) {
	for w := range lexicon {
		_, h := wordHash(w, 0)
		b[h%lexBloomBits/64] |= 1 << (h % 64)
	}
	return b
}()

// lexMaxRunes is the length in characters of the longest lexicon word.
var lexMaxRunes = func() int {
	n := 0
	for w := range lexicon {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}()

const lexSkimBits = 1 << 16

// lexSkimSet holds lexSkimKey of each lexicon word.
var lexSkimSet = func() (b [lexSkimBits / 64]uint64) {
	for w := range lexicon {
		r := []rune(w)
		second := rune(0)
		if len(r) > 1 {
			second = r[1]
		}
		for _, c := range r {
			if c >= 0x800 || lexFold(c) != c {
				panic("analysis: lexicon word " + w + " is not lower case below U+0800")
			}
		}
		k := lexSkimKey(len(r), r[0], second, r[len(r)-1])
		b[k/64] |= 1 << (k % 64)
	}
	return b
}()

func lexSkimKey(n int, first, second, last rune) uint32 {
	h := uint32(n)*0x9E3779B1 ^ uint32(first)*0x85EBCA77 ^ uint32(second)*0xC2B2AE3D ^ uint32(last)*0x27D4EB2F
	return h >> 16
}

// lexNext returns the next word at or after i, read like wordHash, that may be in the lexicon,
// or start == len(s). Stretches without letters and words of ASCII letters are read eight
// bytes at a time; other words a character at a time, two-byte letters inline.
func lexNext(s string, i int) (start, end int) {
	for i < len(s) {
		i = indexWordish(s, i)
		if i == len(s) {
			break
		}
		j := asciiLettersEnd(s, i)
		if j > i && (j == len(s) || (s[j] < utf8.RuneSelf && s[j] != '\'' && s[j] != '`')) {
			// a word of ASCII letters only
			n := j - i
			if n <= lexMaxRunes {
				k := lexSkimKey(n, rune(s[i]|0x20), rune(s[i+min(1, n-1)]|0x20)*rune(min(1, n-1)), rune(s[j-1]|0x20))
				if lexSkimSet[k/64]&(1<<(k%64)) != 0 {
					return i, j
				}
			}
			i = j
			continue
		}
		j, n := lexWordEnd(s, i)
		if n == 0 {
			_, size := runeAt(s, i)
			i += size
			continue
		}
		if n <= lexMaxRunes && lexMaybe(s, i, j, n) {
			return i, j
		}
		i = j
	}
	return len(s), len(s)
}

// indexWordish returns the offset of the first byte at or after i that may be part of a word:
// an ASCII letter or apostrophe, or a byte of a multi-byte character.
func indexWordish(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		x := load8(s, i)
		if m := letterBytes(x) | x&hi | equalBytes(x, '\'') | equalBytes(x, '`'); m != 0 {
			return i + firstByte(m)
		}
	}
	for i < len(s) && s[i] < utf8.RuneSelf && !isASCIILetter(s[i]) && s[i] != '\'' && s[i] != '`' {
		i++
	}
	return i
}

// asciiLettersEnd returns the end of the ASCII letters at i.
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

// lexWordEnd returns the end of the word at i like wordHash and its length in characters, with
// two-byte letters read inline.
func lexWordEnd(s string, i int) (end, n int) {
	j := i
	for j < len(s) {
		c := s[j]
		switch {
		case isASCIILetter(c):
			j++
		case c >= 0xC2 && c < 0xE0 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 &&
			letterTable[c&0x1F]&(1<<(s[j+1]&0x3F)) != 0: // a two-byte letter
			j += 2
		default:
			size, ok := wordChar(s, i, j)
			if !ok {
				return j, n
			}
			j += size
		}
		n++
	}
	return j, n
}

// wordChar reports whether the character at j continues the word started at i (letters,
// apostrophes between letters), and its size.
func wordChar(s string, i, j int) (int, bool) {
	if c := s[j]; c < utf8.RuneSelf {
		return 1, (c == '\'' || c == '`') && j > i && letterAt(s, j+1)
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	return size, isLetter(r) || (isApostrophe(r) && j > i && letterAt(s, j+size))
}

// lexMaybe looks the word s[i:j] of n characters up in lexSkimSet.
func lexMaybe(s string, i, j, n int) bool {
	var second rune
	if n > 1 {
		_, size := runeAt(s, i)
		second = lexFoldAt(s, i+size)
	}
	last := j - 1
	for s[last]&0xC0 == 0x80 {
		last--
	}
	k := lexSkimKey(n, lexFoldAt(s, i), second, lexFoldAt(s, last))
	return lexSkimSet[k/64]&(1<<(k%64)) != 0
}

// lexFoldAt is lexFold of the character starting at i of a word, by table below U+0800.
func lexFoldAt(s string, i int) rune {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(lexFoldTable[c])
	} else if c < 0xE0 {
		return rune(lexFoldTable[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return lexFold(r)
}

var lexFoldTable = func() (t [0x800]uint16) {
	for r := range rune(len(t)) {
		t[r] = uint16(min(lexFold(r), 0xFFFF))
	}
	return t
}()

// lexFold lower-cases r as lookupFold does, apostrophes read as "'".
func lexFold(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		if r == '`' {
			return '\''
		}
		return r
	case isApostrophe(r):
		return '\''
	}
	return foldRune(r)
}

func letterAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isLetterFast(r)
}

// wordHit is a word of the lexicon met in the original.
type wordHit struct {
	start, end int
	e          lexEntry
}

// numberWord returns the end and entry of the word at i of the original for the squeezer,
// from what scanWords recorded when it ran, else by reading it. Calls come in text order.
func (x *extraction) numberWord(i int) (end int, e lexEntry) {
	if !x.lexed {
		end, e, _ = x.lexWord(x.n.Original, i)
		return end, e
	}
	for len(x.numberWords) > 0 && x.numberWords[0].start < i {
		x.numberWords = x.numberWords[1:]
	}
	if len(x.numberWords) > 0 && x.numberWords[0].start == i {
		return x.numberWords[0].end, x.numberWords[0].e
	}
	return wordEnd(x.n.Original, i), e
}

// lexWord reads the word starting at i and returns its end and, if it is in the lexicon,
// its entry.
func (x *extraction) lexWord(s string, i int) (end int, e lexEntry, ok bool) {
	end, h := wordHash(s, i)
	if lexBloom[h%lexBloomBits/64]&(1<<(h%64)) == 0 {
		return end, e, false
	}
	e, ok = lookupFold(&x.buf, lexicon, s[i:end])
	return end, e, ok
}

// wordHash reads the word starting at i like wordEnd and returns its end and the FNV-1a hash
// of its lower-cased characters (ASCII as bytes, others as code points), apostrophes read as
// "'".
func wordHash(s string, i int) (end int, h uint32) {
	const prime = 16777619
	h = 2166136261
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case (c == '\'' || c == '`') && j > i && j+1 < len(s):
				if r, _ := runeAt(s, j+1); !isLetter(r) {
					return j, h
				}
				c = '\''
			default:
				return j, h
			}
			h = (h ^ uint32(c)) * prime
			j++
			continue
		}
		r, n := decode2(s, j)
		switch {
		case isLetter(r):
			r = foldRune(r)
		case isApostrophe(r) && j > i:
			if r2, _ := runeAt(s, j+n); !isLetter(r2) {
				return j, h
			}
			r = '\''
		default:
			return j, h
		}
		h = (h ^ uint32(r)) * prime
		j += n
	}
	return j, h
}

// decode2 decodes the rune at j, inline for the two-byte sequences of Latin, Greek and
// Cyrillic letters.
func decode2(s string, j int) (rune, int) {
	if c := s[j]; c >= 0xC2 && c < 0xE0 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[j+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[j:])
}
