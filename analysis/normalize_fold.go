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
// exhaustive test over all of Unicode checks, and which makes Normalize idempotent at the
// character level.

// normFoldEntry is everything character folding needs to know about one rune, looked up once.
type normFoldEntry struct {
	s     string // the replacement; "" means the rune stays as it is
	cl    normClass
	sc    normScript
	flags uint8
}

const (
	feDrop     = 1 << iota // dropped before NFKC (normDroppable with no letter before it)
	feJoins                // may combine with the rune before it under NFKC
	feRegional             // a regional indicator (🇦…🇿)
	feSpace                // folds to something with a space in it (white space to collapse)
)

// normFoldRange is a block of precomputed entries.
type normFoldRange struct {
	lo, hi rune
	e      []normFoldEntry
}

// normFoldRanges cover the alphabets, punctuation, letter-like and enclosed symbols, Cherokee
// small letters, full-width forms, mathematical letters and emoji. Runes outside them are
// looked up on the fly.
var normFoldRanges = sync.OnceValue(func() []normFoldRange {
	spans := [][2]rune{{0x80, 0x3100}, {0xA640, 0xAC00}, {0xF900, 0x10000}, {0x1D400, 0x1D800},
		{0x1F000, 0x1FC00}}
	out := make([]normFoldRange, len(spans))
	for i, sp := range spans {
		fr := normFoldRange{lo: sp[0], hi: sp[1], e: make([]normFoldEntry, sp[1]-sp[0])}
		for r := sp[0]; r < sp[1]; r++ {
			fr.e[r-sp[0]] = normComputeEntry(r)
		}
		out[i] = fr
	}
	return out
})

// normLookupFold is the entry of a rune.
func normLookupFold(r rune) normFoldEntry {
	if r < utf8.RuneSelf {
		e := normFoldEntry{cl: normASCIIClass[normASCIIFold[r]], sc: normASCIIScript[normASCIIFold[r]]}
		if f := normASCIIFold[r]; f != r {
			e.s = string(f)
		}
		return e
	}
	ranges := normFoldRanges()
	if r < 0x3100 {
		return ranges[0].e[r-0x80]
	}
	if normIsHanOrHangul(r) { // letters that fold to themselves, and many of them
		return normFoldEntry{cl: nclLetter, sc: nscOther}
	}
	for _, fr := range ranges[1:] {
		if r < fr.lo {
			break
		}
		if r < fr.hi {
			return fr.e[r-fr.lo]
		}
	}
	return normComputeEntry(r)
}

// normComputeEntry builds the entry of a rune; the expensive fold only for the runes that
// need it.
func normComputeEntry(r rune) normFoldEntry {
	var e normFoldEntry
	e.cl, e.sc = normClassify(r)
	var b [utf8.UTFMax]byte
	p := norm.NFKC.Properties(b[:utf8.EncodeRune(b[:], r)])
	switch {
	case normDroppable(r, 0):
		e.flags |= feDrop
	case normIsRegional(r):
		e.flags |= feRegional
	}
	if !p.BoundaryBefore() {
		e.flags |= feJoins
	}
	if normFoldsToItself(r) {
		return e
	}
	if s := normFoldString(string(r)); s != string(r) && s != "" {
		e.s = s
		if strings.IndexByte(s, ' ') >= 0 {
			e.flags |= feSpace
		}
	}
	return e
}

// normIsHanOrHangul reports CJK ideographs and Hangul syllables, which need no folding.
func normIsHanOrHangul(r rune) bool {
	return (r >= 0x4E00 && r < 0xA000) || (r >= 0x3400 && r < 0x4DC0) || (r >= 0xAC00 && r < 0xD7A4) ||
		(r >= 0x20000 && r < 0x2FA00 && !(r >= 0x2F800 && r < 0x2FA20))
}

// normFoldsToItself reports cheaply that a rune folds to itself: it has no case, no
// compatibility or canonical decomposition and no entry in our tables, like most symbols,
// emoji and CJK.
func normFoldsToItself(r rune) bool {
	if normIsHanOrHangul(r) { // Hangul syllables: NFKC recomposes what NFKD splits
		return true
	}
	if normCaseFold(r) != r || unicode.SimpleFold(r) != r || unicode.IsSpace(r) || unicode.IsControl(r) ||
		unicode.Is(unicode.Nd, r) || normDroppable(r, 0) {
		return false
	}
	if _, ok := normSpecialFold(r); ok {
		return false
	}
	var b [utf8.UTFMax]byte
	return len(norm.NFKD.Properties(b[:utf8.EncodeRune(b[:], r)]).Decomposition()) == 0
}

// normFoldString folds a string rune by rune until nothing changes: one step can expose work
// for another ("Ł" lower-cases to "ł", which the look-alike table then reads as "l").
func normFoldString(s string) string {
	for range 6 {
		t := normFoldStep(s)
		if t == s {
			break
		}
		s = t
	}
	return s
}

// normFoldStep is one round of: our tables, NFKD, dropping diacritics, case folding, NFC.
func normFoldStep(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch sp, ok := normSpecialFold(r); {
		case ok:
			b.WriteString(sp)
		case normIsIgnorable(r):
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
		if normIsDiacritic(r) && !normKeepsMark(base, r) {
			continue
		}
		if !normIsMark(r) {
			base = r
		}
		if r == 'ß' {
			b.WriteString("ss")
			continue
		}
		b.WriteRune(normCaseFold(r))
	}
	return norm.NFC.String(b.String())
}

// normCaseFold maps every rune of a case orbit (Σ σ ς, K k K, I ı i) to one member: the lower
// case of its upper case. x/text's cases.Fold is not used because it is not idempotent on
// Cherokee (Ꮃ → ꮃ → Ꮃ).
func normCaseFold(r rune) rune {
	if r < utf8.RuneSelf {
		return normASCIIFold[r]
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// normKeepsMark reports the diacritics that make a letter of its own in Cyrillic alphabets: й and
// ў (breve) and Ukrainian ї (diaeresis). Ё loses its diaeresis: Russian writes it as е.
func normKeepsMark(base, m rune) bool {
	switch m {
	case 0x0306:
		return base == 'и' || base == 'И' || base == 'у' || base == 'У'
	case 0x0308:
		return base == 'і' || base == 'І'
	}
	return false
}

// normIsDiacritic reports the combining marks that are dropped: the generic diacritic blocks,
// Cyrillic titlo and the like, Hebrew points and Arabic harakat (and their presentation
// forms, which NFKC turns into the marks alone). Marks that are part of the
// spelling of Indic, Thai or Japanese text are kept.
func normIsDiacritic(r rune) bool {
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

// normIsIgnorable reports the invisible characters that are dropped before anything else: they
// are used to break words apart for filters while the reader sees nothing (zero-width space
// and joiners, soft hyphen, word joiner, bidi controls, variation selectors, tags, fillers,
// Arabic tatweel).
func normIsIgnorable(r rune) bool {
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

// normDroppable reports a rune that character folding removes before NFKC, given the letter it
// follows (for the Cyrillic marks that normKeepsMark keeps).
func normDroppable(r, base rune) bool {
	return normIsIgnorable(r) || (normIsDiacritic(r) && !normKeepsMark(base, r))
}
