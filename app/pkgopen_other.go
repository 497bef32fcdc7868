//go:build !unix

package app

// openNonBlock: no FIFO blocks an open here.
const openNonBlock = 0
