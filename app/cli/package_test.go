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
