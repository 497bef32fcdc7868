package analysis

import (
	"slices"
	"sync"
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
	two     []normTwoByteEntry
	seg     []byte // the current segment without its dropped runes
	nf      []byte // its NFKC form
	ranges  []normFoldRange
}

// normFoldChars folds the characters of s: white space collapsed, no space first or last.
func normFoldChars(s string) ([]byte, []normAnchor) {
	c := normCharFolder{s: s, b: make([]byte, len(s)+16), anchors: newNormAnchors(len(s)/32 + 8),
		ranges: normFoldRanges(), two: normTwoByteTable()}
	for i := 0; i < len(s); {
		if i = c.fast(i); i < len(s) {
			i = c.segment(i)
		}
	}
	if c.n > 0 && c.b[c.n-1] == ' ' {
		c.n--
	}
	return c.b[:c.n], c.anchors.a
}

// room makes room for k more bytes.
func (c *normCharFolder) room(k int) {
	if c.n+k <= len(c.b) {
		return
	}
	b := slices.Grow(c.b[:c.n], k+len(c.b)/4)
	c.b = b[:cap(b)]
}

// fast folds the run of ASCII and two-byte runes (Greek, Cyrillic, accented Latin) from i
// that need no NFKC and no white-space handling beyond collapsing ASCII space, and returns
// where it stops; segment does the rest. It is the hot loop: a table lookup per character,
// and an anchor of the map only where a character does not keep its distance to the one
// before. An ASCII character is a segment of its own even when a combining mark follows it:
// the only marks that compose with ASCII are the generic diacritics (and U+0338), which
// folding drops anyway, so NFKC has nothing to do.
func (c *normCharFolder) fast(i int) int {
	s, two := c.s, c.two
	c.room(len(s) - i) // the loop writes no more bytes than it reads
	b, n, d := c.b, c.n, c.anchors.d
	for i < len(s) {
		x := s[i]
		if x < utf8.RuneSelf {
			f := normASCIIFolded[x]
			if f == ' ' && (n == 0 || b[n-1] == ' ') {
				i++
				continue
			}
			if i-n != d {
				c.anchors.a, d = append(c.anchors.a, normAnchor{n, i}), i-n
			}
			b[n] = f
			n, i = n+1, i+1
			continue
		}
		k, ok := normTwoByteIndex(s, i)
		if !ok || two[k].flags&ntFast == 0 {
			break
		}
		if j := i + 2; j < len(s) && s[j] >= utf8.RuneSelf {
			// the next rune must not combine with this one, nor be dropped from between
			if k, ok := normTwoByteIndex(s, j); !ok || two[k].flags&ntBlocks != 0 {
				break
			}
		}
		if i-n != d {
			c.anchors.a, d = append(c.anchors.a, normAnchor{n, i}), i-n
		}
		e := &two[k]
		b[n], b[n+1] = e.out[0], e.out[1]
		n, i = n+int(e.n), i+2
	}
	c.n, c.anchors.d = n, d
	return i
}

// normTwoByteIndex is the index in normTwoByteTable of the well-formed two-byte rune at byte
// i of s.
func normTwoByteIndex(s string, i int) (int, bool) {
	x := s[i]
	if x-0xC2 >= 0xE0-0xC2 || i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
		return 0, false
	}
	return (int(x&0x1F)<<6 | int(s[i+1]&0x3F)) - 0x80, true
}

// normTwoByteEntry is what the hot loop needs to know of a two-byte rune.
type normTwoByteEntry struct {
	out   [2]byte // what it folds to, when that is a rune of one or two bytes
	n     uint8   // the bytes of out
	flags uint8
}

const (
	ntFast   = 1 << iota // folds to out, needs no NFKC and collapses no space
	ntBlocks             // dropped or combining: the rune before it needs segment
)

// normTwoByteTable packs the fold entries of U+0080 to U+07FF for fast.
var normTwoByteTable = sync.OnceValue(func() []normTwoByteEntry {
	t := make([]normTwoByteEntry, 0x800-0x80)
	for r := rune(0x80); r < 0x800; r++ {
		e, x := normFoldRanges()[0].e[r-0x80], &t[r-0x80]
		if e.flags&(feDrop|feJoins) != 0 {
			x.flags |= ntBlocks
		}
		out := e.s
		if out == "" {
			out = string(r)
		}
		if e.flags&(feDrop|feRegional|feSpace) != 0 || utf8.RuneCountInString(out) != 1 || len(out) > 2 {
			continue
		}
		x.flags |= ntFast
		x.n = uint8(copy(x.out[:], out))
	}
	return t
})

// emit appends one folded rune, collapsing white space.
func (c *normCharFolder) emit(r rune, o int) {
	c.room(utf8.UTFMax)
	n := c.n
	if r == ' ' && (n == 0 || c.b[n-1] == ' ') {
		return
	}
	c.anchors.add(n, o)
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
