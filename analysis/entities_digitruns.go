package analysis

import "math/bits"

// The runs of ASCII digits of the original are listed once per extraction, from the survey's
// digit bits, for every extractor that starts at a digit (IBANs, prices, ages, the squeezer):
// each then steps from run to run instead of searching the bits again and reading each run's
// digits to find its end.

// listDigitRuns returns the runs of ASCII digits marked in bits, a survey's of a text of n
// bytes, in order. A bit flips where a run starts or ends; bits past n are clear.
func listDigitRuns(digits []uint64, n int) []Span {
	var carry uint64 // the last bit of the previous word
	count := 0
	for _, m := range digits { // sized exactly: a text of digits has a run in two bytes
		count += bits.OnesCount64(m &^ (m<<1 | carry))
		carry = m >> 63
	}
	runs := make([]Span, 0, count)
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

// digitCursor steps through the runs of ASCII digits of a text, as listed by the extraction
// for its original, else by reading the text (a mapped source, or an extractor run alone).
type digitCursor struct {
	s      string
	runs   []Span // the listed runs not yet passed
	listed bool
}

// digitCursor returns a cursor over the ASCII digits of src.
func (x *extraction) digitCursor(src source) digitCursor {
	if x.surveyed && !src.mapped {
		if x.digitSpans == nil {
			x.digitSpans = listDigitRuns(x.sv.digits, len(src.s))
		}
		return digitCursor{s: src.s, runs: x.digitSpans, listed: true}
	}
	return digitCursor{s: src.s}
}

// next returns the first ASCII digit at or after i and the end of its run, or len(s) twice.
// Calls come with i not decreasing.
func (c *digitCursor) next(i int) (int, int) {
	if !c.listed {
		d := indexDigit(c.s, i)
		return d, digitsEnd(c.s, d)
	}
	for len(c.runs) > 0 && c.runs[0].End <= i {
		c.runs = c.runs[1:]
	}
	if len(c.runs) == 0 {
		return len(c.s), len(c.s)
	}
	return max(i, c.runs[0].Start), c.runs[0].End
}
