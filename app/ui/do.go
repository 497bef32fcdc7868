package ui

import "fyne.io/fyne/v2"

// Work on other goroutines touches widgets through uiDo and uiDoAndWait, which are fyne.Do and
// fyne.DoAndWait. Fyne's test driver runs each at once on the goroutine that asks, so two
// callbacks (a browser's status and a capture's, say) could lay out one widget together; the
// package's tests swap in a driver of their own that runs them one at a time on one goroutine,
// as the real driver does (do_test.go).
var (
	uiDo        = fyne.Do
	uiDoAndWait = fyne.DoAndWait
)
