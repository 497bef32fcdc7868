package analysis

import (
	"fmt"
	"image"
	"image/color"

	"github.com/corona10/goimagehash"
	"golang.org/x/image/draw"
)

// imageThumbSize is the side of the square the hashes are computed from. The hashes look at
// 64×64 (pHash) and 9×8 (dHash) pixels at most; a first anti-aliased step to 256×256 keeps them
// fast on large photos and lets the orientation be applied to a small copy.
const imageThumbSize = 256

// imageHashes returns the pHash and dHash of img as it is meant to be seen: turned upright by
// its EXIF orientation (so that a camera original and a copy re-saved upright match) and laid
// on white (so that transparency reads as the white most viewers show).
func imageHashes(img image.Image, orientation int) (phash, dhash string, err error) {
	thumb := image.NewRGBA(image.Rect(0, 0, imageThumbSize, imageThumbSize))
	draw.Draw(thumb, thumb.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	draw.BiLinear.Scale(thumb, thumb.Bounds(), img, img.Bounds(), draw.Over, nil)
	upright := imageOrient(thumb, orientation)
	p, err := goimagehash.PerceptionHash(upright)
	if err != nil {
		return "", "", fmt.Errorf("analysis: perceptual hash: %w", err)
	}
	d, err := goimagehash.DifferenceHash(upright)
	if err != nil {
		return "", "", fmt.Errorf("analysis: difference hash: %w", err)
	}
	return fmt.Sprintf("%016x", p.GetHash()), fmt.Sprintf("%016x", d.GetHash()), nil
}

// imageOrient applies an EXIF orientation (1–8) to a square image: the stored picture is
// mirrored and rotated into the one a viewer shows.
func imageOrient(src *image.RGBA, orientation int) *image.RGBA {
	if orientation < 2 || orientation > 8 {
		return src
	}
	n := src.Bounds().Dx() - 1
	dst := image.NewRGBA(src.Bounds())
	for y := 0; y <= n; y++ {
		for x := 0; x <= n; x++ {
			sx, sy := imageOrientSource(x, y, n, orientation)
			dst.SetRGBA(x, y, src.RGBAAt(sx, sy))
		}
	}
	return dst
}

// imageOrientSource maps a displayed pixel to the stored one, for a square of side n+1.
func imageOrientSource(x, y, n, orientation int) (int, int) {
	switch orientation {
	case 2: // mirrored
		return n - x, y
	case 3: // upside down
		return n - x, n - y
	case 4: // mirrored upside down
		return x, n - y
	case 5: // transposed
		return y, x
	case 6: // stored turned 90° anticlockwise: turn clockwise
		return y, n - x
	case 7: // transversed
		return n - y, n - x
	case 8: // stored turned 90° clockwise: turn anticlockwise
		return n - y, x
	}
	return x, y
}
