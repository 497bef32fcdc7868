// Package app is the workstation's core: the one place where the evidence store, the controlled
// browser and the analyzer meet. The GUI (app/ui) and the CLI (app/cli) are thin front ends over
// it, so that everything the window does can also be done, and tested, headless.
//
// Words: a Workstation is an unlocked store plus the officer's Settings (name, default phone
// region, ...). Every action goes to the store's custody log as the settings' officer.
//
// Long work takes a context.Context and reports through small interfaces (store.Reporter for
// verification) that the GUI implements with fyne.Do and the CLI with text or JSON lines.
//
// app imports neither Fyne nor rod nor Badger: those stay under app/ui, capture and store.
package app
