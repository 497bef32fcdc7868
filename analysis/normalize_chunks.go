package analysis

import (
	"sync"
	"unicode/utf8"
)

// normChunkScanner reads a chunk of the folded text that is not a plain word one rune at a
// time; it is made once per text and reads runs of letters in loops of their own.
type normChunkScanner struct {
	b     []byte
	bloom *normBloom
	tab   []normFoldEntry // the first fold range, for classes
	cls   []uint8         // class | script<<4 of the runes below 0x800
	// the current word
	runes, letters int
	first          normScript
	mixed, leet    bool
	h, hc          uint32 // hash of the word, and of the word with the one before an apostrophe
	// number words across an inner apostrophe ("п'ять")
	startOK bool // a number word may start at this word
	cont    bool // this word continues one across an apostrophe
	contN   int  // runes of the word before the apostrophe, with it
}

// chunk reads the chunk at or after byte i into ch (a start of -1: there is none).
func (sc *normChunkScanner) chunk(i int, ch *normChunk) {
	b := sc.b
	for i < len(b) && b[i] == ' ' {
		i++
	}
	*ch = normChunk{start: -1}
	if i == len(b) || sc.plainChunk(i, ch) {
		return
	}
	sc.cont = false
	*ch = normChunk{start: i}
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
		if cl >= nclLetter {
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
			onlySep = onlySep && (cl == nclSep || r == ',')
		}
		aposAfterLetter = r == '\'' && prevLetter
		prevLetter = cl == nclLetter
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

func (sc *normChunkScanner) startWord(aposAfterLetter bool) {
	sc.runes, sc.letters, sc.first, sc.mixed, sc.leet = 0, 0, nscNone, false, false
	sc.h, sc.startOK = normHashSeed, !aposAfterLetter
	if !sc.cont || !aposAfterLetter {
		sc.cont = false
	}
}

func (sc *normChunkScanner) add(r rune, cl normClass, scr normScript) {
	sc.runes++
	if cl != nclLetter {
		sc.leet = sc.leet || cl == nclDigit || cl == nclLeet
		sc.startOK, sc.cont = false, false
		return
	}
	sc.letters++
	if sc.first == nscNone {
		sc.first = scr
	} else if scr != sc.first {
		sc.mixed = true
	}
	sc.h = normHash(sc.h, r)
	if sc.cont {
		sc.hc = normHash(sc.hc, r)
	}
}

// plainChunk reads the most common chunk quickly: a word of letters of one script, ASCII or
// two-byte (Greek, Cyrillic), with at most one punctuation mark after it ("word,"). It reports
// false for anything else, which chunk then reads rune by rune.
func (sc *normChunkScanner) plainChunk(i int, ch *normChunk) bool {
	b, cls := sc.b, sc.cls
	j, n, h, first := i, 0, uint32(normHashSeed), nscNone
	for j < len(b) {
		x := b[j]
		var r rune
		var scr normScript
		switch {
		case x-'a' < 26:
			r, scr = rune(x), nscLatin
			j++
		case x-0xC2 < 0xE0-0xC2 && j+1 < len(b):
			r = rune(x&0x1F)<<6 | rune(b[j+1]&0x3F)
			if normClass(cls[r]&0xF) != nclLetter {
				return false
			}
			scr = normScript(cls[r] >> 4)
			j += 2
		default:
			goto end
		}
		if first == nscNone {
			first = scr
		} else if scr != first {
			return false
		}
		h, n = normHash(h, r), n+1
	}
end:
	if n == 0 {
		return false
	}
	if j < len(b) && b[j] != ' ' {
		if b[j] >= utf8.RuneSelf || !normPlainPunct[b[j]] {
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
	case n <= normMaxNumberWord:
		ch.num = normBool(sc.bloom.has(h))
	}
	return true
}

// normPlainPunct is the punctuation that may end a plain chunk: neither a word character, nor
// an apostrophe (number words run across it), nor a slash (step 6 looks at those).
var normPlainPunct = func() (t [utf8.RuneSelf]bool) {
	for _, c := range ",.;:!?)]\"" {
		t[c] = true
	}
	return t
}()

// addASCII adds the run of ASCII letters from byte i to the word and returns its end.
func (sc *normChunkScanner) addASCII(i int) int {
	b, h, start := sc.b, sc.h, i
	for ; i < len(b) && b[i]-'a' < 26; i++ {
		h = normHash(h, rune(b[i]))
	}
	if sc.cont {
		for k := start; k < i; k++ {
			sc.hc = normHash(sc.hc, rune(b[k]))
		}
	}
	sc.h, sc.runes, sc.letters = h, sc.runes+i-start, sc.letters+i-start
	if sc.first == nscNone {
		sc.first = nscLatin
	} else if sc.first != nscLatin {
		sc.mixed = true
	}
	return i
}

// addTwoByte adds the run of two-byte letters from byte i to the word and returns its end.
func (sc *normChunkScanner) addTwoByte(i int) int {
	b, cls := sc.b, sc.cls
	for i+1 < len(b) && b[i]-0xC2 < 0xE0-0xC2 {
		r := rune(b[i]&0x1F)<<6 | rune(b[i+1]&0x3F)
		k := cls[r]
		if normClass(k&0xF) != nclLetter {
			break
		}
		sc.add(r, nclLetter, normScript(k>>4))
		i += 2
	}
	return i
}

// endWord records the word that ends here; apos says that an apostrophe and a letter follow.
func (sc *normChunkScanner) endWord(ch *normChunk, apos bool) {
	ch.hot = ch.hot || sc.mixed
	if sc.runes == 1 && (sc.letters == 1 || sc.leet) {
		ch.lone++
	}
	n := sc.runes
	switch {
	case sc.cont: // the second half of "п'ять"
		n += sc.contN
		ch.num += normBool(n <= normMaxNumberWord && sc.bloom.has(sc.hc))
		sc.cont = false
	case sc.startOK && apos:
		sc.cont, sc.contN, sc.hc = true, n+1, normHash(sc.h, '\'')
	case sc.startOK:
		ch.num += normBool(n >= 2 && n <= normMaxNumberWord && sc.bloom.has(sc.h))
	}
}

// decode decodes the folded rune at byte i and classifies it. The text is valid UTF-8, so a
// two-byte rune (Greek, Cyrillic) is put together by hand.
func (sc *normChunkScanner) decode(i int) (rune, int, normClass, normScript) {
	b := sc.b
	x := b[i]
	if x < utf8.RuneSelf {
		return rune(x), 1, normASCIIClass[x], normASCIIScript[x]
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
	cl, scr := normClassify(r)
	return r, size, cl, scr
}

func (sc *normChunkScanner) letterAt(i int) bool {
	_, _, cl, _ := sc.decode(i)
	return cl == nclLetter
}

// normDecodeClass decodes the folded rune at byte i of b and classifies it.
func normDecodeClass(b []byte, i int) (rune, int, normClass, normScript) {
	if x := b[i]; x < utf8.RuneSelf {
		return rune(x), 1, normASCIIClass[x], normASCIIScript[x]
	}
	r, size := utf8.DecodeRune(b[i:])
	cl, sc := normRuneClass(r)
	return r, size, cl, sc
}

// normRuneClass classifies a folded rune (a rune that folds to itself).
func normRuneClass(r rune) (normClass, normScript) {
	if r < utf8.RuneSelf {
		return normASCIIClass[r], normASCIIScript[r]
	}
	if ranges := normFoldRanges(); r < ranges[0].hi {
		e := &ranges[0].e[r-0x80]
		return e.cl, e.sc
	}
	return normClassify(r)
}

// normClassTable packs the class and script of the runes below U+0800 into a byte each: the
// scan of Greek and Cyrillic text reads it for every letter.
var normClassTable = sync.OnceValue(func() []uint8 {
	t := make([]uint8, 0x800)
	for r := range rune(0x800) {
		cl, sc := normRuneClass(r)
		t[r] = uint8(cl) | uint8(sc)<<4
	}
	return t
})

func normBool(b bool) int {
	if b {
		return 1
	}
	return 0
}
