package capture

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// xvfb starts a virtual display for a visible browser window and returns its DISPLAY.
func xvfb(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Fatalf("Xvfb is not installed (run `make test`, which installs it): %v", err)
	}
	r, w, _ := os.Pipe()
	cmd := exec.Command(bin, "-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb gave no display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

// A visible browser with a case's profile: the officer's navigations are captured on their
// own, and a login persists in that case's profile and no other.
func TestHeadfulAutoCaptureAndCaseProfiles(t *testing.T) {
	site := newFixtureSite(t)
	display := xvfb(t)
	profiles := t.TempDir()
	launch := func(caseID string) *Browser {
		b, err := Launch(context.Background(), BrowserOptions{Headless: false, ProfileDir: filepath.Join(profiles, caseID),
			Env: []string{"DISPLAY=" + display}})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	b := launch("case-a")
	tab, err := b.NewTab(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan *Result, 4)
	go tab.AutoCapture(ctx, quick(), func(r *Result) { results <- r })
	var got []*Result
	for _, path := range []string{"/login", "/p2"} {
		if e := tab.Navigate(context.Background(), site.URL+path, quick()); e != "" {
			t.Fatalf("navigate %s: %s", path, e)
		}
		select {
		case r := <-results:
			got = append(got, r)
		case <-time.After(40 * time.Second):
			t.Fatalf("no automatic capture of %s", path)
		}
	}
	cancel()
	for i, want := range []string{"/login", "/p2"} {
		r := got[i].Record
		if r.Mode != "auto" || r.FinalURL != site.URL+want || r.Outcome != OutcomeComplete || r.Headless {
			t.Errorf("auto capture %d: mode %s url %s outcome %s headless %v %v", i, r.Mode, r.FinalURL, r.Outcome, r.Headless, r.Problems)
		}
		if a := artifact(got[i], KindWARC); a == nil {
			t.Errorf("auto capture %d has no WARC", i)
		}
	}
	if !got[1].Record.CookiesSent {
		t.Error("the second page was not requested with the login cookie")
	}
	now := tab.CaptureNow(context.Background(), quick())
	if now.Record.Mode != "on-demand" || now.Record.FinalURL != site.URL+"/p2" || artifact(now, KindScreenshot) == nil {
		t.Errorf("capture now: %+v", now.Record)
	}
	tab.Close()
	b.Close()

	for _, tc := range []struct {
		caseID string
		cookie bool
	}{{"case-a", true}, {"case-b", false}} {
		b := launch(tc.caseID)
		res, err := b.CaptureURL(context.Background(), site.URL+"/p2", quick())
		b.Close()
		if err != nil {
			t.Fatal(err)
		}
		if res.Record.CookiesSent != tc.cookie {
			t.Errorf("%s: cookies sent = %v, want %v (profiles must persist per case and never mix)", tc.caseID, res.Record.CookiesSent, tc.cookie)
		}
	}
	fmt.Fprint(os.Stderr)
}
