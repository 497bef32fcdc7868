package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// The capture list is virtualised: 100,000 captures give the same handful of row widgets as ten.
func TestCaptureListHundredThousand(t *testing.T) {
	ww := unlocked(t, app.Settings{Officer: "Insp. Many"})
	l := newCaptureList(ww, func(app.CaptureSummary) {})
	sums := make([]app.CaptureSummary, 100_000)
	for i := range sums {
		sums[i] = app.CaptureSummary{ID: fmt.Sprintf("capture-%011x00000", i), URL: fmt.Sprintf("https://board.test/ad/%d", i),
			Started: time.Unix(int64(i), 0), Outcome: "complete", Analysed: true, Level: "low"}
	}
	l.set(sums)
	ww.win.SetContent(l.content)
	ww.win.Resize(fyne.NewSize(600, 800))
	if l.list.Length() != 100_000 {
		t.Fatalf("list length %d", l.list.Length())
	}
	rows := 0
	test.WidgetRenderer(l.list) // lays the list out
	l.list.ScrollToBottom()
	l.list.ScrollToTop()
	for _, o := range test.LaidOutObjects(l.list) {
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 2 {
			rows++
		}
	}
	if rows == 0 || rows > 200 {
		t.Errorf("%d row containers laid out for 100,000 captures", rows)
	}
	l.filter.SetText("ad/99999")
	if len(l.shown) != 1 {
		t.Errorf("filter shows %d captures", len(l.shown))
	}
}

// BenchmarkOpenCase10k measures what the officer waits for on a case of 10,000 analysed
// captures: unlocking the store, the main window, then the case screen drawn (ms/open), and
// until its list holds all 10,000 captures, read in the background (ms/list).
func BenchmarkOpenCase10k(b *testing.B) {
	cfg := testConfig(b)
	cfg.Passphrase = []byte(store.TestPassphrase)
	ctx := context.Background()
	w, err := app.Create(ctx, cfg, app.Settings{Officer: "Insp. Bench", Region: "IT"})
	if err != nil {
		b.Fatal(err)
	}
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "ten thousand"})
	base := app.TestResult("https://board.test/ad", "Ad", "Nuova in città, 19 anni, disponibile 24/7. WhatsApp +39 333 000 0001", 90, false)
	shot := capture.NewArtifact(capture.KindScreenshot, "screenshot.png", "image/png", tinyPNG(), "test")
	base.Artifacts[0] = shot
	for i := range 10_000 {
		res := *base
		res.Record.FinalURL = fmt.Sprintf("https://board.test/ad/%d", i)
		sc, err := w.SaveCapture(ctx, c.ID, &res)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.AnalyzeCapture(ctx, sc.ID, app.AnalyzeOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	test.NewTempApp(b)
	win := test.NewTempWindow(b, nil)
	win.Resize(fyne.NewSize(1280, 800))
	var open, list time.Duration
	for b.Loop() {
		start := time.Now()
		w, err := app.Unlock(ctx, cfg)
		if err != nil {
			b.Fatal(err)
		}
		var ww *workstationWindow
		uiDoAndWait(func() {
			ww = newWorkstationWindow(win, app.StoreConfig{Dir: cfg.Dir}, nil)
			ww.onUnlocked(w)
			ww.openCase(c.ID)
			win.Canvas().Capture() // draw the window
		})
		open += time.Since(start)
		eventually(b, "the list", func() bool { return ww.caseView.loaded })
		list += time.Since(start)
		if n := len(ww.caseView.captures.all); n != 10_000 {
			b.Fatalf("case shows %d captures", n)
		}
		uiDoAndWait(func() { win.Canvas().Capture(); ww.lock() })
	}
	b.ReportMetric(float64(open.Milliseconds())/float64(b.N), "ms/open")
	b.ReportMetric(float64(list.Milliseconds())/float64(b.N), "ms/list")
}

// tinyPNG is a small screenshot, so that building the store costs records, not image work.
func tinyPNG() []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 64, 48)))
	return buf.Bytes()
}
