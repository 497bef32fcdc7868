package cli

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// The timestamp command saves the TSA, keeps the queue when the TSA is down and says so, and
// lists the queue. (Stamping by a real TSA is tested in package app.)
func TestTimestampCommand(t *testing.T) {
	te := newTestEnv(t)
	te.mustRun("init", "--officer", "Insp. Stamp")
	w, err := app.Unlock(context.Background(), app.StoreConfig{Dir: te.dir, Passphrase: []byte(store.TestPassphrase)})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := w.NewCase(context.Background(), store.CaseInfo{Name: "x"})
	sc, err := w.SaveCapture(context.Background(), c.ID, app.TestResult("http://board.test/1", "Ad", "text", 1, false))
	w.Close()
	if err != nil {
		t.Fatal(err)
	}

	if code, _, errs := te.run("timestamp"); code != ExitError || !strings.Contains(errs, "--tsa URL") || !strings.Contains(errs, "1 request(s) stay queued") {
		t.Errorf("no TSA: exit %d, %q", code, errs)
	}
	if code, _, _ := te.run("timestamp", "--tsa", "tsa.example"); code != ExitUsage {
		t.Errorf("a TSA without a scheme: exit %d", code)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := "http://" + l.Addr().String() + "/tsa"
	l.Close()
	code, out, errs := te.run("timestamp", "--tsa", down, "--json")
	lines := jsonLines(t, out)
	last := lines[len(lines)-1]
	if code != ExitError || len(lines) != 2 || lines[0]["type"] != "error" || lines[0]["subject"] != sc.ID ||
		last["type"] != "summary" || last["tsa"] != down || last["queued"] != 1.0 || last["failed"] != 1.0 ||
		!strings.Contains(errs, "could not be reached") {
		t.Errorf("TSA down: exit %d, %v, %q", code, lines, errs)
	}
	queue := jsonLines(t, te.mustRun("timestamp", "--list", sc.ID, "--json"))
	if len(queue) != 1 || queue[0]["state"] != "pending" || queue[0]["sha256"] != sc.RecordID.String() {
		t.Errorf("queue: %v", queue)
	}
	if code, out, _ := te.run("timestamp"); code != ExitError || !strings.Contains(out, "1 queued: 0 stamped by "+down) {
		t.Errorf("the TSA was not kept in the settings: exit %d, %q", code, out)
	}
	if out := te.mustRun("timestamp", "--list"); !strings.Contains(out, "pending  "+sc.ID) {
		t.Errorf("list: %q", out)
	}
}
