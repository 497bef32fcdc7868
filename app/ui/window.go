package ui

import (
	"fyne.io/fyne/v2"

	"github.com/intercepted-eu/workstation/app"
)

// workstationWindow swaps screens inside one window.
type workstationWindow struct {
	win fyne.Window
	cfg app.StoreConfig
	ws  *app.Workstation
}

func newWorkstationWindow(win fyne.Window, cfg app.StoreConfig) *workstationWindow {
	ww := &workstationWindow{win: win, cfg: cfg}
	win.SetOnClosed(ww.onLock)
	ww.showUnlock()
	return ww
}

func (ww *workstationWindow) showUnlock() {
	ww.win.SetContent(newUnlockScreen(ww.cfg, ww.onUnlocked).content)
}

func (ww *workstationWindow) onUnlocked(w *app.Workstation) {
	ww.ws = w
	ww.win.SetContent(newCasesScreen(w, func() { ww.onLock(); ww.showUnlock() }).content)
}

func (ww *workstationWindow) onLock() {
	if ww.ws != nil {
		ww.ws.Close()
		ww.ws = nil
	}
}
