package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"golang.org/x/text/encoding/unicode"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// The inspector pastes an ad and reads the explained report; nothing is stored until they save
// the check to a case.
func TestQuickCheckScreen(t *testing.T) {
	ww := unlocked(t, app.Settings{Officer: "Insp. Field", Region: "IT"})
	c, _ := ww.ws.NewCase(context.Background(), store.CaseInfo{Name: "Farm visit"})
	ww.check.loadCases()
	s := ww.check
	before := logLen(t, ww)
	test.Tap(findButton(t, s.content, "Check text"))
	if !strings.Contains(s.status.Text, "Paste or type") {
		t.Errorf("empty text: status %q", s.status.Text)
	}
	test.Type(s.text, "Work in Germany, no experience needed, we keep your passport. Earn 3000 EUR a month, contact only on Telegram @farmjobs")
	test.Tap(findButton(t, s.content, "Check text"))
	if s.last == nil || s.last.Result.Level == "none" {
		t.Fatalf("no report: status %q", s.status.Text)
	}
	for _, want := range []string{"Level", "passport", "Source:"} {
		if !hasLabel(s.result, want) {
			t.Errorf("report does not show %q", want)
		}
	}
	if logLen(t, ww) != before {
		t.Error("a quick check wrote to the store")
	}
	test.Tap(s.saveBtn)
	if !strings.Contains(s.status.Text, "Choose the case") {
		t.Errorf("save without a case: %q", s.status.Text)
	}
	s.caseSel.SetSelectedIndex(0)
	test.Tap(s.saveBtn)
	if !strings.Contains(s.status.Text, "Saved to case Farm visit") || logLen(t, ww) != before+1 {
		t.Errorf("save: status %q, log %d→%d", s.status.Text, before, logLen(t, ww))
	}
	recs, _ := ww.ws.Store().List(context.Background(), store.KindCheck, c.ID)
	if len(recs) != 1 {
		t.Errorf("case holds %d checks", len(recs))
	}

	// Files opened: one that is no text is refused, a Windows "Unicode" (UTF-16) text is read.
	s.checkFile("ad.pdf", strings.NewReader("%PDF-1.7\n1 0 obj\x00"))
	if !strings.Contains(s.status.Text, "ad.pdf: not text") {
		t.Errorf("a PDF opened as text: status %q", s.status.Text)
	}
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("Lavoro in Germania. Il passaporto lo teniamo noi.")
	s.checkFile("annuncio.txt", strings.NewReader(u16))
	if s.last == nil || s.last.Source != "annuncio.txt" || !hasLabel(s.result, "documents_surrender") {
		t.Errorf("a UTF-16 text file: status %q", s.status.Text)
	}

	// A page, loaded in the headless controlled browser, in the background.
	site := boardSite(t)
	s.url.SetText(site + "/job")
	test.Tap(findButton(t, s.content, "Check page"))
	eventually(t, "the page report", func() bool { return strings.Contains(s.status.Text, "Checked "+site+"/job") })
	onUI(func() {
		if !hasLabel(s.result, "Work in Germany") {
			t.Error("the page's text is not in the report")
		}
	})
}

// Verify runs in the background with progress and findings; damage is named.
func TestCustodyScreenVerifies(t *testing.T) {
	ww := unlocked(t, app.Settings{Officer: "Insp. Verify"})
	ww.ws.NewCase(context.Background(), store.CaseInfo{Name: "one"})
	ww.custody.refresh()
	s := ww.custody
	if len(s.entries) < 3 || !strings.Contains(s.head.Text, "signed") {
		t.Errorf("log shows %d entries, head %q", len(s.entries), s.head.Text)
	}
	test.Tap(s.verify)
	eventually(t, "verify", func() bool { return strings.Contains(s.phase.Text, "No damage found") })
	onUI(func() {
		if s.progress.Value != 1 || len(s.findings) != 0 || s.verify.Disabled() {
			t.Errorf("after verify: progress %v, findings %v", s.progress.Value, s.findings)
		}
	})

	// With no timestamp authority set, the queued digests stay queued and the screen says how to go on.
	onUI(func() { test.Tap(s.stamp) })
	eventually(t, "the timestamp answer", func() bool { return strings.Contains(s.phase.Text, "Set a timestamp authority") })

	// Damage the log on disk, unlock again: verify names the damaged entry.
	dir := ww.cfg.Dir
	onUI(ww.lock)
	store.TestDamageLogEntry(t, dir, 2)
	cfg := ww.cfg
	cfg.Passphrase = []byte(store.TestPassphrase)
	w, err := app.Unlock(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	onUI(func() {
		ww.onUnlocked(w)
		s = ww.custody
		test.Tap(s.verify)
	})
	eventually(t, "verify of the damaged store", func() bool { return strings.Contains(s.phase.Text, "DAMAGE FOUND") })
	onUI(func() {
		if len(s.findings) == 0 || !strings.Contains(s.findings[0].String(), "log") {
			t.Errorf("findings %v", s.findings)
		}
	})
}

// Settings save as a new version; a bad idle time is refused with a clear message.
func TestSettingsScreen(t *testing.T) {
	ww := unlocked(t, app.Settings{Officer: "Insp. Set"})
	s := ww.settings
	s.idle.SetText("zero")
	test.Tap(findButton(t, s.content, "Save settings"))
	if !strings.Contains(s.status.Text, "minutes from 1") {
		t.Errorf("bad idle time: %q", s.status.Text)
	}
	s.idle.SetText("20")
	s.region.SetText("gr")
	s.ocr.SetText("eng+ell")
	test.Tap(findButton(t, s.content, "Save settings"))
	st := ww.ws.Settings()
	if st.Region != "GR" || time.Duration(st.IdleLock) != 20*time.Minute || len(st.OCRLangs) != 2 {
		t.Errorf("saved settings %+v (status %q)", st, s.status.Text)
	}
	s.region.SetText("Greece")
	test.Tap(findButton(t, s.content, "Save settings"))
	if !strings.Contains(s.status.Text, "not saved") {
		t.Errorf("bad region: %q", s.status.Text)
	}
}

func logLen(t *testing.T, ww *workstationWindow) int {
	n := 0
	ww.ws.Store().Log(context.Background(), store.LogFilter{}, func(store.Entry) error { n++; return nil })
	return n
}

// Without a display the window does not try to open: a clear message points to the CLI.
func TestRunWithoutDisplay(t *testing.T) {
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	var out strings.Builder
	if code := Run(&out); code != 1 || !strings.Contains(out.String(), "no display") || !strings.Contains(out.String(), "intercepted help") {
		t.Errorf("Run without a display: code %d, %q", code, out.String())
	}
}
