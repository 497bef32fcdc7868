package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/intercepted-eu/workstation/capture"
)

// BrowserState is what the controlled browser of a session is doing.
type BrowserState string

// Browser states, in the order a session goes through them.
const (
	BrowserClosed    BrowserState = "closed"
	BrowserStarting  BrowserState = "starting"
	BrowserReady     BrowserState = "ready"
	BrowserLoading   BrowserState = "loading"
	BrowserCapturing BrowserState = "capturing"
	BrowserFailed    BrowserState = "failed"
)

// SessionStatus is the state of a browser session as a front end shows it.
type SessionStatus struct {
	State    BrowserState
	Auto     bool   // every page the officer opens is captured
	URL      string // the page the tab shows, when known
	Captured int    // captures saved in this session
	Err      error  // the last problem, if any
}

// SessionEvents receive what happens in a session, from the session's goroutines: the GUI
// hands them to the UI goroutine, the CLI prints them.
type SessionEvents interface {
	Status(SessionStatus)
	// Captured reports a capture saved in the store (err nil) or lost (err says why), then
	// Analysed reports its analysis.
	Captured(CaptureSummary, error)
	Analysed(CaptureSummary, error)
}

// BrowserSession is the controlled browser of one case: one recorded tab the officer browses
// in, automatic capture of every page they open, capture on demand, and the saving and
// analysis of every capture. Close it.
type BrowserSession struct {
	w      *Workstation
	caseID string
	ev     SessionEvents
	aopts  AnalyzeOptions
	b      *capture.Browser
	tab    *capture.Tab
	ctx    context.Context
	cancel context.CancelFunc
	work   chan string // capture IDs waiting for analysis
	wg     sync.WaitGroup

	mu         sync.Mutex
	status     SessionStatus
	autoCancel context.CancelFunc
	closeOnce  sync.Once
}

// OpenSession starts the case's controlled browser (a visible window with the case's profile
// unless headless) and one recorded tab in it.
func (w *Workstation) OpenSession(ctx context.Context, caseID string, headless bool, aopts AnalyzeOptions, ev SessionEvents) (*BrowserSession, error) {
	if _, err := w.st.Case(caseID); err != nil {
		return nil, err
	}
	s := &BrowserSession{w: w, caseID: caseID, ev: ev, aopts: aopts, work: make(chan string, 1024)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.setStatus(func(st *SessionStatus) { st.State = BrowserStarting })
	b, err := w.OpenBrowser(ctx, caseID, headless)
	if err == nil {
		s.b = b
		s.tab, err = b.NewTab(ctx)
	}
	if err != nil {
		if s.b != nil {
			s.b.Close()
		}
		s.cancel()
		s.setStatus(func(st *SessionStatus) { st.State, st.Err = BrowserFailed, err })
		return nil, err
	}
	if err := w.trackSession(s, true); err != nil { // the workstation closed meanwhile
		s.tab.Close()
		s.b.Close()
		s.cancel()
		s.setStatus(func(st *SessionStatus) { st.State, st.Err = BrowserFailed, err })
		return nil, err
	}
	s.wg.Add(2)
	go s.analyseLoop()
	go s.watch()
	s.setStatus(func(st *SessionStatus) { st.State = BrowserReady })
	return s, nil
}

// Status is the session's state now.
func (s *BrowserSession) Status() SessionStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

func (s *BrowserSession) setStatus(change func(*SessionStatus)) {
	s.mu.Lock()
	change(&s.status)
	st := s.status
	s.mu.Unlock()
	if s.ev != nil {
		s.ev.Status(st)
	}
}

func (s *BrowserSession) opts() capture.Options {
	return s.w.CaptureOptions(capture.Options{})
}

// Navigate opens url in the session's tab and returns once the page has settled. With
// automatic capture on, the page is then captured by the automatic loop.
func (s *BrowserSession) Navigate(ctx context.Context, url string) error {
	url = strings.TrimSpace(url)
	if !strings.Contains(url, "://") {
		url = "https://" + url
	}
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return fmt.Errorf("%q is not a web address (http:// or https://)", url)
	}
	s.setStatus(func(st *SessionStatus) { st.State, st.URL, st.Err = BrowserLoading, url, nil })
	var err error
	if msg := s.tab.Navigate(ctx, url, s.opts()); msg != "" {
		err = fmt.Errorf("the page did not load: %s", msg)
	}
	s.setStatus(func(st *SessionStatus) { st.State, st.Err = BrowserReady, err })
	return err
}

// SetAuto turns automatic capture of every page the officer opens on or off.
func (s *BrowserSession) SetAuto(on bool) {
	s.mu.Lock()
	if s.autoCancel != nil {
		s.autoCancel()
		s.autoCancel = nil
	}
	if on {
		ctx, cancel := context.WithCancel(s.ctx)
		s.autoCancel = cancel
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			opts := s.opts()
			opts.Mode = "auto"
			s.tab.AutoCapture(ctx, opts, s.save)
		}()
	}
	s.mu.Unlock()
	s.setStatus(func(st *SessionStatus) { st.Auto = on })
}

// CaptureNow captures the page as it is in the tab now, scrolled through first when asked
// (lazy pages), and saves it.
func (s *BrowserSession) CaptureNow(ctx context.Context, scroll bool) (StoredCapture, error) {
	s.setStatus(func(st *SessionStatus) { st.State = BrowserCapturing })
	opts := s.opts()
	opts.Scroll = scroll
	res := s.tab.CaptureNow(ctx, opts)
	sc, err := s.saveResult(res)
	s.setStatus(func(st *SessionStatus) { st.State = BrowserReady })
	return sc, err
}

func (s *BrowserSession) save(res *capture.Result) { s.saveResult(res) }

// saveResult stores a capture, reports it and queues its analysis.
func (s *BrowserSession) saveResult(res *capture.Result) (StoredCapture, error) {
	sc, err := s.w.SaveCapture(s.ctx, s.caseID, res)
	sum := CaptureSummary{URL: res.Record.FinalURL, Title: res.Record.Title, Started: res.Record.Started, Outcome: res.Record.Outcome}
	if err == nil {
		sum = sc.Summary()
		s.setStatus(func(st *SessionStatus) { st.Captured++; st.URL = sum.URL })
	}
	if s.ev != nil {
		s.ev.Captured(sum, err)
	}
	if err == nil {
		select {
		case s.work <- sc.ID:
		default: // a full queue: the capture is saved and can be analysed later
		}
	}
	return sc, err
}

// analyseLoop analyses saved captures one at a time, off the capture path.
func (s *BrowserSession) analyseLoop() {
	defer s.wg.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case id := <-s.work:
			sa, err := s.w.AnalyzeCapture(s.ctx, id, s.aopts)
			sc, cerr := s.w.Capture(id)
			if s.ev == nil || errors.Is(s.ctx.Err(), context.Canceled) {
				continue
			}
			sum := sc.Summary()
			if err == nil && cerr == nil {
				sum.Analysed, sum.Level, sum.Score, sum.Sensitive, sum.Thumbnail = true, sa.Level, sa.Score, sa.Sensitive, sa.Thumbnail
			}
			s.ev.Analysed(sum, errors.Join(err, cerr))
		}
	}
}

// watch notices a browser window closed by the officer.
func (s *BrowserSession) watch() {
	defer s.wg.Done()
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-t.C:
			if !s.b.Alive() {
				s.setStatus(func(st *SessionStatus) {
					st.State, st.Err = BrowserClosed, errors.New("the browser window was closed")
				})
				return
			}
		}
	}
}

// Close stops automatic capture, cancels the analysis in progress (the captures are saved; the
// GUI analyses those without an analysis when the case is opened) and closes the browser.
func (s *BrowserSession) Close() {
	s.closeOnce.Do(func() { // a second Close, as from Workstation.Close, waits for the first
		s.SetAuto(false)
		s.cancel()
		s.tab.Close()
		s.b.Close()
		s.wg.Wait()
		_ = s.w.trackSession(s, false) // closing a session never fails
		s.setStatus(func(st *SessionStatus) { st.State, st.Auto, st.URL = BrowserClosed, false, "" })
	})
}
