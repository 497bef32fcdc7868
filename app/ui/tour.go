package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/assets"
	"github.com/intercepted-eu/workstation/store"
)

// Screenshots runs the real workstation window (it needs a display: `make screenshots` starts
// it under Xvfb) on a new store in a temporary directory, drives it the way a new user would —
// create the store, open a case, capture two pages of a synthetic ad board served on
// 127.0.0.1 with the controlled browser, read a capture, run a quick check, verify, switch the
// UI to Italian — and saves a PNG of the window at each step into outDir. It returns the exit
// code. The pages and numbers are made up; nothing is sent anywhere.
func Screenshots(outDir string, stderr io.Writer) int {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fmt.Fprintln(stderr, "screenshots: no display; run it under Xvfb: xvfb-run -a intercepted screenshots DIR")
		return 1
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		fmt.Fprintln(stderr, "screenshots:", err)
		return 1
	}
	tmp, err := os.MkdirTemp("", "intercepted-tour-")
	if err != nil {
		fmt.Fprintln(stderr, "screenshots:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	site, stopSite, err := tourSite()
	if err != nil {
		fmt.Fprintln(stderr, "screenshots:", err)
		return 1
	}
	defer stopSite()

	a := fyneapp.NewWithID("eu.intercepted.workstation.tour")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	useLanguage("en")
	win := a.NewWindow("INTERCEPTED Workstation")
	win.Resize(fyne.NewSize(1280, 800))
	ww := newWorkstationWindow(win, app.StoreConfig{Dir: filepath.Join(tmp, "store")}, nil)
	code := 0
	go func() {
		t := &tour{ww: ww, win: win, dir: outDir, stderr: stderr}
		if err := t.run(site); err != nil {
			fmt.Fprintln(stderr, "screenshots:", err)
			code = 1
		}
		uiDo(win.Close)
	}()
	win.ShowAndRun()
	return code
}

// tour drives the window from its own goroutine; every widget access goes through uiDoAndWait.
type tour struct {
	ww     *workstationWindow
	win    fyne.Window
	dir    string
	n      int
	stderr io.Writer
}

func (t *tour) do(fn func()) { uiDoAndWait(fn) }

// wait polls cond on the UI goroutine.
func (t *tour) wait(what string, limit time.Duration, cond func() bool) error {
	for deadline := time.Now().Add(limit); ; time.Sleep(100 * time.Millisecond) {
		var ok bool
		t.do(func() { ok = cond() })
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("timed out waiting for " + what)
		}
	}
}

// shot saves a picture of the window as the X server shows it (xdotool raises it above the
// controlled browser's window, ImageMagick's import reads it), after a moment for animations.
// Canvas.Capture is not used: with the software OpenGL of Xvfb it returns a blank image.
func (t *tour) shot(name string) error {
	time.Sleep(800 * time.Millisecond)
	t.n++
	path := filepath.Join(t.dir, fmt.Sprintf("%02d-%s.png", t.n, name))
	id, err := exec.Command("xdotool", "search", "--name", "^INTERCEPTED Workstation$").Output()
	if err != nil {
		return fmt.Errorf("find the window with xdotool (apt-get install xdotool): %w", err)
	}
	win := strings.Fields(string(id))
	if len(win) == 0 {
		return errors.New("the workstation window is not on the display")
	}
	if out, err := exec.Command("xdotool", "windowraise", win[0]).CombinedOutput(); err != nil {
		return fmt.Errorf("raise the window: %v: %s", err, out)
	}
	time.Sleep(300 * time.Millisecond)
	if out, err := exec.Command("import", "-window", win[0], path).CombinedOutput(); err != nil {
		return fmt.Errorf("take the picture with import (apt-get install imagemagick): %v: %s", err, out)
	}
	fmt.Fprintln(t.stderr, "wrote", path)
	return nil
}

func (t *tour) run(site string) error {
	ww := t.ww
	var un *unlockScreen
	t.do(func() {
		un = newUnlockScreen(ww.cfg, ww.onUnlocked)
		ww.win.SetContent(un.content)
		un.officer.SetText("Insp. Maria Demo")
		un.region.SetText("IT")
		un.pass.SetText("demo passphrase for the screenshots")
		un.repeat.SetText("demo passphrase for the screenshots")
	})
	if err := t.shot("create-store"); err != nil {
		return err
	}
	t.do(un.onSubmit)
	if err := t.wait("the store", time.Minute, func() bool { return ww.tabs != nil }); err != nil {
		return err
	}
	t.do(func() {
		ww.ws.NewCase(context.Background(), store.CaseInfo{Name: "Operation Harbour", Reference: "RGNR 1234/26"})
		ww.cases.refresh()
		ww.cases.name.SetText("Operation Vineyard")
		ww.cases.ref.SetText("INL-2026-077")
	})
	if err := t.shot("cases"); err != nil {
		return err
	}
	t.do(ww.cases.onCreate)
	cs := ww.caseView
	t.do(func() { cs.url.SetText(site + "/ads/ragazza-nuova") })
	t.do(cs.onGo)
	if err := t.wait("the first capture, analysed", 2*time.Minute, func() bool {
		return len(cs.captures.all) == 1 && cs.captures.all[0].Analysed
	}); err != nil {
		return err
	}
	t.do(func() { cs.url.SetText(site + "/jobs/germany-farm") })
	t.do(cs.onGo)
	if err := t.wait("the second capture, analysed", 2*time.Minute, func() bool {
		return len(cs.captures.all) == 2 && cs.captures.all[0].Analysed && cs.captures.all[1].Analysed
	}); err != nil {
		return err
	}
	t.do(func() { cs.captures.list.Select(1) }) // the escort ad: oldest, second in the list
	if err := t.shot("case-captures-and-capture-view"); err != nil {
		return err
	}
	var view *captureView
	t.do(func() { view = cs.current })
	if view == nil {
		return errors.New("no capture view")
	}
	for i, name := range []string{"", "capture-text-and-indicators", "capture-entities", "capture-images", "capture-metadata-and-hashes"} {
		if name == "" {
			continue
		}
		t.do(func() { view.tabs.SelectIndex(i) })
		if err := t.shot(name); err != nil {
			return err
		}
	}
	t.do(func() { view.blur.SetChecked(false); view.tabs.SelectIndex(0) })
	t.do(func() { cs.captures.list.Select(0) })
	if err := t.shot("capture-job-ad-screenshot"); err != nil {
		return err
	}
	t.do(func() {
		cs.onOpenClose() // close the browser
		ww.tabs.SelectIndex(1)
		ww.check.text.SetText(tourCheckText)
		ww.check.onCheckText()
	})
	if err := t.shot("quick-check"); err != nil {
		return err
	}
	t.do(func() { ww.tabs.SelectIndex(2); ww.custody.onVerify() })
	if err := t.wait("verify", time.Minute, func() bool { return ww.custody.running == nil }); err != nil {
		return err
	}
	if err := t.shot("custody-log-and-verify"); err != nil {
		return err
	}
	t.do(func() {
		ww.tabs.SelectIndex(3)
		ww.settings.language.SetSelectedIndex(2) // Italiano
		ww.settings.onSave()
		ww.tabs.SelectIndex(0)
	})
	if err := t.shot("cases-in-italian"); err != nil {
		return err
	}
	t.do(func() { ww.tabs.SelectIndex(3) })
	return t.shot("settings-in-italian")
}

// tourCheckText is what the tour pastes into the quick check: a made-up Italian job ad.
const tourCheckText = "Lavoro in Germania, nessuna esperienza richiesta, non serve la lingua. Guadagni 2500 euro al mese, " +
	"viaggio e alloggio pagati, i documenti li teniamo noi. Scrivi solo su Telegram @lavoro_subito_de"

// tourSite serves a synthetic ad board on 127.0.0.1: an escort ad in Italian and a job ad in
// English, with generated pictures. The numbers are in ranges no one is given.
func tourSite() (string, func(), error) {
	mux := http.NewServeMux()
	page := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>%s</title>
<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;background:#faf7f2;color:#222}
.ad{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1.5em;margin:1em 0}
h1{color:#7a1f3d} .price{font-size:1.4em;color:#0a5}</style></head><body>
<p><b>Bacheca annunci</b> · Annunci › %s</p><div class="ad">%s</div></body></html>`, title, title, body)
		}
	}
	mux.HandleFunc("/ads/ragazza-nuova", page("Nuova in città", `<h1>Nuova in città ❤️ ragazza giovane</h1>
<img src="/pic/1.png" width="360" height="240" alt="">
<p>Ciao, sono appena arrivata, 19 anni, dolce e disponibile 24/7. Solo outcall, hotel e domicilio.</p>
<p class="price">100 € mezz'ora · 150 € un'ora</p>
<p>Scrivimi su WhatsApp: +39 333 000 0001 — anche Telegram @dolce_nuova_000</p>`))
	mux.HandleFunc("/jobs/germany-farm", page("Work in Germany", `<h1>Farm work in Germany – start now!</h1>
<img src="/pic/2.png" width="360" height="240" alt="">
<p>No experience needed, no language needed. Earn 2,800 EUR a month, cash. Travel and accommodation
paid by us, you pay back from your salary. We keep your passport safe during the contract.</p>
<p>Only serious people. Contact only on Telegram @farm_jobs_000 or WhatsApp +40 700 000 001.</p>`))
	mux.HandleFunc("/pic/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(tourPicture(strings.Contains(r.URL.Path, "1")))
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(l)
	return "http://" + l.Addr().String(), func() { srv.Close() }, nil
}

// tourPicture is a generated landscape: sky, hills, a sun. No person is shown.
func tourPicture(warm bool) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 360, 240))
	sky, hill := color.RGBA{120, 170, 230, 255}, color.RGBA{60, 140, 70, 255}
	if warm {
		sky, hill = color.RGBA{240, 170, 120, 255}, color.RGBA{150, 90, 60, 255}
	}
	for y := range 240 {
		for x := range 360 {
			c := sky
			if y > 150+int(20*math.Sin(float64(x)/40)) {
				c = hill
			}
			if dx, dy := x-280, y-60; dx*dx+dy*dy < 600 {
				c = color.RGBA{255, 230, 90, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
