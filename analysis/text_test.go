package analysis

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDecodeText(t *testing.T) {
	utf16le := func(s string, bom bool) []byte {
		var b []byte
		if bom {
			b = []byte{0xFF, 0xFE}
		}
		for _, r := range s { // the letters here are all in the BMP
			b = append(b, byte(r), byte(r>>8))
		}
		return b
	}
	utf16be := func(s string) []byte {
		b := []byte{0xFE, 0xFF}
		for _, r := range s {
			b = append(b, byte(r>>8), byte(r))
		}
		return b
	}
	const ad = "Робота в Польщі, паспорт залишаєте нам"
	for _, c := range []struct {
		name string
		in   []byte
		want string
		err  string
	}{
		{"UTF-8", []byte(ad), ad, ""},
		{"UTF-8 with a byte-order mark", append([]byte{0xEF, 0xBB, 0xBF}, ad...), ad, ""},
		{"UTF-16LE with a byte-order mark", utf16le(ad, true), ad, ""},
		{"UTF-16BE with a byte-order mark", utf16be(ad), ad, ""},
		{"UTF-16 with a lone last byte", append(utf16le("ok", true), 'x'), "ok\uFFFD", ""},
		{"invalid UTF-8 is kept", []byte("caf\xe9 \xff passport"), "caf\xe9 \xff passport", ""},
		{"empty", nil, "", ""},
		{"UTF-16 without a byte-order mark", utf16le("passport", false), "", "NUL byte at offset 1"},
		{"a PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00"), "", "NUL byte at offset 22"},
		{"a PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "", "NUL byte at offset 8"},
	} {
		got, err := DecodeText(c.in)
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.err != "" && (!errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want ErrNotText with %q", c.name, err, c.err)
		case got != c.want:
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("\xff\xfeh\x00i\x00"))
	f.Add([]byte("\xef\xbb\xbfhi"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeText(b)
		if err == nil && strings.IndexByte(s, 0) >= 0 {
			t.Errorf("%q decoded to text holding a NUL", b)
		}
	})
}

// endless is a stream of one byte without end, as a device gives.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// A CSV of ads that is no text, or a text without lines, ends with a clear error instead of
// filling the memory; a CSV holding a long ad still reads.
func TestReadEMSCADBounds(t *testing.T) {
	for _, c := range []struct {
		name string
		in   io.Reader
		want string
	}{
		{"a device of zeros", endless(0), "not text: a NUL byte at offset 0"},
		{"a text without lines", endless('a'), "not text: a line longer than 16 MiB"},
		{"a binary file after a header", strings.NewReader("job_id,title,description,fraudulent\n1,a,\x00b,0\n"), "row 2: not text: a NUL byte at offset 40"},
	} {
		ads, err := ReadEMSCAD(c.in)
		if !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %d ads, error %v; want %q", c.name, len(ads), err, c.want)
		}
	}
	long := strings.Repeat("Lavoro in Germania, vitto e alloggio. ", 100_000) // 3.8 MB in one field
	ads, err := ReadEMSCAD(strings.NewReader("job_id,title,description,fraudulent\n1,Lavoro,\"" + long + "\",1\n2,b,c,0\n"))
	if err != nil || len(ads) != 2 || !strings.Contains(ads[0].Text, strings.TrimSpace(long)) || !ads[0].Fraud {
		t.Errorf("a long ad: %d ads, %v", len(ads), err)
	}
}

// A stream of lines without end is read only so far: 1 GiB.
func TestTextLinesStopsAtOneGiB(t *testing.T) {
	n, err := io.Copy(io.Discard, &textLines{r: endless('\n')})
	if err == nil || !strings.Contains(err.Error(), "more than 1 GiB") || n > maxStreamBytes+64<<10 {
		t.Errorf("an endless stream of empty lines: %d bytes read, %v", n, err)
	}
}
