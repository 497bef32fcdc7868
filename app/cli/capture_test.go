package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/store"
)

// smallSite is a three-page synthetic job board on 127.0.0.1.
func smallSite(t *testing.T) string {
	mux := http.NewServeMux()
	for i, title := range []string{"Jobs in Athens", "Hostess wanted", "Contact"} {
		path := fmt.Sprintf("/page%d", i+1)
		body := fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8"><title>%s</title></head>
			<body><h1>%s</h1><p>Marker QX-CLI-%d</p><img src="/logo.png" alt="logo"><a href="/page%d">next</a></body></html>`, title, title, i+1, i+2)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(body))
		})
	}
	var logo bytes.Buffer // a synthetic picture, so that captures hold an image under images/
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	png.Encode(&logo, img)
	mux.HandleFunc("/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(logo.Bytes())
	})
	srv := httptest.NewServer(mux) // on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestCaptureShowExtract(t *testing.T) {
	site := smallSite(t)
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "Insp. Capture")
	caseID, _ := jsonLines(t, te.mustRun("case", "new", "--name", "Operation Board", "--json"))[0]["id"].(string)
	list := filepath.Join(t.TempDir(), "urls.txt")
	os.WriteFile(list, []byte("# the board\n"+site+"/page2\n"+site+"/page3\n"), 0o600)

	out := te.mustRun("capture", site+"/page1", "--from", list, "--case", caseID, "--headless", "--rate", "0s", "--json")
	lines := jsonLines(t, out)
	if len(lines) != 3 {
		t.Fatalf("capture printed %d objects, want 3: %s", len(lines), out)
	}
	for i, l := range lines {
		if l["outcome"] != "complete" || !strings.HasPrefix(l["id"].(string), "capture-") || l["url"] != fmt.Sprintf("%s/page%d", site, i+1) || l["level"] == nil {
			t.Errorf("capture line %d = %v", i, l)
		}
		arts, _ := l["artifacts"].([]any)
		kinds := map[string]bool{}
		for _, a := range arts {
			m := a.(map[string]any)
			kinds[m["kind"].(string)] = m["sha256"] != "" && m["size"].(float64) > 0
		}
		for _, k := range []string{"screenshot", "html", "mhtml", "warc", "text", "pdf"} {
			if !kinds[k] {
				t.Errorf("capture %d lacks a hashed %s artifact", i, k)
			}
		}
	}
	id := lines[1]["id"].(string)
	if show := te.mustRun("show", id); !strings.Contains(show, "Hostess wanted") || !strings.Contains(show, "screenshot.png") {
		t.Errorf("show = %s", show)
	}
	dir := filepath.Join(t.TempDir(), "out")
	te.mustRun("extract", id, "--out", dir)
	for _, a := range lines[1]["artifacts"].([]any) {
		m := a.(map[string]any)
		b, err := os.ReadFile(filepath.Join(dir, m["name"].(string)))
		sum := sha256.Sum256(b)
		if err != nil || hex.EncodeToString(sum[:]) != m["sha256"] {
			t.Errorf("extracted %s does not hash to its record: %v", m["name"], err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "record.json")); err != nil {
		t.Error("record.json not extracted")
	}
	if code, _, _ := te.run("extract", id, "--out", dir); code == 0 {
		t.Error("a second extract into the same directory overwrote files")
	}
	// A file of the same name, or a link, in the way: nothing is written, nothing followed.
	precious := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(precious, []byte("PRECIOUS"), 0o644)
	outside := t.TempDir()
	for name, prepare := range map[string]func(d string){
		"a record.json":           func(d string) { os.WriteFile(filepath.Join(d, "record.json"), []byte("PRECIOUS"), 0o644) },
		"a link as record.json":   func(d string) { os.Symlink(precious, filepath.Join(d, "record.json")) },
		"a link as a folder":      func(d string) { os.Symlink(outside, filepath.Join(d, "images")) },
		"a link as the last file": func(d string) { os.Symlink(precious, filepath.Join(d, "text.txt")) },
	} {
		d := t.TempDir()
		prepare(d)
		if code, _, _ := te.run("extract", id, "--out", d); code == 0 {
			t.Errorf("extract with %s in the way succeeded", name)
		}
		if entries, _ := os.ReadDir(d); len(entries) != 1 {
			t.Errorf("extract with %s in the way wrote %d files", name, len(entries)-1)
		}
	}
	if b, _ := os.ReadFile(precious); string(b) != "PRECIOUS" {
		t.Errorf("a file the links lead to was overwritten: %q", b)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("extract wrote %d files through a link out of its folder", len(entries))
	}
	log := jsonLines(t, te.mustRun("log", "--json", "--action", "capture"))
	if len(log) != 3 || log[0]["actor"] != "Insp. Capture" {
		t.Errorf("capture log = %v", log)
	}
	lastLine := jsonLines(t, te.mustRun("verify", "--full", "--json"))
	if v := lastLine[len(lastLine)-1]; v["ok"] != true {
		t.Errorf("verify after captures: %v", lastLine)
	}
	// A stored artifact damaged on disk: extract stops there and leaves no file under its name.
	for _, a := range lines[1]["artifacts"].([]any) {
		if m := a.(map[string]any); m["name"] == "text.txt" {
			h, _ := store.ParseHash(m["sha256"].(string))
			store.TestDamageBlob(t, te.dir, h)
		}
	}
	damaged := t.TempDir()
	if code, _, errs := te.run("extract", id, "--out", damaged); code == 0 || !strings.Contains(errs, "do not match their SHA-256") {
		t.Errorf("extract of a damaged artifact: exit %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(damaged, "text.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a damaged artifact was left under its name: %v", err)
	}
}

func TestCaptureFailureExitCode(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init")
	caseID, _ := jsonLines(t, te.mustRun("case", "new", "--name", "c", "--json"))[0]["id"].(string)
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String() + "/"
	l.Close() // nothing answers there now
	code, out, errs := te.run("capture", dead, "--case", caseID, "--headless", "--json")
	if code != ExitCaptureFailed {
		t.Errorf("capture of a dead address: exit %d, %s %s", code, out, errs)
	}
	if lines := jsonLines(t, out); lines[0]["outcome"] != "failed" || lines[0]["id"] == "" {
		t.Errorf("a failed capture is still recorded with why: %v", lines)
	}
	if code, _, errs := te.run("capture", "ftp://x", "--case", caseID); code != ExitUsage {
		t.Errorf("bad URL: exit %d %s", code, errs)
	}
}
