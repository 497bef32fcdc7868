package ui

import (
	"fmt"
	"io"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/intercepted-eu/workstation/app"
	_ "github.com/intercepted-eu/workstation/app/ui/localefix" // before Fyne reads the locale
	"github.com/intercepted-eu/workstation/assets"
)

// Run opens the workstation window on the default store and returns when it closes.
func Run(stderr io.Writer) int {
	if runtime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		fmt.Fprintln(stderr, "intercepted: no display to open the workstation window on (DISPLAY and WAYLAND_DISPLAY are unset).")
		fmt.Fprintln(stderr, "Everything also works headless: run `intercepted help` for the command-line interface.")
		return 1
	}
	a := fyneapp.NewWithID("eu.intercepted.workstation")
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon()))
	useLanguage(a.Preferences().String(prefUILanguage))
	win := a.NewWindow("INTERCEPTED Workstation")
	win.Resize(fyne.NewSize(1280, 800))
	newWorkstationWindow(win, app.StoreConfig{Dir: app.DefaultStoreDir()}, a.Preferences())
	win.ShowAndRun()
	return 0
}
