package analysis

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// A survey is what the extractors need to know of a text before reading it closely: the words
// that may be in the lexicon (entities_skim.go) and, for the original, the runs of ASCII digits
// and the other characters that may start a phone number ("+", "＋", digits of other scripts),
// which prices, ages, IBANs and the squeezer then go to directly.
//
// It is taken in one pass, 64 bytes at a time. Eight bytes at a time the bytes are marked (SIMD
// within a register, entities_swar.go) that may be part of a word ("@" and above, which holds
// the letters and any byte of a multi-byte character, and "'"), ASCII letters, the leads of
// multi-byte characters and, for the original, digits and "+"; the marks are gathered into one
// bit a byte. Each lead is then looked at alone: a two-byte letter by table, or a character
// that may start a phone. A stretch of word bytes made only of letters is one word, judged from
// its length and first bytes (lexAnchorSet); a stretch holding anything else (apostrophes, "_", other characters) is read a
// character at a time. Stretches are separated by bytes that no word holds, where reading may
// start afresh.
type survey struct {
	words   []Span // the words that may be in the lexicon, as wordHash reads them from the start
	numbers []Span // runs of ASCII digits, if full
	marks   []int  // "+" and the characters isPhoneRune accepts, if full
	full    bool
}

// take surveys s; full asks for numbers and marks too.
func (sv *survey) take(s string, full bool) {
	if cap(sv.words) == 0 { // about a word in 256 bytes of ads is a candidate, so is a number
		sv.words, sv.numbers = make([]Span, 0, 8+len(s)/256), make([]Span, 0, 8+len(s)/256)
	}
	sv.words, sv.numbers, sv.marks, sv.full = sv.words[:0], sv.numbers[:0], sv.marks[:0], full
	i := 0
	for i+64+4 <= len(s) { // the bytes after a block are read by the two-byte and anchor checks
		i = sv.block(s, i)
	}
	sv.scalar(s, i, len(s))
}

// block surveys s[b:b+64] but for a word that goes on past it; b is 0 or follows a byte no word
// holds. It returns where the next block starts: the start of that word, else b+64.
func (sv *survey) block(s string, b int) int {
	var word, letter, lead, cont, cyr, digit uint64
	for k := 0; k < 64; k += 8 {
		x := load8(s, b+k)
		word |= pack8((x&lo7+0x40*ones|x)&hi|equalBytes(x, '\'')) << k // "@" and above, "'"
		letter |= pack8(letterBytes(x)) << k
		if h := x & hi; h != 0 { // multi-byte characters
			l := x & (x << 1) & hi // 0xC0 and above
			lead |= pack8(l) << k
			cont |= pack8(h&^l) << k
			cyr |= pack8(equalBytes(x|ones, 0xD1)) << k // D0, D1: U+0400–U+047F, all letters
		}
		if sv.full {
			digit |= pack8(digitBytes(x)|equalBytes(x, '+')) << k
		}
	}
	// the leads of two-byte letters, of characters that may start a phone
	two, phone := cyr&(cont>>1), uint64(0)
	for m := lead &^ two; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		c, c2 := s[b+p], s[b+p+1]
		if c >= 0xC2 && c < 0xE0 && c2&0xC0 == 0x80 && letterTable[c&0x1F]&(1<<(c2&0x3F)) != 0 {
			two |= 1 << p
		} else if sv.full && (c == 0xC2 || c|0x06 == 0xDF || c >= 0xE0) {
			if r, _ := utf8.DecodeRuneInString(s[b+p:]); isPhoneRune(r) {
				phone |= 1 << p
			}
		}
	}
	two &^= 1 << 63 // its second byte is in the next block
	next := sv.words1(s, b, word, letter|two|two<<1, two)
	if next < 0 { // a stretch of word bytes longer than a block
		e := b
		for e < len(s) && !isSkimBreak(s[e]) {
			e++
		}
		sv.scalar(s, b, e)
		return e
	}
	if sv.full {
		below := ^uint64(0) >> (64 - next)
		for m := digit & below; m != 0; { // runs of digits and "+"
			p := bits.TrailingZeros64(m)
			n := bits.TrailingZeros64(^(m >> p))
			sv.digitsAndPluses(s, b+p, b+p+n)
			m &^= (1<<n - 1) << p
		}
		for m := phone & below; m != 0; m &= m - 1 {
			sv.addMark(b + bits.TrailingZeros64(m))
		}
	}
	return b + next
}

// words1 judges the stretches of word bytes of a block: letter marks the bytes of letters,
// two the leads of two-byte letters. It returns the offset in the block where a stretch that
// goes on past it starts, 64 if none does, or -1 if it starts the block.
func (sv *survey) words1(s string, b int, word, letter, two uint64) int {
	other := word &^ letter
	for starts := word &^ (word << 1); starts != 0; starts &= starts - 1 {
		p := bits.TrailingZeros64(starts)
		e := p + bits.TrailingZeros64(^word>>p)
		if e >= 64 {
			if p == 0 {
				return -1
			}
			return p
		}
		run := (uint64(1)<<(e-p) - 1) << p
		if run&other != 0 {
			sv.words = lexScan(s, b+p, b+e, sv.words)
			continue
		}
		if n := bits.OnesCount64(run &^ (two << 1)); mayBeLexicon(s, b+p, b+e, n, true) {
			sv.words = append(sv.words, Span{b + p, b + e})
		}
	}
	return 64
}

// scalar surveys s[i:limit] a character at a time; limit is len(s) or a byte no word holds.
func (sv *survey) scalar(s string, i, limit int) {
	for i < limit {
		c := s[i]
		if c >= utf8.RuneSelf || isASCIILetter(c) {
			if j, n, pure := lexWordEnd(s, i); n > 0 {
				if mayBeLexicon(s, i, j, n, pure) {
					sv.words = append(sv.words, Span{i, j})
				}
				i = j
				continue
			}
		}
		switch {
		case !sv.full:
		case isDigit(c):
			j := digitsEnd(s, i)
			sv.addNumber(i, j)
			i = j
			continue
		case c == '+':
			sv.marks = append(sv.marks, i)
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if isPhoneRune(r) {
				sv.marks = append(sv.marks, i)
			}
			i += size
			continue
		}
		_, size := runeAt(s, i)
		i += size
	}
}

// digitsAndPluses records s[i:j], digits and "+".
func (sv *survey) digitsAndPluses(s string, i, j int) {
	for i < j {
		if s[i] == '+' {
			sv.addMark(i)
			i++
			continue
		}
		k := i + 1
		for k < j && s[k] != '+' {
			k++
		}
		sv.addNumber(i, k)
		i = k
	}
}

// addMark records a mark at i; marks come in order but for those of two-byte characters, which
// a block finds after the "+" signs before them.
func (sv *survey) addMark(i int) {
	k := len(sv.marks)
	for k > 0 && sv.marks[k-1] > i {
		k--
	}
	sv.marks = slices.Insert(sv.marks, k, i)
}

func (sv *survey) addNumber(start, end int) {
	if k := len(sv.numbers) - 1; k >= 0 && sv.numbers[k].End == start {
		sv.numbers[k].End = end
		return
	}
	sv.numbers = append(sv.numbers, Span{start, end})
}

// digitFinder finds the ASCII digits of a text in order: from the runs of a survey, else
// eight bytes at a time.
type digitFinder struct {
	s        string
	runs     []Span // the runs not passed yet, if surveyed
	surveyed bool
}

// next returns the offset of the first ASCII digit at or after i, or len(s). Offsets must not
// decrease from call to call.
func (f *digitFinder) next(i int) int {
	if !f.surveyed {
		return indexDigit(f.s, i)
	}
	for len(f.runs) > 0 && f.runs[0].End <= i {
		f.runs = f.runs[1:]
	}
	if len(f.runs) == 0 {
		return len(f.s)
	}
	return max(i, f.runs[0].Start)
}

// pack8 gathers the high bits of the bytes of m into the low byte: bit k for byte k.
func pack8(m uint64) uint64 { return (m >> 7) * 0x0102040810204080 >> 56 }

// isSkimBreak reports a byte that no word holds, below "@" but for "'": reading may start
// afresh after it.
func isSkimBreak(c byte) bool { return c < '@' && c != '\'' }
