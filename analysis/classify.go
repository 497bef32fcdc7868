package analysis

// The survey of entities_survey.go and the word bits of match_bits.go classify every byte of a
// text, 64 bytes at a time, into a few kinds at once (classify64, and classifyWords64 for the
// kinds the word bits read). On amd64 a kernel in
// assembly does it thirty-two bytes an instruction where the processor has AVX2, else sixteen
// (SSE2, which every amd64 processor has); the portable version below does it eight bytes at a
// time within a register (entities_swar.go), and is the oracle both kernels are tested against.

// marks are the kinds of the bytes of a block of 64, bit k for byte k.
type marks struct {
	word   uint64 // may be part of a word: "@" and above (letters, any byte of a multi-byte character) and "'"
	letter uint64 // ASCII letters
	lead   uint64 // leads of multi-byte characters (0xC0 and above)
	// alpha marks the leads of the two-byte letters most common in the supported languages:
	// accented Latin (C3 but for × and ÷, C4, C5), Greek (CE 8E to CF AF but for CE A2) and
	// Cyrillic (D0, D1), when a continuation byte follows. Other two-byte letters are looked
	// up one by one by the callers (letterTable, wordRunes), which agree with alpha on these.
	alpha uint64
	digit uint64 // ASCII digits
	plus  uint64 // "+"
}

// classify64Generic classifies s[:64]; s is at least 65 bytes long (alpha reads the byte after
// each).
func classify64Generic(s string, m *marks) {
	*m = marks{}
	for k := 0; k < 64; k += 8 {
		m.chunk(load8(s, k), uint(k))
	}
	for k := range 64 {
		if isAlphaLead(s[k], s[k+1]) {
			m.alpha |= 1 << k
		}
	}
}

// wordMarks are the marks of a block that Match's word bits read.
type wordMarks struct{ alnum, lead, alpha uint64 } // alnum: ASCII letters and digits

// classifyWords64Generic classifies s[:64] for the word bits; s is at least 65 bytes long.
func classifyWords64Generic(s string, w *wordMarks) {
	var m marks
	classify64Generic(s, &m)
	*w = wordMarks{alnum: m.letter | m.digit, lead: m.lead, alpha: m.alpha}
}

// isAlphaLead reports whether c and c2 make one of the two-byte letters of marks.alpha.
func isAlphaLead(c, c2 byte) bool {
	if c2 < 0x80 || c2 >= 0xC0 {
		return false
	}
	switch c {
	case 0xC3:
		return c2 != 0x97 && c2 != 0xB7
	case 0xC4, 0xC5, 0xD0, 0xD1:
		return true
	case 0xCE:
		return c2 >= 0x8E && c2 != 0xA2
	case 0xCF:
		return c2 <= 0xAF
	}
	return false
}

// chunk marks the eight bytes x from k.
func (m *marks) chunk(x uint64, k uint) {
	m.word |= pack8((x&lo7+0x40*ones|x)&hi|equalBytes(x, '\'')) << k
	m.letter |= pack8(letterBytes(x)) << k
	m.digit |= pack8(digitBytes(x)) << k
	m.plus |= pack8(equalBytes(x, '+')) << k
	m.lead |= pack8(x&(x<<1)&hi) << k // 0xC0 and above
}

// pack8 gathers the high bits of the bytes of m into the low byte: bit k for byte k.
func pack8(m uint64) uint64 { return (m >> 7) * 0x0102040810204080 >> 56 }
