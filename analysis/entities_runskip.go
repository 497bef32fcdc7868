package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Between runs the squeezer remembers nothing that matters but whether a group starting right
// after the last word or currency touches it. So it jumps to the next character that can start
// a run (a digit of any script, a plus sign, a spelled-out digit as scanWords found it) and
// resumes at the last ASCII punctuation or space before that character, a token boundary from
// which it reads again whatever touches the run. Most of a text is then only skimmed eight
// bytes at a time for those characters.

// skip returns where the squeezer, between runs at i, resumes.
func (r *runScanner) skip(i int) int {
	t := min(nextPhoneChar(r.s, i), r.nextDigitWord(i))
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
	for len(r.words) > 0 && (r.words[0].start < i || r.words[0].e.digit == 0) {
		r.words = r.words[1:]
	}
	if len(r.words) == 0 {
		return len(r.s)
	}
	return r.words[0].start
}

// nextPhoneChar returns the offset of the first digit of any script or plus sign at or after i,
// or len(s). Bytes that cannot start one are skipped eight at a time: ASCII other than digits
// and "+", continuation bytes, and the leads of two-byte characters other than the superscripts
// (C2) and the Arabic and N'Ko digits (D9, DB, DF).
func nextPhoneChar(s string, i int) int {
	for i < len(s) {
		if i+8 <= len(s) {
			x := load8(s, i)
			m := digitBytes(x) | equalBytes(x, '+') | equalBytes(x, 0xC2) | equalBytes(x|0x06*ones, 0xDF) |
				x&(x<<1)&(x<<2)&hi // 0xE0 and above: three- and four-byte characters
			if m == 0 {
				i += 8
				continue
			}
			i += firstByte(m)
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if isDigit(c) || c == '+' {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isPhoneRune(r) {
			return i
		}
		i += n
	}
	return len(s)
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
