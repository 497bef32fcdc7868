package analysis

import (
	"bytes"
	"image"
	"image/png"

	"github.com/disintegration/imaging"
)

// Thumbnail returns a small PNG of the top of an image, width pixels wide and at most
// width×3/4 high: the first screen of a page, which is what a reviewer recognises in a list.
// The image is checked against limits before it is decoded, like every image here. A
// thumbnail is derived data for display, never evidence: the original stays as it was.
func Thumbnail(data []byte, width int, limits ImageLimits) ([]byte, error) {
	if _, _, err := imageCheckHeader(data, limits.withDefaults()); err != nil {
		return nil, err
	}
	img, err := imageDecode(data)
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	if h := b.Dx() * 3 / 4; b.Dy() > h {
		img = imaging.Crop(img, image.Rect(b.Min.X, b.Min.Y, b.Max.X, b.Min.Y+h))
	}
	if img.Bounds().Dx() > width {
		img = imaging.Resize(img, width, 0, imaging.Box)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
