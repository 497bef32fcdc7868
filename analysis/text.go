package analysis

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
)

// ErrNotText is the error of DecodeText for input that is no text: a PDF, an office document,
// an image or an archive, whose bytes the analyzer would read as noise and score all the same.
var ErrNotText = errors.New("not text")

// MaxTextFileBytes bounds what ReadText reads of a file or stream: enough for MaxTextBytes of
// text written in UTF-16. Analyze cuts what is longer and says so.
const MaxTextFileBytes = 2*MaxTextBytes + 4

// ReadText reads a text to check from a file or stream, only so far (a device or a huge file
// is not read to its end), and decodes it with DecodeText: what is no text is refused with a
// clear error.
func ReadText(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxTextFileBytes))
	if err != nil {
		return "", err
	}
	return DecodeText(b)
}

// DecodeText returns the text of a file or stream given to be checked: UTF-8, its byte-order
// mark dropped, or UTF-16 with a byte-order mark (as Windows' "Unicode" text files are),
// converted to UTF-8. Bytes that are not valid UTF-8 are kept; Analyze reads around them. A
// NUL byte, which no text in UTF-8 holds, refuses the whole input with ErrNotText.
func DecodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		// The byte-order mark says which end comes first; a lone last byte or surrogate
		// becomes U+FFFD.
		u, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", fmt.Errorf("%w: UTF-16 that does not decode: %v", ErrNotText, err)
		}
		b = u
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return "", fmt.Errorf("%w: a NUL byte at offset %d (a PDF, an office document, an image, an archive, or UTF-16 without a byte-order mark: save it as UTF-8 text)", ErrNotText, i)
	}
	return string(b), nil
}

// Bounds of a stream of lines, such as a CSV of ads (textLines).
const (
	maxLineBytes   = 4 * MaxTextBytes // no line of a text file is that long
	maxStreamBytes = 1 << 30
)

// textLines passes a stream of text lines on, and fails at its first NUL byte (ErrNotText), at
// a line longer than maxLineBytes and past maxStreamBytes in all, so that a device or a binary
// file given where lines are expected ends with a clear error rather than filling the memory
// (encoding/csv reads a line whole, however long).
type textLines struct {
	r         io.Reader
	off, line int64 // the bytes passed on, those since the last newline
}

func (t *textLines) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	b := p[:n]
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return i, fmt.Errorf("%w: a NUL byte at offset %d", ErrNotText, t.off+int64(i))
	}
	if j := bytes.LastIndexByte(b, '\n'); j >= 0 {
		t.line = int64(len(b) - 1 - j)
	} else {
		t.line += int64(n)
	}
	t.off += int64(n)
	switch {
	case t.line > maxLineBytes:
		return n, fmt.Errorf("%w: a line longer than %d MiB", ErrNotText, maxLineBytes>>20)
	case t.off > maxStreamBytes:
		return n, fmt.Errorf("more than %d GiB: split the file", maxStreamBytes>>30)
	}
	return n, err
}
