package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/assets"
)

// settingsScreen edits the officer's settings; saving stores a new version, logged.
type settingsScreen struct {
	ww       *workstationWindow
	officer  *widget.Entry
	chromium *widget.Entry
	ocr      *widget.Entry
	region   *widget.Entry
	idle     *widget.Entry
	tsa      *widget.Entry
	language *widget.Select
	codes    []string // language codes in the order of language's options
	status   *widget.Label
	content  fyne.CanvasObject
}

func newSettingsScreen(ww *workstationWindow) *settingsScreen {
	st := ww.ws.Settings()
	s := &settingsScreen{ww: ww}
	s.officer = widget.NewEntry()
	s.officer.SetText(st.Officer)
	s.chromium = widget.NewEntry()
	s.chromium.SetText(st.ChromiumBin)
	s.chromium.SetPlaceHolder(lang.L("found automatically (e.g. /usr/lib/chromium/chromium)"))
	s.ocr = widget.NewEntry()
	s.ocr.SetText(strings.Join(ww.ws.OCRLangs(), "+"))
	s.region = widget.NewEntry()
	s.region.SetText(st.Region)
	s.region.SetPlaceHolder("IT")
	s.tsa = widget.NewEntry()
	s.tsa.SetText(st.TSAURL)
	s.tsa.SetPlaceHolder(lang.L("https://… (none)"))
	s.idle = widget.NewEntry()
	s.idle.SetText(strconv.Itoa(int(time.Duration(st.IdleLock).Minutes())))
	s.codes = append([]string{""}, assets.UILanguages...)
	var names []string
	for _, c := range s.codes {
		if c == "" {
			names = append(names, lang.L("System language"))
		} else {
			names = append(names, languageNames[c])
		}
	}
	s.language = widget.NewSelect(names, nil)
	for i, c := range s.codes {
		if c == st.UILanguage {
			s.language.SetSelectedIndex(i)
		}
	}
	for _, e := range []*widget.Entry{s.officer, s.chromium, s.ocr, s.region, s.idle, s.tsa} {
		e.OnChanged = func(string) { ww.touch() }
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Officer"), s.officer),
		widget.NewFormItem(lang.L("Default region"), s.region),
		widget.NewFormItem(lang.L("Chromium"), s.chromium),
		widget.NewFormItem(lang.L("OCR languages"), s.ocr),
		widget.NewFormItem(lang.L("Lock after (minutes idle)"), s.idle),
		widget.NewFormItem(lang.L("Timestamp authority (RFC 3161)"), s.tsa),
		widget.NewFormItem(lang.L("Language of the workstation"), s.language))
	form.Items[1].HintText = lang.L("for phone numbers written without +, e.g. IT, GR, ES, DE")
	form.Items[3].HintText = lang.L("Tesseract languages, all read at once, e.g. eng+ita+ell")
	form.Items[5].HintText = lang.L("captures and packages wait in a queue until it answers; empty: none")
	save := widget.NewButton(lang.L("Save settings"), s.onSave)
	save.Importance = widget.HighImportance
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.content = container.NewVScroll(container.NewVBox(form, container.NewHBox(save), s.status))
	return s
}

func (s *settingsScreen) onSave() {
	s.ww.touch()
	st := s.ww.ws.Settings()
	minutes, err := strconv.Atoi(strings.TrimSpace(s.idle.Text))
	if err != nil || minutes < 1 || minutes > 24*60 {
		s.status.SetText(lang.L("The idle time must be a number of minutes from 1 to 1440."))
		return
	}
	st.Officer = strings.TrimSpace(s.officer.Text)
	st.Region = strings.TrimSpace(s.region.Text)
	st.ChromiumBin = strings.TrimSpace(s.chromium.Text)
	st.OCRLangs = strings.FieldsFunc(s.ocr.Text, func(r rune) bool { return r == '+' || r == ',' || r == ' ' })
	st.IdleLock = app.Duration(time.Duration(minutes) * time.Minute)
	st.TSAURL = strings.TrimSpace(s.tsa.Text)
	if st.TSAURL != "" && !strings.HasPrefix(st.TSAURL, "http://") && !strings.HasPrefix(st.TSAURL, "https://") {
		s.status.SetText(lang.L("The timestamp authority must be an http:// or https:// address."))
		return
	}
	oldLang := st.UILanguage
	if i := s.language.SelectedIndex(); i >= 0 {
		st.UILanguage = s.codes[i]
	}
	if err := s.ww.ws.SaveSettings(context.Background(), st); err != nil {
		s.status.SetText(lang.L("The settings were not saved:") + " " + err.Error())
		return
	}
	s.ww.touch()
	if st.UILanguage != oldLang {
		if s.ww.prefs != nil {
			s.ww.prefs.SetString(prefUILanguage, st.UILanguage)
		}
		useLanguage(st.UILanguage)
		s.ww.closeCase()
		s.ww.showMain()
		s.ww.tabs.SelectIndex(3)
		s.ww.settings.status.SetText(lang.L("Settings saved as a new version, and logged."))
		return
	}
	s.status.SetText(lang.L("Settings saved as a new version, and logged."))
}
