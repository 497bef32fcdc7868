package analysis

import "strings"

// Normalized is a text after normalisation, with a map back to the original.
type Normalized struct {
	Original string
	Text     string
	// orig[i] is the byte offset in Original where the character that produced byte i of Text
	// starts; orig[len(Text)] is len(Original).
	orig []int
}

// Normalize folds s for matching. (First cut: lower case only; the full normaliser replaces it.)
func Normalize(s string) *Normalized {
	n := &Normalized{Original: s}
	var b strings.Builder
	for i, r := range s {
		lr := strings.ToLower(string(r))
		for range len(lr) {
			n.orig = append(n.orig, i)
		}
		b.WriteString(lr)
	}
	n.Text = b.String()
	n.orig = append(n.orig, len(s))
	return n
}

// OriginalSpan maps the byte range [start, end) of Text to the original text.
func (n *Normalized) OriginalSpan(start, end int) Span {
	if start < 0 {
		start = 0
	}
	if end > len(n.Text) {
		end = len(n.Text)
	}
	if start >= end {
		return Span{n.orig[start], n.orig[start]}
	}
	// The end maps to the end of the original character that produced the last byte.
	last := n.orig[end-1]
	e := end
	for e < len(n.Text) && n.orig[e] == last {
		e++
	}
	return Span{n.orig[start], n.orig[e]}
}
