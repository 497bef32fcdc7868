package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/bits"
	"strconv"
)

// ImageLimits bound what is decoded. Zero values take the defaults (40 megapixels, 50 MB of
// input).
type ImageLimits struct {
	MaxPixels int64 // width × height as declared in the header, checked before any decoding
	MaxBytes  int64 // size of the encoded input
}

// Default image limits: a 40-megapixel RGBA image is 160 MB in memory, the most one decode may
// cost on an investigator's laptop; 50 MB is more than any ad photo.
const (
	DefaultMaxImagePixels = 40_000_000
	DefaultMaxImageBytes  = 50 << 20
)

func (l ImageLimits) withDefaults() ImageLimits {
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxImagePixels
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxImageBytes
	}
	return l
}

var (
	// ErrImageTooLarge: an image whose declared size is over the limit (a decompression bomb):
	// it is not decoded.
	ErrImageTooLarge = errors.New("image is too large to decode safely (over the pixel or byte limit; possibly a decompression bomb)")
	// ErrImageUnreadable: the bytes are not a complete JPEG, PNG, GIF, WebP or BMP image.
	ErrImageUnreadable = errors.New("image is unreadable (truncated, corrupt, or not a JPEG, PNG, GIF, WebP or BMP)")
)

// ImageInfo is what the analyzer knows of one image.
type ImageInfo struct {
	SHA256 string `json:"sha256"` // of the bytes as captured
	Format string `json:"format"` // "jpeg", "png", "gif", "webp", "bmp"
	Width  int    `json:"width"`
	Height int    `json:"height"`
	// Perceptual hashes of the upright picture (EXIF orientation applied), 64 bits as 16 hex
	// digits (goimagehash pHash and dHash); empty if not decodable. See HashDistance.
	PHash string    `json:"phash,omitempty"`
	DHash string    `json:"dhash,omitempty"`
	EXIF  *EXIFInfo `json:"exif,omitempty"` // nil when none
}

// EXIFInfo is the EXIF metadata that can tie a photo to a device, a time and a place.
type EXIFInfo struct {
	Make             string    `json:"make,omitempty"`
	Model            string    `json:"model,omitempty"`
	Software         string    `json:"software,omitempty"`
	DateTimeOriginal string    `json:"date_time_original,omitempty"` // as written: "2024:05:01 13:45:00", camera local time
	GPS              *GPSPoint `json:"gps,omitempty"`
	Orientation      int       `json:"orientation,omitempty"` // 1–8 as in EXIF; 0 when absent
}

// GPSPoint is a position in decimal degrees (WGS 84), south and west negative.
type GPSPoint struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// AnalyzeImage hashes, measures and reads the metadata of one image. Its header is checked
// against limits before anything is decoded. On error the info still carries what was learnt:
// always the SHA-256, and the format, size and EXIF when the header was readable.
func AnalyzeImage(data []byte, limits ImageLimits) (ImageInfo, error) {
	sum := sha256.Sum256(data)
	info := ImageInfo{SHA256: hex.EncodeToString(sum[:])}
	cfg, format, err := imageCheckHeader(data, limits.withDefaults())
	if err != nil {
		return info, err
	}
	info.Format, info.Width, info.Height = format, cfg.Width, cfg.Height
	info.EXIF = readEXIF(format, data)
	img, err := imageDecode(data)
	if err != nil {
		return info, err
	}
	orientation := 0
	if info.EXIF != nil {
		orientation = info.EXIF.Orientation
	}
	info.PHash, info.DHash, err = imageHashes(img, orientation)
	return info, err
}

// SamePhotoDistance is the largest pHash distance at which two images count as the same photo
// (resized, re-encoded, lightly edited).
const SamePhotoDistance = 10

// HashDistance returns the Hamming distance between two 16-hex-digit hashes (for "same photo in
// other ads": ≤ 10 for pHash counts as the same photo).
func HashDistance(a, b string) (int, error) {
	x, err := parseImageHash(a)
	if err != nil {
		return 0, err
	}
	y, err := parseImageHash(b)
	if err != nil {
		return 0, err
	}
	return bits.OnesCount64(x ^ y), nil
}

func parseImageHash(s string) (uint64, error) {
	v, err := strconv.ParseUint(s, 16, 64)
	if len(s) != 16 || err != nil {
		return 0, fmt.Errorf("analysis: %q is not an image hash (want 16 hex digits)", s)
	}
	return v, nil
}
