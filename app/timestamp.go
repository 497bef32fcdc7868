package app

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

// Trusted timestamps (RFC 3161). Every capture record, and every exported package, is queued
// for a timestamp when it is made; RequestTimestamps later asks the officer's timestamp
// authority (TSA) for a token for each queued digest. Queueing never touches the network, so a
// capture made offline or with no TSA configured is stamped when the TSA can next be reached.
//
// A request is a store record of kind "timestamp": version 1 is the pending request, version 2
// the answer, whose blob is the TSA's TimeStampResp, DER, unchanged. A request that fails stays
// pending; nothing in the queue is ever dropped.

// Timestamp states.
const (
	TimestampPending  = "pending"
	TimestampAnswered = "answered"
)

// tsaTimeout bounds one request to the TSA; maxTSResponse bounds its answer (a token with a
// certificate chain is a few kilobytes).
const (
	tsaTimeout    = 30 * time.Second
	maxTSResponse = 1 << 20
)

// Errors of timestamping.
var (
	ErrNoTSA          = errors.New("no timestamp authority is configured: set its URL with `intercepted timestamp --tsa URL`")
	ErrTSAUnreachable = errors.New("the timestamp authority could not be reached; the requests stay queued")
	ErrTSARefused     = errors.New("the timestamp authority refused the request")
	ErrTokenMismatch  = errors.New("the timestamp authority's token does not answer the request")
)

// TSAError is one request to a timestamp authority that brought no usable token.
type TSAError struct {
	URL     string
	Subject string
	Err     error
}

func (e *TSAError) Error() string {
	return fmt.Sprintf("timestamp of %s from %s: %v", e.Subject, e.URL, e.Err)
}

func (e *TSAError) Unwrap() error { return e.Err }

// TimestampBody is what a timestamp record holds.
type TimestampBody struct {
	Subject string    `json:"subject"` // a capture ID, or "package:<file>"
	SHA256  string    `json:"sha256"`  // the digest to timestamp: a capture's record ID, a package's hash
	Queued  time.Time `json:"queued"`
	State   string    `json:"state"` // TimestampPending or TimestampAnswered
	// Set once answered:
	TSA     string     `json:"tsa,omitempty"`
	GenTime time.Time  `json:"gen_time,omitzero"` // the time the TSA vouches for
	Serial  string     `json:"serial,omitempty"`  // the token's serial number, hex
	Policy  string     `json:"policy,omitempty"`  // the TSA policy OID the token was issued under
	Token   store.Hash `json:"token,omitzero"`    // the blob holding the TimeStampResp DER
}

// Timestamp is a timestamp request, pending or answered, as the store keeps it.
type Timestamp struct {
	ID      string `json:"id"`
	Version uint64 `json:"version"`
	TimestampBody
}

// TimestampFailure is a request that brought no token in a run; it stays pending.
type TimestampFailure struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
	Problem string `json:"problem"`
	Err     error  `json:"-"`
}

// TimestampRun says what one RequestTimestamps did.
type TimestampRun struct {
	TSA      string             `json:"tsa"`
	Queued   int                `json:"queued"`   // pending requests when the run began
	Answered int                `json:"answered"` // tokens received and stored
	Failed   int                `json:"failed"`   // asked, no usable token: still pending
	Skipped  int                `json:"skipped"`  // not asked, the TSA being unreachable: still pending
	Stamps   []Timestamp        `json:"stamps,omitempty"`
	Errors   []TimestampFailure `json:"errors,omitempty"`
}

// queueTimestamp puts a digest in the queue for a trusted timestamp. It only writes a record,
// so it is cheap enough for every capture and works with no TSA configured.
func (w *Workstation) queueTimestamp(ctx context.Context, subject, sha256hex string) error {
	nr, err := timestampRequest(subject, sha256hex)
	if err != nil {
		return err
	}
	_, err = w.st.Create(ctx, w.settings.Officer, nr)
	return err
}

// timestampRequest is the record that queues sha256hex of subject for a timestamp.
func timestampRequest(subject, sha256hex string) (store.NewRecord, error) {
	if _, err := store.ParseHash(sha256hex); err != nil {
		return store.NewRecord{}, err
	}
	details := map[string]string{"subject": subject, "sha256": sha256hex}
	var refs []string
	if isLineage(subject) {
		refs = []string{subject}
		if store.KindOf(subject) == store.KindCapture {
			details["capture"] = subject // so the entry travels with the capture's custody log
		}
	}
	body := TimestampBody{Subject: subject, SHA256: sha256hex, Queued: time.Now().UTC(), State: TimestampPending}
	return store.NewRecord{Kind: store.KindTimestamp, Refs: refs, Body: body, Details: details}, nil
}

// isLineage tells a record's ID from another subject, such as "package:case.zip".
func isLineage(subject string) bool {
	return subject != "" && !strings.Contains(subject, ":")
}

// SetTSA records the timestamp authority's URL in the settings; "" forgets it.
func (w *Workstation) SetTSA(ctx context.Context, tsa string) error {
	if tsa != "" {
		if err := checkTSAURL(tsa); err != nil {
			return err
		}
	}
	s := w.settings
	s.TSAURL = tsa
	return w.SaveSettings(ctx, s)
}

func checkTSAURL(tsa string) error {
	u, err := url.Parse(tsa)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: timestamp authority URL %q is not an http:// or https:// address", store.ErrInvalid, tsa)
	}
	return nil
}

// Timestamps lists the timestamp requests of a subject (a capture ID, or "package:<file>"),
// pending and answered, oldest first; subject "" lists them all.
func (w *Workstation) Timestamps(ctx context.Context, subject string) ([]Timestamp, error) {
	ref := ""
	if isLineage(subject) {
		ref = subject
	}
	recs, err := w.st.List(ctx, store.KindTimestamp, ref)
	if err != nil {
		return nil, err
	}
	out := make([]Timestamp, 0, len(recs))
	for _, r := range recs {
		t := Timestamp{ID: r.Lineage, Version: r.Version}
		if err := r.Decode(&t.TimestampBody); err != nil {
			return nil, err
		}
		if subject == "" || t.Subject == subject {
			out = append(out, t)
		}
	}
	return out, nil
}

// RequestTimestamps asks the configured TSA for a token for every pending request. A request
// that fails stays pending and is reported in the run; when the TSA cannot be reached at all
// the run stops and leaves the rest for next time. The error is for what stops the run before
// or beside the TSA: no TSA configured, the store, the context.
func (w *Workstation) RequestTimestamps(ctx context.Context) (TimestampRun, error) {
	run := TimestampRun{TSA: w.settings.TSAURL}
	all, err := w.Timestamps(ctx, "")
	if err != nil {
		return run, err
	}
	pending := slices.DeleteFunc(all, func(t Timestamp) bool { return t.State != TimestampPending })
	run.Queued = len(pending)
	if run.TSA == "" {
		return run, ErrNoTSA
	}
	if err := checkTSAURL(run.TSA); err != nil {
		return run, err
	}
	c := &http.Client{Timeout: tsaTimeout, CheckRedirect: sameHost}
	for i, t := range pending {
		got, err := w.requestTimestamp(ctx, c, run.TSA, t)
		var tsaErr *TSAError
		switch {
		case errors.As(err, &tsaErr):
			run.Failed++
			run.Errors = append(run.Errors, TimestampFailure{ID: t.ID, Subject: t.Subject, Problem: err.Error(), Err: err})
			if errors.Is(err, ErrTSAUnreachable) || ctx.Err() != nil {
				run.Skipped = len(pending) - i - 1
				return run, ctx.Err()
			}
		case err != nil:
			run.Skipped = len(pending) - i
			return run, err
		default:
			run.Answered++
			run.Stamps = append(run.Stamps, got)
		}
	}
	return run, nil
}

// requestTimestamp asks for one token and stores it. TSA failures come back as *TSAError;
// other errors are the store's.
func (w *Workstation) requestTimestamp(ctx context.Context, c *http.Client, tsa string, t Timestamp) (Timestamp, error) {
	digest, err := hex.DecodeString(t.SHA256)
	if err != nil {
		return t, err
	}
	q, err := newTSQuery(digest)
	if err != nil {
		return t, err
	}
	der, err := postTSQuery(ctx, c, tsa, q.der)
	var tok tsToken
	if err == nil {
		tok, err = parseTSResponse(der)
	}
	if err == nil {
		err = tok.matches(q)
	}
	if err != nil {
		return t, &TSAError{URL: tsa, Subject: t.Subject, Err: err}
	}
	ref, err := w.st.PutBlobBytes(ctx, der)
	if err != nil {
		return t, err
	}
	b := t.TimestampBody
	b.State, b.TSA, b.GenTime, b.Token = TimestampAnswered, tsa, tok.info.GenTime.UTC(), ref.ID
	b.Serial, b.Policy = tok.info.SerialNumber.Text(16), tok.info.Policy.String()
	rec, err := w.st.Update(ctx, w.settings.Officer, t.ID, b, []store.Hash{ref.ID})
	if err != nil {
		return t, err
	}
	return Timestamp{ID: rec.Lineage, Version: rec.Version, TimestampBody: b}, nil
}

// postTSQuery sends a query by the HTTP transport of RFC 3161 §3.4 and returns the answer.
// A server error counts as unreachable (try again later), a client error as a refusal.
// sameHost follows a TSA's redirect only on its own host (http to https, another path), never
// from https down to http: the workstation sends nothing to a host the officer did not set.
func sameHost(req *http.Request, via []*http.Request) error {
	if len(via) >= 5 {
		return errors.New("too many redirects")
	}
	if req.URL.Host != via[0].URL.Host {
		return fmt.Errorf("the TSA redirects to %s, another host: not followed", req.URL.Host)
	}
	if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
		return errors.New("the TSA redirects from https to plain http: not followed")
	}
	return nil
}

func postTSQuery(ctx context.Context, c *http.Client, tsa string, query []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tsa, bytes.NewReader(query))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/timestamp-query")
	req.Header.Set("Accept", "application/timestamp-reply")
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTSAUnreachable, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxTSResponse+1))
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w: reading the answer: %v", ErrTSAUnreachable, err)
	case resp.StatusCode >= 500:
		return nil, fmt.Errorf("%w: HTTP %s", ErrTSAUnreachable, resp.Status)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%w: HTTP %s", ErrTSARefused, resp.Status)
	case len(b) > maxTSResponse:
		return nil, fmt.Errorf("%w: the answer is over %d bytes", errTokenFormat, maxTSResponse)
	}
	return b, nil
}
