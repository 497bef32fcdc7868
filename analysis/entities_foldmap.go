package analysis

import "unicode/utf8"

// The words around an entity ("€", "al mese", "telegram", "anni"…) are looked up lower-cased in
// small maps, most often in vain: the word after an amount is seldom a currency. A foldMap
// rejects most such words by their first and last characters, lower-cased, before the word is
// folded and hashed: lookupFold folds a word character by character, so a key can only match a
// word whose ends fold to its own.

// foldEndBits is the size of a foldMap's set of ends, a few times its largest map (the
// lexicon).
const foldEndLog, foldEndBits = 11, 1 << foldEndLog

// foldMap is a map of lower-case words, with the ends of its keys.
type foldMap[V any] struct {
	m    map[string]V
	ends [foldEndBits / 64]uint64 // foldEndKey of the first and last characters of each key
}

func newFoldMap[V any](m map[string]V) *foldMap[V] {
	f := &foldMap[V]{m: m}
	for w := range m {
		k := foldEnds(w)
		f.ends[k/64] |= 1 << (k % 64)
	}
	return f
}

// foldSet is a foldMap of words to true.
func foldSet(words ...string) *foldMap[bool] { return newFoldMap(set(words...)) }

// mayHold reports whether w, lower-cased, may be a key: whether a key has its ends.
func (f *foldMap[V]) mayHold(w string) bool {
	k := foldEnds(w)
	return f.ends[k/64]&(1<<(k%64)) != 0
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
// allocated. Typographic apostrophes are read as "'".
func lookupFold[V any](buf *[]byte, f *foldMap[V], w string) (V, bool) {
	if len(w) == 0 || len(w) > 48 || !f.mayHold(w) {
		var zero V
		return zero, false
	}
	m := f.m
	if isFolded(w) {
		v, ok := m[w]
		return v, ok
	}
	b := (*buf)[:0]
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			} else if c == '`' {
				c = '\''
			}
			b = append(b, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		i += n
		if isApostrophe(r) {
			b = append(b, '\'')
			continue
		}
		b = utf8.AppendRune(b, foldRune(r))
	}
	*buf = b
	v, ok := m[string(b)]
	return v, ok
}

// isFolded reports whether w is already in lower case with plain apostrophes, for the common
// case of lower-case Latin, Cyrillic and Greek words that need no copy.
func isFolded(w string) bool {
	for i := 0; i < len(w); {
		c := w[i]
		if c < utf8.RuneSelf {
			if ('A' <= c && c <= 'Z') || c == '`' {
				return false
			}
			i++
			continue
		}
		if c >= 0xC2 && c < 0xE0 && i+1 < len(w) && w[i+1]&0xC0 == 0x80 { // by table
			if r := rune(c&0x1F)<<6 | rune(w[i+1]&0x3F); rune(lexFoldTable[r]) != r {
				return false // lexFold also reads "ʼ" as "'"
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(w[i:])
		if foldRune(r) != r || isApostrophe(r) {
			return false
		}
		i += n
	}
	return true
}

// wordIn reports whether the word w, lower-cased, is in f.
func (x *extraction) wordIn(f *foldMap[bool], w string) bool {
	ok, _ := lookupFold(&x.buf, f, w)
	return ok
}
