package assets

import "embed"

// Translations holds the workstation's UI translations, translations/ui.<lang>.json (en, it,
// el, es, de), in the format of Fyne's lang package: message ID (the English text) to text.
//
//go:embed translations/*.json
var Translations embed.FS

// UILanguages are the languages the UI is translated into, as in the file names.
var UILanguages = []string{"en", "it", "el", "es", "de"}
