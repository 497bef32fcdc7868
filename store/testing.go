package store

import (
	"bytes"
	"context"
	"testing"

	badger "github.com/dgraph-io/badger/v4"
)

// TestKDF is a cheap Argon2id setting for tests only: never use it for evidence.
var TestKDF = KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

// TestPassphrase is the passphrase of stores made by TestInit.
const TestPassphrase = "correct horse battery staple"

// TestOptions returns options for a store in dir with the test passphrase and cheap KDF.
func TestOptions(dir string) Options {
	return Options{Dir: dir, Passphrase: []byte(TestPassphrase), Actor: "test officer", KDF: TestKDF}
}

// TestInit creates a store in a fresh temporary directory and closes it when the test ends.
func TestInit(t testing.TB) *Store {
	t.Helper()
	s, err := Init(context.Background(), TestOptions(t.TempDir()))
	if err != nil {
		t.Fatalf("init test store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestReporter collects what Verify reports.
type TestReporter struct {
	Findings []Finding
	Phases   []string
}

// Finding implements Reporter.
func (r *TestReporter) Finding(f Finding) { r.Findings = append(r.Findings, f) }

// Progress implements Reporter.
func (r *TestReporter) Progress(p VerifyProgress) {
	if len(r.Phases) == 0 || r.Phases[len(r.Phases)-1] != p.Phase {
		r.Phases = append(r.Phases, p.Phase)
	}
}

// TestDamageLogEntry rewrites custody-log entry seq of the closed store in dir behind the
// store's back, as a bug or an intruder with the passphrase could. For tests of what notices.
func TestDamageLogEntry(t testing.TB, dir string, seq uint64) {
	t.Helper()
	db := testRawDB(t, dir)
	defer db.Close()
	err := db.Update(func(tx *badger.Txn) error {
		it, err := tx.Get(logKey(seq))
		if err != nil {
			return err
		}
		v, err := it.ValueCopy(nil)
		if err != nil {
			return err
		}
		return tx.Set(logKey(seq), bytes.Replace(v, []byte(`"action":"`), []byte(`"action":"x`), 1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestDamageBlob flips the last byte of the small blob id (one held in a single value) in the
// closed store in dir, as a failing disk or an intruder could. For tests of what notices.
func TestDamageBlob(t testing.TB, dir string, id Hash) {
	t.Helper()
	db := testRawDB(t, dir)
	defer db.Close()
	err := db.Update(func(tx *badger.Txn) error {
		it, err := tx.Get(hashKey(pfxBlob, id))
		if err != nil {
			return err
		}
		v, err := it.ValueCopy(nil)
		if err != nil {
			return err
		}
		v[len(v)-1] ^= 1
		return tx.Set(hashKey(pfxBlob, id), v)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// testRawDB opens a closed test store's Badger database directly, past every check of Store.
func testRawDB(t testing.TB, dir string) *badger.DB {
	t.Helper()
	h, err := readHeader(dir)
	if err != nil {
		t.Fatal(err)
	}
	key, err := h.unwrap([]byte(TestPassphrase))
	if err != nil {
		t.Fatal(err)
	}
	opts, _ := TestOptions(dir).withDefaults()
	db, err := badger.Open(badgerOptions(opts, key))
	if err != nil {
		t.Fatal(err)
	}
	return db
}
