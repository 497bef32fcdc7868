package analysis

import "golang.org/x/sys/cpu"

// classifyAVX2 chooses the kernels' AVX2 path, thirty-two bytes an instruction, over SSE2's
// sixteen, where the processor and the operating system support it. The tests set it to try
// both.
var classifyAVX2 = cpu.X86.HasAVX2

// classify64 classifies s[:64] into m (classify.go); s is at least 65 bytes long, which the
// callers' slicing has checked. Implemented in classify_amd64.s.
//
//go:noescape
func classify64(s string, m *marks)

// classifyWords64 classifies s[:64] into w (classify.go) as classifyWords64Generic does, with
// fewer comparisons than classify64; s is at least 65 bytes long.
//
//go:noescape
func classifyWords64(s string, w *wordMarks)

// equalFold32 is equalFoldLen over the first min(len(s), len(t)) &^ 31 bytes, with AVX2;
// call it only when classifyAVX2 is set. Implemented in classify_amd64.s.
//
//go:noescape
func equalFold32(s, t string) int

// markBytes marks the bytes the extractors step through (entities_bytes.go) in s, a whole
// number of blocks of 64 bytes, into word k of each list for block k: with AVX2 where the
// processor has it, else eight bytes at a time within a register.
func markBytes(s string, dots, ats, brackets []uint64) {
	if n := len(s) / 64; n > 0 && classifyAVX2 {
		_, _, _ = dots[n-1], ats[n-1], brackets[n-1]
		markBytesAVX2(s, &dots[0], &ats[0], &brackets[0])
		return
	}
	markBytesGeneric(s, dots, ats, brackets)
}

// markBytesAVX2 is markBytes with AVX2, for the whole blocks of s. Implemented in
// classify_amd64.s.
//
//go:noescape
func markBytesAVX2(s string, dots, ats, brackets *uint64)
