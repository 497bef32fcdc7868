package analysis

// Most of the normalised text is the original in lower case. Where the two read the same up to
// the case of ASCII letters, between two bytes that no word holds in both, they are cut into
// the same words and the same words may be in the lexicon: the survey of the normalised text
// takes those from the original's survey and skims only the rest itself.
//
// The two texts are walked side by side eight bytes at a time while they agree. At a
// difference, both are skipped to their next byte that no word holds, the normalised text
// being skimmed on the way, and the walk resumes there; if the texts do not agree after those
// bytes either, the original's byte is looked for where Normalized.OriginalSpan maps the
// normalised one. Where the walk resumes is only a guess, checked byte by byte: the words taken
// never depend on the normaliser or the guess being right.

// alignedWords sets svText.words, for the normalised text, from sv.words, for the original.
func (x *extraction) alignedWords() {
	t, o := x.n.Text, x.n.Original
	sv := &x.svText
	sv.words = sv.words[:0]
	from := x.sv.words
	i, j := 0, -1 // j is the offset in o of i, when both are bytes no word holds
	done := 0     // the end in o of the last stretch taken
	for i < len(t) {
		n := 0
		if j >= 0 {
			if n = agreeing(t, o, i, j); n == 0 && i > 0 {
				if k := x.n.OriginalSpan(i, i).Start; k > j && k < len(o) && isSkimBreak(o[k]) {
					j = k
					n = agreeing(t, o, i, j)
				}
			}
		}
		if n > 0 {
			// the words of o in (j, j+n) are those of t in (i, i+n)
			for len(from) > 0 && from[0].Start <= j {
				from = from[1:]
			}
			for len(from) > 0 && from[0].End <= j+n {
				sv.words = append(sv.words, Span{from[0].Start - j + i, from[0].End - j + i})
				from = from[1:]
			}
			i, j, done = i+n, j+n, j+n
			if i == len(t) {
				break
			}
		}
		// skim t to its next byte no word holds, skip o to its own
		e := i + 1
		for e < len(t) && !isSkimBreak(t[e]) {
			e++
		}
		sv.scalar(t, i, e)
		if i = e; j >= done && j < len(o) {
			for j++; j < len(o) && !isSkimBreak(o[j]); j++ {
			}
		}
		if j >= len(o) {
			j = -1
		}
		if j < 0 && i < len(t) {
			if k := x.n.OriginalSpan(i, i).Start; k >= done && k < len(o) && isSkimBreak(o[k]) {
				j = k
			}
		}
	}
}

// agreeing returns the length of the longest stretch from t[i] and o[j], bytes no word holds,
// that reads the same in both up to the case of ASCII letters and ends at a byte no word holds
// in both (or at the end of both), or 0.
func agreeing(t, o string, i, j int) int {
	n := 1 + equalFoldLen(t[i+1:], o[j+1:])
	for ; n > 0; n-- {
		if i+n <= len(t) && j+n <= len(o) && breakAt(t, i+n) && breakAt(o, j+n) {
			return n
		}
	}
	return 0
}

// breakAt reports whether s[i] is a byte no word holds, or i is the end of s.
func breakAt(s string, i int) bool { return i == len(s) || isSkimBreak(s[i]) }

// equalFoldLen returns the length of the longest common prefix of s and t up to the case of
// ASCII letters.
func equalFoldLen(s, t string) int {
	n := 0
	for n+8 <= len(s) && n+8 <= len(t) {
		x, y := load8(s, n), load8(t, n)
		if d := x ^ y; d != 0 {
			if bad := ^equalBytes(d, 0) & hi &^ (equalBytes(d, 0x20) & letterBytes(x)); bad != 0 {
				return n + firstByte(bad)
			}
		}
		n += 8
	}
	for n < len(s) && n < len(t) && (s[n] == t[n] || (s[n]^t[n] == 0x20 && isASCIILetter(s[n]))) {
		n++
	}
	return n
}
