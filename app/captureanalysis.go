package app

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"slices"
	"time"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// AnalysisBody is the record of one analysis of one capture version. It is small, so that a
// case of 100,000 captures lists quickly; the full findings are a JSON blob (Findings).
type AnalysisBody struct {
	Capture       string     `json:"capture"`        // the capture's ID
	CaptureRecord store.Hash `json:"capture_record"` // the exact version analysed
	Case          string     `json:"case"`
	Analyzed      time.Time  `json:"analyzed"` // UTC
	Tool          string     `json:"tool"`
	RulePack      string     `json:"rule_pack"`
	Level         string     `json:"level"` // the highest of the page text and the text read in its images
	Score         float64    `json:"score"`
	// Sensitive is set when a sexual-exploitation indicator was found: the viewer then blurs
	// the images by default, to protect the reviewer.
	Sensitive bool       `json:"sensitive,omitempty"`
	Thumbnail store.Hash `json:"thumbnail,omitzero"` // a small PNG of the screenshot's top, derived
	Findings  store.Hash `json:"findings"`           // blob of Findings as JSON
}

// Findings is everything the analyzer said of a capture.
type Findings struct {
	Region string          `json:"region,omitempty"` // the default phone region used
	Text   analysis.Result `json:"text"`             // the page's text
	Images []ImageFindings `json:"images,omitempty"` // its embedded images, in artifact order
}

// ImageFindings is what was found in one embedded image.
type ImageFindings struct {
	Name      string              `json:"name"`
	SHA256    string              `json:"sha256"`
	SourceURL string              `json:"source_url,omitempty"`
	Info      analysis.ImageInfo  `json:"info"`
	Error     string              `json:"error,omitempty"` // why it could not be read (too large, corrupt…)
	OCR       *analysis.OCRResult `json:"ocr,omitempty"`
	OCRError  string              `json:"ocr_error,omitempty"`
	Result    *analysis.Result    `json:"result,omitempty"` // the analysis of the OCR text, when there is some
}

// StoredAnalysis is an analysis as the store keeps it.
type StoredAnalysis struct {
	ID string `json:"id"`
	AnalysisBody
}

// AnalyzeOptions choose the slow parts of an analysis.
type AnalyzeOptions struct {
	// OCR reads the text in embedded images with Tesseract (about half a second an image);
	// MaxOCRImages bounds how many, largest first (default 12).
	OCR          bool
	MaxOCRImages int
}

// categorySexual is the taxonomy category (assets/rules/indicators.json) whose hits blur images.
const categorySexual = "sexual_exploitation_ad"

// thumbWidth is the width of list thumbnails, in pixels.
const thumbWidth = 200

// AnalyzeCapture analyses a capture's text and images and stores the result as a new analysis
// record of the capture's case, logged. Analysing again (a newer rule pack, OCR added) adds a
// new record; the newest is the one shown.
func (w *Workstation) AnalyzeCapture(ctx context.Context, id string, opts AnalyzeOptions) (StoredAnalysis, error) {
	c, err := w.Capture(id)
	if err != nil {
		return StoredAnalysis{}, err
	}
	a, err := Analyzer()
	if err != nil {
		return StoredAnalysis{}, err
	}
	region := w.settings.Region
	if cs, err := w.st.Case(c.Case); err == nil && cs.Region != "" {
		region = cs.Region
	}
	f := Findings{Region: region}
	aopts := analysis.Options{Region: region}
	if t := findArtifact(c.Artifacts, capture.KindText); t != nil {
		text, err := w.ArtifactBytes(t)
		if err != nil {
			return StoredAnalysis{}, err
		}
		f.Text = a.Analyze(string(text), aopts)
	} else {
		f.Text = a.Analyze("", aopts)
	}
	f.Images, err = w.analyzeImages(ctx, a, c.Artifacts, aopts, opts)
	if err != nil {
		return StoredAnalysis{}, err
	}
	body := AnalysisBody{Capture: c.ID, CaptureRecord: c.RecordID, Case: c.Case, Analyzed: time.Now().UTC(),
		Tool: "INTERCEPTED Workstation " + Version, RulePack: f.Text.RulePack}
	body.Level, body.Score, body.Sensitive = summarize(f)
	var blobs []store.Hash
	if shot := findArtifact(c.Artifacts, capture.KindScreenshot); shot != nil {
		if png, err := w.ArtifactBytes(shot); err == nil {
			if th, err := analysis.Thumbnail(png, thumbWidth, analysis.ImageLimits{}); err == nil {
				ref, err := w.st.PutBlobBytes(ctx, th)
				if err != nil {
					return StoredAnalysis{}, err
				}
				body.Thumbnail = ref.ID
				blobs = append(blobs, ref.ID)
			}
		}
	}
	js, err := json.Marshal(f)
	if err != nil {
		return StoredAnalysis{}, err
	}
	ref, err := w.st.PutBlobBytes(ctx, js)
	if err != nil {
		return StoredAnalysis{}, err
	}
	body.Findings = ref.ID
	blobs = append(blobs, ref.ID)
	rec, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindAnalysis, Refs: []string{c.Case, c.ID},
		Blobs: dedupe(blobs), Body: body,
		Details: map[string]string{"capture": c.ID, "level": body.Level, "rule_pack": body.RulePack, "findings_sha256": ref.ID.String()}})
	if err != nil {
		return StoredAnalysis{}, err
	}
	return StoredAnalysis{ID: rec.Lineage, AnalysisBody: body}, nil
}

// analyzeImages hashes every embedded image and, when asked, reads the text of the largest.
func (w *Workstation) analyzeImages(ctx context.Context, a *analysis.Analyzer, arts []capture.Artifact, aopts analysis.Options, opts AnalyzeOptions) ([]ImageFindings, error) {
	var out []ImageFindings
	var data [][]byte
	for _, art := range arts {
		if art.Kind != capture.KindImage {
			continue
		}
		b, err := w.ArtifactBytes(&art)
		if err != nil {
			return nil, err
		}
		f := ImageFindings{Name: art.Name, SHA256: art.SHA256, SourceURL: art.SourceURL}
		f.Info, err = analysis.AnalyzeImage(b, analysis.ImageLimits{})
		if err != nil {
			f.Error = err.Error()
			b = nil
		}
		out = append(out, f)
		data = append(data, b)
	}
	if !opts.OCR || len(out) == 0 || !tesseractInstalled() {
		return out, nil
	}
	order := make([]int, 0, len(out))
	for i := range out {
		if data[i] != nil {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(i, j int) int {
		return cmp.Compare(out[j].Info.Width*out[j].Info.Height, out[i].Info.Width*out[i].Info.Height)
	})
	limit := cmp.Or(opts.MaxOCRImages, 12)
	for _, i := range order[:min(limit, len(order))] {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		r, err := analysis.OCR(ctx, data[i], analysis.OCROptions{Langs: w.OCRLangs()})
		if err != nil {
			out[i].OCRError = err.Error()
			continue
		}
		out[i].OCR = &r
		if r.Text != "" {
			res := a.Analyze(r.Text, aopts)
			out[i].Result = &res
		}
	}
	return out, nil
}

// OCRLangs are the Tesseract languages to read images with: the settings', or those of the
// shipped rule packs.
func (w *Workstation) OCRLangs() []string {
	if len(w.settings.OCRLangs) > 0 {
		return w.settings.OCRLangs
	}
	return []string{"eng", "ita", "ell", "spa", "deu", "ukr", "rus", "ron", "bul"}
}

func tesseractInstalled() bool {
	_, err := exec.LookPath("tesseract")
	return err == nil
}

// summarize gives the capture's level: the highest of its text and its images' text.
func summarize(f Findings) (level string, score float64, sensitive bool) {
	level, score = f.Text.Level, f.Text.Score
	results := []analysis.Result{f.Text}
	for _, im := range f.Images {
		if im.Result != nil {
			results = append(results, *im.Result)
			if levelRank(im.Result.Level) > levelRank(level) || im.Result.Level == level && im.Result.Score > score {
				level, score = im.Result.Level, im.Result.Score
			}
		}
	}
	for _, r := range results {
		for _, h := range r.Hits {
			if h.Category == categorySexual {
				sensitive = true
			}
		}
	}
	return level, score, sensitive
}

// levelRank orders levels; an unknown or missing level ranks lowest.
func levelRank(l string) int {
	switch l {
	case analysis.LevelLow:
		return 1
	case analysis.LevelMedium:
		return 2
	case analysis.LevelHigh:
		return 3
	}
	return 0
}

// ArtifactBytes reads an artifact of a capture from the store.
func (w *Workstation) ArtifactBytes(a *capture.Artifact) ([]byte, error) {
	h, err := store.ParseHash(a.SHA256)
	if err != nil {
		return nil, err
	}
	return w.st.ReadBlob(h)
}

// ErrNotAnalysed: a capture has no analysis yet.
var ErrNotAnalysed = errors.New("this capture has not been analysed yet")

// Analysis returns the newest analysis of a capture and its findings.
func (w *Workstation) Analysis(ctx context.Context, captureID string) (StoredAnalysis, Findings, error) {
	recs, err := w.st.List(ctx, store.KindAnalysis, captureID)
	if err != nil {
		return StoredAnalysis{}, Findings{}, err
	}
	if len(recs) == 0 {
		return StoredAnalysis{}, Findings{}, fmt.Errorf("%s: %w", captureID, ErrNotAnalysed)
	}
	r := recs[len(recs)-1]
	var sa StoredAnalysis
	if err := r.Decode(&sa.AnalysisBody); err != nil {
		return StoredAnalysis{}, Findings{}, err
	}
	sa.ID = r.Lineage
	var f Findings
	js, err := w.st.ReadBlob(sa.Findings)
	if err == nil {
		err = json.Unmarshal(js, &f)
	}
	return sa, f, err
}
