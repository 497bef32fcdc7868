package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

type testEnv struct {
	t    *testing.T
	dir  string
	pass string // passphrase file
	env  map[string]string
}

func newTestEnv(t *testing.T) *testEnv {
	dir := t.TempDir()
	pf := filepath.Join(dir, "pass")
	os.WriteFile(pf, []byte(store.TestPassphrase+"\n"), 0o600)
	return &testEnv{t: t, dir: filepath.Join(dir, "store"), pass: pf, env: map[string]string{}}
}

// run runs one command line with --store and --passphrase-file set.
func (te *testEnv) run(args ...string) (int, string, string) {
	te.t.Helper()
	args = append(args, "--store", te.dir, "--passphrase-file", te.pass)
	return te.runRaw(args...)
}

func (te *testEnv) runRaw(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return te.env[k] }, TerminalFd: -1}
	code := Main(context.Background(), args, e)
	return code, out.String(), errb.String()
}

func (te *testEnv) mustRun(args ...string) string {
	te.t.Helper()
	code, out, errs := te.run(args...)
	if code != 0 {
		te.t.Fatalf("intercepted %v: exit %d: %s", args, code, errs)
	}
	return out
}

func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		out = append(out, m)
	}
	return out
}

func TestStoreLifecycle(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "Insp. Demo", "--region", "gr")
	out := te.mustRun("case", "new", "--name", "Operation Kite", "--reference", "RG 7/26", "--json")
	id, _ := jsonLines(t, out)[0]["id"].(string)
	if !strings.HasPrefix(id, "case-") {
		t.Fatalf("case new --json printed %q", out)
	}
	cases := jsonLines(t, te.mustRun("case", "list", "--json"))
	if len(cases) != 1 || cases[0]["id"] != id || cases[0]["region"] != "GR" || cases[0]["officer"] != "Insp. Demo" {
		t.Errorf("case list = %v", cases)
	}
	if show := te.mustRun("case", "show", id); !strings.Contains(show, "Operation Kite") || !strings.Contains(show, "RG 7/26") {
		t.Errorf("case show = %q", show)
	}
	entries := jsonLines(t, te.mustRun("log", "--json", "--subject", id))
	if len(entries) != 1 || entries[0]["action"] != "create" || entries[0]["actor"] != "Insp. Demo" {
		t.Errorf("log for the case = %v", entries)
	}
	lines := jsonLines(t, te.mustRun("verify", "--full", "--json"))
	last := lines[len(lines)-1]
	if last["type"] != "summary" || last["ok"] != true {
		t.Errorf("verify summary = %v", last)
	}
	if human := te.mustRun("log"); !strings.Contains(human, "verify") || !strings.Contains(human, "init") {
		t.Errorf("human log lacks entries: %q", human)
	}
}

func TestVerifyReportsDamage(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "o")
	te.mustRun("case", "new", "--name", "x")
	store.TestDamageLogEntry(t, te.dir, 2)
	code, out, _ := te.run("verify", "--json")
	if code != ExitVerifyFailed {
		t.Errorf("verify of a damaged store exited %d, want %d", code, ExitVerifyFailed)
	}
	lines := jsonLines(t, out)
	if len(lines) < 2 || lines[0]["type"] != "finding" || lines[0]["subject"] != "2" || lines[len(lines)-1]["ok"] != false {
		t.Errorf("verify --json = %v", lines)
	}
	code, out, _ = te.run("verify")
	if code != ExitVerifyFailed || !strings.Contains(out, "DAMAGE") || !strings.Contains(out, "DAMAGED") {
		t.Errorf("human verify: exit %d, %q", code, out)
	}
}

// A store too damaged to open (its MANIFEST gone) is reported as damage, exit 5, and left as it
// is; a store whose store.json is gone is not offered to init, which refuses to start over it.
func TestStoreTooDamagedToOpen(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "o")
	for i := range 30 {
		te.mustRun("case", "new", "--name", strings.Repeat("x", i+1))
	}
	db := filepath.Join(te.dir, "db")
	tables, _ := filepath.Glob(filepath.Join(db, "*.sst"))
	os.Rename(filepath.Join(db, "MANIFEST"), filepath.Join(t.TempDir(), "MANIFEST"))
	if code, _, errs := te.run("verify"); code != ExitVerifyFailed || !strings.Contains(errs, "MANIFEST is missing") {
		t.Errorf("verify without MANIFEST: exit %d %q", code, errs)
	}
	if after, _ := filepath.Glob(filepath.Join(db, "*.sst")); len(tables) == 0 || len(after) != len(tables) {
		t.Errorf("%d tables before, %d after", len(tables), len(after))
	}

	lost := newTestEnv(t)
	lost.mustRun("init", "--officer", "o")
	os.Rename(filepath.Join(lost.dir, "store.json"), filepath.Join(t.TempDir(), "store.json"))
	code, _, errs := lost.run("case", "list")
	if code == ExitNotInitialized || !strings.Contains(errs, "store.json is missing") || strings.Contains(errs, "run `intercepted init`") {
		t.Errorf("a store without store.json: exit %d %q", code, errs)
	}
	if code, _, errs := lost.run("init", "--officer", "o"); code == 0 || !strings.Contains(errs, "store.json is missing") {
		t.Errorf("init over a database without store.json: exit %d %q", code, errs)
	}
}

func TestErrorsAndExitCodes(t *testing.T) {
	te := newTestEnv(t)
	if code, _, errs := te.run("case", "list"); code != ExitNotInitialized || !strings.Contains(errs, "intercepted init") {
		t.Errorf("no store: exit %d, %q", code, errs)
	}
	te.mustRun("init")
	wrong := filepath.Join(t.TempDir(), "wrong")
	os.WriteFile(wrong, []byte("nope"), 0o600)
	if code, _, errs := te.runRaw("case", "list", "--store", te.dir, "--passphrase-file", wrong); code != ExitWrongPass || !strings.Contains(errs, "wrong passphrase") {
		t.Errorf("wrong passphrase: exit %d, %q", code, errs)
	}
	if code, _, errs := te.runRaw("case", "list", "--store", te.dir, "--passphrase-file", "/dev/zero"); code != ExitUsage || !strings.Contains(errs, "longer than 64 KiB") {
		t.Errorf("a device as the passphrase file: exit %d, %q", code, errs)
	}
	if code, _, errs := te.run("capture", "--from", "/dev/zero", "--case", "case-x"); code != ExitUsage || !strings.Contains(errs, "line 1 is longer than 64 KiB") {
		t.Errorf("a device as the list of addresses: exit %d, %q", code, errs)
	}
	if code, _, errs := te.runRaw("case", "list", "--store", te.dir); code != ExitUsage || !strings.Contains(errs, "INTERCEPTED_PASSPHRASE") {
		t.Errorf("no passphrase without a terminal: exit %d, %q", code, errs)
	}
	te.env[app.EnvPassphrase] = store.TestPassphrase
	te.env[app.EnvStore] = te.dir
	if code, _, errs := te.runRaw("case", "list"); code != 0 {
		t.Errorf("store and passphrase from the environment: exit %d, %s", code, errs)
	}
	w, err := app.Unlock(context.Background(), app.StoreConfig{Dir: te.dir, Passphrase: []byte(store.TestPassphrase)})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := te.run("case", "list"); code != ExitLocked || !strings.Contains(errs, "in use by another") {
		t.Errorf("locked store: exit %d, %q", code, errs)
	}
	w.Close()
	for _, bad := range [][]string{{"nosuch"}, {"case"}, {"case", "frobnicate"}, {"case", "new"}, {"case", "show"}, {"log", "--since", "yesterday"}, {"verify", "--bogus"}} {
		if code, _, errs := te.run(bad...); code != ExitUsage || errs == "" {
			t.Errorf("%v: exit %d, %q; want %d and a message", bad, code, errs, ExitUsage)
		}
	}
	if code, _, errs := te.run("case", "show", "case-0000000000000000"); code != ExitError || !strings.Contains(errs, "not found") {
		t.Errorf("unknown case: exit %d, %q", code, errs)
	}
}

func TestPasswd(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init")
	te.mustRun("case", "new", "--name", "kept")
	newFile := filepath.Join(t.TempDir(), "new")
	os.WriteFile(newFile, []byte("too short\n"), 0o600)
	if code, _, errs := te.run("passwd", "--new-passphrase-file", newFile); code == 0 || !strings.Contains(errs, "at least 12 characters") {
		t.Errorf("passwd to a short passphrase: exit %d %q", code, errs)
	}
	os.WriteFile(newFile, []byte("a new passphrase\n"), 0o600)
	te.mustRun("passwd", "--new-passphrase-file", newFile)
	if code, _, _ := te.run("case", "list"); code != ExitWrongPass {
		t.Errorf("old passphrase after passwd: exit %d", code)
	}
	code, out, errs := te.runRaw("case", "list", "--json", "--store", te.dir, "--passphrase-file", newFile)
	if code != 0 || len(jsonLines(t, out)) != 1 {
		t.Errorf("new passphrase: exit %d, %q %q", code, out, errs)
	}
}

func TestHelp(t *testing.T) {
	te := newTestEnv(t)
	code, out, _ := te.runRaw("help")
	if code != 0 {
		t.Fatalf("help exit %d", code)
	}
	for name := range commands() {
		if !strings.Contains(out, "  "+name+" ") {
			t.Errorf("help does not list %s", name)
		}
		args := []string{name, "--help"}
		if name == "case" {
			args = []string{"case", "new", "--help"}
		}
		if code, _, errs := te.runRaw(args...); code != 0 || !strings.Contains(errs, "usage: intercepted "+name) {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}
	if !strings.Contains(out, "Exit codes") {
		t.Error("help does not document exit codes")
	}
}

// A verify cut short (Ctrl-C) gives no verdict: neither DAMAGED nor OK, and exit 1. The
// interrupt comes with the first progress line.
func TestVerifyInterrupted(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "o")
	for i := range 20 {
		te.mustRun("case", "new", "--name", fmt.Sprint("case ", i))
	}
	cctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	errb := &cancelOnWrite{cancel: cancel}
	e := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: errb, Getenv: func(string) string { return "" }, TerminalFd: 0}
	code := Main(cctx, []string{"verify", "--full", "--store", te.dir, "--passphrase-file", te.pass}, e)
	if code != ExitError || strings.Contains(out.String(), "DAMAGED") || strings.Contains(out.String(), "OK") || !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("an interrupted verify: exit %d\n%s%s", code, out.String(), errb.String())
	}
}

// cancelOnWrite cancels a context at the first write to it.
type cancelOnWrite struct {
	bytes.Buffer
	cancel func()
}

func (c *cancelOnWrite) Write(p []byte) (int, error) {
	c.cancel()
	return c.Buffer.Write(p)
}

// log takes no positional argument: one was silently ignored, and the whole log printed.
func TestLogRefusesAnArgument(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "o")
	if code, _, errs := te.run("log", "case-1a2b"); code != ExitUsage || !strings.Contains(errs, "--subject") {
		t.Errorf("log case-…: exit %d %q", code, errs)
	}
}

// An officer's name goes into every case and listing: init refuses one with a control
// character, rather than storing one that no case could then take.
func TestInitRefusesAShortPassphrase(t *testing.T) {
	te := newTestEnv(t)
	os.WriteFile(te.pass, []byte("eleven char\n"), 0o600)
	if code, _, errs := te.run("init"); code == 0 || !strings.Contains(errs, "at least 12 characters") {
		t.Errorf("init with an 11-character passphrase: exit %d %q", code, errs)
	}
	if store.Exists(te.dir) {
		t.Error("the refused init made a store")
	}
}

func TestInitRefusesAControlCharacterInTheOfficer(t *testing.T) {
	te := newTestEnv(t)
	if code, _, errs := te.run("init", "--officer", "Agente\tRossi"); code == 0 || !strings.Contains(errs, "control character") {
		t.Errorf("init --officer with a tab: exit %d %q", code, errs)
	}
}
