package analysis

import "sync"

// normCands are the places where the word-level steps may have work, found in one pass over
// the units, so that each step looks there only instead of at every character: most text has
// no spaced-out letters, no leetspeak, no mixed scripts and no spelled-out numbers. A place is
// a hint: each step widens it to the chunk or word around it, so a stale or repeated hint
// costs time but never changes the result.
type normCands struct {
	lone  []int // lone letters, digits and leet symbols (spaced-out words and numbers)
	leet  []int // chunks (runs without spaces) with letters and digits or leet symbols
	mixed []int // words with letters of more than one script
	words []int // words that may be number words
	slash []int // slashes
}

// normScan finds the candidates of u. It walks chunk by chunk and word by word, so that the
// inner loop over the letters of a word does little more than hash them.
func normScan(u []normUnit, c *normCands) {
	c.lone, c.leet, c.mixed, c.words, c.slash = c.lone[:0], c.leet[:0], c.mixed[:0], c.words[:0], c.slash[:0]
	bloom := normNumberBloom()
	for i := 0; i < len(u); {
		if u[i].cl == nclSpace {
			i++
			continue
		}
		chunk, letter, leet := i, false, false
		for i < len(u) && u[i].cl != nclSpace {
			if !u[i].cl.wordish() {
				if u[i].r == '/' {
					c.slash = append(c.slash, i)
				}
				i++
				continue
			}
			var w normScannedWord
			i, w = normScanWord(u, i, c, bloom)
			letter, leet = letter || w.letters, leet || w.leet
		}
		if letter && leet {
			c.leet = append(c.leet, chunk)
		}
	}
}

// normScannedWord says what a word has that makes its chunk a leetspeak candidate.
type normScannedWord struct{ letters, leet bool }

// normScanWord reads the word (run of word characters) starting at i, records it and returns
// where it ends.
func normScanWord(u []normUnit, i int, c *normCands, bloom *normBloom) (int, normScannedWord) {
	first, mixed, letters, leet := nscNone, false, 0, false
	h, numOK := uint32(normHashSeed), u[i].cl == nclLetter
	j := i
	for ; j < len(u) && u[j].cl.wordish(); j++ {
		x := &u[j]
		if x.cl != nclLetter {
			numOK = false
			leet = leet || x.cl == nclDigit || x.cl == nclLeet
			continue
		}
		letters++
		if first == nscNone {
			first = x.sc
		} else if x.sc != first {
			mixed = true
		}
		h = normHash(h, x.r)
	}
	if cl := u[i].cl; j-i == 1 && (cl == nclLetter || cl == nclDigit || cl == nclLeet) {
		c.lone = append(c.lone, i)
	}
	if mixed {
		c.mixed = append(c.mixed, i)
	}
	if numOK && normNumberCandidate(u, i, j, h, bloom) {
		c.words = append(c.words, i)
	}
	return j, normScannedWord{letters > 0, leet}
}

// normNumberCandidate reports whether the word of letters starting at u[i] may be a number
// word; h is the hash of its first j-i letters.
func normNumberCandidate(u []normUnit, i, j int, h uint32, bloom *normBloom) bool {
	if !normWordStart(u, i) {
		return false
	}
	if j+1 < len(u) && u[j].r == '\'' && u[j+1].cl == nclLetter {
		h = normHash(h, '\'')
		for j++; j < len(u) && u[j].cl == nclLetter; j++ {
			h = normHash(h, u[j].r)
		}
	}
	n := j - i
	ends := j == len(u) || !u[j].cl.wordish()
	return ends && n >= 2 && n <= normMaxNumberWord && bloom.has(h)
}

// normRemap drops the deleted units of u after spaced-out runs were joined and moves the
// candidates (sorted lists of indices) along; hints that pointed at deleted units go.
func normRemap(u []normUnit, work *normWork, lists ...*[]int) []normUnit {
	dels := work.dels[:0]
	w := 0
	for k, x := range u {
		if x.del {
			dels = append(dels, k)
			continue
		}
		u[w] = x
		w++
	}
	work.dels = dels
	for _, list := range lists {
		out, d := (*list)[:0], 0
		for _, e := range *list {
			for d < len(dels) && dels[d] < e {
				d++
			}
			if d == len(dels) || dels[d] != e {
				out = append(out, e-d)
			}
		}
		*list = out
	}
	return u[:w]
}

// normBloom is a bloom filter (one hash, 2^16 bits) of the number words: a word that misses
// it is no number word, and one in a few hundred other words hits it by chance.
type normBloom [1 << 10]uint64

const (
	normHashSeed  = 2166136261
	normHashPrime = 16777619
)

// normHash is FNV-1a over runes.
func normHash(h uint32, r rune) uint32 { return (h ^ uint32(r)) * normHashPrime }

func (b *normBloom) has(h uint32) bool {
	h &= 1<<16 - 1
	return b[h>>6]&(1<<(h&63)) != 0
}

var normNumberBloom = sync.OnceValue(func() *normBloom {
	b := new(normBloom)
	for w := range normNumberTable() {
		h := uint32(normHashSeed)
		for _, r := range w {
			h = normHash(h, r)
		}
		h &= 1<<16 - 1
		b[h>>6] |= 1 << (h & 63)
	}
	return b
})
