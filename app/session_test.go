package app

import (
	"sync"
	"testing"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

// recordingEvents keeps what a session reported.
type recordingEvents struct {
	mu       sync.Mutex
	states   []BrowserState
	captured []CaptureSummary
	analysed []CaptureSummary
	errs     []error
}

func (r *recordingEvents) Status(s SessionStatus) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.states = append(r.states, s.State)
}

func (r *recordingEvents) Captured(s CaptureSummary, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.captured = append(r.captured, s)
	if err != nil {
		r.errs = append(r.errs, err)
	}
}

func (r *recordingEvents) Analysed(s CaptureSummary, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.analysed = append(r.analysed, s)
	if err != nil {
		r.errs = append(r.errs, err)
	}
}

func (r *recordingEvents) wait(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		r.mu.Lock()
		ok := cond()
		r.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// A session captures every page the officer opens while automatic capture is on, and the page
// on demand; each capture is saved, then analysed, and reported both times.
func TestBrowserSessionCapturesAndAnalyses(t *testing.T) {
	site := boardSite(t)
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test", Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "session"})
	ev := &recordingEvents{}
	s, err := w.OpenSession(ctx, c.ID, true, AnalyzeOptions{}, ev)
	if err != nil {
		t.Fatal(err)
	}
	s.SetAuto(true)
	if err := s.Navigate(ctx, site+"/ad"); err != nil {
		t.Fatal(err)
	}
	ev.wait(t, "the automatic capture and its analysis", func() bool { return len(ev.analysed) >= 1 })
	s.SetAuto(false)
	if _, err := s.CaptureNow(ctx, true); err != nil {
		t.Fatal(err)
	}
	ev.wait(t, "the second analysis", func() bool { return len(ev.analysed) >= 2 })
	if err := s.Navigate(ctx, "ftp://example.test/"); err == nil {
		t.Error("an ftp address was navigated to")
	}
	s.Close()
	if st := s.Status(); st.State != BrowserClosed || st.Captured != 2 {
		t.Errorf("status after close: %+v", st)
	}
	if len(ev.errs) > 0 || len(ev.captured) != 2 {
		t.Fatalf("captured %d, errors %v", len(ev.captured), ev.errs)
	}
	a := ev.analysed[0]
	if a.ID == "" || !a.Analysed || a.Level == "" || a.Thumbnail.IsZero() || a.URL != site+"/ad" {
		t.Errorf("analysed summary %+v", a)
	}
	sums, _ := w.CaptureSummaries(ctx, c.ID)
	if len(sums) != 2 || !sums[0].Analysed || !sums[1].Analysed {
		t.Errorf("store holds %+v", sums)
	}
}

// Closing the workstation ends its open sessions first, and waits for the analysis of a capture
// still in progress, which read a closed store before (Badger panics then); a session cannot
// open on a closed workstation, and closing a session twice is harmless.
func TestWorkstationCloseEndsSessions(t *testing.T) {
	site := boardSite(t)
	cfg := testConfig(t)
	w, err := Create(ctx, cfg, Settings{Officer: "Insp. Test", Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "close"})
	s, err := w.OpenSession(ctx, c.ID, true, AnalyzeOptions{OCR: true}, &recordingEvents{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Navigate(ctx, site+"/ad"); err != nil {
		t.Fatal(err)
	}
	for range 3 { // analyses queued behind each other, the first in progress
		if _, err := s.CaptureNow(ctx, false); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if st := s.Status(); st.State != BrowserClosed {
		t.Errorf("session after the workstation closed: %+v", st)
	}
	s.Close()
	if _, err := w.OpenSession(ctx, c.ID, true, AnalyzeOptions{}, nil); err == nil {
		t.Error("a session opened on a closed workstation")
	}
	w, err = Unlock(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if sums, _ := w.CaptureSummaries(ctx, c.ID); len(sums) != 3 {
		t.Errorf("the store holds %d captures after the close, want 3", len(sums))
	}
}
