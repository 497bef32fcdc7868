package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The reference matcher is Match as it was before the anchored trie walk: one Aho–Corasick scan
// reporting every occurrence of every key, each checked for word boundaries on both sides, part
// matches of '~' patterns kept in a map, hits merged after a sort. It is slow and obviously
// complete, and the tests hold the matcher to its results.

// reference is the reference matcher of one compiled rule set; it reads only its patterns.
type reference struct {
	m                  *matcher
	ac                 *refAutomaton
	uses               [][]refUse // key → where it occurs
	wordStart, wordEnd []bool
}

type refUse struct {
	spec, part int
	prefix     bool
}

func newReference(m *matcher) *reference {
	r := &reference{m: m}
	ids := map[string]int{}
	var keys []string
	for si, s := range m.specs {
		for pi, p := range s.parts {
			id, ok := ids[p.text]
			if !ok {
				id = len(keys)
				ids[p.text] = id
				keys = append(keys, p.text)
				r.uses = append(r.uses, nil)
				first, _ := utf8.DecodeRuneInString(p.text)
				last, _ := utf8.DecodeLastRuneInString(p.text)
				r.wordStart = append(r.wordStart, refIsWordRune(first))
				r.wordEnd = append(r.wordEnd, refIsWordRune(last))
			}
			r.uses[id] = append(r.uses[id], refUse{spec: si, part: pi, prefix: p.prefix})
		}
	}
	r.ac = newRefAutomaton(keys)
	return r
}

// find is the reference matcher's matcher.find.
func (r *reference) find(hay string) []rawHit {
	var out []rawHit
	var parts map[int][][]Span // '~' pattern → part → matches, in order of start
	r.ac.scan(hay, func(id, start, end int) {
		if r.wordStart[id] && !refBoundaryBefore(hay, start) {
			return
		}
		whole := !r.wordEnd[id] || refBoundaryAfter(hay, end)
		for _, u := range r.uses[id] {
			e := end
			if u.prefix {
				e = refWordEndFrom(hay, end)
			} else if !whole {
				continue
			}
			n := len(r.m.specs[u.spec].parts)
			if n == 1 {
				out = append(out, rawHit{spec: u.spec, start: start, end: e})
				continue
			}
			if parts == nil {
				parts = map[int][][]Span{}
			}
			if parts[u.spec] == nil {
				parts[u.spec] = make([][]Span, n)
			}
			parts[u.spec][u.part] = append(parts[u.spec][u.part], Span{start, e})
		}
	})
	return append(out, refPairParts(hay, parts)...)
}

func refPairParts(hay string, parts map[int][][]Span) []rawHit {
	var out []rawHit
	for spec, lists := range parts {
		if slices.ContainsFunc(lists, func(l []Span) bool { return len(l) == 0 }) {
			continue
		}
		for _, first := range lists[0] {
			if end, ok := refChain(hay, lists[1:], first.End); ok {
				out = append(out, rawHit{spec: spec, start: first.Start, end: end})
			}
		}
	}
	return out
}

func refChain(hay string, lists [][]Span, from int) (int, bool) {
	if len(lists) == 0 {
		return from, true
	}
	i, _ := slices.BinarySearchFunc(lists[0], from, func(o Span, t int) int { return cmp.Compare(o.Start, t) })
	for _, c := range lists[0][i:] {
		if refCountWords(hay[from:c.Start], maxGapWords+1) > maxGapWords {
			break
		}
		if end, ok := refChain(hay, lists[1:], c.End); ok {
			return end, true
		}
	}
	return 0, false
}

// merge is the reference matcher's matcher.mergeHits.
func (r *reference) merge(raw []rawHit) []rawHit {
	specs := r.m.specs
	raw = slices.Clone(raw)
	slices.SortFunc(raw, func(a, b rawHit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.spec - b.spec
	})
	type region struct{ span, best rawHit }
	open := make([]int, r.m.ranks)
	var regions []region
	for _, h := range raw {
		k := open[specs[h.spec].rank] - 1
		if k < 0 || h.start >= regions[k].span.end {
			open[specs[h.spec].rank] = len(regions) + 1
			regions = append(regions, region{span: h, best: h})
			continue
		}
		g := &regions[k]
		g.span.end = max(g.span.end, h.end)
		if l, bl := h.end-h.start, g.best.end-g.best.start; l > bl || l == bl && h.spec < g.best.spec {
			g.best = h
		}
	}
	var out []rawHit
	for _, g := range regions {
		out = append(out, rawHit{spec: g.best.spec, start: g.span.start, end: g.span.end})
	}
	return out
}

// refIsWordRune is isWordRune without its table.
func refIsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func refBoundaryBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !refIsWordRune(r)
}

func refBoundaryAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i >= len(s) || !refIsWordRune(r)
}

func refWordEndFrom(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !refIsWordRune(r) {
			break
		}
		i += size
	}
	return i
}

func refCountWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		w := refIsWordRune(r)
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}

// refAutomaton is the Aho–Corasick automaton over bytes that Match used before the trie
// (match_trie.go); it reports every occurrence of every key, overlapping ones included.
// States that branch get a full row of transitions with the fail links resolved, the others
// keep their edges sorted.
type refAutomaton struct {
	states []refState
	labels []byte // edge labels, sorted within each state
	next   []int32
	rows   [][256]int32 // resolved transitions of the branching states; rows[0] is the root's
	keys   []int32      // the key that ends at each state, or -1
	lens   []int32      // key lengths
}

// refState is what one step reads of a state.
type refState struct {
	edges int32  // its edges are labels/next[edges:edges+n]
	child int32  // its one child (n == 1), or its row (row)
	fail  int32  // the state of the longest proper suffix of this state's path
	out   int32  // this state if a key ends here, else the nearest such on the fail chain, or 0
	n     uint16 // number of edges
	label byte   // its one child's label
	row   bool
}

// refDenseFanout is the number of edges from which a state gets a full row.
const refDenseFanout = 3

// newRefAutomaton builds the refAutomaton of distinct, non-empty keys.
func newRefAutomaton(keys []string) *refAutomaton {
	t := buildRefTrie(keys)
	a := &refAutomaton{states: make([]refState, 0, t.size), labels: make([]byte, 0, len(t.edges)),
		next: make([]int32, 0, len(t.edges)), keys: make([]int32, 0, t.size)}
	for _, k := range keys {
		a.lens = append(a.lens, int32(len(k)))
	}
	// Renumber breadth first: a state's children get the next free numbers when it is reached.
	order := make([]int32, 1, t.size) // old number of each new state
	for i := 0; i < len(order); i++ {
		old := order[i]
		st := refState{edges: int32(len(a.labels))}
		for _, e := range t.edges[t.first[old]:t.first[old+1]] {
			st.label, st.child = e.label, int32(len(order))
			a.labels = append(a.labels, e.label)
			a.next = append(a.next, st.child)
			order = append(order, e.to)
		}
		st.n = uint16(len(a.labels) - int(st.edges))
		a.states = append(a.states, st)
		a.keys = append(a.keys, t.key[old])
	}
	a.link()
	return a
}

// refTrie is the refAutomaton's first draft: edges sorted by state and label, in insertion numbering.
type refTrie struct {
	size  int
	edges []refTrieEdge
	first []int32 // the edges of state s are edges[first[s]:first[s+1]]
	key   []int32
}

type refTrieEdge struct {
	from  int32
	label byte
	to    int32
}

func buildRefTrie(keys []string) *refTrie {
	t := &refTrie{key: []int32{-1}}
	child := map[refTrieEdge]int32{} // to left zero: (state, label) → state
	for k, key := range keys {
		s := int32(0)
		for i := 0; i < len(key); i++ {
			c, ok := child[refTrieEdge{from: s, label: key[i]}]
			if !ok {
				c = int32(len(t.key))
				child[refTrieEdge{from: s, label: key[i]}] = c
				t.edges = append(t.edges, refTrieEdge{s, key[i], c})
				t.key = append(t.key, -1)
			}
			s = c
		}
		t.key[s] = int32(k)
	}
	t.size = len(t.key)
	slices.SortFunc(t.edges, func(x, y refTrieEdge) int {
		return cmp.Or(cmp.Compare(x.from, y.from), cmp.Compare(x.label, y.label))
	})
	t.first = make([]int32, t.size+1)
	for _, e := range t.edges {
		t.first[e.from+1]++
	}
	for s := range t.size {
		t.first[s+1] += t.first[s]
	}
	return t
}

// link sets the fail links, outputs and rows in state order, which is breadth first: a state's
// fail target is shallower, so it is complete by the time the state needs it.
func (a *refAutomaton) link() {
	for s := range a.states {
		st := &a.states[s]
		if a.keys[s] >= 0 {
			st.out = int32(s)
		} else {
			st.out = a.states[st.fail].out
		}
		for e := st.edges; s != 0 && e < st.edges+int32(st.n); e++ {
			a.states[a.next[e]].fail = a.transition(st.fail, a.labels[e])
		}
		if s == 0 || st.n >= refDenseFanout {
			a.fillRow(int32(s))
		}
	}
}

// fillRow gives s a full row: its own edges, and where its fail link would lead for the rest.
func (a *refAutomaton) fillRow(s int32) {
	var r [256]int32
	st := &a.states[s]
	if s != 0 {
		for c := range r {
			r[c] = a.transition(st.fail, byte(c))
		}
	}
	for e := st.edges; e < st.edges+int32(st.n); e++ {
		r[a.labels[e]] = a.next[e]
	}
	st.row, st.child = true, int32(len(a.rows))
	a.rows = append(a.rows, r)
}

// transition is the state after reading c in state s. The root has a row, so the loop ends.
func (a *refAutomaton) transition(s int32, c byte) int32 {
	for {
		st := &a.states[s]
		switch {
		case st.row:
			return a.rows[st.child][c]
		case st.n == 1:
			if st.label == c {
				return st.child
			}
		default:
			for e := st.edges; e < st.edges+int32(st.n); e++ {
				if l := a.labels[e]; l >= c {
					if l == c {
						return a.next[e]
					}
					break
				}
			}
		}
		s = st.fail
	}
}

// scan calls found for every occurrence of every key in hay, overlapping ones included, in
// order of end.
func (a *refAutomaton) scan(hay string, found func(key, start, end int)) {
	s := int32(0)
	for i := 0; i < len(hay); i++ {
		s = a.transition(s, hay[i])
		for o := a.states[s].out; o != 0; o = a.states[a.states[o].fail].out {
			k := a.keys[o]
			found(int(k), i+1-int(a.lens[k]), i+1)
		}
	}
}

// naiveMatches finds every occurrence of every key the slow way, as "key@start".
func naiveMatches(keys []string, hay string) []string {
	var out []string
	for k, key := range keys {
		for i := 0; i+len(key) <= len(hay); i++ {
			if hay[i:i+len(key)] == key {
				out = append(out, fmt.Sprintf("%d@%d", k, i))
			}
		}
	}
	slices.Sort(out)
	return out
}

func scanMatches(t testing.TB, a *refAutomaton, keys []string, hay string) []string {
	var out []string
	lastEnd := 0
	a.scan(hay, func(k, start, end int) {
		if end < lastEnd || hay[start:end] != keys[k] {
			t.Fatalf("scan reported key %q at [%d,%d) after end %d", keys[k], start, end, lastEnd)
		}
		lastEnd = end
		out = append(out, fmt.Sprintf("%d@%d", k, start))
	})
	slices.Sort(out)
	return out
}

// TestRefAutomaton and FuzzRefAutomaton hold the reference automaton to the naive search.
func TestRefAutomaton(t *testing.T) {
	keys := []string{"he", "she", "his", "hers", "h", "ушел", "шел", "ελ", "🍒", "e"}
	for _, hay := range []string{"ushers", "ahishers", "он ушел, шел", "ελληνικά 🍒🍒", "", "xyz"} {
		if got, want := scanMatches(t, newRefAutomaton(keys), keys, hay), naiveMatches(keys, hay); !slices.Equal(got, want) {
			t.Errorf("scan(%q) = %v, want %v", hay, got, want)
		}
	}
}

// FuzzRefAutomaton: keys are the '|'-separated parts of the first input.
func FuzzRefAutomaton(f *testing.F) {
	f.Add("he|she|his|hers", "ushers")
	f.Add("aa|aaa|a|ab|bab", "aaabababaaab")
	f.Add("passport|pass|sport|port", "passport sport passports")
	f.Fuzz(func(t *testing.T, ks, hay string) {
		keys := splitKeys(ks)
		if len(keys) == 0 || len(keys) > 64 || len(hay) > 4096 {
			return
		}
		if got, want := scanMatches(t, newRefAutomaton(keys), keys, hay), naiveMatches(keys, hay); !slices.Equal(got, want) {
			t.Fatalf("keys %q in %q: scan %v, naive %v", keys, hay, got, want)
		}
	})
}

// splitKeys returns the distinct non-empty '|'-separated parts of s.
func splitKeys(s string) []string {
	var keys []string
	for _, k := range strings.Split(s, "|") {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}
