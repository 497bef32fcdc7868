package analysis

// spanCursor maps the spans of Match's hits, which come in order of start, to the original text
// as OriginalSpan does. It reads the anchors of the map on from those of the last hit, where
// OriginalSpan starts from the anchor in force at the start of a block for every byte it looks
// up: a hit then costs about one anchor instead of some for each of its ends.
type spanCursor struct {
	n *Normalized
	k int // the anchor in force at the start of the last span
}

// span returns n.OriginalSpan(start, end), for 0 <= start < end <= len(n.Text).
func (c *spanCursor) span(start, end int) Span {
	n := c.n
	a := n.anchors
	if len(a) == 0 { // a zero Normalized, not made by Normalize
		return n.OriginalSpan(start, end)
	}
	k := n.blocks[start>>normBlockShift]
	if c.k > k && a[c.k].t <= start {
		k = c.k
	}
	k = anchorFrom(a, k, start)
	c.k = k
	kl := anchorFrom(a, k, end-1)
	last := normOrigAt(n.Text, a, kl, end-1)
	// The span takes in the bytes after end that come from the same character. Where the
	// first byte that does not starts in the original bounds the end of the span's last
	// character; at the end of the text, the last anchor maps it to the end of the original.
	e, ke := end, anchorFrom(a, kl, end)
	next := normOrigAt(n.Text, a, ke, e)
	for e < len(n.Text) && next == last {
		e++
		ke = anchorFrom(a, ke, e)
		next = normOrigAt(n.Text, a, ke, e)
	}
	return Span{normOrigAt(n.Text, a, k, start), charEnd(n.Original, last, next)}
}

// charEnd is normCharEnd(s, from, limit). Most characters of a hit's end come right before the
// next that produced output: those of one byte, and the letters of two (Greek, Cyrillic,
// accented Latin). They end at limit, which is known without decoding them or calling
// normCharEnd.
func charEnd(s string, from, limit int) int {
	switch limit - from {
	case 1:
		return limit
	case 2:
		if c := s[from]; 0xC2 <= c && c < 0xE0 && s[from+1]&0xC0 == 0x80 {
			return limit
		}
	}
	return normCharEnd(s, from, limit)
}

// anchorFrom returns the index of the last anchor at or before byte i of the text, reading on
// from k, an anchor at or before it.
func anchorFrom(a []normAnchor, k, i int) int {
	for k+1 < len(a) && a[k+1].t <= i {
		k++
	}
	return k
}
