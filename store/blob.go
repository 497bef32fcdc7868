package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	badger "github.com/dgraph-io/badger/v4"
)

// ChunkSize is the unit in which blobs are streamed and stored. A blob of at most ChunkSize
// bytes is stored inline under its own hash; a larger one as a manifest of chunk hashes.
const ChunkSize = 1 << 20

const (
	blobInline  byte = 0
	blobChunked byte = 1
)

// BlobRef names a stored blob.
type BlobRef struct {
	ID   Hash  `json:"sha256"`
	Size int64 `json:"size"`
}

// BlobBatch stages blobs and writes them with one synced flush: the way to store the many
// artifacts of one capture. Blobs already stored are not written again. A batch is used by one
// goroutine.
type BlobBatch struct {
	s       *Store
	wb      *badger.WriteBatch
	pending map[Hash]bool
	staged  int
	err     error
}

// maxStaged bounds the bytes a batch holds before it flushes, so memory stays flat for any size.
const maxStaged = 16 * ChunkSize

// NewBlobBatch starts a batch. Call Commit or Cancel.
func (s *Store) NewBlobBatch() *BlobBatch {
	return &BlobBatch{s: s, wb: s.db.NewWriteBatch(), pending: map[Hash]bool{}}
}

// Add streams r into the batch and returns its name. Memory use is about two chunks,
// whatever the size of r.
func (b *BlobBatch) Add(ctx context.Context, r io.Reader) (BlobRef, error) {
	if b.err != nil {
		return BlobRef{}, b.err
	}
	ref, err := b.add(ctx, r)
	if err != nil {
		b.err = err
	}
	return ref, err
}

func (b *BlobBatch) add(ctx context.Context, r io.Reader) (BlobRef, error) {
	if err := b.s.checkOpen(); err != nil {
		return BlobRef{}, err
	}
	chunk, err := readChunk(r, ChunkSize)
	if err != nil {
		return BlobRef{}, err
	}
	next, err := readChunk(r, len(chunk))
	if err != nil {
		return BlobRef{}, err
	}
	if len(next) == 0 { // small blob: its only chunk is the blob
		id := Sum(chunk)
		ref := BlobRef{ID: id, Size: int64(len(chunk))}
		return ref, b.stage(ctx, hashKey(pfxBlob, id), append([]byte{blobInline}, chunk...))
	}
	whole := sha256.New()
	manifest := []byte{blobChunked, 0, 0, 0, 0, 0, 0, 0, 0}
	var size int64
	for len(chunk) > 0 {
		whole.Write(chunk)
		size += int64(len(chunk))
		id := Sum(chunk)
		if err := b.stage(ctx, hashKey(pfxChunk, id), chunk); err != nil {
			return BlobRef{}, err
		}
		manifest = append(manifest, id[:]...)
		if chunk, err = next, nil; len(chunk) == ChunkSize {
			next, err = readChunk(r, ChunkSize)
		} else {
			next = nil
		}
		if err != nil {
			return BlobRef{}, err
		}
	}
	binary.BigEndian.PutUint64(manifest[1:9], uint64(size))
	ref := BlobRef{ID: Hash(whole.Sum(nil)), Size: size}
	return ref, b.stage(ctx, hashKey(pfxBlob, ref.ID), manifest)
}

// readChunk reads up to ChunkSize bytes into a new slice; fewer only at the end of r. With
// prev shorter than ChunkSize the stream has ended and nothing is read.
func readChunk(r io.Reader, prev int) ([]byte, error) {
	if prev < ChunkSize {
		return nil, nil
	}
	buf := make([]byte, ChunkSize)
	n, err := io.ReadFull(r, buf)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("read blob: %w", err)
	}
	return buf[:n], nil
}

// stage adds key=value to the batch unless it is stored already or staged in this batch.
func (b *BlobBatch) stage(ctx context.Context, key, value []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	h := Hash(key[1:])
	if b.pending[h] {
		return nil
	}
	err := b.s.db.View(func(tx *badger.Txn) error { _, err := tx.Get(key); return err })
	if err == nil {
		return nil
	}
	if !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	if err := b.s.checkSpace(int64(len(value))); err != nil {
		return err
	}
	if b.staged+len(value) > maxStaged {
		if err := b.wb.Flush(); err != nil {
			return err
		}
		b.wb, b.staged = b.s.db.NewWriteBatch(), 0
	}
	b.pending[h] = true
	b.staged += len(value)
	return b.wb.Set(key, value)
}

// Commit writes every staged blob and syncs. After an error nothing should be assumed stored.
func (b *BlobBatch) Commit() error {
	if b.err != nil {
		b.wb.Cancel()
		return b.err
	}
	b.err = errors.New("blob batch already committed")
	return b.wb.Flush()
}

// Cancel drops the batch. Blobs already flushed by Badger stay, unreferenced and harmless.
func (b *BlobBatch) Cancel() { b.wb.Cancel() }

// PutBlob streams r into the store and returns its name.
func (s *Store) PutBlob(ctx context.Context, r io.Reader) (BlobRef, error) {
	b := s.NewBlobBatch()
	ref, err := b.Add(ctx, r)
	if err != nil {
		b.Cancel()
		return BlobRef{}, err
	}
	return ref, b.Commit()
}

// PutBlobBytes stores p and returns its name.
func (s *Store) PutBlobBytes(ctx context.Context, p []byte) (BlobRef, error) {
	return s.PutBlob(ctx, bytes.NewReader(p))
}

// HasBlob reports whether the blob is stored.
func (s *Store) HasBlob(id Hash) (bool, error) {
	err := s.db.View(func(tx *badger.Txn) error { _, err := tx.Get(hashKey(pfxBlob, id)); return err })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// BlobReader reads a stored blob chunk by chunk. It does not check hashes; Verify does.
type BlobReader struct {
	s      *Store
	id     Hash
	size   int64
	chunks []Hash
	cur    *bytes.Reader
}

// OpenBlob opens a stored blob for reading.
func (s *Store) OpenBlob(id Hash) (*BlobReader, error) {
	v, err := s.get(hashKey(pfxBlob, id))
	if err != nil {
		return nil, &BlobError{ID: id, Err: err}
	}
	return newBlobReader(s, id, v)
}

func newBlobReader(s *Store, id Hash, v []byte) (*BlobReader, error) {
	br := &BlobReader{s: s, id: id}
	switch {
	case len(v) >= 1 && v[0] == blobInline:
		br.cur, br.size = bytes.NewReader(v[1:]), int64(len(v)-1)
	case len(v) >= 9 && v[0] == blobChunked && (len(v)-9)%len(Hash{}) == 0:
		br.size = int64(binary.BigEndian.Uint64(v[1:9]))
		for p := v[9:]; len(p) > 0; p = p[len(Hash{}):] {
			br.chunks = append(br.chunks, Hash(p[:len(Hash{})]))
		}
		br.cur = bytes.NewReader(nil)
	default:
		return nil, &BlobError{ID: id, Err: errors.New("manifest is damaged")}
	}
	return br, nil
}

// Size is the blob's length in bytes.
func (r *BlobReader) Size() int64 { return r.size }

func (r *BlobReader) Read(p []byte) (int, error) {
	for r.cur.Len() == 0 {
		if len(r.chunks) == 0 {
			return 0, io.EOF
		}
		c, err := r.s.get(hashKey(pfxChunk, r.chunks[0]))
		if err != nil {
			return 0, &BlobError{ID: r.id, Err: fmt.Errorf("chunk %s: %w", r.chunks[0].Short(), err)}
		}
		r.chunks = r.chunks[1:]
		r.cur = bytes.NewReader(c)
	}
	return r.cur.Read(p)
}

// Close releases the reader.
func (r *BlobReader) Close() error { return nil }

// ReadBlob returns a whole blob; for blobs known to be small.
func (s *Store) ReadBlob(id Hash) ([]byte, error) {
	r, err := s.OpenBlob(id)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
