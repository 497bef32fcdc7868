package analysis

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// BenchmarkNormalize measures Normalize on about 1 MB of ad text next to x/text NFKC alone on
// the same text, timed in the same loop so that both see the same machine load: "plain" ads
// in thirteen languages (testdata/normalize/plain.txt), "obfuscated" ones where nearly every
// line hides words or numbers (ads.txt), and a "mixed" text of three plain lines to one
// obfuscated. The analyzer's target is the whole pipeline at 0.5x NFKC or better, so the
// normaliser alone must stay well above that.
func BenchmarkNormalize(b *testing.B) {
	plain, obfuscated := normGoldenInputs(b, "plain"), normGoldenInputs(b, "ads")
	var mixed []string
	for i, l := range obfuscated {
		mixed = append(mixed, l)
		for k := range 3 {
			mixed = append(mixed, plain[(3*i+k)%len(plain)])
		}
	}
	for _, c := range []struct {
		name  string
		lines []string
	}{{"mixed", mixed}, {"plain", plain}, {"obfuscated", obfuscated}} {
		b.Run(c.name, func(b *testing.B) { benchNormalize(b, normBenchText(c.lines)) })
	}
}

// normBenchText repeats lines up to about 1 MB.
func normBenchText(lines []string) string {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		for _, l := range lines {
			sb.WriteString(l)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func benchNormalize(b *testing.B, text string) {
	b.SetBytes(int64(len(text)))
	var ours, nfkc time.Duration
	for b.Loop() {
		start := time.Now()
		Normalize(text)
		ours += time.Since(start)
		start = time.Now()
		norm.NFKC.String(text)
		nfkc += time.Since(start)
	}
	mb := float64(len(text)) * float64(b.N) / 1e6
	b.ReportMetric(mb/ours.Seconds(), "ours-MB/s")
	b.ReportMetric(mb/nfkc.Seconds(), "nfkc-MB/s")
	b.ReportMetric(nfkc.Seconds()/ours.Seconds(), "ours/nfkc")
}
