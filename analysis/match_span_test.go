package analysis

import "testing"

// TestSpanCursor holds spanCursor to OriginalSpan for spans in order of start, of texts whose
// map back to the original has anchors of every kind: dropped characters, collapsed spaces,
// letters that lost an accent, numbers for number words, spaced-out letters.
func TestSpanCursor(t *testing.T) {
	texts := append(matchSamples(t), "", "a", "  x  ", "three three three 4 5 6 w h a t s a p p\u200b!",
		"Ἀθῆναι ΕΎΚΟΛΑ ΧΡΉΜΑΤΑ café naïve raúl 🅙🅞🅑 ❶❷ ß ﬀ раураl")
	for _, s := range texts {
		n := Normalize(s)
		for step := 1; step <= 7; step += 3 {
			c := spanCursor{n: n}
			for start := 0; start < len(n.Text); start += step {
				for end := start + 1; end <= len(n.Text) && end <= start+40; end++ {
					if got, want := c.span(start, end), n.OriginalSpan(start, end); got != want {
						t.Fatalf("%q: span(%d, %d) = %v, want %v", n.Text, start, end, got, want)
					}
				}
			}
		}
	}
	var zero Normalized
	c := spanCursor{n: &zero}
	if got := c.span(0, 1); got != (Span{}) {
		t.Errorf("span of a zero Normalized = %v, want the zero span", got)
	}
}
