package analysis

import (
	"math/bits"
	"slices"
	"strings"
)

// finder is the working memory of one Match: the buffers of a scan, and those to pair and merge
// its hits. Matchers keep finders in a pool, so that a Match allocates nothing but its result
// once the buffers have grown to the texts.
type finder struct {
	m      *matcher
	starts []int
	found  []keyEnd
	hits   []rawHit
	parts  []partHit
	// pairing and merging
	at      []int
	sorted  []partMatch
	lists   [][]partMatch
	pairs   []rawHit
	run     []rawHit // the pairs as they come, while sortPairs sorts them into pairs
	keys    []uint64
	tmp     []uint64
	open    []int32
	regions []region
}

func (m *matcher) finder() *finder {
	if f, ok := m.finders.Get().(*finder); ok {
		return f
	}
	return &finder{m: m}
}

// find scans hay once for the hits of single-part patterns (f.hits) and of paired '~' patterns
// (f.pairs), each in order of start, then spec.
func (f *finder) find(hay string) {
	s := scan{m: f.m, hay: hay, found: f.found[:0], hits: f.hits[:0], parts: f.parts[:0]}
	wt := f.m.words
	f.starts = slices.Grow(f.starts[:0], wt.ring)[:wt.ring]
	s.space, s.starts = wt.space, f.starts
	s.run()
	f.found, f.hits, f.parts = s.found, s.hits, s.parts
	sortRaw(f.hits)
	f.pairParts()
}

// scan is the state of one scan of a text: the keys in progress, the hits found so far and the
// part matches of '~' patterns. It lives on the stack, where storing its slices costs no
// write barrier.
type scan struct {
	m   *matcher
	hay string
	nw  int // the words before the place the scan is at
	// state is the node of the word trie of the longest key in progress, which stands for
	// them all (match_states.go), or 0 if none may go on.
	state  int32
	edges  edgeHead // the state's edges: those of a node without any if state is 0
	starts []int    // starts[w%len(starts)] is where word w starts, for the last words
	ends   bool     // some key in progress has partial ends
	space  int32    // the separator " ", or 0
	found  []keyEnd // by the last walk of the trie
	hits   []rawHit // of single-part patterns
	parts  []partHit
}

// partHit is a match of one part of '~' patterns: the slot of its key and prefix.
type partHit struct {
	slot int
	partMatch
}

// partMatch is a match of a part, with the number of words of the text before its start and
// before its end, which measure the gaps between parts. A part ends where no word goes on.
type partMatch struct {
	Span
	wordsBefore, wordsThrough int
}

// run reads hay as separators and words (wordTrie), which wordBits tells apart. Every word may
// start keys and carry on the keys in progress; a key that starts with another character may
// start at any such character, so the trie is walked from each that can begin one.
//
// A word carries on the keys in progress and starts those that begin with it. It is read here
// rather than in a call of its own, which would spill and reload what the loop holds in
// registers on every word.
func (s *scan) run() {
	hay := s.hay
	wb := newWordBits(hay)
	wt := s.m.words
	var sep int32 // the separator before the word at i, as one of the keys', or 0
	for i, j := 0, 0; ; i, s.nw = j, s.nw+1 {
		from := i
		if m := wb.mask >> (uint(i) % 64); m != 0 {
			i += bits.TrailingZeros64(m)
		} else {
			i = wb.wordStartAfter()
		}
		// Most separators are one space, which no key starts with (keys are trimmed).
		if i != from+1 || hay[from] != ' ' || s.ends {
			sep = s.separator(from, i)
		} else {
			sep = s.space
		}
		if i == len(hay) {
			return
		}
		j = i
		if m := ^wb.mask >> (uint(i) % 64); m != 0 {
			j += bits.TrailingZeros64(m)
		} else {
			j = wb.wordEndAfter()
		}
		// The word is hay[i:j]. tokenKey without a branch on its length, which is anyone's
		// guess: the head keeps min(n, 8) bytes, and the tail is all zero unless n > 8.
		var head, tail uint64
		if n := j - i; i+8 <= len(hay) && j >= 8 {
			head = load64(hay, i) &^ (^uint64(0) << uint(8*n))
			tail = load64(hay, j-8) & uint64(int64(8-n)>>63)
		} else {
			head, tail = tokenKey(hay, i, j)
		}
		// find, calling its parts itself: findShort then calls nothing and needs no stack frame.
		sl := wt.words.findShort(head, tail, j-i)
		if sl.n > 16 {
			sl = wt.words.checkLong(hay, i, j, sl)
		}
		if s.ends {
			s.wordEnds(i, j, sep)
		}
		// The next state, where the keys in progress go on, else the word's own node, chosen
		// by arithmetic as edgeTo chooses: a word that no key has (id 0), one word in seven of
		// an ad, has no edge and node 0, and ends every key in progress like any word that no
		// key in progress goes on with.
		k := edgeKey(sep, sl.id)
		a, b := s.edges.index(k)
		c := edgeTo(wt.edges.slots[a], k) | edgeTo(wt.edges.slots[b], k)
		c |= sl.node & -int32(uint32(c-1)>>31)
		st := &wt.states[c]
		s.starts[s.nw&(len(s.starts)-1)] = i
		if st.nOuts > 0 {
			s.reportKeys(st, j)
		}
		if sl.extends || sl.id == 0 && s.m.prefixes.may(head, j-i) {
			s.prefixesIn(sl.id, i, j)
		}
		s.state, s.ends, s.edges = c&st.live, st.nEnds != 0, st.edges
	}
}

// reportKeys reports the keys that end with the word at s.nw, which ends at j, in state st.
// A key that ends where a word does fits every use as it is, without report's look at the text.
func (s *scan) reportKeys(st *wordState, j int) {
	for _, o := range s.m.words.outs[st.outs : st.outs+st.nOuts] {
		w := s.nw + 1 - int(o.words)
		start := s.starts[w&(len(s.starts)-1)]
		if o.slot < 0 {
			s.hits = append(s.hits, rawHit{spec: int(o.spec), start: start, end: j})
		} else {
			s.parts = append(s.parts, partHit{slot: int(o.slot), partMatch: partMatch{Span{start, j}, w, s.nw + 1}})
		}
	}
}

// wordEnds reports the keys in progress whose last word, with a prefix use, the word hay[i:j]
// after the separator sep goes on from.
func (s *scan) wordEnds(i, j int, sep int32) {
	wt := s.m.words
	st := &wt.states[s.state]
	for _, l := range wt.endNodes[st.ends : st.ends+st.nEnds] {
		nd := &wt.nodes[l.id]
		w := s.nw - int(l.words)
		for _, e := range wt.ends[nd.ends : nd.ends+nd.nEnds] {
			if e.sep != 0 && e.sep == sep && j-i > len(e.text) && s.hay[i:i+len(e.text)] == e.text {
				s.report(e.key, s.starts[w&(len(s.starts)-1)], i+len(e.text), w, s.nw+1)
			}
		}
	}
}

// separator reads the separator hay[i:j] before a word, or at the end of hay: the trie is
// walked from each byte that may start a key (a continuation byte starts none), and the keys in
// progress that end with a separator it begins with match. It returns the separator as one of
// the keys', or 0 if no key is in progress.
func (s *scan) separator(i, j int) int32 {
	for k := i; k < j; k++ {
		if s.m.nonWordFirst[s.hay[k]] {
			s.walkAt(k)
		}
	}
	if s.state == 0 {
		return 0
	}
	wt := s.m.words
	text := s.hay[i:j]
	if s.ends {
		st := &wt.states[s.state]
		for _, l := range wt.endNodes[st.ends : st.ends+st.nEnds] {
			nd := &wt.nodes[l.id]
			w := s.nw - int(l.words)
			for _, e := range wt.ends[nd.ends : nd.ends+nd.nEnds] {
				if e.sep == 0 && strings.HasPrefix(text, e.text) {
					s.report(e.key, s.starts[w&(len(s.starts)-1)], i+len(e.text), w, s.nw)
				}
			}
		}
	}
	switch {
	case j == len(s.hay): // no word follows
		return 0
	case text == " ":
		return wt.space
	}
	head, tail := tokenKey(s.hay, i, j)
	return wt.seps.find(s.hay, i, j, head, tail).id
}

// prefixesIn reports the one-word keys with a prefix use that end inside the word hay[i:j],
// whose id is id: a word that keys have knows them (wordTrie.prefixes); for any other, the trie
// is walked from the start of the word.
func (s *scan) prefixesIn(id int32, i, j int) {
	if id == 0 {
		s.walkWord(i, j)
		return
	}
	wt := s.m.words
	for _, k := range wt.prefixes[wt.prefixAt[id]:wt.prefixAt[id+1]] {
		s.report(k.key, i, i+k.end, s.nw, s.nw+1)
	}
}

// walkWord walks the trie from the start of the word hay[i:j] for the one-word keys with a
// prefix use that end inside it.
func (s *scan) walkWord(i, j int) {
	s.found = s.m.trie.walk(s.hay, i, s.found[:0])
	for _, k := range s.found {
		if k.end < j {
			s.report(k.key, i, k.end, s.nw, s.nw+1)
		}
	}
}

// walkAt walks the trie from a character other than a letter or digit for the keys that start
// with it, however many words long.
func (s *scan) walkAt(i int) {
	s.found = s.m.trie.walk(s.hay, i, s.found[:0])
	for _, k := range s.found {
		s.report(k.key, i, k.end, s.nw, s.nw+countWords(s.hay[i:k.end], len(s.hay)))
	}
}

// report keeps the match of key at [start,end) for the uses whose ends it fits: where the key
// ends with a word character, a use that is not a prefix needs a boundary after it, and a
// prefix use takes in the rest of the word. before and through are the numbers of words of the
// text before start and before end. (The keys that end where a word does, reportKeys keeps.)
func (s *scan) report(key int32, start, end, before, through int) {
	whole := !s.m.wordEnd[key] || boundaryAfter(s.hay, end)
	for _, u := range s.m.uses[key] {
		e := end
		if u.prefix {
			e = wordEndFrom(s.hay, end)
		} else if !whole {
			continue
		}
		if u.slot < 0 {
			s.hits = append(s.hits, rawHit{spec: u.spec, start: start, end: e})
		} else {
			s.parts = append(s.parts, partHit{slot: u.slot, partMatch: partMatch{Span{start, e}, before, through}})
		}
	}
}

// sortRaw sorts hits (lessHit). They come nearly sorted: only a key of several words is
// reported after the keys that start on its later words.
func sortRaw(hits []rawHit) {
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && lessHit(hits[j], hits[j-1]); j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
}

// lessHit orders hits by start, then spec. No two hits of one spec start together.
func lessHit(a, b rawHit) bool {
	return a.start < b.start || a.start == b.start && a.spec < b.spec
}
