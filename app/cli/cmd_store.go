package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

func runInitCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var s app.Settings
	fs := newFlags(e, "init", &c)
	fs.StringVar(&s.Officer, "officer", "", "the officer's name, recorded with every action (default: the login name)")
	fs.StringVar(&s.Region, "region", "", "default phone region, a two-letter country code such as IT")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	pass, err := e.readPass(passSource{file: c.passFile, envVar: app.EnvPassphrase, prompt: "New passphrase: "}, true)
	if err != nil {
		return err
	}
	cfg := c.storeConfig(e, pass)
	w, err := app.Create(ctx, cfg, s)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.Dir, err)
	}
	defer w.Close()
	o := c.out(e)
	if o.json {
		return o.obj(map[string]string{"store": cfg.Dir, "workstation": w.Store().WorkstationID(), "officer": w.Officer()})
	}
	o.text("Created an encrypted evidence store in %s", cfg.Dir)
	o.text("Workstation %s, officer \"%s\". Keep the passphrase safe: without it the evidence cannot be read.", w.Store().WorkstationID(), w.Officer())
	return nil
}

func runPasswdCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var newFile string
	fs := newFlags(e, "passwd", &c)
	fs.StringVar(&newFile, "new-passphrase-file", "", "file holding the new passphrase (default $INTERCEPTED_NEW_PASSPHRASE, else ask)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	oldPass, err := e.readPass(passSource{file: c.passFile, envVar: app.EnvPassphrase, prompt: "Current passphrase: "}, false)
	if err != nil {
		return err
	}
	newPass, err := e.readPass(passSource{file: newFile, envVar: app.EnvNewPassphrase, prompt: "New passphrase: "}, true)
	if err != nil {
		return err
	}
	cfg := c.storeConfig(e, oldPass)
	w, err := app.Unlock(ctx, cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", cfg.Dir, err)
	}
	defer w.Close()
	if err := w.ChangePassphrase(ctx, oldPass, newPass); err != nil {
		return err
	}
	o := c.out(e)
	if o.json {
		return o.obj(map[string]any{"ok": true, "store": cfg.Dir})
	}
	o.text("Passphrase changed. The evidence was not rewritten; the old passphrase no longer opens the store.")
	return nil
}

// verifyPrinter streams findings and progress.
type verifyPrinter struct {
	o        out
	e        *Env
	progress bool
	last     time.Time
}

func (p *verifyPrinter) Finding(f store.Finding) {
	if p.o.json {
		p.o.obj(struct {
			Type string `json:"type"`
			store.Finding
		}{"finding", f})
		return
	}
	p.clearProgress()
	p.o.text("DAMAGE  %s", f)
}

func (p *verifyPrinter) Progress(v store.VerifyProgress) {
	if !p.progress || time.Since(p.last) < 200*time.Millisecond && v.Done < v.Total {
		return
	}
	p.last = time.Now()
	pct := 100.0
	if v.Total > 0 {
		pct = 100 * float64(v.Done) / float64(v.Total)
	}
	fmt.Fprintf(p.e.Stderr, "\rverifying %-10s %5.1f%%", v.Phase, pct)
}

func (p *verifyPrinter) clearProgress() {
	if p.progress {
		fmt.Fprintf(p.e.Stderr, "\r%40s\r", "")
	}
}

func runVerifyCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var full bool
	fs := newFlags(e, "verify", &c)
	fs.BoolVar(&full, "full", false, "also re-read and re-hash every byte of every blob (slower)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	mode := store.VerifyQuick
	if full {
		mode = store.VerifyFull
	}
	p := &verifyPrinter{o: c.out(e), e: e, progress: !c.json && e.TerminalFd >= 0}
	sum, err := w.Verify(ctx, mode, p)
	p.clearProgress()
	switch {
	case ctx.Err() != nil: // interrupted: no verdict either way, and nothing to log
		return fmt.Errorf("verification interrupted before it finished (%d problem(s) found so far): %w", sum.Findings, ctx.Err())
	case err != nil && sum.Started.IsZero():
		return err
	}
	if p.o.json {
		p.o.obj(struct {
			Type string `json:"type"`
			store.VerifySummary
		}{"summary", sum})
	} else {
		verdict := "OK: no damage found"
		if !sum.OK {
			verdict = fmt.Sprintf("DAMAGED: %d problem(s) found", sum.Findings)
		}
		p.o.text("%s verify of %s: %s", sum.Mode, w.Store().Dir(), verdict)
		p.o.text("  %d custody-log entries, %d records, %d blobs (%d bytes re-hashed), %s",
			sum.LogEntries, sum.Records, sum.Blobs, sum.BlobBytes, sum.Finished.Sub(sum.Started).Round(time.Millisecond))
	}
	switch {
	case errors.Is(err, store.ErrDiskFull):
		// the verdict stands; a disk below the store's reserve takes no log entry, and says so
		fmt.Fprintf(e.Stderr, "intercepted verify: the verification is not in the custody log: %v\n", err)
	case err != nil:
		return fmt.Errorf("verification ran but could not be logged: %w", err)
	}
	if !sum.OK {
		return errVerifyFailed
	}
	return nil
}

func runLogCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var f store.LogFilter
	var since, until string
	fs := newFlags(e, "log", &c)
	fs.StringVar(&f.Actor, "actor", "", "only entries by this officer")
	fs.StringVar(&f.Action, "action", "", "only this action (create, update, delete, capture, view, export, note, tag, verify, passwd, init)")
	fs.StringVar(&f.Subject, "subject", "", "only entries about this case, capture or record (ID prefix)")
	fs.StringVar(&since, "since", "", "only entries at or after this time (RFC 3339 or YYYY-MM-DD)")
	fs.StringVar(&until, "until", "", "only entries before this time (RFC 3339 or YYYY-MM-DD)")
	fs.Uint64Var(&f.FromSeq, "from", 0, "start at this sequence number")
	fs.IntVar(&f.Limit, "limit", 0, "print at most N entries")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: log takes no argument (%q): to see the entries about a case or capture, use --subject", errUsage, pos[0])
	}
	if f.Since, err = parseTime(since); err != nil {
		return err
	}
	if f.Until, err = parseTime(until); err != nil {
		return err
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	o := c.out(e)
	return w.Store().Log(ctx, f, func(en store.Entry) error {
		if o.json {
			return o.obj(en)
		}
		details := ""
		for _, k := range sortedKeys(en.Details) {
			details += fmt.Sprintf(" %s=%q", k, en.Details[k])
		}
		o.text("%6d  %s  %-8s %-20s %s%s", en.Seq, en.Time.Format(time.RFC3339), en.Action, en.Actor, en.Subject, details)
		return nil
	})
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: %q is not a time like 2026-11-28 or 2026-11-28T14:00:00Z", errUsage, s)
}
