package app

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/capture"
	"github.com/intercepted-eu/workstation/store"
)

// reportTemplate is the human report of a package: written for a judge or a prosecutor, not
// for us. It refers to the screenshots inside the package by relative path.
var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"utc":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
	"upper": strings.ToUpper,
}).Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evidence report — {{.Case.Name}}</title>
<style>
body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11pt;color:#111;max-width:190mm;margin:10mm auto;line-height:1.4}
h1{font-size:18pt;margin-bottom:0} h2{font-size:14pt;border-bottom:2px solid #333;margin-top:2em;page-break-before:always}
h3{font-size:12pt;margin-bottom:.3em} table{border-collapse:collapse;width:100%;margin:.5em 0;font-size:9pt}
td,th{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left} th{background:#eee}
.hash{font-family:"DejaVu Sans Mono",monospace;font-size:8pt;word-break:break-all}
.level-high{color:#a00;font-weight:bold}.level-medium{color:#b60;font-weight:bold}
img.shot{max-width:100%;border:1px solid #999} .note{color:#444;font-size:9pt}
</style></head><body>
<h1>Evidence report</h1>
<p><b>Case:</b> {{.Case.Name}}{{if .Case.Reference}} ({{.Case.Reference}}){{end}} · <b>Case ID:</b> {{.Case.ID}}<br>
<b>Package made:</b> {{utc .Created}} by {{.Officer}} on workstation {{.Workstation}} with {{.Tool}}<br>
<b>Signing key:</b> <span class="hash">{{.KeyFingerprint}}</span></p>
<p class="note">Every file of this package is listed with its SHA-256 in SHA256SUMS, which is signed by the key above.
README.txt says how to check the package with standard tools (sha256sum, ssh-keygen or openssl) without this software.
Times are in UTC. Indicators are signs that call for a closer look, each with its source; they are not findings of guilt.</p>
<h3>Captured pages</h3>
<table><tr><th>#</th><th>Capture</th><th>Address</th><th>Captured (UTC)</th><th>Level</th></tr>
{{range $i, $c := .Captures}}<tr><td>{{$i}}</td><td class="hash">{{$c.ID}}</td><td>{{$c.URL}}</td><td>{{utc $c.Started}}</td><td class="level-{{$c.Level}}">{{upper $c.Level}}</td></tr>
{{end}}</table>
{{range $i, $c := .Captures}}
<h2>{{$i}}. {{$c.Title}}</h2>
<table>
<tr><th>Requested address</th><td>{{$c.Requested}}</td></tr>
<tr><th>Final address</th><td>{{$c.URL}}</td></tr>
<tr><th>Capture</th><td class="hash">{{$c.ID}} (record SHA-256 {{$c.Record}})</td></tr>
<tr><th>Started – finished</th><td>{{utc $c.Started}} – {{utc $c.Finished}} ({{$c.Clock}})</td></tr>
<tr><th>Captured by</th><td>{{$c.Officer}}, workstation {{$c.Workstation}}, {{$c.Browser}}</td></tr>
<tr><th>HTTP status, server</th><td>{{$c.Status}} · {{$c.ServerIP}}</td></tr>
<tr><th>Outcome</th><td>{{$c.Outcome}}{{range $c.Problems}}<br>{{.}}{{end}}</td></tr>
<tr><th>Level</th><td class="level-{{$c.Level}}">{{upper $c.Level}}{{if $c.Explanation}}<br><span class="note">{{range $c.Explanation}}{{.}}<br>{{end}}</span>{{end}}</td></tr>
</table>
{{if $c.Screenshot}}<p><img class="shot" src="{{$c.Screenshot}}" alt="full-page screenshot"></p>{{end}}
{{if $c.Hits}}<h3>Indicators</h3><table><tr><th>Indicator</th><th>Words in the page</th><th>Why it counts</th><th>Source</th></tr>
{{range $c.Hits}}<tr><td>{{.Indicator}}<br><span class="note">{{.Category}}, {{.Strength}}, {{.Lang}}</span></td><td>{{.Text}}</td><td>{{.Explanation}}</td><td>{{.Source}}</td></tr>
{{end}}</table>{{end}}
{{if $c.Entities}}<h3>Entities</h3><table><tr><th>Type</th><th>Value</th><th>As written</th></tr>
{{range $c.Entities}}<tr><td>{{.Type}}{{if .Platform}} ({{.Platform}}){{end}}</td><td>{{.Value}}</td><td>{{.Raw}}</td></tr>
{{end}}</table>{{end}}
<h3>Artifacts</h3><table><tr><th>File</th><th>Size</th><th>SHA-256</th><th>How it was made</th></tr>
{{range $c.Artifacts}}<tr><td>{{.Name}}</td><td>{{.Size}}</td><td class="hash">{{.SHA256}}</td><td class="note">{{.Transformation}}</td></tr>
{{end}}</table>
{{end}}
<h2>Chain of custody</h2>
<p class="note">Each entry carries the SHA-256 of the one before it; the log's head (entry {{.Head.Seq}}, <span class="hash">{{.Head.Hash}}</span>) is signed by the workstation key.</p>
<table><tr><th>#</th><th>Time (UTC)</th><th>Who</th><th>Action</th><th>Subject</th><th>Entry SHA-256</th></tr>
{{range .Log}}<tr><td>{{.Seq}}</td><td>{{utc .Time}}</td><td>{{.Actor}}</td><td>{{.Action}}</td><td class="hash">{{.Subject}}</td><td class="hash">{{.Hash}}</td></tr>
{{end}}</table>
</body></html>
`))

type reportData struct {
	PackageManifest
	KeyFingerprint string
	Captures       []reportCapture
	Log            []store.Entry
	Head           store.Head
}

type reportCapture struct {
	StoredCapture
	URL, Requested, Level, Screenshot string
	Record                            string
	Explanation                       []string
	Hits                              any
	Entities                          any
}

// writeReport writes report.html and, printed by the controlled Chromium, report.pdf.
func (w *Workstation) writeReport(ctx context.Context, p *pkgWriter, man PackageManifest, caps []exportedCapture, log []store.Entry, noPDF bool) error {
	head, err := w.st.LogHead()
	if err != nil {
		return err
	}
	d := reportData{PackageManifest: man, KeyFingerprint: KeyFingerprint(w.st.PublicKey()), Log: log, Head: head}
	for _, c := range caps {
		rc := reportCapture{StoredCapture: c.c, URL: firstURL(c.c), Requested: c.c.RequestedURL, Record: c.c.RecordID.String(), Level: "not analysed"}
		if shot := findArtifact(c.c.Artifacts, capture.KindScreenshot); shot != nil {
			rc.Screenshot = "captures/" + c.c.ID + "/" + shot.Name
		}
		if c.findings != nil {
			rc.Level, rc.Explanation, rc.Hits, rc.Entities = c.analysis.Level, c.findings.Text.Explanation, c.findings.Text.Hits, c.findings.Text.Entities
		}
		d.Captures = append(d.Captures, rc)
	}
	var html bytes.Buffer
	if err := reportTemplate.Execute(&html, d); err != nil {
		return err
	}
	if err := p.addBytes("report.html", html.Bytes()); err != nil {
		return err
	}
	if noPDF {
		return nil
	}
	pdf, err := w.printReport(ctx, html.Bytes(), caps)
	if err != nil {
		return fmt.Errorf("print the report to PDF with the controlled browser (export without it with --no-pdf): %w", err)
	}
	return p.addBytes("report.pdf", pdf)
}

// printReport lays the report and its screenshots out in a private temporary directory and has
// a headless controlled browser print it.
func (w *Workstation) printReport(ctx context.Context, html []byte, caps []exportedCapture) ([]byte, error) {
	dir, err := os.MkdirTemp("", "intercepted-report-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, c := range caps {
		shot := findArtifact(c.c.Artifacts, capture.KindScreenshot)
		if shot == nil {
			continue
		}
		sub := filepath.Join(dir, "captures", c.c.ID)
		if err := os.MkdirAll(sub, 0o700); err != nil {
			return nil, err
		}
		h, err := store.ParseHash(shot.SHA256)
		if err != nil {
			return nil, err
		}
		root, err := os.OpenRoot(sub)
		if err != nil {
			return nil, err
		}
		err = w.writeBlobFile(h, root, shot.Name)
		root.Close()
		if err != nil {
			return nil, err
		}
	}
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return nil, err
	}
	b, err := w.OpenBrowser(ctx, "", true)
	if err != nil {
		return nil, err
	}
	defer b.Close()
	return b.PrintPDF(ctx, "file://"+page)
}

// packageReadme tells the recipient how to check the package with standard tools.
func packageReadme(id string, man PackageManifest) []byte {
	return append([]byte(fmt.Sprintf(`INTERCEPTED Workstation evidence package
==========================================

Case:        %s (%s)
Made:        %s by %s on workstation %s
Tool:        %s
Signing key: %s

This ZIP file is a WACZ web archive (open it in ReplayWeb.page, https://replayweb.page, to see the
captured pages as they were served) and a signed evidence bundle. docs/package.md in the
workstation's source describes every file. To check it without our software, unzip it and, in
the unzipped directory:

1. Every file is unchanged:

       sha256sum -c SHA256SUMS

   (every line must say OK; only SHA256SUMS, SHA256SUMS.sig and SHA256SUMS.ed25519 are not
   listed, since they are the checksums and their signatures.)

2. SHA256SUMS was signed by the workstation's key, with OpenSSH:

       ssh-keygen -Y verify -f keys/allowed_signers -I %s -n file -s SHA256SUMS.sig < SHA256SUMS

   or with OpenSSL (3.0 or later):

       openssl pkeyutl -verify -pubin -inkey keys/workstation.pem -rawin -in SHA256SUMS -sigfile SHA256SUMS.ed25519

3. The key is the one you expect: compare its fingerprint with the one the sending agency gave
   you by another channel:

       ssh-keygen -l -f keys/workstation.pub

Then read report.html (or report.pdf). The custody log entries of the exported captures are in
custody/log.jsonl; each entry's "hash" is the SHA-256 of the entry with "hash" empty, and "prev"
is the hash of the entry before it. "intercepted verify-package" checks all of this at once.
`, man.Case.Name, man.Case.ID, man.Created.Format(time.RFC3339), man.Officer, id, man.Tool, keyFingerprintOf(man.Key), id)),
		timestampReadme(man)...)
}

// timestampReadme tells how to check the RFC 3161 tokens, when the package has any.
func timestampReadme(man PackageManifest) []byte {
	if len(man.Timestamps) == 0 {
		return nil
	}
	return []byte(`
Trusted timestamps
------------------
timestamps/<capture>.tsr is an RFC 3161 time-stamp response from the timestamp authority (TSA)
named in timestamps/<capture>.json. It proves that the capture's record, and with it the SHA-256
of every artifact, existed no later than the time the TSA signed. The token covers the
capture's record ID: "record_id" in captures/<capture>/record.json (also "sha256" in the
.json). With the TSA's CA certificate (from the TSA, not from this package), check a token with
OpenSSL:

       openssl ts -reply -in timestamps/<capture>.tsr -text
       openssl ts -verify -in timestamps/<capture>.tsr -digest <record_id> -CAfile TSA-CA.pem

The first prints the time, serial number and policy; the second must say "Verification: OK".
Add -untrusted TSA.pem when the TSA's own certificate is not in the token.
`)
}

func keyFingerprintOf(line string) string {
	k, err := ParseAuthorizedKey(line)
	if err != nil {
		return "(unreadable key)"
	}
	return KeyFingerprint(k)
}
