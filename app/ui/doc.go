// Package ui is the workstation window (Fyne). It is a thin front end over package app: every
// screen is an unexported struct built by a newX function, with onX handlers, in a file of its
// own, and all evidence work happens in the core. Slow work (unlocking runs Argon2id, capture,
// verify, export, import, OCR) runs off the UI goroutine, touches widgets only inside fyne.Do
// (through uiDo, do.go), and can be cancelled where it can take long.
//
// Screens: unlock (or create, on first start; idle lock after the settings' time), cases, a
// case with its controlled browser and live capture list (virtualised, thumbnails read on
// demand), the capture view, quick check, custody log and verify, settings. Every string goes
// through lang.L; assets/translations holds English, Italian, Greek, Spanish and German, and a
// test keeps them complete. Screenshots (tour.go) drives the real window for the README.
//
// Fyne is imported only here; fyne.io/fyne/v2/app only in run.go and tour.go, so the screens
// test with fyne's test package.
package ui
