package analysis

import "math/bits"

// wordBits tells a scan which bytes of a text belong to words, 64 bytes at a time, so that the
// end of a word or of a separator is found by counting zeros instead of by a branch a byte: bit
// k of mask is set when hay[base+k] is a byte of a word character (isWordRune), the text read
// as wordRuneAt reads it. ASCII letters and digits, and the common two-byte letters (accented
// Latin, Greek, Cyrillic), are found for the whole block at once (classifyWords64); each other
// multi-byte character is looked up alone.
type wordBits struct {
	hay  string
	base int // a multiple of 64
	mask uint64
	// carry marks the bytes of the next block that belong to a word character starting in this
	// one.
	carry uint64
}

// newWordBits classifies the first block of hay.
func newWordBits(hay string) wordBits {
	w := wordBits{hay: hay}
	w.load(0)
	return w
}

// A scan finds the end of a separator or word in the block itself, without a call: blocks
// start at multiples of 64, so for i in the block the next word starts at i plus the trailing
// zeros of mask>>(i%64) if that is not 0, else at wordStartAfter; the word at i ends at i plus
// those of ^mask>>(i%64) if that is not 0, else at wordEndAfter.

// wordStartAfter returns where the next word starts after the block, or len(hay).
func (w *wordBits) wordStartAfter() int {
	for w.base+64 < len(w.hay) {
		w.load(w.base + 64)
		if w.mask != 0 {
			return w.base + bits.TrailingZeros64(w.mask)
		}
	}
	return len(w.hay)
}

// wordEndAfter returns where the word that goes on to the end of the block ends.
func (w *wordBits) wordEndAfter() int {
	for {
		w.load(w.base + 64)
		if w.mask != ^uint64(0) {
			return w.base + bits.TrailingZeros64(^w.mask)
		}
	}
}

// load classifies the block of hay that starts at b, which follows the last one.
func (w *wordBits) load(b int) {
	w.base = b
	if b+64+4 > len(w.hay) { // a lead among the last bytes reads up to three more
		w.mask, w.carry = w.scalar(b, w.carry)
		return
	}
	blk := w.hay[b : b+64+4]
	var m wordMarks
	classifyWords64(blk, &m)
	word, lead, two := m.alnum, m.lead, m.alpha
	word |= two | two<<1 | w.carry
	w.carry = two >> 63 // the second byte of one at 63
	for m := lead &^ two; m != 0; m &= m - 1 {
		p := bits.TrailingZeros64(m)
		c, c2 := blk[p], blk[p+1]
		if c >= 0xE0 || c < 0xC2 || c2&0xC0 != 0x80 { // wordRuneAt, less its two-byte case
			word |= w.longRune(b, p)
			continue
		}
		if wordRunes[rune(c&0x1F)<<6|rune(c2&0x3F)] {
			word |= 3 << uint(p&63)
			w.carry |= uint64(p+1) >> 6 // the second byte of one at 63
		}
	}
	w.mask = word
}

// longRune returns the bits in the block of the character at b+p if it is a word character,
// and adds those after the block to carry.
func (w *wordBits) longRune(b, p int) uint64 {
	ok, size := longWordRuneAt(w.hay, b+p)
	if !ok {
		return 0
	}
	run := uint64(1)<<size - 1
	w.carry |= run >> (64 - p)
	return run << p
}

// scalar classifies the last bytes of hay from b a character at a time; carry marks the bytes
// of a word character that starts before b.
func (w *wordBits) scalar(b int, carry uint64) (mask, next uint64) {
	mask = carry
	for k := b; k < len(w.hay) && k < b+64; {
		ok, size := wordRuneAt(w.hay, k)
		if ok {
			run := uint64(1)<<size - 1
			mask |= run << (k - b)
			next |= run >> (64 - (k - b))
		}
		k += size
	}
	return mask, next
}
