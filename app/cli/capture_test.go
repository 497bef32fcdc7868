package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// smallSite is a three-page synthetic job board on 127.0.0.1.
func smallSite(t *testing.T) string {
	mux := http.NewServeMux()
	for i, title := range []string{"Jobs in Athens", "Hostess wanted", "Contact"} {
		path := fmt.Sprintf("/page%d", i+1)
		body := fmt.Sprintf(`<!doctype html><html><head><meta charset="utf-8"><title>%s</title></head>
			<body><h1>%s</h1><p>Marker QX-CLI-%d</p><a href="/page%d">next</a></body></html>`, title, title, i+1, i+2)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(body))
		})
	}
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
	log := jsonLines(t, te.mustRun("log", "--json", "--action", "capture"))
	if len(log) != 3 || log[0]["actor"] != "Insp. Capture" {
		t.Errorf("capture log = %v", log)
	}
	lastLine := jsonLines(t, te.mustRun("verify", "--full", "--json"))
	if v := lastLine[len(lastLine)-1]; v["ok"] != true {
		t.Errorf("verify after captures: %v", lastLine)
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
