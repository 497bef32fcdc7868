package app

import (
	"archive/zip"
	"context"
	"crypto/ed25519"
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
// after the officer compared its fingerprint with the partner's by another channel; the key is
// then remembered, and that is logged.
type ImportOptions struct {
	Case      string
	AcceptKey bool
	Limits    PackageLimits
}

// ImportSummary says what an import took.
type ImportSummary struct {
	Report   *PackageReport `json:"report"`
	Captures []string       `json:"captures"` // the new capture IDs, in package order
	NewKey   bool           `json:"new_key"`
}

// ImportPackage verifies a package and only then takes its captures into a case, each with its
// origin; the artifacts are stored unchanged (their hashes are checked again on the way in),
// and each capture is analysed here with this workstation's rule packs.
func (w *Workstation) ImportPackage(ctx context.Context, path string, opts ImportOptions) (ImportSummary, error) {
	if _, err := w.st.Case(opts.Case); err != nil {
		return ImportSummary{}, err
	}
	rep, err := VerifyPackage(ctx, path, opts.Limits)
	if err != nil {
		return ImportSummary{}, err
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
	if !known && !opts.AcceptKey {
		return sum, fmt.Errorf("%w: %s (workstation %s). Compare the fingerprint with the partner by phone or another channel, then accept it", ErrUnknownKey, rep.Key, rep.Workstation)
	}
	pkgSum, _, err := fileSHA256(path)
	if err != nil {
		return sum, err
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		return sum, err
	}
	defer zr.Close()
	if !known {
		if err := w.acceptKey(ctx, key, rep, pkgSum); err != nil {
			return sum, err
		}
		sum.NewKey = true
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	for _, id := range rep.Captures {
		nid, err := w.importCapture(ctx, files, id, opts.Case, rep, pkgSum)
		if err != nil {
			return sum, fmt.Errorf("import capture %s: %w", id, err)
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

func (w *Workstation) importCapture(ctx context.Context, files map[string]*zip.File, id, caseID string, rep *PackageReport, pkgSum string) (string, error) {
	rb, err := readZipFile(files["captures/"+id+"/record.json"], 64<<20)
	if err != nil {
		return "", err
	}
	var orig StoredCapture
	if err := json.Unmarshal(rb, &orig); err != nil {
		return "", err
	}
	var redaction WARCRedaction
	if b, err := readZipFile(files["captures/"+id+"/warc-redaction.json"], 64<<10); err == nil {
		if err := json.Unmarshal(b, &redaction); err != nil {
			return "", err
		}
	}
	batch := w.st.NewBlobBatch()
	var hashes []store.Hash
	for i, a := range orig.Artifacts {
		if a.Kind == capture.KindWARC {
			// The package holds the redacted copy: that is the artifact here, said so.
			a.SHA256, a.Name = redaction.Redacted, "traffic.redacted.warc.gz"
			a.Transformation = "the partner's WARC with the values of " + strings.Join(redaction.Headers, ", ") +
				" headers replaced at export (original SHA-256 " + redaction.Original + "); " + a.Transformation
			orig.Artifacts[i] = a
		}
		f := files[artifactPath(id, a.Kind, a.Name)]
		if f == nil {
			batch.Cancel()
			return "", fmt.Errorf("artifact %s missing", a.Name)
		}
		rc, err := f.Open()
		if err != nil {
			batch.Cancel()
			return "", err
		}
		ref, err := batch.Add(ctx, rc)
		rc.Close()
		if err != nil {
			batch.Cancel()
			return "", err
		}
		if ref.ID.String() != a.SHA256 {
			batch.Cancel()
			return "", fmt.Errorf("artifact %s changed on the way in", a.Name)
		}
		hashes = append(hashes, ref.ID)
	}
	if err := batch.Commit(); err != nil {
		return "", err
	}
	body := orig.CaptureBody
	body.Case = caseID
	body.Origin = &Origin{Package: pkgSum, Workstation: rep.Workstation, Officer: orig.Officer, Key: rep.KeyLine,
		Fingerprint: rep.Key, Case: orig.Case, Capture: orig.ID, Record: orig.RecordID.String(), Imported: time.Now().UTC()}
	rec, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindCapture, Refs: []string{caseID},
		Blobs: dedupe(hashes), Body: body, Verb: store.ActImport,
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
