package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// caseScreen is one open case: its header, the controlled browser's controls, the captures as
// they arrive, and the capture being read.
type caseScreen struct {
	ww     *workstationWindow
	c      store.Case
	header *widget.Label
	info   *widget.Label

	url        *widget.Entry
	openBtn    *widget.Button
	goBtn      *widget.Button
	auto       *widget.Check
	captureBtn *widget.Button
	scrollBtn  *widget.Button
	browser    *widget.Label // the browser's state, always visible
	session    *app.BrowserSession
	starting   bool

	captures *captureList
	loaded   bool // the stored captures are in the list
	// importing: a package is being imported; no second import starts until it has ended,
	// for the two would race (one accepting the key while the other checks it)
	importing bool
	view      *fyne.Container // the capture view, or a hint
	current   *captureView    // the capture shown, or nil
	content   fyne.CanvasObject

	ctx    context.Context
	cancel context.CancelFunc
}

func newCaseScreen(ww *workstationWindow, id string) (*caseScreen, error) {
	c, err := ww.ws.Store().Case(id)
	if err != nil {
		return nil, err
	}
	s := &caseScreen{ww: ww, c: c}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.header = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.header.Truncation = fyne.TextTruncateEllipsis
	s.info = widget.NewLabel("")
	s.info.Wrapping = fyne.TextWrapWord
	back := widget.NewButtonWithIcon(lang.L("All cases"), theme.NavigateBackIcon(), func() { ww.closeCase() })

	s.url = widget.NewEntry()
	s.url.SetPlaceHolder(lang.L("Web address to open in the controlled browser"))
	s.url.OnSubmitted = func(string) { s.onGo() }
	s.url.OnChanged = func(string) { ww.touch() }
	s.goBtn = widget.NewButtonWithIcon(lang.L("Go"), theme.NavigateNextIcon(), s.onGo)
	s.openBtn = widget.NewButtonWithIcon(lang.L("Open browser"), theme.ComputerIcon(), s.onOpenClose)
	s.openBtn.Importance = widget.HighImportance
	s.auto = widget.NewCheck(lang.L("Capture every page I open"), s.onAuto)
	s.auto.SetChecked(true)
	s.captureBtn = widget.NewButtonWithIcon(lang.L("Capture now"), theme.MediaRecordIcon(), func() { s.onCapture(false) })
	s.scrollBtn = widget.NewButtonWithIcon(lang.L("Scroll and capture"), theme.MoveDownIcon(), func() { s.onCapture(true) })
	s.browser = widget.NewLabel("")
	s.browser.Wrapping = fyne.TextWrapWord

	s.captures = newCaptureList(ww, s.onSelectCapture)
	s.view = container.NewStack(wrapped(lang.L("Select a capture on the left to read its evidence.")))

	export := widget.NewButtonWithIcon(lang.L("Export package…"), theme.UploadIcon(), s.onExport)
	imp := widget.NewButtonWithIcon(lang.L("Import package…"), theme.DownloadIcon(), s.onImport)
	top := container.NewVBox(
		container.NewBorder(nil, nil, back, container.NewHBox(export, imp), s.header),
		s.info,
		container.NewBorder(nil, nil, s.openBtn, s.goBtn, s.url),
		container.NewHBox(s.auto, s.captureBtn, s.scrollBtn),
		s.browser,
		widget.NewSeparator())
	split := container.NewHSplit(s.captures.content, s.view)
	split.Offset = 0.34
	s.content = container.NewBorder(top, nil, nil, nil, split)
	s.showStatus(app.SessionStatus{State: app.BrowserClosed})
	s.updateHeader()
	s.info.SetText(lang.L("Reading the captures of this case…"))
	go s.load(ww.ws)
	return s, nil
}

// load reads the case's captures in the background, so that the screen shows at once however
// many there are, then analyses those that were saved without an analysis.
func (s *caseScreen) load(ws *app.Workstation) {
	sums, err := ws.CaptureSummaries(s.ctx, s.c.ID)
	if s.ctx.Err() != nil {
		return
	}
	uiDoAndWait(func() {
		if err != nil {
			s.info.SetText(lang.L("Could not read the captures:") + " " + err.Error())
			return
		}
		sums = append(sums, s.captures.all...) // those that arrived while reading
		s.captures.set(dedupeSummaries(sums))
		s.loaded = true
		s.updateHeader()
	})
	if err == nil {
		s.analysePending()
	}
}

// dedupeSummaries keeps the last of each capture ID, in order of first appearance.
func dedupeSummaries(sums []app.CaptureSummary) []app.CaptureSummary {
	at := map[string]int{}
	out := sums[:0]
	for _, c := range sums {
		if i, ok := at[c.ID]; ok {
			out[i] = c
			continue
		}
		at[c.ID] = len(out)
		out = append(out, c)
	}
	return out
}

func (s *caseScreen) updateHeader() {
	if s.ctx.Err() != nil || s.ww.ws == nil {
		return // closed, or the window locked: nothing to show it on
	}
	title := s.c.Name
	if s.c.Reference != "" {
		title += "  ·  " + s.c.Reference
	}
	s.header.SetText(title)
	n, high, medium := s.captures.counts()
	verify := lang.L("never verified")
	if e, ok := s.ww.ws.LastVerify(s.ctx); ok {
		verify = fmt.Sprintf(lang.L("last verified %s: %s"), e.Time.UTC().Format("2006-01-02 15:04 UTC"), verifyWord(e.Details["ok"]))
	}
	region := s.c.Region
	if region == "" {
		region = "—"
	}
	s.info.SetText(fmt.Sprintf(lang.L("Officer %s · region %s · %d captures (%d high, %d medium) · store %s"),
		s.c.Officer, region, n, high, medium, verify))
}

func verifyWord(ok string) string {
	if ok == "true" {
		return lang.L("no damage found")
	}
	return lang.L("DAMAGE FOUND")
}

// analysePending analyses captures saved without an analysis (a browser closed before its
// analyses ended), one at a time, in the background.
func (s *caseScreen) analysePending() {
	var todo []app.CaptureSummary
	var ws *app.Workstation // as it was when the work began: locking sets ww.ws to nil
	uiDoAndWait(func() { todo, ws = s.captures.unanalysed(), s.ww.ws })
	for _, c := range todo {
		if ws == nil || s.ctx.Err() != nil {
			return
		}
		sa, err := ws.AnalyzeCapture(s.ctx, c.ID, app.AnalyzeOptions{OCR: true})
		if s.ctx.Err() != nil {
			return
		}
		if err == nil {
			c.Analysed, c.Level, c.Score, c.Sensitive, c.Thumbnail = true, sa.Level, sa.Score, sa.Sensitive, sa.Thumbnail
			uiDo(func() { s.captures.upsert(c); s.updateHeader() })
		}
	}
}

func (s *caseScreen) onOpenClose() {
	s.ww.touch()
	if s.session != nil {
		sess := s.session
		s.session = nil
		go sess.Close()
		return
	}
	if s.starting {
		return
	}
	s.starting = true
	s.showStatus(app.SessionStatus{State: app.BrowserStarting})
	ev := &sessionEvents{s: s}
	auto, ws := s.auto.Checked, s.ww.ws
	go func() {
		sess, err := ws.OpenSession(s.ctx, s.c.ID, s.ww.headless, app.AnalyzeOptions{OCR: true}, ev)
		if err == nil && auto {
			sess.SetAuto(true)
		}
		uiDo(func() {
			s.starting = false
			if err != nil {
				s.showStatus(app.SessionStatus{State: app.BrowserFailed, Err: err})
				return
			}
			if s.ctx.Err() != nil { // the case was closed meanwhile
				go sess.Close()
				return
			}
			s.session = sess
			s.showStatus(sess.Status())
			if strings.TrimSpace(s.url.Text) != "" {
				s.onGo()
			}
		})
	}()
}

func (s *caseScreen) onGo() {
	s.ww.touch()
	if strings.TrimSpace(s.url.Text) == "" {
		s.browser.SetText(lang.L("Type a web address first."))
		return
	}
	if s.session == nil {
		s.onOpenClose() // opens, then goes to the address
		return
	}
	sess, url := s.session, s.url.Text
	go func() {
		if err := sess.Navigate(s.ctx, url); err != nil {
			uiDo(func() { s.browser.SetText(err.Error()) })
		}
	}()
}

func (s *caseScreen) onAuto(on bool) {
	s.ww.touch()
	if s.session != nil {
		go s.session.SetAuto(on)
	}
}

func (s *caseScreen) onCapture(scroll bool) {
	s.ww.touch()
	if s.session == nil {
		s.browser.SetText(lang.L("Open the browser first: captures are taken from the controlled browser."))
		return
	}
	sess := s.session
	go func() {
		if _, err := sess.CaptureNow(s.ctx, scroll); err != nil {
			uiDo(func() { s.browser.SetText(lang.L("The capture could not be saved:") + " " + err.Error()) })
		}
	}()
}

// showStatus shows the browser's state; it is always on screen.
func (s *caseScreen) showStatus(st app.SessionStatus) {
	var text string
	switch st.State {
	case app.BrowserClosed:
		text = lang.L("Browser closed. Press Open browser to browse in this case's own profile.")
	case app.BrowserStarting:
		text = lang.L("Starting the controlled browser…")
	case app.BrowserReady:
		text = lang.L("Browser open.")
	case app.BrowserLoading:
		text = lang.L("Loading") + " " + st.URL + " …"
	case app.BrowserCapturing:
		text = lang.L("Capturing the page…")
	case app.BrowserFailed:
		text = lang.L("The browser could not start.")
	}
	if st.State != app.BrowserClosed && st.State != app.BrowserFailed && st.State != app.BrowserStarting {
		if st.Auto {
			text += " " + lang.L("Every page you open is captured.")
		} else {
			text += " " + lang.L("Automatic capture is off: use Capture now.")
		}
		text += " " + fmt.Sprintf(lang.L("%d captured in this session."), st.Captured)
	}
	if st.Err != nil {
		text += " " + st.Err.Error()
	}
	s.browser.SetText(text)
	open := st.State != app.BrowserClosed && st.State != app.BrowserFailed
	if open {
		s.openBtn.SetText(lang.L("Close browser"))
		s.openBtn.Importance = widget.MediumImportance
		s.captureBtn.Enable()
		s.scrollBtn.Enable()
	} else {
		s.openBtn.SetText(lang.L("Open browser"))
		s.openBtn.Importance = widget.HighImportance
		s.captureBtn.Disable()
		s.scrollBtn.Disable()
		if st.State == app.BrowserClosed && s.session != nil && st.Err != nil {
			sess := s.session // the officer closed the browser window
			s.session = nil
			go sess.Close()
		}
	}
	s.openBtn.Refresh()
}

func (s *caseScreen) onSelectCapture(c app.CaptureSummary) {
	s.ww.touch()
	v, err := newCaptureView(s.ww, c.ID)
	if err != nil {
		s.view.Objects = []fyne.CanvasObject{wrapped(lang.L("Could not open the capture:") + " " + err.Error())}
	} else {
		s.view.Objects = []fyne.CanvasObject{v.content}
	}
	s.current = v
	s.view.Refresh()
}

// close ends the case's browser session and background work.
func (s *caseScreen) close() {
	s.cancel()
	s.captures.thumbs.stop()
	if s.session != nil {
		sess := s.session
		s.session = nil
		go sess.Close()
	}
}

// sessionEvents hands the session's reports to the UI goroutine.
type sessionEvents struct{ s *caseScreen }

func (e *sessionEvents) Status(st app.SessionStatus) {
	uiDo(func() {
		if e.s.ctx.Err() != nil {
			return // the case was closed or the window locked
		}
		e.s.showStatus(st)
	})
}

func (e *sessionEvents) Captured(c app.CaptureSummary, err error) {
	uiDo(func() {
		if e.s.ctx.Err() != nil {
			return // the case was closed or the window locked
		}
		e.s.ww.touch()
		if err != nil {
			e.s.browser.SetText(lang.L("A capture could not be saved:") + " " + err.Error())
			return
		}
		e.s.captures.upsert(c)
		e.s.updateHeader()
	})
}

func (e *sessionEvents) Analysed(c app.CaptureSummary, err error) {
	uiDo(func() {
		if e.s.ctx.Err() != nil {
			return // the case was closed or the window locked
		}
		if err == nil {
			e.s.captures.upsert(c)
			e.s.updateHeader()
		}
	})
}

// utc formats a time for the lists: always UTC, to the second.
func utc(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") }
