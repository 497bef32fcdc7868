// Code generated from normalize_homoglyph.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import "sync"

// Homoglyph folding reads a word that mixes scripts ("Ꮃhаtsаpp" with Cherokee Ꮃ and Cyrillic
// а, "рабoта" with a Latin o) in one script. Words of one script are never touched: Greek,
// Russian and Ukrainian stay as they are written, even where every letter has a Latin twin
// ("сор"). A mixed word is rewritten only into a script it has letters of, and only when
// every letter of the other scripts has a look-alike there, which makes the step idempotent
// and keeps it from inventing spellings; among the scripts that allow it, the one with most
// letters wins, Latin on a tie.

// nrefHomoglyphTable maps letters to their look-alikes in one target script, with keys folded like
// the text (Cherokee capitals become small letters, capitals lower case).
type nrefHomoglyphTable struct {
	lower, upper map[rune]rune
}

var nrefHomoglyphTables = sync.OnceValue(func() (t [nrefNscOther]nrefHomoglyphTable) {
	t[nrefNscLatin] = nrefHomoglyphTable{
		nrefFoldKeys(nrefHomoglyphToLatin), nrefFoldKeys(nrefUpperToLatin)}
	t[nrefNscCyrillic] = nrefHomoglyphTable{
		nrefFoldKeys(nrefHomoglyphToCyrillic), nrefFoldKeys(nrefUpperToCyrillic)}
	t[nrefNscGreek] = nrefHomoglyphTable{
		nrefFoldKeys(nrefHomoglyphToGreek), nrefFoldKeys(nrefUpperToGreek)}
	return t
})

func nrefFoldKeys(m map[rune]rune) map[rune]rune {
	out := make(map[rune]rune, len(m))
	for k, v := range m {
		for _, r := range nrefFoldString(string(k)) {
			out[r] = v
		}
	}
	return out
}

// to is the look-alike of x in the table's script, or 0; s is the original text, where x's
// character tells whether it was a capital.
func (h *nrefHomoglyphTable) to(x nrefUnit, s string) rune {
	if r, ok := h.upper[x.r]; ok && nrefOriginalUpper(s, x.o) {
		return r
	}
	return h.lower[x.r]
}

// nrefFoldHomoglyphs is step 3 of nrefNormalize, and runs again after step 4. It rewrites in
// place the words around the hints (mixed-script words from nrefScan, tokens that leetspeak
// folding changed) and appends the starts of the words it changed to touched.
func nrefFoldHomoglyphs(u []nrefUnit, s string, hints, touched []int) []int {
	done := 0 // the hints come sorted; units before done belong to a word already read
	for _, i := range hints {
		if i < done {
			continue
		}
		for i > done && u[i-1].cl.wordish() {
			i--
		}
		j, first, mixed := i, nrefNscNone, false
		for ; j < len(u) && u[j].cl.wordish(); j++ {
			if u[j].cl != nrefNclLetter {
				continue
			}
			if first == nrefNscNone {
				first = u[j].sc
			} else if u[j].sc != first {
				mixed = true
			}
		}
		if mixed && nrefFoldWordScript(u[i:j], s) {
			touched = append(touched, i)
		}
		done = j
	}
	return touched
}

// nrefFoldWordScript writes a mixed-script word in one script, if it can, and reports whether
// it did.
func nrefFoldWordScript(w []nrefUnit, s string) bool {
	tables := nrefHomoglyphTables()
	var count [nrefNscOther + 1]int
	for _, x := range w {
		if x.cl == nrefNclLetter {
			count[x.sc]++
		}
	}
	best, bestN := nrefNscNone, -1
	for _, sc := range [...]nrefScript{nrefNscLatin, nrefNscCyrillic, nrefNscGreek} {
		if count[sc] > 0 && count[sc] > bestN && nrefConvertible(w, s, sc, &tables[sc]) {
			best, bestN = sc, count[sc]
		}
	}
	if best == nrefNscNone {
		return false
	}
	h := &tables[best]
	for i, x := range w {
		if x.cl == nrefNclLetter && x.sc != best {
			w[i].r, w[i].sc = h.to(x, s), best
		}
	}
	return true
}

// nrefConvertible reports whether every letter of w is of script sc or has a look-alike there.
func nrefConvertible(w []nrefUnit, s string, sc nrefScript, h *nrefHomoglyphTable) bool {
	for _, x := range w {
		if x.cl == nrefNclLetter && x.sc != sc && h.to(x, s) == 0 {
			return false
		}
	}
	return true
}
