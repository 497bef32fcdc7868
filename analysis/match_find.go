package analysis

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// finder is the working memory of one Match: the keys in progress, the hits found so far, the
// part matches of '~' patterns and the buffers to pair and merge them. Matchers keep finders
// in a pool, so that a scan allocates nothing once its buffers have grown to the texts.
type finder struct {
	m      *matcher
	hay    string
	active []phrase
	found  []keyEnd // by the last walk of the trie
	hits   []rawHit // of single-part patterns
	parts  []partHit
	// pairing and merging
	at      []int
	sorted  []Span
	lists   [][]Span
	pairs   []rawHit
	open    []int
	regions []region
}

// partHit is a match of one part of '~' patterns: the slot of its key and prefix.
type partHit struct {
	slot int
	Span
}

func (m *matcher) finder() *finder {
	if f, ok := m.finders.Get().(*finder); ok {
		return f
	}
	return &finder{m: m}
}

// find scans hay once and returns the hits of single-part patterns and of paired '~' patterns,
// in order of start, then spec. They stay the finder's.
//
// The scan reads hay as separators and words (wordTrie). Every word may start keys and carry on
// the keys in progress; a key that starts with another character may start at any such
// character, so the trie is walked from each that can begin one.
func (f *finder) find(hay string) []rawHit {
	f.hay, f.active, f.hits, f.parts = hay, f.active[:0], f.hits[:0], f.parts[:0]
	var sep int32 // the separator before the word at i, as one of the keys', or 0
	for i := 0; i < len(hay); {
		from := i
		for i < len(hay) {
			c := hay[i]
			w, size := false, 1
			if c < utf8.RuneSelf {
				w = wordRunes[c]
			} else {
				w, size = wordRuneAt(hay, i)
			}
			if w {
				break
			}
			if f.m.nonWordFirst[c] {
				f.walk(i, len(hay)+1) // any end
			}
			i += size
		}
		if len(f.active) > 0 {
			sep = f.separator(from, i)
		}
		if i == len(hay) {
			break
		}
		j := wordEndFrom(hay, i)
		f.word(i, j, sep)
		i = j
	}
	sortRaw(f.hits)
	return f.mergeSorted(f.pairParts())
}

// word reads the word hay[i:j], which follows the separator sep: it carries on the keys in
// progress and starts those that begin with it.
func (f *finder) word(i, j int, sep int32) {
	wt := f.m.words
	if wt == nil { // no key starts with a word
		return
	}
	head, tail := tokenKey(f.hay, i, j)
	var id, first int32
	var extends bool
	if sl := wt.words.find(f.hay, i, j, head, tail); sl != nil {
		id, first, extends = sl.id, sl.node, sl.extends
	} else {
		extends = f.m.prefixes.may(head, j-i)
	}
	live := f.active[:0]
	for _, p := range f.active {
		for _, e := range wt.ends[p.ends : p.ends+p.nEnds] {
			if e.sep != 0 && e.sep == sep && j-i > len(e.text) && f.hay[i:i+len(e.text)] == e.text {
				f.report(e.key, p.start, i+len(e.text))
			}
		}
		if id == 0 || sep == 0 {
			continue
		}
		if c := wt.edges.next(p.node, sep, id); c != 0 {
			nd := &wt.nodes[c]
			if nd.key >= 0 {
				f.report(nd.key, p.start, j)
			}
			if nd.live() {
				live = append(live, wt.phraseAt(c, p.start))
			}
		}
	}
	f.active = live
	if extends {
		f.walk(i, j)
	}
	if first != 0 {
		nd := &wt.nodes[first]
		if nd.key >= 0 {
			f.report(nd.key, i, j)
		}
		if nd.live() {
			f.active = append(f.active, wt.phraseAt(first, i))
		}
	}
}

// separator reads the separator hay[i:j] after a word: the keys in progress that end with a
// separator it begins with match. It returns the separator as one of the keys', or 0.
func (f *finder) separator(i, j int) int32 {
	wt := f.m.words
	s := f.hay[i:j]
	for _, p := range f.active {
		for _, e := range wt.ends[p.ends : p.ends+p.nEnds] {
			if e.sep == 0 && strings.HasPrefix(s, e.text) {
				f.report(e.key, p.start, i+len(e.text))
			}
		}
	}
	switch {
	case j == len(f.hay): // no word follows
		return 0
	case s == " ":
		return wt.space
	}
	head, tail := tokenKey(f.hay, i, j)
	if sl := wt.seps.find(f.hay, i, j, head, tail); sl != nil {
		return sl.id
	}
	return 0
}

// walk walks the trie from i and reports the keys found that end before limit.
func (f *finder) walk(i, limit int) {
	f.found = f.m.trie.walk(f.hay, i, f.found[:0])
	for _, k := range f.found {
		if k.end < limit {
			f.report(k.key, i, k.end)
		}
	}
}

// report keeps the match of key at [start,end) for the uses whose ends it fits: where the key
// ends with a word character, a use that is not a prefix needs a boundary after it.
func (f *finder) report(key int32, start, end int) {
	whole := !f.m.wordEnd[key] || boundaryAfter(f.hay, end)
	for _, u := range f.m.uses[key] {
		e := end
		if u.prefix {
			e = wordEndFrom(f.hay, end)
		} else if !whole {
			continue
		}
		if u.slot < 0 {
			f.hits = append(f.hits, rawHit{spec: u.spec, start: start, end: e})
		} else {
			f.parts = append(f.parts, partHit{slot: u.slot, Span: Span{start, e}})
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

// mergeSorted merges pairs into f.hits, both in order (lessHit), from the back so that the
// spare capacity of f.hits is used.
func (f *finder) mergeSorted(pairs []rawHit) []rawHit {
	a := f.hits
	i, j := len(a)-1, len(pairs)-1
	a = slices.Grow(a, len(pairs))[:len(a)+len(pairs)]
	for k := len(a) - 1; j >= 0; k-- {
		if i >= 0 && lessHit(pairs[j], a[i]) {
			a[k], i = a[i], i-1
		} else {
			a[k], j = pairs[j], j-1
		}
	}
	f.hits = a
	return a
}
