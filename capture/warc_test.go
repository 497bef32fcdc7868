package capture

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"io"
	"net/http"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// warcStarted is when the test exchanges were sent: the WARC-Date their records must carry.
var warcStarted = time.Date(2025, 3, 14, 9, 26, 53, 123456000, time.UTC)

var testWARCInfo = WARCInfo{
	Software:    "INTERCEPTED Workstation 0.1.0",
	Operator:    "officer 4711",
	Hostname:    "ws-07",
	Description: "case 2025/113\r\ninjected: field",
	Created:     warcStarted.Add(time.Minute),
}

// warcCase is one exchange and what its records must look like once read back.
type warcCase struct {
	name     string
	ex       Exchange
	archived bool   // false: only listed in the metadata record
	reqLine  string // first line of the request block
	respLine string // first line of the response block
	// Fields the request or response block must have; "" means the field must be absent.
	reqFields, respFields map[string]string
	ip                    string // WARC-IP-Address, "" for none
	note                  string // line the metadata record must have, "" for none
}

func warcCases() []warcCase {
	html := []byte("<!doctype html><title>Ειδήσεις</title><p>café</p>")
	js := []byte(strings.Repeat("console.log('intercepted');\n", 40))
	gz := gzipBytes(js)
	png := append([]byte("\x89PNG\r\n\x1a\n"), allBytes()...)
	form := []byte("q=intercepted&lang=el")
	long := strings.Repeat("v", 64<<10)
	return []warcCase{
		{
			name: "html page",
			ex: Exchange{URL: "https://example.test/news/article?id=7", Method: "GET", Protocol: "http/1.1",
				RequestHeaders: http.Header{"User-Agent": {"Mozilla/5.0"}},
				Status:         200, StatusText: "OK",
				ResponseHeaders: http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Transfer-Encoding": {"chunked"}},
				Body:            html, RemoteIP: "192.0.2.10", Started: warcStarted},
			archived: true, reqLine: "GET /news/article?id=7 HTTP/1.1", respLine: "HTTP/1.1 200 OK",
			reqFields: map[string]string{"Host": "example.test", "User-Agent": "Mozilla/5.0", "Content-Length": ""},
			respFields: map[string]string{"Content-Type": "text/html; charset=utf-8", "Transfer-Encoding": "",
				"X-Archive-Orig-Transfer-Encoding": "chunked", "Content-Length": strconv.Itoa(len(html))},
			ip: "192.0.2.10",
		},
		{
			name: "gzip over h2",
			ex: Exchange{URL: "https://cdn.example.test/app.js", Method: "GET", Protocol: "h2",
				RequestHeaders: http.Header{":authority": {"cdn.example.test"}, ":method": {"GET"},
					":path": {"/app.js"}, ":scheme": {"https"}, "accept-encoding": {"gzip, br"}},
				Status: 200,
				ResponseHeaders: http.Header{"content-encoding": {"gzip"}, "content-length": {strconv.Itoa(len(gz))},
					"content-type": {"text/javascript"}},
				Body: js, RemoteIP: "192.0.2.11", Started: warcStarted},
			archived: true, reqLine: "GET /app.js HTTP/1.1", respLine: "HTTP/1.1 200 OK",
			// Pseudo-headers are left out, not escaped into fields such as "%3Apath".
			reqFields: map[string]string{"Host": "cdn.example.test", "Accept-Encoding": "gzip, br",
				"%3apath": "", "%3aauthority": "", "%3amethod": "", "%3ascheme": ""},
			respFields: map[string]string{"Content-Encoding": "", "X-Archive-Orig-Content-Encoding": "gzip",
				"X-Archive-Orig-Content-Length": strconv.Itoa(len(gz)), "Content-Length": strconv.Itoa(len(js))},
			ip: "192.0.2.11",
		},
		{
			name: "redirect without body",
			ex: Exchange{URL: "http://example.test/old", Method: "GET", Status: 302, StatusText: "Found",
				ResponseHeaders: http.Header{"Location": {"https://example.test/login?next=%2F"}, "Content-Length": {"0"}},
				RemoteIP:        "192.0.2.10", Started: warcStarted},
			archived: true, reqLine: "GET /old HTTP/1.1", respLine: "HTTP/1.1 302 Found",
			respFields: map[string]string{"Location": "https://example.test/login?next=%2F", "Content-Length": "0"},
			ip:         "192.0.2.10",
		},
		{
			name: "binary image over IPv6",
			ex: Exchange{URL: "https://img.example.test/p.png", Method: "GET", Status: 200, StatusText: "OK",
				ResponseHeaders: http.Header{"Content-Type": {"image/png"}}, Body: png,
				RemoteIP: "[2001:db8::1]", Started: warcStarted},
			archived: true, reqLine: "GET /p.png HTTP/1.1", respLine: "HTTP/1.1 200 OK",
			respFields: map[string]string{"Content-Type": "image/png", "Content-Length": strconv.Itoa(len(png))},
			ip:         "2001:db8::1",
		},
		{
			name: "POST with body",
			ex: Exchange{URL: "https://example.test/search?x=1", Method: "POST",
				RequestHeaders: http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Content-Length": {"999"}},
				RequestBody:    form, Status: 200, StatusText: "OK",
				ResponseHeaders: http.Header{"Content-Type": {"application/json"}}, Body: []byte(`{"hits":0}`),
				Started: warcStarted},
			archived: true, reqLine: "POST /search?x=1 HTTP/1.1", respLine: "HTTP/1.1 200 OK",
			reqFields: map[string]string{"Content-Type": "application/x-www-form-urlencoded",
				"Content-Length": strconv.Itoa(len(form)), "X-Archive-Orig-Content-Length": "999"},
		},
		{
			name: "failed request",
			ex: Exchange{URL: "https://gone.example.test/", Method: "GET", Failed: "net::ERR_NAME_NOT_RESOLVED",
				Started: warcStarted},
			note: "failed: https://gone.example.test/ net::ERR_NAME_NOT_RESOLVED",
		},
		{
			name: "hostile headers",
			ex: Exchange{URL: "https://evil.example.test/", Method: "GET", Status: 200, StatusText: "OK\r\nX-Evil: 1",
				ResponseHeaders: http.Header{
					"X-Bad-Utf8": {"\xff\xfeabc\xc3"}, "X-Injected": {"a\r\nSet-Cookie: evil=1"},
					"X-Long": {long}, "Bad Name": {"v"}, "X-Nul": {"a\x00b\x7f"},
				},
				Body: []byte("<p>hi</p>"), Started: warcStarted},
			archived: true, reqLine: "GET / HTTP/1.1", respLine: "HTTP/1.1 200 OK  X-Evil: 1",
			respFields: map[string]string{"X-Bad-Utf8": "\xff\xfeabc\xc3", "X-Injected": "a  Set-Cookie: evil=1",
				"Set-Cookie": "", "X-Evil": "", "X-Long": long, "Bad%20name": "v", "X-Nul": "a b "},
		},
		{
			name: "encoded-word in URL",
			ex: Exchange{URL: "https://example.test/q?a==?x-unknown?q?boom?=", Method: "GET", Status: 204,
				Started: warcStarted},
			archived: true, reqLine: "GET /q?a==?x-unknown?q?boom?= HTTP/1.1", respLine: "HTTP/1.1 204 No Content",
		},
		{
			name: "data URL",
			ex: Exchange{URL: "data:text/plain,hello world", Method: "GET", Status: 200, Body: []byte("hello world"),
				Started: warcStarted},
			archived: true, reqLine: "GET data:text/plain,hello%20world HTTP/1.1", respLine: "HTTP/1.1 200 OK",
		},
		{
			name: "body not captured",
			ex: Exchange{URL: "https://example.test/huge.bin", Method: "GET", Status: 200, StatusText: "OK",
				BodyNote: "larger than 64 MiB, not kept", Started: warcStarted},
			archived: true, reqLine: "GET /huge.bin HTTP/1.1", respLine: "HTTP/1.1 200 OK",
			respFields: map[string]string{"Content-Length": "0"},
			note:       "body-not-captured: https://example.test/huge.bin larger than 64 MiB, not kept",
		},
		{
			name: "impossible status",
			ex:   Exchange{URL: "https://example.test/odd", Method: "GET", Status: 1234, Started: warcStarted},
			note: "failed: https://example.test/odd not archivable: status 1234 is not an HTTP status code",
		},
	}
}

func TestWriteWARC(t *testing.T) {
	cases := warcCases()
	var exchanges []Exchange
	want := WARCStats{Records: 2} // warcinfo and metadata
	for _, c := range cases {
		exchanges = append(exchanges, c.ex)
		if c.archived {
			want.Records += 2
			want.Responses++
		} else {
			want.Failed++
		}
	}
	path := filepath.Join(t.TempDir(), "capture.warc.gz")
	stats := writeWARCFile(t, path, exchanges)
	if stats != want {
		t.Fatalf("stats = %+v, want %+v", stats, want)
	}
	recs := readWARCFile(t, path)
	if len(recs) != stats.Records {
		t.Fatalf("read %d records, stats say %d", len(recs), stats.Records)
	}
	t.Run("structure", func(t *testing.T) { checkStructure(t, recs) })
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.check(t, recs) })
	}
	t.Run("warcio", func(t *testing.T) {
		rep := runWarcio(t, path)
		if !rep.OK || rep.Records != stats.Records {
			t.Fatalf("warcio: %d records (want %d), ok=%v, errors: %q", rep.Records, stats.Records, rep.OK, rep.Errors)
		}
	})
}

// TestWARCCheckersDetectTampering makes sure both readers would notice a changed body, so that
// their passing above means something.
func TestWARCCheckersDetectTampering(t *testing.T) {
	dir := t.TempDir()
	gzPath := filepath.Join(dir, "ok.warc.gz")
	writeWARCFile(t, gzPath, []Exchange{{URL: "https://example.test/", Method: "GET", Status: 200,
		Body: []byte("ORIGINAL-EVIDENCE"), Started: warcStarted}})
	plain := gunzipFile(t, gzPath)
	tampered := bytes.Replace(plain, []byte("ORIGINAL-EVIDENCE"), []byte("TAMPERED-EVIDENCE"), 1)
	if bytes.Equal(plain, tampered) {
		t.Fatal("body not found in the WARC")
	}
	path := filepath.Join(dir, "tampered.warc")
	if err := os.WriteFile(path, tampered, 0o600); err != nil {
		t.Fatal(err)
	}

	if _, err := readWARCRecords(bytes.NewReader(tampered)); err == nil || !strings.Contains(err.Error(), "digest") {
		t.Errorf("gowarc read a tampered WARC with error %v, want a digest error", err)
	}
	rep := runWarcio(t, path)
	if rep.OK || !strings.Contains(strings.Join(rep.Errors, "\n"), "payload digest mismatch") {
		t.Errorf("warcio check on a tampered WARC: ok=%v, errors %q; want a payload digest mismatch", rep.OK, rep.Errors)
	}
}

func FuzzWriteWARC(f *testing.F) {
	f.Add("X-Test", "value", []byte("body"), "OK", "net::ERR_FAILED")
	f.Add("X-Injected", "a\r\nSet-Cookie: x=1\r\n\r\n<html>", []byte{0, 0xff, '\r', '\n'}, "OK\r\n\r\n", "=?x-unknown?q?boom?=\r\n")
	f.Add("Bad Name:", "\xff\xfe", []byte(nil), "", "")
	f.Add("content-length", "-1", []byte("x"), "\x00", "\n")
	f.Add(":status", "=?utf-8?q?hi?=", []byte("\r\n\r\n"), "=?", "\xff")
	f.Add("Host", "", []byte("HTTP/1.1 200 OK\r\n\r\n"), " ", "WARC/1.1\r\n")
	f.Fuzz(func(t *testing.T, name, value string, body []byte, statusText, failed string) {
		h := http.Header{name: {value}}
		exchanges := []Exchange{
			{URL: "https://example.test/f", Method: "GET", RequestHeaders: h, Status: 200, StatusText: statusText,
				ResponseHeaders: h, Body: body, Started: warcStarted},
			{URL: "https://example.test/gone", Failed: failed},
		}
		info := testWARCInfo
		info.Description = failed + value
		var buf bytes.Buffer
		stats, err := WriteWARC(&buf, info, exchanges)
		if err != nil {
			t.Fatal(err)
		}
		// The URL is valid, so whatever the server sent must be archivable.
		if stats != (WARCStats{Records: 4, Responses: 1, Failed: 1}) {
			t.Fatalf("stats = %+v, want the exchange archived and the failure listed", stats)
		}
		recs, err := readWARCRecords(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 4 || !bytes.Equal(recs[2].payload, body) {
			t.Fatalf("read back %d records, response payload %q; want 4 and %q", len(recs), recs[2].payload, body)
		}
	})
}

func BenchmarkWriteWARC(b *testing.B) {
	body := bytes.Repeat([]byte("<p>intercepted evidence</p>\n"), 10<<10) // ~280 KiB
	exchanges := make([]Exchange, 50)
	for i := range exchanges {
		exchanges[i] = Exchange{URL: "https://example.test/" + strconv.Itoa(i), Method: "GET", Status: 200,
			ResponseHeaders: http.Header{"Content-Type": {"text/html"}}, Body: body, Started: warcStarted}
	}
	b.SetBytes(int64(len(body) * len(exchanges)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WriteWARC(io.Discard, testWARCInfo, exchanges); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(exchanges))/(b.Elapsed().Seconds()/float64(b.N)), "exchanges/s")
}

// readRecord is one record as gowarc read it back.
type readRecord struct {
	typ     gowarc.RecordType
	warc    *gowarc.WarcFields
	head    []byte // HTTP request or status line and fields; nil for other records
	payload []byte // the HTTP payload, or the whole block for other records
}

func (r readRecord) line() string {
	line, _, _ := strings.Cut(string(r.head), "\r\n")
	return line
}

// fields parses the HTTP fields from the raw head, without net/http's normalisation of framing
// fields, so that the test sees exactly what was written.
func (r readRecord) fields() http.Header {
	h := http.Header{}
	lines := strings.Split(strings.TrimSuffix(string(r.head), "\r\n\r\n"), "\r\n")
	for _, l := range lines[1:] {
		name, value, _ := strings.Cut(l, ": ")
		h[textproto.CanonicalMIMEHeaderKey(name)] = append(h[textproto.CanonicalMIMEHeaderKey(name)], value)
	}
	return h
}

func writeWARCFile(t *testing.T, path string, exchanges []Exchange) WARCStats {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := WriteWARC(f, testWARCInfo, exchanges)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("WriteWARC: %v", err)
	}
	return stats
}

func readWARCFile(t *testing.T, path string) []readRecord {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := readWARCRecords(f)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// readWARCRecords reads every record with gowarc in strict mode, with HTTP blocks that net/http
// must parse, and checks the digests against sha256 computed here.
func readWARCRecords(r io.Reader) ([]readRecord, error) {
	rd, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithStrictValidation(), gowarc.WithBlockErrorPolicy(gowarc.ErrFail))
	if err != nil {
		return nil, err
	}
	defer rd.Close()
	var out []readRecord
	for rec, err := range rd.Records() {
		if err != nil {
			return out, &recordError{len(out), err}
		}
		rr, err := readBack(rec)
		if err != nil {
			return out, &recordError{len(out), err}
		}
		out = append(out, rr)
	}
	return out, nil
}

type recordError struct {
	index int
	err   error
}

func (e *recordError) Error() string { return "record " + strconv.Itoa(e.index) + ": " + e.err.Error() }

func readBack(rec gowarc.Record) (readRecord, error) {
	defer rec.Close()
	if len(rec.Validation) > 0 {
		return readRecord{}, rec.Validation[0]
	}
	wr := rec.WarcRecord
	rr := readRecord{typ: wr.Type(), warc: wr.WarcHeader()}
	var payload io.Reader
	var err error
	if hb, ok := wr.Block().(interface {
		gowarc.PayloadBlock
		gowarc.ProtocolHeaderBlock
	}); ok {
		rr.head = hb.ProtocolHeaderBytes()
		payload, err = hb.PayloadBytes()
	} else {
		payload, err = wr.Block().RawBytes()
	}
	if err == nil {
		rr.payload, err = io.ReadAll(payload)
	}
	if err == nil {
		err = checkDigests(rr)
	}
	return rr, err
}

// checkDigests recomputes the digests independently of gowarc's digest code.
func checkDigests(r readRecord) error {
	block := append(append([]byte{}, r.head...), r.payload...)
	if got, want := r.warc.Get(gowarc.WarcBlockDigest), sha256Base32(block); got != want {
		return &digestMismatch{"block", got, want}
	}
	if r.head == nil {
		return nil
	}
	if got, want := r.warc.Get(gowarc.WarcPayloadDigest), sha256Base32(r.payload); got != want {
		return &digestMismatch{"payload", got, want}
	}
	return nil
}

type digestMismatch struct{ which, got, want string }

func (e *digestMismatch) Error() string {
	return e.which + " digest is " + e.got + ", computed " + e.want
}

func sha256Base32(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + base32.StdEncoding.EncodeToString(sum[:])
}

var recordIDPattern = regexp.MustCompile(`^<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>$`)

// checkStructure checks what every WARC must have: warcinfo first, unique random IDs, request
// and response paired and linked both ways, dates, and the warcinfo link.
func checkStructure(t *testing.T, recs []readRecord) {
	info := recs[0]
	if info.typ != gowarc.Warcinfo || info.warc.Get(gowarc.WarcDate) != testWARCInfo.Created.Format(time.RFC3339Nano) {
		t.Fatalf("first record is %v dated %s, want warcinfo dated %s", info.typ, info.warc.Get(gowarc.WarcDate), testWARCInfo.Created)
	}
	for _, want := range []string{"software: INTERCEPTED Workstation 0.1.0", "operator: officer 4711", "hostname: ws-07",
		"format: WARC File Format 1.1", "description: case 2025/113  injected: field"} {
		if !hasLine(info.payload, want) {
			t.Errorf("warcinfo lacks line %q:\n%s", want, info.payload)
		}
	}
	infoID := info.warc.Get(gowarc.WarcRecordID)
	seen := map[string]bool{}
	for i, r := range recs {
		id := r.warc.Get(gowarc.WarcRecordID)
		if !recordIDPattern.MatchString(id) || seen[id] {
			t.Errorf("record %d: ID %q is not a fresh random UUID URN", i, id)
		}
		seen[id] = true
		if i > 0 && r.warc.Get(gowarc.WarcWarcinfoID) != infoID {
			t.Errorf("record %d: WARC-Warcinfo-ID %q, want %q", i, r.warc.Get(gowarc.WarcWarcinfoID), infoID)
		}
	}
	for i := 1; i < len(recs)-1; i += 2 {
		checkPair(t, recs[i], recs[i+1])
	}
	if last := recs[len(recs)-1]; last.typ != gowarc.Metadata {
		t.Errorf("last record is %v, want metadata", last.typ)
	}
}

func checkPair(t *testing.T, req, resp readRecord) {
	t.Helper()
	uri := req.warc.Get(gowarc.WarcTargetURI)
	if req.typ != gowarc.Request || resp.typ != gowarc.Response || resp.warc.Get(gowarc.WarcTargetURI) != uri {
		t.Errorf("%s: got %v then %v for %q, want request then response", uri, req.typ, resp.typ, resp.warc.Get(gowarc.WarcTargetURI))
	}
	if req.warc.Get(gowarc.WarcConcurrentTo) != resp.warc.Get(gowarc.WarcRecordID) ||
		resp.warc.Get(gowarc.WarcConcurrentTo) != req.warc.Get(gowarc.WarcRecordID) {
		t.Errorf("%s: request and response are not linked with WARC-Concurrent-To", uri)
	}
	for _, r := range []readRecord{req, resp} {
		if got := r.warc.Get(gowarc.WarcDate); got != warcStarted.Format(time.RFC3339Nano) {
			t.Errorf("%s: WARC-Date %s, want %s", uri, got, warcStarted.Format(time.RFC3339Nano))
		}
	}
}

// check finds the records of c's URL and compares them with what c expects.
func (c warcCase) check(t *testing.T, recs []readRecord) {
	req, resp, notes := findExchange(recs, c.ex.URL)
	if c.note != "" && !hasLine(notes, c.note) {
		t.Errorf("metadata lacks line %q:\n%s", c.note, notes)
	}
	if !c.archived {
		if req != nil || resp != nil {
			t.Errorf("%s has records, want it only listed in the metadata", c.ex.URL)
		}
		return
	}
	if req == nil || resp == nil {
		t.Fatalf("%s: request %v, response %v; want both", c.ex.URL, req != nil, resp != nil)
	}
	if req.line() != c.reqLine || resp.line() != c.respLine {
		t.Errorf("lines %q and %q, want %q and %q", req.line(), resp.line(), c.reqLine, c.respLine)
	}
	checkFields(t, "request", req.fields(), c.reqFields)
	checkFields(t, "response", resp.fields(), c.respFields)
	if !bytes.Equal(req.payload, c.ex.RequestBody) || !bytes.Equal(resp.payload, c.ex.Body) {
		t.Errorf("payloads %q and %.60q, want %q and %.60q", req.payload, resp.payload, c.ex.RequestBody, c.ex.Body)
	}
	if got := resp.fields().Get("Content-Length"); got != strconv.Itoa(len(c.ex.Body)) {
		t.Errorf("response Content-Length %q, want %d", got, len(c.ex.Body))
	}
	if got := resp.warc.Get(gowarc.WarcIPAddress); got != c.ip {
		t.Errorf("WARC-IP-Address %q, want %q", got, c.ip)
	}
}

// findExchange returns the request and response records whose target is url, and the whole
// metadata block. Targets are compared as written, which escapes "=?".
func findExchange(recs []readRecord, url string) (req, resp *readRecord, notes []byte) {
	url = strings.ReplaceAll(url, "=?", "=%3F")
	for i := range recs {
		r := &recs[i]
		switch {
		case r.typ == gowarc.Metadata:
			notes = r.payload
		case r.warc.Get(gowarc.WarcTargetURI) != url:
		case r.typ == gowarc.Request:
			req = r
		case r.typ == gowarc.Response:
			resp = r
		}
	}
	return req, resp, notes
}

func checkFields(t *testing.T, which string, got http.Header, want map[string]string) {
	t.Helper()
	for name, v := range want {
		vs, ok := got[name]
		switch {
		case v == "" && ok:
			t.Errorf("%s has %s: %q, want none", which, name, vs)
		case v != "" && (len(vs) != 1 || vs[0] != v):
			t.Errorf("%s has %s: %.80q, want %.80q", which, name, vs, v)
		}
	}
}

func hasLine(block []byte, line string) bool {
	for _, l := range strings.Split(string(block), "\r\n") {
		if l == line {
			return true
		}
	}
	return false
}

// warcioReport is what testdata/warcio-check.mjs prints.
type warcioReport struct {
	Records int      `json:"records"`
	OK      bool     `json:"ok"`
	Errors  []string `json:"errors"`
}

// runWarcio checks path with warcio.js, a reader written independently of gowarc.
func runWarcio(t *testing.T, path string) warcioReport {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed (%v): run `make test`, which installs it", err)
	}
	cmd := exec.CommandContext(t.Context(), node, filepath.Join("testdata", "warcio-check.mjs"), path)
	cmd.Env = append(os.Environ(), "INTERCEPTED_NODE_MODULES="+warcioModules(t))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var rep warcioReport
	if jerr := json.Unmarshal(out, &rep); jerr != nil {
		t.Fatalf("warcio-check printed no report (%v, exit %v):\n%s\n%s", jerr, err, out, stderr.Bytes())
	}
	return rep
}

// warcioModules is the node_modules directory holding warcio 2.4.11.
func warcioModules(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("INTERCEPTED_NODE_MODULES")
	if dir == "" {
		dir = filepath.Join("..", ".cache", "node", "node_modules")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "warcio", "package.json"))
	if err != nil {
		t.Fatalf("warcio is not installed in %s: run `make test`, which installs it (%v)", dir, err)
	}
	var pkg struct{ Version string }
	if err := json.Unmarshal(data, &pkg); err != nil || pkg.Version != "2.4.11" {
		t.Fatalf("warcio in %s is version %q (%v), want 2.4.11: run `make test`, which installs it", dir, pkg.Version, err)
	}
	return dir
}

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

func gunzipFile(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f) // reads every member, one per record
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func allBytes() []byte {
	b := make([]byte, 256)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}
