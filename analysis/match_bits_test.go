package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestWordBits holds wordBits to reading rune by rune on random strings of the bytes that matter
// to it, long enough to span blocks, with characters cut by the end of a block.
func TestWordBits(t *testing.T) {
	pieces := []string{"a", "Z", "z", "0", "9", " ", "@", "[", "`", "{", "/", "\x7f", "\xd0", "\xd1", "\xd2",
		"\xcf", "\xce", "\x80", "\x81", "\xbf", "\xc0", "\xc2", "\xe2", "\xf0", "д", "ѿ", "҂", "Ѐ", "α", "΅", "ϐ",
		"£", "é", "€", "中", "🍒", "𝟘", "\xf0\x9f\x8d"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for n := rng.IntN(200); b.Len() < n; {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkWordBits(t, b.String())
	}
}

// FuzzWordBits holds wordBits to reading rune by rune.
func FuzzWordBits(f *testing.F) {
	for _, s := range append(matchSeeds, strings.Repeat("работа ", 20), strings.Repeat("x", 63)+"дΑ🍒") {
		f.Add(s)
	}
	f.Fuzz(checkWordBits)
}

// checkWordBits checks the bits of every block of s against reading rune by rune.
func checkWordBits(t *testing.T, s string) {
	t.Helper()
	want := make([]bool, len(s)+64)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		for k := range size {
			want[i+k] = refIsWordRune(r)
		}
		i += size
	}
	wb := newWordBits(s)
	for {
		for k := range 64 {
			if got := wb.mask>>k&1 != 0; got != want[wb.base+k] {
				t.Fatalf("%q: byte %d in a word: %v, want %v", s, wb.base+k, got, !got)
			}
		}
		if wb.base+64 >= len(s) {
			return
		}
		wb.load(wb.base + 64)
	}
}
