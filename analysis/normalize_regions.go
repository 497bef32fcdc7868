package analysis

import (
	"sync"
	"unicode/utf8"
)

// Most text gives the word-level steps (spaced-out letters, leetspeak, mixed scripts, number
// words, slashes) nothing to do, so Normalize does not run them over everything: it reads the
// folded text chunk by chunk (runs without spaces), marks the chunks where a step could act,
// and hands only the regions around them to the steps. A chunk is hot when it mixes letters
// with digits or leet symbols, mixes scripts in a word, or has a slash at its edge; a chunk
// with two lone characters or two number words is hot, and one with one of them, or with only
// separators, is hot when a neighbour is of the same kind (a spaced-out run or a run of number
// words needs two at least). A region is a
// stretch of hot chunks, less than two cool chunks apart, with one cool chunk on either side.
// No step reaches across a cool chunk, so a region gives the same result alone as in the
// whole text: the tests and the fuzz test compare every result with the steps run over the
// whole text (normWhole).

// normChunk is what the region scan knows of one chunk of the folded text.
type normChunk struct {
	start, end int // bytes of the folded text; start < 0: no chunk
	lone       int // lone letters, digits or leet symbols
	num        int // words that may be number words
	sepOnly    bool
	hot        bool // hot whatever its neighbours
}

// ordinary reports a chunk that is not hot and makes no neighbour hot.
func (ch *normChunk) ordinary() bool {
	return ch.lone == 0 && ch.num == 0 && !ch.sepOnly && !ch.hot
}

// normRegion is a byte range [start, end) of the folded text.
type normRegion struct{ start, end int }

// normRegionScan finds the regions while the folded text is written: it is told of each chunk
// as the chunk ends (push), and decides whether the chunk before it is hot once it knows both
// its neighbours. Ordinary chunks (most words) are neither hot nor make a neighbour hot, so
// while the last chunk is ordinary and the one before it not hot, the scan is quiet: a run of
// ordinary chunks passes with no more than its start noted.
type normRegionScan struct {
	sc        normChunkScanner // for the chunks that are not plain words
	prev, cur normChunk        // chunks k-1 and k (a start of -1: none)
	k         int
	lastHot   int // index of the last hot chunk
	regs      []normRegion
	quiet     bool // cur is ordinary and starts at lastStart, prev is not hot
	lastStart int
}

func newNormRegionScan() normRegionScan {
	sc := normChunkScanner{bloom: normNumberBloom(), tab: normFoldRanges()[0].e, cls: normClassTable()}
	return normRegionScan{sc: sc, prev: normChunk{start: -1}, cur: normChunk{start: -1}, k: -1, lastHot: -3}
}

// push adds the chunk that follows the last one pushed (start -1: the text ended).
func (rs *normRegionScan) push(next normChunk) {
	if rs.quiet {
		if next.ordinary() {
			rs.lastStart = next.start
			return
		}
		// The chunk before next is ordinary, and so is the one before it or it is not hot:
		// there was nothing to decide, and the last hot chunk is too far back to matter.
		rs.prev, rs.cur, rs.k = normChunk{start: rs.lastStart, end: next.start - 1}, next, rs.k+1
		rs.lastHot, rs.quiet = rs.k-3, false
		return
	}
	if cur, k := &rs.cur, rs.k; cur.start >= 0 {
		switch {
		case normHot(&rs.prev, cur, &next):
			if rs.lastHot >= k-2 && len(rs.regs) > 0 {
				rs.regs[len(rs.regs)-1].end = cur.end
			} else if rs.prev.start >= 0 {
				rs.regs = append(rs.regs, normRegion{rs.prev.start, cur.end})
			} else {
				rs.regs = append(rs.regs, normRegion{cur.start, cur.end})
			}
			rs.lastHot = k
		case rs.lastHot == k-1:
			rs.regs[len(rs.regs)-1].end = cur.end // the cool chunk after a hot one
		}
	}
	rs.prev, rs.cur, rs.k = rs.cur, next, rs.k+1
	rs.quiet = next.start >= 0 && next.ordinary() && rs.lastHot != rs.k-1
	rs.lastStart = next.start
}

// finish decides the last chunk.
func (rs *normRegionScan) finish() {
	if !rs.quiet {
		rs.push(normChunk{start: -1})
	}
}

// normPlain is what the folder knows of the chunk it is writing while the chunk may still be
// plain, as plainChunk reads it: letters of one script, then at most one punctuation mark.
type normPlain struct {
	start int    // byte of the folded text
	v     uint64 // the letters (low 32 bits), and 1 << the script of each of them (high)
	h     uint32 // the hash of the letters
	st    uint8  // normAfterPunct, normNotPlain, or 0 while there are only letters
	punct int    // where the punctuation mark is, after normAfterPunct
}

const (
	normAfterPunct = 1
	normNotPlain   = 2
)

// plain reports whether the chunk that ends at byte end is plain, and its letters.
func (p *normPlain) plain(end int) (bool, int) {
	return normPlainLetters(p.v, p.st, p.punct, end)
}

func normPlainLetters(v uint64, st uint8, punct, end int) (bool, int) {
	n, scripts := int(uint32(v)), uint32(v>>32)
	ok := (st == 0 || (st == normAfterPunct && punct == end-1)) && n > 0 && scripts&(scripts-1) == 0
	return ok, n
}

// normOrdinary reports a plain chunk of two letters or more that is no number word, given the
// fields of its normPlain.
func normOrdinary(v uint64, h uint32, st uint8, punct, end int, bloom *normBloom) bool {
	ok, n := normPlainLetters(v, st, punct, end)
	return ok && n >= 2 && (n > normMaxNumberWord || !bloom.has(h))
}

// endChunk tells the region scan of the chunk that ends at byte end of the folded text.
func (c *normCharFolder) endChunk(p normPlain, end int) {
	ch := normChunk{start: p.start, end: end}
	if ok, n := p.plain(end); ok { // what plainChunk finds
		if n == 1 {
			ch.lone = 1
		} else if n <= normMaxNumberWord {
			ch.num = normBool(c.bloom.has(p.h))
		}
	} else {
		c.rs.sc.b = c.b[:end]
		c.rs.sc.chunk(p.start, &ch)
	}
	c.rs.push(ch)
}

// normHot decides whether cur is hot, given its neighbours.
func normHot(prev, cur, next *normChunk) bool {
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

// normChunkScanner reads chunks of the folded text one rune at a time: it is a second pass
// over every byte, so it is made once per text and reads runs of ASCII letters in a loop of
// their own.
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
