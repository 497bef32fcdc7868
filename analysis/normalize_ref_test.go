// Code generated from normalize.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import (
	"slices"
	"unicode/utf8"
)

// nrefNormalized is a text after normalisation, with a map back to the original.
type nrefNormalized struct {
	Original string
	Text     string
	// orig[i] is the byte offset in Original where the character that produced byte i of Text
	// starts; orig[len(Text)] is len(Original). It never decreases.
	orig []int
}

// nrefNormalize folds s for matching. Indicator patterns and entity extractors read Text, and
// patterns go through nrefNormalize too, so the folding is idempotent:
// nrefNormalize(nrefNormalize(s).Text).Text == nrefNormalize(s).Text.
//
// In order:
//  1. characters (normalize_chars.go): invalid bytes become U+FFFD; invisible characters
//     used to break filters (zero-width, variation selectors, soft hyphens, bidi controls)
//     and diacritics go; NFKC; case folding; letters and digits dressed as emoji or symbols
//     (🅙, 🇯, ❶, 🔟, small capitals) become plain ones; white space collapses to one space;
//  2. spaced-out letters and digits ("w h a t s a p p", "3 3 3 1 2 3") are joined;
//  3. a word that mixes scripts is written in its dominant script, when every letter has a
//     look-alike there ("раураl" → "paypal"); single-script words are left alone;
//  4. leetspeak inside words ("m0ney", "wh@tsapp") is read as letters;
//  5. runs of three or more spelled-out digits become digits ("three three three" → "333");
//  6. spaces around a slash between numbers go ("24 / 7" → "24/7").
//
// Every byte of Text maps back to the original character it came from (OriginalSpan).
func nrefNormalize(s string) *nrefNormalized {
	b, orig := nrefFoldChars(s)
	if regs := nrefRegions(b); len(regs) > 0 {
		b, orig = nrefRewrite(s, b, orig, regs)
	}
	return &nrefNormalized{Original: s, Text: string(b), orig: append(orig, len(s))}
}

// nrefRewrite runs the word-level steps on each region of the folded text b and splices in
// the regions they changed. The steps mostly shorten the text (joined letters, digits for
// words), so the splice works in place while it can and copies to new slices only when a
// region grows (a Latin look-alike written back in Cyrillic takes two bytes instead of one).
func nrefRewrite(s string, b []byte, orig []int, regs []nrefRegion) ([]byte, []int) {
	w := nrefWork{s: s}
	var nb []byte // after a region grew: the text so far
	var norig []int
	n, done := 0, 0 // b[:n] is the text so far (when nb is nil); b[done:] is still to read
	for _, r := range regs {
		u := nrefDecodeUnits(b[r.start:r.end], orig[r.start:r.end], w.u[:0])
		w.u = u
		u = nrefWordSteps(u, &w)
		if nrefSameText(u, b[r.start:r.end]) {
			continue
		}
		w.ob, w.oo = nrefAppendUnits(w.ob[:0], w.oo[:0], u)
		if nb == nil && n+r.start-done+len(w.ob) > r.end { // no room: copy from here on
			nb = append(make([]byte, 0, len(b)+len(w.ob)), b[:n]...)
			norig = append(make([]int, 0, len(orig)+len(w.ob)+1), orig[:n]...)
		}
		if nb != nil {
			nb, norig = append(nb, b[done:r.start]...), append(norig, orig[done:r.start]...)
			nb, norig = append(nb, w.ob...), append(norig, w.oo...)
		} else {
			n += copy(b[n:], b[done:r.start])
			copy(orig[n-(r.start-done):], orig[done:r.start])
			copy(b[n:], w.ob)
			n += copy(orig[n:], w.oo)
		}
		done = r.end
	}
	if nb != nil {
		return append(nb, b[done:]...), append(norig, orig[done:]...)
	}
	if done == 0 {
		return b, orig
	}
	n += copy(b[n:], b[done:])
	copy(orig[n-(len(b)-done):], orig[done:])
	return b[:n], orig[:n]
}

// nrefWork is the scratch space of the word-level steps, reused from region to region.
type nrefWork struct {
	s               string // the original, for its capitals
	u               []nrefUnit
	c               nrefCands
	pos, runs, dels []int
	leet, changed   []int
	toks            []nrefNumTok
	key             []byte
	ob              []byte // the text of a changed region
	oo              []int  // and its map
}

// nrefWordSteps runs steps 2 to 6 on the units of a region (or a whole text) and returns them
// with deleted ones marked or dropped.
func nrefWordSteps(u []nrefUnit, w *nrefWork) []nrefUnit {
	c := &w.c
	nrefScan(u, c)
	if w.runs = nrefJoinSpaced(u, c.lone, w.pos[:0], w.runs[:0]); len(w.runs) > 0 {
		u = nrefRemap(u, w, &c.leet, &c.mixed, &c.words, &c.slash, &w.runs)
		// A joined run is a new word, in a chunk that may now mix letters and digits.
		c.leet = append(c.leet, w.runs...)
		slices.Sort(c.leet)
		c.mixed = append(c.mixed, w.runs...)
		slices.Sort(c.mixed)
		c.words = append(c.words, w.runs...)
	}
	// Homoglyphs before leetspeak, so that leet is read in the script the word will keep, and
	// again after it, for the letters leet brought into a word.
	w.changed = nrefFoldHomoglyphs(u, w.s, c.mixed, w.changed[:0])
	w.leet = nrefFoldLeet(u, c.leet, w.leet[:0])
	w.changed = nrefFoldHomoglyphs(u, w.s, w.leet, w.changed)
	// Words that leet or homoglyph folding rewrote may have become number words ("f1ve").
	words := append(append(c.words, w.leet...), w.changed...)
	if !slices.IsSorted(words) {
		slices.Sort(words)
	}
	c.words = words
	nrefFoldNumberWords(u, words, w)
	nrefJoinSlashes(u, c.slash)
	return u
}

// nrefDecodeUnits turns folded text back into units.
func nrefDecodeUnits(b []byte, orig []int, u []nrefUnit) []nrefUnit {
	for i := 0; i < len(b); {
		r, size, cl, sc := nrefDecodeClass(b, i)
		u = append(u, nrefUnit{o: orig[i], r: r, cl: cl, sc: sc})
		i += size
	}
	return u
}

// nrefSameText reports whether the units that are not deleted spell b.
func nrefSameText(u []nrefUnit, b []byte) bool {
	i := 0
	for _, x := range u {
		if x.del || i == len(b) {
			return false
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != x.r {
			return false
		}
		i += size
	}
	return i == len(b)
}

// nrefAppendUnits writes the units that are not deleted to b and orig.
func nrefAppendUnits(b []byte, orig []int, u []nrefUnit) ([]byte, []int) {
	for _, x := range u {
		if x.del {
			continue
		}
		n := len(b)
		b = utf8.AppendRune(b, x.r)
		for range len(b) - n {
			orig = append(orig, x.o)
		}
	}
	return b, orig
}

// OriginalSpan maps the byte range [start, end) of Text to the original text. The span starts
// where the character behind Text[start] starts and ends where the character behind
// Text[end-1] ends, so a match highlights exactly the words the author wrote: for "w h a t s
// a p p" read as "whatsapp" it runs from the "w" to the last "p", for "three three" read as
// "33" from the first "t" to the last "e", and it never takes in the white space, punctuation
// or invisible characters that normalisation dropped after the last character.
func (n *nrefNormalized) OriginalSpan(start, end int) Span {
	if len(n.orig) == 0 { // a zero nrefNormalized, not made by nrefNormalize
		return Span{}
	}
	start = min(max(start, 0), len(n.Text))
	end = min(max(end, start), len(n.Text))
	if start == end {
		return Span{n.orig[start], n.orig[start]}
	}
	last := n.orig[end-1]
	e := end
	for e < len(n.Text) && n.orig[e] == last {
		e++
	}
	return Span{n.orig[start], nrefCharEnd(n.Original, last, n.orig[e])}
}

// nrefCharEnd is where the original character (or number word) starting at from ends, at most
// limit, the start of the next character that produced output. Combining marks and the rest
// of a word belong to it (a spelled-out digit is a whole word); invisible characters count
// only when more of it follows.
func nrefCharEnd(s string, from, limit int) int {
	if from >= limit {
		return limit
	}
	_, size := utf8.DecodeRuneInString(s[from:limit])
	end := from + size
	for i := end; i < limit; {
		r, size := utf8.DecodeRuneInString(s[i:limit])
		switch {
		case nrefIsMark(r) || nrefIsLetter(r) || nrefIsDigit(r):
			end = i + size
		case nrefIsIgnorable(r):
		case nrefIsApostrophe(r) && i+size < limit:
			next, _ := utf8.DecodeRuneInString(s[i+size : limit])
			if !nrefIsLetter(next) {
				return end
			}
		default:
			return end
		}
		i += size
	}
	return end
}
