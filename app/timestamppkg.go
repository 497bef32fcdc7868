package app

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Timestamps in a package: for each exported capture with a token, timestamps/<capture>.tsr is
// the TSA's TimeStampResp, DER, exactly as received (what `openssl ts -reply` writes and
// `openssl ts -verify -in` reads), and timestamps/<capture>.json says what it covers. The token
// covers the capture's record ID (record_id in captures/<capture>/record.json), the SHA-256 of
// the stored record, which names the SHA-256 of every artifact.

const pkgTimestamps = "timestamps/"

// timestampFile is timestamps/<capture>.json.
type timestampFile struct {
	Subject string    `json:"subject"`
	SHA256  string    `json:"sha256"`
	Covers  string    `json:"covers"`
	TSA     string    `json:"tsa"`
	GenTime time.Time `json:"gen_time"`
	Serial  string    `json:"serial"`
	Policy  string    `json:"policy"`
	Token   string    `json:"token"`
	Verify  string    `json:"verify"`
}

// writeTimestamps adds the RFC 3161 tokens of the exported captures to a package and returns
// their file names. A capture stamped more than once gets its earliest token: the oldest time
// is the strongest proof.
func (w *Workstation) writeTimestamps(ctx context.Context, p *pkgWriter, caps []exportedCapture) ([]string, error) {
	all, err := w.Timestamps(ctx, "")
	if err != nil {
		return nil, err
	}
	earliest := map[string]Timestamp{}
	for _, t := range all {
		if e, ok := earliest[t.Subject]; t.State == TimestampAnswered && (!ok || t.GenTime.Before(e.GenTime)) {
			earliest[t.Subject] = t
		}
	}
	var names []string
	for _, c := range caps {
		t, ok := earliest[c.c.ID]
		if !ok || t.SHA256 != c.c.RecordID.String() {
			continue
		}
		der, err := w.st.ReadBlob(t.Token)
		if err != nil {
			return nil, fmt.Errorf("read the timestamp token of %s: %w", c.c.ID, err)
		}
		tsr, js := pkgTimestamps+c.c.ID+".tsr", pkgTimestamps+c.c.ID+".json"
		f := timestampFile{Subject: c.c.ID, SHA256: t.SHA256, Covers: "the capture record: record_id in captures/" + c.c.ID + "/record.json",
			TSA: t.TSA, GenTime: t.GenTime, Serial: t.Serial, Policy: t.Policy, Token: tsr,
			Verify: "openssl ts -verify -in " + tsr + " -digest " + t.SHA256 + " -CAfile TSA-CA.pem"}
		if err := p.addBytes(tsr, der); err != nil {
			return nil, err
		}
		if err := p.addJSON(js, f); err != nil {
			return nil, err
		}
		names = append(names, tsr, js)
	}
	return names, nil
}

// checkTimestamps checks the tokens in a package against what they timestamp: each .tsr must
// be a granted RFC 3161 response whose SHA-256 imprint is the record ID of its capture. Whether
// the TSA really signed it is for `openssl ts -verify` with the TSA's CA certificate.
func (v *pkgVerifier) checkTimestamps() {
	listed := map[string]bool{}
	if v.r.Manifest != nil {
		for _, name := range v.r.Manifest.Timestamps {
			listed[name] = true
			if v.files[name] == nil {
				v.r.problem(name, "is named in package.json but missing")
			}
		}
	}
	var names []string
	for name := range v.files {
		if strings.HasPrefix(name, pkgTimestamps) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		if v.r.Manifest != nil && !listed[name] {
			v.r.problem(name, "is not named in package.json's timestamps")
		}
		if strings.HasSuffix(name, ".tsr") {
			v.checkTimestamp(name)
		}
	}
}

func (v *pkgVerifier) checkTimestamp(name string) {
	id := strings.TrimSuffix(strings.TrimPrefix(name, pkgTimestamps), ".tsr")
	der, err := v.read(name, maxTSResponse)
	if err != nil {
		v.r.problem(name, "%v", err)
		return
	}
	tok, err := parseTSResponse(der)
	if err != nil {
		v.r.problem(name, "%v", err)
		return
	}
	imprint, err := tok.sha256Imprint()
	if err != nil {
		v.r.problem(name, "%v", err)
		return
	}
	got := hex.EncodeToString(imprint)
	rec := "captures/" + id + "/record.json"
	b, err := v.read(rec, 64<<20)
	if err != nil {
		v.r.problem(name, "timestamps capture %s, whose record is not in the package", id)
		return
	}
	var c struct {
		RecordID string `json:"record_id"`
	}
	if err := json.Unmarshal(b, &c); err != nil || c.RecordID == "" {
		v.r.problem(rec, "has no record_id for its timestamp to cover")
		return
	}
	if got != c.RecordID {
		v.r.problem(name, "covers %s, not the record of capture %s (%s): the token is for something else", got, id, c.RecordID)
	}
	js := pkgTimestamps + id + ".json"
	if b, err := v.read(js, 64<<10); err == nil {
		var f timestampFile
		if json.Unmarshal(b, &f) != nil || f.SHA256 != got {
			v.r.problem(js, "does not describe the token in %s", name)
		}
	}
}
