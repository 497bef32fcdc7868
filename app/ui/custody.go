package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// custodyScreen shows the custody log, newest first, and runs Verify with its progress and
// findings. Verify runs in the background and can be cancelled.
type custodyScreen struct {
	ww       *workstationWindow
	entries  []store.Entry
	log      *widget.List
	head     *widget.Label
	full     *widget.Check
	verify   *widget.Button
	stamp    *widget.Button
	stop     *widget.Button
	progress *widget.ProgressBar
	phase    *widget.Label
	findings []store.Finding
	found    *widget.List
	running  context.CancelFunc
	content  fyne.CanvasObject
}

func newCustodyScreen(ww *workstationWindow) *custodyScreen {
	s := &custodyScreen{ww: ww}
	s.head = widget.NewLabel("")
	s.head.Wrapping = fyne.TextWrapWord
	s.log = widget.NewList(func() int { return len(s.entries) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("#12 2026-01-01 00:00:00 UTC officer capture capture-x")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := s.entries[len(s.entries)-1-i]
			o.(*widget.Label).SetText(fmt.Sprintf("#%d  %s  %s  %s  %s  %s", e.Seq, utc(e.Time), e.Actor, e.Action, e.Subject, details(e.Details)))
		})
	s.full = widget.NewCheck(lang.L("Full (re-read and re-hash every blob)"), nil)
	s.full.SetChecked(true)
	s.verify = widget.NewButtonWithIcon(lang.L("Verify the store"), theme.ConfirmIcon(), s.onVerify)
	s.verify.Importance = widget.HighImportance
	s.stamp = widget.NewButtonWithIcon(lang.L("Request trusted timestamps"), theme.HistoryIcon(), s.onTimestamps)
	s.stop = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), s.cancel)
	s.stop.Disable()
	s.progress = widget.NewProgressBar()
	s.phase = widget.NewLabel(lang.L("Verify checks every record, every blob's SHA-256 and the whole hash chain of the log."))
	s.phase.Wrapping = fyne.TextWrapWord
	s.found = widget.NewList(func() int { return len(s.findings) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("blob abc: problem")
			l.Wrapping = fyne.TextWrapWord
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(s.findings[i].String()) })
	verifyBox := container.NewBorder(
		container.NewVBox(container.NewHBox(s.verify, s.full, s.stop, s.stamp), s.progress, s.phase,
			widget.NewLabelWithStyle(lang.L("Findings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		nil, nil, nil, s.found)
	logBox := container.NewBorder(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Custody log, newest first"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), s.head),
		nil, nil, nil, s.log)
	split := container.NewVSplit(logBox, verifyBox)
	split.Offset = 0.55
	s.content = split // the log is read when the tab is shown: it may be long
	return s
}

func details(d map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(d)) {
		parts = append(parts, k+"="+d[k])
	}
	return strings.Join(parts, " ")
}

// refresh reads the log again.
func (s *custodyScreen) refresh() {
	if s.ww.ws == nil {
		return
	}
	var es []store.Entry
	err := s.ww.ws.Store().Log(context.Background(), store.LogFilter{}, func(e store.Entry) error {
		es = append(es, e)
		return nil
	})
	if err != nil {
		s.head.SetText(lang.L("Could not read the custody log:") + " " + err.Error())
		return
	}
	s.entries = es
	if h, err := s.ww.ws.Store().LogHead(); err == nil {
		s.head.SetText(fmt.Sprintf(lang.L("%d entries. Head #%d, SHA-256 %s, signed by this workstation's Ed25519 key."), len(es), h.Seq, h.Hash))
	}
	s.log.Refresh()
}

func (s *custodyScreen) onVerify() {
	s.ww.touch()
	mode := store.VerifyQuick
	if s.full.Checked {
		mode = store.VerifyFull
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.running = cancel
	s.findings = nil
	s.found.Refresh()
	s.verify.Disable()
	s.stop.Enable()
	s.progress.SetValue(0)
	s.phase.SetText(lang.L("Verifying…"))
	ws := s.ww.ws
	go func() {
		sum, err := ws.Verify(ctx, mode, &verifyReporter{s: s})
		uiDo(func() {
			s.running = nil
			s.verify.Enable()
			s.stop.Disable()
			switch {
			case ctx.Err() != nil:
				s.phase.SetText(lang.L("Verify was cancelled; nothing was changed."))
			case err != nil:
				s.phase.SetText(lang.L("Verify could not run:") + " " + err.Error())
			case sum.OK:
				s.progress.SetValue(1)
				s.phase.SetText(fmt.Sprintf(lang.L("No damage found: %d log entries, %d records, %d blobs (%d bytes) checked."),
					sum.LogEntries, sum.Records, sum.Blobs, sum.BlobBytes))
			default:
				s.progress.SetValue(1)
				s.phase.SetText(fmt.Sprintf(lang.L("DAMAGE FOUND: %d findings, listed below. Keep this workstation as it is and report it."), sum.Findings))
			}
			s.refresh()
			if s.ww.caseView != nil {
				s.ww.caseView.updateHeader()
			}
		})
	}()
}

// cancel stops a verify in progress.
func (s *custodyScreen) cancel() {
	if s.running != nil {
		s.running()
	}
}

// verifyReporter hands Verify's reports to the UI goroutine.
type verifyReporter struct{ s *custodyScreen }

func (r *verifyReporter) Finding(f store.Finding) {
	uiDo(func() {
		r.s.findings = append(r.s.findings, f)
		r.s.found.Refresh()
	})
}

func (r *verifyReporter) Progress(p store.VerifyProgress) {
	uiDo(func() {
		if p.Total > 0 {
			r.s.progress.SetValue(float64(p.Done) / float64(p.Total))
		}
		r.s.phase.SetText(fmt.Sprintf(lang.L("Verifying: %s, %d of %d"), phaseWord(p.Phase), p.Done, p.Total))
	})
}

func phaseWord(p string) string {
	switch p {
	case "log":
		return lang.L("custody log")
	case "records":
		return lang.L("records")
	case "versions":
		return lang.L("versions")
	case "references":
		return lang.L("references")
	case "blobs":
		return lang.L("blobs")
	}
	return p
}

// onTimestamps sends the queued digests to the timestamp authority of the settings, in the
// background; what is not answered stays queued.
func (s *custodyScreen) onTimestamps() {
	s.ww.touch()
	s.stamp.Disable()
	s.phase.SetText(lang.L("Asking the timestamp authority…"))
	ws := s.ww.ws
	go func() {
		run, err := ws.RequestTimestamps(context.Background())
		uiDo(func() {
			s.stamp.Enable()
			switch {
			case errors.Is(err, app.ErrNoTSA):
				s.phase.SetText(fmt.Sprintf(lang.L("%d digests are queued. Set a timestamp authority in the settings to have them timestamped."), run.Queued))
			case err != nil:
				s.phase.SetText(lang.L("Timestamping failed:") + " " + err.Error())
			default:
				s.phase.SetText(fmt.Sprintf(lang.L("%d of %d queued digests timestamped by %s; %d still queued."),
					run.Answered, run.Queued, run.TSA, run.Failed+run.Skipped))
			}
			s.refresh()
		})
	}()
}
