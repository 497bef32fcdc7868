package analysis

import (
	"math/bits"
	"slices"
)

// The runs of ASCII digits of the original are listed once per extraction, from the survey's
// digit bits, for every extractor that starts at a digit (IBANs, prices, ages, the squeezer):
// each then steps from run to run instead of searching the bits again and reading each run's
// digits to find its end.

// listDigitRuns returns the runs of ASCII digits marked in bits, a survey's of a text of n
// bytes, in order, appended to runs[:0]. A bit flips where a run starts or ends; bits past n
// are clear.
func listDigitRuns(digits []uint64, n int, runs []Span) []Span {
	var carry uint64 // the last bit of the previous word
	count := 0
	for _, m := range digits { // sized exactly: a text of digits has a run in two bytes
		count += bits.OnesCount64(m &^ (m<<1 | carry))
		carry = m >> 63
	}
	runs = slices.Grow(runs[:0], count)
	carry = 0
	open := false
	for w, m := range digits {
		for flips := m ^ (m<<1 | carry); flips != 0; flips &= flips - 1 {
			at := w*64 + bits.TrailingZeros64(flips)
			if open {
				runs[len(runs)-1].End = at
			} else {
				runs = append(runs, Span{Start: at})
			}
			open = !open
		}
		carry = m >> 63
	}
	if open {
		runs[len(runs)-1].End = n
	}
	return runs
}

// digitCursor steps through the runs of ASCII digits of a text, in order.
type digitCursor struct {
	runs []Span // the runs not yet passed
	n    int    // the length of the text
}

// digitCursor returns a cursor over the ASCII digits of src: the runs listed once for the
// original, else read from the text (a mapped source, or an extractor run alone).
func (x *extraction) digitCursor(src source) digitCursor {
	if !x.surveyed || src.mapped {
		return digitCursor{runs: readDigitRuns(src.s), n: len(src.s)}
	}
	if x.digitSpans == nil {
		x.digitSpans = listDigitRuns(x.sv.digits, len(src.s), x.scr.digitSpans)
	}
	return digitCursor{runs: x.digitSpans, n: len(src.s)}
}

// readDigitRuns returns the runs of ASCII digits of s, in order.
func readDigitRuns(s string) []Span {
	var runs []Span
	for i := indexDigit(s, 0); i < len(s); i = indexDigit(s, i) {
		j := digitsEnd(s, i)
		runs = append(runs, Span{i, j})
		i = j
	}
	return runs
}

// next returns the first ASCII digit at or after i and the end of its run, or the length of
// the text twice. Calls come with i not decreasing. It is small enough to be inlined, so that
// the steps of each extractor are predicted apart.
func (c *digitCursor) next(i int) (int, int) {
	runs := c.runs
	for len(runs) > 0 && runs[0].End <= i {
		runs = runs[1:]
	}
	if c.runs = runs; len(runs) == 0 {
		return c.n, c.n
	}
	return max(i, runs[0].Start), runs[0].End
}
