package store

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestTmpfs mounts a tmpfs of size (as mount takes it: "160m") in a temporary folder of t and
// unmounts it when t ends: a small real disk for tests to fill. It needs root, which CI has;
// elsewhere the test is skipped, saying so.
func TestTmpfs(t testing.TB, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs to fill needs root (CI runs as root)")
	}
	mnt := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(mnt, 0o700)
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size="+size); err != nil {
		t.Fatalf("mount tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, syscall.MNT_DETACH) })
	return mnt
}
