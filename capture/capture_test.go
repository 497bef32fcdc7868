package capture

import (
	"bytes"
	"compress/gzip"
	"context"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

var (
	sharedOnce    sync.Once
	sharedBrowser *Browser
	sharedErr     error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedBrowser != nil {
		sharedBrowser.Close()
	}
	os.Exit(code)
}

// testBrowser is one headless Chromium for the package's tests. A missing browser fails the
// test: `make test` installs it.
func testBrowser(t testing.TB) *Browser {
	t.Helper()
	sharedOnce.Do(func() {
		sharedBrowser, sharedErr = Launch(context.Background(), BrowserOptions{Headless: true,
			ExtraFlags: map[string]string{"window-size": "1280,900"}})
	})
	if sharedErr != nil {
		t.Fatalf("start Chromium (run `make test`, which installs it): %v", sharedErr)
	}
	return sharedBrowser
}

func artifact(res *Result, kind string) *Artifact {
	for i := range res.Artifacts {
		if res.Artifacts[i].Kind == kind {
			return &res.Artifacts[i]
		}
	}
	return nil
}

func quick() Options {
	return Options{Budget: 40 * time.Second, LoadWait: 5 * time.Second, QuietWait: 2 * time.Second}
}

func TestCaptureOrdinaryPage(t *testing.T) {
	site := newFixtureSite(t)
	b := testBrowser(t)
	res, err := b.CaptureURL(context.Background(), site.URL+"/", quick())
	if err != nil {
		t.Fatal(err)
	}
	r := res.Record
	if r.Outcome != OutcomeComplete {
		t.Errorf("outcome %s: %v", r.Outcome, r.Problems)
	}
	if r.Status != 200 || r.ServerIP != "127.0.0.1" || r.Title != "Work abroad — hostess jobs" || r.FinalURL != site.URL+"/" {
		t.Errorf("record: status %d ip %q title %q final %q", r.Status, r.ServerIP, r.Title, r.FinalURL)
	}
	if !strings.Contains(r.Browser, "Chrome") || strings.Contains(r.UserAgent, "Macintosh") || r.UserAgent == "" {
		t.Errorf("browser %q, user agent %q (rod's fake device must not be used)", r.Browser, r.UserAgent)
	}
	if r.Started.IsZero() || r.Finished.Before(r.Started) || r.Started.Location() != time.UTC {
		t.Errorf("times %v .. %v", r.Started, r.Finished)
	}
	for _, kind := range []string{KindScreenshot, KindHTML, KindMHTML, KindText, KindPDF, KindWARC} {
		a := artifact(res, kind)
		if a == nil || a.Size == 0 || a.SHA256 == "" || a.Transformation == "" {
			t.Errorf("artifact %s missing or empty: %+v", kind, a)
		}
	}
	if shot, err := png.Decode(bytes.NewReader(artifact(res, KindScreenshot).Data)); err != nil || shot.Bounds().Dx() < 800 {
		t.Errorf("screenshot is not a page-wide PNG: %v", err)
	}
	for kind, want := range map[string]string{KindHTML: "QX-FIXTURE-1", KindText: "QX-FIXTURE-1", KindMHTML: "QX-FIXTURE-1", KindPDF: "%PDF-"} {
		if a := artifact(res, kind); a == nil || !bytes.Contains(a.Data, []byte(want)) {
			t.Errorf("%s lacks %q", kind, want)
		}
	}
	var images [][]byte
	for _, a := range res.Artifacts {
		if a.Kind == KindImage {
			images = append(images, a.Data)
		}
	}
	if len(images) != 2 || !(bytes.Equal(images[0], site.logo) || bytes.Equal(images[1], site.logo)) {
		t.Errorf("embedded images: %d, want the logo and the photo byte for byte", len(images))
	}
	// The WARC of real browser traffic reads back in a reader we did not write.
	warc := filepath.Join(t.TempDir(), "traffic.warc.gz")
	os.WriteFile(warc, artifact(res, KindWARC).Data, 0o600)
	if rep := runWarcio(t, warc); !rep.OK || rep.Records < 7 {
		t.Errorf("warcio on the capture's WARC: %+v", rep)
	}
}

// Legacy encodings reach the WARC as the server sent them.
func TestCaptureKeepsLegacyEncodingBytes(t *testing.T) {
	site := newFixtureSite(t)
	res, err := testBrowser(t).CaptureURL(context.Background(), site.URL+"/cp1251", quick())
	if err != nil {
		t.Fatal(err)
	}
	want, _ := charmap.Windows1251.NewEncoder().String("Работа за границей QX-1251")
	if a := artifact(res, KindWARC); a == nil || !bytes.Contains(gunzipAll(t, a.Data), []byte(want)) {
		t.Error("the WARC does not hold the page's windows-1251 bytes")
	}
}

func gunzipAll(t *testing.T, b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr) // multistream: every record's member
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCaptureRedirectChain(t *testing.T) {
	site := newFixtureSite(t)
	res, err := testBrowser(t).CaptureURL(context.Background(), site.URL+"/redirect", quick())
	if err != nil {
		t.Fatal(err)
	}
	r := res.Record
	if len(r.Redirects) != 2 || r.Redirects[0].Status != 302 || r.Redirects[1].Status != 301 || r.FinalURL != site.URL+"/p2" {
		t.Errorf("redirects %+v, final %s", r.Redirects, r.FinalURL)
	}
	if r.RequestedURL != site.URL+"/redirect" || r.Status != 200 {
		t.Errorf("requested %s status %d", r.RequestedURL, r.Status)
	}
}

// Each hostile page ends within its budget with a clear outcome, and the browser still works.
func TestCaptureHostilePages(t *testing.T) {
	site := newFixtureSite(t)
	b := testBrowser(t)
	cases := []struct {
		path, outcome, problem, text string
	}{
		{"/loop", OutcomeFailed, "redirect loop", ""},
		{"/hang", OutcomePartial, "load event did not fire", "QX-HANG"},
		{"/404", OutcomeComplete, "", "QX-404"},
		{"/500", OutcomeComplete, "", "QX-500"},
		{"/download", OutcomeFailed, "download", ""},
		{"/storm", "", "", "QX-STORM"},
		{"/huge", OutcomePartial, "cut at 20000", "QX-HUGE"},
		{"/bigimage", "", "", ""},
		{"/cp1251", OutcomeComplete, "", "Работа за границей QX-1251"},
		{"/greek", OutcomeComplete, "", "Εργασία στο εξωτερικό QX-GREEK"},
		{"/badutf8", OutcomeComplete, "", "QX-BADUTF8"},
		{"/frames", OutcomeComplete, "", "QX-FRAMES"},
		{"/selfclose", "", "", ""},
	}
	for _, tc := range cases {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			opts := quick()
			opts.Budget = 30 * time.Second
			start := time.Now()
			res, err := b.CaptureURL(context.Background(), site.URL+tc.path, opts)
			if err != nil {
				t.Fatalf("browser broke: %v", err)
			}
			r := res.Record
			t.Logf("%s: %s in %s, problems %v", tc.path, r.Outcome, time.Since(start).Round(time.Millisecond), r.Problems)
			if time.Since(start) > opts.Budget+10*time.Second {
				t.Errorf("took %s, budget %s", time.Since(start), opts.Budget)
			}
			if r.Outcome == "" || (tc.outcome != "" && r.Outcome != tc.outcome) {
				t.Errorf("outcome %q, want %q", r.Outcome, tc.outcome)
			}
			if r.Outcome != OutcomeComplete && len(r.Problems) == 0 {
				t.Error("an incomplete capture must say what is missing")
			}
			if tc.problem != "" && !strings.Contains(strings.Join(r.Problems, "; "), tc.problem) {
				t.Errorf("problems %v lack %q", r.Problems, tc.problem)
			}
			if tc.text != "" {
				if a := artifact(res, KindText); a == nil || !strings.Contains(string(a.Data), tc.text) {
					t.Errorf("text lacks %q", tc.text)
				}
			}
			if artifact(res, KindWARC) == nil {
				t.Error("no WARC: the traffic must be kept whatever the outcome")
			}
		})
	}
	// The browser still captures an ordinary page after all that.
	res, err := b.CaptureURL(context.Background(), site.URL+"/p2", quick())
	if err != nil || res.Record.Outcome != OutcomeComplete {
		t.Fatalf("browser unusable after the hostile pages: %v %+v", err, res.Record.Problems)
	}
}
