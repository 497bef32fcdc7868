package assets

import (
	"embed"
	"io/fs"
)

// rules holds the indicator rule packs: indicators.json (the taxonomy) and one <lang>.json of
// patterns per language. The glob takes only JSON, so the pack README stays out of the binary.
//
//go:embed rules/*.json
var rules embed.FS

// Rules returns the embedded rule packs with the packs at its root, the layout that
// analysis.LoadRules reads.
func Rules() fs.FS {
	sub, err := fs.Sub(rules, "rules")
	if err != nil {
		panic(err) // "rules" is a valid path, so fs.Sub cannot fail
	}
	return sub
}
