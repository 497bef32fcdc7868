// Package ui is the workstation window (Fyne). It is a thin front end over package app: every
// screen is an unexported struct built by a newX function, with onX handlers, and all evidence
// work happens in the core. Slow work (unlocking runs Argon2id) runs off the UI goroutine and
// touches widgets only inside fyne.Do.
//
// Screens so far: unlock (or create, on first start) and the case list. Fyne is imported only
// here; fyne.io/fyne/v2/app only in run.go, so the screens test with fyne's test package.
package ui
