package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// casesScreen lists the cases and creates new ones.
type casesScreen struct {
	w       *app.Workstation
	cases   []store.Case
	list    *widget.List
	name    *widget.Entry
	ref     *widget.Entry
	status  *widget.Label
	header  *widget.Label
	content fyne.CanvasObject
}

func newCasesScreen(w *app.Workstation, lock func()) *casesScreen {
	s := &casesScreen{w: w}
	s.header = widget.NewLabel("")
	s.status = widget.NewLabel("")
	s.list = widget.NewList(
		func() int { return len(s.cases) },
		func() fyne.CanvasObject { return widget.NewLabel("case name and reference") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.cases[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s   %s   %s   %s", c.Name, c.Reference, c.Created.Format(time.DateOnly), c.ID))
		})
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder("Case name")
	s.name.OnSubmitted = func(string) { s.onCreate() }
	s.ref = widget.NewEntry()
	s.ref.SetPlaceHolder("Reference number")
	create := widget.NewButton("New case", s.onCreate)
	create.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, nil, widget.NewButton("Lock", lock), s.header)
	form := container.NewBorder(nil, nil, nil, create, container.NewGridWithColumns(2, s.name, s.ref))
	s.content = container.NewBorder(container.NewVBox(top, form, s.status), nil, nil, nil, s.list)
	s.refresh()
	return s
}

func (s *casesScreen) refresh() {
	cases, err := s.w.Store().Cases(context.Background())
	if err != nil {
		s.status.SetText("Could not list cases: " + err.Error())
		return
	}
	s.cases = cases
	if len(cases) == 0 && s.status.Text == "" {
		s.status.SetText("No cases yet. Type a case name (and a reference, if you have one) and press New case.")
	}
	s.header.SetText(fmt.Sprintf("Officer %s · workstation %s · %d case(s)", s.w.Officer(), s.w.Store().WorkstationID(), len(cases)))
	s.list.Refresh()
}

func (s *casesScreen) onCreate() {
	c, err := s.w.NewCase(context.Background(), store.CaseInfo{Name: s.name.Text, Reference: s.ref.Text})
	if err != nil {
		s.status.SetText("Could not create the case: " + err.Error())
		return
	}
	s.name.SetText("")
	s.ref.SetText("")
	s.status.SetText(fmt.Sprintf("Created case %s. It is saved and logged.", c.ID))
	s.refresh()
}
