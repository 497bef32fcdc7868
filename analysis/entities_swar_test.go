package analysis

import (
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

// nextPhoneChar must stop at every character isPhoneRune accepts, and isPhoneRune must accept
// exactly the digits of digitValue and the full-width plus.
func TestEntitiesPhoneChars(t *testing.T) {
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		_, digit := digitValue(r)
		if (digit || r == '＋') != isPhoneRune(r) {
			t.Fatalf("%U: isPhoneRune is %v", r, !digit)
		}
		if digit || r == '＋' {
			s := "abc дом «»\u00a0—" + string(r) + "x"
			if i := nextPhoneChar(s, 0); i != strings.IndexRune(s, r) {
				t.Fatalf("%U: nextPhoneChar stops at %d", r, i)
			}
		}
	}
	for _, s := range []string{"", "abc", "abc дом «»\u00a0—€…✓🙂"} {
		if i := nextPhoneChar(s, 0); i != len(s) {
			t.Errorf("%q: nextPhoneChar stops at %d", s, i)
		}
	}
}
