package app

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"time"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// CaptureSummary is one line of a case's capture list: what a reviewer scans for.
type CaptureSummary struct {
	ID      string    `json:"id"`
	URL     string    `json:"url"`
	Title   string    `json:"title,omitempty"`
	Started time.Time `json:"started"` // UTC
	Outcome string    `json:"outcome"`
	// Screenshot is the SHA-256 of the full-page screenshot; zero when the page gave none.
	Screenshot store.Hash `json:"screenshot,omitzero"`
	// Analysed tells whether Level, Score, Sensitive and Thumbnail are known yet.
	Analysed  bool       `json:"analysed"`
	Level     string     `json:"level,omitempty"`
	Score     float64    `json:"score,omitempty"`
	Sensitive bool       `json:"sensitive,omitempty"`
	Thumbnail store.Hash `json:"thumbnail,omitzero"`
}

// summaryBody reads only what a summary needs of a capture record.
type summaryBody struct {
	RequestedURL string             `json:"requested_url"`
	FinalURL     string             `json:"final_url"`
	Title        string             `json:"title"`
	Started      time.Time          `json:"started"`
	Outcome      string             `json:"outcome"`
	Artifacts    []capture.Artifact `json:"artifacts"`
}

// CaptureSummaries lists a case's captures, oldest first, each with its newest analysis. Only
// records are read, never artifacts, so that a case of many thousands lists at once.
func (w *Workstation) CaptureSummaries(ctx context.Context, caseID string) ([]CaptureSummary, error) {
	caps, err := w.st.List(ctx, store.KindCapture, caseID)
	if err != nil {
		return nil, err
	}
	anas, err := w.st.List(ctx, store.KindAnalysis, caseID)
	if err != nil {
		return nil, err
	}
	bodies := make([]AnalysisBody, len(anas))
	if err := eachParallel(len(anas), func(i int) error { return anas[i].Decode(&bodies[i]) }); err != nil {
		return nil, err
	}
	newest := make(map[string]AnalysisBody, len(anas))
	for _, a := range bodies { // oldest first: a later analysis replaces an earlier one
		newest[a.Capture] = a
	}
	out := make([]CaptureSummary, len(caps))
	err = eachParallel(len(caps), func(i int) error {
		r := caps[i]
		var b summaryBody
		if err := r.Decode(&b); err != nil {
			return err
		}
		s := CaptureSummary{ID: r.Lineage, URL: b.FinalURL, Title: b.Title, Started: b.Started.UTC(), Outcome: b.Outcome}
		if s.URL == "" {
			s.URL = b.RequestedURL
		}
		if shot := findArtifact(b.Artifacts, capture.KindScreenshot); shot != nil {
			s.Screenshot, _ = store.ParseHash(shot.SHA256)
		}
		if a, ok := newest[r.Lineage]; ok {
			s.Analysed, s.Level, s.Score, s.Sensitive, s.Thumbnail = true, a.Level, a.Score, a.Sensitive, a.Thumbnail
		}
		out[i] = s
		return nil
	})
	return out, err
}

// eachParallel calls fn for 0..n-1 on every core and returns the errors joined; fn(i) writes
// only its own i.
func eachParallel(n int, fn func(i int) error) error {
	parts := min(runtime.GOMAXPROCS(0), max(1, n/256))
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := p * n / parts; i < (p+1)*n/parts; i++ {
				if err := fn(i); err != nil {
					errs[p] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Summary is a capture's line in a list, before its analysis is known.
func (sc StoredCapture) Summary() CaptureSummary {
	s := CaptureSummary{ID: sc.ID, URL: firstURL(sc), Title: sc.Title, Started: sc.Started.UTC(), Outcome: sc.Outcome}
	if shot := findArtifact(sc.Artifacts, capture.KindScreenshot); shot != nil {
		s.Screenshot, _ = store.ParseHash(shot.SHA256)
	}
	return s
}
