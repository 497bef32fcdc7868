package app

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The WARC of a capture holds every request the browser sent, with the officer's session
// cookies and any Authorization header: the keys to an undercover account. A package leaves
// the workstation, so its archive/ holds a redacted copy: the values of these headers are
// replaced, everything else is kept byte for byte, and each changed record gets a new
// Content-Length and WARC-Block-Digest (payload digests do not change: bodies are untouched).
// captures/<capture>/warc-redaction.json records the original's SHA-256, the copy's, and what
// was replaced; the original stays in the store.

// redactedHeaders are the HTTP headers whose values never leave the workstation.
var redactedHeaders = []string{"cookie", "set-cookie", "authorization", "proxy-authorization"}

// redactionMark replaces a redacted value.
const redactionMark = "[redacted by INTERCEPTED export]"

// WARCRedaction says how a package's WARC differs from the captured one.
type WARCRedaction struct {
	Original string   `json:"original_sha256"` // the capture's WARC artifact
	Redacted string   `json:"redacted_sha256"` // archive/<capture>.warc.gz in the package
	Headers  []string `json:"headers"`         // the header names whose values were replaced
	Values   int      `json:"values"`          // how many values were replaced
	Note     string   `json:"note"`
}

// redactWARC rewrites a gzip-per-record WARC with the secret header values replaced.
func redactWARC(warcGz []byte) ([]byte, WARCRedaction, error) {
	red := WARCRedaction{Headers: redactedHeaders, Note: "header values replaced by \"" + redactionMark +
		"\"; Content-Length and WARC-Block-Digest recomputed for changed records; bodies and payload digests unchanged"}
	var out bytes.Buffer
	r := bytes.NewReader(warcGz)
	for r.Len() > 0 {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, red, fmt.Errorf("WARC: %w", err)
		}
		zr.Multistream(false)
		rec, err := io.ReadAll(zr)
		if err != nil {
			return nil, red, fmt.Errorf("WARC: %w", err)
		}
		rec, n, err := redactRecord(rec)
		if err != nil {
			return nil, red, err
		}
		red.Values += n
		zw := gzip.NewWriter(&out)
		zw.Write(rec)
		if err := zw.Close(); err != nil {
			return nil, red, err
		}
	}
	return out.Bytes(), red, nil
}

// redactRecord redacts one WARC record (header block, block, trailing CRLF CRLF).
func redactRecord(rec []byte) ([]byte, int, error) {
	i := bytes.Index(rec, []byte("\r\n\r\n"))
	if i < 0 || !bytes.HasPrefix(rec, []byte("WARC/")) {
		return nil, 0, errors.New("WARC: a record without a header block")
	}
	head, rest := string(rec[:i+2]), rec[i+4:]
	length := -1
	typ := ""
	for _, line := range strings.Split(head, "\r\n") {
		k, v, _ := strings.Cut(line, ":")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "content-length":
			length, _ = strconv.Atoi(strings.TrimSpace(v))
		case "warc-type":
			typ = strings.TrimSpace(v)
		}
	}
	if length < 0 || length > len(rest) {
		return nil, 0, errors.New("WARC: a record's Content-Length does not fit")
	}
	block, tail := rest[:length], rest[length:]
	if typ != "request" && typ != "response" {
		return rec, 0, nil
	}
	nb, n := redactHTTP(block)
	if n == 0 {
		return rec, 0, nil
	}
	sum := sha256.Sum256(nb)
	var h strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(head, "\r\n"), "\r\n") {
		k, _, _ := strings.Cut(line, ":")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "content-length":
			line = "Content-Length: " + strconv.Itoa(len(nb))
		case "warc-block-digest":
			line = "WARC-Block-Digest: sha256:" + base32.StdEncoding.EncodeToString(sum[:])
		}
		h.WriteString(line + "\r\n")
	}
	h.WriteString("\r\n")
	return append(append([]byte(h.String()), nb...), tail...), n, nil
}

// redactHTTP replaces the values of secret headers in an HTTP message's header block.
func redactHTTP(block []byte) ([]byte, int) {
	end := bytes.Index(block, []byte("\r\n\r\n"))
	if end < 0 {
		return block, 0
	}
	var out bytes.Buffer
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(block[:end]))
	sc.Buffer(make([]byte, 64<<10), len(block))
	first := true
	for sc.Scan() {
		line := sc.Text()
		if !first {
			if k, _, ok := strings.Cut(line, ":"); ok && isRedacted(k) {
				line = k + ": " + redactionMark
				n++
			}
		}
		first = false
		out.WriteString(strings.TrimSuffix(line, "\r") + "\r\n")
	}
	if n == 0 {
		return block, 0
	}
	out.WriteString("\r\n")
	out.Write(block[end+4:])
	return out.Bytes(), n
}

func isRedacted(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, h := range redactedHeaders {
		if name == h {
			return true
		}
	}
	return false
}

// redactRecordHeaders returns a copy of a capture record whose main-document response headers
// have the secret values replaced, as in the package's WARC.
func redactRecordHeaders(c StoredCapture) StoredCapture {
	if len(c.Headers) == 0 {
		return c
	}
	h := c.Headers.Clone()
	for k, vs := range h {
		if isRedacted(k) {
			for i := range vs {
				vs[i] = redactionMark
			}
		}
	}
	c.Headers = h
	return c
}
