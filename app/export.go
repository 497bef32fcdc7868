package app

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// An evidence package is one ZIP file that is at once a WACZ 1.2 web archive (ReplayWeb.page
// opens it) and a self-verifying evidence bundle. docs/package.md describes every file; in
// short:
//
//	archive/<capture>.warc.gz        the captured traffic, the WARC artifact unchanged
//	indexes/index.cdxj               where each response is in those WARCs
//	pages/pages.jsonl                one line per captured page
//	captures/<capture>/…             every other artifact unchanged, record.json, analysis.json
//	custody/log.jsonl, head.json     the custody-log entries of the case and its captures
//	keys/                            the workstation's public key (SSH, PEM, allowed_signers)
//	timestamps/                      RFC 3161 tokens, when a timestamp authority answered
//	report.html, report.pdf          the human report
//	README.txt                       how to check the package with standard tools
//	datapackage.json                 WACZ manifest: every file above with SHA-256 and size
//	datapackage-digest.json          SHA-256 of datapackage.json
//	SHA256SUMS                       every file but the signatures, for sha256sum -c
//	SHA256SUMS.sig                   SSH signature of SHA256SUMS (ssh-keygen -Y verify)
//	SHA256SUMS.ed25519               raw Ed25519 signature of SHA256SUMS (openssl pkeyutl)
//
// Nothing secret goes in: no browser profile, cookie store, passphrase or store key, only
// what the records and artifacts hold and the public key.

// Package file names.
const (
	pkgSums        = "SHA256SUMS"
	pkgSSHSig      = "SHA256SUMS.sig"
	pkgRawSig      = "SHA256SUMS.ed25519"
	pkgDataPackage = "datapackage.json"
	pkgDigest      = "datapackage-digest.json"
	pkgPubKey      = "keys/workstation.pub"
	pkgPubPEM      = "keys/workstation.pem"
	pkgSigners     = "keys/allowed_signers"
	pkgLog         = "custody/log.jsonl"
	pkgHead        = "custody/head.json"
	pkgManifest    = "package.json"
)

// ExportOptions say what to export where. Captures empty means every capture of the case.
type ExportOptions struct {
	Case     string
	Captures []string
	Out      string
	// Progress, when set, is told how many bytes of artifacts are written of how many.
	Progress func(done, total int64)
	// NoPDF leaves report.pdf out (no browser to print it with); the export says so.
	NoPDF bool
}

// ExportSummary describes a written package.
type ExportSummary struct {
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Bytes    int64  `json:"bytes"`
	Captures int    `json:"captures"`
	Files    int    `json:"files"`
	Key      string `json:"key"` // the signing key's fingerprint
}

// PackageManifest (package.json) names who made the package, from where, and what it holds.
type PackageManifest struct {
	Format      string     `json:"format"` // "intercepted-evidence-package/1"
	Created     time.Time  `json:"created"`
	Tool        string     `json:"tool"`
	Workstation string     `json:"workstation"`
	Officer     string     `json:"officer"`
	Key         string     `json:"key"` // ssh-ed25519 public key
	Case        store.Case `json:"case"`
	Captures    []string   `json:"captures"`
	Timestamps  []string   `json:"timestamps,omitempty"` // files under timestamps/
}

// packageFormat is the format name of package.json.
const packageFormat = "intercepted-evidence-package/1"

// exportedCapture is what the exporter reads of one capture.
type exportedCapture struct {
	c        StoredCapture
	analysis *StoredAnalysis
	findings *Findings
}

// pkgWriter writes the ZIP and remembers each file's digest for the manifests.
type pkgWriter struct {
	zw    *zip.Writer
	files []pkgFile
}

type pkgFile struct {
	path   string
	sha256 string
	size   int64
}

// add writes one file; archives and images are stored, text is deflated.
func (p *pkgWriter) add(path string, r io.Reader) error {
	method := zip.Deflate
	if strings.HasPrefix(path, "archive/") || strings.HasSuffix(path, ".png") || strings.HasSuffix(path, ".jpg") ||
		strings.HasSuffix(path, ".gz") || strings.HasSuffix(path, ".pdf") {
		method = zip.Store
	}
	w, err := p.zw.CreateHeader(&zip.FileHeader{Name: path, Method: method, Modified: time.Now().UTC()})
	if err != nil {
		return err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(w, h), r)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	p.files = append(p.files, pkgFile{path: path, sha256: hex.EncodeToString(h.Sum(nil)), size: n})
	return nil
}

func (p *pkgWriter) addBytes(path string, b []byte) error {
	return p.add(path, strings.NewReader(string(b)))
}

func (p *pkgWriter) addJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return p.addBytes(path, append(b, '\n'))
}

// Export writes a signed evidence package of a case (or some of its captures) and logs the
// export, with the package's SHA-256, in the custody log. The file is written beside Out and
// renamed into place when complete, so a failed export leaves no half package.
func (w *Workstation) Export(ctx context.Context, opts ExportOptions) (ExportSummary, error) {
	cs, err := w.st.Case(opts.Case)
	if err != nil {
		return ExportSummary{}, err
	}
	caps, err := w.exportSet(ctx, cs, opts.Captures)
	if err != nil {
		return ExportSummary{}, err
	}
	if opts.Out == "" {
		return ExportSummary{}, fmt.Errorf("%w: give the file to write the package to", store.ErrInvalid)
	}
	if _, err := os.Lstat(opts.Out); err == nil { // said before the work, and checked again at the end
		return ExportSummary{}, fmt.Errorf("%s already exists: a package is never overwritten", opts.Out)
	}
	tmp, err := os.CreateTemp(filepath.Dir(opts.Out), ".export-*.zip")
	if err != nil {
		return ExportSummary{}, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	whole := sha256.New() // the package's own digest, taken as it is written
	counted := &countingWriter{w: io.MultiWriter(tmp, whole)}
	p := &pkgWriter{zw: zip.NewWriter(counted)}
	if err := w.writePackage(ctx, p, cs, caps, opts); err != nil {
		return ExportSummary{}, err
	}
	if err := p.zw.Close(); err != nil {
		return ExportSummary{}, err
	}
	if err := tmp.Sync(); err != nil {
		return ExportSummary{}, err
	}
	sum, size := hex.EncodeToString(whole.Sum(nil)), counted.n
	if err := tmp.Close(); err != nil {
		return ExportSummary{}, err
	}
	if err := placeNew(tmp.Name(), opts.Out); err != nil {
		return ExportSummary{}, err
	}
	ids := make([]string, len(caps))
	for i, c := range caps {
		ids[i] = c.c.ID
	}
	out := ExportSummary{Path: opts.Out, SHA256: sum, Bytes: size, Captures: len(caps), Files: len(p.files),
		Key: KeyFingerprint(w.st.PublicKey())}
	_, err = w.st.LogAction(ctx, store.Action{Actor: w.settings.Officer, Verb: store.ActExport, Subject: cs.ID,
		Details: map[string]string{"package_sha256": sum, "bytes": fmt.Sprint(size), "file": filepath.Base(opts.Out),
			"captures": strings.Join(ids, ",")}})
	if err == nil {
		err = w.queueTimestamp(ctx, "package:"+filepath.Base(opts.Out), sum)
	}
	return out, err
}

// exportSet reads the captures to export, in order of capture.
func (w *Workstation) exportSet(ctx context.Context, cs store.Case, ids []string) ([]exportedCapture, error) {
	var caps []StoredCapture
	if len(ids) == 0 {
		all, err := w.Captures(ctx, cs.ID)
		if err != nil {
			return nil, err
		}
		caps = all
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] { // a capture named twice is exported once
			continue
		}
		seen[id] = true
		c, err := w.Capture(id)
		if err != nil {
			return nil, err
		}
		if c.Case != cs.ID {
			return nil, fmt.Errorf("%w: capture %s belongs to case %s, not %s", store.ErrInvalid, id, c.Case, cs.ID)
		}
		caps = append(caps, c)
	}
	if len(caps) == 0 {
		return nil, fmt.Errorf("%w: case %s has no captures to export", store.ErrInvalid, cs.ID)
	}
	out := make([]exportedCapture, len(caps))
	for i, c := range caps {
		out[i].c = c
		sa, f, err := w.Analysis(ctx, c.ID)
		switch {
		case err == nil:
			out[i].analysis, out[i].findings = &sa, &f
		case !errors.Is(err, ErrNotAnalysed):
			return nil, err
		}
	}
	return out, nil
}

func (w *Workstation) writePackage(ctx context.Context, p *pkgWriter, cs store.Case, caps []exportedCapture, opts ExportOptions) error {
	var total, done int64
	for _, c := range caps {
		for _, a := range c.c.Artifacts {
			total += a.Size
		}
	}
	progress := func(n int64) {
		done += n
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	var pages, cdxj []string
	pages = append(pages, `{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}`)
	for _, c := range caps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.writeCapture(ctx, p, c, &cdxj, progress); err != nil {
			return err
		}
		url := c.c.FinalURL
		if url == "" {
			url = c.c.RequestedURL
		}
		line, _ := json.Marshal(map[string]string{"id": c.c.ID, "url": url, "ts": c.c.Started.UTC().Format(time.RFC3339), "title": c.c.Title})
		pages = append(pages, string(line))
	}
	sort.Strings(cdxj)
	if err := p.addBytes("pages/pages.jsonl", []byte(strings.Join(pages, "\n")+"\n")); err != nil {
		return err
	}
	if err := p.addBytes("indexes/index.cdxj", []byte(strings.Join(cdxj, "\n")+"\n")); err != nil {
		return err
	}
	entries, err := w.custodyEntries(ctx, cs, caps)
	if err != nil {
		return err
	}
	if err := w.writeCustody(p, entries); err != nil {
		return err
	}
	pub := w.st.PublicKey()
	id := w.st.WorkstationID()
	if err := errors.Join(
		p.addBytes(pkgPubKey, []byte(AuthorizedKey(pub)+" "+id+"\n")),
		p.addBytes(pkgPubPEM, PublicKeyPEM(pub)),
		p.addBytes(pkgSigners, []byte(id+" "+AuthorizedKey(pub)+"\n"))); err != nil {
		return err
	}
	stamps, err := w.writeTimestamps(ctx, p, caps)
	if err != nil {
		return err
	}
	ids := make([]string, len(caps))
	for i, c := range caps {
		ids[i] = c.c.ID
	}
	man := PackageManifest{Format: packageFormat, Created: time.Now().UTC(), Tool: "INTERCEPTED Workstation " + Version,
		Workstation: id, Officer: w.settings.Officer, Key: AuthorizedKey(pub), Case: cs, Captures: ids, Timestamps: stamps}
	if err := p.addJSON(pkgManifest, man); err != nil {
		return err
	}
	if err := w.writeReport(ctx, p, man, caps, entries, opts.NoPDF); err != nil {
		return err
	}
	if err := p.addBytes("README.txt", packageReadme(id, man)); err != nil {
		return err
	}
	return w.writeManifests(p, cs, caps, man)
}

// writeCapture writes one capture's artifacts, unchanged, its record and its analysis.
func (w *Workstation) writeCapture(ctx context.Context, p *pkgWriter, c exportedCapture, cdxj *[]string, progress func(int64)) error {
	dir := "captures/" + c.c.ID + "/"
	for _, a := range c.c.Artifacts {
		path := artifactPath(c.c.ID, a.Kind, a.Name)
		if !safePackagePath(path) {
			return fmt.Errorf("artifact name %q of %s cannot be exported safely", a.Name, c.c.ID)
		}
		h, err := store.ParseHash(a.SHA256)
		if err != nil {
			return err
		}
		if a.Kind == capture.KindWARC {
			if err := w.writeWARC(p, c.c.ID, a, h, path, cdxj); err != nil {
				return err
			}
			progress(a.Size)
			continue
		} else {
			br, err := w.st.OpenBlob(h)
			if err != nil {
				return fmt.Errorf("read %s of %s: %w", a.Name, c.c.ID, err)
			}
			err = p.add(path, br)
			br.Close()
			if err != nil {
				return err
			}
		}
		if got := p.files[len(p.files)-1].sha256; got != a.SHA256 {
			return fmt.Errorf("artifact %s of %s reads back as %s, not %s: run verify", a.Name, c.c.ID, got, a.SHA256)
		}
		progress(a.Size)
	}
	if err := p.addJSON(dir+"record.json", redactRecordHeaders(c.c)); err != nil {
		return err
	}
	if c.analysis != nil {
		return p.addJSON(dir+"analysis.json", struct {
			StoredAnalysis
			Findings *Findings `json:"findings_body"`
		}{*c.analysis, c.findings})
	}
	return nil
}

// writeWARC writes the capture's traffic with the secret headers redacted (redact.go), its
// redaction note, and its CDXJ lines.
func (w *Workstation) writeWARC(p *pkgWriter, id string, a capture.Artifact, h store.Hash, path string, cdxj *[]string) error {
	b, err := w.st.ReadBlob(h)
	if err != nil {
		return fmt.Errorf("read %s of %s: %w", a.Name, id, err)
	}
	if got := store.Sum(b); got != h {
		return fmt.Errorf("artifact %s of %s reads back as %s, not %s: run verify", a.Name, id, got, h)
	}
	red, note, err := redactWARC(b)
	if err != nil {
		return fmt.Errorf("%s of %s: %w", a.Name, id, err)
	}
	lines, err := cdxjLines(red, id+".warc.gz")
	if err != nil {
		return err
	}
	*cdxj = append(*cdxj, lines...)
	if err := p.addBytes(path, red); err != nil {
		return err
	}
	note.Original, note.Redacted = a.SHA256, p.files[len(p.files)-1].sha256
	return p.addJSON("captures/"+id+"/warc-redaction.json", note)
}

// custodyEntries are the log entries about the case, its captures and what hangs off them.
func (w *Workstation) custodyEntries(ctx context.Context, cs store.Case, caps []exportedCapture) ([]store.Entry, error) {
	subjects := map[string]bool{cs.ID: true}
	for _, c := range caps {
		subjects[c.c.ID] = true
		if c.analysis != nil {
			subjects[c.analysis.ID] = true
		}
	}
	for _, k := range []store.Kind{store.KindNote, store.KindTag, store.KindAnalysis} {
		for _, c := range caps {
			recs, err := w.st.List(ctx, k, c.c.ID)
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				subjects[r.Lineage] = true
			}
		}
	}
	var out []store.Entry
	err := w.st.Log(ctx, store.LogFilter{}, func(e store.Entry) error {
		if subjects[e.Subject] || subjects[e.Details["capture"]] && e.Details["capture"] != "" {
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

func (w *Workstation) writeCustody(p *pkgWriter, entries []store.Entry) error {
	var b strings.Builder
	for _, e := range entries {
		js, err := json.Marshal(e)
		if err != nil {
			return err
		}
		b.Write(js)
		b.WriteByte('\n')
	}
	if err := p.addBytes(pkgLog, []byte(b.String())); err != nil {
		return err
	}
	head, err := w.st.LogHead()
	if err != nil {
		return err
	}
	return p.addJSON(pkgHead, head)
}

// writeManifests writes the WACZ manifest and its digest, then SHA256SUMS and its signatures.
func (w *Workstation) writeManifests(p *pkgWriter, cs store.Case, caps []exportedCapture, man PackageManifest) error {
	type resource struct {
		Name  string `json:"name"`
		Path  string `json:"path"`
		Hash  string `json:"hash"`
		Bytes int64  `json:"bytes"`
	}
	res := make([]resource, 0, len(p.files))
	for _, f := range p.files {
		res = append(res, resource{Name: filepath.Base(f.path), Path: f.path, Hash: "sha256:" + f.sha256, Bytes: f.size})
	}
	first := caps[0].c
	// The profile is Frictionless/WACZ 1.1.1's "data-package", not WACZ 1.2's "wacz": ReplayWeb.page
	// (wabac.js, as of 2.5.3) fails on any profile but "data-package", "wacz-package" or none.
	dp := map[string]any{
		"profile": "data-package", "title": cs.Name, "created": man.Created.Format(time.RFC3339), "software": man.Tool,
		"description": fmt.Sprintf("Evidence package of case %s (%s): %d captured pages, signed by workstation %s.", cs.Name, cs.ID, len(caps), man.Workstation),
		"home":        map[string]string{"url": firstURL(first), "ts": first.Started.UTC().Format(time.RFC3339)},
		"resources":   res,
	}
	if err := p.addJSON(pkgDataPackage, dp); err != nil {
		return err
	}
	dpFile := p.files[len(p.files)-1]
	if err := p.addJSON(pkgDigest, map[string]string{"path": pkgDataPackage, "hash": "sha256:" + dpFile.sha256}); err != nil {
		return err
	}
	files := slices.Clone(p.files)
	slices.SortFunc(files, func(a, b pkgFile) int { return strings.Compare(a.path, b.path) })
	var sums strings.Builder
	for _, f := range files {
		fmt.Fprintf(&sums, "%s  %s\n", f.sha256, f.path)
	}
	msg := []byte(sums.String())
	if err := p.addBytes(pkgSums, msg); err != nil {
		return err
	}
	if err := p.addBytes(pkgSSHSig, SSHSignature(w.st.PublicKey(), w.st.Sign, msg)); err != nil {
		return err
	}
	return p.addBytes(pkgRawSig, w.st.Sign(msg))
}

// placeNew moves the finished file tmp to out, which must not exist: linked there, which fails
// if anything is there by then, or, on a file system without links (a FAT stick), renamed
// after a last look.
func placeNew(tmp, out string) error {
	err := os.Link(tmp, out)
	switch {
	case err == nil:
		os.Remove(tmp) // the package is in place; Export removes tmp again anyway
		return nil
	case errors.Is(err, fs.ErrExist):
		return fmt.Errorf("%s already exists: a package is never overwritten", out)
	}
	if _, err := os.Lstat(out); err == nil {
		return fmt.Errorf("%s already exists: a package is never overwritten", out)
	}
	return os.Rename(tmp, out)
}

func firstURL(c StoredCapture) string {
	if c.FinalURL != "" {
		return c.FinalURL
	}
	return c.RequestedURL
}

// countingWriter counts what passes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// safePackagePath refuses names that would leave the package directory when unpacked.
func safePackagePath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}
