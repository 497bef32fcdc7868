package cli

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/intercepted-eu/workstation/app"
)

func runTimestampCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var tsa string
	var list bool
	fs := newFlags(e, "timestamp", &c)
	fs.StringVar(&tsa, "tsa", "", "first save this RFC 3161 timestamp authority URL in the settings")
	fs.BoolVar(&list, "list", false, "only list the timestamp requests (of SUBJECT, if given), asking no TSA")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 || len(pos) == 1 && !list {
		return fmt.Errorf("%w: a SUBJECT goes with --list only", errUsage)
	}
	if u, err := url.Parse(tsa); tsa != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		return fmt.Errorf("%w: --tsa %q is not an http:// or https:// URL", errUsage, tsa)
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	o := c.out(e)
	if tsa != "" {
		if err := w.SetTSA(ctx, tsa); err != nil {
			return err
		}
		o.text("Timestamp authority set to %s", tsa)
	}
	if list {
		subject := ""
		if len(pos) == 1 {
			subject = pos[0]
		}
		return listTimestamps(ctx, o, w, subject)
	}
	run, err := w.RequestTimestamps(ctx)
	printTimestampRun(o, run)
	switch {
	case errors.Is(err, app.ErrNoTSA):
		return fmt.Errorf("%w (%d request(s) stay queued)", err, run.Queued)
	case err != nil:
		return err
	case run.Failed > 0:
		return fmt.Errorf("%d of %d request(s) got no token and stay queued; the first: %w", run.Failed+run.Skipped, run.Queued, run.Errors[0].Err)
	}
	return nil
}

func printTimestampRun(o out, run app.TimestampRun) {
	if o.json {
		for _, t := range run.Stamps {
			o.obj(struct {
				Type string `json:"type"`
				app.Timestamp
			}{"stamp", t})
		}
		for _, f := range run.Errors {
			o.obj(struct {
				Type string `json:"type"`
				app.TimestampFailure
			}{"error", f})
		}
		o.obj(struct {
			Type     string `json:"type"`
			TSA      string `json:"tsa"`
			Queued   int    `json:"queued"`
			Answered int    `json:"answered"`
			Failed   int    `json:"failed"`
			Skipped  int    `json:"skipped"`
		}{"summary", run.TSA, run.Queued, run.Answered, run.Failed, run.Skipped})
		return
	}
	for _, t := range run.Stamps {
		o.text("STAMPED  %s  %s  serial %s", t.Subject, t.GenTime.Format(time.RFC3339), t.Serial)
	}
	for _, f := range run.Errors {
		o.text("FAILED   %s", f.Problem)
	}
	if run.TSA != "" {
		o.text("%d queued: %d stamped by %s, %d failed, %d not tried (still queued: %d)",
			run.Queued, run.Answered, run.TSA, run.Failed, run.Skipped, run.Failed+run.Skipped)
	}
}

func listTimestamps(ctx context.Context, o out, w *app.Workstation, subject string) error {
	ts, err := w.Timestamps(ctx, subject)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if o.json {
			if err := o.obj(t); err != nil {
				return err
			}
			continue
		}
		when := "queued " + t.Queued.Format(time.RFC3339)
		if t.State == app.TimestampAnswered {
			when = t.GenTime.Format(time.RFC3339) + " by " + t.TSA
		}
		o.text("%-8s %s  %s  %s", t.State, t.Subject, t.SHA256[:12], when)
	}
	if len(ts) == 0 {
		o.text("No timestamp requests.")
	}
	return nil
}
