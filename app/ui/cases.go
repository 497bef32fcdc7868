package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/store"
)

// casesScreen lists, searches, creates and opens cases.
type casesScreen struct {
	ww      *workstationWindow
	all     []store.Case
	shown   []store.Case // all, filtered by the search
	list    *widget.List
	search  *widget.Entry
	name    *widget.Entry
	ref     *widget.Entry
	region  *widget.Entry
	status  *widget.Label
	content fyne.CanvasObject
}

func newCasesScreen(ww *workstationWindow) *casesScreen {
	s := &casesScreen{ww: ww}
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(
		func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("case name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel("2026-01-01 · officer"), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := s.shown[i]
			row := o.(*fyne.Container)
			title := c.Name
			if c.Reference != "" {
				title += "  ·  " + c.Reference
			}
			row.Objects[0].(*widget.Label).SetText(title)
			row.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s · %s", c.Created.UTC().Format(time.DateOnly), c.Officer, c.ID))
		})
	s.list.OnSelected = func(i widget.ListItemID) {
		s.list.UnselectAll()
		if i < len(s.shown) {
			ww.openCase(s.shown[i].ID)
		}
	}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search cases by name, reference or officer"))
	s.search.OnChanged = func(string) { ww.touch(); s.filter() }
	s.name = widget.NewEntry()
	s.name.SetPlaceHolder(lang.L("Case name"))
	s.name.OnSubmitted = func(string) { s.onCreate() }
	s.ref = widget.NewEntry()
	s.ref.SetPlaceHolder(lang.L("Reference number"))
	s.region = widget.NewEntry()
	s.region.SetPlaceHolder(lang.L("Region, e.g. IT"))
	create := widget.NewButton(lang.L("New case"), s.onCreate)
	create.Importance = widget.HighImportance
	form := container.NewBorder(nil, nil, nil, create,
		container.NewGridWithColumns(3, s.name, s.ref, s.region))
	newBox := widget.NewCard("", lang.L("Open a new case"), form)
	top := container.NewVBox(newBox, s.status, s.search)
	s.content = container.NewBorder(top, nil, nil, nil, s.list)
	s.refresh()
	return s
}

func (s *casesScreen) refresh() {
	cases, err := s.ww.ws.Store().Cases(context.Background())
	if err != nil {
		s.status.SetText(lang.L("Could not list the cases:") + " " + err.Error())
		return
	}
	s.all = cases
	s.filter()
	none := lang.L("No cases yet. Type a case name (and a reference, if you have one) and press New case.")
	switch {
	case len(cases) == 0:
		s.status.SetText(none)
	case s.status.Text == none:
		s.status.SetText("")
	}
}

func (s *casesScreen) filter() {
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	s.shown = s.shown[:0]
	for i := len(s.all) - 1; i >= 0; i-- { // newest first
		c := s.all[i]
		if q == "" || strings.Contains(strings.ToLower(c.Name+" "+c.Reference+" "+c.Officer+" "+c.ID), q) {
			s.shown = append(s.shown, c)
		}
	}
	s.list.Refresh()
}

func (s *casesScreen) onCreate() {
	s.ww.touch()
	c, err := s.ww.ws.NewCase(context.Background(), store.CaseInfo{Name: s.name.Text, Reference: s.ref.Text, Region: strings.TrimSpace(s.region.Text)})
	if err != nil {
		s.status.SetText(lang.L("Could not create the case:") + " " + err.Error())
		return
	}
	s.name.SetText("")
	s.ref.SetText("")
	s.region.SetText("")
	s.status.SetText(fmt.Sprintf(lang.L("Created case %s. It is saved and logged."), c.Name))
	s.refresh()
	s.ww.openCase(c.ID)
}
