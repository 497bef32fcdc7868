package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A store whose store.json was lost is never started afresh by Init, nor touched by Open: the
// header can still come back from a backup.
func TestLostHeaderKeepsTheDatabase(t *testing.T) {
	s := TestInit(t)
	dir := s.Dir()
	if _, err := s.CreateCase(ctx, "tester", CaseInfo{Name: "Kept"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// an init's marker come back (a power cut after init): the next open clears it
	os.WriteFile(filepath.Join(dir, initMarker), nil, 0o600)
	if s, err := Open(ctx, TestOptions(dir)); err != nil {
		t.Fatal(err)
	} else {
		s.Close()
	}
	header := filepath.Join(dir, headerFile)
	backup := filepath.Join(t.TempDir(), "store.json")
	if err := os.Rename(header, backup); err != nil {
		t.Fatal(err)
	}
	before := snapshotDir(t, filepath.Join(dir, dbSubdir))
	if _, err := Open(ctx, TestOptions(dir)); !errors.Is(err, ErrHeaderMissing) {
		t.Errorf("open without a header: %v", err)
	}
	if _, err := Init(ctx, TestOptions(dir)); !errors.Is(err, ErrHeaderMissing) {
		t.Errorf("init over a database without a header: %v", err)
	}
	if after := snapshotDir(t, filepath.Join(dir, dbSubdir)); len(after) != len(before) {
		t.Fatalf("the database went from %d files to %d", len(before), len(after))
	}
	os.Rename(backup, header)
	s2, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("open with the header back: %v", err)
	}
	defer s2.Close()
	if cases, err := s2.Cases(ctx); err != nil || len(cases) != 1 || cases[0].Name != "Kept" {
		t.Errorf("cases after the header came back: %+v %v", cases, err)
	}
}

// What a crashed Init leaves (its marker and a database) is started afresh by the next Init.
func TestInitAfterACrashedInit(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, dbSubdir), 0o700)
	os.WriteFile(filepath.Join(dir, dbSubdir, "000001.sst"), []byte("half an init"), 0o600)
	os.WriteFile(filepath.Join(dir, initMarker), nil, 0o600)
	s, err := Init(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("init after a crashed init: %v", err)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(dir, initMarker)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the marker is still there: %v", err)
	}
	if s, err := Open(ctx, TestOptions(dir)); err != nil {
		t.Errorf("open: %v", err)
	} else {
		s.Close()
	}
}

// Badger drops the tables a missing MANIFEST does not list: the store is not opened, and its
// tables stay.
func TestMissingManifestIsNotOpened(t *testing.T) {
	dir, tables := closedWithTables(t)
	db := filepath.Join(dir, dbSubdir)
	os.Rename(filepath.Join(db, "MANIFEST"), filepath.Join(t.TempDir(), "MANIFEST"))
	if _, err := Open(ctx, TestOptions(dir)); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "MANIFEST is missing") {
		t.Errorf("open without MANIFEST: %v", err)
	}
	if after, _ := filepath.Glob(filepath.Join(db, "*.sst")); len(after) != len(tables) {
		t.Errorf("%d tables before, %d after", len(tables), len(after))
	}
}

// Text that is not UTF-8 in an entry (a Latin-1 officer name, a URL list in Windows-1252) is
// kept as U+FFFD and verifies; an entry written before that, hashed over the JSON escape,
// verifies too, and a changed one does not.
func TestLogEntryWithInvalidUTF8(t *testing.T) {
	s := TestInit(t)
	if _, err := s.LogAction(ctx, Action{Actor: "Rossi\xe9", Verb: "view", Subject: "case-\xff",
		Details: map[string]string{"url\xfe": "http://example.test/?q=M\xfcller"}}); err != nil {
		t.Fatal(err)
	}
	var last Entry
	s.Log(ctx, LogFilter{}, func(e Entry) error { last = e; return nil })
	if sum, err := s.Verify(ctx, VerifyQuick, "tester", nil); err != nil || !sum.OK {
		t.Fatalf("verify after an entry with invalid UTF-8: %+v %v", sum, err)
	}
	if last.Actor != "Rossi\uFFFD" || last.Details["url\uFFFD"] != "http://example.test/?q=M\uFFFDller" {
		t.Errorf("entry read back: %+v", last)
	}

	old := Entry{Seq: 7, Actor: "Rossi\xe9", Action: "view", Details: map[string]string{"k": "\xff"}}
	old.Hash = old.ComputeHash() // as entries were hashed before: the invalid bytes as \ufffd
	b, _ := json.Marshal(old)
	var back Entry
	json.Unmarshal(b, &back)
	if !back.HashOK() {
		t.Error("an entry hashed over escaped invalid bytes does not verify")
	}
	back.Actor = "Bianchi\uFFFD"
	if back.HashOK() {
		t.Error("a changed entry verifies")
	}
}

// A case's one-line fields refuse line breaks, terminal commands and bytes that are not
// UTF-8; a region is two capital letters A–Z.
func TestCaseFieldsAreText(t *testing.T) {
	s := TestInit(t)
	for _, info := range []CaseInfo{
		{Name: "A\x1b[31mRED"},
		{Name: "two\nlines"},
		{Name: "Operation \xff"},
		{Name: "ok", Reference: "RG\t1"},
		{Name: "ok", Region: "12"},
		{Name: "ok", Region: "É"},
		{Name: "ok", Notes: "bad \xfe"},
	} {
		if _, err := s.CreateCase(ctx, "tester", info); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v", info, err)
		}
	}
	if _, err := s.CreateCase(ctx, "tester", CaseInfo{Name: "Επιχείρηση Λύκος — «Λ»", Region: "GR", Notes: "two\nlines of notes"}); err != nil {
		t.Errorf("an ordinary case: %v", err)
	}
}

// A store.json asking for a key derivation no laptop can do (256 GiB, billions of passes) is
// refused at once, before any derivation runs.
func TestKDFBounds(t *testing.T) {
	s := TestInit(t)
	dir := s.Dir()
	s.Close()
	path := filepath.Join(dir, headerFile)
	orig, _ := os.ReadFile(path)
	for _, edit := range []func(p map[string]any){
		func(p map[string]any) { p["memory_kib"] = float64(256 << 20) },
		func(p map[string]any) { p["time"] = float64(4e9) },
		func(p map[string]any) { p["threads"], p["memory_kib"] = float64(255), float64(8192) },
	} {
		var h map[string]any
		json.Unmarshal(orig, &h)
		edit(h["params"].(map[string]any))
		b, _ := json.Marshal(h)
		os.WriteFile(path, b, 0o600)
		if _, err := Open(ctx, TestOptions(dir)); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "more than a store may") {
			t.Errorf("%s: %v", b, err)
		}
	}
}

// A database put back to an earlier state of its own is consistent in itself; the signed head
// written beside it names the last entry written, and verify finds the entries lost.
func TestVerifyFindsARollback(t *testing.T) {
	s := TestInit(t)
	dir := s.Dir()
	for i := range 10 {
		s.CreateCase(ctx, "tester", CaseInfo{Name: fmt.Sprint("case ", i)})
	}
	s.Close()
	old := filepath.Join(t.TempDir(), "db")
	if err := os.CopyFS(old, os.DirFS(filepath.Join(dir, dbSubdir))); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		s.CreateCase(ctx, "tester", CaseInfo{Name: fmt.Sprint("later case ", i)})
	}
	s.Close()
	if got := verifyDir(t, dir, VerifyQuick); len(got) != 0 {
		t.Fatalf("before the rollback: %v", got)
	}
	os.RemoveAll(filepath.Join(dir, dbSubdir))
	if err := os.CopyFS(filepath.Join(dir, dbSubdir), os.DirFS(old)); err != nil {
		t.Fatal(err)
	}
	// found, and still found after the entries the verifications themselves write
	for range 2 {
		got := verifyDir(t, dir, VerifyQuick)
		expectFinding(t, got, "head", "custody log", "rolled back")
	}
}

// Damage that makes Badger panic while opening (in goroutines of its own), or lose every table,
// is found before Badger reads anything: a table cut short, one with bytes after its end, the
// key registry gone. Each is ErrDamaged, naming the file, and the files stay as they were.
func TestDamagedTablesAreNotOpened(t *testing.T) {
	for name, damage := range map[string]func(db string, table string){
		"table cut short": func(db, table string) { fi, _ := os.Stat(table); os.Truncate(table, fi.Size()/2) },
		"bytes after it": func(db, table string) {
			f, _ := os.OpenFile(table, os.O_APPEND|os.O_WRONLY, 0)
			f.Write(bytes.Repeat([]byte{0xAB}, 1024))
			f.Close()
		},
		"no key registry": func(db, table string) { os.Remove(filepath.Join(db, "KEYREGISTRY")) },
	} {
		t.Run(name, func(t *testing.T) {
			dir, tables := closedWithTables(t)
			db := filepath.Join(dir, dbSubdir)
			damage(db, tables[0])
			before := snapshotDir(t, db)
			if _, err := Open(ctx, TestOptions(dir)); !errors.Is(err, ErrDamaged) {
				t.Errorf("open: %v", err)
			}
			if after := snapshotDir(t, db); len(after) != len(before) {
				t.Errorf("the database went from %d files to %d", len(before), len(after))
			}
		})
	}
}

// A table a crash left half-written is not in the MANIFEST: it does not stop the store from
// opening (Badger removes it).
func TestHalfWrittenTableIsNoDamage(t *testing.T) {
	dir, _ := closedWithTables(t)
	os.WriteFile(filepath.Join(dir, dbSubdir, "999999.sst"), bytes.Repeat([]byte{0xAB}, 1000), 0o600)
	s2, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("open with a half-written table beside the database: %v", err)
	}
	s2.Close()
}

// Entries written while verify runs (the window logs a view when a capture is opened) are no
// rollback.
func TestVerifyWhileWriting(t *testing.T) {
	s := TestInit(t)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				s.LogAction(ctx, Action{Actor: "tester", Verb: "view", Subject: "case-x"})
			}
		}
	}()
	for range 100 {
		rep := &TestReporter{}
		if sum, err := s.Verify(ctx, VerifyQuick, "tester", rep); err != nil || !sum.OK {
			t.Errorf("verify while writing: %v %v", rep.Findings, err)
			break
		}
	}
	close(stop)
	<-done
}

// closedWithTables makes a closed store whose database has tables on disk, and returns its
// folder and the tables.
func closedWithTables(t *testing.T) (string, []string) {
	t.Helper()
	s := TestInit(t)
	dir := s.Dir()
	for i := range 50 {
		s.CreateCase(ctx, "tester", CaseInfo{Name: strings.Repeat("case ", i+1)})
	}
	s.Close()
	tables, _ := filepath.Glob(filepath.Join(dir, dbSubdir, "*.sst"))
	if len(tables) == 0 {
		t.Fatal("no tables written")
	}
	return dir, tables
}
