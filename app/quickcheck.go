package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// QuickCheck is a field inspector's check of one text, image or page: analysed on the spot and
// kept nowhere unless the officer saves it to a case (SaveCheck).
type QuickCheck struct {
	Source string          `json:"source"` // "text", a file name, or a URL
	Kind   string          `json:"kind"`   // text, image or page
	Text   string          `json:"text"`   // what was analysed: the text, the OCR text, the page text
	Result analysis.Result `json:"result"`
	Image  *ImageFindings  `json:"image,omitempty"`
	// Input is the image or text as given; Page the page captured for a URL check.
	Input []byte          `json:"-"`
	Page  *capture.Result `json:"-"`
}

// Kinds of quick check.
const (
	CheckText  = "text"
	CheckImage = "image"
	CheckPage  = "page"
)

// CheckText analyses a text with the default region of the settings.
func (w *Workstation) CheckText(source, text string) (QuickCheck, error) {
	a, err := Analyzer()
	if err != nil {
		return QuickCheck{}, err
	}
	if len(text) > analysis.MaxTextBytes {
		return QuickCheck{}, fmt.Errorf("%w: the text is %d bytes, more than the %d a check reads", store.ErrInvalid, len(text), analysis.MaxTextBytes)
	}
	return QuickCheck{Source: source, Kind: CheckText, Text: text, Input: []byte(text),
		Result: a.Analyze(text, analysis.Options{Region: w.settings.Region})}, nil
}

// CheckImage reads the text in an image (OCR, all the settings' languages at once), hashes it,
// reads its EXIF and analyses the text.
func (w *Workstation) CheckImage(ctx context.Context, source string, data []byte) (QuickCheck, error) {
	a, err := Analyzer()
	if err != nil {
		return QuickCheck{}, err
	}
	info, err := analysis.AnalyzeImage(data, analysis.ImageLimits{})
	if err != nil {
		return QuickCheck{}, fmt.Errorf("%s: %w", source, err)
	}
	ocr, err := analysis.OCR(ctx, data, analysis.OCROptions{Langs: w.OCRLangs()})
	if err != nil {
		return QuickCheck{}, fmt.Errorf("%s: %w", source, err)
	}
	res := a.Analyze(ocr.Text, analysis.Options{Region: w.settings.Region})
	img := &ImageFindings{Name: source, SHA256: info.SHA256, Info: info, OCR: &ocr, Result: &res}
	return QuickCheck{Source: source, Kind: CheckImage, Text: ocr.Text, Result: res, Image: img, Input: data}, nil
}

// CheckPage loads a URL in a headless controlled browser (no case profile: no logins), captures
// it as evidence would be captured, and analyses its text. Nothing is stored.
func (w *Workstation) CheckPage(ctx context.Context, url string) (QuickCheck, error) {
	a, err := Analyzer()
	if err != nil {
		return QuickCheck{}, err
	}
	if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
		return QuickCheck{}, fmt.Errorf("%w: %q is not an http:// or https:// address", store.ErrInvalid, url)
	}
	b, err := w.OpenBrowser(ctx, "", true)
	if err != nil {
		return QuickCheck{}, err
	}
	defer b.Close()
	res, err := b.CaptureURL(ctx, url, w.CaptureOptions(capture.Options{Budget: time.Minute}))
	if err != nil {
		return QuickCheck{}, err
	}
	var text string
	if t := findArtifact(res.Artifacts, capture.KindText); t != nil {
		text = string(t.Data)
	}
	return QuickCheck{Source: url, Kind: CheckPage, Text: text, Page: res,
		Result: a.Analyze(text, analysis.Options{Region: w.settings.Region})}, nil
}

// checkBody is a saved quick check. The input (text or image) is a blob.
type checkBody struct {
	Source  string          `json:"source"`
	Kind    string          `json:"kind"`
	Case    string          `json:"case"`
	Input   store.Hash      `json:"input"`
	Text    string          `json:"text"`
	Result  analysis.Result `json:"result"`
	Image   *ImageFindings  `json:"image,omitempty"`
	Checked time.Time       `json:"checked"`
}

// SaveCheck keeps a quick check in a case: a page as a capture (then analysed), a text or an
// image as a check record with its input as a blob. It returns the new record's ID.
func (w *Workstation) SaveCheck(ctx context.Context, caseID string, qc QuickCheck) (string, error) {
	if _, err := w.st.Case(caseID); err != nil {
		return "", err
	}
	if qc.Kind == CheckPage {
		if qc.Page == nil {
			return "", fmt.Errorf("%w: the page check has no capture", store.ErrInvalid)
		}
		sc, err := w.SaveCapture(ctx, caseID, qc.Page)
		if err != nil {
			return "", err
		}
		_, err = w.AnalyzeCapture(ctx, sc.ID, AnalyzeOptions{})
		return sc.ID, err
	}
	ref, err := w.st.PutBlobBytes(ctx, qc.Input)
	if err != nil {
		return "", err
	}
	r, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindCheck, Refs: []string{caseID},
		Blobs: []store.Hash{ref.ID}, Body: checkBody{Source: qc.Source, Kind: qc.Kind, Case: caseID, Input: ref.ID,
			Text: qc.Text, Result: qc.Result, Image: qc.Image, Checked: time.Now().UTC()},
		Details: map[string]string{"source": qc.Source, "level": qc.Result.Level, "input_sha256": ref.ID.String()}})
	if err != nil {
		return "", err
	}
	return r.Lineage, nil
}
