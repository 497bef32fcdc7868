package assets

import (
	"embed"
	"io/fs"
)

//go:embed models
var models embed.FS

// Models holds the shipped analysis models (models/*.json).
func Models() fs.FS { return models }
