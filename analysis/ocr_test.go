package analysis

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// The OCR tests run the real tesseract (Debian: tesseract-ocr, tesseract-ocr-ell) and draw their
// text with DejaVu Sans (Debian: fonts-dejavu-core), which has Greek and Cyrillic letters.
const ocrTestFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

func requireTesseract(t testing.TB, langs ...string) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Fatalf("tesseract is not installed: apt-get install tesseract-ocr tesseract-ocr-ell (%v)", err)
	}
	installed, err := OCRLanguages(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range langs {
		if !slices.Contains(installed, l) {
			t.Fatalf("tesseract language %s is not installed: apt-get install %s", l, ocrPackages([]string{l}))
		}
	}
}

// testRenderText draws lines of black text on a white image, 40 px high letters, as an ad banner.
func testRenderText(t testing.TB, lines ...string) *image.RGBA {
	t.Helper()
	ttf, err := os.ReadFile(ocrTestFont)
	if err != nil {
		t.Fatalf("font for the OCR tests missing: apt-get install fonts-dejavu-core (%v)", err)
	}
	f, err := opentype.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 40, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	img := image.NewRGBA(image.Rect(0, 0, 1000, 40+70*len(lines)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black), Face: face}
	for i, line := range lines {
		d.Dot = fixed.P(30, 70+70*i)
		d.DrawString(line)
	}
	return img
}

func ocrWords(res OCRResult) map[string]bool {
	m := map[string]bool{}
	for _, w := range res.Words {
		m[strings.Trim(w.Text, ".,:;!?")] = true
	}
	return m
}

func checkOCRWords(t *testing.T, res OCRResult, want ...string) {
	t.Helper()
	got := ocrWords(res)
	for _, w := range want {
		if !got[w] {
			t.Errorf("word %q not recognised; text:\n%s", w, res.Text)
		}
	}
}

func TestOCREnglish(t *testing.T) {
	requireTesseract(t, "eng")
	img := testRenderText(t, "Hostess wanted in Milan", "Salary 3000 euro per month", "Housing provided, call now")
	res, err := OCR(context.Background(), testEncodePNG(t, img), OCROptions{Langs: []string{"eng"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("text:\n%s", res.Text)
	checkOCRWords(t, res, "Hostess", "wanted", "Milan", "Salary", "3000", "euro", "month", "Housing", "provided", "call", "now")
	if lines := strings.Split(res.Text, "\n"); len(lines) < 3 || !strings.HasPrefix(lines[0], "Hostess") {
		t.Errorf("text not rebuilt by lines:\n%s", res.Text)
	}
	for _, w := range res.Words {
		if w.Conf <= 0.5 || w.Conf > 1 || w.Box.Empty() || !w.Box.In(img.Bounds()) {
			t.Errorf("word %+v: confidence or box out of range", w)
		}
	}
	if len(res.Langs) != 1 || res.Langs[0] != "eng" || len(res.MissingLangs) != 0 {
		t.Errorf("langs %v, missing %v", res.Langs, res.MissingLangs)
	}
}

// Greek and English in one image need both languages at once; μ must not come back as µ.
func TestOCRGreekEnglish(t *testing.T) {
	requireTesseract(t, "eng", "ell")
	img := testRenderText(t, "Ζητούνται κοπέλες για εργασία", "Υψηλός μισθός, δωρεάν σπίτι", "Work in Athens, call now")
	res, err := OCR(context.Background(), testEncodePNG(t, img), OCROptions{Langs: []string{"eng", "ell"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("text:\n%s", res.Text)
	checkOCRWords(t, res, "Ζητούνται", "κοπέλες", "για", "εργασία", "μισθός", "δωρεάν", "σπίτι", "Work", "Athens", "call", "now")
	if strings.ContainsRune(res.Text, 'µ') {
		t.Errorf("micro sign left in the text:\n%s", res.Text)
	}
}

// A GIF goes to tesseract re-encoded as PNG.
func TestOCRGIF(t *testing.T) {
	requireTesseract(t, "eng")
	var b bytes.Buffer
	if err := gif.Encode(&b, testRenderText(t, "Models wanted today"), nil); err != nil {
		t.Fatal(err)
	}
	res, err := OCR(context.Background(), b.Bytes(), OCROptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkOCRWords(t, res, "Models", "wanted", "today")
}

func TestOCRLanguages(t *testing.T) {
	requireTesseract(t)
	langs, err := OCRLanguages(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("installed: %v", langs)
	if !slices.Contains(langs, "eng") || slices.Contains(langs, "osd") || !slices.IsSorted(langs) {
		t.Errorf("OCRLanguages = %v: want eng, no osd, sorted", langs)
	}
}

func TestOCRLanguagesMissing(t *testing.T) {
	requireTesseract(t, "eng")
	img := testEncodePNG(t, testRenderText(t, "Call now"))
	res, err := OCR(context.Background(), img, OCROptions{Langs: []string{"eng", "xqz"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.MissingLangs) != 1 || res.MissingLangs[0] != "xqz" || len(res.Langs) != 1 {
		t.Errorf("langs %v, missing %v; want eng used and xqz missing", res.Langs, res.MissingLangs)
	}
	_, err = OCR(context.Background(), img, OCROptions{Langs: []string{"xqz", "chi_sim_x"}})
	if !errors.Is(err, ErrOCRLanguages) || !strings.Contains(err.Error(), "tesseract-ocr-xqz tesseract-ocr-chi-sim-x") {
		t.Errorf("err = %v, want ErrOCRLanguages naming the packages", err)
	}
	t.Log(err)
}

func TestOCRErrors(t *testing.T) {
	requireTesseract(t, "eng")
	img := testEncodePNG(t, testRenderText(t, "Call now"))
	ctx := context.Background()
	t.Run("not installed", func(t *testing.T) {
		_, err := OCR(ctx, img, OCROptions{Bin: "/nonexistent/tesseract"})
		if !errors.Is(err, ErrOCRNotInstalled) {
			t.Errorf("err = %v, want ErrOCRNotInstalled", err)
		}
		if _, err := OCRLanguages(ctx, "no-such-tesseract"); !errors.Is(err, ErrOCRNotInstalled) {
			t.Errorf("OCRLanguages err = %v, want ErrOCRNotInstalled", err)
		}
		t.Log(err)
	})
	t.Run("timeout", func(t *testing.T) {
		_, err := OCR(ctx, img, OCROptions{Timeout: time.Millisecond})
		if !errors.Is(err, ErrOCRTimeout) {
			t.Errorf("err = %v, want ErrOCRTimeout", err)
		}
	})
	t.Run("cancelled by the caller", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := OCR(cctx, img, OCROptions{}); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
	// The image is checked before tesseract is looked for: a bad binary cannot mask these.
	t.Run("unreadable image", func(t *testing.T) {
		_, err := OCR(ctx, []byte("not an image"), OCROptions{Bin: "/nonexistent/tesseract"})
		if !errors.Is(err, ErrImageUnreadable) {
			t.Errorf("err = %v, want ErrImageUnreadable", err)
		}
	})
	t.Run("bomb", func(t *testing.T) {
		_, err := OCR(ctx, testBombPNG(30000, 30000), OCROptions{Bin: "/nonexistent/tesseract"})
		if !errors.Is(err, ErrImageTooLarge) {
			t.Errorf("err = %v, want ErrImageTooLarge", err)
		}
	})
}

// fakeTesseract writes a stand-in for tesseract, for what the real one cannot be made to do on
// demand: hang, and show what environment and input it was given.
func fakeTesseract(t *testing.T, body string) string {
	t.Helper()
	bin := t.TempDir() + "/tesseract"
	script := "#!/bin/sh\nif [ \"$1\" = --list-langs ]; then echo 'List of available languages in \"/x/\" (2):'; echo eng; echo osd; exit 0; fi\n" + body + "\n"
	if err := os.WriteFile(bin, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestOCRProcess(t *testing.T) {
	img := testEncodePNG(t, testRenderText(t, "Call now"))
	ctx := context.Background()
	t.Run("one thread, image on stdin", func(t *testing.T) {
		bin := fakeTesseract(t, `n=$(wc -c); printf '5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tomp%s\n5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t90\tbytes%s\n' "$OMP_THREAD_LIMIT" $n`)
		t.Setenv("OMP_THREAD_LIMIT", "8")
		res, err := OCR(ctx, img, OCROptions{Bin: bin})
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("omp1 bytes%d", len(img)); res.Text != want {
			t.Errorf("text = %q, want %q", res.Text, want)
		}
	})
	t.Run("hangs past the timeout", func(t *testing.T) {
		bin := fakeTesseract(t, "exec sleep 30")
		start := time.Now()
		_, err := OCR(ctx, img, OCROptions{Bin: bin, Timeout: 300 * time.Millisecond})
		if !errors.Is(err, ErrOCRTimeout) {
			t.Errorf("err = %v, want ErrOCRTimeout", err)
		}
		t.Logf("%v, returned after %v", err, time.Since(start).Round(time.Millisecond))
	})
	t.Run("fails", func(t *testing.T) {
		bin := fakeTesseract(t, "echo 'Error in pixReadMem: Unknown format: no pix returned' >&2; exit 1")
		_, err := OCR(ctx, img, OCROptions{Bin: bin})
		if err == nil || !strings.Contains(err.Error(), "Unknown format") {
			t.Errorf("err = %v, want tesseract's message", err)
		}
	})
}

const testTSV = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
	"1\t1\t0\t0\t0\t0\t0\t0\t600\t200\t-1\t\n" +
	"4\t1\t1\t1\t1\t0\t10\t10\t300\t30\t-1\t\n" +
	"5\t1\t1\t1\t1\t1\t10\t10\t100\t30\t95.5\tΥψηλός\n" +
	"5\t1\t1\t1\t1\t2\t120\t10\t100\t30\t91\tµισθός\n" +
	"5\t1\t1\t1\t2\t1\t10\t50\t100\t30\t88\tcall\n" +
	"5\t1\t1\t1\t2\t2\t120\t50\t50\t30\t-1\t \n" +
	"5\t1\t2\t1\t1\t1\t10\t120\t80\t30\t40.25\tnow\r\n" +
	"5\t1\t2\t1\t1\t2\tx\t120\t80\t30\t40\tbad\n" +
	"5\t1\t2\t1\t1\t3\t10\t120\t80\t30\tNaN\tbad\n"

func TestOCRParseTSV(t *testing.T) {
	words, text := parseTesseractTSV(testTSV)
	if want := "Υψηλός μισθός\ncall\n\nnow"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	if len(words) != 4 {
		t.Fatalf("words = %+v", words)
	}
	if w := words[1]; w.Text != "μισθός" || w.Conf != 0.91 || w.Box != image.Rect(120, 10, 220, 40) {
		t.Errorf("word = %+v", w)
	}
}

func FuzzOCRParseTSV(f *testing.F) {
	f.Add(testTSV)
	f.Add("5\t1\t1\t1\t1\t1\t-5\t0\t1\t1\t1e400\tx")
	f.Fuzz(func(t *testing.T, tsv string) {
		words, text := parseTesseractTSV(tsv)
		for _, w := range words {
			if w.Text == "" || !(w.Conf >= 0 && w.Conf <= 1) || w.Box.Min.X < 0 || w.Box.Min.Y < 0 || strings.ContainsRune(w.Text, 'µ') {
				t.Fatalf("bad word %+v", w)
			}
		}
		if len(words) == 0 && text != "" {
			t.Fatalf("text %q without words", text)
		}
	})
}

func BenchmarkOCR(b *testing.B) {
	requireTesseract(b, "eng", "ell")
	img := testEncodePNG(b, testRenderText(b, "Ζητούνται κοπέλες για εργασία", "Work in Athens, call now", "Salary 3000 euro per month"))
	ctx := context.Background()
	for b.Loop() {
		if _, err := OCR(ctx, img, OCROptions{Langs: []string{"eng", "ell"}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/image")
}
