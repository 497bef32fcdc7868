package analysis

import (
	"cmp"
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pattern semantics (assets/rules/README.md):
//   - a pattern and the text go through the same Normalize, so authors write naturally and
//     obfuscation in the text (leetspeak, homoglyphs, accents) folds away before matching;
//   - runs of white space count as one space, in patterns and text alike (Normalize collapses
//     them in the text; patterns are also folded with strings.Fields);
//   - matches are whole words: where a pattern starts (ends) with a letter or digit, the text
//     must not have a letter or digit just before (after) it, so "job" misses "jobs"; where it
//     starts or ends with punctuation or an emoji ("24/7", "🍒") that side has no boundary;
//   - a trailing '*' makes the last word a prefix ("document*" hits "documents", and the hit
//     covers the whole word);
//   - '~' between two parts allows up to maxGapWords other words in between.
//
// Every part of every pattern of every language goes into one Aho–Corasick automaton, so a text
// is scanned once whatever the number of packs; '~' patterns pair their parts' matches after the
// scan instead of running a regular expression each. Word boundaries are checked on each match
// the automaton reports, which is why it reports overlapping matches: "any job" found inside
// "many jobs" must not hide a "jobs" starting later.
const maxGapWords = 3

// part is one '~'-separated piece of a pattern, normalised.
type part struct {
	text   string
	prefix bool // trailing '*'
}

// patternSpec is one validated pattern of one indicator in one language.
type patternSpec struct {
	ind   *Indicator
	rank  int // the indicator's place in order of ID; compile orders the specs by it
	lang  string
	raw   string // as written in the pack, shown in hits
	parts []part
}

// parsePattern splits a pattern into its normalised parts, or says what is wrong with it.
func parsePattern(raw string) ([]part, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("empty pattern")
	}
	pieces := strings.Split(raw, "~")
	parts := make([]part, 0, len(pieces))
	for _, piece := range pieces {
		p, err := parsePart(piece)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	return parts, nil
}

func parsePart(piece string) (part, error) {
	s := strings.TrimSpace(piece)
	prefix := strings.HasSuffix(s, "*")
	s = strings.TrimSpace(strings.TrimSuffix(s, "*"))
	switch {
	case s == "":
		return part{}, errors.New("'~' and '*' need words beside them")
	case strings.Contains(s, "*"):
		return part{}, errors.New("'*' may only end a word part")
	}
	norm := normalizePattern(s)
	if norm == "" {
		return part{}, errors.New("normalises to nothing (nothing left to match)")
	}
	first, _ := utf8.DecodeRuneInString(norm)
	last, _ := utf8.DecodeLastRuneInString(norm)
	if prefix && !isWordRune(last) {
		return part{}, errors.New("'*' must follow a letter or digit")
	}
	if utf8.RuneCountInString(norm) == 1 && isWordRune(first) {
		return part{}, errors.New("a single letter or digit would match nearly everywhere")
	}
	return part{text: norm, prefix: prefix}, nil
}

// normalizePattern folds a pattern exactly as Match folds a text.
func normalizePattern(s string) string {
	return strings.Join(strings.Fields(Normalize(s).Text), " ")
}

func partsKey(parts []part) string {
	keys := make([]string, len(parts))
	for i, p := range parts {
		keys[i] = p.text
		if p.prefix {
			keys[i] += "*"
		}
	}
	return strings.Join(keys, "~")
}

// use says where an automaton key occurs: which part of which pattern.
type use struct {
	spec   int
	part   int
	prefix bool
}

// matcher is the compiled form of every pattern of a RuleSet.
type matcher struct {
	ac        *automaton // nil when there are no patterns
	specs     []patternSpec
	ranks     int     // the number of distinct indicators: ranks run from 0 to ranks-1
	uses      [][]use // automaton key → its uses
	wordStart []bool  // automaton key starts with a word character: a boundary applies there
	wordEnd   []bool
}

// compile builds one automaton over the distinct parts of all patterns; parts shared by several
// patterns or languages ("24/7") are scanned for once.
func compile(specs []patternSpec) *matcher {
	m := &matcher{specs: specs}
	m.rankIndicators()
	// In (indicator, pack order) order, a spec's number alone orders hits that start together.
	slices.SortStableFunc(m.specs, func(a, b patternSpec) int { return a.rank - b.rank })
	ids := map[string]int{}
	var keys []string
	for si, s := range specs {
		for pi, p := range s.parts {
			id, ok := ids[p.text]
			if !ok {
				id = len(keys)
				ids[p.text] = id
				keys = append(keys, p.text)
				m.uses = append(m.uses, nil)
				first, _ := utf8.DecodeRuneInString(p.text)
				last, _ := utf8.DecodeLastRuneInString(p.text)
				m.wordStart = append(m.wordStart, isWordRune(first))
				m.wordEnd = append(m.wordEnd, isWordRune(last))
			}
			m.uses[id] = append(m.uses[id], use{spec: si, part: pi, prefix: p.prefix})
		}
	}
	if len(keys) > 0 {
		m.ac = newAutomaton(keys)
	}
	return m
}

// rankIndicators numbers the indicators of the patterns in order of ID, the order hits that
// start together are listed in.
func (m *matcher) rankIndicators() {
	var ids []string
	for _, s := range m.specs {
		ids = append(ids, s.ind.ID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for i := range m.specs {
		m.specs[i].rank, _ = slices.BinarySearch(ids, m.specs[i].ind.ID)
	}
	m.ranks = len(ids)
}

// rawHit is one pattern match, in bytes of the normalised text, before merging.
type rawHit struct {
	spec       int
	start, end int
}

// Match finds every indicator pattern in n, all languages' packs at once (ads mix languages).
// Overlapping hits of one indicator merge into one hit over their union, named after the longest
// match; hits are sorted by start, then indicator ID, and carry the spans and words of the
// original text.
func (rs *RuleSet) Match(n *Normalized) []Hit {
	if rs == nil || rs.m == nil || rs.m.ac == nil || n == nil || n.Text == "" {
		return nil
	}
	merged := rs.m.mergeHits(rs.m.find(n.Text))
	hits := make([]Hit, 0, len(merged))
	for _, h := range merged {
		s := rs.m.specs[h.spec]
		span := n.OriginalSpan(h.start, h.end)
		hits = append(hits, Hit{Indicator: s.ind.ID, Category: s.ind.Category, Strength: s.ind.Strength,
			Lang: s.lang, Pattern: s.raw, Span: span, Text: n.Original[span.Start:span.End],
			Explanation: s.ind.Explain, Source: s.ind.Source})
	}
	return hits
}

// find scans hay once and returns the hits of single-part patterns and of paired '~' patterns.
func (m *matcher) find(hay string) []rawHit {
	var out []rawHit
	var parts map[int][][]Span // '~' pattern → part → matches, in order of start
	m.ac.scan(hay, func(id, start, end int) {
		if m.wordStart[id] && !boundaryBefore(hay, start) {
			return
		}
		whole := !m.wordEnd[id] || boundaryAfter(hay, end)
		for _, u := range m.uses[id] {
			e := end
			if u.prefix {
				e = wordEndFrom(hay, end)
			} else if !whole {
				continue
			}
			n := len(m.specs[u.spec].parts)
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
			// One part is one key, found in order of end, hence of start.
			parts[u.spec][u.part] = append(parts[u.spec][u.part], Span{start, e})
		}
	})
	return append(out, pairParts(hay, parts)...)
}

// pairParts turns part matches of '~' patterns into hits: for each match of the first part, the
// first chain of following parts, each within maxGapWords words of the previous one.
func pairParts(hay string, parts map[int][][]Span) []rawHit {
	var out []rawHit
	for spec, lists := range parts {
		if slices.ContainsFunc(lists, func(l []Span) bool { return len(l) == 0 }) {
			continue
		}
		for _, first := range lists[0] {
			if end, ok := chain(hay, lists[1:], first.End); ok {
				out = append(out, rawHit{spec: spec, start: first.Start, end: end})
			}
		}
	}
	return out
}

// chain finds matches of the remaining parts, in order, each starting after from with at most
// maxGapWords words in between, and returns where the last one ends. The word count of a gap
// only grows with its length, so the search stops at the first candidate too far away.
func chain(hay string, lists [][]Span, from int) (int, bool) {
	if len(lists) == 0 {
		return from, true
	}
	i, _ := slices.BinarySearchFunc(lists[0], from, func(o Span, t int) int { return cmp.Compare(o.Start, t) })
	for _, c := range lists[0][i:] {
		if countWords(hay[from:c.Start], maxGapWords+1) > maxGapWords {
			break
		}
		if end, ok := chain(hay, lists[1:], c.End); ok {
			return end, true
		}
	}
	return 0, false
}

// mergeHits merges overlapping hits of one indicator into one over their union, named after the
// longest match (the earliest pattern on a tie, so that results are reproducible). One sort by
// start suffices: a region is opened by its first hit and only grows to the right, so the
// regions come out in order of start, then indicator.
func (m *matcher) mergeHits(raw []rawHit) []rawHit {
	specs := m.specs
	slices.SortFunc(raw, func(a, b rawHit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.spec - b.spec // specs are in order of indicator (compile)
	})
	type region struct{ span, best rawHit }
	open := make([]int, m.ranks) // rank → 1 + index of the indicator's last region
	regions := make([]region, 0, len(raw))
	for _, r := range raw {
		k := open[specs[r.spec].rank] - 1
		if k < 0 || r.start >= regions[k].span.end {
			open[specs[r.spec].rank] = len(regions) + 1
			regions = append(regions, region{span: r, best: r})
			continue
		}
		g := &regions[k]
		g.span.end = max(g.span.end, r.end)
		if l, bl := r.end-r.start, g.best.end-g.best.start; l > bl || l == bl && r.spec < g.best.spec {
			g.best = r
		}
	}
	out := raw[:0]
	for _, g := range regions {
		out = append(out, rawHit{spec: g.best.spec, start: g.span.start, end: g.span.end})
	}
	return out
}

// isWordRune reports whether r belongs to a word: letters, digits and the marks that attach to
// them, in any script.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

func boundaryBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return i == 0 || !isWordRune(r)
}

func boundaryAfter(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return i >= len(s) || !isWordRune(r)
}

// wordEndFrom returns the end of the word that continues at i.
func wordEndFrom(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			break
		}
		i += size
	}
	return i
}

// countWords counts the words of s, stopping at limit.
func countWords(s string, limit int) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			if n++; n >= limit {
				return n
			}
		}
		in = w
	}
	return n
}

// automaton is an Aho–Corasick automaton over bytes that reports overlapping matches, laid out
// for many patterns and little memory. States that branch (the root, and the few with
// denseFanout edges or more) get a full row of transitions with the fail links resolved, so
// that reading a byte there is one lookup; nine states in ten are a link in the chain of one
// phrase and hold their one edge in their own record; the rest keep a short sorted run of
// edges. States are numbered breadth first, so that the shallow states a scan spends its time
// in share a few cache lines.
//
// A fully compiled DFA (github.com/coregx/ahocorasick v0.3.1) keeps a row of stride×4 bytes for
// every state: for the 125,000 states of the shipped packs that was 67 MB held, 180 MB
// allocated and seconds of start-up, against about 5 MB and a fifth of a second here.
type automaton struct {
	states []acState
	labels []byte // edge labels, sorted within each state
	next   []int32
	rows   [][256]int32 // resolved transitions of the branching states; rows[0] is the root's
	keys   []int32      // the key that ends at each state, or -1
	lens   []int32      // key lengths
}

// acState is what one step reads of a state.
type acState struct {
	edges int32  // its edges are labels/next[edges:edges+n]
	child int32  // its one child (n == 1), or its row (row)
	fail  int32  // the state of the longest proper suffix of this state's path
	out   int32  // this state if a key ends here, else the nearest such on the fail chain, or 0
	n     uint16 // number of edges
	label byte   // its one child's label
	row   bool
}

// denseFanout is the number of edges from which a state gets a full row.
const denseFanout = 3

// newAutomaton builds the automaton of distinct, non-empty keys.
func newAutomaton(keys []string) *automaton {
	t := buildTrie(keys)
	a := &automaton{states: make([]acState, 0, t.size), labels: make([]byte, 0, len(t.edges)),
		next: make([]int32, 0, len(t.edges)), keys: make([]int32, 0, t.size)}
	for _, k := range keys {
		a.lens = append(a.lens, int32(len(k)))
	}
	// Renumber breadth first: a state's children get the next free numbers when it is reached.
	order := make([]int32, 1, t.size) // old number of each new state
	for i := 0; i < len(order); i++ {
		old := order[i]
		st := acState{edges: int32(len(a.labels))}
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

// trie is the automaton's first draft: edges sorted by state and label, in insertion numbering.
type trie struct {
	size  int
	edges []trieEdge
	first []int32 // the edges of state s are edges[first[s]:first[s+1]]
	key   []int32
}

type trieEdge struct {
	from  int32
	label byte
	to    int32
}

func buildTrie(keys []string) *trie {
	t := &trie{key: []int32{-1}}
	child := map[trieEdge]int32{} // to left zero: (state, label) → state
	for k, key := range keys {
		s := int32(0)
		for i := 0; i < len(key); i++ {
			c, ok := child[trieEdge{from: s, label: key[i]}]
			if !ok {
				c = int32(len(t.key))
				child[trieEdge{from: s, label: key[i]}] = c
				t.edges = append(t.edges, trieEdge{s, key[i], c})
				t.key = append(t.key, -1)
			}
			s = c
		}
		t.key[s] = int32(k)
	}
	t.size = len(t.key)
	slices.SortFunc(t.edges, func(x, y trieEdge) int {
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
func (a *automaton) link() {
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
		if s == 0 || st.n >= denseFanout {
			a.fillRow(int32(s))
		}
	}
}

// fillRow gives s a full row: its own edges, and where its fail link would lead for the rest.
func (a *automaton) fillRow(s int32) {
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
func (a *automaton) transition(s int32, c byte) int32 {
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
func (a *automaton) scan(hay string, found func(key, start, end int)) {
	s := int32(0)
	for i := 0; i < len(hay); i++ {
		s = a.transition(s, hay[i])
		for o := a.states[s].out; o != 0; o = a.states[a.states[o].fail].out {
			k := a.keys[o]
			found(int(k), i+1-int(a.lens[k]), i+1)
		}
	}
}
