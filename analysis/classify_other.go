//go:build !amd64

package analysis

// classify64 classifies s[:64] into m (classify.go); s is at least 65 bytes long.
func classify64(s string, m *marks) { classify64Generic(s, m) }

// classifyWords64 classifies s[:64] into w (classify.go); s is at least 65 bytes long.
func classifyWords64(s string, w *wordMarks) { classifyWords64Generic(s, w) }

// equalFold32 has no kernel off amd64, where classifyAVX2 is false and it is never called.
func equalFold32(s, t string) int { return 0 }

// classifyAVX2 is false off amd64.
const classifyAVX2 = false

// markBytes marks the bytes the extractors step through (entities_bytes.go) in s, a whole
// number of blocks of 64 bytes, into word k of each list for block k.
func markBytes(s string, dots, ats, brackets []uint64) { markBytesGeneric(s, dots, ats, brackets) }
