package app

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/store"
)

// rewrite copies a package with some files changed (nil removes one) and some added.
func rewrite(t *testing.T, pkg string, change map[string][]byte) string {
	t.Helper()
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "changed.zip")
	f, _ := os.Create(out)
	zw := zip.NewWriter(f)
	done := map[string]bool{}
	for _, e := range zr.File {
		b, ok := change[e.Name]
		done[e.Name] = true
		if ok && b == nil {
			continue
		}
		if !ok {
			rc, _ := e.Open()
			b, _ = io.ReadAll(rc)
			rc.Close()
		}
		w, _ := zw.Create(e.Name)
		w.Write(b)
	}
	for name, b := range change {
		if !done[name] && b != nil {
			w, _ := zw.Create(name)
			w.Write(b)
		}
	}
	zw.Close()
	f.Close()
	return out
}

func readPkgFile(t *testing.T, pkg, name string) []byte {
	t.Helper()
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return b
		}
	}
	t.Fatalf("no %s in the package", name)
	return nil
}

func mustProblem(t *testing.T, pkg, want string) {
	t.Helper()
	rep, err := VerifyPackage(ctx, pkg, PackageLimits{})
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if rep.OK {
		t.Fatalf("a package with %q verified", want)
	}
	for _, p := range rep.Problems {
		if strings.Contains(p.String(), want) {
			return
		}
	}
	t.Errorf("problems %v do not name %q", rep.Problems, want)
}

// Tampered packages are refused with the reason; the verifier names what is wrong.
func TestVerifyPackageFindsTampering(t *testing.T) {
	_, _, pkg := exportFixture(t)
	rep, _ := VerifyPackage(ctx, pkg, PackageLimits{})
	id := rep.Captures[0]
	shot := "captures/" + id + "/screenshot.png"
	t.Run("modified artifact", func(t *testing.T) {
		b := readPkgFile(t, pkg, shot)
		b[len(b)/2] ^= 1
		mustProblem(t, rewrite(t, pkg, map[string][]byte{shot: b}), shot+": SHA-256 is")
	})
	t.Run("removed file", func(t *testing.T) {
		mustProblem(t, rewrite(t, pkg, map[string][]byte{shot: nil}), "missing from the package (removed)")
	})
	t.Run("added file", func(t *testing.T) {
		mustProblem(t, rewrite(t, pkg, map[string][]byte{"captures/" + id + "/extra.png": []byte("x")}), "not listed in SHA256SUMS")
	})
	t.Run("forged raw signature", func(t *testing.T) {
		sig := make([]byte, 64)
		rand.Read(sig)
		mustProblem(t, rewrite(t, pkg, map[string][]byte{pkgRawSig: sig}), "Ed25519 signature does not match")
	})
	t.Run("SHA256SUMS rewritten to match a change", func(t *testing.T) {
		sums := readPkgFile(t, pkg, pkgSums)
		sums = bytes.Replace(sums, []byte("  report.html"), []byte("  report.htm_"), 1)
		mustProblem(t, rewrite(t, pkg, map[string][]byte{pkgSums: sums}), "SSH signature does not match")
	})
	t.Run("signed by another key than the package names", func(t *testing.T) {
		pub, priv, _ := ed25519.GenerateKey(rand.Reader)
		sums := readPkgFile(t, pkg, pkgSums)
		sig := SSHSignature(pub, func(m []byte) []byte { return ed25519.Sign(priv, m) }, sums)
		mustProblem(t, rewrite(t, pkg, map[string][]byte{pkgSSHSig: sig}), "not by the package's key")
	})
	t.Run("custody entry changed", func(t *testing.T) {
		log := readPkgFile(t, pkg, pkgLog)
		log = bytes.Replace(log, []byte("Insp. Export"), []byte("Insp. Forger"), 1)
		mustProblem(t, rewrite(t, pkg, map[string][]byte{pkgLog: log}), "does not match its hash")
	})
	t.Run("unsafe path", func(t *testing.T) {
		mustProblem(t, rewrite(t, pkg, map[string][]byte{"../../etc/evil": []byte("x")}), "unsafe file name")
	})
	t.Run("truncated", func(t *testing.T) {
		b, _ := os.ReadFile(pkg)
		cut := filepath.Join(t.TempDir(), "cut.zip")
		os.WriteFile(cut, b[:len(b)/2], 0o644)
		if _, err := VerifyPackage(ctx, cut, PackageLimits{}); !errors.Is(err, ErrNotPackage) {
			t.Errorf("truncated zip: %v", err)
		}
	})
}

// A decompression bomb is refused from the ZIP directory, before anything is inflated.
func TestVerifyPackageRefusesBombs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bomb.zip")
	f, _ := os.Create(out)
	zw := zip.NewWriter(f)
	w, _ := zw.Create("archive/zeros.warc.gz")
	zero := make([]byte, 1<<20)
	for range 64 {
		w.Write(zero)
	}
	zw.Close()
	f.Close()
	rep, err := VerifyPackage(ctx, out, PackageLimits{MaxRatio: 100})
	if err != nil || rep.OK || !strings.Contains(rep.Problems[0].String(), "decompression bomb") {
		t.Errorf("bomb: %v %+v", err, rep)
	}
	rep, _ = VerifyPackage(ctx, out, PackageLimits{MaxFileBytes: 1 << 20})
	if rep.OK || !strings.Contains(rep.Problems[0].String(), "over the limit") {
		t.Errorf("oversized file: %+v", rep.Problems)
	}
}

// Import verifies first, asks for an unknown key to be accepted, keeps the origin, and stores
// nothing of a refused package.
func TestImportPackage(t *testing.T) {
	_, _, pkg := exportFixture(t)
	b, err := Create(ctx, testConfig(t), Settings{Officer: "Agente Partner", Region: "ES"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c, _ := b.NewCase(ctx, store.CaseInfo{Name: "Recibido"})
	before := logLength(t, b)

	rep, err := VerifyPackage(ctx, pkg, PackageLimits{})
	if err != nil || !rep.OK {
		t.Fatalf("exported package: %+v %v", rep, err)
	}
	tampered := rewrite(t, pkg, map[string][]byte{"report.html": []byte("changed")})
	if _, err := b.ImportPackage(ctx, tampered, ImportOptions{Case: c.ID, AcceptKey: rep.Key}); !errors.Is(err, ErrPackageRefused) {
		t.Fatalf("tampered package: %v", err)
	}
	if _, err := b.ImportPackage(ctx, pkg, ImportOptions{Case: c.ID}); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("unknown key: %v", err)
	}
	if logLength(t, b) != before {
		t.Fatal("a refused import wrote to the store")
	}
	if _, err := b.ImportPackage(ctx, pkg, ImportOptions{Case: c.ID, AcceptKey: "SHA256:" + strings.Repeat("A", 43)}); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("another key accepted: %v", err)
	}
	if logLength(t, b) != before {
		t.Fatal("a refused import wrote to the store")
	}
	sum, err := b.ImportPackage(ctx, pkg, ImportOptions{Case: c.ID, AcceptKey: rep.Key})
	if err != nil || len(sum.Captures) != 2 || !sum.NewKey {
		t.Fatalf("import: %+v %v", sum, err)
	}
	got, err := b.Capture(sum.Captures[0])
	if err != nil || got.Origin == nil || got.Origin.Officer != "Insp. Export" || got.Origin.Fingerprint != sum.Report.Key || got.Case != c.ID {
		t.Fatalf("imported capture %+v %v", got.Origin, err)
	}
	for _, a := range got.Artifacts {
		h, _ := store.ParseHash(a.SHA256)
		if ok, _ := b.Store().HasBlob(h); !ok {
			t.Errorf("artifact %s not stored", a.Name)
		}
	}
	if _, _, err := b.Analysis(ctx, got.ID); err != nil {
		t.Errorf("imported capture not analysed here: %v", err)
	}
	keys, _ := b.KnownKeys(ctx)
	if len(keys) != 1 || keys[0].Fingerprint != sum.Report.Key {
		t.Errorf("known keys %+v", keys)
	}
	// The key is known now: a second import needs no acceptance, and takes nothing twice.
	again, err := b.ImportPackage(ctx, pkg, ImportOptions{Case: c.ID})
	if err != nil || len(again.Captures) != 0 || len(again.Already) != 2 || again.Already[0].As != sum.Captures[0] {
		t.Errorf("second import: %+v %v", again, err)
	}
	if caps, _ := b.Captures(ctx, c.ID); len(caps) != 2 {
		t.Errorf("%d captures in the case after importing a package of two twice", len(caps))
	}
	if s, err := b.Verify(ctx, store.VerifyFull, nil); err != nil || !s.OK {
		t.Errorf("verify after import: %+v %v", s, err)
	}
}
