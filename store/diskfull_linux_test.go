package store

import (
	"bytes"
	"crypto/rand"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// A full disk refuses writes with a clear error; everything stored before stays readable and
// verifies clean. The disk is a real 160 MiB tmpfs, filled for real.
func TestDiskFull(t *testing.T) {
	mnt := TestTmpfs(t, "160m")

	opts := TestOptions(filepath.Join(mnt, "store"))
	opts.MinFreeBytes = 48 << 20
	s, err := Init(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.CreateCase(ctx, "officer", CaseInfo{Name: "before the disk filled"})
	if err != nil {
		t.Fatal(err)
	}
	var stored [][]byte
	var full error
	for range 400 {
		p := make([]byte, ChunkSize)
		rand.Read(p)
		if _, err := s.PutBlobBytes(ctx, p); err != nil {
			full = err
			break
		}
		stored = append(stored, p)
	}
	if !errors.Is(full, ErrDiskFull) || !strings.Contains(full.Error(), "free") {
		t.Fatalf("after %d MiB: %v, want ErrDiskFull", len(stored), full)
	}
	if _, err := s.CreateCase(ctx, "officer", CaseInfo{Name: "after"}); !errors.Is(err, ErrDiskFull) {
		t.Errorf("case on a full disk: %v, want ErrDiskFull", err)
	}
	var rep TestReporter
	if sum, err := s.Verify(ctx, VerifyFull, "test", &rep); !sum.OK || (err != nil && !errors.Is(err, ErrDiskFull)) {
		t.Errorf("verify on a full disk: %+v %v %v", sum, rep.Findings, err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("close on a full disk: %v", err)
	}
	s, err = Open(ctx, opts)
	if err != nil {
		t.Fatalf("reopen on a full disk: %v", err)
	}
	defer s.Close()
	if _, err := s.Case(c.ID); err != nil {
		t.Errorf("case lost: %v", err)
	}
	for i, p := range stored {
		got, err := s.ReadBlob(Sum(p))
		if err != nil || !bytes.Equal(got, p) {
			t.Fatalf("blob %d of %d unreadable after the disk filled: %v", i, len(stored), err)
		}
	}
	t.Logf("%d MiB stored before the disk was full: %v", len(stored), full)
}
