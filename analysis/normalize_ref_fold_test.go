// Code generated from normalize_fold.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Character folding of one rune, with no context: NFKC, diacritics dropped, case folded,
// look-alike letters, digits and punctuation of the tables in normalize_tables.go replaced.
// The result is a fixed point: folding any rune of it again gives that rune back, which the
// exhaustive test over all of Unicode checks, and which makes nrefNormalize idempotent at the
// character level.

// nrefFoldEntry is everything character folding needs to know about one rune, looked up once.
type nrefFoldEntry struct {
	s     string // the replacement; "" means the rune stays as it is
	cl    nrefClass
	sc    nrefScript
	flags uint8
}

const (
	nrefFeDrop     = 1 << iota // dropped before NFKC (nrefDroppable with no letter before it)
	nrefFeJoins                // may combine with the rune before it under NFKC
	nrefFeRegional             // a regional indicator (🇦…🇿)
	nrefFeSpace                // folds to something with a space in it (white space to collapse)
)

// nrefFoldRange is a block of precomputed entries.
type nrefFoldRange struct {
	lo, hi rune
	e      []nrefFoldEntry
}

// nrefFoldRanges cover the alphabets, punctuation, letter-like and enclosed symbols, Cherokee
// small letters, full-width forms, mathematical letters and emoji. Runes outside them are
// looked up on the fly.
var nrefFoldRanges = sync.OnceValue(func() []nrefFoldRange {
	spans := [][2]rune{{0x80, 0x3100}, {0xA640, 0xAC00}, {0xF900, 0x10000}, {0x1D400, 0x1D800},
		{0x1F000, 0x1FC00}}
	out := make([]nrefFoldRange, len(spans))
	for i, sp := range spans {
		fr := nrefFoldRange{lo: sp[0], hi: sp[1], e: make([]nrefFoldEntry, sp[1]-sp[0])}
		for r := sp[0]; r < sp[1]; r++ {
			fr.e[r-sp[0]] = nrefComputeEntry(r)
		}
		out[i] = fr
	}
	return out
})

// nrefLookupFold is the entry of a rune.
func nrefLookupFold(r rune) nrefFoldEntry {
	if r < utf8.RuneSelf {
		e := nrefFoldEntry{cl: nrefASCIIClass[nrefASCIIFold[r]], sc: nrefASCIIScript[nrefASCIIFold[r]]}
		if f := nrefASCIIFold[r]; f != r {
			e.s = string(f)
		}
		return e
	}
	ranges := nrefFoldRanges()
	if r < 0x3100 {
		return ranges[0].e[r-0x80]
	}
	if nrefIsHanOrHangul(r) { // letters that fold to themselves, and many of them
		return nrefFoldEntry{cl: nrefNclLetter, sc: nrefNscOther}
	}
	for _, fr := range ranges[1:] {
		if r < fr.lo {
			break
		}
		if r < fr.hi {
			return fr.e[r-fr.lo]
		}
	}
	return nrefComputeEntry(r)
}

// nrefComputeEntry builds the entry of a rune; the expensive fold only for the runes that
// need it.
func nrefComputeEntry(r rune) nrefFoldEntry {
	var e nrefFoldEntry
	e.cl, e.sc = nrefClassify(r)
	var b [utf8.UTFMax]byte
	p := norm.NFKC.Properties(b[:utf8.EncodeRune(b[:], r)])
	switch {
	case nrefDroppable(r, 0):
		e.flags |= nrefFeDrop
	case nrefIsRegional(r):
		e.flags |= nrefFeRegional
	}
	if !p.BoundaryBefore() {
		e.flags |= nrefFeJoins
	}
	if nrefFoldsToItself(r) {
		return e
	}
	if s := nrefFoldString(string(r)); s != string(r) && s != "" {
		e.s = s
		if strings.IndexByte(s, ' ') >= 0 {
			e.flags |= nrefFeSpace
		}
	}
	return e
}

// nrefIsHanOrHangul reports CJK ideographs and Hangul syllables, which need no folding.
func nrefIsHanOrHangul(r rune) bool {
	return (r >= 0x4E00 && r < 0xA000) || (r >= 0x3400 && r < 0x4DC0) || (r >= 0xAC00 && r < 0xD7A4) ||
		(r >= 0x20000 && r < 0x2FA00 && !(r >= 0x2F800 && r < 0x2FA20))
}

// nrefFoldsToItself reports cheaply that a rune folds to itself: it has no case, no
// compatibility or canonical decomposition and no entry in our tables, like most symbols,
// emoji and CJK.
func nrefFoldsToItself(r rune) bool {
	if nrefIsHanOrHangul(r) { // Hangul syllables: NFKC recomposes what NFKD splits
		return true
	}
	if nrefCaseFold(r) != r || unicode.SimpleFold(r) != r || unicode.IsSpace(r) || unicode.IsControl(r) ||
		unicode.Is(unicode.Nd, r) || nrefDroppable(r, 0) {
		return false
	}
	if _, ok := nrefSpecialFold(r); ok {
		return false
	}
	var b [utf8.UTFMax]byte
	return len(norm.NFKD.Properties(b[:utf8.EncodeRune(b[:], r)]).Decomposition()) == 0
}

// nrefFoldString folds a string rune by rune until nothing changes: one step can expose work
// for another ("Ł" lower-cases to "ł", which the look-alike table then reads as "l").
func nrefFoldString(s string) string {
	for range 6 {
		t := nrefFoldStep(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}

// nrefFoldStep is one round of: our tables, NFKD, dropping diacritics, case folding, NFC.
func nrefFoldStep(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch sp, ok := nrefSpecialFold(r); {
		case ok:
			b.WriteString(sp)
		case nrefIsIgnorable(r):
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	d := norm.NFKD.String(b.String())
	b.Reset()
	var base rune
	for _, r := range d {
		if nrefIsDiacritic(r) && !nrefKeepsMark(base, r) {
			continue
		}
		if !nrefIsMark(r) {
			base = r
		}
		if r == 'ß' {
			b.WriteString("ss")
			continue
		}
		b.WriteRune(nrefCaseFold(r))
	}
	return norm.NFC.String(b.String())
}

// nrefCaseFold maps every rune of a case orbit (Σ σ ς, K k K, I ı i) to one member: the lower
// case of its upper case. x/text's cases.Fold is not used because it is not idempotent on
// Cherokee (Ꮃ → ꮃ → Ꮃ).
func nrefCaseFold(r rune) rune {
	if r < utf8.RuneSelf {
		return nrefASCIIFold[r]
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// nrefKeepsMark reports the diacritics that make a letter of its own in Cyrillic alphabets: й and
// ў (breve) and Ukrainian ї (diaeresis). Ё loses its diaeresis: Russian writes it as е.
func nrefKeepsMark(base, m rune) bool {
	switch m {
	case 0x0306:
		return base == 'и' || base == 'И' || base == 'у' || base == 'У'
	case 0x0308:
		return base == 'і' || base == 'І'
	}
	return false
}

// nrefIsDiacritic reports the combining marks that are dropped: the generic diacritic blocks,
// Cyrillic titlo and the like, Hebrew points and Arabic harakat (and their presentation
// forms, which NFKC turns into the marks alone). Marks that are part of the
// spelling of Indic, Thai or Japanese text are kept.
func nrefIsDiacritic(r rune) bool {
	switch {
	case r < 0x0300:
		return false
	case r <= 0x036F, r >= 0x0483 && r <= 0x0489:
		return true
	case r >= 0x0591 && r <= 0x05C7:
		return r != 0x05BE && r != 0x05C0 && r != 0x05C3 && r != 0x05C6
	case r >= 0x0610 && r <= 0x061A, r >= 0x064B && r <= 0x065F, r == 0x0670,
		r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E4, r == 0x06E7, r == 0x06E8,
		r >= 0x06EA && r <= 0x06ED:
		return true
	case r >= 0x1AB0 && r <= 0x1AFF, r >= 0x1DC0 && r <= 0x1DFF, r >= 0x20D0 && r <= 0x20FF,
		r >= 0xFE20 && r <= 0xFE2F:
		return true
	case r >= 0xFCF2 && r <= 0xFCF4, r >= 0xFE70 && r <= 0xFE7F: // Arabic harakat forms
		return true
	}
	return false
}

// nrefIsIgnorable reports the invisible characters that are dropped before anything else: they
// are used to break words apart for filters while the reader sees nothing (zero-width space
// and joiners, soft hyphen, word joiner, bidi controls, variation selectors, tags, fillers,
// Arabic tatweel).
func nrefIsIgnorable(r rune) bool {
	switch {
	case r < 0xAD:
		return false
	case r == 0xAD, r == 0x034F, r == 0x061C, r == 0x0640, r == 0x115F, r == 0x1160,
		r == 0x17B4, r == 0x17B5, r >= 0x180B && r <= 0x180F:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E, r >= 0x2060 && r <= 0x206F,
		r == 0x3164, r >= 0xFE00 && r <= 0xFE0F, r == 0xFEFF, r == 0xFFA0,
		r >= 0xFFF0 && r <= 0xFFF8:
		return true
	case r >= 0x1BCA0 && r <= 0x1BCA3, r >= 0x1D173 && r <= 0x1D17A, r >= 0xE0000 && r <= 0xE0FFF:
		return true
	}
	return false
}

// nrefDroppable reports a rune that character folding removes before NFKC, given the letter it
// follows (for the Cyrillic marks that nrefKeepsMark keeps).
func nrefDroppable(r, base rune) bool {
	return nrefIsIgnorable(r) || (nrefIsDiacritic(r) && !nrefKeepsMark(base, r))
}
