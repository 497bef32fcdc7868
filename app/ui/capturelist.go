package ui

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// captureList is a case's captures, newest first, in a virtualised list: only the rows on
// screen exist as widgets, and a row's thumbnail is read from the store when the row is shown,
// so the list stays smooth with 100,000 captures.
type captureList struct {
	ww       *workstationWindow
	all      []app.CaptureSummary // oldest first, as stored
	index    map[string]int       // capture ID → position in all
	shown    []int                // positions in all, newest first, after the filter
	filter   *widget.Entry
	list     *widget.List
	thumbs   *thumbCache
	selected string
	onSelect func(app.CaptureSummary)
	content  fyne.CanvasObject
}

func newCaptureList(ww *workstationWindow, onSelect func(app.CaptureSummary)) *captureList {
	l := &captureList{ww: ww, index: map[string]int{}, onSelect: onSelect}
	l.thumbs = newThumbCache(ww, func() { l.list.Refresh() })
	l.list = widget.NewList(func() int { return len(l.shown) }, newCaptureRow, l.updateRow)
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < len(l.shown) {
			c := l.all[l.shown[i]]
			l.selected = c.ID
			l.onSelect(c)
		}
	}
	l.filter = widget.NewEntry()
	l.filter.SetPlaceHolder(lang.L("Filter captures: address, title, level"))
	l.filter.OnChanged = func(string) { ww.touch(); l.refilter() }
	l.content = container.NewBorder(l.filter, nil, nil, nil, l.list)
	return l
}

// thumbSize is the size of a row's thumbnail, in Fyne units.
var thumbSize = fyne.NewSize(96, 72)

func newCaptureRow() fyne.CanvasObject {
	img := canvas.NewImageFromImage(nil)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(thumbSize)
	url := widget.NewLabelWithStyle("https://example.test/a/long/address", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	url.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel("2026-01-01 00:00:00 UTC")
	when.Truncation = fyne.TextTruncateEllipsis
	level := widget.NewLabel("MEDIUM")
	saved := widget.NewLabel("saved and hashed")
	saved.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, img, nil,
		container.NewVBox(url, container.NewBorder(nil, nil, nil, level, when), saved))
}

func (l *captureList) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.shown) {
		return
	}
	c := l.all[l.shown[i]]
	row := o.(*fyne.Container)
	texts := row.Objects[0].(*fyne.Container)
	img := row.Objects[1].(*canvas.Image)
	texts.Objects[0].(*widget.Label).SetText(c.URL)
	line := texts.Objects[1].(*fyne.Container)
	line.Objects[0].(*widget.Label).SetText(utc(c.Started) + " · " + outcomeWord(c.Outcome))
	level := line.Objects[1].(*widget.Label)
	setLevel(level, c)
	saved := texts.Objects[2].(*widget.Label)
	if c.ID != "" {
		saved.SetText("✔ " + lang.L("saved and hashed") + " · " + c.ID)
	} else {
		saved.SetText("✘ " + lang.L("not saved"))
	}
	im := l.thumbs.get(c.Thumbnail, c.Sensitive) // sensitive ones always blurred in the list
	if img.Image != im {
		img.Image = im
		img.Refresh()
	}
}

// setLevel shows a capture's risk level in words and colour.
func setLevel(lb *widget.Label, c app.CaptureSummary) {
	lb.TextStyle = fyne.TextStyle{Bold: true}
	switch {
	case !c.Analysed:
		lb.Text, lb.Importance = lang.L("analysing…"), widget.LowImportance
	default:
		lb.Text, lb.Importance = levelWord(c.Level), levelImportance(c.Level)
	}
	lb.Refresh()
}

func levelWord(level string) string {
	switch level {
	case analysis.LevelHigh:
		return lang.L("HIGH")
	case analysis.LevelMedium:
		return lang.L("MEDIUM")
	case analysis.LevelLow:
		return lang.L("low")
	}
	return lang.L("none")
}

func levelImportance(level string) widget.Importance {
	switch level {
	case analysis.LevelHigh:
		return widget.DangerImportance
	case analysis.LevelMedium:
		return widget.WarningImportance
	case analysis.LevelLow:
		return widget.MediumImportance
	}
	return widget.LowImportance
}

func outcomeWord(o string) string {
	switch o {
	case "complete":
		return lang.L("complete")
	case "partial":
		return lang.L("partial")
	case "failed":
		return lang.L("failed")
	}
	return o
}

// set replaces the list's captures.
func (l *captureList) set(sums []app.CaptureSummary) {
	l.all = sums
	l.index = make(map[string]int, len(sums))
	for i, c := range sums {
		l.index[c.ID] = i
	}
	l.refilter()
}

// upsert adds a new capture on top, or updates one the list has.
func (l *captureList) upsert(c app.CaptureSummary) {
	if i, ok := l.index[c.ID]; ok {
		l.all[i] = c
		l.list.Refresh()
		return
	}
	l.index[c.ID] = len(l.all)
	l.all = append(l.all, c)
	l.refilter()
}

func (l *captureList) refilter() {
	q := strings.ToLower(strings.TrimSpace(l.filter.Text))
	l.shown = l.shown[:0]
	for i := len(l.all) - 1; i >= 0; i-- {
		if c := l.all[i]; q == "" || strings.Contains(strings.ToLower(c.URL+" "+c.Title+" "+c.Level+" "+levelWord(c.Level)+" "+c.ID), q) {
			l.shown = append(l.shown, i)
		}
	}
	l.list.Refresh()
}

// counts returns the number of captures and those at high and medium level.
func (l *captureList) counts() (n, high, medium int) {
	for _, c := range l.all {
		switch c.Level {
		case analysis.LevelHigh:
			high++
		case analysis.LevelMedium:
			medium++
		}
	}
	return len(l.all), high, medium
}

func (l *captureList) unanalysed() []app.CaptureSummary {
	var out []app.CaptureSummary
	for _, c := range l.all {
		if !c.Analysed && c.ID != "" {
			out = append(out, c)
		}
	}
	return out
}

// thumbCache reads thumbnails from the store in the background and keeps the most recent.
type thumbCache struct {
	ww      *workstationWindow
	mu      sync.Mutex
	images  map[thumbKey]image.Image
	pending map[thumbKey]bool
	queue   chan thumbKey
	stopped bool
	loaded  func()
}

type thumbKey struct {
	id   store.Hash
	blur bool
}

// maxThumbs bounds the cache: a few screens of rows.
const maxThumbs = 1000

func newThumbCache(ww *workstationWindow, loaded func()) *thumbCache {
	return &thumbCache{ww: ww, images: map[thumbKey]image.Image{}, pending: map[thumbKey]bool{}, loaded: loaded}
}

// get returns the thumbnail if it is loaded, else nil after asking for it.
func (t *thumbCache) get(id store.Hash, blur bool) image.Image {
	if id.IsZero() {
		return nil
	}
	k := thumbKey{id, blur}
	t.mu.Lock()
	defer t.mu.Unlock()
	if im, ok := t.images[k]; ok {
		return im
	}
	if !t.pending[k] && !t.stopped {
		t.pending[k] = true
		if t.queue == nil {
			t.queue = make(chan thumbKey, 4096)
			go t.load(t.ww.ws)
		}
		select {
		case t.queue <- k:
		default:
			delete(t.pending, k) // asked again when the row is shown again
		}
	}
	return nil
}

// stop ends the loader; the list shows no new thumbnails after.
func (t *thumbCache) stop() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.stopped && t.queue != nil {
		close(t.queue)
	}
	t.stopped = true
}

// load reads queued thumbnails, then has the list redraw once per batch.
func (t *thumbCache) load(ws *app.Workstation) {
	for k := range t.queue {
		batch := []thumbKey{k}
		for more := true; more && len(batch) < 64; {
			select {
			case k2 := <-t.queue:
				batch = append(batch, k2)
			default:
				more = false
			}
		}
		for _, k := range batch {
			var im image.Image
			if b, err := ws.Store().ReadBlob(k.id); err == nil {
				im, _ = png.Decode(bytes.NewReader(b))
			}
			if im != nil && k.blur {
				im = blurred(im)
			}
			t.mu.Lock()
			if len(t.images) >= maxThumbs {
				clear(t.images)
			}
			if im == nil {
				im = image.NewGray(image.Rect(0, 0, 1, 1))
			}
			t.images[k] = im
			delete(t.pending, k)
			t.mu.Unlock()
		}
		uiDo(t.loaded)
	}
}
