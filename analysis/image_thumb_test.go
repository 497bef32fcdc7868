package analysis

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func TestThumbnail(t *testing.T) {
	// A tall page: red on top, blue below the first screen. The thumbnail keeps the top only.
	src := image.NewRGBA(image.Rect(0, 0, 1200, 5000))
	for y := range 5000 {
		c := color.RGBA{255, 0, 0, 255}
		if y >= 900 {
			c = color.RGBA{0, 0, 255, 255}
		}
		for x := range 1200 {
			src.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, src)
	out, err := Thumbnail(buf.Bytes(), 240, ImageLimits{})
	if err != nil {
		t.Fatal(err)
	}
	th, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := th.Bounds(); b.Dx() != 240 || b.Dy() != 180 {
		t.Fatalf("thumbnail is %v, want 240×180", b)
	}
	if r, _, bl, _ := th.At(120, 170).RGBA(); r < 0xf000 || bl > 0x1000 {
		t.Errorf("bottom of the thumbnail is not the top of the page: r=%x b=%x", r, bl)
	}
}

func TestThumbnailRefusesBombs(t *testing.T) {
	bomb := testBombPNG(30000, 30000)
	if _, err := Thumbnail(bomb, 240, ImageLimits{}); !errors.Is(err, ErrImageTooLarge) {
		t.Errorf("30000² PNG: err %v, want ErrImageTooLarge", err)
	}
	if _, err := Thumbnail([]byte("not an image"), 240, ImageLimits{}); !errors.Is(err, ErrImageUnreadable) {
		t.Errorf("garbage: err %v, want ErrImageUnreadable", err)
	}
}
