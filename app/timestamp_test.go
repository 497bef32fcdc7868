package app

import (
	"bytes"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

// testTSA is a real RFC 3161 timestamp authority: `openssl ts -reply` with its own CA, behind
// an HTTP server on 127.0.0.1. mutate, when set, changes each query before the TSA sees it,
// so that the TSA answers for something else than was asked.
type testTSA struct {
	dir, cfg, ca, cert string
	addr               string
	url                string

	mu       sync.Mutex
	mutate   func(q []byte) []byte
	answered int
}

const testTSAConfig = `[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = unused
[ ca_ext ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ tsa_ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ tsa ]
default_tsa = tsa1
[ tsa1 ]
serial = DIR/serial
crypto_device = builtin
signer_cert = DIR/tsa.pem
signer_key = DIR/tsa.key
certs = DIR/ca.pem
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1, millisecs:500, microsecs:100
clock_precision_digits = 0
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`

// newTestTSA makes the TSA's CA and certificate; start serves it.
func newTestTSA(t testing.TB) *testTSA {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Fatalf("openssl is not installed: apt-get install openssl (%v)", err)
	}
	dir := t.TempDir()
	a := &testTSA{dir: dir, cfg: filepath.Join(dir, "tsa.cnf"), ca: filepath.Join(dir, "ca.pem"), cert: filepath.Join(dir, "tsa.pem")}
	os.WriteFile(a.cfg, []byte(strings.ReplaceAll(testTSAConfig, "DIR", dir)), 0o600)
	os.WriteFile(filepath.Join(dir, "serial"), []byte("01\n"), 0o600)
	ec := []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"}
	tsaOpenSSL(t, dir, append([]string{"req", "-config", a.cfg, "-x509", "-days", "2", "-subj", "/CN=Test TSA CA",
		"-extensions", "ca_ext", "-keyout", "ca.key", "-out", "ca.pem"}, ec...)...)
	tsaOpenSSL(t, dir, append([]string{"req", "-config", a.cfg, "-new", "-subj", "/CN=Test TSA",
		"-keyout", "tsa.key", "-out", "tsa.csr"}, ec...)...)
	tsaOpenSSL(t, dir, "x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
		"-days", "2", "-extfile", a.cfg, "-extensions", "tsa_ext", "-out", "tsa.pem")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	a.addr = l.Addr().String()
	l.Close() // down until start: connections are refused
	a.url = "http://" + a.addr + "/tsa"
	return a
}

func tsaOpenSSL(t testing.TB, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("openssl", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("openssl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// start serves the TSA on its address.
func (a *testTSA) start(t *testing.T) {
	t.Helper()
	l, err := net.Listen("tcp", a.addr)
	if err != nil {
		t.Fatalf("the TSA's port was taken meanwhile: %v", err)
	}
	srv := httptest.NewUnstartedServer(a)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
}

func (a *testTSA) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	q, err := io.ReadAll(r.Body)
	if err != nil || r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/timestamp-query" {
		http.Error(w, "POST an application/timestamp-query", http.StatusBadRequest)
		return
	}
	if a.mutate != nil {
		q = a.mutate(q)
	}
	resp, err := a.reply(q)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	a.answered++
	w.Header().Set("Content-Type", "application/timestamp-reply")
	w.Write(resp)
}

// reply is what `openssl ts -reply` answers to a query.
func (a *testTSA) reply(q []byte) ([]byte, error) {
	tsq, tsr := filepath.Join(a.dir, "q.tsq"), filepath.Join(a.dir, "r.tsr")
	if err := os.WriteFile(tsq, q, 0o600); err != nil {
		return nil, err
	}
	if out, err := exec.Command("openssl", "ts", "-reply", "-config", a.cfg, "-queryfile", tsq, "-out", tsr).CombinedOutput(); err != nil {
		return nil, errors.New(string(out))
	}
	return os.ReadFile(tsr)
}

func (a *testTSA) setMutate(f func([]byte) []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.mutate = f
}

func (a *testTSA) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.answered
}

// verifyToken runs `openssl ts -verify` on a stored response, as a recipient would.
func (a *testTSA) verifyToken(t *testing.T, der []byte, digest string) error {
	t.Helper()
	f := filepath.Join(t.TempDir(), "token.tsr")
	os.WriteFile(f, der, 0o600)
	out, err := exec.Command("openssl", "ts", "-verify", "-in", f, "-digest", digest, "-CAfile", a.ca, "-untrusted", a.cert).CombinedOutput()
	if err == nil && !strings.Contains(string(out), "Verification: OK") {
		err = errors.New("no Verification: OK")
	}
	if err != nil {
		return errors.New(err.Error() + ": " + string(out))
	}
	return nil
}

// editQuery rewrites a DER TimeStampReq.
func editQuery(edit func(*timeStampReq)) func([]byte) []byte {
	return func(q []byte) []byte {
		var req timeStampReq
		if _, err := asn1.Unmarshal(q, &req); err != nil {
			return q
		}
		edit(&req)
		b, _ := asn1.Marshal(req)
		return b
	}
}

func stampFixture(t *testing.T, tsa string) (*Workstation, store.Case, []StoredCapture) {
	t.Helper()
	w, err := Create(ctx, testConfig(t), Settings{Officer: "Insp. Stamp", Region: "IT", TSAURL: tsa})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	c, _ := w.NewCase(ctx, store.CaseInfo{Name: "Stamps"})
	var caps []StoredCapture
	for i, text := range []string{"first ad", "second ad"} {
		sc, err := w.SaveCapture(ctx, c.ID, TestResult("http://board.test/"+text[:1], "Ad", text, uint8(40*i), false))
		if err != nil {
			t.Fatal(err)
		}
		caps = append(caps, sc)
	}
	return w, c, caps
}

func pendingCount(t *testing.T, w *Workstation) int {
	t.Helper()
	all, err := w.Timestamps(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ts := range all {
		if ts.State == TimestampPending {
			n++
		}
	}
	return n
}

// Captures are queued as they are saved, stay queued while the TSA is down, and are stamped by
// a real TSA when it is up; openssl verifies the stored tokens against the capture records.
func TestTimestampsFromARealTSA(t *testing.T) {
	tsa := newTestTSA(t)
	w, _, caps := stampFixture(t, tsa.url)
	for _, c := range caps {
		ts, err := w.Timestamps(ctx, c.ID)
		if err != nil || len(ts) != 1 || ts[0].State != TimestampPending || ts[0].SHA256 != c.RecordID.String() {
			t.Fatalf("queued on save: %+v %v", ts, err)
		}
	}

	run, err := w.RequestTimestamps(ctx)
	if err != nil || run.Queued != 2 || run.Answered != 0 || run.Failed != 1 || run.Skipped != 1 ||
		!errors.Is(run.Errors[0].Err, ErrTSAUnreachable) {
		t.Fatalf("with the TSA down: %+v %v", run, err)
	}
	if n := pendingCount(t, w); n != 2 {
		t.Fatalf("%d pending after a failed run, want 2", n)
	}

	tsa.start(t)
	before := time.Now()
	run, err = w.RequestTimestamps(ctx)
	if err != nil || run.Queued != 2 || run.Answered != 2 || run.Failed != 0 || len(run.Stamps) != 2 {
		t.Fatalf("with the TSA up: %+v %v", run, err)
	}
	for _, c := range caps {
		ts, err := w.Timestamps(ctx, c.ID)
		if err != nil || len(ts) != 1 {
			t.Fatalf("timestamps of %s: %+v %v", c.ID, ts, err)
		}
		s := ts[0]
		if s.State != TimestampAnswered || s.Version != 2 || s.TSA != tsa.url || s.Policy != "1.2.3.4.1" ||
			s.GenTime.Before(before.Add(-time.Minute)) || s.GenTime.After(time.Now().Add(time.Minute)) {
			t.Errorf("answered: %+v", s)
		}
		der, err := w.Store().ReadBlob(s.Token)
		if err != nil {
			t.Fatal(err)
		}
		if err := tsa.verifyToken(t, der, c.RecordID.String()); err != nil {
			t.Errorf("openssl ts -verify of %s: %v", c.ID, err)
		}
		other := caps[0].RecordID.String()
		if c.ID == caps[0].ID {
			other = caps[1].RecordID.String()
		}
		if tsa.verifyToken(t, der, other) == nil {
			t.Errorf("openssl accepted the token of %s for another digest", c.ID)
		}
	}
	if run, err := w.RequestTimestamps(ctx); err != nil || run.Queued != 0 || tsa.count() != 2 {
		t.Errorf("nothing left to ask: %+v %v (the TSA answered %d)", run, err, tsa.count())
	}
	if sum, err := w.Verify(ctx, store.VerifyFull, nil); err != nil || !sum.OK {
		t.Errorf("store after stamping: %+v %v", sum, err)
	}
}

// Without a TSA configured, captures are still queued, and RequestTimestamps says what to do.
func TestTimestampQueueWithoutTSA(t *testing.T) {
	w, _, _ := stampFixture(t, "")
	run, err := w.RequestTimestamps(ctx)
	if !errors.Is(err, ErrNoTSA) || run.Queued != 2 {
		t.Fatalf("no TSA: %+v %v", run, err)
	}
	if err := w.SetTSA(ctx, "ftp://tsa.example"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an ftp TSA was accepted: %v", err)
	}
	if err := w.queueTimestamp(ctx, "package:x.zip", "not hex"); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a bad digest was queued: %v", err)
	}
	if err := w.queueTimestamp(ctx, "capture-0000000000000000", strings.Repeat("ab", 32)); err == nil {
		t.Error("a timestamp was queued for a capture that does not exist")
	}
}

// A TSA that answers for something else than was asked, or refuses, leaves the requests
// pending; the next good answer stamps them.
func TestTimestampWrongAnswersAreRefused(t *testing.T) {
	tsa := newTestTSA(t)
	tsa.start(t)
	w, _, caps := stampFixture(t, tsa.url)
	for _, tc := range []struct {
		name string
		edit func(*timeStampReq)
		want error
	}{
		{"another digest", func(r *timeStampReq) { r.MessageImprint.HashedMessage[0] ^= 1 }, ErrTokenMismatch},
		{"another nonce", func(r *timeStampReq) { r.Nonce.SetInt64(42) }, ErrTokenMismatch},
		{"no nonce", func(r *timeStampReq) { r.Nonce = nil }, ErrTokenMismatch},
		{"refused", func(r *timeStampReq) {
			r.MessageImprint = messageImprint{HashAlgorithm: algSHA1(), HashedMessage: make([]byte, 20)}
		}, ErrTSARefused},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tsa.setMutate(editQuery(tc.edit))
			run, err := w.RequestTimestamps(ctx)
			if err != nil || run.Queued != 2 || run.Failed != 2 || run.Answered != 0 {
				t.Fatalf("run: %+v %v", run, err)
			}
			for _, f := range run.Errors {
				var te *TSAError
				if !errors.Is(f.Err, tc.want) || !errors.As(f.Err, &te) || te.URL != tsa.url {
					t.Errorf("failure %v, want %v", f.Err, tc.want)
				}
			}
			if n := pendingCount(t, w); n != 2 {
				t.Errorf("%d pending, want 2", n)
			}
		})
	}
	tsa.setMutate(nil)
	if run, err := w.RequestTimestamps(ctx); err != nil || run.Answered != 2 {
		t.Fatalf("the good answer: %+v %v", run, err)
	}
	ts, _ := w.Timestamps(ctx, caps[0].ID)
	if len(ts) != 1 || ts[0].Version != 2 {
		t.Errorf("refusals left versions behind: %+v", ts)
	}
}

func algSHA1() pkix.AlgorithmIdentifier {
	return pkix.AlgorithmIdentifier{Algorithm: asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}}
}

// An export carries each capture's token, which verifies with openssl against the capture's
// record; the export itself is queued; a token moved to another capture is caught.
func TestTimestampsInExportedPackage(t *testing.T) {
	tsa := newTestTSA(t)
	tsa.start(t)
	w, c, caps := stampFixture(t, tsa.url)
	if run, err := w.RequestTimestamps(ctx); err != nil || run.Answered != 2 {
		t.Fatalf("stamping: %+v %v", run, err)
	}
	pkg := filepath.Join(t.TempDir(), "stamps.zip")
	sum, err := w.Export(ctx, ExportOptions{Case: c.ID, Out: pkg, NoPDF: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := VerifyPackage(ctx, pkg, PackageLimits{})
	if err != nil || !rep.OK {
		t.Fatalf("verify-package: %v %v", err, rep.Problems)
	}
	var want []string
	for _, c := range caps {
		want = append(want, "timestamps/"+c.ID+".tsr", "timestamps/"+c.ID+".json")
	}
	if !slices.Equal(rep.Manifest.Timestamps, want) {
		t.Errorf("package.json timestamps %v, want %v", rep.Manifest.Timestamps, want)
	}
	dir := unzip(t, pkg)
	for _, c := range caps {
		var rec struct {
			RecordID string `json:"record_id"`
		}
		b, _ := os.ReadFile(filepath.Join(dir, "captures", c.ID, "record.json"))
		if err := json.Unmarshal(b, &rec); err != nil || rec.RecordID != c.RecordID.String() {
			t.Fatalf("record.json record_id %q", rec.RecordID)
		}
		run(t, dir, nil, "openssl", "ts", "-verify", "-in", "timestamps/"+c.ID+".tsr", "-digest", rec.RecordID,
			"-CAfile", tsa.ca, "-untrusted", tsa.cert)
	}
	if readme, _ := os.ReadFile(filepath.Join(dir, "README.txt")); !strings.Contains(string(readme), "openssl ts -verify") {
		t.Error("README.txt does not say how to check the timestamps")
	}
	ts, err := w.Timestamps(ctx, "package:stamps.zip")
	if err != nil || len(ts) != 1 || ts[0].State != TimestampPending || ts[0].SHA256 != sum.SHA256 {
		t.Errorf("the package is not queued: %+v %v", ts, err)
	}
	if run, err := w.RequestTimestamps(ctx); err != nil || run.Answered != 1 || run.Stamps[0].Subject != "package:stamps.zip" {
		t.Errorf("stamping the package: %+v %v", run, err)
	}

	a, b := "timestamps/"+caps[0].ID+".tsr", "timestamps/"+caps[1].ID+".tsr"
	swapped := rewrite(t, pkg, map[string][]byte{a: readPkgFile(t, pkg, b), b: readPkgFile(t, pkg, a)})
	mustProblem(t, swapped, a+": covers "+caps[1].RecordID.String()+", not the record of capture "+caps[0].ID)
	mustProblem(t, rewrite(t, pkg, map[string][]byte{a: []byte("not DER")}), a+": not an RFC 3161 time-stamp response")
}

// The response parser takes any bytes without panicking.
func FuzzTimestampResponse(f *testing.F) {
	tsa := newTestTSA(f)
	q, err := newTSQuery(make([]byte, 32))
	if err != nil {
		f.Fatal(err)
	}
	good, err := tsa.reply(q.der)
	if err != nil {
		f.Fatal(err)
	}
	refused, err := tsa.reply(editQuery(func(r *timeStampReq) { r.MessageImprint.HashAlgorithm = algSHA1() })(q.der))
	if err != nil {
		f.Fatal(err)
	}
	tok, err := parseTSResponse(good)
	if err != nil || tok.matches(q) != nil {
		f.Fatalf("openssl's own response: %v", err)
	}
	if _, err := parseTSResponse(refused); !errors.Is(err, ErrTSARefused) {
		f.Fatalf("openssl's refusal: %v", err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(refused)
	f.Add([]byte{0x30, 0x03, 0x02, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		tok, err := parseTSResponse(b)
		if err == nil {
			tok.sha256Imprint()
			tok.matches(q)
		}
	})
}

// A token whose TSTInfo was changed after signing (another time), whose signature was
// changed, or that has no signer or no certificate to check it with, is refused. (A token
// signed afresh by a certificate of the forger's own passes this check; only the TSA's CA
// tells it apart.)
func TestTimestampForgedTokens(t *testing.T) {
	tsa := newTestTSA(t)
	q, err := newTSQuery(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	good, err := tsa.reply(q.der)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parseTSResponse(good); err != nil {
		t.Fatalf("openssl's own token: %v", err)
	}
	var resp timeStampResp
	asn1.Unmarshal(good, &resp)
	var ci contentInfo
	asn1.Unmarshal(resp.TimeStampToken.FullBytes, &ci)
	var sd cmsSignedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		t.Fatal(err)
	}
	// rebuild wraps a changed SignedData into a response again
	rebuild := func(sd cmsSignedData) []byte {
		inner, err := asn1.Marshal(sd)
		if err != nil {
			t.Fatal(err)
		}
		// ContentInfo with its explicit [0], built by hand around inner
		explicit := append(append([]byte{0xA0}, derLength(inner)...), inner...)
		oid, _ := asn1.Marshal(oidSignedData)
		body := append(oid, explicit...)
		token := append(append([]byte{0x30}, derLength(body)...), body...)
		status, _ := asn1.Marshal(resp.Status)
		all := append(status, token...)
		return append(append([]byte{0x30}, derLength(all)...), all...)
	}
	if _, err := parseTSResponse(rebuild(sd)); err != nil {
		t.Fatalf("the token taken apart and put together again: %v", err)
	}
	// another time, same length: the year 2026 becomes 1999 in the TSTInfo
	later := slices.Clone(sd.EncapContentInfo.EContent)
	at := bytes.IndexByte(later, 0x18) // the GeneralizedTime
	if at < 0 {
		t.Fatal("no time in the TSTInfo")
	}
	copy(later[at+2:], "1999")
	redated := sd
	redated.EncapContentInfo.EContent = later
	flipped := sd
	flipped.SignerInfos = []cmsSignerInfo{sd.SignerInfos[0]}
	flipped.SignerInfos[0].Signature = slices.Clone(sd.SignerInfos[0].Signature)
	flipped.SignerInfos[0].Signature[10] ^= 1
	noCerts := sd
	noCerts.Certificates = asn1.RawValue{}
	noSigner := sd
	noSigner.SignerInfos = nil
	for name, der := range map[string][]byte{
		"redated":           rebuild(redated),
		"signature changed": rebuild(flipped),
		"no certificate":    rebuild(noCerts),
		"no signer":         rebuild(noSigner),
	} {
		if _, err := parseTSResponse(der); !errors.Is(err, ErrTokenSignature) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// derLength is the DER length octets of b.
func derLength(b []byte) []byte {
	n := len(b)
	if n < 128 {
		return []byte{byte(n)}
	}
	var l []byte
	for ; n > 0; n >>= 8 {
		l = append([]byte{byte(n)}, l...)
	}
	return append([]byte{0x80 | byte(len(l))}, l...)
}

// A TSA that redirects to another host is not followed there: the request stays queued.
func TestTimestampRedirectToAnotherHost(t *testing.T) {
	tsa := newTestTSA(t)
	tsa.start(t)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, tsa.url, http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	w, _, _ := stampFixture(t, redirect.URL)
	run, err := w.RequestTimestamps(ctx)
	if err != nil || run.Answered != 0 || run.Failed == 0 || tsa.count() != 0 || !strings.Contains(run.Errors[0].Problem, "another host") {
		t.Fatalf("a redirect to another host: %+v %v (the other host answered %d)", run, err, tsa.count())
	}
	if n := pendingCount(t, w); n != 2 {
		t.Errorf("%d pending, want 2", n)
	}
}
