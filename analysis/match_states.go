package analysis

import (
	"fmt"
	"math/bits"
	"slices"
)

// A scan of the word trie needs no list of the keys in progress. Those at a place of the text
// are the runs of its last tokens that some key starts with, and each is the end of the longest
// (its suffixes): as in Aho-Corasick, the longest stands for them all, and a word takes it on
// to the next in one look-up of (node, separator, word) among the edges. That table holds, for
// each node, where it or any of its suffixes goes on, the longest such run; where none goes
// on, the next node is the word's own, which its slot holds. A loop over the keys in progress
// cost a branch on its length at every word, which is anyone's guess.
//
// What the scan reads of the keys in progress at a node comes with it (wordState): the keys
// that end there, and the nodes with partial ends, of the node and its suffixes. Their words
// tell where they start, from the starts of the last words, which the scan keeps in a ring.

// wordState is what a scan reads at a node of the word trie, for the node and its suffixes.
type wordState struct {
	// outs[outs:outs+nOuts] are the uses of the keys that end here, those of the longest key
	// first: one loop reports them all.
	outs, nOuts int32
	ends, nEnds int32 // the nodes with partial ends: endNodes[ends:ends+nEnds], the longest first
	// live is -1 if some key may go on from here (an edge leaves the node or a suffix, or it
	// has partial ends), else 0: a scan keeps the node by masking it, without a branch.
	live int32
	// edges is the node's table of edges (edgeTable.heads), here where the scan has it at
	// hand when it reads the next word.
	edges edgeHead
	_     int32 // 32 bytes, so that a state lies in one cache line
}

// chainLink is a node of a state and its number of words.
type chainLink struct{ id, words int32 }

// keyUse is a use of a key that ends at a state, and the key's number of words.
type keyUse struct {
	spec, slot int32 // as in use
	words      int32
}

// compileStates turns the trie's edges into the edges between the states, and sets their keys
// and partial ends. first maps a word to the node of the keys it starts; edges maps (node,
// separator, word) to the node the trie's edge reaches; uses are those of each key.
//
// A node holds its suffixes' edges too, so the table grows with the nodes times the words they
// go on with, not with the keys alone: packs of many long keys that share common words could
// make it huge. Past maxEdges edges it stops with an error rather than fill the memory.
func (t *wordTrie) compileStates(first map[int32]int32, edges map[[3]int32]int32, uses [][]use, maxEdges int) error {
	type step struct{ sep, word, to int32 }
	kids := make([][]step, len(t.nodes))
	for e, c := range edges {
		kids[e[0]] = append(kids[e[0]], step{e[1], e[2], c})
	}
	fail, words := make([]int32, len(t.nodes)), make([]int32, len(t.nodes))
	next := make([]map[[2]int32]int32, len(t.nodes)) // state → (separator, word) → state
	next[0] = map[[2]int32]int32{}
	// goOn is where state s goes on by sep and w: its own edge, else where its suffixes go, else
	// the word's own node.
	goOn := func(s, sep, w int32) int32 {
		if c, ok := next[s][[2]int32{sep, w}]; ok {
			return c
		}
		return first[w]
	}
	// Breadth first, so that a node's suffixes, which are shorter, are done before it.
	var queue []int32
	for _, n := range first {
		words[n] = 1
		queue = append(queue, n)
	}
	total := 0
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if total += len(next[fail[n]]) + len(kids[n]); total > maxEdges {
			return fmt.Errorf("the patterns make more than %d moves between the matcher's states: "+
				"split the packs, or write fewer patterns that share their common words", maxEdges)
		}
		next[n] = make(map[[2]int32]int32, len(next[fail[n]])+len(kids[n]))
		for k, c := range next[fail[n]] {
			next[n][k] = c
		}
		for _, e := range kids[n] {
			next[n][[2]int32{e.sep, e.word}] = e.to
			fail[e.to], words[e.to] = goOn(fail[n], e.sep, e.word), words[n]+1
			queue = append(queue, e.to)
		}
	}
	all := map[[3]int32]int32{}
	for s, m := range next {
		for k, c := range m {
			all[[3]int32{int32(s), k[0], k[1]}] = c
		}
	}
	var err error
	if t.edges, err = newEdgeTable(len(t.nodes), all); err != nil {
		return err
	}
	t.states = make([]wordState, len(t.nodes))
	for s := range t.nodes {
		t.states[s] = t.state(int32(s), fail, words, len(next[s]) > 0, uses)
		t.states[s].edges = t.edges.heads[s]
	}
	t.ring = 1 << bits.Len32(uint32(max(1, slices.Max(words))-1)) // of at least as many words as any key
	return nil
}

// state builds the state of node s from the chain of its suffixes.
func (t *wordTrie) state(s int32, fail, words []int32, edges bool, uses [][]use) wordState {
	st := wordState{outs: int32(len(t.outs)), ends: int32(len(t.endNodes))}
	for n := s; n != 0; n = fail[n] {
		if k := t.nodes[n].key; k >= 0 {
			for _, u := range uses[k] {
				t.outs = append(t.outs, keyUse{int32(u.spec), int32(u.slot), words[n]})
			}
		}
		if t.nodes[n].nEnds > 0 {
			t.endNodes = append(t.endNodes, chainLink{n, words[n]})
		}
	}
	st.nOuts, st.nEnds = int32(len(t.outs))-st.outs, int32(len(t.endNodes))-st.ends
	if edges || st.nEnds > 0 {
		st.live = -1
	}
	return st
}
