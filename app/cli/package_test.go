package cli

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// export, verify-package and import from the command line, with the documented exit codes.
func TestExportVerifyImport(t *testing.T) {
	site := smallSite(t)
	a := newTestEnv(t)
	a.mustRun("init", "--officer", "Insp. Sender")
	caseID, _ := jsonLines(t, a.mustRun("case", "new", "--name", "Board", "--json"))[0]["id"].(string)
	a.mustRun("capture", site+"/page1", site+"/page2", "--case", caseID, "--headless", "--rate", "0s", "--ocr=false")
	pkg := filepath.Join(t.TempDir(), "board.zip")
	out := a.mustRun("export", "--case", caseID, "--out", pkg, "--no-pdf")
	if !strings.Contains(out, "2 captures") || !strings.Contains(out, "SHA256:") {
		t.Errorf("export printed %q", out)
	}
	if code, _, errs := a.run("export", "--case", caseID, "--out", pkg, "--no-pdf"); code != ExitError || !strings.Contains(errs, "never overwritten") {
		t.Errorf("export over an existing file: %d %q", code, errs)
	}
	code, out, _ := a.runRaw("verify-package", pkg, "--json")
	lines := jsonLines(t, out)
	if code != ExitOK || lines[len(lines)-1]["ok"] != true {
		t.Fatalf("verify-package: %d %s", code, out)
	}
	key := lines[len(lines)-1]["key"].(string)

	bad := filepath.Join(t.TempDir(), "bad.zip")
	copyChanged(t, pkg, bad, "report.html")
	code, out, _ = a.runRaw("verify-package", bad, "--json")
	lines = jsonLines(t, out)
	if code != ExitPackageBad || lines[len(lines)-1]["ok"] != false || !strings.Contains(out, "report.html") {
		t.Errorf("tampered package: exit %d %s", code, out)
	}

	// a file name in a package that a terminal would obey: shown escaped, never obeyed
	hostile := filepath.Join(t.TempDir(), "hostile.zip")
	copyChanged(t, pkg, hostile, "report.html")
	addEntry(t, hostile, "\r\x1b[2KVERIFIED: every file matches\n\x1b[8m")
	code, out, errs := a.runRaw("verify-package", hostile)
	if code != ExitPackageBad || strings.ContainsAny(out+errs, "\x1b\r") || !strings.Contains(out, `\x1b[2KVERIFIED`) || !strings.Contains(out, "NOT VERIFIED") {
		t.Errorf("a hostile file name: exit %d\n%q\n%q", code, out, errs)
	}
	// not a package file at all: an error of its own (exit 1), not a failed verification
	for _, p := range []string{filepath.Join(t.TempDir(), "none.zip"), t.TempDir()} {
		if code, _, errs := a.runRaw("verify-package", p); code != ExitError {
			t.Errorf("verify-package %s: exit %d %q", p, code, errs)
		}
	}

	b := newTestEnv(t)
	b.mustRun("init", "--officer", "Agente Receptor")
	caseB, _ := jsonLines(t, b.mustRun("case", "new", "--name", "Recibido", "--json"))[0]["id"].(string)
	if code, _, errs := b.run("import", pkg, "--case", caseB); code != ExitUnknownKey || !strings.Contains(errs, key) {
		t.Errorf("import with an unknown key: %d %q", code, errs)
	}
	if code, _, _ := b.run("import", bad, "--case", caseB, "--accept-key", key); code != ExitPackageBad {
		t.Errorf("import of a tampered package: %d", code)
	}
	if code, _, errs := b.run("import", pkg, "--case", caseB, "--accept-key", "SHA256:wrong"); code != ExitUnknownKey {
		t.Errorf("import accepting another key: %d %q", code, errs)
	}
	out = b.mustRun("import", pkg, "--case", caseB, "--accept-key", key)
	if !strings.Contains(out, "Imported 2 captures") || !strings.Contains(out, "Accepted key") {
		t.Errorf("import printed %q", out)
	}
	if log := b.mustRun("log", "--action", "import"); strings.Count(log, "import") < 3 {
		t.Errorf("imports not logged:\n%s", log)
	}
	if out := b.mustRun("import", pkg, "--case", caseB); !strings.Contains(out, "Imported 0 captures") || strings.Count(out, "in the case already") != 2 {
		t.Errorf("the same package imported again printed %q", out)
	}
}

// addEntry appends a file to a ZIP, leaving the rest as it is.
func addEntry(t *testing.T, path, name string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := path + ".tmp"
	f, _ := os.Create(tmp)
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		zw.Copy(e)
	}
	w, _ := zw.Create(name)
	w.Write([]byte("x"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	zr.Close()
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// copyChanged copies a package with one file's content replaced.
func copyChanged(t *testing.T, src, dst, name string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, _ := os.Create(dst)
	defer f.Close()
	zw := zip.NewWriter(f)
	for _, e := range zr.File {
		w, _ := zw.Create(e.Name)
		if e.Name == name {
			w.Write([]byte("changed"))
			continue
		}
		rc, _ := e.Open()
		io.Copy(w, rc)
		rc.Close()
	}
	zw.Close()
}
