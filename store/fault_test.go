package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The test binary re-runs itself as a second process for the tests below: with helperEnv set,
// TestHelperProcess does the child's part instead of testing.
const helperEnv = "INTERCEPTED_STORE_HELPER"

func helperCmd(t *testing.T, role, dir string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.v=false")
	cmd.Env = append(os.Environ(), helperEnv+"="+role, "INTERCEPTED_STORE_DIR="+dir)
	return cmd
}

func TestHelperProcess(t *testing.T) {
	role := os.Getenv(helperEnv)
	if role == "" {
		return // not a helper run: nothing to test here
	}
	dir := os.Getenv("INTERCEPTED_STORE_DIR")
	s, err := Open(ctx, TestOptions(dir))
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	switch role {
	case "hold":
		fmt.Println("opened")
		time.Sleep(time.Minute)
	case "writer":
		for i := 0; ; i++ {
			blob, err := s.PutBlob(ctx, &genReader{left: uint64(1000 + i*4096), state: uint64(i)})
			if err != nil {
				fmt.Println("error:", err)
				os.Exit(4)
			}
			rec, err := s.Create(ctx, "writer", NewRecord{Kind: KindNote, Blobs: []Hash{blob.ID}, Body: i})
			if err != nil {
				fmt.Println("error:", err)
				os.Exit(4)
			}
			// Printed only after both commits returned: everything named here must survive.
			fmt.Printf("committed %s %s %s\n", rec.Lineage, rec.ID, blob.ID)
		}
	}
	os.Exit(0)
}

func TestSecondProcessIsRefused(t *testing.T) {
	f := populate(t)
	holder := helperCmd(t, "hold", f.dir)
	out, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Process.Kill()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if strings.TrimSpace(line) != "opened" {
		t.Fatalf("holder: %q", line)
	}
	_, err := Open(ctx, TestOptions(f.dir))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "in use by another") {
		t.Fatalf("second process got %v, want ErrLocked", err)
	}
	holder.Process.Kill()
	holder.Wait()
	if got := verifyDir(t, f.dir, VerifyFull); len(got) != 0 {
		t.Errorf("store damaged by the refused second open: %v", got)
	}
}

// Killing the writer at random moments never loses a committed record nor corrupts the store.
func TestCrashMidWrite(t *testing.T) {
	s := TestInit(t)
	dir := s.Dir()
	s.Close()
	var committed []string
	rounds := 12
	for round := range rounds {
		cmd := helperCmd(t, "writer", dir)
		var out bytes.Buffer
		cmd.Stdout = &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(150+rand.IntN(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		n := 0
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(l, "committed ") {
				committed = append(committed, l)
				n++
			} else if strings.TrimSpace(l) != "" {
				t.Fatalf("round %d: writer said %q", round, l)
			}
		}
		if n == 0 && round > 2 {
			t.Logf("round %d: killed before the first commit", round)
		}
	}
	if len(committed) < rounds {
		t.Fatalf("only %d writes committed over %d rounds: the writer is too slow to test", len(committed), rounds)
	}
	s, err := Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatalf("reopen after crashes: %v", err)
	}
	defer s.Close()
	for _, l := range committed {
		var lineage, recID, blobID string
		fmt.Sscanf(l, "committed %s %s %s", &lineage, &recID, &blobID)
		h, _ := ParseHash(blobID)
		r, err := s.Head(lineage)
		if err != nil || r.ID.String() != recID {
			t.Errorf("committed record %s lost: %v", lineage, err)
		}
		if ok, _ := s.HasBlob(h); !ok {
			t.Errorf("committed blob %s lost", blobID)
		}
	}
	var rep TestReporter
	sum, err := s.Verify(ctx, VerifyFull, "test", &rep)
	if err != nil || !sum.OK {
		t.Errorf("verify after %d crashes: %v %v", rounds, rep.Findings, err)
	}
	t.Logf("%d commits survived %d SIGKILLs; verify clean", len(committed), rounds)
}

// No byte of what the officer stored appears in plaintext anywhere in the data directory,
// neither while the store is open nor after it is closed.
func TestNoPlaintextOnDisk(t *testing.T) {
	const marker = "PLAINTEXT-MARKER-q7Zx93kD"
	s := TestInit(t)
	c, _ := s.CreateCase(ctx, marker+" officer", CaseInfo{Name: marker, Notes: marker})
	s.PutBlobBytes(ctx, []byte("<p>"+marker+"</p>"))
	s.PutBlob(ctx, io_MultiReader(marker, 2*ChunkSize))
	s.Create(ctx, "officer", NewRecord{Kind: KindNote, Refs: []string{c.ID}, Body: marker})
	scan := func(when string) {
		filepath.WalkDir(s.Dir(), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte(marker)) || bytes.Contains(b, []byte("q7Zx93kD")) {
				t.Errorf("%s: plaintext marker found in %s", when, p)
			}
			return nil
		})
	}
	scan("while open")
	s.Close()
	scan("after close")
}

func io_MultiReader(marker string, size int) *bytes.Reader {
	return bytes.NewReader(bytes.Repeat([]byte(marker), size/len(marker)))
}

// A blob far larger than the memory it may use is streamed.
func TestLargeBlobStreamsInBoundedMemory(t *testing.T) {
	s := TestInit(t)
	const size = 200 << 20
	// Collect garbage eagerly so that the heap measures what is live, not what awaits the GC.
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	ref, err := s.PutBlob(ctx, &genReader{left: size, state: 42})
	if err == nil {
		var r *BlobReader
		if r, err = s.OpenBlob(ref.ID); err == nil {
			h := newSHA()
			var n int64
			n, err = copyBuf(h, r)
			if err == nil && (n != size || Hash(h.Sum(nil)) != ref.ID) {
				err = fmt.Errorf("read back %d bytes with another hash", n)
			}
		}
	}
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	grew := int64(peak.Load()) - int64(base.HeapInuse)
	t.Logf("200 MB blob: heap grew by at most %d MiB", grew>>20)
	if grew > 100<<20 {
		t.Errorf("storing and reading a 200 MB blob grew the heap by %d MiB: it is not streamed", grew>>20)
	}
}
