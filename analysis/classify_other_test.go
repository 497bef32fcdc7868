//go:build !amd64

package analysis

// eachKernel runs f with the portable classification, the only one off amd64.
func eachKernel(f func(kernel string)) { f("portable") }
