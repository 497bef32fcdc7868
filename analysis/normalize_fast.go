package analysis

import (
	"sync"
	"unicode/utf8"
	"unsafe"
)

// normStop says why fast stopped.
type normStop uint8

const (
	normStopEnd    normStop = iota // the text ended
	normStopSlow                   // at a character for segment
	normStopAnchor                 // the next character does not keep its distance: the map needs an anchor
	normStopChunk                  // a chunk ended that the region scan must read (c.p, up to the space before n)
)

// fast folds the run of ASCII and two-byte runes (Greek, Cyrillic, accented Latin) from i
// that need no NFKC and no white-space handling beyond collapsing ASCII space, and tells why
// it stopped; segment does the rest. It is the hot loop: a table lookup per character, and
// what the region scan needs to know of plain words (normPlain), with no calls, so that its
// state stays in registers; it returns for whatever else there is to do. An ASCII character
// is a segment of its own even when a combining mark follows it: the only marks that compose
// with ASCII are the generic diacritics (and U+0338), which folding drops anyway, so NFKC has
// nothing to do.
func (c *normCharFolder) fast(i int) (int, normStop) {
	s, two := c.s, c.two
	n := c.n
	// fast writes no more bytes than it reads, and the folder keeps room for the rest of s
	// (normFoldChars, room): b[n] and b[n+1] are in b wherever the loop writes them, so it
	// writes through a pointer with no bounds check.
	if len(c.b)-n < len(s)-i {
		panic("analysis: no room for fast")
	}
	out := unsafe.Pointer(unsafe.SliceData(c.b))
	pv, ph, pq := c.p.v, c.p.h, c.p.q // c.p but its start, in registers
	stop := normStopEnd
loop:
	for uint(i) < uint(len(s)) { // unsigned, so that s[i] needs no bounds check
		x := s[i]
		if f := normASCIILetter[x]; f != 0 { // the common case: the letters of a word
			for {
				*(*byte)(unsafe.Add(out, n)) = f
				ph, pv = (ph^uint32(f))*normHashPrime, (pv+1)|1<<(32+nscLatin)
				n, i = n+1, i+1
				if uint(i) >= uint(len(s)) {
					break
				}
				if f = normASCIILetter[s[i]]; f == 0 {
					break
				}
			}
			continue
		}
		if x >= utf8.RuneSelf {
			if x < 0xC2 || x >= 0xE0 || uint(i+1) >= uint(len(s)) || s[i+1]&0xC0 != 0x80 {
				stop = normStopSlow
				break
			}
			e := &two[(int(x&0x1F)<<6|int(s[i+1]&0x3F))&0x7FF]
			if e.flags&ntFast == 0 {
				stop = normStopSlow
				break
			}
			for { // e is the rune at i, and the runes of the run after it are read one by one
				// The common run first, the letters of a Greek or Cyrillic word: runes that fold
				// to two-byte letters and block nothing, in and out moving together, with one
				// test of the next rune's lead and continuation byte, read as one value, and one
				// of its entry. The run's last rune goes on below, which looks at what follows.
				for e.flags&ntLetter2 != 0 && uint(i+3) < uint(len(s)) {
					p := unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i+2)
					w := uint(*(*byte)(p))<<8 | uint(*(*byte)(unsafe.Add(p, 1)))
					if w&0xE0C0 != 0xC080 {
						break
					}
					next := &two[(w>>2&0x7C0|w&0x3F)&0x7FF]
					if next.flags&ntLetter2 == 0 {
						break
					}
					*(*[2]byte)(unsafe.Add(out, n)) = e.out
					ph, pv = (ph^uint32(e.r))*normHashPrime, (pv+1)|uint64(e.scripts)<<32
					n, i, e = n+2, i+2, next
				}
				var next *normTwoByteEntry
				if j := i + 2; uint(j) < uint(len(s)) && s[j] >= utf8.RuneSelf {
					// the next rune must not combine with this one, nor be dropped from between:
					// it must be a lead of two bytes and a continuation byte (one test of both;
					// the overlong leads C0 and C1 read entries that block) whose entry does
					// not block
					if uint(j+1) >= uint(len(s)) {
						stop = normStopSlow
						break loop
					}
					y, y2 := s[j], s[j+1]
					if uint(y&0xE0)<<8|uint(y2&0xC0) != 0xC080 {
						stop = normStopSlow
						break loop
					}
					if next = &two[(int(y&0x1F)<<6|int(y2&0x3F))&0x7FF]; next.flags&ntBlocks != 0 {
						stop = normStopSlow
						break loop
					}
				}
				*(*[2]byte)(unsafe.Add(out, n)) = e.out // the second byte, if e.n is 1, is written over next
				n, i = n+int(e.n), i+2
				if e.scripts != 0 {
					ph, pv = (ph^uint32(e.r))*normHashPrime, (pv+1)|uint64(e.scripts)<<32
				} else {
					pq = -1
				}
				if e.n == 1 {
					stop = normStopAnchor
					break loop
				}
				if next == nil || next.flags&ntFast == 0 {
					break
				}
				e = next
			}
			continue
		}
		switch normASCIIKind[x] {
		case nkSpace:
			// collapsed: the next character moves closer
			if n == 0 || *(*byte)(unsafe.Add(out, n-1)) == ' ' {
				for i++; i < len(s) && normASCIIKind[s[i]] == nkSpace; i++ {
				}
				stop = normStopAnchor
				break loop
			}
			*(*byte)(unsafe.Add(out, n)) = ' '
			n, i = n+1, i+1
			if !c.rs.quiet || !normOrdinary(pv, ph, pq, n-1, c.bloom) && !normDigits(pv, pq, n-1-c.p.start) {
				stop = normStopChunk
				break loop
			}
			c.rs.lastStart, c.p.start = c.p.start, n
			pv, ph, pq = 0, normHashSeed, 0
		case nkDigit:
			*(*byte)(unsafe.Add(out, n)) = x
			if pq == 0 || pq == normQDigits {
				pq = normQDigits
			} else {
				pq = -1
			}
			n, i = n+1, i+1
		case nkPunct:
			*(*byte)(unsafe.Add(out, n)) = x
			if pq == 0 && uint32(pv) > 0 {
				pq = n + 1
			} else {
				pq = -1
			}
			n, i = n+1, i+1
		default:
			*(*byte)(unsafe.Add(out, n)) = normASCIIFolded[x]
			pq = -1
			n, i = n+1, i+1
		}
	}
	c.n, c.p.v, c.p.h, c.p.q = n, pv, ph, pq
	return i, stop
}

// normTwoByteEntry is what the hot loop needs to know of a two-byte rune.
type normTwoByteEntry struct {
	out     [2]byte // what it folds to, when that is a rune of one or two bytes
	n       uint8   // the bytes of out
	flags   uint8
	r       uint16 // the rune of out
	scripts uint8  // when out is a letter for the region scan: 1 << its script
}

const (
	ntFast    = 1 << iota // folds to out, needs no NFKC and collapses no space
	ntBlocks              // dropped or combining: the rune before it needs segment
	ntLetter2             // fast, does not block, and folds to a letter of two bytes
)

// normTwoByteTable packs the fold entries of U+0080 to U+07FF for fast, indexed by rune; the
// entries below U+0080, which only the overlong leads C0 and C1 reach, block.
var normTwoByteTable = sync.OnceValue(func() *[0x800]normTwoByteEntry {
	t := new([0x800]normTwoByteEntry)
	for r := range rune(0x80) { // what the overlong leads C0 and C1 decode to: fast stops before them
		t[r].flags = ntBlocks
	}
	cls := normClassTable()
	for r := rune(0x80); r < 0x800; r++ {
		e, x := normFoldRanges()[0].e[r-0x80], &t[r]
		if e.flags&(feDrop|feJoins) != 0 {
			x.flags |= ntBlocks
		}
		out := e.s
		if out == "" {
			out = string(r)
		}
		if e.flags&(feDrop|feRegional|feSpace) != 0 || utf8.RuneCountInString(out) != 1 || len(out) > 2 {
			continue
		}
		x.flags |= ntFast
		x.n = uint8(copy(x.out[:], out))
		o, _ := utf8.DecodeRuneInString(out)
		x.r = uint16(o)
		switch {
		case o < utf8.RuneSelf:
			if normASCIILetter[o] != 0 {
				x.scripts = 1 << nscLatin
			}
		case normClass(cls[o]&0xF) == nclLetter:
			x.scripts = 1 << (cls[o] >> 4)
		}
		if x.flags&ntBlocks == 0 && x.n == 2 && x.scripts != 0 {
			x.flags |= ntLetter2
		}
	}
	return t
})

// normASCIILetter is the folded letter of a byte that is an ASCII letter, 0 for any other.
var normASCIILetter = func() (t [256]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c], t[c+'a'-'A'] = byte(c+'a'-'A'), byte(c+'a'-'A')
	}
	return t
}()

// The kinds of the other ASCII bytes for fast, as the region scan reads them once folded.
const (
	nkOther = iota
	nkSpace // folds to a space
	nkPunct // may end a plain chunk (normPlainPunct)
	nkDigit // an ASCII digit
)

// normQDigits is normPlain.q of a chunk of ASCII digits alone, so far.
const normQDigits = -2

// normDigits reports a chunk of two ASCII digits or more and nothing else, given the fields of
// its normPlain and its length: a number ("4000", "900123"), which the region scan would find
// to be no spaced-out digit, no word and no separator, and passes as it passes an ordinary
// chunk. A single digit may be one of spaced-out digits ("3 3 3").
func normDigits(v uint64, q, size int) bool {
	return q == normQDigits && uint32(v) == 0 && size >= 2
}

var normASCIIKind = func() (t [256]uint8) {
	for c := range utf8.RuneSelf {
		switch f := normASCIIFolded[c]; {
		case f == ' ':
			t[c] = nkSpace
		case normPlainPunct[f]:
			t[c] = nkPunct
		case f >= '0' && f <= '9' && f == byte(c): // written as it is read
			t[c] = nkDigit
		}
	}
	return t
}()
