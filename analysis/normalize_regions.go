package analysis

// Most text gives the word-level steps (spaced-out letters, leetspeak, mixed scripts, number
// words, slashes) nothing to do, so Normalize does not run them over everything: it reads the
// folded text chunk by chunk (runs without spaces) as step 1 writes it, marks the chunks where
// a step could act, and hands only the regions around them to the steps. A chunk is hot when
// it mixes letters with digits or leet symbols, mixes scripts in a word, or has a slash at its
// edge; a chunk with two lone characters or two number words is hot, and one with one of them,
// or with only separators, is hot when a neighbour is of the same kind (a spaced-out run or a
// run of number words needs two at least). A region is a stretch of hot chunks, less than two
// cool chunks apart, with one cool chunk on either side. No step reaches across a cool chunk,
// so a region gives the same result alone as in the whole text: the tests and the fuzz test
// compare every result with the steps run over the whole text (normWhole).
//
// Most chunks are plain words, letters of one script with maybe a punctuation mark after
// them, which the folder's hot loop reads as it writes them (normPlain); normChunkScanner
// reads the others.

// normChunk is what the region scan knows of one chunk of the folded text.
type normChunk struct {
	start, end int // bytes of the folded text; start < 0: no chunk
	lone       int // lone letters, digits or leet symbols
	num        int // words that may be number words
	sepOnly    bool
	hot        bool // hot whatever its neighbours
}

// ordinary reports a chunk that is not hot and makes no neighbour hot.
func (ch *normChunk) ordinary() bool {
	return ch.lone == 0 && ch.num == 0 && !ch.sepOnly && !ch.hot
}

// normRegion is a byte range [start, end) of the folded text.
type normRegion struct{ start, end int }

// normRegionScan finds the regions while the folded text is written: it is told of each chunk
// as the chunk ends (push), and decides whether the chunk before it is hot once it knows both
// its neighbours. Ordinary chunks (most words) are neither hot nor make a neighbour hot, so
// while the last chunk is ordinary and the one before it not hot, the scan is quiet: a run of
// ordinary chunks passes with no more than its start noted.
type normRegionScan struct {
	sc        normChunkScanner // for the chunks that are not plain words
	prev, cur normChunk        // chunks k-1 and k (a start of -1: none)
	k         int
	lastHot   int // index of the last hot chunk
	regs      []normRegion
	quiet     bool // cur is ordinary and starts at lastStart, prev is not hot
	lastStart int
}

func newNormRegionScan() normRegionScan {
	sc := normChunkScanner{bloom: normNumberBloom(), tab: normFoldRanges()[0].e, cls: normClassTable()}
	return normRegionScan{sc: sc, prev: normChunk{start: -1}, cur: normChunk{start: -1}, k: -1, lastHot: -3}
}

// push adds the chunk that follows the last one pushed (start -1: the text ended).
func (rs *normRegionScan) push(next normChunk) {
	if rs.quiet {
		if next.ordinary() {
			rs.lastStart = next.start
			return
		}
		// The chunk before next is ordinary and the one before that is not hot, so there was
		// nothing to decide for it, and the last hot chunk is too far back to matter.
		rs.prev, rs.cur, rs.k = normChunk{start: rs.lastStart, end: next.start - 1}, next, rs.k+1
		rs.lastHot, rs.quiet = rs.k-3, false
		return
	}
	if cur, k := &rs.cur, rs.k; cur.start >= 0 {
		switch {
		case normHot(&rs.prev, cur, &next):
			if rs.lastHot >= k-2 && len(rs.regs) > 0 {
				rs.regs[len(rs.regs)-1].end = cur.end
			} else if rs.prev.start >= 0 {
				rs.regs = append(rs.regs, normRegion{rs.prev.start, cur.end})
			} else {
				rs.regs = append(rs.regs, normRegion{cur.start, cur.end})
			}
			rs.lastHot = k
		case rs.lastHot == k-1:
			rs.regs[len(rs.regs)-1].end = cur.end // the cool chunk after a hot one
		}
	}
	rs.prev, rs.cur, rs.k = rs.cur, next, rs.k+1
	rs.quiet = next.start >= 0 && next.ordinary() && rs.lastHot != rs.k-1
	rs.lastStart = next.start
}

// finish decides the last chunk.
func (rs *normRegionScan) finish() {
	if !rs.quiet {
		rs.push(normChunk{start: -1})
	}
}

// normPlain is what the folder knows of the chunk it is writing while the chunk may still be
// plain, as plainChunk reads it: letters of one script, then at most one punctuation mark; or,
// for fast alone, while it may be a number (ASCII digits alone, normDigits).
type normPlain struct {
	start int    // byte of the folded text
	v     uint64 // the letters (low 32 bits), and 1 << the script of each of them (high)
	h     uint32 // the hash of the letters
	// q is 0 while there are only letters, 1 + where a punctuation mark is after them, -1 once
	// the chunk is not plain, normQDigits while it holds ASCII digits alone
	q int
}

// plain reports whether the chunk that ends at byte end is plain, and its letters.
func (p *normPlain) plain(end int) (bool, int) {
	return normPlainLetters(p.v, p.q, end)
}

// normPlainLetters tests the conditions at once, with no branch of their own: whether a chunk
// ends with a punctuation mark is anyone's guess, and a mispredicted branch per word cost more
// than the arithmetic. q*(q-end) is zero exactly when q is 0 or end (q is -2, -1, 0 or a
// position of at most end, and end is not below 0); scripts has one bit set, or none, when
// scripts&(scripts-1) is zero, and none only when there is no letter (n is 0).
func normPlainLetters(v uint64, q, end int) (bool, int) {
	n, scripts := int(uint32(v)), uint32(v>>32)
	return uint64(scripts&(scripts-1))|uint64(q*(q-end)) == 0 && scripts != 0, n
}

// normOrdinary reports a plain chunk of two letters or more that is no number word, given the
// fields of its normPlain.
//
// Like normPlainLetters, it tests everything at once, the bloom filter's bit too, for the
// hot loop asks for every word: a chunk is ordinary when it is a plain chunk of two letters
// or more (the two imply one script: scripts is not zero) that is no number word.
func normOrdinary(v uint64, h uint32, q, end int, bloom *normBloom) bool {
	n, scripts := uint32(v), uint32(v>>32)
	h &= 1<<16 - 1
	num := bloom[h>>6] >> (h & 63) & uint64(normBool(n <= normMaxNumberWord))
	short := uint64(normBool(n < 2))
	return uint64(scripts&(scripts-1))|uint64(q*(q-end))|num|short == 0
}

// endChunk tells the region scan of the chunk that ends at byte end of the folded text.
func (c *normCharFolder) endChunk(p normPlain, end int) {
	ch := normChunk{start: p.start, end: end}
	if ok, n := p.plain(end); ok { // what plainChunk finds
		if n == 1 {
			ch.lone = 1
		} else if n <= normMaxNumberWord {
			ch.num = normBool(c.bloom.has(p.h))
		}
	} else {
		c.rs.sc.b = c.b[:end]
		c.rs.sc.chunk(p.start, &ch)
	}
	c.rs.push(ch)
}

// normHot decides whether cur is hot, given its neighbours.
func normHot(prev, cur, next *normChunk) bool {
	switch {
	case cur.hot || cur.lone >= 2 || cur.num >= 2:
		return true
	case cur.lone == 1:
		return prev.lone > 0 || prev.sepOnly || next.lone > 0 || next.sepOnly
	case cur.num == 1:
		return prev.num > 0 || prev.sepOnly || next.num > 0 || next.sepOnly
	case cur.sepOnly:
		return prev.lone > 0 || prev.num > 0 || next.lone > 0 || next.num > 0
	}
	return false
}
