package analysis

import (
	"math/bits"
	"strings"
	"unicode/utf8"
)

// The words around an entity ("€", "al mese", "telegram", "anni"…) are looked up lower-cased in
// small maps, most often in vain: the word after an amount is seldom a currency. A foldMap
// rejects most such words by their first and last characters, lower-cased, before the word is
// folded and hashed: lookupFold folds a word character by character, so a key can only match a
// word whose ends fold to its own. A word that passes is folded and hashed in one pass and
// looked up in the foldMap's own open-addressing table: a Go map would hash it again, after a
// pass to tell whether it needs folding at all. An ASCII word is hashed and compared as folded
// in place, without a copy.

// foldEndBits is the size of a foldMap's set of ends, a few times its largest map (the
// lexicon).
const foldEndLog, foldEndBits = 11, 1 << foldEndLog

// foldMap is a map of lower-case words, with the ends of its keys.
type foldMap[V any] struct {
	m    map[string]V
	ends [foldEndBits / 64]uint64 // foldEndKey of the first and last characters of each key
	// the first characters of the keys below U+0800, for mayStartAt
	firsts [0x800 / 64]uint64
	// the keys of m and their values, at foldHash >> shift or the first free slot after it;
	// at most half of the slots are taken
	keys  []string
	vals  []V
	shift uint
}

func newFoldMap[V any](m map[string]V) *foldMap[V] {
	f := &foldMap[V]{m: m}
	size := 2
	for size < 2*len(m) {
		size *= 2
	}
	f.keys, f.vals, f.shift = make([]string, size), make([]V, size), uint(32-bits.Len(uint(size-1)))
	for w, v := range m {
		k := foldEnds(w)
		f.ends[k/64] |= 1 << (k % 64)
		if r, _ := utf8.DecodeRuneInString(w); r < 0x800 {
			f.firsts[r/64] |= 1 << (r % 64)
		}
		if strings.ContainsRune(w, utf8.RuneError) {
			// lookupFold reads a broken byte as U+FFFD: such a key would match it
			panic("analysis: fold map key " + w + " holds U+FFFD")
		}
		i := int(foldHash(w) >> f.shift)
		for f.keys[i] != "" {
			i = (i + 1) & (size - 1)
		}
		f.keys[i], f.vals[i] = w, v
	}
	return f
}

// foldHash is the FNV-1a hash of the bytes of a folded word.
func foldHash(w string) uint32 {
	h := uint32(fnvOffset)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * fnvPrime
	}
	return h
}

const fnvOffset, fnvPrime = 2166136261, 16777619

// foldSet is a foldMap of words to true.
func foldSet(words ...string) *foldMap[bool] { return newFoldMap(set(words...)) }

// mayHold reports whether w, lower-cased, may be a key: whether a key has its ends.
func (f *foldMap[V]) mayHold(w string) bool {
	k := foldEnds(w)
	return f.ends[k/64]&(1<<(k%64)) != 0
}

// mayStartAt reports whether a word of s starting at i, lower-cased, may be a key: whether a
// key starts with its first character. It tells without reading the word to its end, which
// the callers then need only when it may be a key: most words after an amount are no
// thousands word. Characters above U+0800 may start one.
func (f *foldMap[V]) mayStartAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	var r rune
	if c := s[i]; c < utf8.RuneSelf {
		r = rune(lexFoldTable[c])
	} else if c >= 0xC2 && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		r = rune(lexFoldTable[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)]) // as lookupFold folds it
	} else {
		return true
	}
	return r >= 0x800 || f.firsts[r/64]&(1<<(r%64)) != 0
}

// foldEnds is foldEndKey of the first and last characters of w, not empty, lower-cased as
// lookupFold does.
func foldEnds(w string) uint32 {
	first, last := rune(w[0]), rune(w[len(w)-1])
	if first >= utf8.RuneSelf {
		first, _ = decode2(w, 0)
	}
	if last >= utf8.RuneSelf {
		last, _ = decodeLast2(w, len(w))
	}
	return (uint32(lexFoldFast(first))*0x9E3779B1 ^ uint32(lexFoldFast(last))*0x85EBCA77) >> (32 - foldEndLog)
}

// lexFoldFast is lexFold, by table below U+0800.
func lexFoldFast(r rune) rune {
	if uint32(r) < uint32(len(lexFoldTable)) {
		return rune(lexFoldTable[r])
	}
	return lexFold(r)
}

// lookupFold looks the lower-cased w up in f, using buf as scratch so that nothing is
// allocated. Typographic apostrophes are read as "'". Characters are folded as lexFold does,
// by table below U+0800, and the folded bytes hashed on the way (foldHash).
func lookupFold[V any](buf *[]byte, f *foldMap[V], w string) (V, bool) {
	if len(w) == 0 || len(w) > 48 || !f.mayHold(w) {
		var zero V
		return zero, false
	}
	return lookupFolded(buf, f, w)
}

// lookupFolded is lookupFold without the check of the word's ends, for a word that passed a
// finer filter already (the lexicon's Bloom filter): w is not empty and has at most 48 bytes.
func lookupFolded[V any](buf *[]byte, f *foldMap[V], w string) (V, bool) {
	var zero V
	h, n := uint32(fnvOffset), 0
	for ; n < len(w) && w[n] < utf8.RuneSelf; n++ {
		h = (h ^ uint32(lexFoldTable[w[n]])) * fnvPrime
	}
	if n == len(w) { // ASCII: compared as folded in place, without a copy
		for i := int(h >> f.shift); f.keys[i] != ""; i = (i + 1) & (len(f.keys) - 1) {
			if k := f.keys[i]; len(k) == len(w) && asciiFoldEqual(k, w) {
				return f.vals[i], true
			}
		}
		return zero, false
	}
	b := (*buf)[:0]
	h = uint32(fnvOffset)
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			c = byte(lexFoldTable[c])
			b = append(b, c)
			h = (h ^ uint32(c)) * fnvPrime
			i++
			continue
		}
		var r rune
		if c >= 0xC2 && c < 0xE0 && i+1 < len(w) && w[i+1]&0xC0 == 0x80 {
			r = rune(lexFoldTable[rune(c&0x1F)<<6|rune(w[i+1]&0x3F)])
			i += 2
		} else {
			var n int
			r, n = utf8.DecodeRuneInString(w[i:])
			r = lexFold(r)
			i += n
		}
		k := len(b)
		if r < 0x800 && r >= utf8.RuneSelf { // as AppendRune does, inline
			b = append(b, 0xC0|byte(r>>6), 0x80|byte(r)&0x3F)
		} else {
			b = utf8.AppendRune(b, r)
		}
		for ; k < len(b); k++ {
			h = (h ^ uint32(b[k])) * fnvPrime
		}
	}
	*buf = b
	for i := int(h >> f.shift); ; i = (i + 1) & (len(f.keys) - 1) {
		if f.keys[i] == string(b) { // compared in place: not converted
			return f.vals[i], true
		}
		if f.keys[i] == "" {
			return zero, false
		}
	}
}

// asciiFoldEqual reports whether the ASCII w, folded as lexFold does, is k, as long.
func asciiFoldEqual(k, w string) bool {
	for j := 0; j < len(w); j++ {
		if byte(lexFoldTable[w[j]]) != k[j] {
			return false
		}
	}
	return true
}

// wordIn reports whether the word w, lower-cased, is in f.
func (x *extraction) wordIn(f *foldMap[bool], w string) bool {
	ok, _ := lookupFold(&x.buf, f, w)
	return ok
}

// lookupWordAt is lookupFold of the word of s at i, whose end it returns too: wordEnd and
// lookupFold in one pass. The words after an amount ("EUR", "al mese", "в неделю") are read
// and looked up one after another, and a word of ASCII and two-byte letters, as most are, is
// folded and hashed while its end is looked for (the combining marks of two bytes among
// them, as letter2 reads them). Any other character (an apostrophe, a letter or mark of three
// bytes) sends the word to wordEnd and lookupFold.
//
// The word's ends are not checked against the map's (mayHold): the word is read whole anyway,
// to find its end, and folding its bytes on the way costs less than decoding its ends.
func lookupWordAt[V any](buf *[]byte, f *foldMap[V], s string, i int) (v V, end int, ok bool) {
	b, h, j := (*buf)[:0], uint32(fnvOffset), i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if !isASCIILetter(c) {
				if c == '\'' || c == '`' {
					return lookupWordSlow(buf, f, s, i)
				}
				break
			}
			c = byte(lexFoldTable[c])
			b = append(b, c)
			h = (h ^ uint32(c)) * fnvPrime
			j++
			continue
		}
		if j+1 >= len(s) {
			return lookupWordSlow(buf, f, s, i)
		}
		r := letter2(c, s[j+1])
		if r < 0 {
			return lookupWordSlow(buf, f, s, i)
		}
		if r = rune(lexFoldTable[r]); r < 0x800 && r >= utf8.RuneSelf { // as AppendRune does
			c0, c1 := 0xC0|byte(r>>6), 0x80|byte(r)&0x3F
			b = append(b, c0, c1)
			h = ((h^uint32(c0))*fnvPrime ^ uint32(c1)) * fnvPrime
		} else {
			k := len(b)
			for b = utf8.AppendRune(b, r); k < len(b); k++ {
				h = (h ^ uint32(b[k])) * fnvPrime
			}
		}
		j += 2
	}
	*buf = b
	if j == i || j-i > 48 {
		return v, j, false
	}
	for k := int(h >> f.shift); f.keys[k] != ""; k = (k + 1) & (len(f.keys) - 1) {
		if f.keys[k] == string(b) {
			return f.vals[k], j, true
		}
	}
	return v, j, false
}

// lookupWordSlow is lookupWordAt by wordEnd and lookupFold.
func lookupWordSlow[V any](buf *[]byte, f *foldMap[V], s string, i int) (V, int, bool) {
	e := wordEnd(s, i)
	v, ok := lookupFold(buf, f, s[i:e])
	return v, e, ok
}
