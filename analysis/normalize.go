package analysis

import (
	"slices"
	"unicode/utf8"
	"unsafe"
)

// Normalized is a text after normalisation, with a map back to the original.
type Normalized struct {
	Original string
	Text     string
	// anchors map Text back to Original (normalize_map.go): the character at byte i of Text
	// comes from the character at origAt(i) of Original, and origAt(len(Text)) is
	// len(Original). It never decreases. blocks index the anchors by position in Text.
	anchors []normAnchor
	blocks  []int
}

// Normalize folds s for matching. Indicator patterns and entity extractors read Text, and
// patterns go through Normalize too, so the folding is idempotent:
// Normalize(Normalize(s).Text).Text == Normalize(s).Text.
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
func Normalize(s string) *Normalized {
	b, anchors, regs := normFoldChars(s)
	if len(regs) > 0 {
		b, anchors = normRewrite(s, b, anchors, regs)
	}
	// Text is the buffer the steps wrote, which nothing writes to any more: no copy.
	text := unsafe.String(unsafe.SliceData(b), len(b))
	anchors = append(anchors, normAnchor{len(b), len(s)})
	return &Normalized{Original: s, Text: text, anchors: anchors, blocks: normBlocks(anchors, len(b))}
}

// normRewrite runs the word-level steps on each region of the folded text b and splices in
// the regions they changed. The steps mostly shorten the text (joined letters, digits for
// words), so the splice works in place while it can and copies to a new slice only when a
// region grows (a Latin look-alike written back in Cyrillic takes two bytes instead of one).
// The map is built anew once a region changed.
func normRewrite(s string, b []byte, anchors []normAnchor, regs []normRegion) ([]byte, []normAnchor) {
	w := normWork{s: s}
	var nb []byte // after a region grew: the text so far
	var m normAnchors
	changed := false
	n, done := 0, 0 // b[:n] is the text so far (when nb is nil); b[done:] is still to read
	cur := normCursor{a: anchors}
	for _, r := range regs {
		u := normDecodeUnits(b[r.start:r.end], r.start, &cur, w.u[:0])
		w.u = u
		u = normWordSteps(u, &w)
		if normSameText(u, b[r.start:r.end]) {
			continue
		}
		if !changed {
			m, changed = newNormAnchors(len(anchors)+len(anchors)/2+len(u)), true
		}
		w.ob, w.oo = normAppendUnits(w.ob[:0], w.oo[:0], u)
		if nb == nil && n+r.start-done+len(w.ob) > r.end { // no room: copy from here on
			nb = append(make([]byte, 0, len(b)+len(w.ob)), b[:n]...)
		}
		t := n + r.start - done // where the region goes
		if nb != nil {
			t = len(nb) + r.start - done
		}
		m.copyFrom(b, anchors, done, r.start, t-(r.start-done))
		for _, a := range w.oo {
			m.add(t+a.t, a.o)
		}
		if nb != nil {
			nb = append(append(nb, b[done:r.start]...), w.ob...)
		} else {
			n += copy(b[n:], b[done:r.start])
			n += copy(b[n:], w.ob)
		}
		done = r.end
	}
	if !changed {
		return b, anchors
	}
	if nb == nil {
		nb = b[:n] // the append below moves the rest of b down in place
	}
	m.copyFrom(b, anchors, done, len(b), len(nb))
	return append(nb, b[done:]...), m.a
}

// normWork is the scratch space of the word-level steps, reused from region to region.
type normWork struct {
	s               string // the original, for its capitals
	u               []normUnit
	c               normCands
	pos, runs, dels []int
	leet, changed   []int
	toks            []normNumTok
	key             []byte
	ob              []byte       // the text of a changed region
	oo              []normAnchor // and where each of its characters comes from
}

// normWordSteps runs steps 2 to 6 on the units of a region (or a whole text) and returns them
// with deleted ones marked or dropped.
func normWordSteps(u []normUnit, w *normWork) []normUnit {
	c := &w.c
	normScan(u, c)
	if w.runs = normJoinSpaced(u, c.lone, w.pos[:0], w.runs[:0]); len(w.runs) > 0 {
		u = normRemap(u, w, &c.leet, &c.mixed, &c.words, &c.slash, &w.runs)
		// A joined run is a new word, in a chunk that may now mix letters and digits.
		c.leet = append(c.leet, w.runs...)
		slices.Sort(c.leet)
		c.mixed = append(c.mixed, w.runs...)
		slices.Sort(c.mixed)
		c.words = append(c.words, w.runs...)
	}
	// Homoglyphs before leetspeak, so that leet is read in the script the word will keep, and
	// again after it, for the letters leet brought into a word.
	w.changed = normFoldHomoglyphs(u, w.s, c.mixed, w.changed[:0])
	w.leet = normFoldLeet(u, c.leet, w.leet[:0])
	w.changed = normFoldHomoglyphs(u, w.s, w.leet, w.changed)
	// Words that leet or homoglyph folding rewrote may have become number words ("f1ve").
	words := append(append(c.words, w.leet...), w.changed...)
	if !slices.IsSorted(words) {
		slices.Sort(words)
	}
	c.words = words
	normFoldNumberWords(u, words, w)
	normJoinSlashes(u, c.slash)
	return u
}

// normDecodeUnits turns folded text back into units; b starts at byte start of the text that
// cur maps.
func normDecodeUnits(b []byte, start int, cur *normCursor, u []normUnit) []normUnit {
	cls := normClassTable()
	u = slices.Grow(u[:0], len(b))[:len(b)] // a unit per byte at most
	a, k, n := cur.a, cur.k, 0
	for i := 0; i < len(b); n++ {
		for k+1 < len(a) && a[k+1].t <= start+i {
			k++
		}
		x, o := b[i], a[k].o+start+i-a[k].t
		switch {
		case x < utf8.RuneSelf:
			u[n] = normUnit{o: o, r: rune(x), cl: normASCIIClass[x], sc: normASCIIScript[x]}
			i++
		case x < 0xE0 && i+1 < len(b): // valid UTF-8: a two-byte rune
			r := rune(x&0x1F)<<6 | rune(b[i+1]&0x3F)
			u[n] = normUnit{o: o, r: r, cl: normClass(cls[r] & 0xF), sc: normScript(cls[r] >> 4)}
			i += 2
		default:
			r, size, cl, sc := normDecodeClass(b, i)
			u[n] = normUnit{o: o, r: r, cl: cl, sc: sc}
			i += size
		}
	}
	cur.k = k
	return u[:n]
}

// normSameText reports whether the units that are not deleted spell b.
func normSameText(u []normUnit, b []byte) bool {
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

// normAppendUnits writes the units that are not deleted to b, and to a where each of them
// starts in b and in the original.
func normAppendUnits(b []byte, a []normAnchor, u []normUnit) ([]byte, []normAnchor) {
	for _, x := range u {
		if !x.del {
			a = append(a, normAnchor{len(b), x.o})
			b = utf8.AppendRune(b, x.r)
		}
	}
	return b, a
}

// OriginalSpan maps the byte range [start, end) of Text to the original text. The span starts
// where the character behind Text[start] starts and ends where the character behind
// Text[end-1] ends, so a match highlights exactly the words the author wrote: for "w h a t s
// a p p" read as "whatsapp" it runs from the "w" to the last "p", for "three three" read as
// "33" from the first "t" to the last "e", and it never takes in the white space, punctuation
// or invisible characters that normalisation dropped after the last character.
func (n *Normalized) OriginalSpan(start, end int) Span {
	if len(n.anchors) == 0 { // a zero Normalized, not made by Normalize
		return Span{}
	}
	start = min(max(start, 0), len(n.Text))
	end = min(max(end, start), len(n.Text))
	if start == end {
		o := n.origAt(start)
		return Span{o, o}
	}
	last := n.origAt(end - 1)
	e := end
	for e < len(n.Text) && n.origAt(e) == last {
		e++
	}
	return Span{n.origAt(start), normCharEnd(n.Original, last, n.origAt(e))}
}

// origAt is where the character behind byte i of Text starts in Original (0 ≤ i ≤ len(Text)).
func (n *Normalized) origAt(i int) int {
	a, k := n.anchors, n.blocks[i>>normBlockShift]
	for k+1 < len(a) && a[k+1].t <= i {
		k++
	}
	return normOrigAt(n.Text, a, k, i)
}

// normCharEnd is where the original character (or number word) starting at from ends, at most
// limit, the start of the next character that produced output. Combining marks and the rest
// of a word belong to it (a spelled-out digit is a whole word); invisible characters count
// only when more of it follows.
func normCharEnd(s string, from, limit int) int {
	if from >= limit {
		return limit
	}
	_, size := utf8.DecodeRuneInString(s[from:limit])
	end := from + size
	for i := end; i < limit; {
		r, size := utf8.DecodeRuneInString(s[i:limit])
		switch {
		case normIsMark(r) || normIsLetter(r) || normIsDigit(r):
			end = i + size
		case normIsIgnorable(r):
		case normIsApostrophe(r) && i+size < limit:
			next, _ := utf8.DecodeRuneInString(s[i+size : limit])
			if !normIsLetter(next) {
				return end
			}
		default:
			return end
		}
		i += size
	}
	return end
}
