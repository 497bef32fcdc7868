package analysis

import "golang.org/x/sys/cpu"

// eachKernel runs f with each kernel this machine can run: SSE2, and AVX2 where the processor
// has it (on one without, only the SSE2 path is tried).
func eachKernel(f func(kernel string)) {
	defer func(v bool) { classifyAVX2 = v }(classifyAVX2)
	classifyAVX2 = false
	f("SSE2")
	if cpu.X86.HasAVX2 {
		classifyAVX2 = true
		f("AVX2")
	}
}
