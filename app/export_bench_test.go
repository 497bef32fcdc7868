package app

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// BenchmarkExport1000 exports a case of 1,000 captures (no PDF: that would time Chromium, not
// the exporter) next to a bare archive/zip of the same artifacts and records, read from the
// store the same way and compressed the same way, in the same run. It reports the package's
// MB/s, the bare zip's MB/s (of its own, slightly smaller, output) and export/zip, the ratio of
// the two speeds: what the manifests, signatures, custody log and report cost on top.
func BenchmarkExport1000(b *testing.B) {
	const captures = 1000
	cfg := StoreConfig{Dir: b.TempDir(), Passphrase: []byte(store.TestPassphrase), KDF: store.TestKDF}
	w, err := Create(ctx, cfg, Settings{Officer: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	cs, _ := w.NewCase(ctx, store.CaseInfo{Name: "bench"})
	for i := range captures {
		url := fmt.Sprintf("https://board.example/ad/%d", i)
		res := TestResult(url, fmt.Sprintf("Ad %d", i), fmt.Sprintf("Ad %d: models wanted abroad, write on Telegram to +39 333 %07d.", i, i), uint8(i), false)
		res.Artifacts[0] = capture.NewArtifact(capture.KindScreenshot, "screenshot.png", "image/png", noisePNG(i), "bench screenshot")
		if _, err := w.SaveCapture(ctx, cs.ID, res); err != nil {
			b.Fatal(err)
		}
	}
	out := b.TempDir()
	var exportTime, zipTime time.Duration
	var exportBytes, zipBytes int64
	b.ResetTimer()
	for i := range b.N {
		pkg := filepath.Join(out, fmt.Sprintf("export-%d.zip", i))
		start := time.Now()
		sum, err := w.Export(ctx, ExportOptions{Case: cs.ID, Out: pkg, NoPDF: true})
		if err != nil {
			b.Fatal(err)
		}
		exportTime += time.Since(start)
		exportBytes += sum.Bytes
		os.Remove(pkg)

		bare := filepath.Join(out, fmt.Sprintf("bare-%d.zip", i))
		start = time.Now()
		n, err := bareZip(w, cs.ID, bare)
		if err != nil {
			b.Fatal(err)
		}
		zipTime += time.Since(start)
		zipBytes += n
		os.Remove(bare)
	}
	exportRate := float64(exportBytes) / 1e6 / exportTime.Seconds()
	zipRate := float64(zipBytes) / 1e6 / zipTime.Seconds()
	b.ReportMetric(exportRate, "export-MB/s")
	b.ReportMetric(zipRate, "zip-MB/s")
	b.ReportMetric(exportRate/zipRate, "export/zip")
	b.ReportMetric(float64(exportBytes)/float64(b.N)/1e6, "package-MB")
}

// bareZip writes every capture's artifacts and record of a case into a plain ZIP, read from the
// store and compressed as the exporter does, and returns the file's size.
func bareZip(w *Workstation, caseID, path string) (int64, error) {
	caps, err := w.Captures(ctx, caseID)
	if err != nil {
		return 0, err
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	add := func(name string, r io.Reader) error {
		method := zip.Deflate
		if strings.HasSuffix(name, ".png") || strings.HasSuffix(name, ".gz") {
			method = zip.Store
		}
		zf, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: time.Now().UTC()})
		if err != nil {
			return err
		}
		_, err = io.Copy(zf, r)
		return err
	}
	for _, c := range caps {
		for _, a := range c.Artifacts {
			h, err := store.ParseHash(a.SHA256)
			if err != nil {
				return 0, err
			}
			br, err := w.st.OpenBlob(h)
			if err != nil {
				return 0, err
			}
			err = add(artifactPath(c.ID, a.Kind, a.Name), br)
			br.Close()
			if err != nil {
				return 0, err
			}
		}
		rec, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			return 0, err
		}
		if err := add("captures/"+c.ID+"/record.json", strings.NewReader(string(rec))); err != nil {
			return 0, err
		}
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Sync()
}

// noisePNG is a 180×180 PNG of seeded noise, about 100 KB: it does not compress, as a real
// screenshot's bytes mostly do not once PNG-encoded, and differs for every seed.
func noisePNG(seed int) []byte {
	r := rand.New(rand.NewPCG(uint64(seed), 1))
	img := image.NewNRGBA(image.Rect(0, 0, 180, 180))
	for i := range img.Pix {
		img.Pix[i] = uint8(r.Uint32())
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
