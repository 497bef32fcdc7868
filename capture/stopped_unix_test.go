//go:build unix

package capture

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A browser that stops answering (hung, or stopped as here) costs a capture no more than its
// budget, even before the tab exists; once it answers again it works, and the tab it opened
// late is closed.
func TestCaptureWithAStoppedBrowser(t *testing.T) {
	site := newFixtureSite(t)
	b, err := Launch(context.Background(), BrowserOptions{Headless: true})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	pages := func() int { return pageCount(t, b) }
	before := pages()
	pid := b.launcher.PID()
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := b.CaptureURL(context.Background(), site.URL+"/", Options{Budget: 2 * time.Second})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "did not answer in time") {
			t.Errorf("capture with a stopped browser: %v", err)
		}
	case <-time.After(60 * time.Second):
		syscall.Kill(pid, syscall.SIGCONT)
		t.Fatal("a capture with a budget of 2 s was still waiting for a stopped browser after 60 s")
	}
	syscall.Kill(pid, syscall.SIGCONT)
	res, err := b.CaptureURL(context.Background(), site.URL+"/", quick())
	if err != nil || res.Record.Outcome != OutcomeComplete {
		t.Fatalf("capture once the browser answers again: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for pages() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d tabs open, %d before: the tab opened late was left", pages(), before)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
