package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestWordBoundsSame compares wordEnd, wordHash and wordStart with their frozen references on strings
// mixing ASCII, two-byte letters and non-letters, apostrophes, marks and broken UTF-8, from
// every offset.
func TestWordBoundsSame(t *testing.T) {
	parts := []string{"a", "Z", "é", "Ж", "ω", "ß", "×", "÷", "\u00a0", "\u0301", "'", "`", "’", "ʼ",
		" ", ".", "1", "中", "😀", "\xc3", "\xa9", "\xe2\x80", "ǅ", "ſ", "-", "Ł", "Ș", "İ", "Σ", "ς", "Ё"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		s := randomPieces(rng, parts, 12)
		for i := 0; i <= len(s); i++ {
			if i < len(s) {
				if got, want := wordEnd(s, i), erefWordEnd(s, i); got != want {
					t.Fatalf("wordEnd(%q, %d) = %d, want %d", s, i, got, want)
				}
			}
			if i < len(s) {
				gotEnd, gotHash := wordHash(s, i)
				if wantEnd, wantHash := erefWordHash(s, i); gotEnd != wantEnd || gotHash != wantHash {
					t.Fatalf("wordHash(%q, %d) = %d %x, want %d %x", s, i, gotEnd, gotHash, wantEnd, wantHash)
				}
			}
			if got, want := wordStart(s, i), erefWordStart(s, i); got != want {
				t.Fatalf("wordStart(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestSkipSpacesSame compares skipSpaces and skipSpacesBack with their frozen references,
// from every offset and one past either end.
func TestSkipSpacesSame(t *testing.T) {
	parts := []string{"a", " ", "\t", "\u00a0", "\u2009", "\u3000", "\u202f", "é", "\n", "\xc2", "\xa0", "\xe3\x80"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		s := randomPieces(rng, parts, 8)
		for i := -1; i <= len(s)+1; i++ {
			for max := 0; max <= 3; max++ {
				if got, want := skipSpaces(s, i, max), erefSkipSpaces(s, i, max); got != want {
					t.Fatalf("skipSpaces(%q, %d, %d) = %d, want %d", s, i, max, got, want)
				}
				if got, want := skipSpacesBack(s, i, max), erefSkipSpacesBack(s, i, max); got != want {
					t.Fatalf("skipSpacesBack(%q, %d, %d) = %d, want %d", s, i, max, got, want)
				}
			}
		}
	}
}

// TestFoldTable checks that foldTable holds foldRune below U+0800: that it fits in 16 bits
// ("Ⱥ" folds to U+2C65).
func TestFoldTable(t *testing.T) {
	for r := range rune(0x800) {
		if f := foldRune(r); rune(foldTable[r]) != f {
			t.Fatalf("foldRune(%U) = %U, foldTable %U", r, f, foldTable[r])
		}
	}
}

// TestIsAlnumRuneSame compares isAlnumRune with its frozen reference on every character below
// U+30000 and on invalid ones.
func TestIsAlnumRuneSame(t *testing.T) {
	for r := rune(-1); r < 0x30000; r++ {
		if isAlnumRune(r) != erefIsAlnumRune(r) {
			t.Fatalf("isAlnumRune(%U) = %v", r, isAlnumRune(r))
		}
	}
}

// randomPieces joins one to most pieces of parts, chosen at random.
func randomPieces(rng *rand.Rand, parts []string, most int) string {
	var b strings.Builder
	for range 1 + rng.IntN(most) {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}
