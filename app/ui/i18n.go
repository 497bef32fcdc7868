package ui

import (
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/intercepted-eu/workstation/assets"
)

// prefUILanguage is the Fyne preference that remembers the UI language before the store is
// unlocked (the settings inside the store are read only after).
const prefUILanguage = "ui_language"

var translationsMu sync.Mutex

// useLanguage loads the embedded translations and picks code ("it", "el"…; "" for the system's
// language). Fyne's lang package reads the language from the environment when translations are
// added; LANGUAGE is set only for that moment, so that the controlled browser, started later
// from this process, keeps the officer's own locale.
func useLanguage(code string) {
	translationsMu.Lock()
	defer translationsMu.Unlock()
	old, had := os.LookupEnv("LANGUAGE")
	if code != "" {
		os.Setenv("LANGUAGE", code)
	}
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		fyne.LogError("loading the UI translations", err)
	}
	if had {
		os.Setenv("LANGUAGE", old)
	} else {
		os.Unsetenv("LANGUAGE")
	}
}

// languageNames are shown in the settings, each in its own language.
var languageNames = map[string]string{"": "System", "en": "English", "it": "Italiano", "el": "Ελληνικά", "es": "Español", "de": "Deutsch"}
