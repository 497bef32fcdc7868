package app

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/intercepted-eu/workstation/capture"
)

// The evidence package is checked here by readers we did not write: warcio.js for its WARCs and
// replay index, and ReplayWeb.page, in headless Chromium, for the package as a WACZ. Both are
// installed into .cache/node by .ci/deps (`make test`).

// Every WARC of a package reads clean in warcio, with every digest matching, and every line of
// its replay index points at the gzip member of the response it names.
func TestExportInteropWarcio(t *testing.T) {
	_, _, pkg := exportFixture(t)
	dir := unzip(t, pkg)
	warcs, err := filepath.Glob(filepath.Join(dir, "archive", "*.warc.gz"))
	if err != nil || len(warcs) != 2 {
		t.Fatalf("package has WARCs %q (%v), want one for each of the 2 captures", warcs, err)
	}
	for _, f := range warcs {
		var rep struct {
			Records int      `json:"records"`
			OK      bool     `json:"ok"`
			Errors  []string `json:"errors"`
		}
		runNodeCheck(t, filepath.Join("..", "capture", "testdata", "warcio-check.mjs"), f, &rep)
		if !rep.OK || rep.Records < 3 {
			t.Errorf("warcio on %s: %d records, ok=%v, errors %q", filepath.Base(f), rep.Records, rep.OK, rep.Errors)
		}
	}

	index := filepath.Join(dir, "indexes", "index.cdxj")
	lines := indexURLs(t, index)
	for _, u := range pageURLs(t, filepath.Join(dir, "pages", "pages.jsonl")) {
		if lines[u] == 0 {
			t.Errorf("page %s has no line in the replay index", u)
		}
	}
	rep := waczCheck(t, dir)
	if !rep.OK || rep.Lines != totalLines(lines) {
		t.Errorf("wacz-check: %d of %d index lines, ok=%v, errors %q", rep.Lines, totalLines(lines), rep.OK, rep.Errors)
	}

	// The check catches an index line that is one byte off.
	b, _ := os.ReadFile(index)
	first := true
	off := regexp.MustCompile(`"offset":"(\d+)"`)
	b = off.ReplaceAllFunc(b, func(m []byte) []byte {
		if !first {
			return m
		}
		first = false
		n, _ := strconv.Atoi(string(off.FindSubmatch(m)[1]))
		return []byte(fmt.Sprintf(`"offset":"%d"`, n+1))
	})
	if first {
		t.Fatal("no offset field in the index to shift")
	}
	if err := os.WriteFile(index, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if rep := waczCheck(t, dir); rep.OK {
		t.Error("wacz-check accepted an index line pointing one byte into a record")
	}
}

// ReplayWeb.page opens an exported package as a WACZ and shows the captured page from it.
func TestExportReplayWebPage(t *testing.T) {
	_, _, pkg := exportFixture(t)
	pages := pageURLs(t, filepath.Join(unzip(t, pkg), "pages", "pages.jsonl"))
	if len(pages) == 0 {
		t.Fatal("pages.jsonl lists no page")
	}
	base := serveReplayWebPage(t, pkg)

	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	br, err := capture.Launch(ctx, capture.BrowserOptions{Headless: true})
	if err != nil {
		t.Fatal(err)
	}
	defer br.Close()
	r := rod.New().ControlURL(br.ControlURL()).NoDefaultDevice().Context(ctx)
	if err := r.Connect(); err != nil {
		t.Fatal(err)
	}
	page, err := r.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		t.Fatal(err)
	}
	console := collectConsole(page)

	open := base + "/?source=" + url.QueryEscape(base+"/evidence.wacz") + "#view=pages&url=" + url.QueryEscape(pages[0])
	if err := page.Navigate(open); err != nil {
		t.Fatal(err)
	}
	wait, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()
	text, err := replayedText(wait, page, "Models wanted abroad")
	if err != nil {
		var ui string
		if res, err := page.Context(ctx).Eval(uiTextJS); err == nil {
			ui = res.Value.Str()
		}
		t.Fatalf("ReplayWeb.page did not show %s from the package: %v\nreplayed text: %q\nReplayWeb.page shows:\n%s\nconsole:\n%s",
			pages[0], err, text, ui, strings.Join(console(), "\n"))
	}
	if !strings.Contains(text, "Earn 5000 EUR a month") {
		t.Errorf("replayed page lacks its body text: %q", text)
	}
}

// serveReplayWebPage serves the ReplayWeb.page app and, as /evidence.wacz with range requests,
// the package, on 127.0.0.1 (a secure context, so the service worker runs).
func serveReplayWebPage(t *testing.T, pkg string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServer(http.Dir(replayWebPageDir(t))))
	mux.HandleFunc("/evidence.wacz", func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(pkg)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/wacz")
		http.ServeContent(w, r, "evidence.wacz", st.ModTime(), f)
	})
	srv := httptest.NewServer(mux) // on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv.URL
}

// replayedDocsJS returns the text of every document in the page, through shadow roots and
// same-origin frames, whose URL is an archived one (…/<14 digits>mp_/…): the replayed page.
const replayedDocsJS = `() => {
	const found = [];
	const seen = new Set();
	const walk = (root) => {
		if (!root || seen.has(root)) return;
		seen.add(root);
		for (const el of root.querySelectorAll("*")) {
			if (el.shadowRoot) walk(el.shadowRoot);
			if (el.tagName === "IFRAME" || el.tagName === "FRAME") {
				let doc = null;
				try { doc = el.contentDocument; } catch (e) {}
				if (!doc) continue;
				const href = doc.location ? doc.location.href : "";
				if (/\/\d{14}mp_\//.test(href) && doc.body) found.push(doc.body.innerText);
				walk(doc);
			}
		}
	};
	walk(document);
	return found.join("\n");
}`

// uiTextJS returns the text ReplayWeb.page shows in its own shadow roots, where it reports an
// archive it cannot load ("Unexpected Loading Error: …"): the page's console does not.
const uiTextJS = `() => {
	const out = [];
	const walk = (root) => {
		for (const el of root.querySelectorAll("*")) {
			if (!el.shadowRoot) continue;
			const text = (el.shadowRoot.textContent || "").replace(/\s+/g, " ").trim();
			if (text) out.push(el.tagName.toLowerCase() + ": " + text.slice(0, 300));
			walk(el.shadowRoot);
		}
	};
	walk(document);
	return out.join("\n");
}`

// replayedText polls the page until a replayed document holds want, and returns its text.
func replayedText(ctx context.Context, page *rod.Page, want string) (string, error) {
	var last string
	for {
		res, err := page.Context(ctx).Eval(replayedDocsJS)
		if err == nil {
			last = res.Value.Str()
			if strings.Contains(last, want) {
				return last, nil
			}
		}
		select {
		case <-ctx.Done():
			return last, fmt.Errorf("%q not shown: %w", want, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// collectConsole records the page's console messages and uncaught exceptions, to say why a
// replay failed. The returned func reads what was recorded so far.
func collectConsole(page *rod.Page) func() []string {
	ch := make(chan string, 256)
	go page.EachEvent(func(e *proto.RuntimeConsoleAPICalled) {
		var parts []string
		for _, a := range e.Args {
			parts = append(parts, a.Description+a.Value.String())
		}
		select {
		case ch <- string(e.Type) + ": " + strings.Join(parts, " "):
		default:
		}
	}, func(e *proto.RuntimeExceptionThrown) {
		select {
		case ch <- "exception: " + e.ExceptionDetails.Text + " " + exceptionDescription(e):
		default:
		}
	})()
	var got []string
	return func() []string {
		for {
			select {
			case m := <-ch:
				got = append(got, m)
			default:
				return got
			}
		}
	}
}

func exceptionDescription(e *proto.RuntimeExceptionThrown) string {
	if e.ExceptionDetails.Exception != nil {
		return e.ExceptionDetails.Exception.Description
	}
	return ""
}

// runNodeCheck runs one of the warcio check scripts on arg and decodes the report it prints.
func runNodeCheck(t *testing.T, script, arg string, rep any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed (%v): run `make test`, which installs it", err)
	}
	cmd := exec.CommandContext(t.Context(), node, script, arg)
	cmd.Env = append(os.Environ(), "INTERCEPTED_NODE_MODULES="+warcioModules(t))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if jerr := json.Unmarshal(out, rep); jerr != nil {
		t.Fatalf("%s printed no report (%v, exit %v):\n%s\n%s", filepath.Base(script), jerr, err, out, stderr.Bytes())
	}
}

type waczReport struct {
	Lines  int      `json:"lines"`
	OK     bool     `json:"ok"`
	Errors []string `json:"errors"`
}

func waczCheck(t *testing.T, dir string) waczReport {
	t.Helper()
	var rep waczReport
	runNodeCheck(t, filepath.Join("testdata", "wacz-check.mjs"), dir, &rep)
	return rep
}

// indexURLs counts the lines of a CDXJ index by the URL they name.
func indexURLs(t *testing.T, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		_, js, ok := strings.Cut(sc.Text(), " {")
		var v struct{ URL string }
		if err := json.Unmarshal([]byte("{"+js), &v); !ok || err != nil || v.URL == "" {
			t.Fatalf("index line %q: %v", sc.Text(), err)
		}
		out[v.URL]++
	}
	return out
}

func totalLines(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// pageURLs lists the URLs of pages/pages.jsonl, skipping its header line.
func pageURLs(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var v struct{ URL, Format string }
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("pages.jsonl line %q: %v", line, err)
		}
		if v.Format == "" {
			out = append(out, v.URL)
		}
	}
	return out
}

// nodeCacheDir is where .ci/deps installs the third-party readers.
func nodeCacheDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".cache", "node"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// warcioModules is the node_modules directory holding warcio 2.4.11.
func warcioModules(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("INTERCEPTED_NODE_MODULES")
	if dir == "" {
		dir = filepath.Join(nodeCacheDir(t), "node_modules")
	}
	requireNodePackage(t, filepath.Join(dir, "warcio"), "2.4.11")
	return dir
}

// replayWebPageDir is the unpacked ReplayWeb.page 2.5.3 app.
func replayWebPageDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(nodeCacheDir(t), "replaywebpage")
	requireNodePackage(t, dir, "2.5.3")
	return dir
}

func requireNodePackage(t *testing.T, dir, version string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatalf("%s is not installed: run `make test`, which installs it (%v)", dir, err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(data, &pkg); err != nil || pkg.Version != version {
		t.Fatalf("%s is version %q (%v), want %s: run `make test`, which installs it", dir, pkg.Version, err, version)
	}
}
