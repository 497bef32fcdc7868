package store

import (
	"context"
	"testing"
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
