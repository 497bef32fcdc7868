package analysis

import (
	"unicode"
	"unicode/utf8"
)

// normUnit is one character of a region that the word-level steps work on: a rune of the
// future Text, the offset of the original character that produced it, and what the steps need
// to know about it without asking package unicode again.
type normUnit struct {
	o  int  // byte offset in the original of the character that produced r
	r  rune // already folded
	cl normClass
	sc normScript
	// del marks a unit that a word-level step removed; it is dropped when the units are
	// written out (or by normRemap after spaced-out runs are joined), so that the steps read
	// their neighbours as they were.
	del bool
}

// normClass is what a rune is for the word-level steps.
type normClass uint8

const (
	nclOther normClass = iota
	nclSpace           // only ' ' survives character folding
	nclSep             // . - _ * · • | ~ : what spaced-out letters are separated with
	// The classes from nclLetter on continue a word (wordish).
	nclLetter // a letter of any script
	nclDigit  // an ASCII digit; other decimal digits are folded to ASCII
	nclLeet   // @ $ €: symbols that stand for letters in leetspeak
	nclMark   // a combining mark that normalisation keeps (Indic vowel signs, kana marks)
	nclJamo   // a Hangul conjoining letter: it composes with its neighbour, so never joined
)

// normScript of a letter, as far as homoglyph folding cares.
type normScript uint8

const (
	nscNone normScript = iota
	nscLatin
	nscCyrillic
	nscGreek
	nscOther
)

// wordish reports whether c continues a word: a character next to a wordish one is not
// "single", and a word ends where wordish characters end.
func (c normClass) wordish() bool { return c >= nclLetter }

func (c normClass) alnum() bool { return c == nclLetter || c == nclDigit }

// newNormUnit classifies a folded rune.
func newNormUnit(r rune, o int) normUnit {
	if r < utf8.RuneSelf {
		return normUnit{o: o, r: r, cl: normASCIIClass[r], sc: normASCIIScript[r]}
	}
	if e := normLookupFold(r); e.s == "" {
		return normUnit{o: o, r: r, cl: e.cl, sc: e.sc}
	}
	cl, sc := normClassify(r)
	return normUnit{o: o, r: r, cl: cl, sc: sc}
}

// normClassify is the slow path of newNormUnit; the common scripts are range checks.
func normClassify(r rune) (normClass, normScript) {
	switch {
	case r >= 0x0430 && r <= 0x045F, r >= 0x0400 && r <= 0x042F:
		return nclLetter, nscCyrillic
	case r >= 0x03AC && r <= 0x03CE, r >= 0x0391 && r <= 0x03A9:
		return nclLetter, nscGreek
	case r == '€':
		return nclLeet, nscNone
	case r == '·' || r == '•':
		return nclSep, nscNone
	case normIsJamo(r):
		return nclJamo, nscOther
	case unicode.IsLetter(r):
		return nclLetter, normLetterScript(r)
	case normIsMark(r):
		return nclMark, nscNone
	case unicode.IsSpace(r):
		return nclSpace, nscNone
	}
	return nclOther, nscNone
}

// normLetterScript tells Latin, Cyrillic and Greek letters apart; everything else is "other".
func normLetterScript(r rune) normScript {
	switch {
	case r < 0x0250 || (r >= 0x1E00 && r < 0x1F00) || (r >= 0x2C60 && r < 0x2C80) ||
		(r >= 0xA720 && r < 0xA800) || (r >= 0xAB30 && r < 0xAB70):
		if unicode.Is(unicode.Latin, r) {
			return nscLatin
		}
	case (r >= 0x0370 && r < 0x0400) || (r >= 0x1F00 && r < 0x2000):
		return nscGreek
	case (r >= 0x0400 && r < 0x0530) || (r >= 0x1C80 && r < 0x1C90) ||
		(r >= 0x2DE0 && r < 0x2E00) || (r >= 0xA640 && r < 0xA6A0):
		return nscCyrillic
	}
	if unicode.Is(unicode.Latin, r) {
		return nscLatin
	}
	return nscOther
}

func normIsJamo(r rune) bool {
	return (r >= 0x1100 && r < 0x1200) || (r >= 0xA960 && r < 0xA980) || (r >= 0xD7B0 && r < 0xD800)
}

func normIsMark(r rune) bool {
	return r >= 0x0300 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

func normIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return normASCIIClass[r] == nclLetter
	}
	return unicode.IsLetter(r)
}

func normIsDigit(r rune) bool { return unicode.IsDigit(r) }

func normIsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '′', '`', '´':
		return true
	}
	return false
}

// normASCIIFolded is normASCIIFold as bytes, for the hot loop.
var normASCIIFolded = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(normASCIIFold[c])
	}
	return t
}()

// normASCIIFold is what character folding makes of an ASCII byte: lower case, and a space for
// every control character, which in extracted page text separates words.
var normASCIIFold = func() (t [utf8.RuneSelf]rune) {
	for c := range t {
		r := rune(c)
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r < ' ' || r == 0x7F:
			r = ' '
		case r == '`':
			r = '\''
		}
		t[c] = r
	}
	return t
}()

// normASCIIClass and normASCIIScript classify folded ASCII.
var normASCIIClass, normASCIIScript = func() (cl [utf8.RuneSelf]normClass, sc [utf8.RuneSelf]normScript) {
	for c := range cl {
		switch r := rune(c); {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			cl[c], sc[c] = nclLetter, nscLatin
		case r >= '0' && r <= '9':
			cl[c] = nclDigit
		case r == ' ':
			cl[c] = nclSpace
		case r == '@' || r == '$':
			cl[c] = nclLeet
		case r == '.' || r == '-' || r == '_' || r == '*' || r == '|' || r == '~':
			cl[c] = nclSep
		}
	}
	return cl, sc
}()
