package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	badger "github.com/dgraph-io/badger/v4"
)

// rawDB opens a closed store's Badger database directly: what an attacker who knows the
// passphrase, or a bug, could do behind the store's back.
func rawDB(t *testing.T, dir string) *badger.DB { return testRawDB(t, dir) }

func tamper(t *testing.T, dir string, fn func(tx *badger.Txn) error) {
	t.Helper()
	db := rawDB(t, dir)
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func mustGet(t *testing.T, tx *badger.Txn, key []byte) []byte {
	t.Helper()
	it, err := tx.Get(key)
	if err != nil {
		t.Fatalf("get %q: %v", key, err)
	}
	v, _ := it.ValueCopy(nil)
	return v
}

type fixture struct {
	dir       string
	caseID    string
	small     BlobRef
	large     BlobRef
	note      Record
	logLength uint64
}

// populate builds a small store: a case, a note with a small and a large blob.
func populate(t *testing.T) fixture {
	t.Helper()
	s, err := Init(ctx, TestOptions(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.CreateCase(ctx, "officer", CaseInfo{Name: "Operation Test"})
	if err != nil {
		t.Fatal(err)
	}
	small, _ := s.PutBlobBytes(ctx, []byte("<html>small evidence</html>"))
	large, err := s.PutBlob(ctx, &genReader{left: 3*ChunkSize + 77, state: 1})
	if err != nil {
		t.Fatal(err)
	}
	note, err := s.Create(ctx, "officer", NewRecord{Kind: KindNote, Refs: []string{c.ID}, Blobs: []Hash{small.ID, large.ID}, Body: "note"})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := s.UpdateCase(ctx, "officer", c.ID, CaseInfo{Name: "Operation Test", Notes: "more"}); err != nil {
			t.Fatal(err)
		}
	}
	head, _ := s.LogHead()
	return fixture{dir: s.Dir(), caseID: c.ID, small: small, large: large, note: note, logLength: head.Seq}
}

func verifyDir(t *testing.T, dir string, mode VerifyMode) []Finding {
	t.Helper()
	s, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("open after tampering: %v", err)
	}
	defer s.Close()
	var rep TestReporter
	sum, err := s.Verify(ctx, mode, "test", &rep)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != (len(rep.Findings) == 0) || sum.Findings != len(rep.Findings) {
		t.Errorf("summary %+v disagrees with %d findings", sum, len(rep.Findings))
	}
	return rep.Findings
}

func expectFinding(t *testing.T, findings []Finding, kind, subject, problem string) {
	t.Helper()
	for _, f := range findings {
		if f.Kind == kind && strings.Contains(f.Subject, subject) && strings.Contains(f.Problem, problem) {
			return
		}
	}
	t.Errorf("no %s finding on %q about %q; got %v", kind, subject, problem, findings)
}

func TestVerifyCleanStore(t *testing.T) {
	f := populate(t)
	for _, mode := range []VerifyMode{VerifyQuick, VerifyFull} {
		if got := verifyDir(t, f.dir, mode); len(got) != 0 {
			t.Errorf("%s verify of an untouched store: %v", mode, got)
		}
	}
}

func TestVerifyFindsTampering(t *testing.T) {
	cases := []struct {
		name                   string
		mode                   VerifyMode
		tamper                 func(t *testing.T, f fixture, tx *badger.Txn) error
		kind, subject, problem string
		subjectFromFixture     func(f fixture) string
	}{
		{name: "small blob altered", mode: VerifyFull,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				v := mustGet(t, tx, hashKey(pfxBlob, f.small.ID))
				v[5] ^= 1
				return tx.Set(hashKey(pfxBlob, f.small.ID), v)
			},
			kind: "blob", problem: "altered", subjectFromFixture: func(f fixture) string { return f.small.ID.String() }},
		{name: "chunk of a large blob altered", mode: VerifyFull,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				man := mustGet(t, tx, hashKey(pfxBlob, f.large.ID))
				ck := hashKey(pfxChunk, Hash(man[9+32:9+64]))
				v := mustGet(t, tx, ck)
				v[1000] ^= 0x80
				return tx.Set(ck, v)
			},
			kind: "blob", problem: "altered", subjectFromFixture: func(f fixture) string { return f.large.ID.String() }},
		{name: "chunk removed", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				man := mustGet(t, tx, hashKey(pfxBlob, f.large.ID))
				return tx.Delete(hashKey(pfxChunk, Hash(man[9:9+32])))
			},
			kind: "blob", problem: "missing", subjectFromFixture: func(f fixture) string { return f.large.ID.String() }},
		{name: "referenced blob removed", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				return tx.Delete(hashKey(pfxBlob, f.small.ID))
			},
			kind: "reference", problem: "missing", subjectFromFixture: func(f fixture) string { return f.note.Lineage }},
		{name: "record altered", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				v := mustGet(t, tx, hashKey(pfxRecord, f.note.ID))
				return tx.Set(hashKey(pfxRecord, f.note.ID), bytes.Replace(v, []byte(`"note"`), []byte(`"edit"`), 1))
			},
			kind: "record", problem: "altered", subjectFromFixture: func(f fixture) string { return f.note.ID.String() }},
		{name: "record removed", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				return tx.Delete(hashKey(pfxRecord, f.note.ID))
			},
			kind: "version", problem: "missing", subjectFromFixture: func(f fixture) string { return f.note.Lineage }},
		{name: "log entry altered", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				v := mustGet(t, tx, logKey(3))
				return tx.Set(logKey(3), bytes.Replace(v, []byte(`"officer"`), []byte(`"someone"`), 1))
			},
			kind: "log", subject: "3", problem: "altered"},
		{name: "log entry removed", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error { return tx.Delete(logKey(4)) },
			kind:   "log", subject: "5", problem: "missing"},
		{name: "last log entry removed", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error { return tx.Delete(logKey(f.logLength)) },
			kind:   "head", problem: "removed"},
		{name: "log entries reordered", mode: VerifyQuick,
			tamper: func(t *testing.T, f fixture, tx *badger.Txn) error {
				a, b := mustGet(t, tx, logKey(2)), mustGet(t, tx, logKey(3))
				if err := tx.Set(logKey(2), b); err != nil {
					return err
				}
				return tx.Set(logKey(3), a)
			},
			kind: "log", subject: "2", problem: "reordered"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := populate(t)
			tamper(t, f.dir, func(tx *badger.Txn) error { return tc.tamper(t, f, tx) })
			subject := tc.subject
			if tc.subjectFromFixture != nil {
				subject = tc.subjectFromFixture(f)
			}
			expectFinding(t, verifyDir(t, f.dir, tc.mode), tc.kind, subject, tc.problem)
		})
	}
}

// Bytes flipped in the files on disk are found by a full verify, which names the blob and does
// not crash.
func TestVerifyFindsDamagedFile(t *testing.T) {
	f := populate(t)
	vlogs, _ := filepath.Glob(filepath.Join(f.dir, dbSubdir, "*.vlog"))
	if len(vlogs) == 0 {
		t.Fatal("no value log on disk")
	}
	var damaged bool
	for _, p := range vlogs {
		st, _ := os.Stat(p)
		b, err := os.ReadFile(p)
		if err != nil || st.Size() < 2*ChunkSize {
			continue
		}
		// The large blob's chunks fill most of the first value log: damage its middle.
		for i := ChunkSize; i < ChunkSize+64; i++ {
			b[i] ^= 0xff
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		damaged = true
		break
	}
	if !damaged {
		t.Fatal("no value log large enough to damage")
	}
	got := verifyDir(t, f.dir, VerifyFull)
	expectFinding(t, got, "blob", f.large.ID.String(), "")
}

// A value log cut short loses the chunks in it: a full verify names the blob and says its
// chunk's bytes are missing, rather than only that the blob is short.
func TestVerifyFindsTruncatedValueLog(t *testing.T) {
	f := populate(t)
	vlogs, _ := filepath.Glob(filepath.Join(f.dir, dbSubdir, "*.vlog"))
	var cut bool
	for _, p := range vlogs {
		if st, _ := os.Stat(p); st.Size() >= 2*ChunkSize {
			if err := os.Truncate(p, ChunkSize/2); err != nil {
				t.Fatal(err)
			}
			cut = true
		}
	}
	if !cut {
		t.Fatal("no value log large enough to cut")
	}
	got := verifyDir(t, f.dir, VerifyFull)
	expectFinding(t, got, "blob", f.large.ID.String(), "bytes are missing")
}
