package analysis

import (
	"encoding/json"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// benchAds are the golden ads, repeated: ad-like text in nine languages.
func benchAds(b *testing.B) []string {
	raw, err := os.ReadFile("testdata/golden/ads.json")
	if err != nil {
		b.Fatal(err)
	}
	var ads []goldenAd
	json.Unmarshal(raw, &ads)
	var out []string
	for _, ad := range ads {
		out = append(out, ad.Text)
	}
	return out
}

// benchText repeats the ads up to about 1 MB.
func benchText(ads []string) string {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, t := range ads {
			sb.WriteString(t)
			sb.WriteString("\n")
		}
	}
	return sb.String()
}

// BenchmarkPipelineParts times the three parts of BenchmarkPipeline alone on its text, to show
// where its time goes.
func BenchmarkPipelineParts(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	a := defaultAnalyzer(b)
	text := benchText(benchAds(b))
	n := Normalize(text)
	b.Run("normalize", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Normalize(text)
		}
	})
	b.Run("match", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			a.rules.Match(n)
		}
	})
	b.Run("entities", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			ExtractEntities(n, "IT")
		}
	})
}

// BenchmarkPipeline measures normalise + match + entities on about 1 MB of ad text on one
// core, next to x/text NFKC alone on the same text in the same run (target: at least 0.5x).
// It runs on one core (GOMAXPROCS 1, garbage collection included) however it is started.
func BenchmarkPipeline(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	a := defaultAnalyzer(b)
	ads := benchAds(b)
	text := benchText(ads)
	var tOurs, tNFKC time.Duration
	for b.Loop() {
		start := time.Now()
		n := Normalize(text)
		a.rules.Match(n)
		ExtractEntities(n, "IT")
		tOurs += time.Since(start)
		start = time.Now()
		norm.NFKC.String(text)
		tNFKC += time.Since(start)
	}
	mb := float64(len(text)) * float64(b.N) / 1e6
	b.ReportMetric(mb/tOurs.Seconds(), "pipeline-MB/s")
	b.ReportMetric(mb/tNFKC.Seconds(), "nfkc-MB/s")
	b.ReportMetric(tNFKC.Seconds()/tOurs.Seconds(), "pipeline/nfkc")
}

// BenchmarkAds500 analyses 500-byte ads one by one, the whole Analyze (with language and score).
func BenchmarkAds500(b *testing.B) {
	a := defaultAnalyzer(b)
	var ads []string
	for _, t := range benchAds(b) {
		for len(t) < 500 {
			t += " " + t
		}
		cut := 500
		for cut > 0 && (t[cut]&0xC0) == 0x80 {
			cut--
		}
		ads = append(ads, t[:cut])
	}
	n := 0
	start := time.Now()
	for b.Loop() {
		a.Analyze(ads[n%len(ads)], Options{Region: "IT"})
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "ads/s")
}
