package analysis

import (
	"unicode/utf8"
)

// The lexicon holds the words that matter at every word of a text: spelled-out digits,
// platform names, at- and dot-words, words that may touch a number. Most words of an ad are
// none of these: the survey (entities_survey.go) keeps only those that look like a lexicon
// word by their length and a few of their letters (entities_skim.go), each of which is then
// hashed while it is read
// (lower-cased on the fly) and looked up in the map only when a Bloom filter of the lexicon
// says it may be there.

// lexEntry is what a word means to the extractors.
type lexEntry struct {
	digit byte // '0'…'9' for a spelled-out digit, else 0
	glue  bool // may touch a number: "tel3330000001"
	kw    keyword
}

var lexicon = newFoldMap(func() map[string]*lexEntry {
	m := map[string]*lexEntry{}
	entry := func(w string) *lexEntry {
		if m[w] == nil {
			m[w] = new(lexEntry)
		}
		return m[w]
	}
	for w, d := range digitWords.m {
		entry(w).digit = d
	}
	for w := range gluePrefixes.m {
		entry(w).glue = true
	}
	for w, k := range keywords.m {
		entry(w).kw = k
	}
	return m
}())

const lexBloomBits = 1 << 16

var lexBloom = func() (b [lexBloomBits / 64]uint64) {
	for w := range lexicon.m {
		_, h := wordHash(w, 0)
		b[h%lexBloomBits/64] |= 1 << (h % 64)
	}
	return b
}()

// wordHit is a spelled-out digit or glue word met in the original: what the squeezer needs of
// its lexEntry.
type wordHit struct {
	start, end int
	digit      byte
	glue       bool
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
		h := x.numberWords[0]
		return h.end, lexEntry{digit: h.digit, glue: h.glue}
	}
	return wordEnd(x.n.Original, i), e
}

// lexWord reads the word starting at i and returns its end and, if it is in the lexicon,
// its entry.
func (x *extraction) lexWord(s string, i int) (end int, e lexEntry, ok bool) {
	end, p := x.lexRef(s, i)
	if p == nil {
		return end, e, false
	}
	return end, *p, true
}

// lexRef is lexWord with the entry in the lexicon, nil if none.
func (x *extraction) lexRef(s string, i int) (end int, e *lexEntry) {
	end, h := wordHash(s, i)
	if lexBloom[h%lexBloomBits/64]&(1<<(h%64)) == 0 {
		return end, nil
	}
	if w := s[i:end]; len(w) > 0 && len(w) <= 48 {
		e, _ = lookupFolded(&x.buf, lexicon, w)
	}
	return end, e
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
		if j+1 < len(s) {
			if r := letter2(c, s[j+1]); r >= 0 { // a Latin, Greek or Cyrillic letter, by table
				h = (h ^ uint32(foldTable[r])) * prime
				j += 2
				continue
			}
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

// foldTable is foldRune below U+0800, where the letters of most ads are.
var foldTable = func() (t [0x800]uint16) {
	for r := range rune(len(t)) {
		t[r] = uint16(foldRune(r))
	}
	return t
}()

// decode2 decodes the rune at j, inline for the two-byte sequences of Latin, Greek and
// Cyrillic letters.
func decode2(s string, j int) (rune, int) {
	if c := s[j]; c >= 0xC2 && c < 0xE0 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[j+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[j:])
}
