package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// entityBenchAds are the golden ads of testdata/entities (nine languages, ~500 bytes each,
// every kind of entity, plain and obfuscated) with their regions.
func entityBenchAds(b *testing.B) (texts, regions []string, size int64) {
	files, err := filepath.Glob(filepath.Join("testdata", "entities", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no ads: %v", err)
	}
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
		regions = append(regions, goldenRegion(filepath.Base(f)[:2]))
		size += int64(len(t))
	}
	return texts, regions, size
}

// BenchmarkExtractEntities measures extraction alone on normalised ads ("extract") and with
// normalisation ("normalize+extract"), in MB/s and ads/s.
func BenchmarkExtractEntities(b *testing.B) {
	texts, regions, size := entityBenchAds(b)
	norm := make([]*Normalized, len(texts))
	for i, t := range texts {
		norm[i] = Normalize(t)
	}
	run := func(b *testing.B, f func(i int)) {
		b.SetBytes(size)
		b.ReportAllocs()
		start := time.Now()
		for b.Loop() {
			for i := range texts {
				f(i)
			}
		}
		b.ReportMetric(float64(b.N*len(texts))/time.Since(start).Seconds(), "ads/s")
	}
	b.Run("extract", func(b *testing.B) {
		run(b, func(i int) { ExtractEntities(norm[i], regions[i]) })
	})
	b.Run("normalize+extract", func(b *testing.B) {
		run(b, func(i int) { ExtractEntities(Normalize(texts[i]), regions[i]) })
	})
}

// BenchmarkExtractEntitiesHostile runs extraction on 64 KB texts built to make a careless
// scanner quadratic: many "@", dots, brackets, digits, spelled digits, platform words. Their
// MB/s should stay in the range of ordinary ads.
func BenchmarkExtractEntitiesHostile(b *testing.B) {
	const size = 64 << 10
	repeat := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	for name, text := range map[string]string{
		"at-signs":      repeat("@ab "),
		"emails":        repeat("a@b.co "),
		"dots":          repeat("a."),
		"digits":        repeat("1 2 3 "),
		"spelled":       repeat("tre "),
		"brackets":      repeat("x[dot]"),
		"url-parens":    "x.com/a" + repeat(")"),
		"platform":      repeat("telegram: "),
		"at-words":      repeat("anna at "),
		"long-token":    repeat("A"),
		"prices":        repeat("3.000 € "),
		"phone-list":    repeat("333 000 0001 "),
		"invisible":     "a" + repeat("\u200b") + "b",
		"mixed-scripts": repeat("аnnа@mаil.com "),
	} {
		n := Normalize(text)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				ExtractEntities(n, "IT")
			}
		})
	}
}
