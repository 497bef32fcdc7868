package ui

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
)

// workstationWindow swaps screens inside one window: the unlock screen, then the main screen
// with its tabs. It owns the unlocked workstation and locks it on request, when the window
// closes, and after the idle time of the settings.
type workstationWindow struct {
	win   fyne.Window
	cfg   app.StoreConfig
	prefs fyne.Preferences // nil in tests that need none
	ws    *app.Workstation
	// headless runs the case browser without a window (tests on machines without a display).
	headless bool

	tabs     *container.AppTabs
	cases    *casesScreen
	caseView *caseScreen // the open case, or nil
	check    *checkScreen
	custody  *custodyScreen
	settings *settingsScreen

	idleMu    sync.Mutex
	idleTimer *time.Timer
	lastTouch time.Time
	// onLocked is called after every lock, for tests.
	onLocked func()
}

func newWorkstationWindow(win fyne.Window, cfg app.StoreConfig, prefs fyne.Preferences) *workstationWindow {
	ww := &workstationWindow{win: win, cfg: cfg, prefs: prefs}
	win.SetOnClosed(ww.lock)
	if dc, ok := win.Canvas().(interface{ SetOnKeyDown(func(*fyne.KeyEvent)) }); ok {
		dc.SetOnKeyDown(func(*fyne.KeyEvent) { ww.touch() })
	}
	ww.showUnlock("")
	return ww
}

func (ww *workstationWindow) showUnlock(why string) {
	s := newUnlockScreen(ww.cfg, ww.onUnlocked)
	if why != "" {
		s.status.SetText(why)
	}
	ww.win.SetContent(s.content)
	ww.win.Canvas().Focus(s.pass)
}

func (ww *workstationWindow) onUnlocked(w *app.Workstation) {
	ww.ws = w
	if ww.prefs != nil && w.Settings().UILanguage != ww.prefs.String(prefUILanguage) {
		ww.prefs.SetString(prefUILanguage, w.Settings().UILanguage)
		useLanguage(w.Settings().UILanguage)
	}
	ww.showMain()
	ww.touch()
}

// showMain builds the main screen anew (after unlocking, or when the UI language changed).
func (ww *workstationWindow) showMain() {
	ww.cases = newCasesScreen(ww)
	ww.check = newCheckScreen(ww)
	ww.custody = newCustodyScreen(ww)
	ww.settings = newSettingsScreen(ww)
	ww.tabs = container.NewAppTabs(
		container.NewTabItem(lang.L("Cases"), ww.cases.content),
		container.NewTabItem(lang.L("Quick check"), ww.check.content),
		container.NewTabItem(lang.L("Custody log and verify"), ww.custody.content),
		container.NewTabItem(lang.L("Settings"), ww.settings.content))
	ww.tabs.OnSelected = func(t *container.TabItem) {
		ww.touch()
		if t.Content == ww.custody.content {
			ww.custody.refresh()
		}
	}
	lock := widget.NewButtonWithIcon(lang.L("Lock"), theme.LoginIcon(), ww.onLockPressed)
	title := widget.NewLabelWithStyle("INTERCEPTED Workstation", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	who := widget.NewLabel(lang.L("Officer") + ": " + ww.ws.Officer() + " · " + lang.L("Workstation") + " " + ww.ws.Store().WorkstationID())
	bar := container.NewBorder(nil, nil, title, container.NewHBox(who, lock))
	ww.win.SetContent(container.NewBorder(bar, nil, nil, nil, ww.tabs))
}

// openCase shows a case in the Cases tab.
func (ww *workstationWindow) openCase(id string) {
	ww.touch()
	cs, err := newCaseScreen(ww, id)
	if err != nil {
		ww.cases.status.SetText(lang.L("Could not open the case:") + " " + err.Error())
		return
	}
	ww.closeCase()
	ww.caseView = cs
	ww.tabs.Items[0].Content = cs.content
	ww.tabs.Refresh()
}

// closeCase goes back to the case list, closing the case's browser.
func (ww *workstationWindow) closeCase() {
	if ww.caseView != nil {
		ww.caseView.close()
		ww.caseView = nil
	}
	if ww.tabs != nil {
		ww.cases.refresh()
		ww.tabs.Items[0].Content = ww.cases.content
		ww.tabs.Refresh()
	}
}

func (ww *workstationWindow) onLockPressed() {
	ww.lockWith(lang.L("Locked. Type the passphrase to go on."))
}

// lock closes everything that holds evidence open: the case's browser, the store.
func (ww *workstationWindow) lock() {
	ww.idleMu.Lock()
	if ww.idleTimer != nil {
		ww.idleTimer.Stop()
		ww.idleTimer = nil
	}
	ww.idleMu.Unlock()
	if ww.caseView != nil {
		ww.caseView.close()
		ww.caseView = nil
	}
	if ww.check != nil {
		ww.check.cancel()
	}
	if ww.custody != nil {
		ww.custody.cancel()
	}
	if ww.ws != nil {
		ww.ws.Close()
		ww.ws = nil
	}
	ww.tabs = nil
	if ww.onLocked != nil {
		ww.onLocked()
	}
}

func (ww *workstationWindow) lockWith(why string) {
	ww.lock()
	ww.showUnlock(why)
}

// touch marks activity: a tap, a key, a capture arriving. The workstation locks itself after
// the idle time of the settings without any.
func (ww *workstationWindow) touch() {
	if ww.ws == nil {
		return
	}
	idle := time.Duration(ww.ws.Settings().IdleLock)
	ww.idleMu.Lock()
	defer ww.idleMu.Unlock()
	ww.lastTouch = time.Now()
	if ww.idleTimer != nil {
		ww.idleTimer.Reset(idle)
		return
	}
	ww.idleTimer = time.AfterFunc(idle, func() {
		uiDo(func() {
			if ww.ws != nil {
				ww.lockWith(lang.L("Locked after a period without activity. Type the passphrase to go on."))
			}
		})
	})
}
