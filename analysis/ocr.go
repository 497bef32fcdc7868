package analysis

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"
)

// OCR reads text inside images with the Tesseract command-line program, on the device. Calling
// the program rather than linking libtesseract keeps C++ out of the workstation binary; the
// image goes in on stdin, so no copy of the evidence lands unencrypted in a temporary file.

// OCROptions: Langs are tesseract codes (eng, ita, ell, spa, deu, ukr, rus, ron, bul…); all are
// passed at once ("-l eng+ell"), as a single language turns other scripts into garbage. Bin
// defaults to "tesseract" on PATH. Timeout defaults to 60 s.
type OCROptions struct {
	Langs   []string      // default: eng
	Bin     string        // default: tesseract
	Timeout time.Duration // for the whole call, listing the languages included
	Limits  ImageLimits   // checked before tesseract sees the image; zero values take the defaults
}

// DefaultOCRTimeout bounds one OCR call: a page takes about half a second on one core.
const DefaultOCRTimeout = 60 * time.Second

func (o OCROptions) withDefaults() OCROptions {
	if len(o.Langs) == 0 {
		o.Langs = []string{"eng"}
	}
	if o.Bin == "" {
		o.Bin = "tesseract"
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultOCRTimeout
	}
	o.Limits = o.Limits.withDefaults()
	return o
}

// OCRWord is one recognised word.
type OCRWord struct {
	Text string          `json:"text"`
	Conf float64         `json:"conf"` // 0..1 (tesseract's 0–100 divided by 100)
	Box  image.Rectangle `json:"box"`  // in pixels of the image as given
}

// OCRResult is the text found in one image.
type OCRResult struct {
	Text         string    `json:"text"` // words joined by spaces, lines by newlines, blocks by an empty line
	Words        []OCRWord `json:"words"`
	Langs        []string  `json:"langs"`                   // the languages tesseract was run with
	MissingLangs []string  `json:"missing_langs,omitempty"` // requested but not installed: not used
}

var (
	// ErrOCRNotInstalled: the tesseract program is not on this machine.
	ErrOCRNotInstalled = errors.New("tesseract is not installed: install the Debian package tesseract-ocr and tesseract-ocr-<lang> for each language")
	// ErrOCRLanguages: none of the requested languages is installed.
	ErrOCRLanguages = errors.New("none of the requested OCR languages is installed")
	// ErrOCRTimeout: tesseract did not finish within OCROptions.Timeout.
	ErrOCRTimeout = errors.New("OCR timed out")
)

// OCR finds the text in an image. The image is checked against opts.Limits first, as for
// AnalyzeImage. Requested languages that are not installed are left out and listed in
// MissingLangs; if none is installed, the error says which packages to install.
func OCR(ctx context.Context, img []byte, opts OCROptions) (OCRResult, error) {
	opts = opts.withDefaults()
	input, err := ocrInput(img, opts.Limits)
	if err != nil {
		return OCRResult{}, err
	}
	tctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	installed, err := OCRLanguages(tctx, opts.Bin)
	if err != nil {
		return OCRResult{}, ocrContextErr(ctx, tctx, opts.Timeout, err)
	}
	res := OCRResult{}
	for _, l := range opts.Langs {
		if slices.Contains(installed, l) {
			res.Langs = append(res.Langs, l)
		} else {
			res.MissingLangs = append(res.MissingLangs, l)
		}
	}
	if len(res.Langs) == 0 {
		return res, fmt.Errorf("%w: %s missing; install %s", ErrOCRLanguages, strings.Join(res.MissingLangs, ", "), ocrPackages(res.MissingLangs))
	}
	out, err := runTesseract(tctx, opts.Bin, input, "stdin", "stdout", "-l", strings.Join(res.Langs, "+"), "tsv")
	if err != nil {
		return res, ocrContextErr(ctx, tctx, opts.Timeout, err)
	}
	res.Words, res.Text = parseTesseractTSV(string(out))
	return res, nil
}

// ocrInput checks the image and returns bytes tesseract reads everywhere: PNG and JPEG as they
// are; other formats re-encoded as PNG, as not every Leptonica build reads GIF or WebP.
func ocrInput(img []byte, limits ImageLimits) ([]byte, error) {
	_, format, err := imageCheckHeader(img, limits)
	if err != nil {
		return nil, err
	}
	if format == "png" || format == "jpeg" {
		return img, nil
	}
	m, err := imageDecode(img)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		return nil, fmt.Errorf("analysis: re-encoding the %s image for OCR: %w", format, err)
	}
	return b.Bytes(), nil
}

// ocrContextErr tells the caller's cancellation apart from our own timeout.
func ocrContextErr(parent, tctx context.Context, timeout time.Duration, err error) error {
	if parent.Err() != nil {
		return parent.Err()
	}
	if errors.Is(tctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w after %v", ErrOCRTimeout, timeout)
	}
	return err
}

// ocrPackages names the Debian packages of tesseract languages ("chi_sim" → tesseract-ocr-chi-sim).
func ocrPackages(langs []string) string {
	var p []string
	for _, l := range langs {
		p = append(p, "tesseract-ocr-"+strings.ReplaceAll(strings.ToLower(l), "_", "-"))
	}
	return strings.Join(p, " ")
}

// OCRLanguages lists the installed tesseract languages (tesseract --list-langs).
func OCRLanguages(ctx context.Context, bin string) ([]string, error) {
	if bin == "" {
		bin = "tesseract"
	}
	// Tesseract 4 and later print the list on stdout, 3 on stderr: read both.
	out, err := runTesseract(ctx, bin, nil, "--list-langs")
	if err != nil {
		return nil, err
	}
	var langs []string
	for _, line := range strings.Split(string(out), "\n") {
		l := strings.TrimSpace(line)
		// osd is orientation and script detection, not a language to read with.
		if l == "" || l == "osd" || strings.HasPrefix(l, "List of available languages") || strings.ContainsAny(l, " :") {
			continue
		}
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs, nil
}

// ocrMaxOutput bounds what is read from tesseract: TSV of a 40-megapixel page is a few MB.
const ocrMaxOutput = 64 << 20

// runTesseract runs tesseract with one OpenMP thread: measured 0.45 s instead of 3.2 s per page
// on two cores, as OpenMP's threads spin against each other on small machines. With a nil input
// stderr is merged into the output (for --list-langs); otherwise its tail goes into the error.
func runTesseract(ctx context.Context, bin string, input []byte, args ...string) ([]byte, error) {
	path, err := exec.LookPath(bin)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrOCRNotInstalled, err)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "OMP_THREAD_LIMIT=")
	}), "OMP_THREAD_LIMIT=1")
	cmd.WaitDelay = 2 * time.Second // do not wait forever on pipes a killed tesseract left open
	out := &ocrBuffer{max: ocrMaxOutput}
	stderr := &ocrBuffer{max: 4 << 10, keepTail: true}
	cmd.Stdout, cmd.Stderr = out, stderr
	if input != nil {
		cmd.Stdin = bytes.NewReader(input)
	} else {
		cmd.Stderr = out
	}
	if err := cmd.Run(); err != nil {
		msg := stderr.String()
		if input == nil {
			msg = out.String()
		}
		return nil, fmt.Errorf("analysis: %s %s: %w: %s", bin, strings.Join(args, " "), err, strings.TrimSpace(msg))
	}
	if out.overflow {
		return nil, fmt.Errorf("analysis: tesseract wrote more than %d bytes", ocrMaxOutput)
	}
	return out.Bytes(), nil
}

// ocrBuffer keeps at most max bytes: the head, or with keepTail the most recent ones.
type ocrBuffer struct {
	bytes.Buffer
	max      int
	keepTail bool
	overflow bool
}

func (b *ocrBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if b.keepTail {
		b.Buffer.Write(p)
		if over := b.Len() - b.max; over > 0 {
			b.Next(over)
		}
		return n, nil
	}
	if room := b.max - b.Len(); len(p) > room {
		p, b.overflow = p[:max(room, 0)], true
	}
	b.Buffer.Write(p)
	return n, nil
}

// parseTesseractTSV reads the words of tesseract's TSV output (level 5 rows) and rebuilds the
// text: words of a line joined by spaces, lines by newlines, blocks and paragraphs by an empty
// line. Tesseract's Greek model reads μ as the micro sign µ, which would break matching of Greek
// words: it is replaced.
func parseTesseractTSV(tsv string) ([]OCRWord, string) {
	var (
		words    []OCRWord
		text     strings.Builder
		lastLine [4]string // page, block, paragraph, line of the previous word
	)
	for _, row := range strings.Split(tsv, "\n") {
		f := strings.SplitN(strings.TrimRight(row, "\r"), "\t", 12)
		if len(f) != 12 || f[0] != "5" {
			continue
		}
		w, ok := parseTSVWord(f)
		if !ok {
			continue
		}
		line := [4]string{f[1], f[2], f[3], f[4]}
		switch {
		case len(words) == 0:
		case [3]string(line[:3]) != [3]string(lastLine[:3]):
			text.WriteString("\n\n")
		case line != lastLine:
			text.WriteString("\n")
		default:
			text.WriteString(" ")
		}
		text.WriteString(w.Text)
		words, lastLine = append(words, w), line
	}
	return words, text.String()
}

// parseTSVWord reads one word row: left, top, width, height, conf, text.
func parseTSVWord(f []string) (OCRWord, bool) {
	txt := strings.ReplaceAll(strings.TrimSpace(f[11]), "\u00b5", "\u03bc")
	var n [4]int
	for i := range n {
		v, err := strconv.Atoi(f[6+i])
		if err != nil || v < 0 || v > 1<<24 {
			return OCRWord{}, false
		}
		n[i] = v
	}
	conf, err := strconv.ParseFloat(f[10], 64)
	if txt == "" || err != nil || !(conf >= 0) { // -1 marks rows that are not words; NaN is nonsense
		return OCRWord{}, false
	}
	return OCRWord{
		Text: txt,
		Conf: min(conf/100, 1),
		Box:  image.Rect(n[0], n[1], n[0]+n[2], n[1]+n[3]),
	}, true
}
