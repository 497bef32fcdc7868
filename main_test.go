//go:build linux

package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

// The test binary runs main itself when asked, so that a test can signal a real process.
func TestMain(m *testing.M) {
	if args := os.Getenv("INTERCEPTED_TEST_MAIN"); args != "" {
		os.Args = append([]string{"intercepted"}, strings.Split(args, "\x1f")...)
		main()
		return
	}
	os.Exit(m.Run())
}

// mainCmd is the command line run as main in a child process, with TMPDIR set to tmp.
func mainCmd(t *testing.T, tmp string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "INTERCEPTED_TEST_MAIN="+strings.Join(args, "\x1f"), "TMPDIR="+tmp)
	return cmd
}

// hangingCapture starts, in a child process run as main, a capture of a page that never
// answers, under nohup if asked, and returns once its browser runs: the command, a channel
// that gets its end, and the TMPDIR it and its browser use.
func hangingCapture(t *testing.T, nohup bool) (*exec.Cmd, chan error, string) {
	t.Helper()
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-hang }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(hang) })
	dir, tmp := t.TempDir(), t.TempDir()
	pass := filepath.Join(dir, "pass")
	os.WriteFile(pass, []byte(store.TestPassphrase+"\n"), 0o600)
	st := []string{"--store", filepath.Join(dir, "store"), "--passphrase-file", pass}
	if out, err := mainCmd(t, tmp, append([]string{"init", "--officer", "o"}, st...)...).CombinedOutput(); err != nil {
		t.Fatalf("init: %v %s", err, out)
	}
	out, err := mainCmd(t, tmp, append([]string{"case", "new", "--name", "x", "--json"}, st...)...).Output()
	var c struct{ ID string }
	if err != nil || json.Unmarshal(bytes.TrimSpace(out), &c) != nil {
		t.Fatalf("case new: %v %s", err, out)
	}
	cmd := mainCmd(t, tmp, append([]string{"capture", srv.URL + "/ad", "--case", c.ID, "--headless", "--ocr=false"}, st...)...)
	if nohup {
		cmd.Args = append([]string{"nohup"}, cmd.Args...)
		cmd.Path, _ = exec.LookPath("nohup")
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for deadline := time.Now().Add(time.Minute); len(browsersUnder(tmp)) == 0; {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the browser never started")
		}
		time.Sleep(100 * time.Millisecond)
	}
	return cmd, done, tmp
}

// endWith sends sig and waits for the command to end; then it looks for browsers left under
// tmp, kills them, and returns how many there were.
func endWith(t *testing.T, cmd *exec.Cmd, done chan error, tmp string, sig os.Signal) int {
	t.Helper()
	cmd.Process.Signal(sig)
	select {
	case <-done:
	case <-time.After(time.Minute):
		cmd.Process.Kill()
		t.Fatalf("%v did not end the capture", sig)
	}
	for deadline := time.Now().Add(10 * time.Second); len(browsersUnder(tmp)) > 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	left := browsersUnder(tmp)
	for _, pid := range left {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	return len(left)
}

// SIGTERM (a stop, a logout) during a capture ends it as Ctrl-C does: no browser is left
// running, and its temporary profile, which holds the page, is removed.
func TestSIGTERMClosesTheBrowser(t *testing.T) {
	cmd, done, tmp := hangingCapture(t, false)
	if n := endWith(t, cmd, done, tmp, syscall.SIGTERM); n > 0 {
		t.Errorf("%d browser processes left running after SIGTERM", n)
	}
	if profiles, _ := filepath.Glob(filepath.Join(tmp, "intercepted-profile-*")); len(profiles) > 0 {
		t.Errorf("temporary profiles left: %v", profiles)
	}
}

// A capture started under nohup (SIGHUP ignored) goes on when the session ends.
func TestNohupIgnoresSIGHUP(t *testing.T) {
	cmd, done, tmp := hangingCapture(t, true)
	cmd.Process.Signal(syscall.SIGHUP)
	select {
	case err := <-done:
		t.Fatalf("SIGHUP ended a command started under nohup: %v", err)
	case <-time.After(3 * time.Second):
	}
	endWith(t, cmd, done, tmp, syscall.SIGTERM)
}

// browsersUnder lists the processes whose command line names a path under dir.
func browsersUnder(dir string) []int {
	var pids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(b, []byte(dir)) && bytes.Contains(b, []byte("chromium")) {
			pids = append(pids, pid)
		}
	}
	return pids
}
