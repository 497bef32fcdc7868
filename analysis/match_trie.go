package analysis

import (
	"math/bits"
	"slices"
	"strings"
)

// trie holds the keys that reading a text a word at a time (wordTrie) cannot find: those that
// start with a character other than a letter or digit ("🍒", "+"), which may start anywhere,
// even inside a word, and the one-word keys with a prefix use ("document*"), which may end
// inside a word. Walks are anchored where such a key may start, so there are no fail links: a
// walk follows the text down from the root as far as some key goes.
//
// Chains of nodes with one child are folded: a node holds the bytes after its label up to the
// next branch or key end (its tail), compared at once. The children of a node are numbered
// consecutively and in order of label, so a node with few children is searched by scanning
// their labels, and one with more finds a child by counting the bits below its label in a
// 256-bit set.
type trie struct {
	// nodes[0] is the root; a last, empty node only marks where the last tail ends.
	nodes []trieNode
	label []byte   // label[n] is the byte on the edge into node n
	tails string   // the tails of all nodes, in order of node
	fans  []fanSet // the labels of the nodes with denseFanout children or more
}

// trieNode is one node of a trie.
type trieNode struct {
	first int32 // its first child; the others follow
	tail  int32 // its tail is tails[tail:], up to where the next node's starts
	key   int32 // the key that ends after its tail, or -1
	// kids is its number of children when under denseFanout; else it is denseFanout plus the
	// index of its fanSet.
	kids int32
}

// fanSet is the set of a node's labels, and for each 64 labels the number of labels below them,
// so that the rank of a label is one population count.
type fanSet struct {
	bits  [4]uint64
	below [4]uint8 // at most 3×64
}

// denseFanout is the number of children from which a node gets a fanSet.
const denseFanout = 4

// keyEnd is a key found by a walk and where it ends in the text.
type keyEnd struct {
	key int32
	end int
}

// newTrie builds the trie of keys[id] for each of ids; the keys are distinct and not empty.
func newTrie(keys []string, ids []int32) *trie {
	order := slices.Clone(ids)
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(keys[a], keys[b]) })
	sorted := make([]string, len(order))
	for i, k := range order {
		sorted[i] = keys[k]
	}
	b := trieBuilder{keys: sorted, order: order}
	b.t.nodes, b.t.label = []trieNode{{key: -1}}, []byte{0} // the root
	b.lo, b.hi, b.depth = []int32{0}, []int32{int32(len(order))}, []int32{0}
	// Breadth first: a node's children get the next free numbers when it is reached.
	for s := 0; s < len(b.t.nodes); s++ {
		b.branch(int32(s))
	}
	b.t.nodes = append(b.t.nodes, trieNode{tail: int32(b.tails.Len()), key: -1})
	b.t.tails = b.tails.String()
	return &b.t
}

// trieBuilder builds a trie from the sorted keys. A node stands for a run of keys that share
// their first depth bytes; because the keys are sorted, a key equal to that prefix comes first
// in the run, and the bytes all the others share are those its first and last keys share.
type trieBuilder struct {
	t      trie
	keys   []string // sorted
	order  []int32  // order[i] is the id of keys[i]
	tails  strings.Builder
	lo, hi []int32 // each node's run of keys, without the one ending at it
	depth  []int32 // the length of the prefix its keys share
}

// add appends the node of keys[lo:hi], reached by label after depth bytes, with its tail and key.
func (b *trieBuilder) add(label byte, lo, hi int32, depth int) {
	first, last := b.keys[lo], b.keys[hi-1]
	end := depth
	for end < len(first) && end < len(last) && first[end] == last[end] {
		end++
	}
	nd := trieNode{key: -1, tail: int32(b.tails.Len())}
	b.tails.WriteString(first[depth:end])
	if len(first) == end {
		nd.key = b.order[lo]
		lo++
	}
	b.t.nodes = append(b.t.nodes, nd)
	b.t.label = append(b.t.label, label)
	b.lo, b.hi, b.depth = append(b.lo, lo), append(b.hi, hi), append(b.depth, int32(end))
}

// branch appends the children of node s: one for each byte that follows its prefix, in order.
func (b *trieBuilder) branch(s int32) {
	lo, hi, d := b.lo[s], b.hi[s], int(b.depth[s])
	first := int32(len(b.t.nodes))
	for i := lo; i < hi; {
		c := b.keys[i][d]
		j := i + 1
		for j < hi && b.keys[j][d] == c {
			j++
		}
		b.add(c, i, j, d+1)
		i = j
	}
	nd := &b.t.nodes[s]
	nd.first, nd.kids = first, int32(len(b.t.nodes))-first
	if nd.kids < denseFanout {
		return
	}
	var f fanSet
	for _, c := range b.t.label[first:] {
		f.bits[c>>6] |= 1 << (c & 63)
	}
	for w := 1; w < len(f.bits); w++ {
		f.below[w] = f.below[w-1] + uint8(bits.OnesCount64(f.bits[w-1]))
	}
	nd.kids = denseFanout + int32(len(b.t.fans))
	b.t.fans = append(b.t.fans, f)
}

// child is the child of node s along c, or 0.
func (t *trie) child(s int32, c byte) int32 {
	nd := &t.nodes[s]
	if nd.kids >= denseFanout {
		f := &t.fans[nd.kids-denseFanout]
		w, bit := c>>6, uint64(1)<<(c&63)
		if f.bits[w]&bit == 0 {
			return 0
		}
		return nd.first + int32(f.below[w]) + int32(bits.OnesCount64(f.bits[w]&(bit-1)))
	}
	for k := nd.first; k < nd.first+nd.kids; k++ {
		if t.label[k] == c {
			return k
		}
	}
	return 0
}

// walk follows hay from i down the trie as far as it goes and appends the keys that start at i,
// in order of end.
func (t *trie) walk(hay string, i int, found []keyEnd) []keyEnd {
	s := int32(0)
	for i < len(hay) {
		if s = t.child(s, hay[i]); s == 0 {
			break
		}
		i++
		if tail := t.tails[t.nodes[s].tail:t.nodes[s+1].tail]; tail != "" {
			// Most walks end at the first byte of a tail.
			if end := i + len(tail); end > len(hay) || hay[i] != tail[0] || hay[i:end] != tail {
				break
			}
			i += len(tail)
		}
		if k := t.nodes[s].key; k >= 0 {
			found = append(found, keyEnd{key: k, end: i})
		}
	}
	return found
}

// prefixFilter tells at a glance most of the words that cannot go on from a one-word key with
// a prefix use: it holds one bit for a hash of the first min(len, prefixFilterBytes) bytes of
// each such key.
type prefixFilter struct {
	lens uint8 // bit n is set if the first n bytes of some key were hashed
	set  [1 << 16 / 64]uint64
}

const prefixFilterBytes = 6

func (p *prefixFilter) add(key string) {
	n := min(len(key), prefixFilterBytes)
	head, _ := tokenKey(key, 0, len(key))
	p.lens |= 1 << n
	h := prefixHash(head, n)
	p.set[h/64] |= 1 << (h % 64)
}

// may reports whether a key may be a proper prefix of the word of n bytes that starts with the
// 8 bytes head (tokenKey).
func (p *prefixFilter) may(head uint64, n int) bool {
	for l := p.lens; l != 0; l &= l - 1 {
		k := bits.TrailingZeros8(l)
		if k >= n {
			return false
		}
		if h := prefixHash(head, k); p.set[h/64]&(1<<(h%64)) != 0 {
			return true
		}
	}
	return false
}

func prefixHash(head uint64, n int) uint64 {
	return ((head&(1<<(8*n)-1))*0x9E3779B97F4A7C15 + uint64(n)) >> 48
}
