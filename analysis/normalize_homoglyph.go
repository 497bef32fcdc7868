package analysis

import "sync"

// Homoglyph folding reads a word that mixes scripts ("Ꮃhаtsаpp" with Cherokee Ꮃ and Cyrillic
// а, "рабoта" with a Latin o) in one script. Words of one script are never touched: Greek,
// Russian and Ukrainian stay as they are written, even where every letter has a Latin twin
// ("сор"). A mixed word is rewritten only into a script it has letters of, and only when
// every letter of the other scripts has a look-alike there, which makes the step idempotent
// and keeps it from inventing spellings; among the scripts that allow it, the one with most
// letters wins, Latin on a tie.

// normHomoglyphTable maps letters to their look-alikes in one target script, with keys folded like
// the text (Cherokee capitals become small letters, capitals lower case).
type normHomoglyphTable struct {
	lower, upper map[rune]rune
}

var normHomoglyphTables = sync.OnceValue(func() (t [nscOther]normHomoglyphTable) {
	t[nscLatin] = normHomoglyphTable{
		normFoldKeys(normHomoglyphToLatin), normFoldKeys(normUpperToLatin)}
	t[nscCyrillic] = normHomoglyphTable{
		normFoldKeys(normHomoglyphToCyrillic), normFoldKeys(normUpperToCyrillic)}
	t[nscGreek] = normHomoglyphTable{
		normFoldKeys(normHomoglyphToGreek), normFoldKeys(normUpperToGreek)}
	return t
})

func normFoldKeys(m map[rune]rune) map[rune]rune {
	out := make(map[rune]rune, len(m))
	for k, v := range m {
		for _, r := range normFoldString(string(k)) {
			out[r] = v
		}
	}
	return out
}

// to is the look-alike of x in the table's script, or 0; s is the original text, where x's
// character tells whether it was a capital.
func (h *normHomoglyphTable) to(x normUnit, s string) rune {
	if r, ok := h.upper[x.r]; ok && normOriginalUpper(s, x.o) {
		return r
	}
	return h.lower[x.r]
}

// normFoldHomoglyphs is step 3 of Normalize, and runs again after step 4. It rewrites in
// place the words around the hints (mixed-script words from normScan, tokens that leetspeak
// folding changed) and appends the starts of the words it changed to touched.
func normFoldHomoglyphs(u []normUnit, s string, hints, touched []int) []int {
	done := 0 // the hints come sorted; units before done belong to a word already read
	for _, i := range hints {
		if i < done {
			continue
		}
		for i > done && u[i-1].cl.wordish() {
			i--
		}
		j, first, mixed := i, nscNone, false
		for ; j < len(u) && u[j].cl.wordish(); j++ {
			if u[j].cl != nclLetter {
				continue
			}
			if first == nscNone {
				first = u[j].sc
			} else if u[j].sc != first {
				mixed = true
			}
		}
		if mixed && normFoldWordScript(u[i:j], s) {
			touched = append(touched, i)
		}
		done = j
	}
	return touched
}

// normFoldWordScript writes a mixed-script word in one script, if it can, and reports whether
// it did.
func normFoldWordScript(w []normUnit, s string) bool {
	tables := normHomoglyphTables()
	var count [nscOther + 1]int
	for _, x := range w {
		if x.cl == nclLetter {
			count[x.sc]++
		}
	}
	best, bestN := nscNone, -1
	for _, sc := range [...]normScript{nscLatin, nscCyrillic, nscGreek} {
		if count[sc] > 0 && count[sc] > bestN && normConvertible(w, s, sc, &tables[sc]) {
			best, bestN = sc, count[sc]
		}
	}
	if best == nscNone {
		return false
	}
	h := &tables[best]
	for i, x := range w {
		if x.cl == nclLetter && x.sc != best {
			w[i].r, w[i].sc = h.to(x, s), best
		}
	}
	return true
}

// normConvertible reports whether every letter of w is of script sc or has a look-alike there.
func normConvertible(w []normUnit, s string, sc normScript, h *normHomoglyphTable) bool {
	for _, x := range w {
		if x.cl == nclLetter && x.sc != sc && h.to(x, s) == 0 {
			return false
		}
	}
	return true
}
