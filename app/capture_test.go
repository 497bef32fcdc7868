package app

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// testSessionSecret is the board site's session cookie.
const testSessionSecret = "SESSION-SECRET-7f3a9c"

// boardSite is a synthetic classifieds page with two images, plus a hung page and a loop.
func boardSite(t testing.TB) string {
	mux := http.NewServeMux()
	img := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/svg+xml")
		fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80"><rect width="120" height="80" fill="#%s"/></svg>`, r.URL.Query().Get("c"))
	}
	mux.HandleFunc("/img", img)
	mux.HandleFunc("/ad", func(w http.ResponseWriter, r *http.Request) {
		// A session cookie, as an undercover login would have: it must never leave in a package.
		http.SetCookie(w, &http.Cookie{Name: "session", Value: testSessionSecret})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><meta charset="utf-8"><title>Ad 1123</title></head><body>
			<h1>Models wanted abroad</h1><p>Earn 5000 EUR a month. Travel paid. Write on Telegram.</p>
			<img src="/img?c=aa3355"><img src="/img?c=3355aa"></body></html>`)
	})
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><title>hang</title><p>half`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	srv := httptest.NewServer(mux) // on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL
}

func quickCapture() capture.Options {
	return capture.Options{Budget: 30 * time.Second, LoadWait: 3 * time.Second, QuietWait: 2 * time.Second}
}

// Hostile pages are stored with their outcome; what was stored before does not change and the
// store verifies clean.
func TestSaveCapturesKeepsStoreIntact(t *testing.T) {
	site := boardSite(t)
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "board"})
	b, err := w.OpenBrowser(ctx, c.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	first, err := b.CaptureURL(ctx, site+"/ad", w.CaptureOptions(quickCapture()))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := w.SaveCapture(ctx, c.ID, first)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/hang", "/loop"} {
		res, err := b.CaptureURL(ctx, site+path, w.CaptureOptions(quickCapture()))
		if err != nil {
			t.Fatal(err)
		}
		sc, err := w.SaveCapture(ctx, c.ID, res)
		if err != nil || sc.Outcome == capture.OutcomeComplete {
			t.Errorf("%s: stored %v as %q", path, err, sc.Outcome)
		}
	}
	again, err := w.Capture(saved.ID)
	if err != nil || again.RecordID != saved.RecordID || again.Officer != "Insp. Test" || again.Workstation != w.Store().WorkstationID() {
		t.Errorf("the first capture changed: %+v %v", again.RecordID, err)
	}
	all, _ := w.Captures(ctx, c.ID)
	if len(all) != 3 {
		t.Errorf("case has %d captures, want 3", len(all))
	}
	var rep store.TestReporter
	if sum, err := w.Verify(ctx, store.VerifyFull, &rep); err != nil || !sum.OK {
		t.Errorf("verify: %v %v", rep.Findings, err)
	}
	if _, err := w.SaveCapture(ctx, "case-0000000000000000", first); err == nil {
		t.Error("a capture was saved into a case that does not exist")
	}
}

// BenchmarkCaptureEndToEnd captures a page and stores it (every artifact hashed, the record
// and custody entry synced) next to a bare rod navigate + full-page screenshot + HTML of the
// same page with the same settling, in the same run.
func BenchmarkCaptureEndToEnd(b *testing.B) {
	site := boardSite(b)
	cfg := StoreConfig{Dir: b.TempDir(), Passphrase: []byte(store.TestPassphrase), KDF: store.TestKDF}
	w, err := Create(ctx, cfg, Settings{Officer: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "bench"})
	br, err := w.OpenBrowser(ctx, c.ID, true)
	if err != nil {
		b.Fatal(err)
	}
	defer br.Close()
	bare := rod.New().ControlURL(br.ControlURL()).NoDefaultDevice()
	if err := bare.Connect(); err != nil {
		b.Fatal(err)
	}
	opts := w.CaptureOptions(capture.Options{})
	ours := func() {
		res, err := br.CaptureURL(context.Background(), site+"/ad", opts)
		if err != nil || res.Record.Outcome != capture.OutcomeComplete {
			b.Fatal(err, res.Record.Problems)
		}
		if _, err := w.SaveCapture(ctx, c.ID, res); err != nil {
			b.Fatal(err)
		}
	}
	plain := func() {
		p, err := bare.Page(proto.TargetCreateTarget{URL: "about:blank"})
		if err != nil {
			b.Fatal(err)
		}
		wait := p.WaitRequestIdle(500*time.Millisecond, nil, nil, nil)
		if err := p.Navigate(site + "/ad"); err != nil {
			b.Fatal(err)
		}
		if err := p.WaitLoad(); err != nil {
			b.Fatal(err)
		}
		wait()
		if _, err := p.Screenshot(true, nil); err != nil {
			b.Fatal(err)
		}
		if _, err := p.HTML(); err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
	// One of each first, not timed: the browser's first page and first print cost more, and
	// only the side that ran first would pay for them.
	ours()
	plain()
	var tOurs, tBare time.Duration
	for b.Loop() {
		start := time.Now()
		ours()
		tOurs += time.Since(start)
		start = time.Now()
		plain()
		tBare += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(tOurs.Seconds()/n*1000, "capture+store-ms")
	b.ReportMetric(tBare.Seconds()/n*1000, "bare-rod-ms")
	b.ReportMetric(tOurs.Seconds()/tBare.Seconds(), "ours/bare")
}
