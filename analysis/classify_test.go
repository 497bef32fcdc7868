package analysis

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestClassify64 holds each kernel this machine runs to the portable classification: every byte
// value in each of the 64 places, every pair of bytes at the edges of lanes, and texts of the
// supported scripts.
func TestClassify64(t *testing.T) {
	var blk [65]byte
	for v := range 256 {
		for p := range 64 {
			for k := range blk {
				blk[k] = byte(v + 7*k) // every byte value in every place, among others
			}
			blk[p] = byte(v)
			checkClassify64(t, string(blk[:]))
		}
		// every pair of bytes, as the lead and second byte of a two-byte character, at the
		// edges of the kernel's sixteen-byte lanes and of the block
		for _, p := range []int{0, 1, 14, 15, 16, 31, 32, 47, 48, 62, 63} {
			for w := range 256 {
				blk[p], blk[p+1] = byte(v), byte(w)
				checkClassify64(t, string(blk[:]))
			}
		}
	}
	for _, s := range []string{
		"Hostess wanted in Dubai! Earn up to 5000 EUR per week, +44 7700 900123 'ok'",
		"Работа в Германии, жильё бесплатно. Звоните +7 900 000-00-00, ёлка ЁЛКА",
		"Εργασία στη Ζυρίχη, διαμονή δωρεάν. Πληρωμή 3.000€ τον μήνα @handle_01",
		"Ά·Έ΢Ώ ϊϋϰϱ϶ ×÷ ăîșț ąęłż ґєії Ѐѐ",
		"Lavoro all'estero, vitto e alloggio pagati: città, perché, PERCHÉ 🍒🍒 ｆｕｌｌ",
	} {
		s = strings.Repeat(s, 3)
		for i := 0; i+65 <= len(s); i++ {
			checkClassify64(t, s[i:i+65])
		}
	}
}

// FuzzClassify64 compares the kernel with the portable classification on any 65 bytes.
func FuzzClassify64(f *testing.F) {
	f.Add(strings.Repeat("a'Z@[`{0+9/\x7f\x80\xbf\xc0\xd0\xd1\xd2\xff", 4))
	f.Fuzz(func(t *testing.T, s string) {
		for len(s) < 65 {
			s += s + "x"
		}
		checkClassify64(t, s[:65])
	})
}

func checkClassify64(t *testing.T, s string) {
	t.Helper()
	var want marks
	var wantW wordMarks
	classify64Generic(s, &want)
	classifyWords64Generic(s, &wantW)
	eachKernel(func(kernel string) {
		got := marks{word: rand.Uint64(), plus: rand.Uint64()} // the kernel must overwrite every mask
		classify64(s, &got)
		if got != want {
			t.Fatalf("classify64 (%s) of %q\n got %+v\nwant %+v", kernel, s, got, want)
		}
		gotW := wordMarks{alnum: rand.Uint64(), alpha: rand.Uint64()}
		classifyWords64(s, &gotW)
		if gotW != wantW {
			t.Fatalf("classifyWords64 (%s) of %q\n got %+v\nwant %+v", kernel, s, gotW, wantW)
		}
	})
}

// TestAlphaLeadsAreLetters: the two-byte characters classify64 marks as letters are letters for
// the survey (letterTable) and for Match (wordRunes), which look up the others themselves.
func TestAlphaLeadsAreLetters(t *testing.T) {
	n := 0
	for c := 0xC2; c < 0xE0; c++ {
		for c2 := 0x80; c2 < 0xC0; c2++ {
			if !isAlphaLead(byte(c), byte(c2)) {
				continue
			}
			n++
			r := rune(c&0x1F)<<6 | rune(c2&0x3F)
			if letterTable[r/64]&(1<<(r%64)) == 0 || !wordRunes[r] {
				t.Errorf("%U (%02X %02X) is marked as a letter but is none", r, c, c2)
			}
		}
	}
	if n < 5*64 {
		t.Errorf("only %d two-byte letters are marked", n)
	}
}

// BenchmarkClassify64 classifies the bench text 64 bytes at a time with each kernel this
// machine runs and with the portable version, whose ratio is a kernel's gain.
func BenchmarkClassify64(b *testing.B) {
	text := benchText(benchAds(b))
	run := func(b *testing.B, f func(string, *marks)) {
		var m marks
		var sink uint64
		for b.Loop() {
			for i := 0; i+65 <= len(text); i += 64 {
				f(text[i:], &m)
				sink += m.word
			}
		}
		b.ReportMetric(float64(len(text))*float64(b.N)/1e6/b.Elapsed().Seconds(), "MB/s")
		if sink == 1 {
			b.Log(sink) // keeps the marks alive
		}
	}
	eachKernel(func(kernel string) {
		b.Run(kernel, func(b *testing.B) { run(b, classify64) })
	})
	b.Run("portable", func(b *testing.B) { run(b, classify64Generic) })
}
