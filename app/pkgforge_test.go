package app

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/store"
)

// forge copies a package with some files changed (nil removes one), lets man change its
// package.json, and signs it all again with priv as an exporter would: the key file, the
// manifest's key, the custody head, the WACZ manifest and digest, SHA256SUMS and both
// signatures. Whatever a forger with a key of their own can make, it makes.
func forge(t *testing.T, pkg string, priv ed25519.PrivateKey, change map[string][]byte, man func(*PackageManifest)) string {
	t.Helper()
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		names = append(names, f.Name)
		files[f.Name] = b
	}
	for name, b := range change {
		if b == nil {
			delete(files, name)
			names = slices.DeleteFunc(names, func(n string) bool { return n == name })
			continue
		}
		if files[name] == nil {
			names = append(names, name)
		}
		files[name] = b
	}
	pub := priv.Public().(ed25519.PublicKey)
	sign := func(m []byte) []byte { return ed25519.Sign(priv, m) }
	files[pkgPubKey] = []byte(AuthorizedKey(pub) + " " + store.WorkstationIDOf(pub) + "\n")
	var m PackageManifest
	mustJSON(t, files[pkgManifest], &m)
	m.Key = AuthorizedKey(pub)
	if man != nil {
		man(&m)
	}
	files[pkgManifest], _ = json.Marshal(m)
	var h store.Head
	mustJSON(t, files[pkgHead], &h)
	h.Signature = sign(store.HeadMessage(h.Seq, h.Hash))
	files[pkgHead], _ = json.Marshal(h)
	var dp map[string]any
	mustJSON(t, files[pkgDataPackage], &dp)
	for _, r := range dp["resources"].([]any) {
		r := r.(map[string]any)
		b := files[r["path"].(string)]
		r["hash"], r["bytes"] = "sha256:"+sha256hex(b), len(b)
	}
	files[pkgDataPackage], _ = json.Marshal(dp)
	files[pkgDigest], _ = json.Marshal(map[string]string{"path": pkgDataPackage, "hash": "sha256:" + sha256hex(files[pkgDataPackage])})
	var sums strings.Builder
	for _, name := range slices.Sorted(slices.Values(names)) {
		if name != pkgSums && name != pkgSSHSig && name != pkgRawSig {
			fmt.Fprintf(&sums, "%s  %s\n", sha256hex(files[name]), name)
		}
	}
	msg := []byte(sums.String())
	files[pkgSums], files[pkgSSHSig], files[pkgRawSig] = msg, SSHSignature(pub, sign, msg), sign(msg)
	out := filepath.Join(t.TempDir(), "forged.zip")
	f, _ := os.Create(out)
	zw := zip.NewWriter(f)
	for _, name := range names {
		w, _ := zw.Create(name)
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

func mustJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

func sha256hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func newKey(t *testing.T) ed25519.PrivateKey {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return priv
}

func hasProblem(rep *PackageReport, part string) bool {
	for _, p := range rep.Problems {
		if strings.Contains(p.String(), part) {
			return true
		}
	}
	return false
}

// A forger with a key of their own: the package verifies only as theirs, under their own
// workstation name, and an import reads the very file it verified.
func TestPackageForgeries(t *testing.T) {
	_, _, pkg := exportFixture(t)
	good, err := VerifyPackage(ctx, pkg, PackageLimits{})
	if err != nil || !good.OK || good.SHA256 == "" {
		t.Fatalf("exported package: %+v %v", good, err)
	}
	x := newKey(t)
	xID := store.WorkstationIDOf(x.Public().(ed25519.PublicKey))

	t.Run("honestly re-signed", func(t *testing.T) {
		// the forging works: signed again under its own name, the package verifies as X's
		rep, err := VerifyPackage(ctx, forge(t, pkg, x, nil, func(m *PackageManifest) { m.Workstation = xID }), PackageLimits{})
		if err != nil || !rep.OK || rep.Workstation != xID {
			t.Fatalf("%+v %v", rep, err)
		}
	})
	t.Run("another workstation's name", func(t *testing.T) {
		rep, err := VerifyPackage(ctx, forge(t, pkg, x, nil, nil), PackageLimits{})
		if err != nil || rep.OK || !hasProblem(rep, "signing key is workstation "+xID) {
			t.Fatalf("a package signed by %s under the name %s: %+v %v", xID, good.Workstation, rep.Problems, err)
		}
	})
	t.Run("swapped after verification", func(t *testing.T) {
		b, err := Create(ctx, testConfig(t), Settings{Officer: "Agente Partner", Region: "ES"})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		c, _ := b.NewCase(ctx, store.CaseInfo{Name: "Recibido"})
		// the forged record: another title; its file no longer matches SHA256SUMS
		id := good.Captures[0]
		zr, _ := zip.OpenReader(pkg)
		var rec map[string]any
		for _, f := range zr.File {
			if f.Name == "captures/"+id+"/record.json" {
				rc, _ := f.Open()
				json.NewDecoder(rc).Decode(&rec)
				rc.Close()
			}
		}
		zr.Close()
		rec["title"] = "FORGED TITLE"
		fake, _ := json.Marshal(rec)
		forged := rewrite(t, pkg, map[string][]byte{"captures/" + id + "/record.json": fake})
		path := filepath.Join(t.TempDir(), "incoming.zip")
		copyFile(t, pkg, path)
		afterVerify = func(p string) {
			if err := os.Rename(forged, p); err != nil {
				t.Error(err)
			}
		}
		defer func() { afterVerify = nil }()
		sum, err := b.ImportPackage(ctx, path, ImportOptions{Case: c.ID, AcceptKey: good.Key})
		if err != nil || len(sum.Captures) != 2 || sum.Report.SHA256 != good.SHA256 {
			t.Fatalf("import of the verified file: %+v %v", sum, err)
		}
		for _, nid := range sum.Captures {
			if got, _ := b.Capture(nid); got.Title == "FORGED TITLE" || got.Origin.Package != good.SHA256 {
				t.Errorf("imported %q from package %s, not what was verified", got.Title, got.Origin.Package)
			}
		}
	})
	t.Run("changed in place after verification", func(t *testing.T) {
		// The open file changed under the handle: the ZIP's CRCs catch most changes; a record
		// whose CRC was forged too no longer has the hash verification took, and is refused.
		b, err := Create(ctx, testConfig(t), Settings{Officer: "Agente Partner", Region: "ES"})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		id := good.Captures[0]
		forged := rewrite(t, pkg, map[string][]byte{"captures/" + id + "/record.json": []byte(`{"id":"` + id + `","title":"FORGED"}`)})
		zr, err := zip.OpenReader(forged)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		files := map[string]*zip.File{}
		for _, f := range zr.File {
			files[f.Name] = f
		}
		batch := b.Store().NewBlobBatch()
		defer batch.Cancel()
		if _, err := b.stageCapture(ctx, batch, files, id, good); err == nil || !strings.Contains(err.Error(), "changed since the package was verified") {
			t.Errorf("a record other than the verified one: %v", err)
		}
	})
	t.Run("bytes before and after the ZIP", func(t *testing.T) {
		raw, _ := os.ReadFile(pkg)
		for name, b := range map[string][]byte{
			"before": append(bytes.Repeat([]byte{'x'}, 4096), raw...),
			"after":  append(slices.Clone(raw), bytes.Repeat([]byte{'x'}, 100)...),
			"zip":    append(slices.Clone(raw), raw...), // a package before the package
		} {
			p := filepath.Join(t.TempDir(), name+".zip")
			os.WriteFile(p, b, 0o644)
			rep, err := VerifyPackage(ctx, p, PackageLimits{})
			if err != nil || rep.OK || !hasProblem(rep, "no signature covers") {
				t.Errorf("%s: %+v %v", name, rep, err)
			}
		}
	})
	t.Run("a file between the entries", func(t *testing.T) {
		// a file left in the ZIP but taken out of its directory: a reader going through the
		// file from its start sees it; verify-package must not call the file the package
		zr, err := zip.OpenReader(pkg)
		if err != nil {
			t.Fatal(err)
		}
		with := filepath.Join(t.TempDir(), "with.zip")
		f, _ := os.Create(with)
		zw := zip.NewWriter(f)
		for i, e := range zr.File {
			if i == len(zr.File)/2 {
				w, _ := zw.Create("captures/" + good.Captures[0] + "/unsigned.txt")
				w.Write([]byte("a file no signature covers"))
			}
			zw.Copy(e)
		}
		zw.Close()
		f.Close()
		zr.Close()
		hidden := hideEntry(t, with, "captures/"+good.Captures[0]+"/unsigned.txt")
		rep, err := VerifyPackage(ctx, hidden, PackageLimits{})
		if err != nil || rep.OK || !hasProblem(rep, "between its ZIP entries") {
			t.Errorf("a file hidden between the entries: %+v %v", rep.Problems, err)
		}
	})
	t.Run("links and directories", func(t *testing.T) {
		link := rewriteEntries(t, pkg, func(zw *zip.Writer) {
			h := &zip.FileHeader{Name: "captures/" + good.Captures[0] + "/images2"}
			h.SetMode(os.ModeSymlink | 0o777)
			w, _ := zw.CreateHeader(h)
			w.Write([]byte("../../../../../../tmp"))
		})
		rep, err := VerifyPackage(ctx, link, PackageLimits{})
		if err != nil || rep.OK || !hasProblem(rep, "is a symbolic link, not a file") {
			t.Errorf("a symbolic link: %+v %v", rep.Problems, err)
		}
		// unpacked and packed again with zip -r: directory entries, nothing else changed
		dirs := rewriteEntries(t, pkg, func(zw *zip.Writer) {
			for _, d := range []string{"captures/", "captures/" + good.Captures[0] + "/", "custody/"} {
				h := &zip.FileHeader{Name: d}
				h.SetMode(os.ModeDir | 0o755)
				zw.CreateHeader(h)
			}
		})
		rep, err = VerifyPackage(ctx, dirs, PackageLimits{})
		if err != nil || !rep.OK || rep.Files != good.Files {
			t.Errorf("with directory entries: %+v %v", rep, err)
		}
	})
	t.Run("millions of bad lines", func(t *testing.T) {
		lines := bytes.Repeat([]byte("x\n"), 200_000)
		for _, name := range []string{pkgSums, pkgLog} {
			rep, err := VerifyPackage(ctx, rewrite(t, pkg, map[string][]byte{name: lines}), PackageLimits{})
			if err != nil || rep.OK || len(rep.Problems) != maxPackageProblems || rep.MoreProblems == 0 {
				t.Errorf("%s of 200,000 bad lines: %d problems listed, %d more, %v", name, len(rep.Problems), rep.MoreProblems, err)
			}
		}
		long := make([]byte, maxLogLine+1) // random letters, which no ratio check refuses
		for i, seed := 0, sha256.Sum256(nil); i < len(long); i++ {
			if i%32 == 0 {
				seed = sha256.Sum256(seed[:])
			}
			long[i] = 'a' + seed[i%32]%26
		}
		rep, err := VerifyPackage(ctx, rewrite(t, pkg, map[string][]byte{pkgLog: long}), PackageLimits{})
		if err != nil || rep.OK || !hasProblem(rep, "token too long") {
			t.Errorf("a custody entry longer than %d bytes: %+v %v", maxLogLine, rep.Problems, err)
		}
	})
}

// rewriteEntries copies a package's entries as they are and lets add write more.
func rewriteEntries(t *testing.T, pkg string, add func(*zip.Writer)) string {
	t.Helper()
	zr, err := zip.OpenReader(pkg)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := filepath.Join(t.TempDir(), "entries.zip")
	f, _ := os.Create(out)
	zw := zip.NewWriter(f)
	add(zw)
	for _, e := range zr.File {
		if err := zw.Copy(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return out
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A ZIP of more than 65,535 entries ends with zip64 records: it is whole as written, and not
// with bytes after it.
func TestDirAtEndZip64(t *testing.T) {
	path := filepath.Join(t.TempDir(), "many.zip")
	f, _ := os.Create(path)
	zw := zip.NewWriter(f)
	for i := range 70_000 {
		zw.Create(fmt.Sprint(i))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, junk := range []string{"", "x", strings.Repeat("x", 64)} {
		if junk != "" {
			f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString(junk)
			f.Close()
		}
		pf, err := openPackage(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, got := dirAtEnd(pf); got != (junk == "") {
			t.Errorf("with %d bytes after it: whole %v", len(junk), got)
		}
		pf.Close()
	}
}

// A capture listed twice in a package is a problem of the package; a capture that goes to a
// partner and comes back in the partner's package is not taken twice into the case it came
// from.
func TestImportTakesNothingTwice(t *testing.T) {
	a, c, pkg := exportFixture(t)
	good, err := VerifyPackage(ctx, pkg, PackageLimits{})
	if err != nil || !good.OK {
		t.Fatalf("%+v %v", good, err)
	}
	x := newKey(t)
	xID := store.WorkstationIDOf(x.Public().(ed25519.PublicKey))
	twice := forge(t, pkg, x, nil, func(m *PackageManifest) { m.Workstation, m.Captures = xID, append(m.Captures, m.Captures[0]) })
	if rep, err := VerifyPackage(ctx, twice, PackageLimits{}); err != nil || rep.OK || !hasProblem(rep, "lists capture "+good.Captures[0]+" twice") {
		t.Errorf("a capture listed twice: %+v %v", rep.Problems, err)
	}

	b, err := Create(ctx, testConfig(t), Settings{Officer: "Agente Partner", Region: "ES"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	cb, _ := b.NewCase(ctx, store.CaseInfo{Name: "Recibido"})
	if _, err := b.ImportPackage(ctx, pkg, ImportOptions{Case: cb.ID, AcceptKey: good.Key}); err != nil {
		t.Fatal(err)
	}
	back := filepath.Join(t.TempDir(), "back.zip")
	if _, err := b.Export(ctx, ExportOptions{Case: cb.ID, Out: back, NoPDF: true}); err != nil {
		t.Fatal(err)
	}
	rep, _ := VerifyPackage(ctx, back, PackageLimits{})
	sum, err := a.ImportPackage(ctx, back, ImportOptions{Case: c.ID, AcceptKey: rep.Key})
	if err != nil || len(sum.Captures) != 0 || len(sum.Already) != 2 {
		t.Errorf("the captures come back: %+v %v", sum, err)
	}
	if caps, _ := a.Captures(ctx, c.ID); len(caps) != 2 {
		t.Errorf("%d captures in the case they came from, want 2", len(caps))
	}
}

// hideEntry takes the entry name out of a ZIP's central directory, leaving its bytes where
// they are.
func hideEntry(t *testing.T, path, name string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	end := len(b) - 22
	size := int(binary.LittleEndian.Uint32(b[end+12:]))
	for p := int(binary.LittleEndian.Uint32(b[end+16:])); p < end; {
		n, m, k := int(binary.LittleEndian.Uint16(b[p+28:])), int(binary.LittleEndian.Uint16(b[p+30:])), int(binary.LittleEndian.Uint16(b[p+32:]))
		l := 46 + n + m + k
		if string(b[p+46:p+46+n]) != name {
			p += l
			continue
		}
		b = append(b[:p:p], b[p+l:]...)
		end -= l
		binary.LittleEndian.PutUint16(b[end+8:], binary.LittleEndian.Uint16(b[end+8:])-1)
		binary.LittleEndian.PutUint16(b[end+10:], binary.LittleEndian.Uint16(b[end+10:])-1)
		binary.LittleEndian.PutUint32(b[end+12:], uint32(size-l))
		out := filepath.Join(t.TempDir(), "hidden.zip")
		os.WriteFile(out, b, 0o644)
		return out
	}
	t.Fatalf("%s not in the directory", name)
	return ""
}

// Artifact names a partner's record may hold that cannot be files side by side are refused
// before anything is written.
func TestNamesApart(t *testing.T) {
	for _, names := range [][]string{
		{"record.json", "page.html", "page.html"},
		{"record.json", "Page.HTML", "page.html"},
		{"record.json", "images", "images/001.png"},
		{"record.json", "record.json"},
	} {
		if err := namesApart(names); err == nil {
			t.Errorf("%q: no error", names)
		}
	}
	if err := namesApart([]string{"record.json", "page.html", "images/001.png", "images/002.png"}); err != nil {
		t.Errorf("ordinary names: %v", err)
	}
}
