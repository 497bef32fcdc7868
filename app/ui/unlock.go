package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// unlockScreen asks for the passphrase, or on first start creates the store.
type unlockScreen struct {
	cfg      app.StoreConfig
	create   bool
	officer  *widget.Entry
	region   *widget.Entry
	pass     *widget.Entry
	repeat   *widget.Entry
	button   *widget.Button
	status   *widget.Label
	unlocked func(*app.Workstation)
	content  fyne.CanvasObject
}

func newUnlockScreen(cfg app.StoreConfig, unlocked func(*app.Workstation)) *unlockScreen {
	s := &unlockScreen{cfg: cfg, create: !store.Exists(cfg.Dir), unlocked: unlocked}
	s.pass = widget.NewPasswordEntry()
	s.pass.SetPlaceHolder(lang.L("Passphrase"))
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle(lang.L("Unlock the evidence store"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	where := widget.NewLabel(lang.L("Store:") + " " + cfg.Dir)
	where.Wrapping = fyne.TextWrapBreak
	form := widget.NewForm(widget.NewFormItem(lang.L("Passphrase"), s.pass))
	s.button = widget.NewButton(lang.L("Unlock"), s.onSubmit)
	if s.create {
		title.SetText(lang.L("Create a new evidence store"))
		s.officer = widget.NewEntry()
		s.officer.SetPlaceHolder(lang.L("Your name, as it will appear in the custody log"))
		s.region = widget.NewEntry()
		s.region.SetPlaceHolder(lang.L("e.g. IT"))
		s.repeat = widget.NewPasswordEntry()
		s.repeat.SetPlaceHolder(lang.L("Repeat the passphrase"))
		form = widget.NewForm(
			widget.NewFormItem(lang.L("Officer"), s.officer),
			widget.NewFormItem(lang.L("Case region"), s.region),
			widget.NewFormItem(lang.L("Passphrase"), s.pass),
			widget.NewFormItem(lang.L("Repeat"), s.repeat))
		s.button.SetText(lang.L("Create store"))
		s.repeat.OnSubmitted = func(string) { s.onSubmit() }
	}
	s.pass.OnSubmitted = func(string) { s.onSubmit() }
	s.button.Importance = widget.HighImportance
	// A transparent strut gives the form a readable width inside the centring container.
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(520, 0))
	s.content = container.NewCenter(container.NewStack(strut, container.NewVBox(title, where, form, s.button, s.status)))
	return s
}

func (s *unlockScreen) onSubmit() {
	pass := []byte(s.pass.Text)
	if len(pass) == 0 {
		s.status.SetText(lang.L("Type the passphrase first."))
		return
	}
	if s.create && store.PassphraseLen([]byte(s.pass.Text)) < store.MinPassphraseLen {
		s.status.SetText(fmt.Sprintf(lang.L("A new passphrase needs at least %d characters: a few words are easier to remember than a short code."), store.MinPassphraseLen))
		return
	}
	if s.create && s.pass.Text != s.repeat.Text {
		s.status.SetText(lang.L("The two passphrases differ."))
		return
	}
	s.button.Disable()
	s.status.SetText(lang.L("Unlocking…"))
	cfg := s.cfg
	cfg.Passphrase = pass
	create := s.create
	var settings app.Settings
	if create {
		settings = app.Settings{Officer: s.officer.Text, Region: s.region.Text}
	}
	go func() {
		var w *app.Workstation
		var err error
		if create {
			w, err = app.Create(context.Background(), cfg, settings)
		} else {
			w, err = app.Unlock(context.Background(), cfg)
		}
		uiDo(func() { s.done(w, err) })
	}()
}

// done shows the outcome; the status text is set last, as the sign that the screen is ready.
func (s *unlockScreen) done(w *app.Workstation, err error) {
	s.button.Enable()
	switch {
	case errors.Is(err, store.ErrWrongPassphrase):
		s.pass.SetText("")
		s.status.SetText(lang.L("Wrong passphrase. Nothing was changed; try again."))
	case errors.Is(err, store.ErrLocked):
		s.status.SetText(lang.L("This store is open in another running workstation. Close it there first."))
	case err != nil:
		s.status.SetText(lang.L("Could not open the store:") + " " + err.Error())
	default:
		s.status.SetText("")
		s.pass.SetText("")
		s.unlocked(w)
	}
}
