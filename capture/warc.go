package capture

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// WARCInfo describes the capture for the warcinfo record that opens every WARC.
type WARCInfo struct {
	Software    string    // e.g. "INTERCEPTED Workstation 0.1.0"
	Operator    string    // the officer who made the capture
	Hostname    string    // the workstation ID; never the machine's real host name
	Description string    // free text, e.g. the case and what was captured
	Created     time.Time // when the capture was made; also the date of records that have no own time
}

// WARCStats counts what WriteWARC wrote. Every exchange is counted once, in Responses or in
// Failed, so a caller can check that none went missing.
type WARCStats struct {
	Records   int // WARC records written, warcinfo and metadata included
	Responses int // exchanges archived as a request and a response record
	Failed    int // exchanges listed in the closing metadata record instead
}

const (
	warcInfoType     = "application/warc-fields"
	httpRequestType  = "application/http;msgtype=request"
	httpResponseType = "application/http;msgtype=response"
)

// WriteWARC writes the exchanges as a gzip-compressed WARC 1.1 file to w, one gzip member per
// record so that each record can be read on its own from its offset: a warcinfo record, then a
// request and a response record for every exchange that got a response, then a metadata record
// listing, one line each, the exchanges that have no response record and the bodies that were not
// captured. Nothing is dropped silently.
//
// Every record is built and checked by gowarc with strict validation before it is written: an
// exchange that would not make a valid record (an impossible status code, a URL gowarc rejects)
// is listed as failed instead of being written malformed. The error is only for writing to w.
func WriteWARC(w io.Writer, info WARCInfo, exchanges []Exchange) (WARCStats, error) {
	ww := newWARCWriter(w, info.Created)
	if err := ww.writeInfo(info); err != nil {
		return ww.stats, err
	}
	var notes []warcField
	for i := range exchanges {
		note, err := ww.writeExchange(&exchanges[i])
		if err != nil {
			return ww.stats, err
		}
		notes = append(notes, note...)
	}
	if len(notes) == 0 {
		return ww.stats, nil
	}
	return ww.stats, ww.writeMetadata(notes)
}

// warcField is one "name: value" line of a WARC header or warc-fields block.
type warcField struct{ name, value string }

// warcWriter holds what the records of one WARC share.
type warcWriter struct {
	w       io.Writer
	gz      *gzip.Writer
	opts    []gowarc.WarcRecordOption
	created time.Time
	infoID  string
	stats   WARCStats
}

func newWARCWriter(w io.Writer, created time.Time) *warcWriter {
	if created.IsZero() {
		created = time.Now()
	}
	return &warcWriter{
		w:       w,
		gz:      gzip.NewWriter(w),
		created: created.UTC(),
		infoID:  newRecordID(),
		opts: []gowarc.WarcRecordOption{
			gowarc.WithVersion(gowarc.V1_1),
			// Strict, and failing on HTTP blocks net/http cannot parse: a record that gowarc
			// would not read back is refused here rather than written.
			gowarc.WithStrictValidation(),
			gowarc.WithBlockErrorPolicy(gowarc.ErrFail),
			gowarc.WithAddMissingDigest(true),
			gowarc.WithDefaultDigestAlgorithm("sha256"),
			// gowarc v3.1 defaults to hex for sha256; base32 is what the other browser-based
			// archivers write (warcio.js, pywb), so their indexes and deduplication agree with ours.
			gowarc.WithDefaultDigestEncoding(gowarc.Base32),
			// Keep bodies in memory: gowarc would otherwise spill records over 1 MiB to
			// unencrypted temporary files, leaving captured content outside the store.
			gowarc.WithBufferMaxMemBytes(int64(math.MaxInt)),
		},
	}
}

func (ww *warcWriter) writeInfo(info WARCInfo) error {
	fields := []warcField{
		{"software", info.Software},
		{"format", "WARC File Format 1.1"},
		{"conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"},
		{"hostname", info.Hostname},
		{"operator", info.Operator},
		{"description", info.Description},
	}
	header := []warcField{{gowarc.ContentType, warcInfoType}}
	rec, err := ww.build(gowarc.Warcinfo, ww.infoID, ww.created, header, fieldsBlock(fields))
	if err != nil {
		return fmt.Errorf("build warcinfo record: %w", err)
	}
	return ww.write(rec)
}

// writeExchange archives ex, or returns the metadata line that accounts for it. It returns an
// error only when writing fails.
func (ww *warcWriter) writeExchange(ex *Exchange) ([]warcField, error) {
	if ex.Status == 0 {
		ww.stats.Failed++
		return []warcField{noteField("failed", ex.URL, cmp.Or(ex.Failed, "no response received"))}, nil
	}
	recs, err := ww.buildExchange(ex)
	if err != nil {
		ww.stats.Failed++
		return []warcField{noteField("failed", ex.URL, "not archivable: "+err.Error())}, nil
	}
	if err := ww.write(recs...); err != nil {
		return nil, err
	}
	ww.stats.Responses++
	if why := joinNonEmpty(ex.BodyNote, ex.Failed); why != "" {
		return []warcField{noteField("body-not-captured", ex.URL, why)}, nil
	}
	return nil, nil
}

// buildExchange builds the request and response records of ex, linked both ways.
func (ww *warcWriter) buildExchange(ex *Exchange) ([]gowarc.WarcRecord, error) {
	reqBlock, err := requestBlock(ex)
	if err != nil {
		return nil, err
	}
	respBlock, err := responseBlock(ex)
	if err != nil {
		return nil, err
	}
	reqID, respID := newRecordID(), newRecordID()
	req, err := ww.build(gowarc.Request, reqID, ww.date(ex), ww.httpHeader(ex, httpRequestType, respID), reqBlock)
	if err != nil {
		return nil, fmt.Errorf("request record: %w", err)
	}
	resp, err := ww.build(gowarc.Response, respID, ww.date(ex), ww.httpHeader(ex, httpResponseType, reqID), respBlock)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("response record: %w", err), req.Close())
	}
	return []gowarc.WarcRecord{req, resp}, nil
}

// httpHeader lists the WARC header fields of a request or response record besides type, ID and date.
func (ww *warcWriter) httpHeader(ex *Exchange, contentType, concurrentTo string) []warcField {
	fields := []warcField{
		{gowarc.WarcTargetURI, ex.URL},
		{gowarc.WarcConcurrentTo, concurrentTo},
		{gowarc.WarcWarcinfoID, ww.infoID},
		{gowarc.ContentType, contentType},
	}
	if ip, err := netip.ParseAddr(strings.Trim(ex.RemoteIP, "[]")); err == nil {
		fields = append(fields, warcField{gowarc.WarcIPAddress, ip.WithZone("").String()})
	}
	return fields
}

func (ww *warcWriter) date(ex *Exchange) time.Time {
	if ex.Started.IsZero() {
		return ww.created
	}
	return ex.Started
}

func (ww *warcWriter) writeMetadata(notes []warcField) error {
	header := []warcField{
		{gowarc.WarcWarcinfoID, ww.infoID},
		{gowarc.ContentType, warcInfoType},
	}
	rec, err := ww.build(gowarc.Metadata, newRecordID(), ww.created, header, fieldsBlock(notes))
	if err != nil {
		return fmt.Errorf("build metadata record: %w", err)
	}
	return ww.write(rec)
}

// build has gowarc assemble and validate a record; gowarc adds Content-Length and the digests.
func (ww *warcWriter) build(t gowarc.RecordType, id string, date time.Time, fields []warcField, block []byte) (gowarc.WarcRecord, error) {
	rb := gowarc.NewRecordBuilder(t, ww.opts...)
	rb.AddWarcHeader(gowarc.WarcRecordID, id)
	rb.AddWarcHeaderTime(gowarc.WarcDate, date)
	for _, f := range fields {
		rb.AddWarcHeader(f.name, warcValue(f.value))
	}
	if _, err := rb.Write(block); err != nil {
		return nil, errors.Join(err, rb.Close())
	}
	rec, _, err := rb.Build()
	return rec, err
}

// write writes each record as its own gzip member, then releases it.
func (ww *warcWriter) write(recs ...gowarc.WarcRecord) error {
	var err error
	m := gowarc.NewMarshaler()
	for _, rec := range recs {
		if err == nil {
			ww.gz.Reset(ww.w)
			_, _, err = m.Marshal(ww.gz, rec, 0)
			err = errors.Join(err, ww.gz.Close())
			if err == nil {
				ww.stats.Records++
			}
		}
		err = errors.Join(err, rec.Close())
	}
	if err != nil {
		return fmt.Errorf("write WARC record: %w", err)
	}
	return nil
}

// newRecordID returns a random (version 4) UUID URN in the <> a WARC-Record-ID needs.
func newRecordID() string {
	var u [16]byte
	_, _ = rand.Read(u[:]) // crypto/rand.Read never fails; it aborts the program instead
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("<urn:uuid:%x-%x-%x-%x-%x>", u[0:4], u[4:6], u[6:8], u[8:10], u[10:])
}

// fieldsBlock renders an application/warc-fields block by hand, because gowarc's WarcFields
// would recase names such as "conformsTo" that the WARC specification spells in camel case.
func fieldsBlock(fields []warcField) []byte {
	var b bytes.Buffer
	for _, f := range fields {
		if f.value != "" {
			fmt.Fprintf(&b, "%s: %s\r\n", f.name, warcValue(f.value))
		}
	}
	return b.Bytes()
}

// noteField is a metadata line: the URL (spaces escaped, so it ends at the first space) and why.
func noteField(name, rawURL, why string) warcField {
	return warcField{name, strings.ReplaceAll(warcValue(rawURL), " ", "%20") + " " + why}
}

// warcValue makes s safe as a WARC header or warc-fields value. Control characters (CR and LF
// above all) would end the line early and let a hostile server inject fields, so they become
// spaces. WARC text is UTF-8, so invalid bytes become U+FFFD. Readers decode RFC 2047
// encoded-words ("=?charset?q?...?="), and gowarc fails on an unknown charset, so "=?" becomes
// "=%3F", which in a URL is the same query character percent-encoded.
func warcValue(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	return strings.ReplaceAll(s, "=?", "=%3F")
}

func joinNonEmpty(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), "; ")
}

// requestBlock renders the request as HTTP/1.1, whatever protocol carried it: WARC readers
// expect HTTP/1.x message syntax in request and response records.
func requestBlock(ex *Exchange) ([]byte, error) {
	u, err := url.Parse(ex.URL)
	if err != nil {
		return nil, fmt.Errorf("request URL: %w", err)
	}
	method := cmp.Or(ex.Method, http.MethodGet)
	if !isToken(method) {
		return nil, fmt.Errorf("method %q is not an HTTP token", method)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\n", method, requestTarget(u))
	if !hasField(ex.RequestHeaders, "Host") {
		host := cmp.Or(firstValue(ex.RequestHeaders, ":authority"), u.Host)
		writeField(&b, "Host", host)
	}
	writeFields(&b, ex.RequestHeaders, len(ex.RequestBody), len(ex.RequestBody) > 0)
	b.Write(ex.RequestBody)
	return b.Bytes(), nil
}

// responseBlock renders the response as HTTP/1.1 with the body as the browser decoded it.
func responseBlock(ex *Exchange) ([]byte, error) {
	if ex.Status < 100 || ex.Status > 999 {
		return nil, fmt.Errorf("status %d is not an HTTP status code", ex.Status)
	}
	reason := cmp.Or(httpValue(ex.StatusText), http.StatusText(ex.Status))
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", ex.Status, reason)
	writeFields(&b, ex.ResponseHeaders, len(ex.Body), true)
	b.Write(ex.Body)
	return b.Bytes(), nil
}

// requestTarget is the path and query for http(s) URLs, and the whole URL (absolute form) for
// others such as data: and blob:, whose opaque part is no path. Bytes a request line cannot hold
// are percent-encoded.
func requestTarget(u *url.URL) string {
	t := u.RequestURI()
	if (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" {
		t = u.String()
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if c := t[i]; c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// framingFields describe the bytes on the wire, not the body Chromium hands over, which it has
// already de-chunked and decompressed: a reader trusting them would gunzip a plain body or read
// the wrong length. Browser-based archivers therefore drop or rename them and write the decoded
// length; the originals are kept here under X-Archive-Orig-, the prefix Wayback-style replay
// uses for a server's own fields, so the officer still sees what the server sent.
var framingFields = []string{"Content-Encoding", "Transfer-Encoding", "Content-Length"}

// writeFields writes h in sorted order, then a Content-Length for the archived body (when
// withLength, or when h had framing fields to replace), then the blank line. HTTP/2 pseudo-headers (":status", ":path"...) are left out: they are not HTTP/1.1
// fields, and the request or status line already says what they say.
func writeFields(b *bytes.Buffer, h http.Header, bodyLen int, withLength bool) {
	for _, name := range slices.Sorted(maps.Keys(h)) {
		if strings.HasPrefix(name, ":") {
			continue
		}
		out := httpName(name)
		if i := slices.IndexFunc(framingFields, func(f string) bool { return strings.EqualFold(f, name) }); i >= 0 {
			out = "X-Archive-Orig-" + framingFields[i]
			withLength = true
		}
		for _, v := range h[name] {
			writeField(b, out, v)
		}
	}
	if withLength {
		writeField(b, "Content-Length", strconv.Itoa(bodyLen))
	}
	b.WriteString("\r\n")
}

func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(httpValue(value))
	b.WriteString("\r\n")
}

// httpName makes name an HTTP token, percent-encoding other bytes, so a hostile field name can
// neither break the message nor vanish.
func httpName(name string) string {
	if name == "" {
		return "X-Archive-Empty-Name"
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		if c := name[i]; isTokenByte(c) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// httpValue replaces control characters (CR and LF above all, which would inject fields or end
// the header) with spaces. Bytes from 0x80 are kept as they came: HTTP allows them (obs-text),
// and their exact bytes are evidence.
func httpValue(v string) string {
	b := []byte(v)
	for i, c := range b {
		if (c < 0x20 && c != '\t') || c == 0x7f {
			b[i] = ' '
		}
	}
	return string(b)
}

func hasField(h http.Header, name string) bool {
	for k := range h {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

func firstValue(h http.Header, name string) string {
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isTokenByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// isTokenByte reports whether c may appear in an HTTP token (RFC 9110, section 5.6.2).
func isTokenByte(c byte) bool {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
