package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the decoders ads use; registered here, the one place that decodes images
	_ "image/jpeg"
	_ "image/png"

	_ "golang.org/x/image/bmp"
	_ "golang.org/x/image/webp"
)

// imageCheckHeader reads only the header of an image and refuses it if the pixels it declares
// or its size are over the limits: decoders allocate the whole declared canvas up front, so a
// 30000×30000 PNG of a few hundred bytes would otherwise ask for 3.6 GB.
func imageCheckHeader(data []byte, limits ImageLimits) (image.Config, string, error) {
	if int64(len(data)) > limits.MaxBytes {
		return image.Config{}, "", fmt.Errorf("%w: %d bytes, limit %d", ErrImageTooLarge, len(data), limits.MaxBytes)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return image.Config{}, "", imageUnreadable(err)
	}
	if err := imageCheckPixels(cfg.Width, cfg.Height, limits); err != nil {
		return cfg, format, err
	}
	if format == "webp" {
		// An extended WebP declares its canvas in VP8X, but the decoder allocates what the
		// frame inside declares, which may be larger.
		for _, wh := range webpFrameSizes(data) {
			if err := imageCheckPixels(wh[0], wh[1], limits); err != nil {
				return cfg, format, err
			}
		}
	}
	return cfg, format, nil
}

func imageCheckPixels(w, h int, limits ImageLimits) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: declares %d×%d pixels", ErrImageUnreadable, w, h)
	}
	if int64(w)*int64(h) > limits.MaxPixels {
		return fmt.Errorf("%w: declares %d×%d = %d pixels, limit %d", ErrImageTooLarge, w, h, int64(w)*int64(h), limits.MaxPixels)
	}
	return nil
}

func imageUnreadable(err error) error {
	if errors.Is(err, image.ErrFormat) {
		return fmt.Errorf("%w: unknown format", ErrImageUnreadable)
	}
	return fmt.Errorf("%w: %v", ErrImageUnreadable, err)
}

// imageDecode decodes an image whose header imageCheckHeader accepted. Captured images are
// hostile input: a decoder bug that panics must cost one image, not the workstation.
func imageDecode(data []byte) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("%w: decoder failed: %v", ErrImageUnreadable, r)
		}
	}()
	img, _, err = image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, imageUnreadable(err)
	}
	return img, nil
}
