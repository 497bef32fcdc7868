package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
)

// progressDialog shows slow work with a progress bar and a Cancel button.
type progressDialog struct {
	bar    *widget.ProgressBar
	text   *widget.Label
	d      dialog.Dialog
	cancel context.CancelFunc
}

func newProgressDialog(title string, win fyne.Window, cancel context.CancelFunc) *progressDialog {
	p := &progressDialog{bar: widget.NewProgressBar(), text: wrapped(""), cancel: cancel}
	stop := widget.NewButton(lang.L("Cancel"), func() { p.cancel() })
	p.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(p.text, p.bar, container.NewCenter(stop)), win)
	p.d.Resize(fyne.NewSize(520, 180))
	p.d.Show()
	return p
}

// onExport asks where to write the case's package and writes it in the background.
func (s *caseScreen) onExport() {
	s.ww.touch()
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // the dialog made the file; the export writes it anew, atomically
		removeEmpty(path)
		s.export(path)
	}, s.ww.win)
	d.SetFileName(safeFileName(s.c.Name) + ".zip")
	d.Show()
}

// export writes the package to path with a progress dialog; Cancel leaves no file behind.
func (s *caseScreen) export(path string) {
	ctx, cancel := context.WithCancel(s.ctx)
	pd := newProgressDialog(lang.L("Exporting the evidence package"), s.ww.win, cancel)
	pd.text.SetText(fmt.Sprintf(lang.L("Writing %s: every artifact, the report (printed by the controlled browser), the custody log and the signatures."), path))
	ws := s.ww.ws
	go func() {
		sum, err := ws.Export(ctx, app.ExportOptions{Case: s.c.ID, Out: path, Progress: func(done, total int64) {
			uiDo(func() { pd.bar.SetValue(float64(done) / float64(max(total, 1))) })
		}})
		uiDo(func() {
			pd.d.Hide()
			defer cancel()
			switch {
			case err != nil && ctx.Err() != nil:
				s.browser.SetText(lang.L("The export was cancelled; no package was written."))
			case err != nil:
				dialog.ShowError(fmt.Errorf("%s %w", lang.L("The export failed:"), err), s.ww.win)
			default:
				dialog.ShowInformation(lang.L("Evidence package written"), fmt.Sprintf(
					lang.L("%s\n\n%d captures, %d bytes.\nPackage SHA-256: %s (in the custody log).\nSigned by key %s: give the recipient this fingerprint by another channel."),
					sum.Path, sum.Captures, sum.Bytes, sum.SHA256, sum.Key), s.ww.win)
			}
		})
	}()
}

// onImport verifies a partner's package and takes its captures into this case, asking the
// officer to accept a key the workstation does not know.
func (s *caseScreen) onImport() {
	s.ww.touch()
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		s.importPackage(path, "")
	}, s.ww.win)
}

func (s *caseScreen) importPackage(path, accept string) {
	if s.importing { // its progress dialog covers the screen: a second import comes from code
		return
	}
	s.importing = true
	ctx, cancel := context.WithCancel(s.ctx)
	pd := newProgressDialog(lang.L("Importing an evidence package"), s.ww.win, cancel)
	pd.text.SetText(lang.L("Checking every file, the signatures and the custody log before anything is stored…"))
	pd.bar.Hide()
	ws := s.ww.ws
	go func() {
		sum, err := ws.ImportPackage(ctx, path, app.ImportOptions{Case: s.c.ID, AcceptKey: accept})
		uiDo(func() {
			pd.d.Hide()
			s.importing = false
			defer cancel()
			switch {
			case errors.Is(err, app.ErrUnknownKey) && sum.Report != nil:
				s.askKey(path, sum.Report)
			case err != nil:
				msg := err.Error()
				if sum.Report != nil && len(sum.Report.Problems) > 0 {
					var ps []string
					for _, p := range sum.Report.Problems {
						ps = append(ps, p.String())
					}
					msg = lang.L("The package was refused and nothing of it was stored:") + "\n" + strings.Join(ps, "\n")
				}
				dialog.ShowError(errors.New(msg), s.ww.win)
			default:
				for _, id := range sum.Captures {
					if c, err := ws.Capture(id); err == nil {
						s.captures.upsert(c.Summary())
					}
				}
				s.updateHeader()
				go s.analysePending()
				msg := fmt.Sprintf(lang.L("%d captures from workstation %s (officer %s) are in this case; each keeps its origin."),
					len(sum.Captures), sum.Report.Workstation, sum.Report.Officer)
				if len(sum.Already) > 0 {
					msg += "\n" + fmt.Sprintf(lang.L("%d of the package's captures were in this case already and were not taken twice."), len(sum.Already))
				}
				dialog.ShowInformation(lang.L("Package imported"), msg, s.ww.win)
			}
		})
	}()
}

// askKey shows the fingerprint of an unknown key and imports only if the officer accepts it.
func (s *caseScreen) askKey(path string, rep *app.PackageReport) {
	msg := fmt.Sprintf(lang.L("The package verifies, but it is signed by a key this workstation does not know:\n\n%s\nworkstation %s, officer %s\n\nAccept the key only if the sender confirmed this fingerprint by phone or another channel. Accepting is logged."),
		rep.Key, rep.Workstation, rep.Officer)
	dialog.ShowConfirm(lang.L("Unknown key"), msg, func(ok bool) {
		if ok {
			s.importPackage(path, rep.Key) // that key alone, whatever is at path by then
		}
	}, s.ww.win)
}

// safeFileName turns a case name into a file name.
func safeFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ':' || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" {
		name = "evidence"
	}
	return filepath.Base(name)
}

// removeEmpty removes the empty file a save dialog created, so that the export, which never
// overwrites, can write its package there.
func removeEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}
