package app

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/store"
)

// exportFixture makes a store with one case of two real captures of the board site (one
// analysed), and exports it.
func exportFixture(t *testing.T) (*Workstation, store.Case, string) {
	t.Helper()
	site := boardSite(t)
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Export", Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "Board", Reference: "RG 9/26"})
	b, err := w.OpenBrowser(ctx, c.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for i, path := range []string{"/ad", "/ad?page=2"} {
		res, err := b.CaptureURL(ctx, site+path, w.CaptureOptions(quickCapture()))
		if err != nil {
			t.Fatal(err)
		}
		sc, err := w.SaveCapture(ctx, c.ID, res)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := w.AnalyzeCapture(ctx, sc.ID, AnalyzeOptions{}); err != nil {
				t.Fatal(err)
			}
			w.AddNote(ctx, sc.ID, "Same photo as ad 12.")
		}
	}
	out := filepath.Join(t.TempDir(), "board.zip")
	sum, err := w.Export(ctx, ExportOptions{Case: c.ID, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Captures != 2 || sum.SHA256 == "" || sum.Bytes == 0 {
		t.Fatalf("export summary %+v", sum)
	}
	return w, c, out
}

// A package verifies, with our verifier and with standard tools on a bare directory, and its
// export is in the custody log with the package's digest.
func TestExportVerifiesWithStandardTools(t *testing.T) {
	w, c, pkg := exportFixture(t)
	rep, err := VerifyPackage(ctx, pkg, PackageLimits{})
	if err != nil || !rep.OK {
		t.Fatalf("verify-package: %v %+v", err, rep.Problems)
	}
	if rep.Case != c.ID || len(rep.Captures) != 2 || rep.Key != KeyFingerprint(w.Store().PublicKey()) || rep.LogEntries < 5 {
		t.Errorf("report %+v", rep)
	}
	dir := unzip(t, pkg)
	for _, f := range []string{"report.html", "report.pdf", "pages/pages.jsonl", "indexes/index.cdxj", "README.txt", "keys/workstation.pem"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("package lacks %s", f)
		}
	}
	run(t, dir, nil, "sha256sum", "-c", "--quiet", "SHA256SUMS")
	sums, _ := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	run(t, dir, sums, "ssh-keygen", "-Y", "verify", "-f", "keys/allowed_signers", "-I", w.Store().WorkstationID(), "-n", "file", "-s", "SHA256SUMS.sig")
	run(t, dir, nil, "openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "keys/workstation.pem", "-rawin", "-in", "SHA256SUMS", "-sigfile", "SHA256SUMS.ed25519")
	if pdf, _ := os.ReadFile(filepath.Join(dir, "report.pdf")); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Error("report.pdf is not a PDF")
	}
	html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
	for _, want := range []string{"Ad 1123", "Chain of custody", "Source", "screenshot.png"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// The standard tools catch a change too.
	os.WriteFile(filepath.Join(dir, "report.html"), []byte("changed"), 0o644)
	if out, err := exec.Command("sha256sum", "-c", "--quiet", "SHA256SUMS").CombinedOutput(); err == nil {
		t.Errorf("sha256sum accepted a changed file: %s", out)
	}
	found := false
	w.Store().Log(ctx, store.LogFilter{Action: store.ActExport}, func(e store.Entry) error {
		found = found || e.Subject == c.ID && e.Details["package_sha256"] != ""
		return nil
	})
	if !found {
		t.Error("the export is not in the custody log")
	}
}

func unzip(t *testing.T, pkg string) string {
	t.Helper()
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, dir string, stdin []byte, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// Nothing secret leaves in a package: not the session cookies the browser sent or received (the
// WARC in archive/ is a redacted copy, said so), not the passphrase, the signing key or a
// browser profile. The store keeps the original WARC.
func TestExportHoldsNoSecrets(t *testing.T) {
	w, _, pkg := exportFixture(t)
	dir := unzip(t, pkg)
	filepath.Walk(dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		for _, bad := range []string{"Cookies", "Login Data", "Local State", "Preferences", "store.json", "LOCK"} {
			if filepath.Base(rel) == bad {
				t.Errorf("package holds %s", rel)
			}
		}
		b, _ := os.ReadFile(path)
		if strings.HasSuffix(path, ".gz") {
			b = gunzipAll(t, b)
		}
		if bytes.Contains(b, []byte(testSessionSecret)) {
			t.Errorf("%s holds the session cookie", rel)
		}
		if bytes.Contains(b, []byte(w.Store().Dir())) {
			t.Errorf("%s names the store's directory", rel)
		}
		return nil
	})
	warcs, _ := filepath.Glob(filepath.Join(dir, "archive", "*.warc.gz"))
	if len(warcs) == 0 {
		t.Fatal("no WARC in the package")
	}
	b := gunzipAll(t, mustRead(t, warcs[0]))
	if !bytes.Contains(b, []byte("Cookie: [redacted by INTERCEPTED export]")) {
		t.Error("the WARC does not say what was redacted")
	}
	// The store's own WARC is untouched: the redaction is of the copy only.
	rep, _ := VerifyPackage(ctx, pkg, PackageLimits{})
	sc, _ := w.Capture(rep.Captures[0])
	orig, err := w.ArtifactBytes(findArtifact(sc.Artifacts, "warc"))
	if err != nil || !bytes.Contains(gunzipAll(t, orig), []byte(testSessionSecret)) {
		t.Errorf("the stored WARC changed: %v", err)
	}
}

func gunzipAll(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, _ := io.ReadAll(zr)
	return out
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A capture named twice is exported once; the summary counts the files the ZIP holds; a
// package is never written over anything, a link included.
func TestExportOnceEach(t *testing.T) {
	w, c, _ := exportFixture(t)
	caps, err := w.Captures(ctx, c.ID)
	if err != nil || len(caps) != 2 {
		t.Fatalf("%d captures, %v", len(caps), err)
	}
	out := filepath.Join(t.TempDir(), "twice.zip")
	sum, err := w.Export(ctx, ExportOptions{Case: c.ID, Out: out, Captures: []string{caps[0].ID, caps[0].ID}, NoPDF: true})
	if err != nil || sum.Captures != 1 {
		t.Fatalf("export of one capture named twice: %+v %v", sum, err)
	}
	rep, err := VerifyPackage(ctx, out, PackageLimits{})
	if err != nil || !rep.OK || len(rep.Captures) != 1 || rep.Files != sum.Files {
		t.Fatalf("its package: %+v %v (export said %d files)", rep, err, sum.Files)
	}
	link := filepath.Join(t.TempDir(), "link.zip")
	os.Symlink(filepath.Join(t.TempDir(), "target.zip"), link) // a dangling link: Stat says nothing is there
	if _, err := w.Export(ctx, ExportOptions{Case: c.ID, Out: link, NoPDF: true}); err == nil || !strings.Contains(err.Error(), "never overwritten") {
		t.Errorf("export over a link: %v", err)
	}
}
