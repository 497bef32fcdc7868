package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/intercepted-eu/workstation/analysis"
	"github.com/intercepted-eu/workstation/app"
)

// checkLine is one object of `check --lines --json`.
type checkLine struct {
	Line int `json:"line"`
	analysis.Result
}

func runCheckCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var file, image, lines, region, ocrLangs string
	fs := newFlags(e, "check", &c)
	fs.StringVar(&file, "file", "", "analyse the text of this file")
	fs.StringVar(&image, "image", "", "read the text in this image (OCR) and analyse it; also hashes and EXIF")
	fs.StringVar(&lines, "lines", "", "analyse each line of this file as one text (bulk); with --json one object per line")
	fs.StringVar(&region, "region", "", "default phone region for numbers without +, e.g. IT")
	fs.StringVar(&ocrLangs, "ocr-langs", "eng+ita+ell+spa+deu+ukr+rus", "Tesseract languages for --image, all at once")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	a, err := app.Analyzer()
	if err != nil {
		return err
	}
	o := c.out(e)
	opts := analysis.Options{Region: region}
	switch {
	case lines != "":
		return checkLines(ctx, o, a, lines, opts)
	case image != "":
		return checkImage(ctx, o, a, image, ocrLangs, opts)
	}
	text, err := checkInput(e, file, pos)
	if err != nil {
		return err
	}
	if strings.TrimSpace(text) == "" {
		// The report of nothing would be the model's prior, not a finding.
		return fmt.Errorf("%w: nothing to check: the text is empty", errUsage)
	}
	res := a.Analyze(text, opts)
	if o.json {
		return o.obj(res)
	}
	printReport(o, text, res)
	return nil
}

func checkInput(e *Env, file string, pos []string) (string, error) {
	switch {
	case file != "":
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		text, err := analysis.ReadText(f)
		if err != nil {
			return "", fmt.Errorf("%s: %w", file, err)
		}
		return text, nil
	case len(pos) == 1 && pos[0] == "-":
		text, err := analysis.ReadText(e.Stdin)
		if err != nil {
			return "", fmt.Errorf("standard input: %w", err)
		}
		return text, nil
	case len(pos) > 0:
		return strings.Join(pos, " "), nil
	}
	return "", fmt.Errorf("%w: give the text, - for standard input, --file F, --image IMG or --lines F", errUsage)
}

// checkLines analyses each line of a file, read in UTF-8 or, after a byte-order mark, UTF-16.
func checkLines(ctx context.Context, o out, a *analysis.Analyzer, path string, opts analysis.Options) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(transform.NewReader(f, unicode.BOMOverride(transform.Nop)))
	sc.Buffer(make([]byte, 1<<20), analysis.MaxTextBytes)
	n := 1
	for ; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := a.Analyze(sc.Text(), opts)
		if o.json {
			if err := o.obj(checkLine{Line: n, Result: res}); err != nil {
				return err
			}
			continue
		}
		o.text("%5d  %-6s %6.1f  %s", n, res.Level, res.Score, clip(sc.Text(), 70))
	}
	if errors.Is(sc.Err(), bufio.ErrTooLong) {
		return fmt.Errorf("%s: line %d is longer than %d MiB, the most one check reads (is it a text of lines?)", path, n, analysis.MaxTextBytes>>20)
	}
	return sc.Err()
}

func checkImage(ctx context.Context, o out, a *analysis.Analyzer, path, langs string, opts analysis.Options) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	// One byte past the limit is enough for AnalyzeImage to refuse an image that is too large.
	data, err := io.ReadAll(io.LimitReader(f, analysis.DefaultMaxImageBytes+1))
	f.Close()
	if err != nil {
		return err
	}
	info, err := analysis.AnalyzeImage(data, analysis.ImageLimits{})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	ocr, err := analysis.OCR(ctx, data, analysis.OCROptions{Langs: strings.Split(langs, "+")})
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	res := a.Analyze(ocr.Text, opts)
	if o.json {
		return o.obj(struct {
			Image analysis.ImageInfo `json:"image"`
			OCR   string             `json:"ocr_text"`
			analysis.Result
		}{info, ocr.Text, res})
	}
	o.text("Image %s: %s %dx%d, pHash %s, dHash %s", path, info.Format, info.Width, info.Height, info.PHash, info.DHash)
	if info.EXIF != nil {
		o.text("  EXIF: %s", fmt.Sprintf("%+v", *info.EXIF)) // as a string, so that clean reaches its fields
	}
	o.text("Text read from the image (OCR, %s):\n%s\n", strings.Join(ocr.Langs, "+"), block(ocr.Text))
	printReport(o, ocr.Text, res)
	return nil
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// printReport is the field inspector's explained report.
func printReport(o out, text string, res analysis.Result) {
	o.text("Level: %s (score %.1f)   rule packs %s", strings.ToUpper(res.Level), res.Score, res.RulePack)
	if len(res.Languages) > 0 {
		o.text("Language: %s", res.Languages[0].Lang)
	}
	for _, l := range res.Explanation {
		o.text("  %s", l)
	}
	if len(res.Hits) > 0 {
		o.text("\nIndicators found:")
	}
	for _, h := range res.Hits {
		o.text("  [%s %s] %s: «%s»", h.Strength, h.Category, h.Indicator, highlight(text, h.Span))
		o.text("      %s (source: %s)", h.Explanation, h.Source)
	}
	if len(res.Entities) > 0 {
		o.text("\nEntities:")
	}
	for _, en := range res.Entities {
		obf := ""
		if en.Obfuscated {
			obf = "  (obfuscated)"
		}
		o.text("  %-7s %-32s «%s»%s", en.Type, en.Value, en.Raw, obf)
	}
	if res.Level == "none" && len(res.Hits) == 0 {
		o.text("\nNo indicator found. That is not proof that the ad is safe.")
	}
}

// highlight shows the matched words with a little context.
func highlight(text string, sp analysis.Span) string {
	if sp.Start < 0 || sp.End > len(text) || sp.Start > sp.End {
		return ""
	}
	before := text[max(0, sp.Start-30):sp.Start]
	after := text[sp.End:min(len(text), sp.End+30)]
	for !utf8.ValidString(before) && len(before) > 0 {
		before = before[1:]
	}
	for !utf8.ValidString(after) && len(after) > 0 {
		after = after[:len(after)-1]
	}
	return strings.Join(strings.Fields(before+"[["+text[sp.Start:sp.End]+"]]"+after), " ")
}

func runEvalCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var format, flags, split, region string
	fs := newFlags(e, "eval", &c)
	fs.StringVar(&format, "format", "emscad", "the file's format (emscad)")
	fs.StringVar(&flags, "flags", "", "also compare with hand-coded red flags in this EMSCAD-format file (manual_flag* columns)")
	fs.StringVar(&split, "split", "all", "all rows, or only the train or test part of the fixed split (the shipped model was trained on train)")
	fs.StringVar(&region, "region", "US", "default phone region")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if format != "emscad" || len(pos) != 1 || (split != "all" && split != "train" && split != "test") {
		return fmt.Errorf("%w: intercepted eval --format emscad FILE.csv [--split all|train|test] [--flags FILE]", errUsage)
	}
	a, err := app.Analyzer()
	if err != nil {
		return err
	}
	ads, err := readAds(pos[0], split)
	if err != nil {
		return err
	}
	rep, err := a.EvaluateAds(ctx, ads, analysis.Options{Region: region})
	if err != nil {
		return err
	}
	if flags != "" {
		fads, err := readAds(flags, "all")
		if err != nil {
			return err
		}
		frep, err := a.EvaluateAds(ctx, fads, analysis.Options{Region: region})
		if err != nil {
			return err
		}
		rep.Flags = frep.Flags
	}
	return printEval(c.out(e), pos[0], split, rep)
}

func readAds(path, split string) ([]analysis.LabeledAd, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ads, err := analysis.ReadEMSCAD(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if split == "all" {
		return ads, nil
	}
	var out []analysis.LabeledAd
	for _, ad := range ads {
		if analysis.InTrainingSplit(ad.ID) == (split == "train") {
			out = append(out, ad)
		}
	}
	return out, nil
}

func printEval(o out, path, split string, rep analysis.EvalReport) error {
	if o.json {
		return o.obj(rep)
	}
	o.text("Evaluation of %s (%s rows): %d ads, %d fraudulent", path, split, rep.N, rep.Positives)
	o.text("  analyzer (rules + %s): TPR %.3f  FPR %.3f  ROC AUC %.3f", rep.Model, rep.TPR, rep.FPR, rep.AUC)
	o.text("  rules alone (level medium or high): TPR %.3f  FPR %.3f  ROC AUC %.3f", rep.Rules.TPR, rep.Rules.FPR, rep.Rules.AUC)
	o.text("  rule packs: %s", rep.RulePack)
	o.text("\nIndicator hits (fraudulent / genuine ads):")
	for _, id := range sortedCounts(rep.Indicators) {
		hc := rep.Indicators[id]
		o.text("  %-30s %5d / %d", id, hc.Fraud, hc.Genuine)
	}
	if len(rep.Flags) > 0 {
		o.text("\nAgreement with the hand-coded red flags:")
	}
	for _, f := range rep.Flags {
		o.text("  %-32s coded %3d  found %3d  agreement %.2f  kappa %+.2f  (%s)", f.Flag, f.Coded, f.Found, f.Agreement, f.Kappa, strings.Join(f.Indicators, ", "))
	}
	return nil
}

func sortedCounts(m map[string]analysis.HitCounts) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sortStrings(keys, func(a, b string) bool { return m[a].Fraud+m[a].Genuine > m[b].Fraud+m[b].Genuine })
	return keys
}
