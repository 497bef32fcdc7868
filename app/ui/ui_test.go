package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

func testConfig(t *testing.T) app.StoreConfig {
	return app.StoreConfig{Dir: t.TempDir() + "/store", KDF: store.TestKDF}
}

// eventually waits for cond, read on the UI goroutine, for at most 20 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var ok bool
		fyne.DoAndWait(func() { ok = cond() })
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestFirstStartCreatesStore(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	cfg := testConfig(t)
	ww := newWorkstationWindow(win, cfg)
	defer ww.onLock()

	s := newUnlockScreen(cfg, ww.onUnlocked)
	win.SetContent(s.content)
	if !s.create || s.button.Text != "Create store" {
		t.Fatalf("first start shows %q, want the create form", s.button.Text)
	}
	test.Type(s.officer, "Insp. Test")
	test.Type(s.region, "IT")
	test.Type(s.pass, "a passphrase")
	test.Type(s.repeat, "another one")
	test.Tap(s.button)
	if !strings.Contains(s.status.Text, "differ") {
		t.Errorf("mismatched passphrases: status %q", s.status.Text)
	}
	s.repeat.SetText("a passphrase")
	test.Tap(s.button)
	eventually(t, "the case list", func() bool { return ww.ws != nil })
	if got := ww.ws.Settings(); got.Officer != "Insp. Test" || got.Region != "IT" {
		t.Errorf("settings = %+v", got)
	}

	cs := newCasesScreen(ww.ws, func() {})
	win.SetContent(cs.content)
	test.Type(cs.name, "Operation Window")
	test.Type(cs.ref, "RG 1/26")
	test.Tap(findButton(t, cs.content, "New case"))
	if len(cs.cases) != 1 || cs.cases[0].Name != "Operation Window" || !strings.Contains(cs.status.Text, "saved") {
		t.Errorf("after New case: %d cases, status %q", len(cs.cases), cs.status.Text)
	}
	if !strings.Contains(cs.header.Text, "1 case") || !strings.Contains(cs.header.Text, "Insp. Test") {
		t.Errorf("header %q", cs.header.Text)
	}
	test.Tap(findButton(t, cs.content, "New case"))
	if !strings.Contains(cs.status.Text, "needs a name") {
		t.Errorf("empty case name: status %q", cs.status.Text)
	}
}

func TestUnlockWrongPassphrase(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	cfg := testConfig(t)
	c := cfg
	c.Passphrase = []byte("right")
	w, err := app.Create(context.Background(), c, app.Settings{Officer: "o"})
	if err != nil {
		t.Fatal(err)
	}
	w.Close()

	var got *app.Workstation
	s := newUnlockScreen(cfg, func(w *app.Workstation) { got = w })
	win.SetContent(s.content)
	if s.create || s.button.Text != "Unlock" {
		t.Fatalf("existing store shows %q", s.button.Text)
	}
	test.Type(s.pass, "wrong")
	test.Tap(s.button)
	eventually(t, "the wrong-passphrase message", func() bool {
		return strings.Contains(s.status.Text, "Wrong passphrase") && !s.button.Disabled()
	})
	if got != nil || s.pass.Text != "" {
		t.Errorf("wrong passphrase unlocked or kept the text")
	}
	test.Type(s.pass, "right")
	test.Tap(s.button)
	eventually(t, "unlock", func() bool { return got != nil })
	got.Close()
}

func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
	}
	walk(o)
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}
