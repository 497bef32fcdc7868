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
			sortSpans(spans, nil)
			if !slices.Equal(spans, want) {
				t.Fatalf("sortSpans, %d spans up to %d: got %v, want %v", n, far, spans, want)
			}
			wantFound := slices.Clone(found)
			slices.SortStableFunc(wantFound, func(a, b Entity) int {
				return cmp.Or(a.Span.Start-b.Span.Start, a.Span.End-b.Span.End)
			})
			sortBySpan(found, nil)
			if !slices.Equal(found, wantFound) {
				t.Fatalf("sortBySpan, %d findings up to %d: the order differs", n, far)
			}
		}
	}
}

// TestSortSpansRuns sorts spans made of a few runs already in order, as the spans phones may
// not overlap are (merged, not radix-sorted), and of one run more than mergeRuns takes.
func TestSortSpansRuns(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, runs := range []int{1, 2, 3, 5, maxMergeRuns, maxMergeRuns + 1} {
		for _, n := range []int{0, 1, 7, 100, 3000} {
			var spans []Span
			for range runs {
				run := make([]Span, n)
				for i := range run {
					start := rng.IntN(1 << 12)
					run[i] = Span{start, start + rng.IntN(8)}
				}
				slices.SortFunc(run, func(a, b Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
				spans = append(spans, run...)
			}
			want := slices.Clone(spans)
			slices.SortFunc(want, func(a, b Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
			sortSpans(spans, nil)
			if !slices.Equal(spans, want) {
				t.Fatalf("sortSpans, %d runs of %d spans: got %v, want %v", runs, n, spans, want)
			}
		}
	}
}

// TestStartsBefore compares the search of spanSet.overlaps with slices.BinarySearchFunc on
// sorted spans with repeated starts, for ends before, among and after them.
func TestStartsBefore(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 2, 3, 7, 64, 1000} {
		spans := make([]Span, n)
		for i := range spans {
			start := rng.IntN(2 * n)
			spans[i] = Span{start, start + rng.IntN(8)}
		}
		slices.SortFunc(spans, func(a, b Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
		for end := -1; end <= 2*n+1; end++ {
			want, _ := slices.BinarySearchFunc(spans, end, func(a Span, t int) int { return a.Start - t })
			if got := startsBefore(spans, end); got != want {
				t.Fatalf("startsBefore(%d spans, %d) = %d, want %d", n, end, got, want)
			}
		}
	}
}
