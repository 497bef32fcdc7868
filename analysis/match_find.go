package analysis

import (
	"math/bits"
	"strings"
)

// finder is the working memory of one Match: the buffers of a scan, and those to pair and merge
// its hits. Matchers keep finders in a pool, so that a Match allocates nothing but its result
// once the buffers have grown to the texts.
type finder struct {
	m      *matcher
	active []phrase
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
	s := scan{m: f.m, hay: hay, active: f.active[:0], found: f.found[:0], hits: f.hits[:0], parts: f.parts[:0]}
	if f.m.words != nil {
		s.space = f.m.words.space
	}
	s.run()
	f.active, f.found, f.hits, f.parts = s.active, s.found, s.hits, s.parts
	sortRaw(f.hits)
	f.pairParts()
}

// scan is the state of one scan of a text: the keys in progress, the hits found so far and the
// part matches of '~' patterns. It lives on the stack, where storing its slices costs no
// write barrier.
type scan struct {
	m      *matcher
	hay    string
	nw     int // the words before the place the scan is at
	active []phrase
	ends   bool     // some phrase in active has partial ends
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
	wt := s.m.words // nil if no key starts with a word
	var sep int32   // the separator before the word at i, as one of the keys', or 0
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
		if wt == nil {
			continue
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
		// A word that no key has (id 0), one word in seven of an ad, ends every phrase in
		// progress, for no edge has it, and starts none: there is nothing to look up.
		if sl.id == 0 {
			if s.m.prefixes.may(head, j-i) {
				s.walkWord(i, j)
			}
			s.active, s.ends = s.active[:0], false
			continue
		}
		// A phrase that does not go on here, because no key has the separator (sep 0: no
		// edge), or none goes on this way (node 0), is overwritten: the phrases that go on are
		// written in place over those already read.
		act, n, ends := s.active, 0, int32(0)
		for _, p := range act {
			// edgeTable.next, which is too big to be inlined: its call spilled and reloaded the
			// loop's state on every phrase.
			a, b := wt.edges.index(p.node, sep, sl.id)
			c := wt.edges.slots[a].toIf(p.node, sep, sl.id) | wt.edges.slots[b].toIf(p.node, sep, sl.id)
			nd := &wt.nodes[c]
			if nd.key >= 0 {
				s.report(nd.key, p.start, j, p.words, s.nw+1, true)
			}
			act[n] = phrase{start: p.start, words: p.words, node: c}
			n += int(nd.live)
			ends |= nd.nEnds
		}
		if sl.extends {
			s.walkWord(i, j)
		}
		if sl.key >= 0 {
			s.report(sl.key, i, j, s.nw, s.nw+1, true)
		}
		s.active = append(act[:n], phrase{start: i, words: s.nw, node: sl.node})[:n+int(sl.live)]
		s.ends = ends|sl.nEnds != 0
	}
}

// wordEnds reports the keys of the phrases in progress whose last word, with a prefix use, the
// word hay[i:j] after the separator sep goes on from.
func (s *scan) wordEnds(i, j int, sep int32) {
	wt := s.m.words
	for _, p := range s.active {
		nd := &wt.nodes[p.node]
		for _, e := range wt.ends[nd.ends : nd.ends+nd.nEnds] {
			if e.sep != 0 && e.sep == sep && j-i > len(e.text) && s.hay[i:i+len(e.text)] == e.text {
				s.report(e.key, p.start, i+len(e.text), p.words, s.nw+1, false)
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
	if len(s.active) == 0 {
		return 0
	}
	wt := s.m.words
	text := s.hay[i:j]
	if s.ends {
		for _, p := range s.active {
			nd := &wt.nodes[p.node]
			for _, e := range wt.ends[nd.ends : nd.ends+nd.nEnds] {
				if e.sep == 0 && strings.HasPrefix(text, e.text) {
					s.report(e.key, p.start, i+len(e.text), p.words, s.nw, false)
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

// walkWord walks the trie from the start of the word hay[i:j] for the one-word keys with a
// prefix use that end inside it.
func (s *scan) walkWord(i, j int) {
	s.found = s.m.trie.walk(s.hay, i, s.found[:0])
	for _, k := range s.found {
		if k.end < j {
			s.report(k.key, i, k.end, s.nw, s.nw+1, false)
		}
	}
}

// walkAt walks the trie from a character other than a letter or digit for the keys that start
// with it, however many words long.
func (s *scan) walkAt(i int) {
	s.found = s.m.trie.walk(s.hay, i, s.found[:0])
	for _, k := range s.found {
		s.report(k.key, i, k.end, s.nw, s.nw+countWords(s.hay[i:k.end], len(s.hay)), false)
	}
}

// report keeps the match of key at [start,end) for the uses whose ends it fits: where the key
// ends with a word character, a use that is not a prefix needs a boundary after it. before and
// through are the numbers of words of the text before start and before end. atWordEnd says
// that a word ends at end, as the scan knows of the keys it reads a word at a time: then every
// use fits as it is, without a look at the text.
func (s *scan) report(key int32, start, end, before, through int, atWordEnd bool) {
	whole := atWordEnd || !s.m.wordEnd[key] || boundaryAfter(s.hay, end)
	for _, u := range s.m.uses[key] {
		e := end
		if u.prefix {
			if !atWordEnd {
				e = wordEndFrom(s.hay, end)
			}
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
