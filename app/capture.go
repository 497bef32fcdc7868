package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
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
	// The capture and its timestamp request go in one transaction: a crash between two would
	// leave a capture that is never sent for a timestamp.
	recs, err := w.st.CreateLinked(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindCapture, Refs: []string{caseID},
		Blobs: dedupe(hashes), Body: body, Details: details, Verb: store.ActCapture},
		func(rec store.Record) ([]store.NewRecord, error) {
			ts, err := timestampRequest(rec.Lineage, rec.ID.String())
			return []store.NewRecord{ts}, err
		})
	if err != nil {
		return StoredCapture{}, err
	}
	rec := recs[0]
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
// dir, and checks each written file's SHA-256. Existing files are never overwritten: if any of
// the files is there already, nothing is written; a link in dir leading out of it is not
// followed. The extraction is logged, with what it wrote if it stopped half-way.
func (w *Workstation) ExtractCapture(ctx context.Context, id, dir string) ([]string, error) {
	c, err := w.Capture(id)
	if err != nil {
		return nil, err
	}
	names := []string{"record.json"}
	for _, a := range c.Artifacts {
		if !filepath.IsLocal(filepath.FromSlash(a.Name)) {
			return nil, errors.New("artifact name " + a.Name + " would leave the output directory")
		}
		names = append(names, a.Name)
	}
	if err := namesApart(names); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	for _, n := range names {
		if err := inTheWay(root, n); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, filepath.FromSlash(n)), err)
		}
	}
	var written []string
	err = func() error {
		for _, a := range c.Artifacts {
			h, err := store.ParseHash(a.SHA256)
			if err != nil {
				return err
			}
			if err := w.writeBlobFile(h, root, a.Name); err != nil {
				return fmt.Errorf("extract %s: %w", a.Name, err)
			}
			written = append(written, filepath.Join(dir, filepath.FromSlash(a.Name)))
		}
		rec, _ := json.MarshalIndent(c, "", "  ")
		f, err := root.OpenFile("record.json", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(append(rec, '\n'))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			written = append(written, filepath.Join(dir, "record.json"))
		}
		return err
	}()
	if err != nil && len(written) == 0 {
		return nil, err
	}
	details := map[string]string{"to": dir, "files": fmt.Sprint(len(written)), "at": time.Now().UTC().Format(time.RFC3339)}
	if err != nil {
		details["incomplete"] = err.Error()
	}
	_, lerr := w.st.LogAction(ctx, store.Action{Actor: w.settings.Officer, Verb: store.ActExport, Subject: id, Details: details})
	return written, errors.Join(err, lerr)
}

// namesApart checks that files of these names (slash-separated) can all be written side by
// side: no two the same, also on a file system that ignores case, and none where another's
// folder must be. A partner's record may name its artifacts anyhow.
func namesApart(names []string) error {
	files := map[string]string{}
	for _, n := range names {
		k := strings.ToLower(n)
		if other, ok := files[k]; ok {
			return fmt.Errorf("artifacts %s and %s would be the same file", other, n)
		}
		files[k] = n
	}
	for _, n := range names {
		for dir := path.Dir(n); dir != "."; dir = path.Dir(dir) {
			if other, ok := files[strings.ToLower(dir)]; ok {
				return fmt.Errorf("artifact %s would need %s to be a folder", n, other)
			}
		}
	}
	return nil
}

// inTheWay tells what under root stands where a file name (slash-separated) is to be written:
// a file of that name, or a link or file where a folder of its path should be.
func inTheWay(root *os.Root, name string) error {
	parts := strings.Split(name, "/")
	for i := range parts {
		fi, err := root.Lstat(path.Join(parts[:i+1]...))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil
		case err != nil:
			return err
		case i == len(parts)-1:
			return fmt.Errorf("%w: existing files are never overwritten", fs.ErrExist)
		case !fi.IsDir():
			return fmt.Errorf("%s is a link or a file, not a folder: not followed", path.Join(parts[:i+1]...))
		}
	}
	return nil
}
