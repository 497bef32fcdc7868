//go:build unix

package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A FIFO given as a package would block an open for ever: it is refused at once, as are a
// folder and a path with nothing there, each an error of its own, not a failed verification.
func TestPackageNotARegularFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "package.zip")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := VerifyPackage(ctx, fifo, PackageLimits{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || errors.Is(err, ErrNotPackage) || !strings.Contains(err.Error(), "not a regular file (a FIFO)") {
			t.Errorf("a FIFO: %v", err)
		}
	case <-time.After(time.Minute):
		os.WriteFile(fifo, nil, 0) // let the open return
		t.Fatal("verifying a FIFO blocked")
	}
	if _, err := VerifyPackage(ctx, t.TempDir(), PackageLimits{}); err == nil || errors.Is(err, ErrNotPackage) {
		t.Errorf("a directory: %v", err)
	}
	if _, err := VerifyPackage(ctx, filepath.Join(t.TempDir(), "none.zip"), PackageLimits{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no file: %v", err)
	}
}
