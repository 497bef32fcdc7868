package store

import (
	"errors"
	"io/fs"
	"path/filepath"
	"syscall"
	"testing"
)

// A store on read-only media (a DVD, a write-blocked disk) is refused with a clear error that
// says what to do, and not a byte of it changes; copied back to a writable disk it opens.
func TestReadOnlyMedia(t *testing.T) {
	mnt := TestTmpfs(t, "400m")
	dir := filepath.Join(mnt, "store")
	s, err := Init(ctx, TestOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutBlobBytes(ctx, []byte("evidence")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	listing := func() map[string]int64 {
		out := map[string]int64{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					out[p] = info.Size()
				}
			}
			return nil
		})
		return out
	}
	before := listing()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("remount read-only: %v", err)
	}
	if _, err := Open(ctx, TestOptions(dir)); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("open on read-only media: %v, want ErrReadOnly", err)
	}
	after := listing()
	if len(after) != len(before) {
		t.Errorf("files before %d, after %d", len(before), len(after))
	}
	for p, n := range before {
		if after[p] != n {
			t.Errorf("%s changed size: %d -> %d", p, n, after[p])
		}
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, ""); err != nil {
		t.Fatalf("remount writable: %v", err)
	}
	s, err = Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("open once writable again: %v", err)
	}
	defer s.Close()
	var rep TestReporter
	if sum, err := s.Verify(ctx, VerifyFull, "test", &rep); err != nil || !sum.OK {
		t.Errorf("verify: %v %v", rep.Findings, err)
	}
}
