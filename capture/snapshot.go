package capture

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/go-rod/rod/lib/proto"
)

// step runs one part of a snapshot with its own bound; a failure becomes a problem, not an
// abort, so that one broken part never costs the others.
func (t *Tab) step(ctx context.Context, res *Result, what string, d time.Duration, fn func(ctx context.Context) error) {
	if ctx.Err() != nil {
		res.Record.Problems = append(res.Record.Problems, what+": not taken, the time budget ran out")
		return
	}
	sctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	if err := fn(sctx); err != nil {
		res.Record.Problems = append(res.Record.Problems, fmt.Sprintf("%s: %v", what, friendly(err)))
	}
}

func friendly(err error) string {
	s := err.Error()
	if strings.Contains(s, "context deadline exceeded") {
		return "the browser did not answer in time"
	}
	return s
}

// snapshot takes every artifact of the page as it is now. One snapshot of a tab runs at a
// time: the officer's "capture now" waits for an automatic capture in progress, and the other
// way round.
func (t *Tab) snapshot(ctx context.Context, requested string, started time.Time, opts Options) *Result {
	t.snap.Lock()
	defer t.snap.Unlock()
	res := &Result{}
	r := &res.Record
	zone, _ := time.Now().Zone()
	*r = Record{RequestedURL: requested, Started: started, LocalZone: zone + " (" + time.Local.String() + ")",
		Clock: "workstation system clock, read as UTC", TimeCrossCheck: "none available (offline)",
		Browser: t.b.Version(), UserAgent: t.b.UserAgent(), Headless: t.b.opts.Headless, Mode: opts.Mode}
	navErr := t.navError()
	if navErr != "" {
		r.Problems = append(r.Problems, "navigation failed: "+navErr+explainNavError(navErr))
	} else if !t.loadFired() && requested != "" {
		r.Problems = append(r.Problems, fmt.Sprintf("the page's load event did not fire within %s: captured as it was", opts.LoadWait))
	}
	page := func(ctx context.Context) proto.Client { return t.page.Context(ctx) }
	if opts.Scroll && navErr == "" {
		t.step(ctx, res, "scroll", opts.ScrollTime+2*time.Second, func(ctx context.Context) error { return t.scroll(ctx, opts) })
		t.settle(ctx, Options{LoadWait: time.Millisecond, Quiet: opts.Quiet, QuietWait: opts.QuietWait})
	}
	t.step(ctx, res, "page info", 5*time.Second, func(ctx context.Context) error {
		info, err := proto.TargetGetTargetInfo{TargetID: t.page.TargetID}.Call(page(ctx))
		if err != nil {
			return err
		}
		r.FinalURL, r.Title = info.TargetInfo.URL, info.TargetInfo.Title
		return nil
	})
	if navErr == "" {
		t.takeArtifacts(ctx, res, opts)
	}
	exchanges := t.rec.exchanges(ctx)
	t.describeTraffic(ctx, res, exchanges)
	t.step(ctx, res, "WARC", 30*time.Second, func(ctx context.Context) error {
		var buf bytes.Buffer
		if _, err := WriteWARC(&buf, WARCInfo{Software: "INTERCEPTED Workstation", Operator: opts.Operator,
			Hostname: opts.Workstation, Description: "traffic of " + requested, Created: started}, exchanges); err != nil {
			return err
		}
		res.Artifacts = append(res.Artifacts, NewArtifact(KindWARC, "traffic.warc.gz", "application/warc", buf.Bytes(),
			"every request and response of the tab from Chromium's network events (DevTools protocol), written as WARC 1.1 records; bodies as the browser decoded them, Content-Encoding removed and kept as X-Archive-Orig-* headers"))
		return nil
	})
	t.rec.mu.Lock()
	r.Dialogs = append(r.Dialogs, t.rec.dialogs...)
	if t.rec.crashed {
		r.Problems = append(r.Problems, "the page's renderer crashed")
	}
	t.rec.mu.Unlock()
	r.Finished = time.Now().UTC()
	r.Outcome = outcome(res)
	return res
}

func explainNavError(e string) string {
	switch {
	case strings.Contains(e, "ERR_TOO_MANY_REDIRECTS"):
		return " (a redirect loop: the chain is in the WARC)"
	case strings.Contains(e, "ERR_ABORTED"):
		return " (the URL is probably a file download, which is not opened; its response headers are in the WARC)"
	case strings.Contains(e, "ERR_NAME_NOT_RESOLVED"):
		return " (the host name does not resolve: offline, or the site is gone)"
	case strings.Contains(e, "ERR_CONNECTION_REFUSED"):
		return " (nothing answers at that address)"
	}
	return ""
}

// outcome: failed when nothing of the page itself was taken, partial when anything is missing.
func outcome(res *Result) string {
	hasPage := false
	for _, a := range res.Artifacts {
		if a.Kind == KindScreenshot || a.Kind == KindHTML {
			hasPage = true
		}
	}
	switch {
	case !hasPage:
		return OutcomeFailed
	case len(res.Record.Problems) > 0:
		return OutcomePartial
	}
	return OutcomeComplete
}

func (t *Tab) takeArtifacts(ctx context.Context, res *Result, opts Options) {
	r := &res.Record
	p := func(ctx context.Context) proto.Client { return t.page.Context(ctx) }
	t.step(ctx, res, "screenshot", 30*time.Second, func(ctx context.Context) error {
		m, err := proto.PageGetLayoutMetrics{}.Call(p(ctx))
		if err != nil {
			return err
		}
		r.Viewport = Size{m.CSSLayoutViewport.ClientWidth, m.CSSLayoutViewport.ClientHeight}
		r.PageSize = Size{int(m.CSSContentSize.Width), int(m.CSSContentSize.Height)}
		h := min(r.PageSize.Height, opts.MaxShotHeight)
		how := "full-page PNG from Chromium's compositor (Page.captureScreenshot, beyond the viewport, scale 1), unmodified"
		if h < r.PageSize.Height {
			r.Problems = append(r.Problems, fmt.Sprintf("screenshot: cut at %d of %d px (the page is taller than the limit); the HTML, MHTML and PDF have the rest", h, r.PageSize.Height))
			how += fmt.Sprintf("; the top %d px only", h)
		}
		shot, err := proto.PageCaptureScreenshot{Format: proto.PageCaptureScreenshotFormatPng, CaptureBeyondViewport: true, FromSurface: true,
			Clip: &proto.PageViewport{Width: float64(max(r.PageSize.Width, 1)), Height: float64(max(h, 1)), Scale: 1}}.Call(p(ctx))
		if err != nil {
			return err
		}
		res.Artifacts = append(res.Artifacts, NewArtifact(KindScreenshot, "screenshot.png", "image/png", shot.Data, how))
		return nil
	})
	t.step(ctx, res, "HTML", 15*time.Second, func(ctx context.Context) error {
		doc, err := proto.DOMGetDocument{Depth: new(int)}.Call(p(ctx))
		if err != nil {
			return err
		}
		html, err := proto.DOMGetOuterHTML{NodeID: doc.Root.NodeID}.Call(p(ctx))
		if err != nil {
			return err
		}
		res.Artifacts = append(res.Artifacts, NewArtifact(KindHTML, "page.html", "text/html; charset=utf-8", []byte(html.OuterHTML),
			"the rendered DOM serialised by Chromium (DOM.getOuterHTML of the document), UTF-8"))
		return nil
	})
	t.step(ctx, res, "MHTML", 20*time.Second, func(ctx context.Context) error {
		snap, err := proto.PageCaptureSnapshot{Format: proto.PageCaptureSnapshotFormatMhtml}.Call(p(ctx))
		if err != nil {
			return err
		}
		res.Artifacts = append(res.Artifacts, NewArtifact(KindMHTML, "page.mhtml", "multipart/related", []byte(snap.Data),
			"Chromium's MHTML snapshot of the page and its resources (Page.captureSnapshot)"))
		return nil
	})
	t.step(ctx, res, "text", 10*time.Second, func(ctx context.Context) error {
		text, err := t.isolatedString(ctx, "document.body ? document.body.innerText : ''")
		if err != nil {
			return err
		}
		res.Artifacts = append(res.Artifacts, NewArtifact(KindText, "text.txt", "text/plain; charset=utf-8", []byte(text),
			"the visible text (innerText of the body) read in an isolated script world, so page scripts cannot alter it"))
		return nil
	})
	t.step(ctx, res, "PDF", 30*time.Second, func(ctx context.Context) error {
		pdf, err := proto.PagePrintToPDF{PrintBackground: true}.Call(p(ctx))
		if err != nil {
			return err
		}
		res.Artifacts = append(res.Artifacts, NewArtifact(KindPDF, "page.pdf", "application/pdf", pdf.Data,
			"Chromium's print of the page to PDF (Page.printToPDF, backgrounds on): a derived view, not the page itself"))
		return nil
	})
}

// isolatedString evaluates js in a fresh isolated world of the main frame: it sees the DOM but
// none of the page's scripts, so a hostile page cannot fake what is read.
func (t *Tab) isolatedString(ctx context.Context, js string) (string, error) {
	c := t.page.Context(ctx)
	tree, err := proto.PageGetFrameTree{}.Call(c)
	if err != nil {
		return "", err
	}
	world, err := proto.PageCreateIsolatedWorld{FrameID: tree.FrameTree.Frame.ID, WorldName: "intercepted-capture"}.Call(c)
	if err != nil {
		return "", err
	}
	v, err := proto.RuntimeEvaluate{Expression: js, ContextID: world.ExecutionContextID, ReturnByValue: true}.Call(c)
	if err != nil {
		return "", err
	}
	if v.ExceptionDetails != nil {
		return "", fmt.Errorf("script error: %s", v.ExceptionDetails.Text)
	}
	return v.Result.Value.Str(), nil
}

// scroll moves down a viewport at a time until the bottom, the height limit or the time limit,
// so lazy content loads, then back to the top.
func (t *Tab) scroll(ctx context.Context, opts Options) error {
	deadline := time.Now().Add(opts.ScrollTime)
	for time.Now().Before(deadline) {
		s, err := t.isolatedString(ctx, fmt.Sprintf(`(() => { const before = window.scrollY;
			window.scrollBy(0, window.innerHeight);
			const end = window.scrollY === before || window.scrollY >= %d;
			return end ? "end" : "more"; })()`, opts.ScrollMax))
		if err != nil {
			return err
		}
		if s == "end" {
			break
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
	_, err := t.isolatedString(ctx, "(() => { window.scrollTo(0, 0); return ''; })()")
	return err
}

// describeTraffic fills the record from the main document's exchanges and adds embedded images
// and the TLS chain as artifacts.
func (t *Tab) describeTraffic(ctx context.Context, res *Result, xs []Exchange) {
	r := &res.Record
	r.Requests = len(xs)
	var main []Exchange
	for _, x := range xs {
		if x.ResourceType == "Document" && (len(main) == 0 || x.RequestID == main[0].RequestID) {
			main = append(main, x)
		}
	}
	if len(main) > 0 {
		for _, x := range main[:len(main)-1] {
			r.Redirects = append(r.Redirects, Redirect{URL: x.URL, Status: x.Status, Location: x.ResponseHeaders.Get("Location")})
		}
		last := main[len(main)-1]
		r.Status, r.StatusText, r.Headers, r.ServerIP, r.Protocol = last.Status, last.StatusText, last.ResponseHeaders, last.RemoteIP, last.Protocol
		r.CookiesSent = main[0].RequestHeaders.Get("Cookie") != ""
		if r.FinalURL == "" {
			r.FinalURL = last.URL
		}
		t.describeTLS(ctx, res, last.URL)
	}
	seen := map[string]bool{}
	n := 0
	for _, x := range xs {
		if x.ResourceType != "Image" || len(x.Body) == 0 {
			continue
		}
		a := NewArtifact(KindImage, "", x.MIMEType, x.Body, "an embedded image as the browser received it (from the WARC traffic), unchanged")
		if seen[a.SHA256] {
			continue
		}
		seen[a.SHA256] = true
		n++
		a.Name = fmt.Sprintf("images/%03d-%s", n, imageName(x.URL))
		a.SourceURL = x.URL
		res.Artifacts = append(res.Artifacts, a)
	}
}

func imageName(raw string) string {
	u, err := url.Parse(raw)
	base := "image"
	if err == nil && u.Scheme != "data" {
		if b := path.Base(u.Path); b != "/" && b != "." {
			base = b
		}
	}
	base = strings.Map(func(r rune) rune {
		if r < 32 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return '_'
		}
		return r
	}, base)
	if len(base) > 80 {
		base = base[:80]
	}
	return base
}

func (t *Tab) describeTLS(ctx context.Context, res *Result, mainURL string) {
	t.rec.mu.Lock()
	sd := t.rec.security[mainURL]
	t.rec.mu.Unlock()
	if sd == nil {
		return
	}
	info := &TLSInfo{Protocol: sd.Protocol, Cipher: sd.Cipher, Subject: sd.SubjectName, Issuer: sd.Issuer,
		SANs: sd.SanList, Valid: [2]time.Time{sd.ValidFrom.Time().UTC(), sd.ValidTo.Time().UTC()}}
	res.Record.TLS = info
	u, err := url.Parse(mainURL)
	if err != nil {
		return
	}
	t.step(ctx, res, "TLS certificate chain", 5*time.Second, func(ctx context.Context) error {
		cert, err := proto.NetworkGetCertificate{Origin: u.Scheme + "://" + u.Host}.Call(t.page.Context(ctx))
		if err != nil {
			return err
		}
		var pemBuf bytes.Buffer
		for _, b64 := range cert.TableNames {
			der, err := base64.StdEncoding.DecodeString(b64)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(der)
			c := Certificate{SHA256: hex.EncodeToString(sum[:])}
			if xc, err := x509.ParseCertificate(der); err == nil {
				c.Subject, c.Issuer, c.NotBefore, c.NotAfter = xc.Subject.String(), xc.Issuer.String(), xc.NotBefore.UTC(), xc.NotAfter.UTC()
			}
			info.Chain = append(info.Chain, c)
			pem.Encode(&pemBuf, &pem.Block{Type: "CERTIFICATE", Bytes: der})
		}
		if pemBuf.Len() > 0 {
			res.Artifacts = append(res.Artifacts, NewArtifact(KindTLS, "tls-chain.pem", "application/x-pem-file", pemBuf.Bytes(),
				"the server's certificate chain as the browser received it (Network.getCertificate), DER re-wrapped as PEM"))
		}
		return nil
	})
}
