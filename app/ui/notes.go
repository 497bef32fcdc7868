package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// notesPanel shows and adds a capture's notes and sets its tags; each change is a new version
// in the store and an entry in the custody log.
type notesPanel struct {
	ww      *workstationWindow
	capture string
	tags    *widget.Entry
	note    *widget.Entry
	list    *fyne.Container
	status  *widget.Label
	content fyne.CanvasObject
}

func newNotesPanel(ww *workstationWindow, captureID string) *notesPanel {
	p := &notesPanel{ww: ww, capture: captureID}
	p.tags = widget.NewEntry()
	p.tags.SetPlaceHolder(lang.L("Tags, separated by commas"))
	p.tags.OnChanged = func(string) { ww.touch() }
	if tags, err := ww.ws.Tags(context.Background(), captureID); err == nil {
		p.tags.SetText(strings.Join(tags, ", "))
	}
	saveTags := widget.NewButton(lang.L("Save tags"), p.onSaveTags)
	p.note = widget.NewMultiLineEntry()
	p.note.SetPlaceHolder(lang.L("A note on this capture (who, what, why it matters)"))
	p.note.SetMinRowsVisible(3)
	p.note.OnChanged = func(string) { ww.touch() }
	add := widget.NewButton(lang.L("Add note"), p.onAddNote)
	add.Importance = widget.HighImportance
	p.status = widget.NewLabel("")
	p.list = container.NewVBox()
	p.show()
	p.content = container.NewVScroll(container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Tags")), saveTags, p.tags),
		p.note, container.NewHBox(add), p.status, widget.NewSeparator(), p.list))
	return p
}

func (p *notesPanel) show() {
	notes, err := p.ww.ws.Notes(context.Background(), p.capture)
	p.list.Objects = nil
	if err != nil {
		p.list.Add(wrapped(err.Error()))
	}
	if len(notes) == 0 {
		p.list.Add(wrapped(lang.L("No notes yet.")))
	}
	for _, n := range notes {
		head := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s · %s %d", n.Author, utc(n.Written), lang.L("version"), n.Version),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		body := widget.NewLabel(n.Text)
		body.Wrapping = fyne.TextWrapWord
		p.list.Add(container.NewVBox(head, body))
	}
	p.list.Refresh()
}

func (p *notesPanel) onAddNote() {
	p.ww.touch()
	if _, err := p.ww.ws.AddNote(context.Background(), p.capture, p.note.Text); err != nil {
		p.status.SetText(lang.L("The note was not saved:") + " " + err.Error())
		return
	}
	p.note.SetText("")
	p.status.SetText(lang.L("Note saved and logged."))
	p.show()
}

func (p *notesPanel) onSaveTags() {
	p.ww.touch()
	tags, err := p.ww.ws.SetTags(context.Background(), p.capture, strings.Split(p.tags.Text, ","))
	if err != nil {
		p.status.SetText(lang.L("The tags were not saved:") + " " + err.Error())
		return
	}
	p.tags.SetText(strings.Join(tags, ", "))
	p.status.SetText(lang.L("Tags saved and logged."))
}
