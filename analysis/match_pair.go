package analysis

import "slices"

// pairParts turns part matches of '~' patterns into hits (f.pairs), in order of start, then
// spec: for each match of the first part, the first chain of following parts, each within
// maxGapWords words of the previous one.
func (f *finder) pairParts() {
	f.pairs = f.pairs[:0]
	if len(f.parts) == 0 {
		return
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
		f.sorted[next[p.slot]] = p.partMatch
		next[p.slot]++
	}
	pairs := f.pairs[:0]
	for t, spec := range f.m.tildes {
		lists := f.lists[:0]
		for _, s := range f.m.slots[t] {
			lists = append(lists, f.sorted[at[s]:at[s+1]])
		}
		f.lists = lists
		if slices.ContainsFunc(lists, func(l []partMatch) bool { return len(l) == 0 }) {
			continue
		}
		// This pattern's hits are in order of start; they join the others' by a merge.
		n := len(pairs)
		for _, first := range lists[0] {
			if end, ok := chain(lists[1:], first); ok {
				pairs = append(pairs, rawHit{spec: spec, start: first.Start, end: end})
			}
		}
		if n > 0 && len(pairs) > n {
			f.run = append(f.run[:0], pairs[n:]...)
			pairs = mergeInto(pairs[:n], f.run)
		}
	}
	f.pairs = pairs
}

// chain finds matches of the remaining parts, in order, each starting at or after the end of
// the one before with at most maxGapWords words in between, and returns where the last one
// ends. The gaps of candidates only grow, so the search stops at the first too far away.
func chain(lists [][]partMatch, prev partMatch) (int, bool) {
	if len(lists) == 0 {
		return prev.End, true
	}
	// The first candidate starts at prev.End or after.
	i, k := 0, len(lists[0])
	for i < k {
		if h := int(uint(i+k) >> 1); lists[0][h].Start < prev.End {
			i = h + 1
		} else {
			k = h
		}
	}
	for _, c := range lists[0][i:] {
		if c.wordsBefore-prev.wordsThrough > maxGapWords {
			break
		}
		if end, ok := chain(lists[1:], c); ok {
			return end, true
		}
	}
	return 0, false
}
