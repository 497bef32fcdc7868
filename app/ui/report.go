package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/intercepted-eu/workstation/analysis"
)

// maxShownText bounds the text drawn with its highlights: a widget with a whole long page is
// slow to lay out. The full text is an artifact of the capture.
const maxShownText = 40_000

// reportView is the explained report of one analysis: the level and why, the text with the
// hits marked, each hit with its explanation and source, and hits in the text of images.
func reportView(res analysis.Result, text string, images []imageResult) fyne.CanvasObject {
	level := widget.NewLabel("")
	level.TextStyle = fyne.TextStyle{Bold: true}
	level.Text = fmt.Sprintf("%s %s · %s %.1f", lang.L("Level"), levelWord(res.Level), lang.L("score"), res.Score)
	level.Importance = levelImportance(res.Level)
	why := widget.NewLabel(strings.Join(res.Explanation, "\n"))
	why.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(level, why)
	if len(res.Hits) == 0 {
		box.Add(wrapped(lang.L("No indicator was found in this text.")))
	}
	box.Add(widget.NewLabelWithStyle(lang.L("Text, with the indicators marked"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	box.Add(highlighted(text, res.Hits))
	if len(res.Hits) > 0 {
		box.Add(widget.NewLabelWithStyle(lang.L("Indicators found"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, h := range res.Hits {
			box.Add(hitCard(h))
		}
	}
	for _, im := range images {
		box.Add(widget.NewLabelWithStyle(fmt.Sprintf(lang.L("Indicators in the text of image %s"), im.name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, h := range im.res.Hits {
			box.Add(hitCard(h))
		}
	}
	if res.Model != nil {
		m := widget.NewLabel(lang.L("Job-scam model:") + " " + res.Model.Explanation)
		m.Wrapping = fyne.TextWrapWord
		box.Add(m)
	}
	packs := widget.NewLabel(lang.L("Rule packs") + ": " + res.RulePack)
	packs.Wrapping = fyne.TextWrapWord
	box.Add(packs)
	return container.NewVScroll(box)
}

// highlighted is the text with every hit in bold and the accent colour.
func highlighted(text string, hits []analysis.Hit) fyne.CanvasObject {
	cut := len(text) > maxShownText
	if cut {
		n := maxShownText
		for n > 0 && !utf8.RuneStart(text[n]) {
			n--
		}
		text = text[:n]
	}
	spans := make([]analysis.Span, 0, len(hits))
	for _, h := range hits {
		if h.Span.End <= len(text) && h.Span.Start < h.Span.End {
			spans = append(spans, h.Span)
		}
	}
	slices.SortFunc(spans, func(a, b analysis.Span) int { return cmp.Compare(a.Start, b.Start) })
	var segs []widget.RichTextSegment
	at := 0
	plain := func(s string) {
		if s != "" {
			segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline})
		}
	}
	for _, sp := range spans {
		if sp.End <= at {
			continue
		}
		start := max(sp.Start, at)
		plain(text[at:start])
		segs = append(segs, &widget.TextSegment{Text: text[start:sp.End], Style: widget.RichTextStyle{
			Inline: true, ColorName: theme.ColorNameError, TextStyle: fyne.TextStyle{Bold: true}}})
		at = sp.End
	}
	plain(text[at:])
	if cut {
		segs = append(segs, &widget.TextSegment{Text: "\n\n" + lang.L("(The text is shortened here; the whole text is in the capture's text artifact.)"),
			Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Italic: true}}})
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// hitCard explains one hit: the indicator, the words, why it counts and where that is from.
func hitCard(h analysis.Hit) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s · %s · %s · %s", h.Indicator, categoryWord(h.Category), strengthWord(h.Strength), h.Lang),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	body := widget.NewLabel(fmt.Sprintf("«%s»\n%s\n%s %s", h.Text, h.Explanation, lang.L("Source:"), h.Source))
	body.Wrapping = fyne.TextWrapWord
	return container.NewVBox(title, body, widget.NewSeparator())
}

func categoryWord(c string) string {
	switch c {
	case "deceptive_recruitment":
		return lang.L("deceptive recruitment")
	case "coercion_control":
		return lang.L("coercion and control")
	case "sexual_exploitation_ad":
		return lang.L("sexual exploitation ad")
	case "vulnerability_targeting":
		return lang.L("targeting the vulnerable")
	case "obscured_contact_or_identity":
		return lang.L("obscured contact or identity")
	}
	return c
}

func strengthWord(s string) string {
	switch s {
	case "S":
		return lang.L("strong")
	case "M":
		return lang.L("medium strength")
	case "W":
		return lang.L("weak")
	case "C":
		return lang.L("contested")
	}
	return s
}

// entitiesTable lists the entities: type, canonical value, platform, the words as written.
func entitiesTable(ents []analysis.Entity) fyne.CanvasObject {
	if len(ents) == 0 {
		return wrapped(lang.L("No phone numbers, e-mails, links, handles, prices, ages, wallets or IBANs were found."))
	}
	t := widget.NewTable(
		func() (int, int) { return len(ents) + 1, 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("entity value placeholder")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText([]string{lang.L("Type"), lang.L("Value"), lang.L("Platform"), lang.L("As written")}[id.Col])
				return
			}
			e := ents[id.Row-1]
			l.TextStyle = fyne.TextStyle{}
			raw := e.Raw
			if e.Obfuscated {
				raw += " (" + lang.L("obfuscated") + ")"
			}
			l.SetText([]string{entityWord(e.Type), e.Value, e.Platform, raw}[id.Col])
		})
	for col, w := range []float32{110, 260, 110, 300} {
		t.SetColumnWidth(col, w)
	}
	return t
}

func entityWord(t string) string {
	switch t {
	case analysis.EntityPhone:
		return lang.L("phone")
	case analysis.EntityEmail:
		return lang.L("e-mail")
	case analysis.EntityURL:
		return lang.L("link")
	case analysis.EntityHandle:
		return lang.L("handle")
	case analysis.EntityPrice:
		return lang.L("price")
	case analysis.EntityAge:
		return lang.L("age")
	case analysis.EntityCrypto:
		return lang.L("crypto wallet")
	case analysis.EntityIBAN:
		return "IBAN"
	}
	return t
}

// wrapped is a label whose long text wraps at word boundaries instead of widening the window.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
