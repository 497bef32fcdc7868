package app

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/intercepted-eu/workstation/capture"
)

func requireTesseract(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Fatalf("tesseract is not installed: apt-get install tesseract-ocr (%v)", err)
	}
}

// textImageArtifact draws a line of black text on white (DejaVu Sans, 40 px), as an ad banner.
func textImageArtifact(t testing.TB, line string) capture.Artifact {
	t.Helper()
	ttf, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
	if err != nil {
		t.Fatalf("font missing: apt-get install fonts-dejavu-core (%v)", err)
	}
	f, err := opentype.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 40, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	img := image.NewRGBA(image.Rect(0, 0, 900, 110))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face, Dot: fixed.P(30, 70)}
	d.DrawString(line)
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return capture.NewArtifact(capture.KindImage, "images/banner.png", "image/png", buf.Bytes(), "test banner")
}
