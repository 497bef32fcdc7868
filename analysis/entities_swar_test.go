package analysis

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// Each byte test must mark exactly the bytes it names, whatever the bytes around them.
func TestEntitiesSWARBytes(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			for _, fill := range []byte{0, ' ', '/', '0', '9', ':', '@', 'A', 'Z', '[', '`', 'a', 'z', '{', 0x7F, 0x80, 0xC2, 0xFF} {
				b := make([]byte, 8)
				for k := range b {
					b[k] = fill
				}
				b[pos] = byte(c)
				x := load8(string(b), 0)
				for k, c := range b {
					marked := func(m uint64) bool { return m>>(8*k+7)&1 == 1 }
					if marked(digitBytes(x)) != isDigit(c) || marked(letterBytes(x)) != isASCIILetter(c) ||
						marked(equalBytes(x, '\'')) != (c == '\'') || marked(equalBytes(x, 0xC2)) != (c == 0xC2) {
						t.Fatalf("%q: byte %d misjudged", b, k)
					}
				}
			}
		}
	}
}

// The survey must mark every character isPhoneRune accepts, in a block or in the tail, and
// isPhoneRune must accept exactly the digits of digitValue and the full-width plus.
func TestEntitiesPhoneChars(t *testing.T) {
	var sv survey
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		_, digit := digitValue(r)
		if (digit || r == '＋') != isPhoneRune(r) {
			t.Fatalf("%U: isPhoneRune is %v", r, !digit)
		}
		if isLetter(r) && isPhoneRune(r) {
			t.Fatalf("%U: a letter that may start a phone", r)
		}
		if !isPhoneRune(r) {
			continue
		}
		for _, pad := range []int{0, 1, 30, 60, 63, 64, 100} {
			s := strings.Repeat("д", pad/2) + strings.Repeat("x", pad%2) + "abc «»\u00a0—€" + string(r) + "x"
			sv.take(s, true)
			if want := strings.LastIndex(s, string(r)); !slices.Contains(sv.marks, want) {
				t.Fatalf("%U at %d: marks %v", r, want, sv.marks)
			}
		}
	}
	sv.take(strings.Repeat("abc дом «»\u00a0—€…✓🙂 ", 10), true)
	if len(sv.marks) > 0 {
		t.Errorf("marks %v where there is no digit", sv.marks)
	}
}
