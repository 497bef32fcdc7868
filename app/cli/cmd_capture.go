package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/capture"
)

// errSomeFailed marks a batch in which at least one page could not be captured.
var errSomeFailed = errors.New("some pages could not be captured")

type captureLine struct {
	ID        string             `json:"id,omitempty"`
	URL       string             `json:"url"`
	Outcome   string             `json:"outcome"`
	Problems  []string           `json:"problems,omitempty"`
	Status    int                `json:"status,omitempty"`
	Artifacts []capture.Artifact `json:"artifacts"`
	Level     string             `json:"level,omitempty"` // of the analysis made right after saving
	Error     string             `json:"error,omitempty"`
}

func runCaptureCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var caseID, from string
	var headless, scroll, ocr bool
	var rate, budget time.Duration
	fs := newFlags(e, "capture", &c)
	fs.StringVar(&caseID, "case", "", "the case the captures belong to (required)")
	fs.BoolVar(&headless, "headless", false, "no browser window (batch work, SSH, CI); default: a visible window with the case's profile")
	fs.BoolVar(&scroll, "scroll", false, "scroll each page down first so that lazy content loads")
	fs.BoolVar(&ocr, "ocr", true, "also read the text in each page's images (Tesseract, about half a second an image)")
	fs.StringVar(&from, "from", "", "read URLs from this file, one per line (# starts a comment)")
	fs.DurationVar(&rate, "rate", 2*time.Second, "at least this long between the starts of two captures")
	fs.DurationVar(&budget, "budget", 60*time.Second, "the most time one capture may take")
	urls, err := parse(fs, args)
	if err != nil {
		return err
	}
	if from != "" {
		more, err := readURLList(from)
		if err != nil {
			return err
		}
		urls = append(urls, more...)
	}
	if caseID == "" || len(urls) == 0 {
		return fmt.Errorf("%w: give --case ID and at least one URL (or --from FILE)", errUsage)
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			return fmt.Errorf("%w: %q is not an http:// or https:// URL", errUsage, u)
		}
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	if _, err := w.Store().Case(caseID); err != nil {
		return err
	}
	b, err := w.OpenBrowser(ctx, caseID, headless)
	if err != nil {
		if !headless && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return fmt.Errorf("%w (there is no display for a browser window: add --headless)", err)
		}
		return err
	}
	defer b.Close()
	return captureAll(ctx, e, c.out(e), w, b, caseID, urls, w.CaptureOptions(capture.Options{Budget: budget, Scroll: scroll}), app.AnalyzeOptions{OCR: ocr}, rate)
}

func captureAll(ctx context.Context, e *Env, o out, w *app.Workstation, b *capture.Browser, caseID string, urls []string, opts capture.Options, aopts app.AnalyzeOptions, rate time.Duration) error {
	failed := 0
	var last time.Time
	for i, u := range urls {
		if wait := rate - time.Since(last); i > 0 && wait > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
		}
		last = time.Now()
		if e.TerminalFd >= 0 && !o.json {
			fmt.Fprintf(e.Stderr, "[%d/%d] capturing %s …\n", i+1, len(urls), clean(u))
		}
		line := captureLine{URL: u}
		res, err := b.CaptureURL(ctx, u, opts)
		if err == nil {
			var sc app.StoredCapture
			sc, err = w.SaveCapture(ctx, caseID, res)
			line.ID, line.Outcome, line.Problems, line.Status, line.Artifacts = sc.ID, res.Record.Outcome, res.Record.Problems, res.Record.Status, res.Artifacts
		}
		if err == nil {
			// The evidence is saved; an analysis that fails is reported but loses nothing.
			if sa, aerr := w.AnalyzeCapture(ctx, line.ID, aopts); aerr == nil {
				line.Level = sa.Level
			} else {
				line.Problems = append(line.Problems, "analysis: "+aerr.Error())
			}
		}
		if err != nil {
			line.Outcome, line.Error = capture.OutcomeFailed, err.Error()
		}
		if line.Outcome == capture.OutcomeFailed {
			failed++
		}
		printCapture(o, line)
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d", errSomeFailed, failed, len(urls))
	}
	return nil
}

func printCapture(o out, l captureLine) {
	if o.json {
		o.obj(l)
		return
	}
	saved := "saved and hashed"
	if l.ID == "" {
		saved = "NOT saved"
	}
	level := ""
	if l.Level != "" {
		level = ", level " + l.Level
	}
	o.text("%-8s %s  %s  (HTTP %d, %d artifacts, %s%s)", l.Outcome, l.ID, l.URL, l.Status, len(l.Artifacts), saved, level)
	for _, p := range l.Problems {
		o.text("         - %s", p)
	}
	if l.Error != "" {
		o.text("         - %s", l.Error)
	}
}

func readURLList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f) // a line of at most 64 KiB: far more than any address
	n := 1
	for ; sc.Scan(); n++ {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return nil, fmt.Errorf("%w: %s: line %d is longer than 64 KiB: is it a list of addresses, one per line?", errUsage, path, n)
	}
	return out, sc.Err()
}

func runShowCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	fs := newFlags(e, "show", &c)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give one capture ID", errUsage)
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	sc, err := w.Capture(pos[0])
	if err != nil {
		return err
	}
	o := c.out(e)
	if o.json {
		return o.obj(sc)
	}
	r := sc.Record
	o.text("Capture %s (%s) in case %s", sc.ID, sc.Outcome, sc.Case)
	for _, kv := range [][2]string{{"Requested", r.RequestedURL}, {"Final URL", r.FinalURL}, {"Title", r.Title},
		{"HTTP status", fmt.Sprint(r.Status)}, {"Server IP", r.ServerIP}, {"Started", r.Started.Format(time.RFC3339Nano)},
		{"Finished", r.Finished.Format(time.RFC3339Nano)}, {"Local zone", r.LocalZone}, {"Officer", sc.Officer},
		{"Workstation", sc.Workstation}, {"Browser", r.Browser}, {"User agent", r.UserAgent},
		{"Viewport", fmt.Sprintf("%dx%d (page %dx%d)", r.Viewport.Width, r.Viewport.Height, r.PageSize.Width, r.PageSize.Height)},
		{"Cookies sent", fmt.Sprint(r.CookiesSent)}, {"Tool", sc.Tool}} {
		o.text("  %-12s %s", kv[0]+":", kv[1])
	}
	for _, rd := range r.Redirects {
		o.text("  %-12s %d %s -> %s", "Redirect:", rd.Status, rd.URL, rd.Location)
	}
	if r.TLS != nil {
		o.text("  %-12s %s, %s, issued by %s, valid %s to %s", "TLS:", r.TLS.Protocol, r.TLS.Subject, r.TLS.Issuer,
			r.TLS.Valid[0].Format(time.DateOnly), r.TLS.Valid[1].Format(time.DateOnly))
	}
	for _, p := range r.Problems {
		o.text("  %-12s %s", "Problem:", p)
	}
	o.text("  Artifacts:")
	for _, a := range sc.Artifacts {
		o.text("    %-10s %-28s %10d  %s", a.Kind, a.Name, a.Size, a.SHA256)
		o.text("               %s", a.Transformation)
	}
	return nil
}

func runExtractCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var dir string
	fs := newFlags(e, "extract", &c)
	fs.StringVar(&dir, "out", "", "the directory to write the artifacts into (required; existing files are never overwritten)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || dir == "" {
		return fmt.Errorf("%w: give one capture ID and --out DIR", errUsage)
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	files, err := w.ExtractCapture(ctx, pos[0], dir)
	o := c.out(e)
	for _, f := range files {
		if o.json {
			o.obj(map[string]string{"file": f})
		} else {
			o.text("%s", f)
		}
	}
	if err == nil {
		o.text("Wrote %d files; each artifact's SHA-256 was checked after writing (see record.json, or run sha256sum).", len(files))
	}
	return err
}
