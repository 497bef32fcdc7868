package analysis

import "sort"

func sortHits(hs []Hit) {
	sort.SliceStable(hs, func(i, j int) bool {
		if hs[i].Span.Start != hs[j].Span.Start {
			return hs[i].Span.Start < hs[j].Span.Start
		}
		return hs[i].Indicator < hs[j].Indicator
	})
}
