package analysis

import (
	"cmp"
	"slices"
)

// pairParts turns part matches of '~' patterns into hits, in order of start, then spec: for each
// match of the first part, the first chain of following parts, each within maxGapWords words
// of the previous one.
func (f *finder) pairParts() []rawHit {
	f.pairs = f.pairs[:0]
	if len(f.parts) == 0 {
		return nil
	}
	// Group the matches by slot, keeping their order within one, which is of start: the
	// matches of one key are reported in order of start.
	n := f.m.nslots
	f.at = slices.Grow(f.at[:0], 2*n+1)[:2*n+1]
	clear(f.at)
	at, next := f.at[:n+1], f.at[n+1:] // the matches of slot s go to sorted[at[s]:at[s+1]]
	for _, p := range f.parts {
		at[p.slot+1]++
	}
	for s := range n {
		at[s+1] += at[s]
	}
	copy(next, at[:n])
	f.sorted = slices.Grow(f.sorted[:0], len(f.parts))[:len(f.parts)]
	for _, p := range f.parts {
		f.sorted[next[p.slot]] = p.Span
		next[p.slot]++
	}
	for t, spec := range f.m.tildes {
		lists := f.lists[:0]
		for _, s := range f.m.slots[t] {
			lists = append(lists, f.sorted[at[s]:at[s+1]])
		}
		f.lists = lists
		if slices.ContainsFunc(lists, func(l []Span) bool { return len(l) == 0 }) {
			continue
		}
		for _, first := range lists[0] {
			if end, ok := chain(f.hay, lists[1:], first.End); ok {
				f.pairs = append(f.pairs, rawHit{spec: spec, start: first.Start, end: end})
			}
		}
	}
	slices.SortFunc(f.pairs, func(a, b rawHit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.spec - b.spec
	})
	return f.pairs
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
