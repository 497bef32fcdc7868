package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// The officer opens the case's browser, goes to an ad, and the capture arrives in the list,
// saved, hashed and analysed; the capture view shows the evidence with the indicators marked,
// blurs the images of a sexual-exploitation ad, and keeps notes and tags.
func TestCaseScreenCapturesLive(t *testing.T) {
	site := boardSite(t)
	ww := unlocked(t, app.Settings{Officer: "Insp. Live", Region: "IT"})
	c, err := ww.ws.NewCase(context.Background(), store.CaseInfo{Name: "Board", Reference: "RG 7/26"})
	if err != nil {
		t.Fatal(err)
	}
	onUI(func() { ww.openCase(c.ID) })
	cs := ww.caseView
	if cs.captureBtn.Disabled() == false || !strings.Contains(cs.browser.Text, "Browser closed") {
		t.Errorf("before opening: capture enabled=%v, status %q", !cs.captureBtn.Disabled(), cs.browser.Text)
	}
	onUI(func() {
		test.Type(cs.url, site+"/escort")
		test.Tap(cs.goBtn) // opens the browser, then goes there; every page is captured
	})
	eventually(t, "the capture, analysed", func() bool {
		return len(cs.captures.all) == 1 && cs.captures.all[0].Analysed
	})
	var got app.CaptureSummary
	onUI(func() { got = cs.captures.all[0] }) // the browser's reports still come in
	if got.Level == "none" || !got.Sensitive || got.ID == "" {
		t.Errorf("capture in the list: %+v", got)
	}
	eventually(t, "the browser status", func() bool { return strings.Contains(cs.browser.Text, "1 captured") })
	onUI(func() {
		if !strings.Contains(cs.info.Text, "1 captures") {
			t.Errorf("header after the capture: %q", cs.info.Text)
		}
	})
	// The row shows the mark that the capture is saved and hashed, and its level.
	onUI(func() {
		row := newCaptureRow()
		cs.captures.updateRow(0, row)
		if !hasLabel(row, "saved and hashed") || !hasLabel(row, levelWord(got.Level)) {
			t.Error("the capture's row lacks the saved mark or the level")
		}
	})

	onUI(func() {
		cs.captures.list.Select(0)
		view := cs.view.Objects[0]
		for _, want := range []string{"Nuova in città", "24/7", "Source:", "SHA-256"} {
			if !hasLabel(view, want) {
				t.Errorf("capture view does not show %q", want)
			}
		}
		if !findCheck(t, view, "Blur images").Checked {
			t.Error("images of a sexual-exploitation ad are not blurred by default")
		}
	})
	found := false
	ww.ws.Store().Log(context.Background(), store.LogFilter{Action: store.ActView}, func(e store.Entry) error {
		found = found || e.Subject == got.ID
		return nil
	})
	if !found {
		t.Error("opening the capture was not logged as a view")
	}

	// Notes and tags: each a new version, logged.
	var notes *notesPanel
	onUI(func() {
		notes = newNotesPanel(ww, got.ID)
		test.Type(notes.note, "Same number as the ad of last week.")
		test.Tap(findButton(t, notes.content, "Add note"))
		notes.tags.SetText("priority, phone-match")
		test.Tap(findButton(t, notes.content, "Save tags"))
		if !hasLabel(notes.content, "Same number as the ad") || notes.tags.Text != "phone-match, priority" {
			t.Errorf("notes panel after saving: tags %q, status %q", notes.tags.Text, notes.status.Text)
		}
	})

	// Capture now, with automatic capture off.
	onUI(func() { cs.auto.SetChecked(false); test.Tap(cs.captureBtn) })
	eventually(t, "the second capture", func() bool { return len(cs.captures.all) == 2 })
	// Closing the case closes its browser.
	onUI(ww.closeCase)
}

func findCheck(t testing.TB, o fyne.CanvasObject, text string) *widget.Check {
	t.Helper()
	var found *widget.Check
	walk(o, func(o fyne.CanvasObject) {
		if c, ok := o.(*widget.Check); ok && c.Text == text {
			found = c
		}
	})
	if found == nil {
		t.Fatalf("no check %q", text)
	}
	return found
}
