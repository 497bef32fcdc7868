package analysis

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRadixSortSpans compares the radix sorts of spans and findings with comparison sorts, on
// spans of every size from a handful to a few thousand.
func TestRadixSortSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 3, 10, 100, 3000} {
		for _, far := range []int{8, 1 << 12, 1 << 24} {
			spans := make([]Span, n)
			found := make([]Entity, n)
			for i := range spans {
				start := rng.IntN(far)
				spans[i] = Span{start, start + rng.IntN(40)}
				found[i] = Entity{Span: spans[i], Value: string(rune('a' + i%26))}
			}
			want := slices.Clone(spans)
			slices.SortFunc(want, func(a, b Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
			sortSpans(spans)
			if !slices.Equal(spans, want) {
				t.Fatalf("sortSpans, %d spans up to %d: got %v, want %v", n, far, spans, want)
			}
			wantFound := slices.Clone(found)
			slices.SortStableFunc(wantFound, func(a, b Entity) int {
				return cmp.Or(a.Span.Start-b.Span.Start, a.Span.End-b.Span.End)
			})
			sortBySpan(found)
			if !slices.Equal(found, wantFound) {
				t.Fatalf("sortBySpan, %d findings up to %d: the order differs", n, far)
			}
		}
	}
}
