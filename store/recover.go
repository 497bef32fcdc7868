package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// badgerLogHeader is the size of the header Badger writes at the start of every memtable and
// value-log file, before any entry.
const badgerLogHeader = 20

// removeUnbornLogs deletes Badger log files that a crash left before their header was written.
// Such a file holds no entry, so nothing committed is lost; Badger itself refuses to open a
// database that has one ("Create a new file"). It returns the names it removed.
func removeUnbornLogs(dbDir string) ([]string, error) {
	entries, err := os.ReadDir(dbDir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".mem") && !strings.HasSuffix(name, ".vlog") {
			continue
		}
		info, err := e.Info()
		if err != nil || info.Size() >= badgerLogHeader {
			continue
		}
		if err := os.Remove(filepath.Join(dbDir, name)); err != nil {
			return removed, fmt.Errorf("remove empty log %s left by a crash: %w", name, err)
		}
		removed = append(removed, name)
	}
	if len(removed) > 0 {
		return removed, syncDir(dbDir)
	}
	return nil, nil
}
