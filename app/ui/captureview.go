package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/capture"
)

// captureView shows one capture's evidence: the screenshot, the text with its indicator hits,
// entities, images, metadata and hashes, the transformation log, notes and tags. Opening it is
// logged as a view.
type captureView struct {
	ww       *workstationWindow
	c        app.StoredCapture
	analysed bool
	sa       app.StoredAnalysis
	f        app.Findings
	blur     *widget.Check
	shot     *screenshotView
	images   *fyne.Container
	status   *widget.Label
	tabs     *container.AppTabs
	content  fyne.CanvasObject
}

func newCaptureView(ww *workstationWindow, id string) (*captureView, error) {
	ctx := context.Background()
	c, err := ww.ws.ViewCapture(ctx, id)
	if err != nil {
		return nil, err
	}
	v := &captureView{ww: ww, c: c}
	v.sa, v.f, err = ww.ws.Analysis(ctx, id)
	switch {
	case err == nil:
		v.analysed = true
	case !errors.Is(err, app.ErrNotAnalysed):
		return nil, err
	}
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.blur = widget.NewCheck(lang.L("Blur images"), func(bool) { ww.touch(); v.showImages() })
	v.blur.Checked = v.sa.Sensitive // on by default for sexual-exploitation content
	extract := widget.NewButtonWithIcon(lang.L("Extract artifacts…"), theme.DownloadIcon(), v.onExtract)
	title := widget.NewLabelWithStyle(c.FinalURL, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	level := widget.NewLabel("")
	setLevel(level, app.CaptureSummary{Analysed: v.analysed, Level: v.sa.Level})
	head := container.NewBorder(nil, nil, level, container.NewHBox(v.blur, extract), title)

	v.shot = newScreenshotView()
	v.images = container.NewVBox()
	v.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Screenshot"), v.shot.content),
		container.NewTabItem(lang.L("Text and indicators"), v.textTab()),
		container.NewTabItem(lang.L("Entities"), entitiesTable(v.f.Text.Entities)),
		container.NewTabItem(lang.L("Images"), container.NewVScroll(v.images)),
		container.NewTabItem(lang.L("Metadata and hashes"), v.metaTab()),
		container.NewTabItem(lang.L("Transformations"), v.transformTab()),
		container.NewTabItem(lang.L("Notes and tags"), newNotesPanel(ww, c.ID).content))
	v.tabs.OnSelected = func(*container.TabItem) { ww.touch() }
	v.content = container.NewBorder(container.NewVBox(head, v.status), nil, nil, nil, v.tabs)
	v.loadScreenshot()
	v.showImages()
	return v, nil
}

func (v *captureView) artifact(kind string) *capture.Artifact {
	for i := range v.c.Artifacts {
		if v.c.Artifacts[i].Kind == kind {
			return &v.c.Artifacts[i]
		}
	}
	return nil
}

// loadScreenshot decodes the screenshot off the UI goroutine: a long page is a large image.
func (v *captureView) loadScreenshot() {
	a := v.artifact(capture.KindScreenshot)
	if a == nil {
		v.shot.message(lang.L("This capture has no screenshot."))
		return
	}
	ws, blur := v.ww.ws, v.blur.Checked
	v.shot.message(lang.L("Loading the screenshot…"))
	go func() {
		data, err := ws.ArtifactBytes(a)
		var im image.Image
		if err == nil {
			im, err = png.Decode(bytes.NewReader(data))
		}
		uiDo(func() {
			if err != nil {
				v.shot.message(lang.L("The screenshot could not be shown:") + " " + err.Error())
				return
			}
			v.shot.set(im, blur)
		})
	}()
}

// textTab is the page's text with the indicator hits marked, and the explained findings.
func (v *captureView) textTab() fyne.CanvasObject {
	if !v.analysed {
		return wrapped(lang.L("This capture is being analysed; open it again in a moment."))
	}
	text := ""
	if a := v.artifact(capture.KindText); a != nil {
		if b, err := v.ww.ws.ArtifactBytes(a); err == nil {
			text = string(b)
		}
	}
	return reportView(v.f.Text, text, v.imageResults())
}

func (v *captureView) imageResults() []imageResult {
	var out []imageResult
	for _, im := range v.f.Images {
		if im.Result != nil && len(im.Result.Hits) > 0 {
			out = append(out, imageResult{name: im.Name, res: *im.Result})
		}
	}
	return out
}

// showImages lists the embedded images with their hashes, EXIF and text, blurred when asked.
func (v *captureView) showImages() {
	v.shot.setBlur(v.blur.Checked)
	v.images.Objects = nil
	if len(v.f.Images) == 0 {
		v.images.Add(wrapped(lang.L("No embedded images were captured, or the capture is not analysed yet.")))
	}
	for _, im := range v.f.Images {
		v.images.Add(v.imageCard(im))
	}
	v.images.Refresh()
}

func (v *captureView) imageCard(im app.ImageFindings) fyne.CanvasObject {
	pic := canvas.NewImageFromImage(nil)
	pic.FillMode = canvas.ImageFillContain
	pic.SetMinSize(fyne.NewSize(160, 120))
	for _, a := range v.c.Artifacts {
		if a.Name == im.Name {
			if b, err := v.ww.ws.ArtifactBytes(&a); err == nil && im.Error == "" {
				if cfg, _, err := image.DecodeConfig(bytes.NewReader(b)); err == nil && cfg.Width*cfg.Height <= 4_000_000 {
					if dec, _, err := image.Decode(bytes.NewReader(b)); err == nil {
						if v.blur.Checked {
							dec = blurred(dec)
						}
						pic.Image = dec
					}
				}
			}
		}
	}
	lines := []string{im.Name, lang.L("From") + " " + im.SourceURL, "SHA-256 " + im.SHA256}
	if im.Error != "" {
		lines = append(lines, lang.L("Not readable:")+" "+im.Error)
	} else {
		lines = append(lines, fmt.Sprintf("%s %d×%d · pHash %s · dHash %s", im.Info.Format, im.Info.Width, im.Info.Height, im.Info.PHash, im.Info.DHash))
	}
	if e := im.Info.EXIF; e != nil {
		exif := "EXIF: " + strings.TrimSpace(e.Make+" "+e.Model)
		if e.DateTimeOriginal != "" {
			exif += " · " + lang.L("taken") + " " + e.DateTimeOriginal
		}
		if e.GPS != nil {
			exif += fmt.Sprintf(" · GPS %.5f, %.5f", e.GPS.Lat, e.GPS.Lon)
		}
		lines = append(lines, exif)
	}
	if im.OCR != nil && strings.TrimSpace(im.OCR.Text) != "" {
		lines = append(lines, lang.L("Text in the image (OCR):")+" "+strings.Join(strings.Fields(im.OCR.Text), " "))
	}
	if im.Result != nil && len(im.Result.Hits) > 0 {
		lines = append(lines, fmt.Sprintf(lang.L("Indicators in the image text: %d (level %s)"), len(im.Result.Hits), levelWord(im.Result.Level)))
	}
	info := widget.NewLabel(strings.Join(lines, "\n"))
	info.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, widget.NewSeparator(), pic, nil, info)
}

// metaTab is the capture record: what was asked, what came back, who took it, and every
// artifact's hash.
func (v *captureView) metaTab() fyne.CanvasObject {
	r, c := v.c.Record, v.c
	rows := [][2]string{
		{lang.L("Capture ID"), c.ID}, {lang.L("Record SHA-256"), c.RecordID.String()},
		{lang.L("Requested URL"), r.RequestedURL}, {lang.L("Final URL"), r.FinalURL}, {lang.L("Title"), r.Title},
		{lang.L("HTTP status"), fmt.Sprint(r.Status)}, {lang.L("Server IP"), r.ServerIP},
		{lang.L("Started (UTC)"), r.Started.UTC().Format("2006-01-02T15:04:05.000Z")},
		{lang.L("Finished (UTC)"), r.Finished.UTC().Format("2006-01-02T15:04:05.000Z")},
		{lang.L("Local time zone"), r.LocalZone}, {lang.L("Clock"), r.Clock}, {lang.L("Time cross-check"), r.TimeCrossCheck},
		{lang.L("Officer"), c.Officer}, {lang.L("Case"), c.Case}, {lang.L("Workstation"), c.Workstation}, {lang.L("Tool"), c.Tool},
		{lang.L("Rule packs"), c.RulePack}, {lang.L("Browser"), r.Browser}, {lang.L("User agent"), r.UserAgent},
		{lang.L("Viewport"), fmt.Sprintf("%d×%d", r.Viewport.Width, r.Viewport.Height)},
		{lang.L("Page size"), fmt.Sprintf("%d×%d", r.PageSize.Width, r.PageSize.Height)},
		{lang.L("Logged-in cookies sent"), yesNo(r.CookiesSent)}, {lang.L("Capture mode"), r.Mode},
		{lang.L("Outcome"), outcomeWord(r.Outcome)},
	}
	for _, rd := range r.Redirects {
		rows = append(rows, [2]string{lang.L("Redirect"), fmt.Sprintf("%d %s → %s", rd.Status, rd.URL, rd.Location)})
	}
	if t := r.TLS; t != nil {
		rows = append(rows, [2]string{"TLS", fmt.Sprintf("%s, %s; %s: %s; %s %s – %s", t.Protocol, t.Cipher, lang.L("issued by"), t.Issuer,
			lang.L("valid"), t.Valid[0].UTC().Format("2006-01-02"), t.Valid[1].UTC().Format("2006-01-02"))})
	}
	for _, p := range r.Problems {
		rows = append(rows, [2]string{lang.L("Problem"), p})
	}
	for _, a := range c.Artifacts {
		rows = append(rows, [2]string{a.Name, fmt.Sprintf("%s · %d %s · SHA-256 %s", a.MediaType, a.Size, lang.L("bytes"), a.SHA256)})
	}
	if v.analysed {
		rows = append(rows, [2]string{lang.L("Analysis"), fmt.Sprintf("%s · %s · %s", v.sa.ID, v.sa.Analyzed.UTC().Format("2006-01-02 15:04:05 UTC"), v.sa.RulePack)},
			[2]string{lang.L("Findings SHA-256"), v.sa.Findings.String()})
	}
	return keyValueList(rows)
}

// transformTab says, for each artifact, how it was made from the page.
func (v *captureView) transformTab() fyne.CanvasObject {
	var rows [][2]string
	for _, a := range v.c.Artifacts {
		rows = append(rows, [2]string{a.Name, a.Transformation})
	}
	return keyValueList(rows)
}

// keyValueList shows label/value rows in a virtualised list, values wrapped and selectable.
func keyValueList(rows [][2]string) fyne.CanvasObject {
	box := container.NewVBox()
	for _, r := range rows {
		k := widget.NewLabelWithStyle(r[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		val := widget.NewLabel(r[1])
		val.Wrapping = fyne.TextWrapBreak
		val.Selectable = true
		box.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(190, k.MinSize().Height), k), nil, val))
	}
	return container.NewVScroll(box)
}

func yesNo(b bool) string {
	if b {
		return lang.L("yes")
	}
	return lang.L("no")
}

// onExtract writes the capture's artifacts, unchanged, into a folder the officer picks.
func (v *captureView) onExtract() {
	v.ww.touch()
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		files, err := v.ww.ws.ExtractCapture(context.Background(), v.c.ID, dir.Path())
		if err != nil {
			v.status.SetText(lang.L("Extraction failed:") + " " + err.Error())
			return
		}
		v.status.SetText(fmt.Sprintf(lang.L("Wrote %d files into %s; each file's SHA-256 was checked after writing."), len(files), dir.Path()))
	}, v.ww.win)
}

// screenshotView shows a full-page screenshot, which may be 20,000 pixels tall, in tiles
// (graphics cards refuse very tall textures), scrolled and zoomed.
type screenshotView struct {
	img     image.Image
	blur    bool
	zoom    float32
	tiles   *fyne.Container
	scroll  *container.Scroll
	zoomLbl *widget.Label
	content fyne.CanvasObject
}

// tileHeight is the height of one tile in image pixels.
const tileHeight = 2048

func newScreenshotView() *screenshotView {
	s := &screenshotView{zoom: 0.5, tiles: container.NewVBox()}
	s.scroll = container.NewScroll(s.tiles)
	s.zoomLbl = widget.NewLabel("")
	out := widget.NewButtonWithIcon("", theme.ZoomOutIcon(), func() { s.setZoom(s.zoom / 1.25) })
	in := widget.NewButtonWithIcon("", theme.ZoomInIcon(), func() { s.setZoom(s.zoom * 1.25) })
	full := widget.NewButtonWithIcon(lang.L("Actual size"), theme.ZoomFitIcon(), func() { s.setZoom(1) })
	bar := container.NewHBox(out, s.zoomLbl, in, full)
	s.content = container.NewBorder(bar, nil, nil, nil, s.scroll)
	return s
}

func (s *screenshotView) message(text string) {
	s.img = nil
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	s.tiles.Objects = []fyne.CanvasObject{l}
	s.tiles.Refresh()
}

func (s *screenshotView) set(im image.Image, blur bool) {
	s.img, s.blur = im, blur
	s.layoutTiles()
}

func (s *screenshotView) setBlur(blur bool) {
	if s.img != nil && blur != s.blur {
		s.blur = blur
		s.layoutTiles()
	}
}

func (s *screenshotView) setZoom(z float32) {
	s.zoom = min(max(z, 0.1), 4)
	s.layoutTiles()
}

func (s *screenshotView) layoutTiles() {
	s.zoomLbl.SetText(fmt.Sprintf("%.0f%%", s.zoom*100))
	if s.img == nil {
		return
	}
	b := s.img.Bounds()
	s.tiles.Objects = nil
	for y := b.Min.Y; y < b.Max.Y; y += tileHeight {
		r := image.Rect(b.Min.X, y, b.Max.X, min(y+tileHeight, b.Max.Y))
		var part image.Image = subImage(s.img, r)
		if s.blur {
			part = blurred(part)
		}
		t := canvas.NewImageFromImage(part)
		t.FillMode = canvas.ImageFillStretch
		t.SetMinSize(fyne.NewSize(float32(r.Dx())*s.zoom, float32(r.Dy())*s.zoom))
		s.tiles.Add(t)
	}
	s.tiles.Refresh()
}

func subImage(im image.Image, r image.Rectangle) image.Image {
	if si, ok := im.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return si.SubImage(r)
	}
	return im
}

// imageResult is the analysis of the text read in one image.
type imageResult struct {
	name string
	res  analysis.Result
}
