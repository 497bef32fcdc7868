package analysis

import (
	"math/bits"
	"slices"
)

// The e-mail, URL and bracket extractors go from one "@", "." or bracket of a text to the
// next. Rather than search the text for each of these bytes, again after each one found,
// which on a long text is several passes over memory, the bytes are marked in one pass, a bit
// a byte (markBytes: 64 bytes a step, with AVX2 on amd64 where the processor has it), and each
// extractor steps through its marks.

// byteMarks are the marks of a text: bit i%64 of word i/64 for byte i.
type byteMarks struct {
	set                 bool     // the text is marked: an extraction marks each of its two once
	dots, ats, brackets []uint64 // ".", "@", and "[", "(", "{", "<"
}

// take marks s, reusing the marks' memory.
func (m *byteMarks) take(s string) {
	w := len(s)/64 + 1
	// every word is written below: no need to clear them
	m.dots = slices.Grow(m.dots[:0], w)[:w]
	m.ats = slices.Grow(m.ats[:0], w)[:w]
	m.brackets = slices.Grow(m.brackets[:0], w)[:w]
	full := len(s) / 64
	markBytes(s[:full*64], m.dots, m.ats, m.brackets)
	var d, a, b uint64 // the bytes after the last full block
	for k := full * 64; k < len(s); k++ {
		bit := uint64(1) << (k % 64)
		switch s[k] {
		case '.':
			d |= bit
		case '@':
			a |= bit
		case '[', '(', '{', '<':
			b |= bit
		}
	}
	m.dots[full], m.ats[full], m.brackets[full] = d, a, b
	m.set = true
}

// nextMark returns the offset of the first byte marked in marks at or after i, or n, the
// length of the text marked.
func nextMark(marks []uint64, i, n int) int {
	if i >= n {
		return n
	}
	w := i / 64
	if m := marks[w] >> (i % 64); m != 0 {
		return i + bits.TrailingZeros64(m)
	}
	for w++; w < len(marks); w++ {
		if marks[w] != 0 {
			return w*64 + bits.TrailingZeros64(marks[w])
		}
	}
	return n
}

// markBytesGeneric is markBytes eight bytes at a time within a register: s is a whole number
// of blocks of 64 bytes, and the marks of block k go to word k of each list.
func markBytesGeneric(s string, dots, ats, brackets []uint64) {
	for k := 0; k+64 <= len(s); k += 64 {
		var d, a, b uint64
		for j := 0; j < 64; j += 8 {
			x := load8(s, k+j)
			d |= pack8(equalBytes(x, '.')) << j
			a |= pack8(equalBytes(x, '@')) << j
			b |= pack8(equalBytes(x, '[')|equalBytes(x, '(')|equalBytes(x, '{')|equalBytes(x, '<')) << j
		}
		dots[k/64], ats[k/64], brackets[k/64] = d, a, b
	}
}
