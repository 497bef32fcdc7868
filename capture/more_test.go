package capture

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod/lib/proto"
)

func TestFindBrowser(t *testing.T) {
	if _, err := FindBrowser("/nonexistent/chromium"); err == nil || !strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Errorf("a configured path that does not exist: %v", err)
	}
	t.Setenv("CHROME_PATH", "/nonexistent/chrome")
	if _, err := FindBrowser(""); err == nil || !strings.Contains(err.Error(), "/nonexistent/chrome") {
		t.Errorf("a $CHROME_PATH that does not exist: %v", err)
	}
	t.Setenv("CHROME_PATH", "")
	p, err := FindBrowser("")
	if err != nil {
		t.Fatalf("the system Chromium was not found (run `make test`, which installs it): %v", err)
	}
	if _, err := os.Stat("/usr/lib/chromium/chromium"); err == nil && p != "/usr/lib/chromium/chromium" {
		t.Errorf("picked %s, not the Debian binary behind the wrapper script", p)
	}
	if !strings.Contains(ErrNoBrowser.Error(), "apt-get install chromium") {
		t.Error("the missing-browser message does not say how to install one")
	}
	if _, err := Launch(context.Background(), BrowserOptions{Bin: "/nonexistent/chromium", Headless: true}); err == nil ||
		!strings.Contains(err.Error(), "/nonexistent/chromium") {
		t.Errorf("launch with a missing browser: %v", err)
	}
}

func TestScrollLoadsLazyContent(t *testing.T) {
	site := newFixtureSite(t)
	b := testBrowser(t)
	for _, scroll := range []bool{false, true} {
		opts := quick()
		opts.Scroll = scroll
		res, err := b.CaptureURL(context.Background(), site.URL+"/lazy", opts)
		if err != nil {
			t.Fatal(err)
		}
		text := string(artifact(res, KindText).Data)
		if got := strings.Contains(text, "QX-LAZY-LOADED"); got != scroll {
			t.Errorf("scroll %v: lazy content present = %v", scroll, got)
		}
		if shot := artifact(res, KindScreenshot); shot == nil {
			t.Errorf("scroll %v: no screenshot", scroll)
		}
	}
}

// Over HTTPS the record holds the server's certificate chain with fingerprints.
func TestCaptureTLSChain(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!doctype html><title>tls</title><p>QX-TLS</p>"))
	}))
	defer srv.Close()
	// The test server's certificate is self-signed: this browser is told to accept it.
	b, err := Launch(context.Background(), BrowserOptions{Headless: true, ExtraFlags: map[string]string{"ignore-certificate-errors": ""}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := b.CaptureURL(context.Background(), srv.URL+"/", quick())
	if err != nil {
		t.Fatal(err)
	}
	tls := res.Record.TLS
	if tls == nil || tls.Protocol == "" || len(tls.Chain) == 0 {
		t.Fatalf("no TLS details: %+v, problems %v", tls, res.Record.Problems)
	}
	sum := sha256.Sum256(srv.Certificate().Raw)
	if tls.Chain[0].SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("chain[0] fingerprint %s, want the server's %x", tls.Chain[0].SHA256, sum)
	}
	if artifact(res, KindTLS) == nil {
		t.Error("no tls-chain.pem artifact")
	}
}

// The officer's Navigate and the automatic capture loop set a tab's navigation error from
// goroutines of their own while a snapshot reads it: under the race detector (make test), this
// fails if the error is ever kept without its lock.
func TestNavErrorFromTwoGoroutines(t *testing.T) {
	var tab Tab
	var wg sync.WaitGroup
	for _, msg := range []string{"net::ERR_CONNECTION_REFUSED", ""} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 1000 {
				tab.setNavErr(msg)
			}
		}()
	}
	seen := map[string]bool{}
	for range 1000 {
		seen[tab.navError()] = true
	}
	wg.Wait()
	for m := range seen {
		if m != "" && m != "net::ERR_CONNECTION_REFUSED" {
			t.Errorf("read %q, which no one wrote", m)
		}
	}
}

// A capture waits for the silence it asks for and no longer: quietIn gives the rest of it
// since the last network event, and nothing while a request is open.
func TestQuietIn(t *testing.T) {
	r := newRecorder(nil)
	r.lastEvent = time.Now().Add(-200 * time.Millisecond)
	if got := r.quietIn(500 * time.Millisecond); got <= 0 || got > 300*time.Millisecond {
		t.Errorf("200 ms after the last event, 500 ms of silence is %v away", got)
	}
	r.lastEvent = time.Now().Add(-time.Second)
	if got := r.quietIn(500 * time.Millisecond); got != 0 {
		t.Errorf("a second after the last event: %v, want 0", got)
	}
	r.open["1"] = &Exchange{}
	if got := r.quietIn(500 * time.Millisecond); got != -1 {
		t.Errorf("with a request in flight: %v, want -1", got)
	}
}

// CaptureURL does not wait for its tab to close, but the tab does close: captures leave no
// tabs behind.
func TestCaptureClosesItsTab(t *testing.T) {
	site := newFixtureSite(t)
	b := testBrowser(t)
	pages := func() int { return pageCount(t, b) }
	before := pages()
	for range 3 {
		if _, err := b.CaptureURL(context.Background(), site.URL+"/", quick()); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	for pages() > before {
		if time.Now().After(deadline) {
			t.Fatalf("%d tabs open after three captures, %d before", pages(), before)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// pageCount is the number of tabs the browser has open.
func pageCount(t *testing.T, b *Browser) int {
	t.Helper()
	ts, err := proto.TargetGetTargets{}.Call(b.rod)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ti := range ts.TargetInfos {
		if ti.Type == proto.TargetTargetInfoTypePage {
			n++
		}
	}
	return n
}
