package ui

import (
	"image"

	"golang.org/x/image/draw"
)

// blurred returns a copy of im that shows shapes and colours but no detail: it is shrunk to
// about 24 pixels across and drawn back at full size by the canvas, smoothly. It protects the
// reviewer of sexual-exploitation material; the evidence itself is never changed.
func blurred(im image.Image) image.Image {
	b := im.Bounds()
	w := 24
	h := max(1, b.Dy()*w/max(1, b.Dx()))
	small := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(small, small.Bounds(), im, b, draw.Src, nil)
	return small
}
