package analysis

import "math/bits"

// The scanners skip most of a text eight bytes at a time: a word of eight bytes is tested for
// digits, letters or a given byte with a few arithmetic operations (SIMD within a register),
// and the first byte found is located by counting trailing zeros. Each test sets the high bit
// of every byte that passes, and only of those: no carry crosses bytes, since bytes are added
// to only after their high bit is cleared.

const (
	ones = 0x0101010101010101
	lo7  = 0x7F7F7F7F7F7F7F7F
	hi   = 0x8080808080808080
)

// load8 reads s[i:i+8] as a little-endian word: s[i] is its low byte.
func load8(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// firstByte is the index of the lowest byte whose high bit is set in m, which is not 0.
func firstByte(m uint64) int { return bits.TrailingZeros64(m) >> 3 }

// inRange marks the ASCII bytes of x from lo to hi7 inclusive.
func inRange(x uint64, lo, hi7 byte) uint64 {
	y := x & lo7
	return (y + (0x80-uint64(lo))*ones) &^ (y + (0x7F-uint64(hi7))*ones) &^ x & hi
}

func digitBytes(x uint64) uint64 { return inRange(x, '0', '9') }

func letterBytes(x uint64) uint64 { return inRange(x|0x20*ones, 'a', 'z') }

// equalBytes marks the bytes of x equal to c.
func equalBytes(x uint64, c byte) uint64 {
	v := x ^ uint64(c)*ones
	return ^(v&lo7 + lo7 | v) & hi
}

// indexDigit returns the offset of the first ASCII digit at or after i, or len(s).
func indexDigit(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := digitBytes(load8(s, i)); m != 0 {
			return i + firstByte(m)
		}
	}
	for i < len(s) && !isDigit(s[i]) {
		i++
	}
	return i
}
