package assets

import "embed"

// FS holds the embedded data files.
//
//go:embed icon.png
var FS embed.FS

// Icon returns the application icon (PNG).
func Icon() []byte {
	b, _ := FS.ReadFile("icon.png") // embedded at build time: cannot fail
	return b
}
