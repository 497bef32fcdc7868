// Package assets holds the data embedded in the binary: the application icon now; rule packs,
// training scenarios, translations and fonts as the features that use them arrive. Each file is
// read through the embed.FS this package exports, so the workstation needs nothing beside its
// binary.
package assets
