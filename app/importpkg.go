package app

import (
	"archive/zip"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// Origin says where an imported capture came from; it stays with the capture for good.
type Origin struct {
	Package     string    `json:"package"`     // the package file's SHA-256
	Workstation string    `json:"workstation"` // the partner's workstation ID
	Officer     string    `json:"officer"`     // who made the package
	Key         string    `json:"key"`         // the partner's public key (ssh-ed25519 …)
	Fingerprint string    `json:"key_fingerprint"`
	Case        string    `json:"case"`    // the case ID over there
	Capture     string    `json:"capture"` // the capture ID over there
	Record      string    `json:"record"`  // its record SHA-256 over there
	Imported    time.Time `json:"imported"`
}

// ErrUnknownKey: a package is signed by a key this workstation has not accepted yet.
var ErrUnknownKey = errors.New("the package is signed by a key this workstation does not know")

// ErrPackageRefused: a package failed verification; nothing of it was stored.
var ErrPackageRefused = errors.New("the package failed verification; nothing of it was stored")

// KnownKey is a partner's key the officer accepted.
type KnownKey struct {
	Key         string    `json:"key"`
	Fingerprint string    `json:"fingerprint"`
	Workstation string    `json:"workstation"`
	AcceptedBy  string    `json:"accepted_by"`
	Accepted    time.Time `json:"accepted"`
}

// ImportOptions: AcceptKey lets an import go on with a key the workstation does not know yet,
// after the officer compared its fingerprint (SHA256:…) with the partner's by another channel;
// the key must be the one that fingerprint names, and is then remembered, which is logged.
type ImportOptions struct {
	Case      string
	AcceptKey string
	Limits    PackageLimits
}

// ImportSummary says what an import took.
type ImportSummary struct {
	Report   *PackageReport `json:"report"`
	Captures []string       `json:"captures"` // the new capture IDs, in package order
	// Already are the package's captures that were in the case before, imported from this or
	// another package (the same record of the partner's): they are not taken twice.
	Already []AlreadyImported `json:"already,omitempty"`
	NewKey  bool              `json:"new_key"`
}

// AlreadyImported is a capture of a package that the case holds already.
type AlreadyImported struct {
	Capture string `json:"capture"` // the capture ID over there
	As      string `json:"as"`      // its ID in this case
}

// ImportPackage verifies a package and only then takes its captures into a case, each with its
// origin; the artifacts are stored unchanged (their hashes are checked again on the way in),
// and each capture is analysed here with this workstation's rule packs. The package is read
// through one open file, so what is stored is what was verified; a package that fails
// verification or a check on the way in stores nothing. A failure while the records are
// written (a full disk, a cancel) leaves the captures written so far in the case, listed in
// the summary returned with the error.
func (w *Workstation) ImportPackage(ctx context.Context, path string, opts ImportOptions) (ImportSummary, error) {
	if _, err := w.st.Case(opts.Case); err != nil {
		return ImportSummary{}, err
	}
	pf, err := openPackage(path)
	if err != nil {
		return ImportSummary{}, err
	}
	defer pf.Close()
	rep, err := verifyPackage(ctx, pf, opts.Limits)
	if err != nil {
		return ImportSummary{}, err
	}
	if afterVerify != nil {
		afterVerify(path)
	}
	sum := ImportSummary{Report: rep}
	if !rep.OK {
		return sum, fmt.Errorf("%w: %s", ErrPackageRefused, rep.Problems[0])
	}
	key, err := ParseAuthorizedKey(rep.KeyLine)
	if err != nil {
		return sum, err
	}
	known, err := w.keyKnown(ctx, key)
	if err != nil {
		return sum, err
	}
	switch {
	case known:
	case opts.AcceptKey == "":
		return sum, fmt.Errorf("%w: %s (workstation %s). Compare the fingerprint with the partner by phone or another channel, then accept it", ErrUnknownKey, rep.Key, rep.Workstation)
	case opts.AcceptKey != rep.Key:
		return sum, fmt.Errorf("%w: the package is signed by %s, not by the accepted %s", ErrUnknownKey, rep.Key, opts.AcceptKey)
	}
	files := map[string]*zip.File{}
	for _, f := range pf.zr.File {
		files[f.Name] = f
	}
	have, err := w.importedRecords(ctx, opts.Case)
	if err != nil {
		return sum, err
	}
	// Every artifact goes into one batch, checked on the way, before any record is written.
	batch := w.st.NewBlobBatch()
	var bodies []importedCapture
	for _, id := range rep.Captures {
		c, err := w.stageCapture(ctx, batch, files, id, rep)
		if err != nil {
			batch.Cancel()
			return sum, fmt.Errorf("import capture %s: %w", id, err)
		}
		// the partner's record, or, for a capture that went from here to the partner and
		// back, the record it was imported from
		keys := []string{c.orig.RecordID.String()}
		if c.orig.Origin != nil {
			keys = append(keys, c.orig.Origin.Record)
		}
		if as, ok := firstHeld(have, keys); ok {
			sum.Already = append(sum.Already, AlreadyImported{Capture: id, As: as})
			continue
		}
		for _, k := range keys {
			have[k] = "(this import)"
		}
		bodies = append(bodies, c)
	}
	if err := batch.Commit(); err != nil {
		return sum, err
	}
	if !known {
		if err := w.acceptKey(ctx, key, rep, pf.sha256); err != nil {
			return sum, err
		}
		sum.NewKey = true
	}
	for _, c := range bodies {
		nid, err := w.createImported(ctx, c, opts.Case, rep, pf.sha256)
		if err != nil {
			return sum, fmt.Errorf("import capture %s: %w", c.orig.ID, err)
		}
		sum.Captures = append(sum.Captures, nid)
	}
	for _, id := range sum.Captures {
		if _, err := w.AnalyzeCapture(ctx, id, AnalyzeOptions{}); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// afterVerify, if set (by tests), runs between an import's verification and its reading: where
// a forger would swap the file.
var afterVerify func(path string)

// importedRecords maps the records a case's captures were made from to their IDs in it: the
// partner's record for one imported, its own for one captured here (a package of this
// workstation's taken back into the case it came from).
func (w *Workstation) importedRecords(ctx context.Context, caseID string) (map[string]string, error) {
	caps, err := w.Captures(ctx, caseID)
	if err != nil {
		return nil, err
	}
	have := map[string]string{}
	for _, c := range caps {
		have[c.RecordID.String()] = c.ID
		if c.Origin != nil {
			have[c.Origin.Record] = c.ID
		}
	}
	return have, nil
}

func firstHeld(have map[string]string, keys []string) (string, bool) {
	for _, k := range keys {
		if as, ok := have[k]; ok {
			return as, true
		}
	}
	return "", false
}

// importedCapture is a capture of a package whose artifacts are staged.
type importedCapture struct {
	orig   StoredCapture
	hashes []store.Hash
}

// stageCapture reads a capture's record, checks it is the one verified, and adds its
// artifacts to batch, each checked against the record.
func (w *Workstation) stageCapture(ctx context.Context, batch *store.BlobBatch, files map[string]*zip.File, id string, rep *PackageReport) (importedCapture, error) {
	var c importedCapture
	rb, err := readVerified(files, "captures/"+id+"/record.json", 64<<20, rep)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(rb, &c.orig); err != nil {
		return c, err
	}
	if c.orig.ID != id {
		return c, fmt.Errorf("the record is capture %s's", c.orig.ID)
	}
	var redaction WARCRedaction
	if b, err := readVerified(files, "captures/"+id+"/warc-redaction.json", 64<<10, rep); err == nil {
		if err := json.Unmarshal(b, &redaction); err != nil {
			return c, err
		}
	}
	for i, a := range c.orig.Artifacts {
		if a.Kind == capture.KindWARC {
			// The package holds the redacted copy: that is the artifact here, said so.
			a.SHA256, a.Name = redaction.Redacted, "traffic.redacted.warc.gz"
			a.Transformation = "the partner's WARC with the values of " + strings.Join(redaction.Headers, ", ") +
				" headers replaced at export (original SHA-256 " + redaction.Original + "); " + a.Transformation
			c.orig.Artifacts[i] = a
		}
		f := files[artifactPath(id, a.Kind, a.Name)]
		if f == nil {
			return c, fmt.Errorf("artifact %s missing", a.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return c, err
		}
		ref, err := batch.Add(ctx, rc)
		rc.Close()
		if err != nil {
			return c, err
		}
		if ref.ID.String() != a.SHA256 {
			return c, fmt.Errorf("artifact %s changed on the way in", a.Name)
		}
		c.hashes = append(c.hashes, ref.ID)
	}
	return c, nil
}

// readVerified reads a file of the package and checks it is the one verification hashed.
func readVerified(files map[string]*zip.File, name string, max int64, rep *PackageReport) ([]byte, error) {
	b, err := readZipFile(files[name], max)
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(b); rep.sums[name] == "" || hex.EncodeToString(sum[:]) != rep.sums[name] {
		return nil, fmt.Errorf("%s changed since the package was verified", name)
	}
	return b, nil
}

// createImported writes the record of a staged capture into the case, with its origin.
func (w *Workstation) createImported(ctx context.Context, c importedCapture, caseID string, rep *PackageReport, pkgSum string) (string, error) {
	orig := c.orig
	body := orig.CaptureBody
	body.Case = caseID
	body.Origin = &Origin{Package: pkgSum, Workstation: rep.Workstation, Officer: orig.Officer, Key: rep.KeyLine,
		Fingerprint: rep.Key, Case: orig.Case, Capture: orig.ID, Record: orig.RecordID.String(), Imported: time.Now().UTC()}
	rec, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindCapture, Refs: []string{caseID},
		Blobs: dedupe(c.hashes), Body: body, Verb: store.ActImport,
		Details: map[string]string{"case": caseID, "from_workstation": rep.Workstation, "from_capture": orig.ID,
			"package_sha256": pkgSum, "key": rep.Key, "url": orig.RequestedURL}})
	if err != nil {
		return "", err
	}
	return rec.Lineage, nil
}

func readZipFile(f *zip.File, max int64) ([]byte, error) {
	if f == nil {
		return nil, errors.New("missing from the package")
	}
	return (&pkgVerifier{files: map[string]*zip.File{f.Name: f}}).read(f.Name, max)
}

// keyKnown tells whether key is this workstation's own or one the officer accepted.
func (w *Workstation) keyKnown(ctx context.Context, key ed25519.PublicKey) (bool, error) {
	if key.Equal(w.st.PublicKey()) {
		return true, nil
	}
	keys, err := w.KnownKeys(ctx)
	for _, k := range keys {
		if pk, err := ParseAuthorizedKey(k.Key); err == nil && pk.Equal(key) {
			return true, nil
		}
	}
	return false, err
}

// KnownKeys lists the partner keys the officer accepted.
func (w *Workstation) KnownKeys(ctx context.Context) ([]KnownKey, error) {
	recs, err := w.st.List(ctx, store.KindKey, "")
	if err != nil {
		return nil, err
	}
	out := make([]KnownKey, 0, len(recs))
	for _, r := range recs {
		var k KnownKey
		if err := r.Decode(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, nil
}

func (w *Workstation) acceptKey(ctx context.Context, key ed25519.PublicKey, rep *PackageReport, pkgSum string) error {
	k := KnownKey{Key: AuthorizedKey(key), Fingerprint: KeyFingerprint(key), Workstation: rep.Workstation,
		AcceptedBy: w.settings.Officer, Accepted: time.Now().UTC()}
	_, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindKey, Body: k, Verb: store.ActImport,
		Details: map[string]string{"accepted_key": k.Fingerprint, "workstation": rep.Workstation, "package_sha256": pkgSum}})
	return err
}
