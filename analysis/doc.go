// Package analysis will be the on-device indicator analyzer: pure functions from text and image
// bytes to explained findings (normalisation with offset maps, multilingual indicator rule packs,
// entities such as phones and handles, perceptual hashes, EXIF and OCR). It imports neither the
// store, nor the browser, nor Fyne.
//
// Not built yet: see the analyzer issue.
package analysis
