// Code generated from normalize_regions.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import (
	"sync"
	"unicode/utf8"
)

// Most text gives the word-level steps (spaced-out letters, leetspeak, mixed scripts, number
// words, slashes) nothing to do, so nrefNormalize does not run them over everything: it reads the
// folded text chunk by chunk (runs without spaces), marks the chunks where a step could act,
// and hands only the regions around them to the steps. A chunk is hot when it mixes letters
// with digits or leet symbols, mixes scripts in a word, or has a slash at its edge; a chunk
// with two lone characters or two number words is hot, and one with one of them, or with only
// separators, is hot when a neighbour is of the same kind (a spaced-out run or a run of number
// words needs two at least). A region is a
// stretch of hot chunks, less than two cool chunks apart, with one cool chunk on either side.
// No step reaches across a cool chunk, so a region gives the same result alone as in the
// whole text: the tests and the fuzz test compare every result with the steps run over the
// whole text (nrefWhole).

// nrefChunk is what the region scan knows of one chunk of the folded text.
type nrefChunk struct {
	start, end int // bytes of the folded text; start < 0: no chunk
	lone       int // lone letters, digits or leet symbols
	num        int // words that may be number words
	sepOnly    bool
	hot        bool // hot whatever its neighbours
}

// nrefRegion is a byte range [start, end) of the folded text.
type nrefRegion struct{ start, end int }

// nrefRegions finds the regions of the folded text b.
func nrefRegions(b []byte) []nrefRegion {
	var regs []nrefRegion
	sc := nrefChunkScanner{b: b, bloom: nrefNumberBloom(), tab: nrefFoldRanges()[0].e, cls: nrefClassTable()}
	var ring [3]nrefChunk // the previous, current and next chunk, written in place
	ring[0].start = -1
	sc.chunk(0, &ring[1])
	lastHot := -3 // index of the last hot chunk
	for k := 0; ring[(k+1)%3].start >= 0; k++ {
		prev, cur, next := &ring[k%3], &ring[(k+1)%3], &ring[(k+2)%3]
		sc.chunk(cur.end, next)
		switch {
		case nrefHot(prev, cur, next):
			if lastHot >= k-2 && len(regs) > 0 {
				regs[len(regs)-1].end = cur.end
			} else if prev.start >= 0 {
				regs = append(regs, nrefRegion{prev.start, cur.end})
			} else {
				regs = append(regs, nrefRegion{cur.start, cur.end})
			}
			lastHot = k
		case lastHot == k-1:
			regs[len(regs)-1].end = cur.end // the cool chunk after a hot one
		}
	}
	return regs
}

// nrefHot decides whether cur is hot, given its neighbours.
func nrefHot(prev, cur, next *nrefChunk) bool {
	switch {
	case cur.hot || cur.lone >= 2 || cur.num >= 2:
		return true
	case cur.lone == 1:
		return prev.lone > 0 || prev.sepOnly || next.lone > 0 || next.sepOnly
	case cur.num == 1:
		return prev.num > 0 || prev.sepOnly || next.num > 0 || next.sepOnly
	case cur.sepOnly:
		return prev.lone > 0 || prev.num > 0 || next.lone > 0 || next.num > 0
	}
	return false
}

// nrefChunkScanner reads chunks of the folded text one rune at a time: it is a second pass
// over every byte, so it is made once per text and reads runs of ASCII letters in a loop of
// their own.
type nrefChunkScanner struct {
	b     []byte
	bloom *nrefBloom
	tab   []nrefFoldEntry // the first fold range, for classes
	cls   []uint8         // class | script<<4 of the runes below 0x800
	// the current word
	runes, letters int
	first          nrefScript
	mixed, leet    bool
	h, hc          uint32 // hash of the word, and of the word with the one before an apostrophe
	// number words across an inner apostrophe ("п'ять")
	startOK bool // a number word may start at this word
	cont    bool // this word continues one across an apostrophe
	contN   int  // runes of the word before the apostrophe, with it
}

// chunk reads the chunk at or after byte i into ch (a start of -1: there is none).
func (sc *nrefChunkScanner) chunk(i int, ch *nrefChunk) {
	b := sc.b
	for i < len(b) && b[i] == ' ' {
		i++
	}
	*ch = nrefChunk{start: -1}
	if i == len(b) || sc.plainChunk(i, ch) {
		return
	}
	sc.cont = false
	*ch = nrefChunk{start: i}
	inWord, wordish, onlySep, letter, leet := false, false, true, false, false
	prevLetter, aposAfterLetter := false, false
	for i < len(b) && b[i] != ' ' {
		if inWord && b[i]-'a' < 26 { // the common case: more ASCII letters of a word
			i = sc.addASCII(i)
			prevLetter, aposAfterLetter = true, false
			continue
		}
		if inWord && b[i]-0xC2 < 0xE0-0xC2 { // Greek or Cyrillic letters of a word
			if k := sc.addTwoByte(i); k > i {
				i = k
				prevLetter, aposAfterLetter = true, false
				continue
			}
		}
		r, size, cl, scr := sc.decode(i)
		if cl >= nrefNclLetter {
			if !inWord {
				sc.startWord(aposAfterLetter)
				inWord, wordish = true, true
			}
			sc.add(r, cl, scr)
		} else {
			if inWord {
				sc.endWord(ch, r == '\'' && i+1 < len(b) && sc.letterAt(i+1))
				letter, leet, inWord = letter || sc.letters > 0, leet || sc.leet, false
			}
			if r == '/' && (i == ch.start || i+size == len(b) || b[i+size] == ' ') {
				ch.hot = true
			}
			onlySep = onlySep && (cl == nrefNclSep || r == ',')
		}
		aposAfterLetter = r == '\'' && prevLetter
		prevLetter = cl == nrefNclLetter
		i += size
	}
	if inWord {
		sc.endWord(ch, false)
		letter, leet = letter || sc.letters > 0, leet || sc.leet
	}
	ch.end = i
	ch.sepOnly = !wordish && onlySep
	ch.hot = ch.hot || (letter && leet)
}

func (sc *nrefChunkScanner) startWord(aposAfterLetter bool) {
	sc.runes, sc.letters, sc.first, sc.mixed, sc.leet = 0, 0, nrefNscNone, false, false
	sc.h, sc.startOK = nrefHashSeed, !aposAfterLetter
	if !sc.cont || !aposAfterLetter {
		sc.cont = false
	}
}

func (sc *nrefChunkScanner) add(r rune, cl nrefClass, scr nrefScript) {
	sc.runes++
	if cl != nrefNclLetter {
		sc.leet = sc.leet || cl == nrefNclDigit || cl == nrefNclLeet
		sc.startOK, sc.cont = false, false
		return
	}
	sc.letters++
	if sc.first == nrefNscNone {
		sc.first = scr
	} else if scr != sc.first {
		sc.mixed = true
	}
	sc.h = nrefHash(sc.h, r)
	if sc.cont {
		sc.hc = nrefHash(sc.hc, r)
	}
}

// plainChunk reads the most common chunk quickly: a word of letters of one script, ASCII or
// two-byte (Greek, Cyrillic), with at most one punctuation mark after it ("word,"). It reports
// false for anything else, which chunk then reads rune by rune.
func (sc *nrefChunkScanner) plainChunk(i int, ch *nrefChunk) bool {
	b, cls := sc.b, sc.cls
	j, n, h, first := i, 0, uint32(nrefHashSeed), nrefNscNone
	for j < len(b) {
		x := b[j]
		var r rune
		var scr nrefScript
		switch {
		case x-'a' < 26:
			r, scr = rune(x), nrefNscLatin
			j++
		case x-0xC2 < 0xE0-0xC2 && j+1 < len(b):
			r = rune(x&0x1F)<<6 | rune(b[j+1]&0x3F)
			if nrefClass(cls[r]&0xF) != nrefNclLetter {
				return false
			}
			scr = nrefScript(cls[r] >> 4)
			j += 2
		default:
			goto end
		}
		if first == nrefNscNone {
			first = scr
		} else if scr != first {
			return false
		}
		h, n = nrefHash(h, r), n+1
	}
end:
	if n == 0 {
		return false
	}
	if j < len(b) && b[j] != ' ' {
		if b[j] >= utf8.RuneSelf || !nrefPlainPunct[b[j]] {
			return false
		}
		j++
	}
	if j < len(b) && b[j] != ' ' {
		return false
	}
	ch.start, ch.end = i, j
	switch {
	case n == 1:
		ch.lone = 1
	case n <= nrefMaxNumberWord:
		ch.num = nrefBool(sc.bloom.has(h))
	}
	return true
}

// nrefPlainPunct is the punctuation that may end a plain chunk: neither a word character, nor
// an apostrophe (number words run across it), nor a slash (step 6 looks at those).
var nrefPlainPunct = func() (t [utf8.RuneSelf]bool) {
	for _, c := range ",.;:!?)]\"" {
		t[c] = true
	}
	return t
}()

// addASCII adds the run of ASCII letters from byte i to the word and returns its end.
func (sc *nrefChunkScanner) addASCII(i int) int {
	b, h, start := sc.b, sc.h, i
	for ; i < len(b) && b[i]-'a' < 26; i++ {
		h = nrefHash(h, rune(b[i]))
	}
	if sc.cont {
		for k := start; k < i; k++ {
			sc.hc = nrefHash(sc.hc, rune(b[k]))
		}
	}
	sc.h, sc.runes, sc.letters = h, sc.runes+i-start, sc.letters+i-start
	if sc.first == nrefNscNone {
		sc.first = nrefNscLatin
	} else if sc.first != nrefNscLatin {
		sc.mixed = true
	}
	return i
}

// addTwoByte adds the run of two-byte letters from byte i to the word and returns its end.
func (sc *nrefChunkScanner) addTwoByte(i int) int {
	b, cls := sc.b, sc.cls
	for i+1 < len(b) && b[i]-0xC2 < 0xE0-0xC2 {
		r := rune(b[i]&0x1F)<<6 | rune(b[i+1]&0x3F)
		k := cls[r]
		if nrefClass(k&0xF) != nrefNclLetter {
			break
		}
		sc.add(r, nrefNclLetter, nrefScript(k>>4))
		i += 2
	}
	return i
}

// endWord records the word that ends here; apos says that an apostrophe and a letter follow.
func (sc *nrefChunkScanner) endWord(ch *nrefChunk, apos bool) {
	ch.hot = ch.hot || sc.mixed
	if sc.runes == 1 && (sc.letters == 1 || sc.leet) {
		ch.lone++
	}
	n := sc.runes
	switch {
	case sc.cont: // the second half of "п'ять"
		n += sc.contN
		ch.num += nrefBool(n <= nrefMaxNumberWord && sc.bloom.has(sc.hc))
		sc.cont = false
	case sc.startOK && apos:
		sc.cont, sc.contN, sc.hc = true, n+1, nrefHash(sc.h, '\'')
	case sc.startOK:
		ch.num += nrefBool(n >= 2 && n <= nrefMaxNumberWord && sc.bloom.has(sc.h))
	}
}

// decode decodes the folded rune at byte i and classifies it. The text is valid UTF-8, so a
// two-byte rune (Greek, Cyrillic) is put together by hand.
func (sc *nrefChunkScanner) decode(i int) (rune, int, nrefClass, nrefScript) {
	b := sc.b
	x := b[i]
	if x < utf8.RuneSelf {
		return rune(x), 1, nrefASCIIClass[x], nrefASCIIScript[x]
	}
	var r rune
	var size int
	if x < 0xE0 && i+1 < len(b) {
		r, size = rune(x&0x1F)<<6|rune(b[i+1]&0x3F), 2
	} else {
		r, size = utf8.DecodeRune(b[i:])
	}
	if k := int(r) - 0x80; k < len(sc.tab) {
		return r, size, sc.tab[k].cl, sc.tab[k].sc
	}
	cl, scr := nrefClassify(r)
	return r, size, cl, scr
}

func (sc *nrefChunkScanner) letterAt(i int) bool {
	_, _, cl, _ := sc.decode(i)
	return cl == nrefNclLetter
}

// nrefDecodeClass decodes the folded rune at byte i of b and classifies it.
func nrefDecodeClass(b []byte, i int) (rune, int, nrefClass, nrefScript) {
	if x := b[i]; x < utf8.RuneSelf {
		return rune(x), 1, nrefASCIIClass[x], nrefASCIIScript[x]
	}
	r, size := utf8.DecodeRune(b[i:])
	cl, sc := nrefRuneClass(r)
	return r, size, cl, sc
}

// nrefRuneClass classifies a folded rune (a rune that folds to itself).
func nrefRuneClass(r rune) (nrefClass, nrefScript) {
	if r < utf8.RuneSelf {
		return nrefASCIIClass[r], nrefASCIIScript[r]
	}
	if ranges := nrefFoldRanges(); r < ranges[0].hi {
		e := &ranges[0].e[r-0x80]
		return e.cl, e.sc
	}
	return nrefClassify(r)
}

// nrefClassTable packs the class and script of the runes below U+0800 into a byte each: the
// scan of Greek and Cyrillic text reads it for every letter.
var nrefClassTable = sync.OnceValue(func() []uint8 {
	t := make([]uint8, 0x800)
	for r := range rune(0x800) {
		cl, sc := nrefRuneClass(r)
		t[r] = uint8(cl) | uint8(sc)<<4
	}
	return t
})

func nrefBool(b bool) int {
	if b {
		return 1
	}
	return 0
}
