package analysis

import (
	"math/bits"
	"slices"
)

// Most of the normalised text is the original in lower case. Where the two read the same up to
// the case of letters (of ASCII and two-byte letters, as lookupFold folds them), between two
// bytes that no word holds in both, they are cut into the same words, and a word of one is in
// the lexicon if and only if its counterpart is: the survey of the normalised text takes its
// candidate words there from the original's survey and skims only the rest itself.
//
// The two texts are walked side by side, eight bytes at a time while they agree. Where they
// differ, both are skipped to their next byte that no word holds, the normalised text being
// skimmed on the way, and the walk resumes there; if the texts do not agree after those bytes
// either, the original's byte is looked for where Normalized.OriginalSpan maps the normalised
// one. Where the walk resumes is only a guess, checked byte by byte: the words taken never
// depend on the normaliser or the guess being right.

// alignedWords sets svText.words, for the normalised text, from sv.words, for the original.
func (x *extraction) alignedWords() {
	t, o := x.n.Text, x.n.Original
	sv := &x.svText
	sv.words = slices.Grow(sv.words[:0], 8+len(x.sv.words)/2)
	x.textFrom = slices.Grow(x.textFrom[:0], cap(sv.words))
	from := x.sv.words
	i, j := 0, -1      // j is the offset in o of i, when both are bytes no word holds
	done, last := 0, 0 // the end in o of the last stretch taken, its length
	misses := 0        // walks resumed in vain since the last stretch taken
	differs := false   // the texts differ in the word after the last stretch taken
	for i < len(t) {
		n, more := 0, false
		if j >= 0 {
			if !differs { // else no stretch starts here (agreeing)
				n, more = agreeing(t, o, i, j)
			}
			if n == 0 {
				misses++
			}
		}
		differs = n > 0 && !more
		if n > 0 {
			// the words of o in (j, j+n) stand for those of t in (i, i+n)
			for len(from) > 0 && from[0] <= j {
				from = from[1:]
			}
			x.surveyedInText()
			for len(from) > 0 && from[0] < j+n {
				sv.words = append(sv.words, from[0]-j+i)
				x.textFrom = append(x.textFrom, len(x.sv.words)-len(from))
				from = from[1:]
			}
			i, j, done, last, misses = i+n, j+n, j+n, n, 0
			continue
		}
		if b := i + 1; last < 64 && b+64+4 <= len(t) && (isSkimBreak(t[i]) || i == 0) {
			// the texts differ often here (accents in every word): survey a block of t, and
			// look for the original again after it, less often as the texts keep differing
			if !isSkimBreak(t[i]) {
				b = 0
			}
			// block returns the end of t after a word that runs to it
			if i = sv.block(t, b); i < len(t) && !isSkimBreak(t[i]) {
				i--
			}
			j, last = -1, 0
			if misses < 4 || misses%4 == 0 {
				if k := x.n.OriginalSpan(i, i).Start; k >= done && k < len(o) && isSkimBreak(o[k]) {
					j = k
				}
			} else {
				misses++
			}
			continue
		}
		last = 0
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
	x.surveyedInText()
}

// surveyedInText marks the words of svText not taken from sv so far as read in the text.
func (x *extraction) surveyedInText() {
	for len(x.textFrom) < len(x.svText.words) {
		x.textFrom = append(x.textFrom, -1)
	}
}

// agreeing returns the length of the longest stretch from t[i] and o[j], bytes no word holds,
// that reads the same in both up to the case of letters and ends at a byte no word holds in
// both (or at the end of both), or 0 if none is longer than one byte. more is false when the
// stretch ends before a word in which the texts differ, where no stretch can start: a call
// from its end would compare that word again to return 0.
func agreeing(t, o string, i, j int) (n int, more bool) {
	if j >= len(o) {
		return 0, false
	}
	n = 1 + foldEqualLen(t[i+1:], o[j+1:])
	if n > 1 && breakAt(t, i+n) && breakAt(o, j+n) {
		return n, true
	}
	// before n, where the texts agree, a byte no word holds is the same byte in both
	for n--; n > 1; n-- { // a stretch of one byte no word holds takes nothing
		if isSkimBreak(t[i+n]) {
			return n, false
		}
	}
	return 0, false
}

// breakAt reports whether s[i] is a byte no word holds, or i is the end of s.
func breakAt(s string, i int) bool { return i == len(s) || isSkimBreak(s[i]) }

// foldEqualLen returns the length of the longest common prefix of s and t up to the case of
// ASCII and two-byte letters.
func foldEqualLen(s, t string) int {
	n := 0
	for {
		n += equalFoldLen(s[n:], t[n:])
		k := n // where the letters that differ start
		if k < len(s) && s[k]&0xC0 == 0x80 {
			k--
		}
		if k < 0 || k+2 > len(s) || k+2 > len(t) {
			return n
		}
		a, b := letter2(s[k], s[k+1]), letter2(t[k], t[k+1])
		if a < 0 || b < 0 || lexFoldTable[a] != lexFoldTable[b] {
			return n
		}
		n = k + 2
	}
}

// letter2 returns the two-byte letter made of the bytes c, c2, or -1.
func letter2(c, c2 byte) rune {
	if c < 0xC2 || c >= 0xE0 || c2&0xC0 != 0x80 || letterTable[c&0x1F]&(1<<(c2&0x3F)) == 0 {
		return -1
	}
	return rune(c&0x1F)<<6 | rune(c2&0x3F)
}

// equalFoldLen returns the length of the longest common prefix of s and t up to the case of
// ASCII letters.
func equalFoldLen(s, t string) int {
	n := 0
	if classifyAVX2 && len(s) >= 32 && len(t) >= 32 {
		// thirty-two bytes a step where the processor has AVX2, then the rest below
		if n = equalFold32(s, t); n < min(len(s), len(t))&^31 {
			return n
		}
	}
	// sixteen bytes a step while the texts agree, most of their length: the first of the
	// bytes that differ is found without a branch on the half it is in
	for n+16 <= len(s) && n+16 <= len(t) {
		a, b := s[n:n+16], t[n:n+16] // read at constant offsets, without more bounds checks
		x, y := load8(a, 0), load8(a, 8)
		bad := (x ^ load8(b, 0)) &^ (letterBytes(x) >> 2)
		bad2 := (y ^ load8(b, 8)) &^ (letterBytes(y) >> 2)
		if bad|bad2 != 0 {
			k := bits.TrailingZeros64(bad) // 64 when the first half agrees
			return n + (k+bits.TrailingZeros64(bad2)&-(k>>6))>>3
		}
		n += 16
	}
	for n+8 <= len(s) && n+8 <= len(t) {
		// the bits that differ but for the case bit of letters, without a branch for
		// capitals, which come unpredictably
		x := load8(s, n)
		if bad := (x ^ load8(t, n)) &^ (letterBytes(x) >> 2); bad != 0 {
			return n + bits.TrailingZeros64(bad)>>3
		}
		n += 8
	}
	for n < len(s) && n < len(t) && (s[n] == t[n] || (s[n]^t[n] == 0x20 && isASCIILetter(s[n]))) {
		n++
	}
	return n
}
