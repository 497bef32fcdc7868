// Code generated from normalize_class.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import (
	"unicode"
	"unicode/utf8"
)

// nrefUnit is one character of a region that the word-level steps work on: a rune of the
// future Text, the offset of the original character that produced it, and what the steps need
// to know about it without asking package unicode again.
type nrefUnit struct {
	o  int  // byte offset in the original of the character that produced r
	r  rune // already folded
	cl nrefClass
	sc nrefScript
	// del marks a unit that a word-level step removed; it is dropped when the units are
	// written out (or by nrefRemap after spaced-out runs are joined), so that the steps read
	// their neighbours as they were.
	del bool
}

// nrefClass is what a rune is for the word-level steps.
type nrefClass uint8

const (
	nrefNclOther nrefClass = iota
	nrefNclSpace           // only ' ' survives character folding
	nrefNclSep             // . - _ * · • | ~ : what spaced-out letters are separated with
	// The classes from nrefNclLetter on continue a word (wordish).
	nrefNclLetter // a letter of any script
	nrefNclDigit  // an ASCII digit; other decimal digits are folded to ASCII
	nrefNclLeet   // @ $ €: symbols that stand for letters in leetspeak
	nrefNclMark   // a combining mark that normalisation keeps (Indic vowel signs, kana marks)
	nrefNclJamo   // a Hangul conjoining letter: it composes with its neighbour, so never joined
)

// nrefScript of a letter, as far as homoglyph folding cares.
type nrefScript uint8

const (
	nrefNscNone nrefScript = iota
	nrefNscLatin
	nrefNscCyrillic
	nrefNscGreek
	nrefNscOther
)

// wordish reports whether c continues a word: a character next to a wordish one is not
// "single", and a word ends where wordish characters end.
func (c nrefClass) wordish() bool { return c >= nrefNclLetter }

func (c nrefClass) alnum() bool { return c == nrefNclLetter || c == nrefNclDigit }

// nrefNewUnit classifies a folded rune.
func nrefNewUnit(r rune, o int) nrefUnit {
	if r < utf8.RuneSelf {
		return nrefUnit{o: o, r: r, cl: nrefASCIIClass[r], sc: nrefASCIIScript[r]}
	}
	if e := nrefLookupFold(r); e.s == "" {
		return nrefUnit{o: o, r: r, cl: e.cl, sc: e.sc}
	}
	cl, sc := nrefClassify(r)
	return nrefUnit{o: o, r: r, cl: cl, sc: sc}
}

// nrefClassify is the slow path of nrefNewUnit; the common scripts are range checks.
func nrefClassify(r rune) (nrefClass, nrefScript) {
	switch {
	case r >= 0x0430 && r <= 0x045F, r >= 0x0400 && r <= 0x042F:
		return nrefNclLetter, nrefNscCyrillic
	case r >= 0x03AC && r <= 0x03CE, r >= 0x0391 && r <= 0x03A9:
		return nrefNclLetter, nrefNscGreek
	case r == '€':
		return nrefNclLeet, nrefNscNone
	case r == '·' || r == '•':
		return nrefNclSep, nrefNscNone
	case nrefIsJamo(r):
		return nrefNclJamo, nrefNscOther
	case unicode.IsLetter(r):
		return nrefNclLetter, nrefLetterScript(r)
	case nrefIsMark(r):
		return nrefNclMark, nrefNscNone
	case unicode.IsSpace(r):
		return nrefNclSpace, nrefNscNone
	}
	return nrefNclOther, nrefNscNone
}

// nrefLetterScript tells Latin, Cyrillic and Greek letters apart; everything else is "other".
func nrefLetterScript(r rune) nrefScript {
	switch {
	case r < 0x0250 || (r >= 0x1E00 && r < 0x1F00) || (r >= 0x2C60 && r < 0x2C80) ||
		(r >= 0xA720 && r < 0xA800) || (r >= 0xAB30 && r < 0xAB70):
		if unicode.Is(unicode.Latin, r) {
			return nrefNscLatin
		}
	case (r >= 0x0370 && r < 0x0400) || (r >= 0x1F00 && r < 0x2000):
		return nrefNscGreek
	case (r >= 0x0400 && r < 0x0530) || (r >= 0x1C80 && r < 0x1C90) ||
		(r >= 0x2DE0 && r < 0x2E00) || (r >= 0xA640 && r < 0xA6A0):
		return nrefNscCyrillic
	}
	if unicode.Is(unicode.Latin, r) {
		return nrefNscLatin
	}
	return nrefNscOther
}

func nrefIsJamo(r rune) bool {
	return (r >= 0x1100 && r < 0x1200) || (r >= 0xA960 && r < 0xA980) || (r >= 0xD7B0 && r < 0xD800)
}

func nrefIsMark(r rune) bool {
	return r >= 0x0300 && unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc)
}

func nrefIsLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return nrefASCIIClass[r] == nrefNclLetter
	}
	return unicode.IsLetter(r)
}

func nrefIsDigit(r rune) bool { return unicode.IsDigit(r) }

func nrefIsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '′', '`', '´':
		return true
	}
	return false
}

// nrefASCIIFolded is nrefASCIIFold as bytes, for the hot loop.
var nrefASCIIFolded = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		t[c] = byte(nrefASCIIFold[c])
	}
	return t
}()

// nrefASCIIFold is what character folding makes of an ASCII byte: lower case, and a space for
// every control character, which in extracted page text separates words.
var nrefASCIIFold = func() (t [utf8.RuneSelf]rune) {
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

// nrefASCIIClass and nrefASCIIScript classify folded ASCII.
var nrefASCIIClass, nrefASCIIScript = func() (cl [utf8.RuneSelf]nrefClass, sc [utf8.RuneSelf]nrefScript) {
	for c := range cl {
		switch r := rune(c); {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			cl[c], sc[c] = nrefNclLetter, nrefNscLatin
		case r >= '0' && r <= '9':
			cl[c] = nrefNclDigit
		case r == ' ':
			cl[c] = nrefNclSpace
		case r == '@' || r == '$':
			cl[c] = nrefNclLeet
		case r == '.' || r == '-' || r == '_' || r == '*' || r == '|' || r == '~':
			cl[c] = nrefNclSep
		}
	}
	return cl, sc
}()
