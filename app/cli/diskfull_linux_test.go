package cli

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/intercepted-eu/workstation/store"
)

// On a disk below the store's reserve, verify still gives its verdict (exit 0 for a sound
// store) and says that it could not be logged, rather than failing as if it had not run.
func TestVerifyOnAFullDisk(t *testing.T) {
	mnt := store.TestTmpfs(t, "400m")
	te := newTestEnv(t)
	te.dir = filepath.Join(mnt, "store")
	te.mustRun("init", "--officer", "o")
	te.mustRun("case", "new", "--name", "before the disk filled")
	var st syscall.Statfs_t
	syscall.Statfs(mnt, &st)
	free := int64(st.Bavail) * st.Bsize
	if err := os.WriteFile(filepath.Join(mnt, "filler"), make([]byte, free-100<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := te.run("verify")
	if code != ExitOK || !strings.Contains(out, "OK") || !strings.Contains(errs, "not in the custody log") {
		t.Errorf("verify on a full disk: exit %d %q %q", code, out, errs)
	}
}
