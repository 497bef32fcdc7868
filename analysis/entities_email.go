package analysis

import (
	"strings"
	"unicode/utf8"
)

// E-mail addresses are found around each "@" of a text ("anna@mail.com", also "anna @ mail .
// com") and around at-markers: bracketed ("anna[at]mail[dot]com", "anna (at) mail.com",
// "anna(@)mail.com") or a bare at-word between spaces ("anna at mail dot com", "anna
// chiocciola mail punto it", "anna arroba mail punto es", "анна собака mail точка ru"). The
// domain may use dot-markers the same way. With bare words the top-level domain must be a
// common one and the local part at least two characters and not a pronoun ("me at home dot
// com" is not an address). The value is lower case.

// marker describes how the "@" of an address was written.
type marker struct {
	obfuscated bool // anything but a plain "@"
	bare       bool // a word between spaces: stricter checks
}

func (x *extraction) emails(src source) {
	s := src.s
	i := 0
	for _, at := range x.atSigns(src) {
		if at < i {
			continue
		}
		i = at + 1
		if end := x.emailAround(src, at, at+1, marker{}); end > 0 {
			i = end
			continue
		}
		// spaces around the "@" or the dots: "anna @ mail.com", "anna@mail . com"
		ms, me := skipSpacesBack(s, at, 2), skipSpaces(s, at+1, 2)
		if end := x.emailAround(src, ms, me, marker{obfuscated: true}); end > 0 {
			i = end
		}
	}
}

// emailAround reads an address whose "@" was written as s[ms:me]; it returns its end or 0.
func (x *extraction) emailAround(src source, ms, me int, m marker) int {
	s := src.s
	ls := localStart(s, ms)
	if ls == ms || s[ms-1] == '.' {
		return 0
	}
	if m.bare && (ms-ls < 2 || x.wordIn(localStopWords, s[ls:ms])) {
		return 0
	}
	d, ok := x.domainAt(s, me, m.obfuscated, m.obfuscated)
	if !ok || ((m.bare || d.wordDots) && !tlds[d.tld]) {
		return 0
	}
	homoglyphs := mixedScript(s[ls:d.end])
	if homoglyphs && x.folded(src) {
		return d.end // the normalised text reads it with the look-alikes folded
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(x.part(src, ls, ms)))
	b.WriteByte('@')
	d.write(&b, x, src)
	x.add(src, Entity{Type: EntityEmail, Value: b.String(), Obfuscated: m.obfuscated || d.obfuscated || homoglyphs}, ls, d.end)
	return d.end
}

// localPunct reports the ASCII punctuation of a local part.
func localPunct(c byte) bool { return c == '.' || c == '_' || c == '%' || c == '+' || c == '-' }

// localStart returns the start of the local part ending at end (at most 64 characters).
func localStart(s string, end int) int {
	i := end
	for i > 0 && end-i < 64 {
		if c := s[i-1]; c < utf8.RuneSelf { // most local parts, without decoding
			if !isASCIIAlnum(c) && !localPunct(c) {
				break
			}
			i--
			continue
		}
		r, n := runeBefore(s, i)
		if !isAlnumRune(r) && !strings.ContainsRune("._%+-", r) {
			break
		}
		i -= n
	}
	for i < end && s[i] == '.' {
		i++
	}
	return i
}

// domain is a host name read from a text, label by label.
type domain struct {
	labels     [8]Span
	n          int
	end        int
	tld        string // lower case
	obfuscated bool   // a dot was written otherwise than "."
	wordDots   bool   // … as a bare word
}

// domainAt reads a host name at i. obfuscated allows dot-markers; spaced allows " . ".
func (x *extraction) domainAt(s string, i int, obfuscated, spaced bool) (domain, bool) {
	var d domain
	b := labelEnd(s, i)
	if b == i {
		return d, false
	}
	d.labels[0], d.n = Span{i, b}, 1
	kinds := [8]dotKind{}
	for d.n < len(d.labels) {
		j, kind := x.dotMarker(s, b, obfuscated, spaced)
		if kind == noDot {
			break
		}
		c := labelEnd(s, j)
		if c == j {
			break
		}
		d.labels[d.n], kinds[d.n] = Span{j, c}, kind
		d.n++
		b = c
	}
	// the top-level domain: the last known one, else the last label when written plainly
	k := d.n - 1
	for ; k >= 1; k-- {
		if t := strings.ToLower(s[d.labels[k].Start:d.labels[k].End]); tlds[t] {
			break
		}
	}
	if k < 1 {
		k = d.n - 1
		if k < 1 || obfuscated || !lettersOnly(s[d.labels[k].Start:d.labels[k].End]) {
			return d, false
		}
	}
	d.n = k + 1
	d.end = d.labels[k].End
	d.tld = strings.ToLower(s[d.labels[k].Start:d.labels[k].End])
	if len(d.tld) < 2 || !lettersOnly(d.tld) {
		return d, false
	}
	for _, kind := range kinds[1:d.n] {
		d.obfuscated = d.obfuscated || kind != plainDot
		d.wordDots = d.wordDots || kind == wordDot
	}
	return d, true
}

// write writes the lower-case host name.
func (d *domain) write(b *strings.Builder, x *extraction, src source) {
	for k := 0; k < d.n; k++ {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.ToLower(x.part(src, d.labels[k].Start, d.labels[k].End)))
	}
}

// labelEnd returns the end of the host-name label at i: letters, digits, inner hyphens.
func labelEnd(s string, i int) int {
	j := i
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf { // most labels, without decoding
			if !isASCIIAlnum(c) && !(c == '-' && j > i) {
				break
			}
			j++
			continue
		}
		r, n := runeAt(s, j)
		if !isAlnumRune(r) && !(r == '-' && j > i) {
			break
		}
		j += n
	}
	for j > i && s[j-1] == '-' {
		j--
	}
	return j
}

func lettersOnly(s string) bool {
	for _, r := range s {
		if !isLetter(r) {
			return false
		}
	}
	return s != ""
}

type dotKind byte

const (
	noDot      dotKind = iota
	plainDot           // "."
	spacedDot          // " . "
	bracketDot         // "[dot]", "(.)", "{punto}"
	wordDot            // " dot ", " punto ", " точка "
)

// dotMarker reads a dot between two labels at i and returns where the next label starts.
func (x *extraction) dotMarker(s string, i int, obfuscated, spaced bool) (int, dotKind) {
	if i < len(s) && s[i] == '.' && i+1 < len(s) && labelEnd(s, i+1) > i+1 {
		return i + 1, plainDot
	}
	if !obfuscated {
		return i, noDot
	}
	p := skipSpaces(s, i, 2)
	if p >= len(s) {
		return i, noDot
	}
	switch {
	case s[p] == '.':
		if q := skipSpaces(s, p+1, 2); spaced && (q > p+1 || p > i) {
			return q, spacedDot
		}
	case strings.IndexByte("[({<", s[p]) >= 0:
		if e, ok := x.bracketed(s, p, '.', dotWords); ok {
			return skipSpaces(s, e, 2), bracketDot
		}
	case p > i:
		e := wordEnd(s, p)
		if e > p && x.wordIn(dotWords, s[p:e]) {
			if q := skipSpaces(s, e, 2); q > e {
				return q, wordDot
			}
		}
	}
	return i, noDot
}

// bracketed reads "[at]", "( @ )", "{punto}" at the opening bracket p: the symbol or one of
// the words between matching brackets. It returns the end of the closing bracket.
func (x *extraction) bracketed(s string, p int, symbol byte, words *foldMap[bool]) (int, bool) {
	closer := byte(')')
	switch s[p] {
	case '[':
		closer = ']'
	case '{':
		closer = '}'
	case '<':
		closer = '>'
	}
	q := skipSpaces(s, p+1, 1)
	if q >= len(s) {
		return 0, false
	}
	e := q + 1
	if s[q] != symbol {
		e = wordEnd(s, q)
		if e == q || !x.wordIn(words, s[q:e]) {
			return 0, false
		}
	}
	e = skipSpaces(s, e, 1)
	if e >= len(s) || s[e] != closer {
		return 0, false
	}
	return e + 1, true
}

// brackets looks at each bracket of src for an at-marker or a dot-marker.
func (x *extraction) brackets(src source) {
	s := src.s
	brackets := x.marksOf(src).brackets
	for i := 0; i < len(s); {
		p := nextMark(brackets, i, len(s))
		if p == len(s) {
			return
		}
		i = p + 1
		if e, ok := x.bracketed(s, p, '@', atWords); ok {
			ms, me := skipSpacesBack(s, p, 2), skipSpaces(s, e, 2)
			if end := x.emailAround(src, ms, me, marker{obfuscated: true}); end > 0 {
				i = end
			}
			continue
		}
		if _, ok := x.bracketed(s, p, '.', dotWords); ok {
			if end := x.obfuscatedURL(src, skipSpacesBack(s, p, 2)); end > 0 {
				i = end
			}
		}
	}
}

// atWord handles a bare at-word at [ws, we) met by scanWords.
func (x *extraction) atWord(src source, ws, we int) {
	s := src.s
	ms, me := skipSpacesBack(s, ws, 2), skipSpaces(s, we, 2)
	if ms < ws && me > we {
		x.emailAround(src, ms, me, marker{obfuscated: true, bare: true})
	}
}

var atWords = foldSet("at", "chiocciola", "arroba", "arobase", "собака", "собачка", "равлик", "кльомба",
	"маймунка", "παπάκι", "παπακι", "papaki", "klammeraffe", "affe", "małpa", "malpa", "zavináč", "kukac",
	"ät")

var dotWords = foldSet("dot", "punto", "punkt", "point", "punct", "точка", "крапка", "τελεία", "τελεια",
	"teleia", "kropka", "tečka", "pont")

// localStopWords are words before a bare "at" that are not the local part of an address.
var localStopWords = foldSet("me", "us", "you", "him", "her", "them", "it", "mi", "ci", "ti", "vi", "la", "lo",
	"le", "mich", "mir", "uns", "dich", "moi", "nous", "nos", "meet", "find", "see", "look", "work",
	"here", "there", "home", "is", "are", "am", "was", "be", "and", "or", "the", "available", "arrive",
	"arrived", "stay", "staying", "live", "living", "lives")
