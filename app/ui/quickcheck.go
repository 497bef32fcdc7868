package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// checkScreen is the labour inspector's quick check: paste a text, open a file or an image, or
// give a web address, and read the explained report. Nothing is stored unless the officer
// saves the check to a case.
type checkScreen struct {
	ww      *workstationWindow
	text    *widget.Entry
	url     *widget.Entry
	busy    *widget.ProgressBarInfinite
	stop    *widget.Button
	status  *widget.Label
	caseSel *widget.Select
	saveBtn *widget.Button
	result  *fyne.Container
	last    *app.QuickCheck
	cases   []store.Case
	running context.CancelFunc
	content fyne.CanvasObject
}

func newCheckScreen(ww *workstationWindow) *checkScreen {
	s := &checkScreen{ww: ww}
	s.text = widget.NewMultiLineEntry()
	s.text.SetPlaceHolder(lang.L("Paste the text of an ad or a message here"))
	s.text.SetMinRowsVisible(5)
	s.text.Wrapping = fyne.TextWrapWord
	s.text.OnChanged = func(string) { ww.touch() }
	checkText := widget.NewButtonWithIcon(lang.L("Check text"), theme.SearchIcon(), s.onCheckText)
	checkText.Importance = widget.HighImportance
	openFile := widget.NewButtonWithIcon(lang.L("Open a text file…"), theme.FileTextIcon(), s.onOpenFile)
	openImage := widget.NewButtonWithIcon(lang.L("Open an image (reads its text)…"), theme.FileImageIcon(), s.onOpenImage)
	s.url = widget.NewEntry()
	s.url.SetPlaceHolder(lang.L("or a web address: the page is loaded in a headless controlled browser"))
	s.url.OnSubmitted = func(string) { s.onCheckPage() }
	checkPage := widget.NewButtonWithIcon(lang.L("Check page"), theme.SearchIcon(), s.onCheckPage)
	s.busy = widget.NewProgressBarInfinite()
	s.busy.Hide()
	s.busy.Stop()
	s.stop = widget.NewButton(lang.L("Cancel"), s.cancel)
	s.stop.Hide()
	s.status = widget.NewLabel(lang.L("Nothing you check here is stored unless you save it to a case."))
	s.status.Wrapping = fyne.TextWrapWord
	s.caseSel = widget.NewSelect(nil, nil)
	s.caseSel.PlaceHolder = lang.L("Choose a case")
	s.saveBtn = widget.NewButtonWithIcon(lang.L("Save to case"), theme.DocumentSaveIcon(), s.onSave)
	s.saveBtn.Disable()
	s.result = container.NewStack()
	input := container.NewVBox(s.text,
		container.NewHBox(checkText, openFile, openImage),
		container.NewBorder(nil, nil, nil, checkPage, s.url),
		container.NewBorder(nil, nil, nil, s.stop, s.busy),
		s.status,
		container.NewBorder(nil, nil, nil, s.saveBtn, s.caseSel),
		widget.NewSeparator())
	s.content = container.NewBorder(input, nil, nil, nil, s.result)
	s.loadCases()
	return s
}

func (s *checkScreen) loadCases() {
	cases, err := s.ww.ws.Store().Cases(context.Background())
	if err != nil {
		return
	}
	s.cases = cases
	var names []string
	for _, c := range cases {
		names = append(names, caseLabel(c))
	}
	s.caseSel.SetOptions(names)
}

func caseLabel(c store.Case) string {
	if c.Reference != "" {
		return c.Name + " · " + c.Reference
	}
	return c.Name
}

func (s *checkScreen) onCheckText() {
	s.ww.touch()
	if strings.TrimSpace(s.text.Text) == "" {
		s.status.SetText(lang.L("Paste or type a text first."))
		return
	}
	qc, err := s.ww.ws.CheckText(lang.L("pasted text"), s.text.Text)
	s.show(qc, err)
}

func (s *checkScreen) onOpenFile() {
	s.ww.touch()
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		s.checkFile(r.URI().Name(), r)
	}, s.ww.win)
}

// checkFile checks the text of a file the officer opened: UTF-8, or UTF-16 with a byte-order
// mark; a file that is no text (a PDF, an image) is refused with a clear message.
func (s *checkScreen) checkFile(name string, r io.Reader) {
	text, err := analysis.ReadText(r)
	if err != nil {
		s.status.SetText(name + ": " + err.Error())
		return
	}
	s.text.SetText(text)
	qc, err := s.ww.ws.CheckText(name, text)
	s.show(qc, err)
}

func (s *checkScreen) onOpenImage() {
	s.ww.touch()
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, analysis.DefaultMaxImageBytes+1))
		if err != nil {
			s.status.SetText(err.Error())
			return
		}
		s.checkImage(r.URI().Name(), b)
	}, s.ww.win)
}

// checkImage reads the text of an image in the background (OCR takes a moment).
func (s *checkScreen) checkImage(name string, data []byte) {
	ws := s.ww.ws // read here: the goroutine must not see a later lock's nil
	s.run(lang.L("Reading the text in the image…"), func(ctx context.Context) (app.QuickCheck, error) {
		return ws.CheckImage(ctx, name, data)
	})
}

func (s *checkScreen) onCheckPage() {
	s.ww.touch()
	url := strings.TrimSpace(s.url.Text)
	if url == "" {
		s.status.SetText(lang.L("Type a web address first."))
		return
	}
	if !strings.Contains(url, "://") {
		url = "https://" + url
	}
	ws := s.ww.ws
	s.run(lang.L("Loading the page in the controlled browser…"), func(ctx context.Context) (app.QuickCheck, error) {
		return ws.CheckPage(ctx, url)
	})
}

// run does slow work off the UI goroutine, with a busy bar and a Cancel button.
func (s *checkScreen) run(what string, work func(context.Context) (app.QuickCheck, error)) {
	s.cancel()
	ctx, cancel := context.WithCancel(context.Background())
	s.running = cancel
	s.status.SetText(what)
	s.busy.Show()
	s.busy.Start()
	s.stop.Show()
	go func() {
		qc, err := work(ctx)
		uiDo(func() {
			if ctx.Err() != nil {
				s.status.SetText(lang.L("Cancelled."))
			} else {
				s.show(qc, err)
			}
			s.idle()
		})
	}()
}

func (s *checkScreen) idle() {
	s.busy.Stop()
	s.busy.Hide()
	s.stop.Hide()
}

// cancel stops the work in progress, if any.
func (s *checkScreen) cancel() {
	if s.running != nil {
		s.running()
		s.running = nil
	}
	s.idle()
}

func (s *checkScreen) show(qc app.QuickCheck, err error) {
	if err != nil {
		s.status.SetText(lang.L("The check failed:") + " " + err.Error())
		return
	}
	s.last = &qc
	s.saveBtn.Enable()
	s.status.SetText(fmt.Sprintf(lang.L("Checked %s. Nothing is stored unless you save it to a case."), qc.Source))
	s.result.Objects = []fyne.CanvasObject{reportView(qc.Result, qc.Text, nil)}
	s.result.Refresh()
}

func (s *checkScreen) onSave() {
	s.ww.touch()
	if s.last == nil {
		return
	}
	i := s.caseSel.SelectedIndex()
	if i < 0 || i >= len(s.cases) {
		s.status.SetText(lang.L("Choose the case to save the check to."))
		return
	}
	id, err := s.ww.ws.SaveCheck(context.Background(), s.cases[i].ID, *s.last)
	if err != nil {
		s.status.SetText(lang.L("The check was not saved:") + " " + err.Error())
		return
	}
	s.status.SetText(fmt.Sprintf(lang.L("Saved to case %s as %s, and logged."), s.cases[i].Name, id))
	s.saveBtn.Disable()
}
