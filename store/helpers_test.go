package store

import (
	"crypto/sha256"
	"hash"
	"io"
)

func newSHA() hash.Hash { return sha256.New() }

func copyBuf(w io.Writer, r io.Reader) (int64, error) {
	return io.CopyBuffer(w, r, make([]byte, 64<<10))
}
