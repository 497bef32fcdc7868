package store

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// Custody-log actions.
const (
	ActInit    = "init"
	ActCreate  = "create"
	ActUpdate  = "update"
	ActDelete  = "delete"
	ActCapture = "capture"
	ActView    = "view"
	ActNote    = "note"
	ActTag     = "tag"
	ActExport  = "export"
	ActImport  = "import"
	ActVerify  = "verify"
	ActPasswd  = "passwd"
)

// Action is what a caller asks to be logged with a change.
type Action struct {
	Actor   string
	Verb    string
	Subject string
	Details map[string]string
}

// Entry is one link of the custody log. Hash is the SHA-256 of the entry's JSON with Hash
// zeroed; Prev is the Hash of the entry before it (zero for the first).
type Entry struct {
	Seq     uint64            `json:"seq"`
	Time    time.Time         `json:"time"`
	Actor   string            `json:"actor"`
	Action  string            `json:"action"`
	Subject string            `json:"subject"`
	Details map[string]string `json:"details,omitempty"`
	Prev    Hash              `json:"prev"`
	Hash    Hash              `json:"hash"`
}

// ComputeHash returns the hash the entry should carry.
func (e Entry) ComputeHash() Hash {
	e.Hash = Hash{}
	b, _ := json.Marshal(e) // a struct of strings, times and maps always marshals
	return Sum(b)
}

// HashOK reports whether e.Hash is e's hash. Entries are written with their text made valid
// UTF-8 first (appendLog); one written before that, with bytes that were not UTF-8, was hashed
// with each of them as the JSON escape \ufffd, and reads back with U+FFFD itself, so that
// form is accepted too.
func (e Entry) HashOK() bool {
	if e.ComputeHash() == e.Hash {
		return true
	}
	want := e.Hash
	e.Hash = Hash{}
	b, _ := json.Marshal(e)
	if !bytes.Contains(b, []byte("\uFFFD")) {
		return false
	}
	return Sum(bytes.ReplaceAll(b, []byte("\uFFFD"), []byte(`\ufffd`))) == want
}

// Head is the signed head of the custody log: the last entry's sequence and hash.
type Head struct {
	Seq       uint64 `json:"seq"`
	Hash      Hash   `json:"hash"`
	Signature []byte `json:"signature"`
}

func validUTF8(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }

// HeadMessage is what a head's signature signs: the entry's number and hash.
func HeadMessage(seq uint64, h Hash) []byte {
	return fmt.Appendf(nil, "intercepted custody-log head v1\n%d\n%s\n", seq, h)
}

// VerifyHead checks a head's signature against a workstation public key.
func VerifyHead(pub ed25519.PublicKey, h Head) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, HeadMessage(h.Seq, h.Hash), h.Signature)
}

// write runs fn and appends act to the custody log in one synced transaction.
func (s *Store) write(ctx context.Context, act Action, fn func(*badger.Txn) error) error {
	_, err := s.writeEntry(ctx, act, fn)
	return err
}

func (s *Store) writeEntry(ctx context.Context, act Action, fn func(*badger.Txn) error) (Entry, error) {
	var e Entry
	err := s.writeTx(ctx, act, func(tx *badger.Txn, log func(Action) (Entry, error)) error {
		if fn != nil {
			if err := fn(tx); err != nil {
				return err
			}
		}
		var err error
		e, err = log(act)
		return err
	})
	return e, err
}

// writeTx runs fn in one synced transaction; fn writes through tx and appends custody-log
// entries, one or more, through log. first is checked before anything is written.
func (s *Store) writeTx(ctx context.Context, first Action, fn func(tx *badger.Txn, log func(Action) (Entry, error)) error) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := checkAction(first); err != nil {
		return err
	}
	if err := s.checkSpace(1 << 20); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.checkOpen(); err != nil {
		return err
	}
	var last Entry
	logged := false
	err := s.db.Update(func(tx *badger.Txn) error {
		err := fn(tx, func(act Action) (Entry, error) {
			if err := checkAction(act); err != nil {
				return Entry{}, err
			}
			e, err := s.appendLog(tx, act)
			if err == nil {
				last, logged = e, true
			}
			return e, err
		})
		if err == nil && !logged {
			err = errors.New("store: a write without a custody-log entry") // a bug of ours: nothing is stored
		}
		return err
	})
	if err == nil {
		s.writeAnchor(last)
	}
	return err
}

func checkAction(act Action) error {
	if act.Actor == "" || act.Verb == "" {
		return fmt.Errorf("%w: a custody-log entry needs an actor and an action", ErrInvalid)
	}
	return nil
}

// anchorFile holds the custody log's signed head outside the database as well. A database
// rolled back to an earlier state of its own (a damaged write-ahead log cut short, an old copy
// put back) is consistent in itself; the anchor, written after each entry, still names the
// last entry that was written, and verify compares the two. It is written without a sync, so
// after a power cut it may name an earlier entry, never a later one; one that cannot be read
// is passed over.
const anchorFile = "head.json"

func (s *Store) writeAnchor(e Entry) {
	b, _ := json.Marshal(Head{Seq: e.Seq, Hash: e.Hash, Signature: ed25519.Sign(s.signKey, HeadMessage(e.Seq, e.Hash))})
	tmp := filepath.Join(s.opts.Dir, anchorFile+".tmp")
	if os.WriteFile(tmp, b, 0o600) == nil {
		os.Rename(tmp, filepath.Join(s.opts.Dir, anchorFile))
	}
}

// keepRollback looks, as the store opens, whether the database holds the entry the anchor
// names. If it does not (rolled back, or rewritten), the anchor is kept as
// head.rolled-back-<time>.json, which verify reports from then on, so that the entries written
// after it cannot hide what was lost.
func (s *Store) keepRollback() {
	a, ok := s.readAnchor()
	if !ok {
		return
	}
	// only an entry that is not there, or another entry in its place, is a rollback; a read
	// that fails is left to verify to report as what it is
	var lost bool
	s.view(func(tx *badger.Txn) error {
		it, err := tx.Get(logKey(a.Seq))
		if errors.Is(err, badger.ErrKeyNotFound) {
			lost = true
		}
		if err != nil {
			return err
		}
		return it.Value(func(b []byte) error {
			var e Entry
			lost = json.Unmarshal(b, &e) == nil && e.Hash != a.Hash
			return nil
		})
	})
	if lost {
		os.Rename(filepath.Join(s.opts.Dir, anchorFile),
			filepath.Join(s.opts.Dir, fmt.Sprintf("head.rolled-back-%s.json", s.opts.Now().UTC().Format("20060102T150405.000000000Z"))))
	}
}

// rolledBack returns the anchors keepRollback kept.
func (s *Store) rolledBack() map[string]Head {
	files, _ := filepath.Glob(filepath.Join(s.opts.Dir, "head.rolled-back-*.json"))
	out := map[string]Head{}
	for _, f := range files {
		var h Head
		if b, err := os.ReadFile(f); err == nil && json.Unmarshal(b, &h) == nil {
			out[filepath.Base(f)] = h
		}
	}
	return out
}

// readAnchor returns the head in anchorFile, if there is one that reads.
func (s *Store) readAnchor() (Head, bool) {
	b, err := os.ReadFile(filepath.Join(s.opts.Dir, anchorFile))
	var h Head
	return h, err == nil && json.Unmarshal(b, &h) == nil && h.Seq > 0
}

func (s *Store) appendLog(tx *badger.Txn, act Action) (Entry, error) {
	head, err := readHead(tx)
	if err != nil {
		return Entry{}, err
	}
	// text that is not UTF-8 (a Latin-1 name, a URL list in Windows-1252) is kept as U+FFFD
	// here, so that the entry reads back as it was hashed
	e := Entry{Seq: head.Seq + 1, Time: s.opts.Now().UTC(), Actor: validUTF8(act.Actor), Action: validUTF8(act.Verb),
		Subject: validUTF8(act.Subject), Prev: head.Hash}
	if act.Details != nil {
		e.Details = make(map[string]string, len(act.Details))
		for k, v := range act.Details {
			e.Details[validUTF8(k)] = validUTF8(v)
		}
	}
	e.Hash = e.ComputeHash()
	b, err := json.Marshal(e)
	if err != nil {
		return Entry{}, err
	}
	if err := tx.Set(logKey(e.Seq), b); err != nil {
		return Entry{}, err
	}
	if err := tx.Set(actionKey(e.Action), binary.BigEndian.AppendUint64(nil, e.Seq)); err != nil {
		return Entry{}, err
	}
	nh := Head{Seq: e.Seq, Hash: e.Hash, Signature: ed25519.Sign(s.signKey, HeadMessage(e.Seq, e.Hash))}
	hb, err := json.Marshal(nh)
	if err != nil {
		return Entry{}, err
	}
	return e, tx.Set(keyLogHead, hb)
}

func readHead(tx *badger.Txn) (Head, error) {
	var h Head
	it, err := tx.Get(keyLogHead)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return h, nil
	}
	if err != nil {
		return h, err
	}
	err = it.Value(func(v []byte) error { return json.Unmarshal(v, &h) })
	return h, err
}

// indexActions builds the index of the newest entry per action for a store made before it
// existed: one pass over the log, once.
func (s *Store) indexActions() error {
	if _, err := s.get(keyActionIdx); err == nil {
		return nil
	}
	newest := map[string]uint64{}
	err := s.Log(context.Background(), LogFilter{}, func(e Entry) error { newest[e.Action] = e.Seq; return nil })
	if err != nil {
		return err
	}
	return s.db.Update(func(tx *badger.Txn) error {
		for a, seq := range newest {
			if err := tx.Set(actionKey(a), binary.BigEndian.AppendUint64(nil, seq)); err != nil {
				return err
			}
		}
		return tx.Set(keyActionIdx, []byte{1})
	})
}

// LastEntry returns the newest custody-log entry of an action ("the last verify"), found
// through a small index rather than by reading the log; ok is false when there is none.
func (s *Store) LastEntry(action string) (e Entry, ok bool, err error) {
	if err := s.checkOpen(); err != nil {
		return e, false, err
	}
	err = s.view(func(tx *badger.Txn) error {
		it, err := tx.Get(actionKey(action))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		seqb, err := it.ValueCopy(nil)
		if err != nil || len(seqb) != 8 {
			return fmt.Errorf("custody-log index of %q damaged: %v", action, err)
		}
		item, err := tx.Get(logKey(binary.BigEndian.Uint64(seqb)))
		if err != nil {
			return fmt.Errorf("custody-log index of %q points at a missing entry: %w", action, err)
		}
		if err := item.Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
			return err
		}
		if e.Action != action {
			return fmt.Errorf("custody-log index of %q points at a %q entry", action, e.Action)
		}
		ok = true
		return nil
	})
	return e, ok, err
}

// LogHead returns the signed head of the custody log.
func (s *Store) LogHead() (Head, error) {
	var h Head
	err := s.view(func(tx *badger.Txn) error {
		var err error
		h, err = readHead(tx)
		return err
	})
	return h, err
}

// PublicKey is the workstation's Ed25519 public key, which signs the log head and exports.
func (s *Store) PublicKey() ed25519.PublicKey { return s.signKey.Public().(ed25519.PublicKey) }

// Sign signs msg with the workstation key.
func (s *Store) Sign(msg []byte) []byte { return ed25519.Sign(s.signKey, msg) }

// WorkstationID is a short, stable name for this store's key: "ws-" and 16 hex digits of the
// SHA-256 of the public key.
func (s *Store) WorkstationID() string { return WorkstationIDOf(s.PublicKey()) }

// WorkstationIDOf is the WorkstationID of the store whose public key is pub: what a package's
// or a partner's workstation name must be for its key.
func WorkstationIDOf(pub ed25519.PublicKey) string {
	h := Sum(pub)
	return "ws-" + h.String()[:16]
}

// LogFilter selects custody-log entries. Zero fields match everything.
type LogFilter struct {
	Actor   string
	Action  string
	Subject string // prefix
	Since   time.Time
	Until   time.Time
	FromSeq uint64
	Limit   int
	// Newest lists from the newest entry back (FromSeq is then ignored): "the last verify"
	// with Limit 1 reads a few entries, not the whole log.
	Newest bool
}

func (f LogFilter) match(e Entry) bool {
	return (f.Actor == "" || e.Actor == f.Actor) &&
		(f.Action == "" || e.Action == f.Action) &&
		(f.Subject == "" || strings.HasPrefix(e.Subject, f.Subject)) &&
		(f.Since.IsZero() || !e.Time.Before(f.Since)) &&
		(f.Until.IsZero() || e.Time.Before(f.Until))
}

// Log calls fn for each matching entry in sequence order (newest first with f.Newest).
func (s *Store) Log(ctx context.Context, f LogFilter, fn func(Entry) error) error {
	if err := s.checkOpen(); err != nil {
		return err
	}
	n := 0
	return s.view(func(tx *badger.Txn) error {
		it := tx.NewIterator(badger.IteratorOptions{Prefix: pfxLog, PrefetchValues: true, PrefetchSize: 100, Reverse: f.Newest})
		defer it.Close()
		start := logKey(max(f.FromSeq, 1))
		if f.Newest {
			start = logKey(math.MaxUint64)
		}
		for it.Seek(start); it.Valid(); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var e Entry
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
				return fmt.Errorf("custody-log entry %d unreadable: %w", binary.BigEndian.Uint64(it.Item().Key()[1:]), err)
			}
			if !f.match(e) {
				continue
			}
			if err := fn(e); err != nil {
				return err
			}
			if n++; f.Limit > 0 && n >= f.Limit {
				return nil
			}
		}
		return nil
	})
}

// LogAction appends an entry that changes nothing else (a view, an export).
func (s *Store) LogAction(ctx context.Context, act Action) (Entry, error) {
	return s.writeEntry(ctx, act, nil)
}
