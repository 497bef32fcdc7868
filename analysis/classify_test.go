package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestClassify64 holds the kernel of this machine to the portable classification, byte by byte
// over every byte value in each of the 64 places, and on texts of the supported scripts.
func TestClassify64(t *testing.T) {
	var blk [64]byte
	for v := range 256 {
		for p := range 64 {
			for k := range blk {
				blk[k] = byte(v + 7*k) // every byte value in every place, among others
			}
			blk[p] = byte(v)
			checkClassify64(t, string(blk[:]))
		}
	}
	for _, s := range []string{
		"Hostess wanted in Dubai! Earn up to 5000 EUR per week, +44 7700 900123 'ok'",
		"Работа в Германии, жильё бесплатно. Звоните +7 900 000-00-00, ёлка ЁЛКА",
		"Εργασία στη Ζυρίχη, διαμονή δωρεάν. Πληρωμή 3.000€ τον μήνα @handle_01",
		"Lavoro all'estero, vitto e alloggio pagati: città, perché, PERCHÉ 🍒🍒 ｆｕｌｌ",
	} {
		s = strings.Repeat(s, 3)
		for i := 0; i+64 <= len(s); i++ {
			checkClassify64(t, s[i:i+64])
		}
	}
}

// FuzzClassify64 compares the kernel with the portable classification on any 64 bytes.
func FuzzClassify64(f *testing.F) {
	f.Add(strings.Repeat("a'Z@[`{0+9/\x7f\x80\xbf\xc0\xd0\xd1\xd2\xff", 4))
	f.Fuzz(func(t *testing.T, s string) {
		for len(s) < 64 {
			s += s + "x"
		}
		checkClassify64(t, s[:64])
	})
}

func checkClassify64(t *testing.T, s string) {
	t.Helper()
	var got, want marks
	got = marks{word: rand.Uint64(), plus: rand.Uint64()} // the kernel must overwrite every mask
	classify64(s, &got)
	classify64Generic(s, &want)
	if got != want {
		t.Fatalf("classify64(%q)\n got %+v\nwant %+v", s, got, want)
	}
}
