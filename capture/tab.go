package capture

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// Options bound one capture in time and size. Zero values take the defaults.
type Options struct {
	Budget        time.Duration // the whole capture; default 60 s
	LoadWait      time.Duration // for the load event; default 20 s
	Quiet         time.Duration // network silence that counts as settled; default 500 ms
	QuietWait     time.Duration // how long to wait for that silence after load; default 5 s
	Scroll        bool          // scroll down first, to make lazy content load
	ScrollMax     int           // px; default 20,000
	ScrollTime    time.Duration // default 10 s
	MaxShotHeight int           // px of full-page screenshot; default 20,000
	Mode          string        // "auto" or "on-demand"; default on-demand
	Operator      string        // the officer, for the WARC's warcinfo record
	Workstation   string        // the workstation ID, for the WARC's warcinfo record
}

func (o Options) withDefaults() Options {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&o.Budget, 60*time.Second)
	def(&o.LoadWait, 20*time.Second)
	def(&o.Quiet, 500*time.Millisecond)
	def(&o.QuietWait, 5*time.Second)
	def(&o.ScrollTime, 10*time.Second)
	if o.ScrollMax == 0 {
		o.ScrollMax = 20000
	}
	if o.MaxShotHeight == 0 {
		o.MaxShotHeight = 20000
	}
	if o.Mode == "" {
		o.Mode = "on-demand"
	}
	return o
}

// Tab is one browser tab whose traffic is recorded from its opening.
type Tab struct {
	b    *Browser
	page *rod.Page
	rec  *recorder
	stop context.CancelFunc
	snap sync.Mutex
	// navErr is why the last navigation failed, or "": the officer's Navigate and the
	// automatic loop set it from goroutines of their own.
	navMu  sync.Mutex
	navErr string
}

func (t *Tab) setNavErr(msg string) {
	t.navMu.Lock()
	t.navErr = msg
	t.navMu.Unlock()
}

func (t *Tab) navError() string {
	t.navMu.Lock()
	defer t.navMu.Unlock()
	return t.navErr
}

// NewTab opens a blank tab and starts recording it, within ctx: a browser that does not answer
// (hung, stopped) costs the caller no more than ctx allows. The tab itself lives on after ctx,
// until Close.
func (b *Browser) NewTab(ctx context.Context) (*Tab, error) {
	type opened struct {
		p   *rod.Page
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		p, err := b.rod.Page(proto.TargetCreateTarget{URL: "about:blank"})
		ch <- opened{p, err}
	}()
	var p *rod.Page
	select {
	case o := <-ch:
		if o.err != nil {
			return nil, fmt.Errorf("open a tab: %w", o.err)
		}
		p = o.p
	case <-ctx.Done():
		go func() { // should the browser answer after all, the tab is not left open
			if o := <-ch; o.err == nil {
				_ = o.p.Close()
			}
		}()
		return nil, fmt.Errorf("open a tab: the browser did not answer in time: %w", ctx.Err())
	}
	lctx, stop := context.WithCancel(context.Background())
	t := &Tab{b: b, page: p, rec: newRecorder(p), stop: stop}
	if err := t.rec.start(lctx, ctx); err != nil {
		t.closeInBackground()
		return nil, err
	}
	return t, nil
}

// Close closes the tab.
func (t *Tab) Close() {
	t.stop()
	_ = t.page.Close()
}

// closeInBackground stops recording and closes the tab without waiting for the browser's
// answer: nothing of a capture taken depends on it, and the officer need not wait for it.
func (t *Tab) closeInBackground() {
	t.stop()
	go func() { _ = t.page.Close() }()
}

// Navigate loads url in the tab and waits, within ctx, for it to settle: the load event, then
// a moment of network silence. It returns the browser's error text for a navigation that
// failed (a redirect loop, a download, a refused connection), or "" on success.
func (t *Tab) Navigate(ctx context.Context, url string, opts Options) string {
	opts = opts.withDefaults()
	res, err := proto.PageNavigate{URL: url}.Call(t.page.Context(ctx))
	msg := ""
	switch {
	case err != nil:
		msg = err.Error()
	case res.ErrorText != "":
		msg = res.ErrorText
	}
	t.setNavErr(msg)
	if msg != "" {
		return msg
	}
	t.settle(ctx, opts)
	return ""
}

// settle waits for the load event and network quiet, each bounded.
func (t *Tab) settle(ctx context.Context, opts Options) {
	load, cancel := context.WithTimeout(ctx, opts.LoadWait)
	defer cancel()
	select {
	case <-t.rec.loadedChan():
	case <-load.Done():
	}
	quiet, cancel2 := context.WithTimeout(ctx, opts.QuietWait)
	defer cancel2()
	// Sleep until the silence could be complete, not in steps: a capture waits for no longer
	// than the silence it asks for. While a request is open, look again every 50 ms.
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		wait := t.rec.quietIn(opts.Quiet)
		if wait == 0 {
			return
		}
		if wait < 0 {
			wait = 50 * time.Millisecond
		}
		timer.Reset(wait)
		select {
		case <-quiet.Done():
			return
		case <-timer.C:
		}
	}
}

func (t *Tab) loadFired() bool {
	select {
	case <-t.rec.loadedChan():
		return true
	default:
		return false
	}
}

// CaptureURL opens url in a new tab, captures it and closes the tab. The error is for a
// browser that no longer works; a page that cannot be captured gives a Result with outcome
// failed and the reason.
func (b *Browser) CaptureURL(ctx context.Context, url string, opts Options) (*Result, error) {
	opts = opts.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, opts.Budget)
	defer cancel()
	started := time.Now().UTC()
	t, err := b.NewTab(ctx)
	if err != nil {
		return nil, err
	}
	defer t.closeInBackground()
	t.Navigate(ctx, url, opts)
	res := t.snapshot(ctx, url, started, opts)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		res.Record.Problems = append(res.Record.Problems, fmt.Sprintf("the capture used its whole time budget of %s", opts.Budget))
		res.Record.Outcome = outcome(res)
	}
	return res, nil
}

// CaptureNow captures the tab as it is now, after whatever the officer did in it.
func (t *Tab) CaptureNow(ctx context.Context, opts Options) *Result {
	opts = opts.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, opts.Budget)
	defer cancel()
	info, _ := proto.TargetGetTargetInfo{TargetID: t.page.TargetID}.Call(t.page.Context(ctx))
	url := ""
	if info != nil {
		url = info.TargetInfo.URL
	}
	return t.snapshot(ctx, url, time.Now().UTC(), opts)
}

// AutoCapture captures every top-level navigation of the tab once it has settled (the
// officer browsing), and hands each result to save, until ctx ends. The traffic of each capture
// is that of its page, from the navigation on.
func (t *Tab) AutoCapture(ctx context.Context, opts Options, save func(*Result)) {
	opts = opts.withDefaults()
	opts.Mode = "auto"
	for {
		select {
		case <-ctx.Done():
			return
		case url := <-t.rec.navs:
			cctx, cancel := context.WithTimeout(ctx, opts.Budget)
			started := time.Now().UTC()
			t.setNavErr("")
			t.settle(cctx, opts)
			res := t.snapshot(cctx, url, started, opts)
			cancel()
			if ctx.Err() == nil {
				save(res)
			}
		}
	}
}

// URL is the address the tab shows now.
func (t *Tab) URL() string {
	info, err := proto.TargetGetTargetInfo{TargetID: t.page.TargetID}.Call(t.page)
	if err != nil {
		return ""
	}
	return info.TargetInfo.URL
}

// PrintPDF loads url (a report written to a local file, say) in a new tab and prints it to PDF
// with backgrounds, A4. The tab is closed after.
func (b *Browser) PrintPDF(ctx context.Context, url string) ([]byte, error) {
	t, err := b.NewTab(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	if msg := t.Navigate(ctx, url, Options{LoadWait: 20 * time.Second, QuietWait: time.Second}); msg != "" {
		return nil, fmt.Errorf("load %s to print it: %s", url, msg)
	}
	pdf, err := proto.PagePrintToPDF{PrintBackground: true, PaperWidth: floatPtr(8.27), PaperHeight: floatPtr(11.69)}.Call(t.page.Context(ctx))
	if err != nil {
		return nil, fmt.Errorf("print %s to PDF: %w", url, err)
	}
	return pdf.Data, nil
}

func floatPtr(f float64) *float64 { return &f }
