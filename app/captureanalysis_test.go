package app

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/store"
)

const escortAd = "Nuova in città, ragazza giovane 19 anni, disponibile 24/7, solo outcall. Scrivi su WhatsApp +39 333 000 0001"

func TestAnalyzeCaptureStoresFindingsAndSummary(t *testing.T) {
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test", Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "board"})
	plain, err := w.SaveCapture(ctx, c.ID, TestResult("http://board.test/1", "Bakery", "We sell bread and cakes.", 10, false))
	if err != nil {
		t.Fatal(err)
	}
	ad, err := w.SaveCapture(ctx, c.ID, TestResult("http://board.test/2", "Ad", escortAd, 200, true))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ad.RulePack, "indicators@") {
		t.Errorf("capture records rule pack %q", ad.RulePack)
	}
	if _, _, err := w.Analysis(ctx, ad.ID); !errors.Is(err, ErrNotAnalysed) {
		t.Errorf("before analysis: %v", err)
	}
	sums, err := w.CaptureSummaries(ctx, c.ID)
	if err != nil || len(sums) != 2 || sums[1].Analysed || sums[1].Screenshot.IsZero() {
		t.Fatalf("summaries before analysis: %+v %v", sums, err)
	}
	for _, id := range []string{plain.ID, ad.ID} {
		if _, err := w.AnalyzeCapture(ctx, id, AnalyzeOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	sa, f, err := w.Analysis(ctx, ad.ID)
	if err != nil {
		t.Fatal(err)
	}
	if sa.Level == "none" || !sa.Sensitive || sa.Thumbnail.IsZero() || sa.CaptureRecord != ad.RecordID {
		t.Errorf("analysis of the escort ad: %+v", sa.AnalysisBody)
	}
	if !slices.ContainsFunc(f.Text.Entities, func(e analysis.Entity) bool { return e.Value == "+393330000001" }) {
		t.Errorf("phone not found in the case's region: %+v", f.Text.Entities)
	}
	if len(f.Images) != 1 || f.Images[0].Info.PHash == "" {
		t.Errorf("image findings: %+v", f.Images)
	}
	sums, _ = w.CaptureSummaries(ctx, c.ID)
	if !sums[0].Analysed || sums[0].Level != "none" || sums[0].Sensitive || sums[1].Level != sa.Level || sums[1].URL != "http://board.test/2" {
		t.Errorf("summaries after analysis: %+v", sums)
	}
	// The analysis is in the custody log, and the store still verifies.
	found := false
	w.Store().Log(ctx, store.LogFilter{}, func(e store.Entry) error {
		found = found || e.Details["capture"] == ad.ID && e.Details["level"] == sa.Level
		return nil
	})
	if !found {
		t.Error("no custody entry for the analysis")
	}
	if sum, err := w.Verify(ctx, store.VerifyFull, nil); err != nil || !sum.OK {
		t.Errorf("verify: %+v %v", sum, err)
	}
}

func TestAnalyzeCaptureReadsImageText(t *testing.T) {
	requireTesseract(t)
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test", Region: "IT", OCRLangs: []string{"eng"}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "ocr"})
	res := TestResult("http://board.test/3", "Photo ad", "see photo", 0, false)
	res.Artifacts = append(res.Artifacts, textImageArtifact(t, "JOB ABROAD NO EXPERIENCE"))
	sc, err := w.SaveCapture(ctx, c.ID, res)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.AnalyzeCapture(ctx, sc.ID, AnalyzeOptions{OCR: true}); err != nil {
		t.Fatal(err)
	}
	_, f, err := w.Analysis(ctx, sc.ID)
	if err != nil || len(f.Images) != 1 || f.Images[0].OCR == nil {
		t.Fatalf("findings %+v %v", f, err)
	}
	if got := strings.ToUpper(f.Images[0].OCR.Text); !strings.Contains(got, "ABROAD") {
		t.Errorf("OCR read %q", got)
	}
}

func TestNotesAndTagsAreVersioned(t *testing.T) {
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "notes"})
	sc, _ := w.SaveCapture(ctx, c.ID, TestResult("http://board.test/1", "x", "text", 1, false))
	if _, err := w.AddNote(ctx, sc.ID, "   "); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("empty note: %v", err)
	}
	n, err := w.AddNote(ctx, sc.ID, "Same phone as ad 12.")
	if err != nil {
		t.Fatal(err)
	}
	n2, err := w.EditNote(ctx, n.ID, "Same phone as ad 12 and 14.")
	if err != nil || n2.Version != 2 {
		t.Fatalf("edit: %+v %v", n2, err)
	}
	notes, _ := w.Notes(ctx, sc.ID)
	if len(notes) != 1 || notes[0].Text != "Same phone as ad 12 and 14." || notes[0].Author != "Insp. Test" {
		t.Errorf("notes %+v", notes)
	}
	if h, _ := w.Store().History(n.ID); len(h) != 2 {
		t.Errorf("note history has %d versions", len(h))
	}
	if tags, err := w.SetTags(ctx, sc.ID, []string{" phone-match ", "priority", "priority"}); err != nil || !slices.Equal(tags, []string{"phone-match", "priority"}) {
		t.Fatalf("tags %v %v", tags, err)
	}
	w.SetTags(ctx, sc.ID, []string{"priority"})
	if tags, _ := w.Tags(ctx, sc.ID); !slices.Equal(tags, []string{"priority"}) {
		t.Errorf("tags after change %v", tags)
	}
	verbs := map[string]int{}
	w.Store().Log(ctx, store.LogFilter{}, func(e store.Entry) error { verbs[e.Action]++; return nil })
	if verbs[store.ActNote] != 1 || verbs[store.ActTag] != 1 || verbs[store.ActUpdate] < 2 {
		t.Errorf("custody log actions %v", verbs)
	}
}

func TestQuickCheckStoresNothingUntilSaved(t *testing.T) {
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test", Region: "IT"})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "field"})
	before := logLength(t, w)
	qc, err := w.CheckText("pasted", escortAd)
	if err != nil || qc.Result.Level == "none" {
		t.Fatalf("check: %+v %v", qc.Result, err)
	}
	if logLength(t, w) != before {
		t.Error("a quick check wrote to the store")
	}
	id, err := w.SaveCheck(ctx, c.ID, qc)
	if err != nil || store.KindOf(id) != store.KindCheck {
		t.Fatalf("save: %q %v", id, err)
	}
	if logLength(t, w) != before+1 {
		t.Error("saving a check is not logged once")
	}
	if _, err := w.CheckText("huge", strings.Repeat("a", analysis.MaxTextBytes+1)); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("oversized text: %v", err)
	}
}

func logLength(t *testing.T, w *Workstation) int {
	n := 0
	if err := w.Store().Log(ctx, store.LogFilter{}, func(store.Entry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestQuickCheckPageAndImage(t *testing.T) {
	requireTesseract(t)
	site := boardSite(t)
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Test", Region: "IT", OCRLangs: []string{"eng"}})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	before := logLength(t, w)
	qc, err := w.CheckPage(ctx, site+"/ad")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(qc.Text, "Models wanted abroad") || qc.Page == nil || len(qc.Result.Hits) == 0 {
		t.Errorf("page check: text %q, %d hits", qc.Text, len(qc.Result.Hits))
	}
	if _, err := w.CheckPage(ctx, "file:///etc/passwd"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("file URL: %v", err)
	}
	img := textImageArtifact(t, "WORK ABROAD NO EXPERIENCE")
	qi, err := w.CheckImage(ctx, "banner.png", img.Data)
	if err != nil || !strings.Contains(strings.ToUpper(qi.Text), "ABROAD") || qi.Image.Info.PHash == "" {
		t.Errorf("image check: %q %+v %v", qi.Text, qi.Image, err)
	}
	if _, err := w.CheckImage(ctx, "bad.png", []byte("not an image")); !errors.Is(err, analysis.ErrImageUnreadable) {
		t.Errorf("garbage image: %v", err)
	}
	if logLength(t, w) != before {
		t.Error("quick checks wrote to the store")
	}
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "field"})
	id, err := w.SaveCheck(ctx, c.ID, qc)
	if err != nil || store.KindOf(id) != store.KindCapture {
		t.Fatalf("saving a page check: %q %v", id, err)
	}
	if _, _, err := w.Analysis(ctx, id); err != nil {
		t.Errorf("saved page not analysed: %v", err)
	}
}
