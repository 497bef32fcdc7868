package app

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// cdxjLines indexes a gzip-per-record WARC (as the capture writes it) for replay: one CDXJ line
// per response or resource record, with the compressed offset and length of its gzip member in
// the file named filename (relative to archive/).
func cdxjLines(warcGz []byte, filename string) ([]string, error) {
	r := bytes.NewReader(warcGz) // an io.ByteReader: gzip reads no further than each member
	var lines []string
	for r.Len() > 0 {
		offset := int64(len(warcGz) - r.Len())
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("WARC %s at byte %d: %w", filename, offset, err)
		}
		zr.Multistream(false)
		br := bufio.NewReader(zr)
		head, err := readWARCHead(br)
		if err != nil {
			return nil, fmt.Errorf("WARC %s at byte %d: %w", filename, offset, err)
		}
		var status, mime string
		if head.typ == "response" {
			if resp, err := http.ReadResponse(br, nil); err == nil {
				status, mime = strconv.Itoa(resp.StatusCode), resp.Header.Get("Content-Type")
			}
		}
		if _, err := io.Copy(io.Discard, br); err != nil {
			return nil, fmt.Errorf("WARC %s at byte %d: %w", filename, offset, err)
		}
		length := int64(len(warcGz)-r.Len()) - offset
		if (head.typ != "response" && head.typ != "resource") || head.uri == "" {
			continue
		}
		if mime == "" {
			mime = head.contentType
		}
		if i := strings.IndexByte(mime, ';'); i >= 0 {
			mime = strings.TrimSpace(mime[:i])
		}
		fields := map[string]string{"url": head.uri, "mime": mime, "status": status, "digest": head.digest,
			"length": strconv.FormatInt(length, 10), "offset": strconv.FormatInt(offset, 10), "filename": filename}
		for k, v := range fields {
			if v == "" {
				delete(fields, k)
			}
		}
		js, _ := json.Marshal(fields)
		lines = append(lines, surt(head.uri)+" "+head.date.UTC().Format("20060102150405")+" "+string(js))
	}
	return lines, nil
}

type warcHead struct {
	typ, uri, digest, contentType string
	date                          time.Time
}

// readWARCHead reads a WARC record's header block, up to the empty line.
func readWARCHead(br *bufio.Reader) (warcHead, error) {
	var h warcHead
	line, err := br.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "WARC/") {
		return h, errors.New("not a WARC record")
	}
	for {
		line, err := br.ReadString('\n')
		if err != nil || len(line) > 64<<10 {
			return h, errors.New("WARC header block not terminated")
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(k) {
		case "warc-type":
			h.typ = v
		case "warc-target-uri":
			h.uri = strings.Trim(v, "<>")
		case "warc-payload-digest":
			h.digest = v
		case "content-type":
			h.contentType = v
		case "warc-date":
			h.date, _ = time.Parse(time.RFC3339Nano, v)
		}
	}
	return h, nil
}

// surt is the Sort-friendly URI Reordering Transform of a URL as CDXJ indexes use it:
// "https://www.Example.com:8080/a?b" → "com,example:8080)/a?b".
func surt(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	parts := strings.Split(host, ".")
	if net := strings.Count(host, "."); net != 3 || strings.Trim(host, "0123456789.") != "" {
		slices.Reverse(parts)
	}
	s := strings.Join(parts, ",")
	if p := u.Port(); p != "" && !(u.Scheme == "http" && p == "80") && !(u.Scheme == "https" && p == "443") {
		s += ":" + p
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	s += ")" + strings.ToLower(path)
	if u.RawQuery != "" {
		s += "?" + strings.ToLower(u.RawQuery)
	}
	return s
}
