package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"path/filepath"
	"testing"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

const benchBlobs = 64 // 1 MiB blobs per round

func randomBlobs(n int) [][]byte {
	out := make([][]byte, n)
	for i := range out {
		out[i] = make([]byte, ChunkSize)
		rand.Read(out[i])
	}
	return out
}

func mbps(bytes int64, d time.Duration) float64 { return float64(bytes) / 1e6 / d.Seconds() }

// BenchmarkBlobIngest stores 1 MiB blobs through the store (hash, dedup check, encrypted synced
// write) next to plain SHA-256 and a bare Badger WriteBatch with the same options, in one run.
func BenchmarkBlobIngest(b *testing.B) {
	s := TestInit(b)
	opts, _ := TestOptions(filepath.Join(b.TempDir(), "bare")).withDefaults()
	key := make([]byte, 32)
	rand.Read(key)
	bare, err := badger.Open(badgerOptions(opts, key))
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	var tSHA, tBare, tStore time.Duration
	var total int64
	for b.Loop() {
		b.StopTimer()
		blobs := randomBlobs(benchBlobs)
		b.StartTimer()
		start := time.Now()
		for _, p := range blobs {
			sha256.Sum256(p)
		}
		tSHA += time.Since(start)

		start = time.Now()
		wb := bare.NewWriteBatch()
		for _, p := range blobs {
			k := make([]byte, 33)
			rand.Read(k)
			if err := wb.Set(k, p); err != nil {
				b.Fatal(err)
			}
		}
		if err := wb.Flush(); err != nil {
			b.Fatal(err)
		}
		tBare += time.Since(start)

		start = time.Now()
		batch := s.NewBlobBatch()
		for _, p := range blobs {
			if _, err := batch.Add(ctx, bytes.NewReader(p)); err != nil {
				b.Fatal(err)
			}
		}
		if err := batch.Commit(); err != nil {
			b.Fatal(err)
		}
		tStore += time.Since(start)
		total += benchBlobs * ChunkSize
	}
	b.ReportMetric(mbps(total, tStore), "store-MB/s")
	b.ReportMetric(mbps(total, tBare), "bare-badger-MB/s")
	b.ReportMetric(mbps(total, tSHA), "sha256-MB/s")
	b.ReportMetric(tBare.Seconds()/tStore.Seconds(), "store/bare")
}

// BenchmarkRecordWrites creates small records, each a synced transaction with its custody-log
// entry and signed head.
func BenchmarkRecordWrites(b *testing.B) {
	s := TestInit(b)
	c, _ := s.CreateCase(ctx, "bench", CaseInfo{Name: "bench"})
	start := time.Now()
	n := 0
	for b.Loop() {
		if _, err := s.Create(ctx, "bench", NewRecord{Kind: KindNote, Refs: []string{c.ID}, Body: map[string]string{"text": "a short note"}}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "records/s")
}

// BenchmarkVerifyFull re-hashes a store of 1 MiB and 4 MiB blobs next to reading and hashing the
// same stored values straight from Badger.
func BenchmarkVerifyFull(b *testing.B) {
	s := TestInit(b)
	batch := s.NewBlobBatch()
	for _, p := range randomBlobs(96) {
		batch.Add(ctx, bytes.NewReader(p))
	}
	for i := range 8 {
		batch.Add(ctx, &genReader{left: 4 * ChunkSize, state: uint64(i + 1)})
	}
	if err := batch.Commit(); err != nil {
		b.Fatal(err)
	}
	var tVerify, tRaw time.Duration
	var total int64
	for b.Loop() {
		start := time.Now()
		var rep TestReporter
		sum, err := s.Verify(ctx, VerifyFull, "bench", &rep)
		if err != nil || !sum.OK {
			b.Fatal(err, rep.Findings)
		}
		tVerify += time.Since(start)
		total += sum.BlobBytes

		start = time.Now()
		var n int64
		s.db.View(func(tx *badger.Txn) error {
			for _, pfx := range [][]byte{pfxBlob, pfxChunk} {
				it := tx.NewIterator(badger.IteratorOptions{Prefix: pfx})
				for it.Rewind(); it.Valid(); it.Next() {
					it.Item().Value(func(v []byte) error {
						if len(v) > 1000 { // skip manifests
							sha256.Sum256(v)
							n += int64(len(v))
						}
						return nil
					})
				}
				it.Close()
			}
			return nil
		})
		tRaw += time.Since(start)
		if n < sum.BlobBytes {
			b.Fatalf("raw pass read %d bytes, verify %d", n, sum.BlobBytes)
		}
	}
	b.ReportMetric(mbps(total, tVerify), "verify-MB/s")
	b.ReportMetric(mbps(total, tRaw), "read+sha256-MB/s")
	b.ReportMetric(tRaw.Seconds()/tVerify.Seconds(), "verify/raw")
}
