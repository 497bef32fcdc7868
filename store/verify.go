package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// VerifyMode says how deep Verify reads.
type VerifyMode string

const (
	// VerifyQuick checks the custody chain and its signature, every record's hash and every
	// reference, and that every chunk a blob needs is present; it does not read blob bytes.
	VerifyQuick VerifyMode = "quick"
	// VerifyFull also re-reads and re-hashes every byte of every blob.
	VerifyFull VerifyMode = "full"
)

// Finding is one problem Verify found: what is damaged and how.
type Finding struct {
	Kind    string `json:"kind"`    // log, head, record, version, reference, blob
	Subject string `json:"subject"` // the entry's sequence number, the record's hash or lineage, the blob's hash
	Problem string `json:"problem"`
}

func (f Finding) String() string { return fmt.Sprintf("%s %s: %s", f.Kind, f.Subject, f.Problem) }

// VerifyProgress says how far Verify has come in its current phase.
type VerifyProgress struct {
	Phase string `json:"phase"` // log, records, versions, references, blobs
	Done  int64  `json:"done"`
	Total int64  `json:"total"` // items, or bytes in the blobs phase (an estimate)
}

// Reporter receives findings and progress while Verify runs, from Verify's goroutine; nil
// means the caller wants the summary only.
type Reporter interface {
	Finding(Finding)
	Progress(VerifyProgress)
}

// quietReporter is the Reporter of a caller that wants the summary only.
type quietReporter struct{}

func (quietReporter) Finding(Finding)         {}
func (quietReporter) Progress(VerifyProgress) {}

// VerifySummary is the outcome of one Verify.
type VerifySummary struct {
	OK         bool       `json:"ok"`
	Mode       VerifyMode `json:"mode"`
	LogEntries int64      `json:"log_entries"`
	Records    int64      `json:"records"`
	Blobs      int64      `json:"blobs"`
	BlobBytes  int64      `json:"blob_bytes"`
	Findings   int        `json:"findings"`
	Started    time.Time  `json:"started"`
	Finished   time.Time  `json:"finished"`
}

type verifier struct {
	s    *Store
	tx   *badger.Txn
	ctx  context.Context
	rep  Reporter
	mode VerifyMode
	sum  VerifySummary
	// the head written beside the database (anchorFile), read before the snapshot
	anchor   Head
	anchored bool
}

func (v *verifier) find(kind, subject, format string, args ...any) {
	v.sum.Findings++
	v.rep.Finding(Finding{Kind: kind, Subject: subject, Problem: fmt.Sprintf(format, args...)})
}

// Verify checks the whole store and streams what it finds to rep. The returned error is for a
// verification that could not run (cancelled, store closed); damage is reported as findings and
// in the summary. The verification itself is written to the custody log as actor.
func (s *Store) Verify(ctx context.Context, mode VerifyMode, actor string, rep Reporter) (VerifySummary, error) {
	if err := s.checkOpen(); err != nil {
		return VerifySummary{}, err
	}
	if mode != VerifyFull {
		mode = VerifyQuick
	}
	if rep == nil {
		rep = quietReporter{}
	}
	v := &verifier{s: s, ctx: ctx, rep: rep, mode: mode, sum: VerifySummary{Mode: mode, Started: s.opts.Now().UTC()}}
	// the anchor before the snapshot: written after each commit, it can then name no entry the
	// snapshot lacks, whatever is written meanwhile
	v.anchor, v.anchored = s.readAnchor()
	err := s.view(func(tx *badger.Txn) error {
		v.tx = tx
		for _, phase := range []func() error{v.log, v.records, v.versions, v.references, v.blobs} {
			if err := phase(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return v.sum, err
	}
	v.sum.Finished = s.opts.Now().UTC()
	v.sum.OK = v.sum.Findings == 0
	_, err = s.LogAction(ctx, Action{Actor: actor, Verb: ActVerify, Subject: s.WorkstationID(), Details: map[string]string{
		"mode": string(mode), "ok": strconv.FormatBool(v.sum.OK), "findings": strconv.Itoa(v.sum.Findings),
		"records": strconv.FormatInt(v.sum.Records, 10), "blobs": strconv.FormatInt(v.sum.Blobs, 10),
	}})
	return v.sum, err
}

// each iterates over one key prefix, reporting progress every so often.
func (v *verifier) each(phase string, pfx []byte, total int64, values bool, fn func(*badger.Item) error) error {
	it := v.tx.NewIterator(badger.IteratorOptions{Prefix: pfx, PrefetchValues: values, PrefetchSize: 64})
	defer it.Close()
	var n int64
	v.rep.Progress(VerifyProgress{Phase: phase, Total: total})
	for it.Rewind(); it.Valid(); it.Next() {
		if err := v.ctx.Err(); err != nil {
			return err
		}
		if err := fn(it.Item()); err != nil {
			return err
		}
		if n++; n%256 == 0 {
			v.rep.Progress(VerifyProgress{Phase: phase, Done: n, Total: max(total, n)})
		}
	}
	v.rep.Progress(VerifyProgress{Phase: phase, Done: n, Total: max(total, n)})
	return nil
}

func (v *verifier) count(pfx []byte) (n, size int64) {
	it := v.tx.NewIterator(badger.IteratorOptions{Prefix: pfx})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		n++
		size += it.Item().ValueSize()
	}
	return n, size
}

func (v *verifier) log() error {
	head, err := readHead(v.tx)
	if err != nil {
		v.find("head", "custody log", "head unreadable: %v", err)
	}
	anchor, anchored := v.anchor, v.anchored
	var anchorHash Hash // of the entry the anchor names, as the log holds it
	var last Entry
	err = v.each("log", pfxLog, int64(head.Seq), true, func(it *badger.Item) error {
		v.sum.LogEntries++
		keySeq := binary.BigEndian.Uint64(it.Key()[len(pfxLog):])
		subject := strconv.FormatUint(keySeq, 10)
		var e Entry
		if err := it.Value(func(b []byte) error { return json.Unmarshal(b, &e) }); err != nil {
			v.find("log", subject, "entry unreadable: %v", err)
			last = Entry{Seq: keySeq}
			return nil
		}
		switch {
		case e.Seq != keySeq:
			v.find("log", subject, "entry says it is number %d: entries were moved or reordered", e.Seq)
		case keySeq != last.Seq+1:
			v.find("log", subject, "entries %d to %d are missing: the chain was cut", last.Seq+1, keySeq-1)
		case e.Prev != last.Hash:
			v.find("log", subject, "does not chain to entry %d (previous hash differs): entries were altered, removed or reordered", last.Seq)
		}
		if !e.HashOK() {
			v.find("log", subject, "entry was altered: its content does not match its hash")
		}
		if anchored && keySeq == anchor.Seq {
			anchorHash = e.Hash
		}
		last = e
		return nil
	})
	if err != nil {
		return err
	}
	switch {
	case head.Seq != last.Seq || head.Hash != last.Hash:
		v.find("head", "custody log", "signed head names entry %d but the log ends at entry %d: entries were removed or added", head.Seq, last.Seq)
	case !VerifyHead(v.s.PublicKey(), head):
		v.find("head", "custody log", "the head's signature is not valid for this workstation's key")
	}
	for name, h := range v.s.rolledBack() {
		if VerifyHead(v.s.PublicKey(), h) {
			v.find("head", "custody log", "entry %d was written and signed (%s), but the database no longer held it when the store was next opened: it was rolled back or rewritten, and the entries up to %d are lost",
				h.Seq, name, h.Seq)
		}
	}
	switch {
	case !anchored:
	case !VerifyHead(v.s.PublicKey(), anchor):
		v.find("head", anchorFile, "is not signed by this workstation's key")
	case anchor.Seq > last.Seq:
		v.find("head", "custody log", "the log ends at entry %d, but entry %d was written and signed (%s): the database was rolled back, and entries %d to %d are lost",
			last.Seq, anchor.Seq, anchorFile, last.Seq+1, anchor.Seq)
	case anchorHash != anchor.Hash:
		v.find("head", "custody log", "entry %d is not the entry that was written as number %d (%s names another): the log was rewritten", anchor.Seq, anchor.Seq, anchorFile)
	}
	return nil
}

func (v *verifier) records() error {
	total, _ := v.count(pfxRecord)
	return v.each("records", pfxRecord, total, true, func(it *badger.Item) error {
		v.sum.Records++
		id := Hash(it.Key()[len(pfxRecord):])
		var rec Record
		err := it.Value(func(b []byte) error {
			if Sum(b) != id {
				return errors.New("record was altered: its content does not match its hash")
			}
			return json.Unmarshal(b, &rec)
		})
		if err != nil {
			v.find("record", id.String(), "%v", err)
			return nil
		}
		v.recordRefs(id, rec)
		return nil
	})
}

func (v *verifier) exists(key []byte) bool {
	_, err := v.tx.Get(key)
	return err == nil
}

func (v *verifier) recordRefs(id Hash, rec Record) {
	subject := rec.Lineage + " v" + strconv.FormatUint(rec.Version, 10)
	for _, b := range rec.Blobs {
		if !v.exists(hashKey(pfxBlob, b)) {
			v.find("reference", subject, "blob %s is missing", b)
		}
	}
	for _, ref := range rec.Refs {
		if !v.exists(versionKey(ref, 1)) {
			v.find("reference", subject, "referenced %s is missing", ref)
		}
	}
	if rec.Version > 1 && !v.exists(hashKey(pfxRecord, rec.Prev)) {
		v.find("reference", subject, "previous version %s is missing", rec.Prev.Short())
	}
	it, err := v.tx.Get(versionKey(rec.Lineage, rec.Version))
	if err != nil {
		v.find("version", subject, "not in the version index")
		return
	}
	if idx, err := it.ValueCopy(nil); err != nil || !bytes.Equal(idx, id[:]) {
		v.find("version", subject, "version index points to another record")
	}
}

func (v *verifier) versions() error {
	total, _ := v.count(pfxVersion)
	var lineage string
	var want uint64
	return v.each("versions", pfxVersion, total, true, func(it *badger.Item) error {
		l, ver := splitVersionKey(it.Key())
		if l == "" {
			v.find("version", fmt.Sprintf("%q", it.Key()), "malformed version key")
			return nil
		}
		if l != lineage {
			lineage, want = l, 1
		}
		subject := l + " v" + strconv.FormatUint(ver, 10)
		if ver != want {
			v.find("version", subject, "versions %d to %d are missing", want, ver-1)
		}
		want = ver + 1
		val, err := it.ValueCopy(nil)
		if err != nil || len(val) != len(Hash{}) {
			v.find("version", subject, "index entry unreadable (%v)", err)
			return nil
		}
		if !v.exists(hashKey(pfxRecord, Hash(val))) {
			v.find("version", subject, "record %s is missing", Hash(val).Short())
		}
		return nil
	})
}

func (v *verifier) references() error {
	total, _ := v.count(pfxRefIdx)
	return v.each("references", pfxRefIdx, total, false, func(it *badger.Item) error {
		ref, lineage, ok := bytes.Cut(it.Key()[len(pfxRefIdx):], []byte("/"))
		if !ok || !v.exists(versionKey(string(ref), 1)) || !v.exists(versionKey(string(lineage), 1)) {
			v.find("reference", string(it.Key()[len(pfxRefIdx):]), "index names a record that does not exist")
		}
		return nil
	})
}

func (v *verifier) blobs() error {
	total, size := v.count(pfxBlob)
	if v.mode == VerifyFull {
		_, csize := v.count(pfxChunk)
		total = size + csize
	}
	var done int64
	return v.each("blobs", pfxBlob, total, false, func(it *badger.Item) error {
		v.sum.Blobs++
		id := Hash(it.Key()[len(pfxBlob):])
		n, problem := v.blob(id, it)
		if problem != "" && v.mode == VerifyFull {
			n, problem = v.blob(id, it) // read once more before calling it corrupt
		}
		if problem != "" {
			v.find("blob", id.String(), "%s", problem)
		}
		v.sum.BlobBytes += n
		if v.mode == VerifyFull {
			done += n
			v.rep.Progress(VerifyProgress{Phase: "blobs", Done: done, Total: max(total, done)})
		}
		return nil
	})
}

// blob checks one blob and returns the bytes it read and what is wrong, if anything.
func (v *verifier) blob(id Hash, it *badger.Item) (int64, string) {
	val, err := it.ValueCopy(nil)
	if err != nil {
		return 0, fmt.Sprintf("unreadable: %v", err)
	}
	br, err := newBlobReader(v.s, id, val)
	if err != nil {
		return 0, "manifest is damaged"
	}
	if v.mode == VerifyQuick {
		for _, c := range br.chunks {
			if !v.exists(hashKey(pfxChunk, c)) {
				return 0, fmt.Sprintf("chunk %s is missing", c)
			}
		}
		return 0, ""
	}
	h := sha256.New()
	var n int64
	if br.chunks == nil {
		h.Write(val[1:])
		n = int64(len(val) - 1)
	}
	for _, c := range br.chunks {
		if err := v.ctx.Err(); err != nil {
			return n, ""
		}
		ci, err := v.tx.Get(hashKey(pfxChunk, c))
		if err != nil {
			return n, fmt.Sprintf("chunk %s is missing", c)
		}
		var got int
		if err := ci.Value(func(b []byte) error { h.Write(b); got = len(b); return nil }); err != nil {
			return n, fmt.Sprintf("chunk %s unreadable: %v", c, err)
		}
		if n += int64(got); got == 0 && ci.ValueSize() > 0 {
			// Badger hands back no bytes, and no error, for a value whose value-log file is gone
			return n, fmt.Sprintf("chunk %s unreadable: its bytes are missing (the value log holding them is damaged or gone)", c)
		}
	}
	switch {
	case n != br.size:
		return n, fmt.Sprintf("has %d bytes, its manifest says %d", n, br.size)
	case Hash(h.Sum(nil)) != id:
		return n, "content does not match its SHA-256: the blob was altered"
	}
	return n, ""
}
