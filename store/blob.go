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

// BlobBatch stages blobs and writes them with few synced flushes: the way to store the many
// artifacts of one capture. Blobs already stored are not written again. A batch is used by one
// goroutine.
//
// Content (inline blobs and chunks) is flushed in segments of segmentSize while the next
// segment is read and hashed, with at most maxFlushing segments in flight, so memory stays flat
// for a blob of any size. Content needs no order: each key is the hash of its own value.
// Manifests, which name chunks, are held back and written by Commit after every segment is on
// disk, so a manifest never exists without its chunks, even after a crash.
type BlobBatch struct {
	s         *Store
	wb        *badger.WriteBatch
	pending   map[Hash]bool
	staged    int
	manifests [][2][]byte
	flushing  []chan error
	spares    []*badger.WriteBatch // opened while no commit was in flight, so without waiting
	// snap answers "already stored?": one read snapshot for the batch, because a new read
	// transaction waits for every write in flight and would undo the overlap.
	snap *badger.Txn
	err  error
}

const (
	segmentSize  = 8 * ChunkSize
	maxFlushing  = 3
	spareBatches = 8
)

// NewBlobBatch starts a batch. Call Commit or Cancel.
func (s *Store) NewBlobBatch() *BlobBatch {
	b := &BlobBatch{s: s, wb: s.db.NewWriteBatch(), pending: map[Hash]bool{}, snap: s.db.NewTransaction(false)}
	for range spareBatches {
		b.spares = append(b.spares, s.db.NewWriteBatch())
	}
	return b
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
	next, err := readChunk(r, chunk.len())
	if err != nil {
		return BlobRef{}, err
	}
	if next.len() == 0 { // small blob: its only chunk is the blob, after a type byte
		id := Sum(chunk.data())
		chunk[0] = blobInline
		return BlobRef{ID: id, Size: int64(chunk.len())}, b.stage(ctx, hashKey(pfxBlob, id), chunk)
	}
	whole := sha256.New()
	manifest := []byte{blobChunked, 0, 0, 0, 0, 0, 0, 0, 0}
	var size int64
	for chunk.len() > 0 {
		whole.Write(chunk.data())
		size += int64(chunk.len())
		id := Sum(chunk.data())
		if err := b.stage(ctx, hashKey(pfxChunk, id), chunk.data()); err != nil {
			return BlobRef{}, err
		}
		manifest = append(manifest, id[:]...)
		if chunk, next, err = next, nil, nil; chunk.len() == ChunkSize {
			next, err = readChunk(r, ChunkSize)
		}
		if err != nil {
			return BlobRef{}, err
		}
	}
	binary.BigEndian.PutUint64(manifest[1:9], uint64(size))
	ref := BlobRef{ID: Hash(whole.Sum(nil)), Size: size}
	return ref, b.stage(ctx, hashKey(pfxBlob, ref.ID), manifest)
}

// spaced is up to ChunkSize bytes read from a blob, after one spare byte, so that a small blob
// gets its type byte without a copy.
type spaced []byte

func (s spaced) len() int {
	if len(s) == 0 {
		return 0
	}
	return len(s) - 1
}

func (s spaced) data() []byte {
	if len(s) == 0 {
		return nil
	}
	return s[1:]
}

// readChunk reads up to ChunkSize bytes into a new buffer; fewer only at the end of r. When the
// previous chunk was short the stream has ended and nothing is read.
func readChunk(r io.Reader, prev int) (spaced, error) {
	if prev < ChunkSize {
		return nil, nil
	}
	buf := make([]byte, ChunkSize+1)
	n, err := io.ReadFull(r, buf[1:])
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	if err != nil {
		return nil, fmt.Errorf("read blob: %w", err)
	}
	return buf[:n+1], nil
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
	if _, err := b.snap.Get(key); err == nil {
		return nil
	} else if !errors.Is(err, badger.ErrKeyNotFound) {
		return err
	}
	if err := b.s.checkSpace(int64(len(value))); err != nil {
		return err
	}
	b.pending[h] = true
	if value[0] == blobChunked && key[0] == pfxBlob[0] {
		b.manifests = append(b.manifests, [2][]byte{key, value})
		return nil
	}
	if b.staged+len(value) > segmentSize {
		if err := b.flushSegment(); err != nil {
			return err
		}
	}
	b.staged += len(value)
	return b.wb.Set(key, value)
}

// flushSegment starts flushing the current write batch and opens the next. The next one is
// opened first: opening a batch waits for every commit in flight, so opening it after starting
// the flush would wait for that very flush.
func (b *BlobBatch) flushSegment() error {
	if len(b.flushing) == maxFlushing {
		err := <-b.flushing[0]
		b.flushing = b.flushing[1:]
		if err != nil {
			return err
		}
	}
	var next *badger.WriteBatch
	if n := len(b.spares); n > 0 {
		next, b.spares = b.spares[n-1], b.spares[:n-1]
	} else {
		next = b.s.db.NewWriteBatch()
	}
	done := make(chan error, 1)
	go func(wb *badger.WriteBatch) { done <- wb.Flush() }(b.wb)
	b.flushing = append(b.flushing, done)
	b.wb, b.staged = next, 0
	return nil
}

func (b *BlobBatch) release() {
	b.snap.Discard()
	for _, wb := range b.spares {
		wb.Cancel()
	}
	b.spares = nil
}

// waitFlushes waits for every segment in flight and returns the first error.
func (b *BlobBatch) waitFlushes() error {
	var first error
	for _, ch := range b.flushing {
		if err := <-ch; err != nil && first == nil {
			first = err
		}
	}
	b.flushing = nil
	return first
}

// Commit writes every staged blob and syncs. After an error nothing should be assumed stored.
func (b *BlobBatch) Commit() error {
	defer b.release()
	if b.err == nil {
		b.err = b.wb.Flush()
	} else {
		b.wb.Cancel()
	}
	if err := b.waitFlushes(); err != nil && b.err == nil {
		b.err = err
	}
	if b.err != nil {
		return b.err
	}
	b.err = errors.New("blob batch already committed")
	if len(b.manifests) == 0 {
		return nil
	}
	wb := b.s.db.NewWriteBatch()
	for _, kv := range b.manifests {
		if err := wb.Set(kv[0], kv[1]); err != nil {
			wb.Cancel()
			return err
		}
	}
	return wb.Flush()
}

// Cancel drops the batch. Content already flushed stays, unreferenced and harmless.
func (b *BlobBatch) Cancel() {
	defer b.release()
	b.wb.Cancel()
	b.waitFlushes()
}

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
	err := s.view(func(tx *badger.Txn) error { _, err := tx.Get(hashKey(pfxBlob, id)); return err })
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
