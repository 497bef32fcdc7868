package analysis

import (
	"math/bits"
	"slices"
	"unicode/utf8"
)

// A survey is what the extractors need to know of a text before reading it closely: the words
// that may be in the lexicon (entities_skim.go) and, for the original, where the ASCII digits
// (a bit a byte) and the other characters that may start a phone number ("+", "＋", digits of
// other scripts) are, which prices, ages, IBANs and the squeezer then go to directly, and the
// runs of ASCII letters and digits as long as a wallet.
//
// It is taken in one pass, 64 bytes at a time. The bytes of a block are marked at once
// (classify64: SSE2 on amd64) that may be part of a word ("@" and above, which holds the
// letters and any byte of a multi-byte character, and "'"), ASCII letters, the leads of
// multi-byte characters and of the common two-byte letters and, for the original, digits and
// "+", one bit a byte. Each other lead is then looked at alone: a two-byte letter by table, or
// a character that may start a phone. A stretch of word bytes made only of letters is one word,
// judged from its length in bytes, whether it has two-byte letters, and its first bytes
// (lexAnchorSet); a stretch holding anything else (apostrophes, "_", other characters) is read
// a character at a time. Stretches are separated by bytes that no word holds, where reading may
// start afresh.
type survey struct {
	words  []int    // the starts of the words that may be in the lexicon, as wordHash reads them
	digits []uint64 // bit i%64 of digits[i/64] for an ASCII digit at i, if full
	marks  []int    // "+" and the characters isPhoneRune accepts, if full
	tokens []Span   // runs of ASCII letters and digits as long as a wallet at least, if full
	full   bool
	run    Span // the run of ASCII letters and digits that may go on, if open
	open   bool
}

// take surveys s; full asks for digits and marks too.
func (sv *survey) take(s string, full bool) {
	if cap(sv.words) == 0 { // about a word in 256 bytes of ads is a candidate
		sv.words = make([]int, 0, 8+len(s)/256)
	}
	sv.words, sv.marks, sv.tokens, sv.full, sv.open = sv.words[:0], sv.marks[:0], sv.tokens[:0], full, false
	if full {
		sv.digits = slices.Grow(sv.digits[:0], len(s)/64+1)[:len(s)/64+1]
		clear(sv.digits)
	}
	i := 0
	for i+64+4 <= len(s) { // the bytes after a block are read by the two-byte and anchor checks
		i = sv.block(s, i)
	}
	sv.scalar(s, i, len(s))
	sv.closeRun()
}

// block surveys s[b:b+64] but for a word that goes on past it; b is 0 or follows a byte no word
// holds. It returns where the next block starts: the start of that word, else b+64.
func (sv *survey) block(s string, b int) int {
	blk := s[b : b+64+4] // and the bytes read after it
	var m marks
	classify64(blk, &m)
	word, letter, lead, digit, plus := m.word, m.letter, m.lead, m.digit, m.plus
	// the leads of two-byte letters, of characters that may start a phone
	two, phone := m.alpha, uint64(0)
	for m := lead &^ two; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		c, c2 := blk[p], blk[p+1]
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
		sv.alnumRuns(b, (letter|digit)&below, next)
		if digit &= below; digit != 0 {
			w, sh := b/64, uint(b%64)
			sv.digits[w] |= digit << sh
			if sh != 0 {
				sv.digits[w+1] |= digit >> (64 - sh)
			}
		}
		for m := (plus | phone) & below; m != 0; m &= m - 1 {
			sv.marks = append(sv.marks, b+bits.TrailingZeros64(m))
		}
	}
	return b + next
}

// words1 judges the stretches of word bytes of a block: letter marks the bytes of letters,
// two the leads of two-byte letters. It returns the offset in the block where a stretch that
// goes on past it starts, 64 if none does, or -1 if it starts the block.
//
// The stretch that goes on is set aside first, so that each other start pairs with the next
// end of a stretch and the loop tests neither. A block of letters alone, as most are, is read
// by a loop that calls nothing, which keeps its state in registers: it writes each word to the
// spare capacity of words whether or not it is kept, and keeps it by counting it, as whether a
// word passes comes unpredictably.
func (sv *survey) words1(s string, b int, word, letter, two uint64) int {
	next := 64
	if word>>63 != 0 {
		if next = 64 - bits.LeadingZeros64(^word); next == 0 {
			return -1
		}
		word &^= ^uint64(0) << next
	}
	if word&^letter != 0 {
		sv.mixedWords(s, b, word, letter, two)
		return next
	}
	words := slices.Grow(sv.words, 32)
	k := pureWords((*[32]int)(words[len(words):cap(words)]), s[b:b+64+4], b, word, two)
	sv.words = words[:len(words)+k]
	return next
}

// pureWords writes to out the starts of the stretches of word (none going on past the block
// blk at b) that may be in the lexicon, letters alone, and returns how many. It is apart from
// words1 so that its loop has few values to keep in registers.
func pureWords(out *[32]int, blk string, b int, word, two uint64) int {
	blk = blk[:64+4]              // so that reading four bytes from a start needs no bounds check
	ends, k := word&^(word>>1), 0 // the last byte of each stretch
	// the byte after each stretch with two-byte letters: adding their leads to a stretch
	// carries out of it, and only out of it, as they are some of its bytes
	twoAfter := (word + two&word) &^ word
	for starts := word &^ (word << 1); starts != 0; starts &= starts - 1 {
		p := bits.TrailingZeros64(starts)
		// no stretch ends at 63: the bit tells the compiler that ends is not 0
		e := bits.TrailingZeros64(ends|1<<63) + 1
		ends &= ends - 1
		out[k&31] = b + p
		k += int(anchored(blk, p, e-p, e-p+int(twoAfter>>(e&63)&1)<<6))
	}
	return k
}

// mixedWords is words1 for a block with bytes of words other than letters, whose stretches
// holding any are read a character at a time; word holds no stretch that goes on past the
// block.
func (sv *survey) mixedWords(s string, b int, word, letter, two uint64) {
	other := word &^ letter
	blk := s[b : b+64+4]
	for starts := word &^ (word << 1); starts != 0; starts &= starts - 1 {
		p := bits.TrailingZeros64(starts) & 63
		e := p + bits.TrailingZeros64(^word>>p)
		if run := (uint64(1)<<(e-p) - 1) << p; run&other != 0 {
			sv.words = lexScan(s, b+p, b+e, sv.words)
		} else if n := e - p; anchored(blk, p, n, anchorLen(n, two>>p&(uint64(1)<<n-1) != 0)) != 0 {
			sv.words = append(sv.words, b+p)
		}
	}
}

// anchored is mayBeLexicon, 1 or 0, of the word of ASCII and two-byte letters of n bytes at p
// in blk, which holds four bytes from p; l is its anchorLen.
func anchored(blk string, p, n, l int) uint64 {
	v := uint32(blk[p]) | uint32(blk[p+1])<<8 | uint32(blk[p+2])<<16 | uint32(blk[p+3])<<24
	v = (v | 0x20202020) & anchorMasks[n&63] // but the bytes after it
	k := lexAnchorKey(l, v)
	return lexAnchorSet[k/64] >> (k % 64) & 1
}

// anchorMasks keeps the first bytes of a word of up to 63 bytes, four at most.
var anchorMasks = func() (m [64]uint32) {
	for n := range m {
		m[n] = uint32(uint64(1)<<(8*min(n, 4)) - 1)
	}
	return m
}()

// alnumRuns follows the runs of ASCII letters and digits of a block covering n bytes (a, bit k
// for byte b+k) for the tokens that may be wallets: a run at either end may come from the last
// block or go on in the next; of the others only those as long as a wallet matter, and are rare.
func (sv *survey) alnumRuns(b int, a uint64, n int) {
	if a&1 == 0 {
		sv.closeRun()
	}
	long := a & (a >> 1) // bit k: a run of 2 from k, then of 4, 8, 16 and 26
	long &= long >> 2
	long &= long >> 4
	long &= long >> 8
	if long&(long>>10) != 0 {
		for m := a; m != 0; {
			p := bits.TrailingZeros64(m)
			l := bits.TrailingZeros64(^(m >> p))
			sv.alnumRun(b+p, b+p+l, p+l >= n)
			m &^= (1<<l - 1) << p
		}
		return
	}
	if a&1 != 0 {
		l := bits.TrailingZeros64(^a)
		if sv.alnumRun(b, b+l, l >= n); l >= n {
			return
		}
	}
	if a>>(n-1)&1 != 0 {
		l := bits.LeadingZeros64(^(a << (64 - n)))
		sv.alnumRun(b+n-l, b+n, true)
	}
}

// alnumRun records a run of ASCII letters and digits that goes on to the one before if it
// starts where it ends, and may itself go on.
func (sv *survey) alnumRun(start, end int, goesOn bool) {
	if sv.open && sv.run.End == start {
		start = sv.run.Start
	} else {
		sv.closeRun()
	}
	sv.run, sv.open = Span{start, end}, true
	if !goesOn {
		sv.closeRun()
	}
}

func (sv *survey) closeRun() {
	if sv.open && sv.run.End-sv.run.Start >= minWallet {
		sv.tokens = append(sv.tokens, sv.run)
	}
	sv.open = false
}

// scalar surveys s[i:limit] a character at a time; limit is len(s) or a byte no word holds.
func (sv *survey) scalar(s string, i, limit int) {
	if sv.full {
		for j := i; j < limit; {
			if !isASCIIAlnum(s[j]) {
				j++
				continue
			}
			k := j + 1
			for k < limit && isASCIIAlnum(s[k]) {
				k++
			}
			sv.alnumRun(j, k, k == limit)
			j = k
		}
	}
	for i < limit {
		c := s[i]
		if c >= utf8.RuneSelf || isASCIILetter(c) {
			if j, n, pure := lexWordEnd(s, i); n > 0 {
				if mayBeLexicon(s, i, j, n, pure) {
					sv.words = append(sv.words, i)
				}
				i = j
				continue
			}
		}
		switch {
		case !sv.full:
		case isDigit(c):
			sv.digits[i/64] |= 1 << (i % 64)
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

// digitFinder finds the ASCII digits of a text in order: by the bits of a survey, else eight
// bytes at a time.
type digitFinder struct {
	s    string
	bits []uint64 // of a survey, if taken
}

// next returns the offset of the first ASCII digit at or after i, or len(s).
func (f *digitFinder) next(i int) int {
	if f.bits == nil {
		return indexDigit(f.s, i)
	}
	w := i / 64
	if w >= len(f.bits) {
		return len(f.s)
	}
	if m := f.bits[w] >> (i % 64); m != 0 {
		return i + bits.TrailingZeros64(m)
	}
	for w++; w < len(f.bits); w++ {
		if f.bits[w] != 0 {
			return w*64 + bits.TrailingZeros64(f.bits[w])
		}
	}
	return len(f.s)
}

// isSkimBreak reports a byte that no word holds, below "@" but for "'": reading may start
// afresh after it.
func isSkimBreak(c byte) bool { return c < '@' && c != '\'' }
