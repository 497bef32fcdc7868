package analysis

import (
	"math/bits"
	"slices"
)

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
	pairs, runs := f.pairs[:0], 0
	for t, spec := range f.m.tildes {
		lists := f.lists[:0]
		for _, s := range f.m.slots[t] {
			lists = append(lists, f.sorted[at[s]:at[s+1]])
		}
		f.lists = lists
		if slices.ContainsFunc(lists, func(l []partMatch) bool { return len(l) == 0 }) {
			continue
		}
		// This pattern's hits are in order of start; they join the others' by a sort after.
		n := len(pairs)
		// The matches of one slot end in order of start (a match of a key ends len(key) bytes
		// after it starts, or where that word ends), so the first match of the second part at
		// or after the first's end only moves on.
		next := 0
		for _, first := range lists[0] {
			for next < len(lists[1]) && lists[1][next].Start < first.End {
				next++
			}
			if end, ok := chainFrom(lists[1:], next, first); ok {
				pairs = append(pairs, rawHit{spec: spec, start: first.Start, end: end})
			}
		}
		if len(pairs) > n {
			runs++
		}
	}
	f.pairs = pairs
	if runs > 1 {
		f.sortPairs()
	}
}

// sortPairs sorts f.pairs, runs in order of start, one a pattern, in order of spec, by a radix
// sort of their starts, which keeps the order of the runs among the pairs that start together.
// Merging each run into those before it moved them all again, once a pattern.
func (f *finder) sortPairs() {
	pairs := f.pairs
	ib, hi := uint(bits.Len(uint(len(pairs)))), 0 // the bits of an index, and any start's
	f.keys = slices.Grow(f.keys[:0], len(pairs))
	for i, p := range pairs {
		f.keys = append(f.keys, uint64(p.start)<<ib|uint64(i))
		hi |= p.start
	}
	f.tmp = slices.Grow(f.tmp[:0], len(pairs))
	keys := radixSort(f.keys, f.tmp, int(ib), int(ib)+bits.Len(uint(hi)))
	sorted := f.run[:0]
	for _, k := range keys {
		sorted = append(sorted, pairs[k&(1<<ib-1)])
	}
	f.pairs, f.run = sorted, pairs
}

// chain finds matches of the remaining parts, in order, each starting at or after the end of
// the one before with at most maxGapWords words in between, and returns where the last one
// ends.
func chain(lists [][]partMatch, prev partMatch) (int, bool) {
	if len(lists) == 0 {
		return prev.End, true
	}
	return chainFrom(lists, after(lists[0], prev.End), prev)
}

// chainFrom is chain, given that lists[0][i] is the first match that starts at or after
// prev.End. The gaps of candidates only grow, so the search stops at the first too far away.
func chainFrom(lists [][]partMatch, i int, prev partMatch) (int, bool) {
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

// after returns the index of the first match in l that starts at or after end.
func after(l []partMatch, end int) int {
	i, k := 0, len(l)
	for i < k {
		if h := int(uint(i+k) >> 1); l[h].Start < end {
			i = h + 1
		} else {
			k = h
		}
	}
	return i
}
