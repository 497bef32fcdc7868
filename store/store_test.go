package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

var ctx = context.Background()

func reopen(t *testing.T, s *Store) *Store {
	t.Helper()
	dir := s.Dir()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

func TestInitOpenRoundTrip(t *testing.T) {
	s := TestInit(t)
	c, err := s.CreateCase(ctx, "officer A", CaseInfo{Name: "Operation Lantern", Reference: "RG-2026-114", Jurisdiction: "IT", Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	id := s.WorkstationID()
	s = reopen(t, s)
	if s.WorkstationID() != id {
		t.Errorf("workstation ID changed across reopen: %s then %s", id, s.WorkstationID())
	}
	got, err := s.Case(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Operation Lantern" || got.Reference != "RG-2026-114" || got.Version != 1 {
		t.Errorf("case after reopen = %+v", got)
	}
	if _, err := Init(ctx, TestOptions(s.Dir())); !errors.Is(err, ErrLocked) {
		t.Errorf("Init on an open store: %v, want ErrLocked", err)
	}
}

func TestOpenMissingStore(t *testing.T) {
	_, err := Open(ctx, TestOptions(t.TempDir()))
	if !errors.Is(err, ErrNotInitialized) {
		t.Fatalf("got %v, want ErrNotInitialized", err)
	}
}

func TestInitTwice(t *testing.T) {
	s := TestInit(t)
	dir := s.Dir()
	s.Close()
	if _, err := Init(ctx, TestOptions(dir)); !errors.Is(err, ErrAlreadyInitialized) {
		t.Fatalf("got %v, want ErrAlreadyInitialized", err)
	}
}

func snapshotDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = b
		}
		return nil
	})
	return out
}

func TestWrongPassphrase(t *testing.T) {
	s := TestInit(t)
	c, _ := s.CreateCase(ctx, "officer A", CaseInfo{Name: "kept"})
	dir := s.Dir()
	s.Close()
	before := snapshotDir(t, dir)

	opts := TestOptions(dir)
	opts.Passphrase = []byte("not the passphrase")
	_, err := Open(ctx, opts)
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("got %v, want ErrWrongPassphrase", err)
	}
	after := snapshotDir(t, dir)
	for p, b := range before {
		if !bytes.Equal(after[p], b) {
			t.Errorf("%s changed after a failed unlock", p)
		}
	}
	s2, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Case(c.ID); err != nil {
		t.Errorf("case lost after a wrong passphrase: %v", err)
	}
}

func TestSecondOpenInSameProcessIsLocked(t *testing.T) {
	s := TestInit(t)
	_, err := Open(ctx, TestOptions(s.Dir()))
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("got %v, want ErrLocked", err)
	}
	if _, err := s.CreateCase(ctx, "a", CaseInfo{Name: "still works"}); err != nil {
		t.Errorf("first store stopped working: %v", err)
	}
}

func TestChangePassphrase(t *testing.T) {
	s := TestInit(t)
	ref, err := s.PutBlobBytes(ctx, []byte("evidence bytes"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangePassphrase(ctx, "officer A", []byte("wrong"), []byte("a new passphrase"), TestKDF); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("change with wrong old passphrase: %v", err)
	}
	if err := s.ChangePassphrase(ctx, "officer A", []byte(TestPassphrase), []byte("a new passphrase"), TestKDF); err != nil {
		t.Fatal(err)
	}
	dir := s.Dir()
	s.Close()
	if _, err := Open(ctx, TestOptions(dir)); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase still opens: %v", err)
	}
	opts := TestOptions(dir)
	opts.Passphrase = []byte("a new passphrase")
	s2, err := Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	b, err := s2.ReadBlob(ref.ID)
	if err != nil || string(b) != "evidence bytes" {
		t.Fatalf("blob after passphrase change: %q, %v", b, err)
	}
	var sawPasswd bool
	s2.Log(ctx, LogFilter{Action: ActPasswd}, func(Entry) error { sawPasswd = true; return nil })
	if !sawPasswd {
		t.Error("passphrase change not in the custody log")
	}
}

func TestBlobRoundTrip(t *testing.T) {
	s := TestInit(t)
	for _, n := range []int{0, 1, 1000, ChunkSize - 1, ChunkSize, ChunkSize + 1, 3*ChunkSize + 12345} {
		p := make([]byte, n)
		rand.Read(p)
		ref, err := s.PutBlob(ctx, bytes.NewReader(p))
		if err != nil {
			t.Fatalf("size %d: %v", n, err)
		}
		if ref.ID != Sum(p) || ref.Size != int64(n) {
			t.Errorf("size %d: ref %v/%d, want %v", n, ref.ID.Short(), ref.Size, Sum(p).Short())
		}
		again, err := s.PutBlob(ctx, bytes.NewReader(p))
		if err != nil || again != ref {
			t.Errorf("size %d: second put = %v, %v", n, again, err)
		}
		r, err := s.OpenBlob(ref.ID)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, p) || r.Size() != int64(n) {
			t.Errorf("size %d: read back %d bytes, %v", n, len(got), err)
		}
	}
	if _, err := s.OpenBlob(Sum([]byte("never stored"))); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing blob: %v", err)
	}
	var rep TestReporter
	sum, err := s.Verify(ctx, VerifyFull, "test", &rep)
	if err != nil || !sum.OK || sum.Blobs != 7 {
		t.Errorf("verify after round trip: %+v %v %v", sum, rep.Findings, err)
	}
}

// A blob batch stores many blobs with one flush, deduplicating inside the batch.
func TestBlobBatch(t *testing.T) {
	s := TestInit(t)
	b := s.NewBlobBatch()
	var refs []BlobRef
	for i := range 40 {
		p := bytes.Repeat([]byte{byte(i % 20)}, 700_000)
		ref, err := b.Add(ctx, bytes.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, ref)
	}
	if ok, _ := s.HasBlob(refs[39].ID); ok && refs[39] != refs[19] {
		t.Log("batch flushed early; allowed")
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	for i, r := range refs {
		if ok, err := s.HasBlob(r.ID); !ok || err != nil {
			t.Errorf("blob %d missing after commit: %v", i, err)
		}
	}
	if refs[3] != refs[23] {
		t.Error("identical content got different names")
	}
}

// zeroReader yields n pseudo-random bytes without holding them.
type genReader struct{ left, state uint64 }

func (g *genReader) Read(p []byte) (int, error) {
	if g.left == 0 {
		return 0, io.EOF
	}
	n := min(uint64(len(p)), g.left)
	for i := range p[:n] {
		g.state = g.state*6364136223846793005 + 1442695040888963407
		p[i] = byte(g.state >> 56)
	}
	g.left -= n
	return int(n), nil
}

// Reads racing with Close get their answer or ErrClosed, never Badger's panic on a closed
// database (an analysis still at work when the officer locks the workstation read one), and
// reads after Close get ErrClosed.
func TestReadsRacingClose(t *testing.T) {
	s := TestInit(t)
	c, err := s.CreateCase(ctx, "officer A", CaseInfo{Name: "read while closing"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, 64)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for range 200 {
				if _, err := s.Case(c.ID); err != nil {
					if !errors.Is(err, ErrClosed) {
						errs <- err
					}
					return
				}
				if _, err := s.List(ctx, KindCase, ""); err != nil && !errors.Is(err, ErrClosed) {
					errs <- err
					return
				}
			}
		}()
	}
	close(start)
	time.Sleep(time.Millisecond)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a read racing Close: %v", err)
	}
	if _, err := s.Case(c.ID); !errors.Is(err, ErrClosed) {
		t.Errorf("a read after Close: %v, want ErrClosed", err)
	}
}

// A new passphrase needs MinPassphraseLen characters, counted as characters, not bytes; a
// store whose passphrase was set before the rule keeps opening with it.
func TestShortPassphraseRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	opts := TestOptions(dir)
	opts.Passphrase = []byte("λέξηκλειδιά") // 11 letters, 22 bytes
	if _, err := Init(ctx, opts); !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "at least 12") {
		t.Fatalf("11-character passphrase: %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("a refused init left %s behind: %v", dir, err)
	}
	opts.Passphrase = []byte("λέξηκλειδιάς") // 12 letters
	s, err := Init(ctx, opts)
	if err != nil {
		t.Fatalf("12-character passphrase: %v", err)
	}
	if err := s.ChangePassphrase(ctx, "officer A", opts.Passphrase, []byte("short"), TestKDF); !errors.Is(err, ErrInvalid) {
		t.Fatalf("change to a short passphrase: %v", err)
	}
	s.Close()
	if s, err = Open(ctx, opts); err != nil {
		t.Fatalf("a refused change locked the store: %v", err)
	}
	s.Close()

	// A store made before the rule, with a short passphrase.
	h, err := readHeader(dir)
	if err != nil {
		t.Fatal(err)
	}
	key, err := h.unwrap(opts.Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	old, err := wrap(key, []byte("old"), TestKDF, h.Created)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeHeader(dir, old); err != nil {
		t.Fatal(err)
	}
	opts.Passphrase = []byte("old")
	if s, err = Open(ctx, opts); err != nil {
		t.Fatalf("an old short passphrase no longer opens its store: %v", err)
	}
	s.Close()
}

// PassphraseLen counts what a person sees: accents written apart count with their letter,
// invisible and combining characters and runs of spaces do not pad a passphrase out.
func TestPassphraseLen(t *testing.T) {
	for p, want := range map[string]int{
		"correct horse":                         13,
		"  padded \t\n passphrase  ":            17,
		strings.Repeat("e\u0301", 6):            6, // éééééé, accents apart
		strings.Repeat("\u0301", 12):            0, // combining accents alone
		strings.Repeat("\u200b", 12):            0, // zero-width spaces
		strings.Repeat(" ", 12):                 0,
		"ab\u200e\u200fcd":                      4,  // direction marks
		"λέξηκλειδιάς":                          12, // composed
		norm.NFD.String("λέξηκλειδιάς"):         12, // the same, decomposed
		strings.Repeat("\xff", 12):              12, // random bytes from a file
		"\xf0\x9f\x94\x91 key \xf0\x9f\x94\x91": 7,  // emoji count one each
	} {
		if got := PassphraseLen([]byte(p)); got != want {
			t.Errorf("PassphraseLen(%q) = %d, want %d", p, got, want)
		}
	}
	// A second init in a store's folder says the store exists, whatever the passphrase.
	s := TestInit(t)
	s.Close()
	opts := TestOptions(s.Dir())
	opts.Passphrase = []byte("short")
	if _, err := Init(ctx, opts); !errors.Is(err, ErrAlreadyInitialized) {
		t.Errorf("init over a store with a short passphrase: %v, want ErrAlreadyInitialized", err)
	}
}
