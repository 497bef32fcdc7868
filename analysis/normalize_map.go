package analysis

import (
	"math"
	"slices"
	"sort"
)

// The map from a normalised text back to its original is sparse. Most characters come
// through with their width unchanged (ASCII, Greek and Cyrillic letters, folded or not), so
// that a character sits as far ahead of the one before it in the text as in the original. The
// map keeps only the anchors where that stops being true: after a dropped character or
// collapsed white space, after an accented letter that lost a byte, in a number written for
// number words. A byte inside a multi-byte character maps where its first byte maps.

// normAnchor says that the character at byte t of the text comes from byte o of the original.
type normAnchor struct{ t, o int }

// normAnchors builds a map: add is called with every character of the text, in order, and
// keeps an anchor only when the character is not where the last anchor puts it. It may also
// be called ahead, with where the next character will be if it comes; when it does not, the
// next call with the same t replaces that anchor.
type normAnchors struct {
	a []normAnchor
	d int // o - t of the last anchor
}

func newNormAnchors(capacity int) normAnchors {
	return normAnchors{a: make([]normAnchor, 0, capacity), d: math.MinInt}
}

// add records that the character at byte t of the text comes from byte o of the original.
func (m *normAnchors) add(t, o int) {
	if o-t == m.d {
		return
	}
	if k := len(m.a) - 1; k >= 0 && m.a[k].t == t {
		m.a[k].o = o
	} else {
		if len(m.a) == cap(m.a) {
			m.a = slices.Grow(m.a, len(m.a)) // double: append grows large slices by a quarter
		}
		m.a = append(m.a, normAnchor{t, o})
	}
	m.d = o - t
}

// copyFrom adds the characters of old[from:to] of the text, mapped by a, moved to byte t.
func (m *normAnchors) copyFrom(text []byte, a []normAnchor, from, to, t int) {
	if from == to {
		return
	}
	k := normAnchorAt(a, from)
	m.add(t, normOrigAt(text, a, k, from))
	for k++; k < len(a) && a[k].t < to; k++ {
		m.add(a[k].t-from+t, a[k].o)
	}
}

// normAnchorAt is the index of the last anchor at or before byte i.
func normAnchorAt(a []normAnchor, i int) int {
	return sort.Search(len(a), func(k int) bool { return a[k].t > i }) - 1
}

// normBlockShift sets the size of the blocks of text (256 bytes) for which the map keeps the
// anchor in force at their start, so that a look-up reads a few anchors instead of searching
// them all: OriginalSpan is called for every hit and entity, and searched with.
const normBlockShift = 8

// normBlocks is the index of the last anchor at or before the start of each block of a text
// of n bytes.
func normBlocks(a []normAnchor, n int) []int {
	blocks := make([]int, n>>normBlockShift+1)
	k := 0
	for j := range blocks {
		for at := j << normBlockShift; k+1 < len(a) && a[k+1].t <= at; {
			k++
		}
		blocks[j] = k
	}
	return blocks
}

// normOrigAt is where the character behind byte i of text starts in the original, given the
// anchor k before it.
func normOrigAt[T string | []byte](text T, a []normAnchor, k, i int) int {
	t := i
	for t > a[k].t && text[t]&0xC0 == 0x80 {
		t--
	}
	return a[k].o + t - a[k].t
}

// normCursor reads a map at increasing offsets without a search (normDecodeUnits).
type normCursor struct {
	a []normAnchor
	k int
}
