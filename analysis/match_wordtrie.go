package analysis

import (
	"errors"
	"math/bits"
	"slices"
)

// wordTrie finds the keys that start with a word, a word at a time. Keys and texts are read as
// tokens: words (runs of word characters) and the separators between them (runs of the other
// characters: " ", "/", ", "). Where a word of the text starts, a key matches exactly when its
// tokens are the text's that follow, except that the text's token under the key's last one may
// go on: a word that goes on is a partial match, which only a prefix use ('*') takes, and a
// separator that goes on still matches (a key that ends with "!" needs no boundary after it).
//
// So a word of the text costs one look-up among the keys' words, and one of (the scan's state,
// the separator, the word) among the edges (match_states.go). A trie of bytes took a step
// for every byte, with cache misses at each, and most words of an ad go several bytes down it.
type wordTrie struct {
	words tokenTable // the words of the keys, each with the node of the keys it starts
	seps  tokenTable // the separators inside the keys
	nodes []wordNode // nodes[0] stands for none: no key, no edge
	// edges maps (node, separator, word) to the node reached, where that is not the word's
	// own (match_states.go).
	edges    edgeTable
	ends     []partialEnd
	states   []wordState // node → what a scan reads there
	outs     []keyUse    // the uses of the keys of the states
	endNodes []chainLink // the nodes with partial ends of the states
	ring     int         // a power of two, at least the words of any key
	// prefixes[prefixAt[w]:prefixAt[w+1]] are the one-word keys with a prefix use that word w
	// goes on from, with their lengths for ends, shortest first.
	prefixes []keyEnd
	prefixAt []int32
	space    int32 // the separator " ", or 0
}

// wordNode stands for the keys that start with one run of tokens ending with a word.
type wordNode struct {
	key         int32 // the key of exactly these tokens, or -1
	ends, nEnds int32 // its partial ends are ends[ends:ends+nEnds]
}

// partialEnd is a key whose last token the text's may go on from.
type partialEnd struct {
	key int32
	// sep is the separator before the key's last word, which a prefix use ends; 0 when the
	// key ends with a separator.
	sep  int32
	text string // the last word or separator
}

// newWordTrie builds the word trie of the keys that start with a word. prefix[k] says whether
// some use of key k is a prefix, and uses[k] are its uses; one-word keys with a prefix use are
// left to the caller.
func newWordTrie(keys []string, ids []int32, prefix []bool, uses [][]use, maxEdges int) (*wordTrie, error) {
	t := &wordTrie{nodes: []wordNode{{key: -1}}}
	words, seps := map[string]int32{}, map[string]int32{}
	first := map[int32]int32{} // word → node
	edges := map[[3]int32]int32{}
	ends := map[int32][]partialEnd{}
	id := func(m map[string]int32, tok string) int32 {
		if _, ok := m[tok]; !ok {
			m[tok] = int32(len(m) + 1)
		}
		return m[tok]
	}
	node := func(n int32, ok bool) int32 {
		if !ok {
			n = int32(len(t.nodes))
			t.nodes = append(t.nodes, wordNode{key: -1})
		}
		return n
	}
	var prefixWords []keyEnd // the one-word keys with a prefix use, and their lengths
	for _, k := range ids {
		toks := tokens(keys[k])
		if len(toks) == 1 && prefix[k] {
			prefixWords = append(prefixWords, keyEnd{key: k, end: len(toks[0])})
		}
		w := id(words, toks[0])
		n, ok := first[w]
		n = node(n, ok)
		first[w] = n
		for len(toks) >= 3 {
			s, w := id(seps, toks[1]), id(words, toks[2])
			if len(toks) == 3 && prefix[k] {
				ends[n] = append(ends[n], partialEnd{key: k, sep: s, text: toks[2]})
			}
			e := [3]int32{n, s, w}
			c, ok := edges[e]
			c = node(c, ok)
			edges[e] = c
			n, toks = c, toks[2:]
		}
		if len(toks) == 2 {
			ends[n] = append(ends[n], partialEnd{key: k, text: toks[1]})
		} else {
			t.nodes[n].key = k
		}
	}
	for n := range t.nodes {
		t.nodes[n].ends, t.nodes[n].nEnds = int32(len(t.ends)), int32(len(ends[int32(n)]))
		t.ends = append(t.ends, ends[int32(n)]...)
	}
	extends := t.listPrefixes(keys, words, prefixWords)
	t.words = newTokenTable(words, first, extends)
	t.seps = newTokenTable(seps, nil, nil)
	t.space = seps[" "]
	if err := t.compileStates(first, edges, uses, maxEdges); err != nil {
		return nil, err
	}
	return t, nil
}

// listPrefixes lists, for each word of the keys, the one-word keys with a prefix use that it
// goes on from ("documents" from "document*"), which a scan then reports without walking the
// trie, and returns the words that go on from some.
func (t *wordTrie) listPrefixes(keys []string, words map[string]int32, prefixWords []keyEnd) map[string]bool {
	extends := map[string]bool{}
	lists := make([][]keyEnd, len(words)+1) // by word id
	for w, id := range words {
		for _, p := range prefixWords {
			if len(w) > p.end && w[:p.end] == keys[p.key] {
				lists[id] = append(lists[id], p)
				extends[w] = true
			}
		}
		slices.SortFunc(lists[id], func(a, b keyEnd) int { return a.end - b.end })
	}
	t.prefixAt = make([]int32, len(lists)+1)
	for id, l := range lists {
		t.prefixAt[id+1] = t.prefixAt[id] + int32(len(l))
		t.prefixes = append(t.prefixes, l...)
	}
	return extends
}

// tokens splits s into runs of word characters and runs of others.
func tokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		w, _ := wordRuneAt(s, i)
		j := i
		for j < len(s) {
			if v, size := wordRuneAt(s, j); v == w {
				j += size
				continue
			}
			break
		}
		out = append(out, s[i:j])
		i = j
	}
	return out
}

// tokenTable finds tokens in a text without copying or hashing them byte by byte: a token is
// known by its first 8 bytes, its last 8 and its length, and only tokens longer than 16 bytes
// compare the bytes in between. A token has two slots, one of which holds it (cuckoo hashing),
// at most half full: a look-up reads both and keeps the one that holds it by a conditional
// move, without a branch on whether the text's word is known, which is anyone's guess, and
// without probing on when a slot holds another token.
type tokenTable struct {
	slots []tokenSlot // n is 0 in an empty slot
	shift uint        // a key's slots are the top bits of its hash and of its hash times another
	mids  string      // the middles of the long tokens
	mid   []int32     // token id → where its bytes 8 to n-8 start in mids, if n > 16
	// same holds the long tokens whose first 8 bytes, last 8 and length are those of a token in
	// slots, which the key leaves no room for; there are seldom any.
	same map[string]*tokenSlot
	// none is what find returns for a token the table does not have: id 0 and node 0, so that
	// a scan reads it like any other word.
	none tokenSlot
}

type tokenSlot struct {
	head, tail uint64 // see tokenKey
	n          int32  // the token's length
	id         int32
	// node is a word's node, that of the keys that start with it, or 0: a scan goes there
	// where no key in progress goes on.
	node int32
	// extends: the word goes on from a one-word key with a prefix use ("documents" from
	// "document*"), which wordTrie.prefixes lists (the trie is walked for unknown words only).
	extends bool
}

func newTokenTable(ids map[string]int32, first map[int32]int32, extends map[string]bool) tokenTable {
	t := tokenTable{mid: make([]int32, len(ids)+1)}
	var mids []byte
	var all []tokenSlot
	keys := map[[3]uint64]bool{}
	for tok, id := range ids {
		head, tail := tokenKey(tok, 0, len(tok))
		s := tokenSlot{head: head, tail: tail, n: int32(len(tok)), id: id, node: first[id], extends: extends[tok]}
		if len(tok) > 16 {
			t.mid[id] = int32(len(mids))
			mids = append(mids, tok[8:len(tok)-8]...)
		}
		if k := [3]uint64{head, tail, uint64(len(tok))}; keys[k] {
			if t.same == nil {
				t.same = map[string]*tokenSlot{}
			}
			t.same[tok] = &s
		} else {
			keys[k] = true
			all = append(all, s)
		}
	}
	t.mids = string(mids)
	// An insertion that goes round in circles, which a table at most half full seldom sees
	// (two choices hold up to half), starts over in one twice the size.
	for size := 16; ; size *= 2 {
		if size < 2*len(all) {
			continue
		}
		t.slots, t.shift = make([]tokenSlot, size), uint(64-bits.TrailingZeros(uint(size)))
		if !slices.ContainsFunc(all, func(s tokenSlot) bool { return !t.insert(s) }) {
			return t
		}
	}
}

// insert puts s in one of its slots, moving the token there to its other slot, and so on; it
// reports whether that came to an end.
func (t *tokenTable) insert(s tokenSlot) bool {
	k, _ := t.index(s.head, s.tail, int(s.n))
	for range 2 * len(t.slots) {
		if t.slots[k].n == 0 {
			t.slots[k] = s
			return true
		}
		t.slots[k], s = s, t.slots[k]
		a, b := t.index(s.head, s.tail, int(s.n))
		if k == a {
			k = b
		} else {
			k = a
		}
	}
	return false
}

// tokenKey returns the first 8 bytes of s[i:j], zero padded, and its last 8 if it is longer,
// as little-endian numbers.
func tokenKey(s string, i, j int) (head, tail uint64) {
	n := j - i
	switch {
	case n > 8:
		return load64(s, i), load64(s, j-8)
	case n == 8:
		return load64(s, i), 0
	case i+8 <= len(s):
		return load64(s, i) & (1<<(8*n) - 1), 0
	}
	for k := j - 1; k >= i; k-- {
		head = head<<8 | uint64(s[k])
	}
	return head, 0
}

func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// index returns the two slots of a token. A shift is masked, which changes nothing, as a count
// of 64 or more would need a test of its own.
func (t *tokenTable) index(head, tail uint64, n int) (int, int) {
	h := head*0x9E3779B97F4A7C15 ^ (tail+uint64(n))*0xC2B2AE3D27D4EB4F
	return int(h >> (t.shift & 63)), int(h * 0xD6E8FEB86659FD93 >> (t.shift & 63))
}

// find returns the slot of the token s[i:j], whose key is head and tail, or none. The key of
// a token longer than 16 bytes leaves out its middle, so a slot found by the key alone is only
// a candidate; but a token whose key no slot has is not in the table at all, and most long
// words of a text are no key's. So find looks every token up as findShort does, and only a
// candidate of more than 16 bytes, which is seldom, costs a branch that goes the other way.
func (t *tokenTable) find(s string, i, j int, head, tail uint64) *tokenSlot {
	sl := t.findShort(head, tail, j-i)
	if sl.n > 16 {
		sl = t.checkLong(s, i, j, sl)
	}
	return sl
}

// findShort looks a token up by its key alone, which holds a token of at most 16 bytes whole.
// It calls nothing, so that it needs no stack frame of its own.
func (t *tokenTable) findShort(head, tail uint64, n int) *tokenSlot {
	a, b := t.index(head, tail, n)
	x, y := &t.slots[a], &t.slots[b]
	sl := &t.none
	if (x.head^head)|(x.tail^tail)|uint64(uint32(x.n)^uint32(n)) == 0 {
		sl = x
	}
	if (y.head^head)|(y.tail^tail)|uint64(uint32(y.n)^uint32(n)) == 0 {
		sl = y
	}
	return sl
}

// checkLong returns sl, the slot whose key is that of the token s[i:j] of more than 16 bytes,
// if the bytes in between are also the same; else the slot of the token in same, or none. It
// is seldom called, and kept out of the scan's loop.
//
//go:noinline
func (t *tokenTable) checkLong(s string, i, j int, sl *tokenSlot) *tokenSlot {
	if m := int(t.mid[sl.id]); t.mids[m:m+j-i-16] == s[i+8:j-8] {
		return sl
	}
	if sl, ok := t.same[s[i:j]]; ok {
		return sl
	}
	return &t.none
}

// edgeTable maps (node, separator, word) to the node reached: the trie's own edges and, as in
// Aho-Corasick, those a node inherits from its suffixes (compileStates). Each node has a small
// table of its own edges: the few nodes a text is at most often (those of "di", "the", "per")
// keep theirs in cache, where one table of all the edges spread every look-up over megabytes,
// and the look-up that decides where a scan goes next waited on memory at almost every word.
// An edge has two slots in its node's table, one of which holds it (cuckoo hashing), at most
// half full: a look-up reads both and keeps the one that holds it by arithmetic, since
// whether the edge is there is anyone's guess. An edge is one number: its separator and word
// (edgeKey) above the node it reaches.
type edgeTable struct {
	heads []edgeHead // node → its table
	// slots are the nodes' tables one after the other, slots[0] the empty one of every node
	// without edges; a slot is an edge's key << edgeToBits | the node it reaches, or 0.
	slots []uint64
}

// edgeHead is where a node's table starts in slots, and its size less one (a power of two).
type edgeHead struct {
	at   int32
	mask uint32
}

// The bits of an edge: a word trie has fewer nodes, separators and words than these leave room
// for by far.
const (
	edgeWordBits = 24
	edgeSepBits  = 16
	edgeToBits   = 64 - edgeWordBits - edgeSepBits
)

// edgeKey packs an edge's separator and word into one number.
func edgeKey(sep, word int32) uint64 {
	return uint64(uint32(sep))<<edgeWordBits | uint64(uint32(word))
}

// newEdgeTable builds the tables of nodes 0 to nodes-1; edges maps (node, separator, word) to
// the node reached.
func newEdgeTable(nodes int, edges map[[3]int32]int32) (edgeTable, error) {
	type edge struct {
		key uint64
		to  int32
	}
	own := make([][]edge, nodes)
	for e, to := range edges {
		if e[0] < 0 || int(e[0]) >= nodes || uint32(e[1]) >= 1<<edgeSepBits || uint32(e[2]) >= 1<<edgeWordBits || uint32(to) >= 1<<edgeToBits {
			return edgeTable{}, errors.New("the patterns have more words, separators or nodes than the matcher's edges hold")
		}
		own[e[0]] = append(own[e[0]], edge{edgeKey(e[1], e[2]), to})
	}
	t := edgeTable{heads: make([]edgeHead, nodes), slots: make([]uint64, 1, 1+3*len(edges))}
	for n, es := range own {
		if len(es) == 0 {
			continue
		}
		// A table of 8 slots or fewer starts at a multiple of its size, so that it lies in
		// one cache line. An insertion that goes round in circles starts over in a table
		// twice the size.
		for size := 4; ; size *= 2 {
			if size < 2*len(es) {
				continue
			}
			at := (len(t.slots) + min(size, 8) - 1) &^ (min(size, 8) - 1)
			t.slots = slices.Grow(t.slots, at+size-len(t.slots))[:at+size]
			clear(t.slots[at:])
			t.heads[n] = edgeHead{at: int32(at), mask: uint32(size - 1)}
			if !slices.ContainsFunc(es, func(e edge) bool { return !t.insert(t.heads[n], e.key<<edgeToBits|uint64(e.to)) }) {
				break
			}
			t.slots = t.slots[:at]
		}
	}
	return t, nil
}

// insert puts the edge e in one of its slots of table h, moving the edge there to its other
// slot, and so on; it reports whether that came to an end.
func (t *edgeTable) insert(h edgeHead, e uint64) bool {
	k, _ := h.index(e >> edgeToBits)
	for range 2 * (h.mask + 1) {
		if t.slots[k] == 0 {
			t.slots[k] = e
			return true
		}
		t.slots[k], e = e, t.slots[k]
		a, b := h.index(e >> edgeToBits)
		if k == a {
			k = b
		} else {
			k = a
		}
	}
	return false
}

// index returns the two slots of the edge whose key is k in the table h.
func (h edgeHead) index(k uint64) (int, int) {
	x := k * 0x9E3779B97F4A7C15
	y := x * 0xD6E8FEB86659FD93
	return int(h.at) + int(uint32(x>>32)&h.mask), int(h.at) + int(uint32(y>>32)&h.mask)
}

// next is the node reached from node by sep and word, or 0. The scan does the same look-up in
// its own loop; next serves the tests.
func (t *edgeTable) next(from, sep, word int32) int32 {
	if from < 0 || int(from) >= len(t.heads) {
		return 0
	}
	k := edgeKey(sep, word)
	a, b := t.heads[from].index(k)
	return edgeTo(t.slots[a], k) | edgeTo(t.slots[b], k)
}

// edgeTo returns the node the edge in slot reaches if its key is k, else 0 (both slots of an
// edge are one when they hold it). It computes rather than selects: the compiler makes no
// conditional move of a value that a load's address comes from, as the node a scan reads next
// does, and a branch on it is anyone's guess. An empty slot reaches 0 whatever k is.
func edgeTo(slot, k uint64) int32 {
	d := slot>>edgeToBits ^ k
	return int32(slot&(1<<edgeToBits-1)) & -int32((d-1)>>63)
}
