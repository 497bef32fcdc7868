package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// CaptureBody is what a capture record holds: the capture's own record, who took it where,
// and its artifacts (their bytes are blobs named by SHA-256).
type CaptureBody struct {
	capture.Record
	Officer     string             `json:"officer"`
	Case        string             `json:"case"`
	Workstation string             `json:"workstation"`
	Tool        string             `json:"tool"`
	RulePack    string             `json:"rule_pack"`
	Artifacts   []capture.Artifact `json:"artifacts"`
	// Origin is set on captures imported from a partner's package.
	Origin *Origin `json:"origin,omitempty"`
}

// StoredCapture is a capture as the store keeps it.
type StoredCapture struct {
	ID       string     `json:"id"`
	Version  uint64     `json:"version"`
	RecordID store.Hash `json:"record_id"`
	CaptureBody
}

// BrowserOptions picks the browser for a case: headless, or a visible window with the case's
// own profile, so that undercover logins persist per case and never mix.
func (w *Workstation) BrowserOptions(caseID string, headless bool) capture.BrowserOptions {
	opts := capture.BrowserOptions{Bin: w.settings.ChromiumBin, Headless: headless}
	if !headless && caseID != "" {
		opts.ProfileDir = w.ProfileDir(caseID)
	}
	return opts
}

// ProfileDir is where a case's browser profile lives: beside the store, not inside it, since
// Chromium needs plain files. It holds the case's cookies and logins.
func (w *Workstation) ProfileDir(caseID string) string {
	return filepath.Join(w.st.Dir(), "profiles", caseID)
}

// OpenBrowser starts the controlled browser for a case.
func (w *Workstation) OpenBrowser(ctx context.Context, caseID string, headless bool) (*capture.Browser, error) {
	opts := w.BrowserOptions(caseID, headless)
	if opts.ProfileDir != "" {
		if err := os.MkdirAll(opts.ProfileDir, 0o700); err != nil {
			return nil, err
		}
	}
	return capture.Launch(ctx, opts)
}

// CaptureOptions fills in who captures where.
func (w *Workstation) CaptureOptions(opts capture.Options) capture.Options {
	opts.Operator, opts.Workstation = w.settings.Officer, w.st.WorkstationID()
	return opts
}

// SaveCapture stores a capture in a case: every artifact as a blob, then the record and its
// custody-log entry in one transaction. It records the rule packs that will analyse it, but
// does not analyse: AnalyzeCapture does, after, so that saving evidence never waits for it.
func (w *Workstation) SaveCapture(ctx context.Context, caseID string, res *capture.Result) (StoredCapture, error) {
	if _, err := w.st.Case(caseID); err != nil {
		return StoredCapture{}, err
	}
	a, err := Analyzer()
	if err != nil {
		return StoredCapture{}, err
	}
	batch := w.st.NewBlobBatch()
	hashes := make([]store.Hash, 0, len(res.Artifacts))
	for _, a := range res.Artifacts {
		ref, err := batch.Add(ctx, bytes.NewReader(a.Data))
		if err != nil {
			batch.Cancel()
			return StoredCapture{}, err
		}
		if ref.ID.String() != a.SHA256 {
			batch.Cancel()
			return StoredCapture{}, fmt.Errorf("artifact %s changed between capture and storage", a.Name)
		}
		hashes = append(hashes, ref.ID)
	}
	if err := batch.Commit(); err != nil {
		return StoredCapture{}, err
	}
	body := CaptureBody{Record: res.Record, Officer: w.settings.Officer, Case: caseID, Workstation: w.st.WorkstationID(),
		Tool: "INTERCEPTED Workstation " + Version, RulePack: a.RulePack(), Artifacts: res.Artifacts}
	details := map[string]string{"url": res.Record.RequestedURL, "outcome": res.Record.Outcome, "case": caseID}
	if shot := findArtifact(res.Artifacts, capture.KindScreenshot); shot != nil {
		details["screenshot_sha256"] = shot.SHA256
	}
	rec, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindCapture, Refs: []string{caseID},
		Blobs: dedupe(hashes), Body: body, Details: details, Verb: store.ActCapture})
	if err != nil {
		return StoredCapture{}, err
	}
	if err := w.queueTimestamp(ctx, rec.Lineage, rec.ID.String()); err != nil {
		return StoredCapture{}, err
	}
	return StoredCapture{ID: rec.Lineage, Version: rec.Version, RecordID: rec.ID, CaptureBody: body}, nil
}

func findArtifact(as []capture.Artifact, kind string) *capture.Artifact {
	for i := range as {
		if as[i].Kind == kind {
			return &as[i]
		}
	}
	return nil
}

func dedupe(hs []store.Hash) []store.Hash {
	seen := map[store.Hash]bool{}
	out := hs[:0:0]
	for _, h := range hs {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	return out
}

// Capture reads a stored capture.
func (w *Workstation) Capture(id string) (StoredCapture, error) {
	if store.KindOf(id) != store.KindCapture {
		return StoredCapture{}, &store.RecordError{Lineage: id, Err: fmt.Errorf("%w: no capture has this ID", store.ErrNotFound)}
	}
	r, err := w.st.Head(id)
	if err != nil {
		return StoredCapture{}, err
	}
	return decodeCapture(r)
}

// ViewCapture reads a capture for the officer to look at, and logs that they did: who saw the
// evidence is part of its chain of custody.
func (w *Workstation) ViewCapture(ctx context.Context, id string) (StoredCapture, error) {
	c, err := w.Capture(id)
	if err != nil {
		return c, err
	}
	_, err = w.st.LogAction(ctx, store.Action{Actor: w.settings.Officer, Verb: store.ActView, Subject: id,
		Details: map[string]string{"case": c.Case}})
	return c, err
}

func decodeCapture(r store.Record) (StoredCapture, error) {
	var body CaptureBody
	if err := r.Decode(&body); err != nil {
		return StoredCapture{}, err
	}
	return StoredCapture{ID: r.Lineage, Version: r.Version, RecordID: r.ID, CaptureBody: body}, nil
}

// Captures lists a case's captures, oldest first.
func (w *Workstation) Captures(ctx context.Context, caseID string) ([]StoredCapture, error) {
	recs, err := w.st.List(ctx, store.KindCapture, caseID)
	if err != nil {
		return nil, err
	}
	out := make([]StoredCapture, 0, len(recs))
	for _, r := range recs {
		c, err := decodeCapture(r)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// ExtractCapture writes a capture's artifacts, unchanged, and its record as record.json into
// dir, and checks each written file's SHA-256. The extraction is logged.
func (w *Workstation) ExtractCapture(ctx context.Context, id, dir string) ([]string, error) {
	c, err := w.Capture(id)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, a := range c.Artifacts {
		p, err := safeJoin(dir, a.Name)
		if err != nil {
			return written, err
		}
		h, err := store.ParseHash(a.SHA256)
		if err != nil {
			return written, err
		}
		if err := w.writeBlobFile(h, p); err != nil {
			return written, fmt.Errorf("extract %s: %w", a.Name, err)
		}
		written = append(written, p)
	}
	rec, _ := json.MarshalIndent(c, "", "  ")
	p := filepath.Join(dir, "record.json")
	if err := os.WriteFile(p, append(rec, '\n'), 0o644); err != nil {
		return written, err
	}
	written = append(written, p)
	_, err = w.st.LogAction(ctx, store.Action{Actor: w.settings.Officer, Verb: store.ActExport, Subject: id,
		Details: map[string]string{"to": dir, "files": fmt.Sprint(len(written)), "at": time.Now().UTC().Format(time.RFC3339)}})
	return written, err
}

// safeJoin keeps a stored name from escaping dir.
func safeJoin(dir, name string) (string, error) {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if rel, err := filepath.Rel(dir, p); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", errors.New("artifact name " + name + " would leave the output directory")
	}
	return p, nil
}
