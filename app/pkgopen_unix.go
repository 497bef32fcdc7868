//go:build unix

package app

import "syscall"

// openNonBlock opens a FIFO without waiting for a writer, so that it can be refused.
const openNonBlock = syscall.O_NONBLOCK
