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
