// Code generated from normalize_chars.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// nrefMaxSegment bounds the runes of one NFKC segment, so that a "Zalgo" pile of marks costs
// linear time; x/text cuts such segments too (Stream-Safe Text Format).
const nrefMaxSegment = 32

// nrefCharFolder is step 1 of nrefNormalize: it writes the folded text and its map to the
// original directly, one NFKC segment (a starter and the marks that combine with it) at a
// time, so that every byte knows the original character it came from. Runes that folding
// drops are left out of a segment before NFKC, so that what the reader saw next to each other
// composes as NFKC would compose it without them.
type nrefCharFolder struct {
	s string
	// b[:n] is the folded text, orig[:n] its map: orig[i] is where the character behind b[i]
	// starts in s. Both are kept at full length and written by index, so that the hot loops
	// store no pointers (which would cost a GC write barrier each).
	b      []byte
	orig   []int
	n      int
	seg    []byte // the current segment without its dropped runes
	nf     []byte // its NFKC form
	ranges []nrefFoldRange
}

// nrefFoldChars folds the characters of s: white space collapsed, no space first or last.
func nrefFoldChars(s string) (b []byte, orig []int) {
	c := nrefCharFolder{s: s, b: make([]byte, len(s)+16), orig: make([]int, len(s)+17),
		ranges: nrefFoldRanges()}
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i = c.ascii(i)
		} else if k := c.twoByte(i); k > i {
			i = k
		} else {
			i = c.segment(i)
		}
	}
	if c.n > 0 && c.b[c.n-1] == ' ' {
		c.n--
	}
	return c.b[:c.n], c.orig[:c.n]
}

// room makes room for k more bytes.
func (c *nrefCharFolder) room(k int) {
	if c.n+k <= len(c.b) && c.n+k <= len(c.orig) {
		return
	}
	grow := k + len(c.b)/4
	b, orig := slices.Grow(c.b[:c.n], grow), slices.Grow(c.orig[:c.n], grow)
	c.b, c.orig = b[:cap(b)], orig[:cap(orig)]
}

// ascii folds the run of ASCII bytes from i and returns where it stops. It is the hot loop: a
// table lookup per byte. An ASCII character is a segment of its own even when a combining mark
// follows it: the only marks that compose with ASCII are the generic diacritics (and U+0338),
// which folding drops anyway, so NFKC has nothing to do.
func (c *nrefCharFolder) ascii(i int) int {
	s := c.s
	c.room(len(s) - i)
	b, orig, n := c.b, c.orig, c.n
	for ; i < len(s); i++ {
		x := s[i]
		if x >= utf8.RuneSelf {
			break
		}
		f := nrefASCIIFolded[x]
		if f == ' ' && (n == 0 || b[n-1] == ' ') {
			continue
		}
		b[n], orig[n] = f, i
		n++
	}
	c.n = n
	return i
}

// twoByte folds the run of two-byte runes (Greek, Cyrillic, accented Latin) from i that need
// no NFKC and no white-space handling, and returns where it stops; segment does the rest.
func (c *nrefCharFolder) twoByte(i int) int {
	s, tab := c.s, c.ranges[0].e
	c.room(len(s) - i + 8)
	b, orig, n := c.b, c.orig, c.n
	for i+1 < len(s) {
		r, ok := nrefTwoByte(s, i)
		if !ok {
			break
		}
		e := &tab[r-0x80]
		if e.flags&(nrefFeDrop|nrefFeRegional|nrefFeSpace) != 0 || n+len(e.s) > len(b)-2 {
			break
		}
		if j := i + 2; j < len(s) && s[j] >= utf8.RuneSelf {
			next, ok := nrefTwoByte(s, j)
			if !ok || tab[next-0x80].flags&(nrefFeDrop|nrefFeJoins) != 0 {
				break
			}
		}
		if e.s == "" {
			b[n], b[n+1], orig[n], orig[n+1] = s[i], s[i+1], i, i
			n += 2
		} else {
			for k := range len(e.s) {
				b[n+k], orig[n+k] = e.s[k], i
			}
			n += len(e.s)
		}
		i += 2
	}
	c.n = n
	return i
}

// nrefTwoByte decodes a well-formed two-byte rune at byte i of s.
func nrefTwoByte(s string, i int) (rune, bool) {
	x := s[i]
	if x < 0xC2 || x >= 0xE0 || i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
		return 0, false
	}
	return rune(x&0x1F)<<6 | rune(s[i+1]&0x3F), true
}

// emit appends one folded rune, collapsing white space.
func (c *nrefCharFolder) emit(r rune, o int) {
	c.room(utf8.UTFMax)
	n := c.n
	switch {
	case r == ' ':
		if n == 0 || c.b[n-1] == ' ' {
			return
		}
		c.b[n], c.orig[n] = ' ', o
		c.n++
	case r < utf8.RuneSelf:
		c.b[n], c.orig[n] = byte(r), o
		c.n++
	case r < 0x800:
		c.b[n], c.b[n+1] = byte(0xC0|r>>6), byte(0x80|r&0x3F)
		c.orig[n], c.orig[n+1] = o, o
		c.n += 2
	default:
		w := utf8.EncodeRune(c.b[n:], r)
		for k := n; k < n+w; k++ {
			c.orig[k] = o
		}
		c.n += w
	}
}

// emitFolded appends what character folding makes of r, a rune of an NFKC segment.
func (c *nrefCharFolder) emitFolded(r rune, o int) {
	if r < utf8.RuneSelf {
		c.emit(rune(nrefASCIIFolded[r]), o)
		return
	}
	if e := c.lookup(r); e.flags&nrefFeDrop == 0 {
		c.emitEntry(r, e, o)
	}
}

func (c *nrefCharFolder) emitEntry(r rune, e nrefFoldEntry, o int) {
	if e.s == "" {
		c.emit(r, o)
		return
	}
	for _, x := range e.s {
		c.emit(x, o)
	}
}

// lookup is nrefLookupFold with the table at hand.
func (c *nrefCharFolder) lookup(r rune) nrefFoldEntry {
	if r >= 0x80 && r-0x80 < rune(len(c.ranges[0].e)) {
		return c.ranges[0].e[r-0x80]
	}
	return nrefLookupFold(r)
}

// segment folds the segments from byte i on, as long as they start with a non-ASCII rune,
// and returns where it stops. A rune that the next one cannot combine with is a segment of
// its own and needs no NFKC call: its entry already holds its folded NFKC form.
func (c *nrefCharFolder) segment(i int) int {
	r, size := utf8.DecodeRuneInString(c.s[i:])
	var e nrefFoldEntry
	if r >= utf8.RuneSelf {
		e = c.lookup(r)
	}
	for {
		switch {
		case r == utf8.RuneError && size <= 1:
			c.emit(utf8.RuneError, i)
			return i + 1
		case e.flags&nrefFeDrop != 0:
			return i + size
		case e.flags&nrefFeRegional != 0:
			return c.regionalRun(i)
		}
		j := i + size
		if j == len(c.s) || c.s[j] < utf8.RuneSelf {
			c.emitRune(r, e, i)
			return j
		}
		next, nsize := utf8.DecodeRuneInString(c.s[j:])
		ne := c.lookup(next)
		if ne.flags&(nrefFeDrop|nrefFeJoins) != 0 && (next != utf8.RuneError || nsize > 1) {
			return c.combined(i, r, size)
		}
		c.emitRune(r, e, i)
		i, r, size, e = j, next, nsize, ne
	}
}

func (c *nrefCharFolder) emitRune(r rune, e nrefFoldEntry, o int) {
	if r < utf8.RuneSelf {
		c.emitFolded(r, o)
	} else {
		c.emitEntry(r, e, o)
	}
}

// combined folds a segment of several runes (a letter and its combining marks) through NFKC.
func (c *nrefCharFolder) combined(i int, r rune, size int) int {
	end, n := c.extent(i, r, size)
	if n == 1 {
		c.emitFolded(r, i)
		return end
	}
	c.nf = norm.NFKC.Append(c.nf[:0], c.seg...)
	for k := 0; k < len(c.nf); {
		x, w := utf8.DecodeRune(c.nf[k:])
		c.emitFolded(x, i)
		k += w
	}
	return end
}

// extent finds the end of the segment that starts with r at byte i, copies its kept runes to
// c.seg and counts them.
func (c *nrefCharFolder) extent(i int, r rune, size int) (end, n int) {
	j, base := i+size, r
	c.seg = append(c.seg[:0], c.s[i:j]...)
	n = 1
	for j < len(c.s) && c.s[j] >= utf8.RuneSelf && n < nrefMaxSegment {
		x, sz := utf8.DecodeRuneInString(c.s[j:])
		if x == utf8.RuneError && sz == 1 {
			break
		}
		if nrefDroppable(x, base) {
			j += sz
			continue
		}
		if norm.NFKC.PropertiesString(c.s[j:]).BoundaryBefore() {
			break
		}
		c.seg = append(c.seg, c.s[j:j+sz]...)
		if !nrefIsMark(x) {
			base = x
		} else if nrefKeepsMark(base, x) {
			base = 0 // "й" takes one breve, a second one is a diacritic again
		}
		j += sz
		n++
	}
	return j, n
}

func nrefIsRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// regionalRun folds a run of regional indicators (🇦…🇿): a run that pairs up into flags is kept
// as flags, any other run is read as the letters it spells ("🇯🇴🇧" is JO + B, so "job").
func (c *nrefCharFolder) regionalRun(i int) int {
	end, flags, n := i, true, 0
	var first rune
	for end < len(c.s) {
		x, sz := utf8.DecodeRuneInString(c.s[end:])
		if nrefIsIgnorable(x) {
			end += sz
			continue
		}
		if !nrefIsRegional(x) {
			break
		}
		if n%2 == 0 {
			first = x
		} else if !nrefIsFlagPair[(first-0x1F1E6)*26+x-0x1F1E6] {
			flags = false
		}
		n++
		end += sz
	}
	flags = flags && n%2 == 0
	for k := i; k < end; {
		x, sz := utf8.DecodeRuneInString(c.s[k:])
		switch {
		case !nrefIsRegional(x):
		case flags:
			c.emit(x, k)
		default:
			c.emit('a'+x-0x1F1E6, k)
		}
		k += sz
	}
	return end
}

// nrefOriginalUpper reports whether the original character at byte o of s is a capital:
// Cyrillic "В" imitates "B", "в" does not.
func nrefOriginalUpper(s string, o int) bool {
	if o >= len(s) {
		return false
	}
	if x := s[o]; x < utf8.RuneSelf {
		return x >= 'A' && x <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[o:])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}
