package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"time"

	"github.com/intercepted-eu/workstation/capture"
)

// TestResult builds a capture result without a browser, for tests and benchmarks of what
// comes after a capture (storage, analysis, the GUI's lists): a 640×480 screenshot of one
// colour, the page text, and one embedded image when withImage is set. Real captures come
// from capture.Browser.
func TestResult(url, title, text string, shade uint8, withImage bool) *capture.Result {
	now := time.Now().UTC()
	res := &capture.Result{Record: capture.Record{RequestedURL: url, FinalURL: url, Title: title, Status: 200,
		Started: now, Finished: now, LocalZone: "UTC", Clock: "system clock", Browser: "test", Mode: "on-demand",
		Viewport: capture.Size{Width: 640, Height: 480}, PageSize: capture.Size{Width: 640, Height: 480},
		Outcome: capture.OutcomeComplete}}
	res.Artifacts = append(res.Artifacts,
		capture.NewArtifact(capture.KindScreenshot, "screenshot.png", "image/png", testPNG(640, 480, shade), "test screenshot"),
		capture.NewArtifact(capture.KindText, "text.txt", "text/plain; charset=utf-8", []byte(text), "test text"))
	if withImage {
		a := capture.NewArtifact(capture.KindImage, "images/001.png", "image/png", testPNG(120, 80, 255-shade), "test image")
		a.SourceURL = url + "/photo.png"
		res.Artifacts = append(res.Artifacts, a)
	}
	return res
}

func testPNG(w, h int, shade uint8) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{shade, uint8(x), uint8(y), 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
