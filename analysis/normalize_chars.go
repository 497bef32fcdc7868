package analysis

import (
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normMaxSegment bounds the runes of one NFKC segment, so that a "Zalgo" pile of marks costs
// linear time; x/text cuts such segments too (Stream-Safe Text Format).
const normMaxSegment = 32

// normCharFolder is step 1 of Normalize: it writes the folded text and its map to the
// original directly, one NFKC segment (a starter and the marks that combine with it) at a
// time, so that every byte knows the original character it came from. Runes that folding
// drops are left out of a segment before NFKC, so that what the reader saw next to each other
// composes as NFKC would compose it without them.
type normCharFolder struct {
	s string
	// b[:n] is the folded text, anchors its map. b is kept at full length and written by
	// index, so that the hot loop stores no pointers (which would cost a GC write barrier each).
	b       []byte
	n       int
	anchors normAnchors
	// the chunk being written, and the region scan told of every chunk as it ends
	// (normalize_regions.go)
	p      normPlain
	rs     normRegionScan
	two    *[0x800]normTwoByteEntry
	bloom  *normBloom
	seg    []byte // the current segment without its dropped runes
	nf     []byte // its NFKC form
	ranges []normFoldRange
}

// normFoldChars folds the characters of s: white space collapsed, no space first or last. It
// returns the folded text, its map and the regions of it that the word-level steps must read.
func normFoldChars(s string) ([]byte, []normAnchor, []normRegion) {
	ranges := normFoldRanges()
	c := normCharFolder{s: s, b: make([]byte, len(s)+16), anchors: newNormAnchors(len(s)/64 + 8),
		p: normPlain{h: normHashSeed}, rs: newNormRegionScan(), two: normTwoByteTable(),
		bloom: normNumberBloom(), ranges: ranges}
	c.room(len(s))      // fast writes no more bytes than it reads
	c.anchors.add(0, 0) // ahead: the first character, if it stays, comes from the start of s
	for i := 0; i < len(s); {
		var stop normStop
		switch i, stop = c.fast(i); stop {
		case normStopAnchor:
			c.anchors.add(c.n, i)
		case normStopChunk:
			c.endChunk(c.p, c.n-1)
			c.p = normPlain{start: c.n, h: normHashSeed}
		case normStopSlow:
			i = c.segment(i)
			c.room(len(s) - i)
			c.anchors.add(c.n, i)
		}
	}
	if c.n > 0 && c.b[c.n-1] == ' ' {
		c.n--
	}
	if c.p.start < c.n {
		c.endChunk(c.p, c.n)
	}
	c.rs.finish()
	a := c.anchors.a
	for len(a) > 0 && a[len(a)-1].t >= c.n { // anchors for characters that did not come
		a = a[:len(a)-1]
	}
	return c.b[:c.n], a, c.rs.regs
}

// room makes room for k more bytes.
func (c *normCharFolder) room(k int) {
	if c.n+k <= len(c.b) {
		return
	}
	b := slices.Grow(c.b[:c.n], k+len(c.b)/4)
	c.b = b[:cap(b)]
}

// emit appends one folded rune, collapsing white space.
func (c *normCharFolder) emit(r rune, o int) {
	c.room(utf8.UTFMax)
	n := c.n
	if r == ' ' {
		if n > 0 && c.b[n-1] != ' ' {
			c.anchors.add(n, o)
			c.b[n] = ' '
			c.n++
			c.endChunk(c.p, n)
			c.p = normPlain{start: c.n, h: normHashSeed}
		}
		return
	}
	c.anchors.add(n, o)
	c.p.q = -1 // the region scan reads the chunk again
	if r < utf8.RuneSelf {
		c.b[n] = byte(r)
		c.n++
		return
	}
	c.n += utf8.EncodeRune(c.b[n:], r)
}

// emitFolded appends what character folding makes of r, a rune of an NFKC segment.
func (c *normCharFolder) emitFolded(r rune, o int) {
	if r < utf8.RuneSelf {
		c.emit(rune(normASCIIFolded[r]), o)
		return
	}
	if e := c.lookup(r); e.flags&feDrop == 0 {
		c.emitEntry(r, e, o)
	}
}

func (c *normCharFolder) emitEntry(r rune, e normFoldEntry, o int) {
	if e.s == "" {
		c.emit(r, o)
		return
	}
	for _, x := range e.s {
		c.emit(x, o)
	}
}

// lookup is normLookupFold with the table at hand.
func (c *normCharFolder) lookup(r rune) normFoldEntry {
	if r >= 0x80 && r-0x80 < rune(len(c.ranges[0].e)) {
		return c.ranges[0].e[r-0x80]
	}
	return normLookupFold(r)
}

// segment folds the segments from byte i on, as long as they start with a non-ASCII rune,
// and returns where it stops. A rune that the next one cannot combine with is a segment of
// its own and needs no NFKC call: its entry already holds its folded NFKC form.
func (c *normCharFolder) segment(i int) int {
	r, size := utf8.DecodeRuneInString(c.s[i:])
	var e normFoldEntry
	if r >= utf8.RuneSelf {
		e = c.lookup(r)
	}
	for {
		switch {
		case r == utf8.RuneError && size <= 1:
			c.emit(utf8.RuneError, i)
			return i + 1
		case e.flags&feDrop != 0:
			return i + size
		case e.flags&feRegional != 0:
			return c.regionalRun(i)
		}
		j := i + size
		if j == len(c.s) || c.s[j] < utf8.RuneSelf {
			c.emitRune(r, e, i)
			return j
		}
		next, nsize := utf8.DecodeRuneInString(c.s[j:])
		ne := c.lookup(next)
		if ne.flags&(feDrop|feJoins) != 0 && (next != utf8.RuneError || nsize > 1) {
			return c.combined(i, r, size)
		}
		c.emitRune(r, e, i)
		i, r, size, e = j, next, nsize, ne
	}
}

func (c *normCharFolder) emitRune(r rune, e normFoldEntry, o int) {
	if r < utf8.RuneSelf {
		c.emitFolded(r, o)
	} else {
		c.emitEntry(r, e, o)
	}
}

// combined folds a segment of several runes (a letter and its combining marks) through NFKC.
func (c *normCharFolder) combined(i int, r rune, size int) int {
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
func (c *normCharFolder) extent(i int, r rune, size int) (end, n int) {
	j, base := i+size, r
	c.seg = append(c.seg[:0], c.s[i:j]...)
	n = 1
	for j < len(c.s) && c.s[j] >= utf8.RuneSelf && n < normMaxSegment {
		x, sz := utf8.DecodeRuneInString(c.s[j:])
		if x == utf8.RuneError && sz == 1 {
			break
		}
		if normDroppable(x, base) {
			j += sz
			continue
		}
		if norm.NFKC.PropertiesString(c.s[j:]).BoundaryBefore() {
			break
		}
		c.seg = append(c.seg, c.s[j:j+sz]...)
		if !normIsMark(x) {
			base = x
		} else if normKeepsMark(base, x) {
			base = 0 // "й" takes one breve, a second one is a diacritic again
		}
		j += sz
		n++
	}
	return j, n
}

func normIsRegional(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// regionalRun folds a run of regional indicators (🇦…🇿): a run that pairs up into flags is kept
// as flags, any other run is read as the letters it spells ("🇯🇴🇧" is JO + B, so "job").
func (c *normCharFolder) regionalRun(i int) int {
	end, flags, n := i, true, 0
	var first rune
	for end < len(c.s) {
		x, sz := utf8.DecodeRuneInString(c.s[end:])
		if normIsIgnorable(x) {
			end += sz
			continue
		}
		if !normIsRegional(x) {
			break
		}
		if n%2 == 0 {
			first = x
		} else if !normIsFlagPair[(first-0x1F1E6)*26+x-0x1F1E6] {
			flags = false
		}
		n++
		end += sz
	}
	flags = flags && n%2 == 0
	for k := i; k < end; {
		x, sz := utf8.DecodeRuneInString(c.s[k:])
		switch {
		case !normIsRegional(x):
		case flags:
			c.emit(x, k)
		default:
			c.emit('a'+x-0x1F1E6, k)
		}
		k += sz
	}
	return end
}

// normOriginalUpper reports whether the original character at byte o of s is a capital:
// Cyrillic "В" imitates "B", "в" does not.
func normOriginalUpper(s string, o int) bool {
	if o >= len(s) {
		return false
	}
	if x := s[o]; x < utf8.RuneSelf {
		return x >= 'A' && x <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[o:])
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}
