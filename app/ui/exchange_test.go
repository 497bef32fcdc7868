package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// Export from the case screen writes a package in the background; import on another
// workstation asks before accepting the unknown key, then takes the captures in.
func TestCaseScreenExportImport(t *testing.T) {
	ww := unlocked(t, app.Settings{Officer: "Insp. Out", Region: "IT"})
	c, _ := ww.ws.NewCase(context.Background(), store.CaseInfo{Name: "Outgoing"})
	if _, err := ww.ws.SaveCapture(context.Background(), c.ID, app.TestResult("http://board.test/1", "Ad", "Nuova in città, 19 anni", 40, false)); err != nil {
		t.Fatal(err)
	}
	onUI(func() { ww.openCase(c.ID) })
	pkg := filepath.Join(t.TempDir(), "out.zip")
	onUI(func() { ww.caseView.export(pkg) })
	eventually(t, "the package", func() bool { _, err := os.Stat(pkg); return err == nil && ww.win.Canvas().Overlays().Top() != nil })
	rep, err := app.VerifyPackage(context.Background(), pkg, app.PackageLimits{})
	if err != nil || !rep.OK {
		t.Fatalf("exported package: %v %+v", err, rep)
	}
	key := rep.Key

	in := unlocked(t, app.Settings{Officer: "Agente In"})
	c2, _ := in.ws.NewCase(context.Background(), store.CaseInfo{Name: "Incoming"})
	onUI(func() { in.openCase(c2.ID) })
	cs := in.caseView
	eventually(t, "the case loaded", func() bool { return cs.loaded })
	onUI(func() { cs.importPackage(pkg, "") })
	// the first import's own progress dialog is an overlay too: wait for the import to end
	eventually(t, "the question about the key", func() bool { return !cs.importing && in.win.Canvas().Overlays().Top() != nil })
	if len(cs.captures.all) != 0 {
		t.Fatal("captures were imported before the key was accepted")
	}
	var n int
	onUI(func() {
		in.win.Canvas().Overlays().Top().Hide()
		cs.importPackage(pkg, key)
		cs.importPackage(pkg, key) // while the first runs (it reads and checks the whole package): ignored
		n = len(in.win.Canvas().Overlays().List())
	})
	if n != 1 {
		t.Errorf("%d dialogs after a second import was asked for while one ran, want the first's alone", n)
	}
	eventually(t, "the imported capture", func() bool { return len(cs.captures.all) == 1 })
	got, err := in.ws.Capture(cs.captures.all[0].ID)
	if err != nil || got.Origin == nil || got.Origin.Officer != "Insp. Out" {
		t.Errorf("imported capture: %+v %v", got.Origin, err)
	}
	// the same package again: nothing taken twice, and the dialog says so
	eventually(t, "the first import's dialog", func() bool { return !cs.importing && in.win.Canvas().Overlays().Top() != nil })
	onUI(func() {
		in.win.Canvas().Overlays().Top().Hide()
		cs.importPackage(pkg, "")
	})
	eventually(t, "the second import's dialog", func() bool {
		var said bool
		onUI(func() {
			top := in.win.Canvas().Overlays().Top()
			said = !cs.importing && top != nil && deepText(top, "were in this case already")
		})
		return said
	})
	if caps, _ := in.ws.Captures(context.Background(), c2.ID); len(caps) != 1 {
		t.Errorf("%d captures after importing the same package twice", len(caps))
	}
}

// deepText looks for text in o and in what its widgets draw (a dialog's message is drawn by
// its renderer, which walk does not enter).
func deepText(o fyne.CanvasObject, part string) bool {
	switch w := o.(type) {
	case *widget.Label:
		if strings.Contains(w.Text, part) {
			return true
		}
	case *canvas.Text:
		if strings.Contains(w.Text, part) {
			return true
		}
	case *widget.RichText:
		if strings.Contains(w.String(), part) {
			return true
		}
	}
	var kids []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		kids = c.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(c).Objects()
	}
	for _, k := range kids {
		if deepText(k, part) {
			return true
		}
	}
	return false
}
