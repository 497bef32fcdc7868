package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Between runs the squeezer remembers nothing that matters but whether a group starting right
// after the last word or currency touches it. So it jumps to the next character that can start
// a run (a digit of any script or a plus sign, as the survey found them, or a spelled-out digit
// as scanWords found it) and resumes at the last ASCII punctuation or space before that
// character, a token boundary from which it reads again whatever touches the run.

// skip returns where the squeezer, between runs at i, resumes.
func (r *runScanner) skip(i int) int {
	for len(r.marks) > 0 && r.marks[0] < i {
		r.marks = r.marks[1:]
	}
	d, _ := r.digits.next(i)
	t := min(d, r.nextDigitWord(i))
	if len(r.marks) > 0 {
		t = min(t, r.marks[0])
	}
	if t >= len(r.s) {
		return len(r.s)
	}
	for q := t - 1; q >= i; q-- {
		if c := r.s[q]; c < utf8.RuneSelf && !isASCIILetter(c) && c != '\'' && c != '`' {
			return q
		}
	}
	return i
}

// nextDigitWord returns the start of the first spelled-out digit scanWords found at or after i,
// or len(s). Calls come in text order.
func (r *runScanner) nextDigitWord(i int) int {
	for len(r.words) > 0 && (r.words[0].start < i || r.words[0].digit == 0) {
		r.words = r.words[1:]
	}
	if len(r.words) == 0 {
		return len(r.s)
	}
	return r.words[0].start
}

// isPhoneRune reports a non-ASCII character that may start a run: a digit (digitValue) or a
// full-width plus sign.
func isPhoneRune(r rune) bool {
	if r >= 0x20000 || phoneBlocks[r>>12]&(1<<(r>>6&63)) == 0 {
		return false
	}
	_, ok := digitValue(r)
	return ok || r == '＋'
}

// phoneBlocks marks the blocks of 64 code points below U+20000 that hold a digit or a
// full-width plus sign: the decimal digits of every script and the ranges of digitValue.
var phoneBlocks = func() (b [0x20000 >> 12]uint64) {
	mark := func(lo, hi rune) {
		for r := lo &^ 63; r <= hi; r += 64 {
			b[r>>12] |= 1 << (r >> 6 & 63)
		}
	}
	for _, rg := range unicode.Nd.R16 {
		mark(rune(rg.Lo), rune(rg.Hi))
	}
	for _, rg := range unicode.Nd.R32 {
		mark(rune(rg.Lo), rune(rg.Hi))
	}
	mark(0xB2, 0xB9)
	mark(0x2070, 0x2089)
	mark(0x2460, 0x24FF)
	mark(0x2776, 0x2792)
	mark(0x1F100, 0x1F10C)
	mark('＋', '＋')
	return b
}()
