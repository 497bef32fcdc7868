package store

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// Kind is what a record is.
type Kind string

// Record kinds.
const (
	KindCase      Kind = "case"
	KindSettings  Kind = "settings"
	KindCapture   Kind = "capture"
	KindNote      Kind = "note"
	KindTag       Kind = "tag"
	KindAnalysis  Kind = "analysis"
	KindCheck     Kind = "check"     // a quick check the officer chose to keep
	KindKey       Kind = "key"       // a partner workstation's public key the officer accepted
	KindTimestamp Kind = "timestamp" // an RFC 3161 timestamp request and, once answered, its token
)

// Record is one write-once version of a lineage. ID is the SHA-256 of its stored JSON.
type Record struct {
	ID      Hash            `json:"-"`
	Kind    Kind            `json:"kind"`
	Lineage string          `json:"lineage"`
	Version uint64          `json:"version"`
	Prev    Hash            `json:"prev,omitzero"`
	Created time.Time       `json:"created"`
	Actor   string          `json:"actor"`
	Deleted bool            `json:"deleted,omitempty"`
	Refs    []string        `json:"refs,omitempty"`
	Blobs   []Hash          `json:"blobs,omitempty"`
	Body    json.RawMessage `json:"body,omitempty"`
}

// Decode unmarshals the record's body into v.
func (r Record) Decode(v any) error {
	if err := json.Unmarshal(r.Body, v); err != nil {
		return &RecordError{Lineage: r.Lineage, ID: r.ID, Err: fmt.Errorf("body unreadable: %w", err)}
	}
	return nil
}

// NewRecord is what a caller supplies for a new lineage.
type NewRecord struct {
	Kind  Kind
	Refs  []string // lineages this one belongs to or mentions, e.g. its case; they must exist
	Blobs []Hash   // blobs it references; they must already be stored
	Body  any      // marshalled to JSON
	// Details are added to the custody-log entry.
	Details map[string]string
	// Verb is the custody-log action; defaults to "create".
	Verb string
}

func validKind(k Kind) bool {
	return k != "" && !strings.ContainsAny(string(k), "/-") && len(k) < 32
}

// newLineage names a new lineage: its kind, then 11 hex digits of Unix milliseconds and 5 random
// ones, so that lineages of a kind list in creation order.
func newLineage(k Kind, now time.Time) (string, error) {
	b := make([]byte, 3)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s-%011x%s", k, now.UnixMilli(), hex.EncodeToString(b)[:5]), nil
}

// KindOf returns the kind a lineage ID names.
func KindOf(lineage string) Kind {
	k, _, _ := strings.Cut(lineage, "-")
	return Kind(k)
}

// Create stores version 1 of a new lineage, logged as one custody-log entry.
func (s *Store) Create(ctx context.Context, actor string, nr NewRecord) (Record, error) {
	rec, act, err := s.newLineageRecord(actor, nr)
	if err != nil {
		return Record{}, err
	}
	return s.putVersion(ctx, act, rec, nil)
}

// CreateLinked stores version 1 of a new lineage as Create does and, in the same synced
// transaction, the new lineages linked returns for it (given the record as stored; they may
// refer to it), each logged as a custody-log entry of its own after the first one's. Either all
// are stored or none is: a capture is never stored without its timestamp request, say.
func (s *Store) CreateLinked(ctx context.Context, actor string, nr NewRecord, linked func(Record) ([]NewRecord, error)) ([]Record, error) {
	rec, act, err := s.newLineageRecord(actor, nr)
	if err != nil {
		return nil, err
	}
	var out []Record
	err = s.writeTx(ctx, act, func(tx *badger.Txn, log func(Action) (Entry, error)) error {
		out = out[:0]
		first, err := s.putRecordTx(tx, rec)
		if err != nil {
			return err
		}
		if _, err := log(act); err != nil {
			return err
		}
		out = append(out, first)
		more, err := linked(first)
		if err != nil {
			return err
		}
		for _, m := range more {
			r, a, err := s.newLineageRecord(actor, m)
			if err != nil {
				return err
			}
			if r, err = s.putRecordTx(tx, r); err != nil {
				return err
			}
			if _, err := log(a); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// newLineageRecord makes version 1 of a new lineage from nr, and its custody-log action.
func (s *Store) newLineageRecord(actor string, nr NewRecord) (Record, Action, error) {
	if !validKind(nr.Kind) {
		return Record{}, Action{}, fmt.Errorf("%w: record kind %q", ErrInvalid, nr.Kind)
	}
	lineage, err := newLineage(nr.Kind, s.lineageTime())
	if err != nil {
		return Record{}, Action{}, err
	}
	body, err := json.Marshal(nr.Body)
	if err != nil {
		return Record{}, Action{}, fmt.Errorf("%w: body: %v", ErrInvalid, err)
	}
	rec := Record{Kind: nr.Kind, Lineage: lineage, Version: 1, Created: s.opts.Now().UTC(), Actor: actor,
		Refs: nr.Refs, Blobs: nr.Blobs, Body: body}
	verb := nr.Verb
	if verb == "" {
		verb = ActCreate
	}
	return rec, Action{Actor: actor, Verb: verb, Subject: lineage, Details: nr.Details}, nil
}

// Update stores a new version of lineage with a new body (and blobs, if given), pointing at the
// current head. The old version stays readable.
func (s *Store) Update(ctx context.Context, actor, lineage string, body any, blobs []Hash) (Record, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return Record{}, fmt.Errorf("%w: body: %v", ErrInvalid, err)
	}
	return s.putVersion(ctx, Action{Actor: actor, Verb: ActUpdate, Subject: lineage}, Record{Lineage: lineage, Body: b, Blobs: blobs},
		func(head Record, rec *Record) {
			if rec.Blobs == nil {
				rec.Blobs = head.Blobs
			}
		})
}

// Delete stores a tombstone as the newest version of lineage. Nothing is removed: every earlier
// version stays readable through History, and the deletion is in the custody log.
func (s *Store) Delete(ctx context.Context, actor, lineage, reason string) (Record, error) {
	b, _ := json.Marshal(map[string]string{"reason": reason})
	return s.putVersion(ctx, Action{Actor: actor, Verb: ActDelete, Subject: lineage, Details: map[string]string{"reason": reason}},
		Record{Lineage: lineage, Body: b, Deleted: true}, nil)
}

// putVersion writes rec as version 1 (when rec.Version is 1) or as the successor of the current
// head, filling Kind, Version, Prev and Refs from the head.
func (s *Store) putVersion(ctx context.Context, act Action, rec Record, adjust func(head Record, rec *Record)) (Record, error) {
	var out Record
	err := s.write(ctx, act, func(tx *badger.Txn) error {
		if rec.Version != 1 {
			head, err := headIn(tx, rec.Lineage)
			if err != nil {
				return err
			}
			if head.Deleted {
				return &RecordError{Lineage: rec.Lineage, Err: ErrDeleted}
			}
			rec.Kind, rec.Version, rec.Prev, rec.Refs = head.Kind, head.Version+1, head.ID, head.Refs
			rec.Created, rec.Actor = s.opts.Now().UTC(), act.Actor
			if adjust != nil {
				adjust(head, &rec)
			}
		}
		var err error
		out, err = s.putRecordTx(tx, rec)
		return err
	})
	return out, err
}

func (s *Store) putRecordTx(tx *badger.Txn, rec Record) (Record, error) {
	for _, b := range rec.Blobs {
		if _, err := tx.Get(hashKey(pfxBlob, b)); err != nil {
			return rec, &RecordError{Lineage: rec.Lineage, Err: &BlobError{ID: b, Err: notFound(err)}}
		}
	}
	if rec.Version == 1 {
		for _, ref := range rec.Refs {
			if _, err := tx.Get(versionKey(ref, 1)); err != nil {
				return rec, &RecordError{Lineage: rec.Lineage, Err: fmt.Errorf("referenced %s: %w", ref, notFound(err))}
			}
		}
	}
	vk := versionKey(rec.Lineage, rec.Version)
	if _, err := tx.Get(vk); err == nil {
		return rec, &RecordError{Lineage: rec.Lineage, Err: fmt.Errorf("version %d already exists (records are write-once)", rec.Version)}
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return rec, err
	}
	rec.ID = Sum(b)
	if err := tx.Set(hashKey(pfxRecord, rec.ID), b); err != nil {
		return rec, err
	}
	if err := tx.Set(vk, rec.ID[:]); err != nil {
		return rec, err
	}
	if rec.Version == 1 {
		for _, ref := range rec.Refs {
			if err := tx.Set(append(refIdxPrefix(ref), rec.Lineage...), nil); err != nil {
				return rec, err
			}
		}
	}
	return rec, nil
}

func notFound(err error) error {
	if errors.Is(err, badger.ErrKeyNotFound) {
		return ErrNotFound
	}
	return err
}

func recordIn(tx *badger.Txn, id Hash) (Record, error) {
	it, err := tx.Get(hashKey(pfxRecord, id))
	if err != nil {
		return Record{}, &RecordError{ID: id, Err: notFound(err)}
	}
	var r Record
	err = it.Value(func(v []byte) error {
		if Sum(v) != id {
			return &RecordError{ID: id, Err: errors.New("stored bytes do not match the record's hash")}
		}
		return json.Unmarshal(v, &r)
	})
	r.ID = id
	return r, err
}

// headIn returns the newest version of lineage, tombstone or not.
func headIn(tx *badger.Txn, lineage string) (Record, error) {
	it := tx.NewIterator(badger.IteratorOptions{Prefix: versionPrefix(lineage), Reverse: true})
	defer it.Close()
	it.Seek(append(versionPrefix(lineage), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff))
	if !it.Valid() {
		return Record{}, &RecordError{Lineage: lineage, Err: ErrNotFound}
	}
	v, err := it.Item().ValueCopy(nil)
	if err != nil || len(v) != len(Hash{}) {
		return Record{}, &RecordError{Lineage: lineage, Err: fmt.Errorf("version index damaged: %v", err)}
	}
	return recordIn(tx, Hash(v))
}

// Head returns the newest version of lineage. A deleted lineage returns its tombstone with an
// error wrapping ErrDeleted.
func (s *Store) Head(lineage string) (Record, error) {
	var r Record
	err := s.view(func(tx *badger.Txn) error {
		var err error
		r, err = headIn(tx, lineage)
		return err
	})
	if err == nil && r.Deleted {
		err = &RecordError{Lineage: lineage, ID: r.ID, Err: ErrDeleted}
	}
	return r, err
}

// Record returns the record with that ID.
func (s *Store) Record(id Hash) (Record, error) {
	var r Record
	err := s.view(func(tx *badger.Txn) error {
		var err error
		r, err = recordIn(tx, id)
		return err
	})
	return r, err
}

// History returns every version of lineage, oldest first.
func (s *Store) History(lineage string) ([]Record, error) {
	var out []Record
	err := s.view(func(tx *badger.Txn) error {
		it := tx.NewIterator(badger.IteratorOptions{Prefix: versionPrefix(lineage)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			r, err := recordIn(tx, Hash(v))
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err == nil && len(out) == 0 {
		err = &RecordError{Lineage: lineage, Err: ErrNotFound}
	}
	return out, err
}

// List returns the heads of every live lineage of kind k, oldest lineage first by creation.
// With ref set, only lineages created with that reference (e.g. the captures of one case).
//
// A case may hold a hundred thousand captures, so the heads are found in one pass over the
// version index and the records are read and checked against their hashes on every core.
func (s *Store) List(ctx context.Context, k Kind, ref string) ([]Record, error) {
	var heads []Hash
	err := s.view(func(tx *badger.Txn) error {
		var want map[string]bool
		if ref != "" {
			lineages, err := listLineages(ctx, tx, k, ref)
			if err != nil || len(lineages) == 0 {
				return err
			}
			want = make(map[string]bool, len(lineages))
			for _, l := range lineages {
				want[l] = true
			}
		}
		var err error
		heads, err = headsIn(ctx, tx, k, want)
		return err
	})
	if err != nil || len(heads) == 0 {
		return nil, err
	}
	recs := make([]Record, len(heads))
	errs := make([]error, len(heads))
	parts := min(runtime.GOMAXPROCS(0), max(1, len(heads)/256))
	var wg sync.WaitGroup
	for p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := p*len(heads)/parts, (p+1)*len(heads)/parts
			errs[lo] = s.view(func(tx *badger.Txn) error {
				for i := lo; i < hi; i++ {
					if i%256 == 0 && ctx.Err() != nil {
						return ctx.Err()
					}
					r, err := recordIn(tx, heads[i])
					if err != nil {
						return err
					}
					recs[i] = r
				}
				return nil
			})
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	out := recs[:0]
	for _, r := range recs {
		if !r.Deleted {
			out = append(out, r)
		}
	}
	return out, nil
}

// headsIn returns the record IDs of the newest versions of kind k's lineages (only those in
// want, unless want is nil), in lineage order, from keys alone.
func headsIn(ctx context.Context, tx *badger.Txn, k Kind, want map[string]bool) ([]Hash, error) {
	pfx := append(append([]byte{}, pfxVersion...), string(k)+"-"...)
	it := tx.NewIterator(badger.IteratorOptions{Prefix: pfx})
	defer it.Close()
	var heads []Hash
	last := ""
	for it.Rewind(); it.Valid(); it.Next() {
		if len(heads)%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		l, _ := splitVersionKey(it.Item().Key())
		if l == "" || want != nil && !want[l] {
			continue
		}
		v, err := it.Item().ValueCopy(nil)
		if err != nil || len(v) != len(Hash{}) {
			return nil, &RecordError{Lineage: l, Err: fmt.Errorf("version index damaged: %v", err)}
		}
		if l == last { // a newer version of the same lineage: versions ascend
			heads[len(heads)-1] = Hash(v)
			continue
		}
		heads, last = append(heads, Hash(v)), l
	}
	return heads, nil
}

func listLineages(ctx context.Context, tx *badger.Txn, k Kind, ref string) ([]string, error) {
	var out []string
	pfx := append(append([]byte{}, pfxVersion...), string(k)+"-"...)
	if ref != "" {
		pfx = append(refIdxPrefix(ref), string(k)+"-"...)
	}
	it := tx.NewIterator(badger.IteratorOptions{Prefix: pfx})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		key := it.Item().Key()
		if ref != "" {
			out = append(out, string(key[len(refIdxPrefix(ref)):]))
			continue
		}
		l, v := splitVersionKey(key)
		if v == 1 {
			out = append(out, l)
		}
	}
	return out, nil
}

func splitVersionKey(key []byte) (string, uint64) {
	if len(key) < len(pfxVersion)+10 {
		return "", 0
	}
	body := key[len(pfxVersion):]
	sep := len(body) - 9
	if body[sep] != '/' || bytes.IndexByte(body[:sep], '/') >= 0 {
		return "", 0
	}
	return string(body[:sep]), binary.BigEndian.Uint64(body[sep+1:])
}

// lineageTime is now, or a millisecond after the last lineage made by this store if the clock
// has not moved on, so that lineage IDs sort in creation order.
func (s *Store) lineageTime() time.Time {
	s.lmu.Lock()
	defer s.lmu.Unlock()
	now := s.opts.Now().Truncate(time.Millisecond)
	if !now.After(s.lastLineage) {
		now = s.lastLineage.Add(time.Millisecond)
	}
	s.lastLineage = now
	return now
}

// LineageTime reads the creation time (to the millisecond) that a lineage ID carries.
func LineageTime(lineage string) (time.Time, bool) {
	_, rest, ok := strings.Cut(lineage, "-")
	if !ok || len(rest) != 16 {
		return time.Time{}, false
	}
	var ms int64
	if _, err := fmt.Sscanf(rest[:11], "%x", &ms); err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(ms).UTC(), true
}
