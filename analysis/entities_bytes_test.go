package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestByteMarks: the marks of a text, with each kernel this machine runs, lead from any offset
// to the next ".", "@" or bracket as a search of the text does.
func TestByteMarks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"a", ".", "@", "[", "(", "{", "<", ")", "]", " ", "é", "\x00", "\xff", "..", "@@", "mail.com"}
	texts := []string{"", ".", strings.Repeat("a", 64) + ".", strings.Repeat("@", 200)}
	for range 2000 {
		texts = append(texts, piecesText(rng, pieces, 120))
	}
	for _, s := range texts {
		checkByteMarks(t, s)
	}
}

// FuzzByteMarks holds the marks to a search of the text on any text.
func FuzzByteMarks(f *testing.F) {
	f.Add(strings.Repeat("anna@mail.com (at) [dot] {x} <y> ", 5))
	f.Fuzz(func(t *testing.T, s string) { checkByteMarks(t, s) })
}

func checkByteMarks(t *testing.T, s string) {
	t.Helper()
	eachKernel(func(kernel string) {
		var m byteMarks
		m.dots = []uint64{^uint64(0)} // memory reused: every word must be written
		m.take(s)
		for _, c := range []struct {
			marks []uint64
			bytes string
		}{{m.dots, "."}, {m.ats, "@"}, {m.brackets, "[({<"}} {
			for i := 0; i <= len(s); i++ {
				want := len(s)
				if k := strings.IndexAny(s[i:], c.bytes); k >= 0 {
					want = i + k
				}
				if got := nextMark(c.marks, i, len(s)); got != want {
					t.Fatalf("%s: %q: the next of %q from %d is at %d, want %d", kernel, s, c.bytes, i, got, want)
				}
			}
		}
	})
}

// piecesText joins up to max pieces drawn at random.
func piecesText(rng *rand.Rand, pieces []string, max int) string {
	var sb strings.Builder
	for range rng.IntN(max) {
		sb.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return sb.String()
}
