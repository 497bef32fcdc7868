package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	badger "github.com/dgraph-io/badger/v4"
	"testing"
)

func logEntries(t *testing.T, s *Store, f LogFilter) []Entry {
	t.Helper()
	var out []Entry
	if err := s.Log(ctx, f, func(e Entry) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVersionsAndTombstones(t *testing.T) {
	s := TestInit(t)
	c, err := s.CreateCase(ctx, "officer A", CaseInfo{Name: "first name"})
	if err != nil {
		t.Fatal(err)
	}
	c2, err := s.UpdateCase(ctx, "officer B", c.ID, CaseInfo{Name: "second name", Reference: "R-1"})
	if err != nil {
		t.Fatal(err)
	}
	if c2.Version != 2 || c2.Name != "second name" || !c2.Created.Equal(c.Created) {
		t.Errorf("updated case = %+v", c2)
	}
	if _, err := s.Delete(ctx, "officer B", c.ID, "opened by mistake"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Case(c.ID); !errors.Is(err, ErrDeleted) {
		t.Errorf("deleted case: %v, want ErrDeleted", err)
	}
	if _, err := s.UpdateCase(ctx, "officer B", c.ID, CaseInfo{Name: "third"}); !errors.Is(err, ErrDeleted) {
		t.Errorf("update after delete: %v, want ErrDeleted", err)
	}
	h, err := s.History(c.ID)
	if err != nil || len(h) != 3 {
		t.Fatalf("history: %d versions, %v", len(h), err)
	}
	for i := 1; i < len(h); i++ {
		if h[i].Prev != h[i-1].ID || h[i].Version != uint64(i+1) {
			t.Errorf("version %d does not point at version %d", i+1, i)
		}
	}
	var first CaseInfo
	if err := h[0].Decode(&first); err != nil || first.Name != "first name" {
		t.Errorf("first version rewritten: %+v %v", first, err)
	}
	cases, _ := s.Cases(ctx)
	if len(cases) != 0 {
		t.Errorf("deleted case still listed: %+v", cases)
	}
	var verbs []string
	for _, e := range logEntries(t, s, LogFilter{Subject: c.ID}) {
		verbs = append(verbs, e.Action+"/"+e.Actor)
	}
	want := []string{"create/officer A", "update/officer B", "delete/officer B"}
	if len(verbs) != len(want) {
		t.Fatalf("log for case = %v, want %v", verbs, want)
	}
	for i := range want {
		if verbs[i] != want[i] {
			t.Errorf("log[%d] = %s, want %s", i, verbs[i], want[i])
		}
	}
}

// A change that fails leaves neither a record nor a log entry behind.
func TestFailedWriteLogsNothing(t *testing.T) {
	s := TestInit(t)
	before, _ := s.LogHead()
	_, err := s.Create(ctx, "officer", NewRecord{Kind: KindNote, Blobs: []Hash{Sum([]byte("absent"))}, Body: "x"})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("record with a missing blob: %v, want ErrNotFound", err)
	}
	_, err = s.Create(ctx, "officer", NewRecord{Kind: KindNote, Refs: []string{"case-0000000000000000"}, Body: "x"})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("record with a missing reference: %v, want ErrNotFound", err)
	}
	if _, err := s.CreateCase(ctx, "officer", CaseInfo{Name: " "}); !errors.Is(err, ErrInvalid) {
		t.Errorf("case without a name: %v", err)
	}
	after, _ := s.LogHead()
	if after.Seq != before.Seq {
		t.Errorf("failed writes added %d log entries", after.Seq-before.Seq)
	}
	notes, _ := s.List(ctx, KindNote, "")
	if len(notes) != 0 {
		t.Errorf("failed write left %d notes", len(notes))
	}
}

func TestListByReference(t *testing.T) {
	s := TestInit(t)
	a, _ := s.CreateCase(ctx, "o", CaseInfo{Name: "A"})
	b, _ := s.CreateCase(ctx, "o", CaseInfo{Name: "B"})
	blob, _ := s.PutBlobBytes(ctx, []byte("screenshot"))
	for _, c := range []string{a.ID, a.ID, b.ID} {
		if _, err := s.Create(ctx, "o", NewRecord{Kind: KindNote, Refs: []string{c}, Blobs: []Hash{blob.ID}, Body: "n"}); err != nil {
			t.Fatal(err)
		}
	}
	na, _ := s.List(ctx, KindNote, a.ID)
	nb, _ := s.List(ctx, KindNote, b.ID)
	if len(na) != 2 || len(nb) != 1 {
		t.Errorf("notes per case: %d and %d, want 2 and 1", len(na), len(nb))
	}
	cases, _ := s.Cases(ctx)
	if len(cases) != 2 || cases[0].Name != "A" || cases[1].Name != "B" {
		t.Errorf("cases not in creation order: %+v", cases)
	}
}

func TestLogChainAndFilter(t *testing.T) {
	s := TestInit(t)
	for i := range 5 {
		if _, err := s.CreateCase(ctx, []string{"ana", "bo"}[i%2], CaseInfo{Name: "c"}); err != nil {
			t.Fatal(err)
		}
	}
	all := logEntries(t, s, LogFilter{})
	if len(all) != 6 || all[0].Action != ActInit {
		t.Fatalf("log has %d entries starting with %q", len(all), all[0].Action)
	}
	for i, e := range all {
		if e.Seq != uint64(i+1) || e.Hash != e.ComputeHash() || (i > 0 && e.Prev != all[i-1].Hash) {
			t.Errorf("entry %d breaks the chain: %+v", i+1, e)
		}
	}
	head, _ := s.LogHead()
	if head.Seq != 6 || head.Hash != all[5].Hash || !VerifyHead(s.PublicKey(), head) {
		t.Errorf("head %+v does not sign the last entry", head)
	}
	if got := logEntries(t, s, LogFilter{Actor: "bo"}); len(got) != 2 {
		t.Errorf("filter by actor: %d entries, want 2", len(got))
	}
	if got := logEntries(t, s, LogFilter{FromSeq: 5, Limit: 1}); len(got) != 1 || got[0].Seq != 5 {
		t.Errorf("from 5 limit 1: %+v", got)
	}
}

func TestLogNewestFirst(t *testing.T) {
	s := TestInit(t)
	ctx := context.Background()
	for i := range 5 {
		if _, err := s.LogAction(ctx, Action{Actor: "o", Verb: ActView, Subject: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	s.Log(ctx, LogFilter{Action: ActView, Newest: true, Limit: 2}, func(e Entry) error { got = append(got, e.Subject); return nil })
	if !slices.Equal(got, []string{"4", "3"}) {
		t.Errorf("newest two views: %v", got)
	}
}

func TestListManyAcrossCases(t *testing.T) {
	s := TestInit(t)
	ctx := context.Background()
	a, _ := s.CreateCase(ctx, "o", CaseInfo{Name: "a"})
	b, _ := s.CreateCase(ctx, "o", CaseInfo{Name: "b"})
	var inA []string
	for i := range 700 {
		c := []string{a.ID, b.ID}[i%2]
		r, err := s.Create(ctx, "o", NewRecord{Kind: KindNote, Refs: []string{c}, Body: i + 1})
		if err != nil {
			t.Fatal(err)
		}
		if c == a.ID {
			inA = append(inA, r.Lineage)
			if i%7 == 0 {
				s.Update(ctx, "o", r.Lineage, -(i + 1), nil)
			}
		}
	}
	s.Delete(ctx, "o", inA[3], "test")
	recs, err := s.List(ctx, KindNote, a.ID)
	if err != nil || len(recs) != len(inA)-1 {
		t.Fatalf("List: %d records, %v", len(recs), err)
	}
	for i, r := range recs {
		want := inA[i]
		if i >= 3 {
			want = inA[i+1]
		}
		var body int
		r.Decode(&body)
		if r.Lineage != want || (r.Version == 2) != (body < 0) {
			t.Fatalf("record %d: %s v%d body %d, want lineage %s", i, r.Lineage, r.Version, body, want)
		}
	}
}

func TestLastEntry(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Init(ctx, TestOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.LastEntry(ActVerify); ok || err != nil {
		t.Fatalf("never verified: ok %v err %v", ok, err)
	}
	s.Verify(ctx, VerifyQuick, "o", nil)
	s.LogAction(ctx, Action{Actor: "o", Verb: ActView, Subject: "x"})
	e, ok, err := s.LastEntry(ActVerify)
	if !ok || err != nil || e.Action != ActVerify || e.Details["ok"] != "true" {
		t.Fatalf("last verify %+v %v %v", e, ok, err)
	}
	s.Close()
	// A store from before the index: the index is built when it is opened.
	db := testRawDB(t, dir)
	db.Update(func(tx *badger.Txn) error {
		tx.Delete(actionKey(ActVerify))
		return tx.Delete(keyActionIdx)
	})
	db.Close()
	s, err = Open(ctx, TestOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if e2, ok, err := s.LastEntry(ActVerify); !ok || err != nil || e2.Seq != e.Seq {
		t.Errorf("after rebuilding the index: %+v %v %v", e2, ok, err)
	}
}

// CreateLinked stores a record and the records linked to it in one transaction, each with its
// own custody entry in order, or nothing at all.
func TestCreateLinked(t *testing.T) {
	s := TestInit(t)
	c, err := s.CreateCase(ctx, "officer A", CaseInfo{Name: "linked"})
	if err != nil {
		t.Fatal(err)
	}
	before := logEntries(t, s, LogFilter{})
	recs, err := s.CreateLinked(ctx, "officer A", NewRecord{Kind: KindCapture, Refs: []string{c.ID}, Body: "page", Verb: ActCapture},
		func(r Record) ([]NewRecord, error) {
			return []NewRecord{{Kind: KindTimestamp, Refs: []string{r.Lineage}, Body: r.ID.String()}}, nil
		})
	if err != nil || len(recs) != 2 {
		t.Fatalf("CreateLinked: %d records, %v", len(recs), err)
	}
	for _, r := range recs {
		if got, err := s.Head(r.Lineage); err != nil || got.ID != r.ID {
			t.Errorf("%s not stored as returned: %v", r.Lineage, err)
		}
	}
	var body string
	recs[1].Decode(&body)
	if body != recs[0].ID.String() || !slices.Equal(recs[1].Refs, []string{recs[0].Lineage}) {
		t.Errorf("the linked record did not get the first as stored: %q %v", body, recs[1].Refs)
	}
	after := logEntries(t, s, LogFilter{})
	if len(after) != len(before)+2 || after[len(before)].Subject != recs[0].Lineage || after[len(before)].Action != ActCapture ||
		after[len(before)+1].Subject != recs[1].Lineage || after[len(before)+1].Action != ActCreate {
		t.Fatalf("custody log after CreateLinked: %+v", after[len(before):])
	}
	if h, _ := s.LogHead(); h.Seq != after[len(after)-1].Seq {
		t.Errorf("log head %d, last entry %d", h.Seq, after[len(after)-1].Seq)
	}

	// A failure anywhere stores nothing: the linked function's, a bad linked record's.
	for name, linked := range map[string]func(Record) ([]NewRecord, error){
		"linked error": func(Record) ([]NewRecord, error) { return nil, errors.New("no digest") },
		"bad kind":     func(Record) ([]NewRecord, error) { return []NewRecord{{Kind: "bad-kind"}}, nil },
		"missing ref": func(Record) ([]NewRecord, error) {
			return []NewRecord{{Kind: KindTimestamp, Refs: []string{"case-0000000000000000"}}}, nil
		},
	} {
		caps, _ := s.List(ctx, KindCapture, "")
		if _, err := s.CreateLinked(ctx, "officer A", NewRecord{Kind: KindCapture, Refs: []string{c.ID}, Body: "page"}, linked); err == nil {
			t.Errorf("%s: no error", name)
		}
		if now, _ := s.List(ctx, KindCapture, ""); len(now) != len(caps) {
			t.Errorf("%s: the first record was stored without the linked one", name)
		}
		if n := len(logEntries(t, s, LogFilter{})); n != len(after) {
			t.Errorf("%s: %d custody entries, want %d", name, n, len(after))
		}
	}
	var rep TestReporter
	if sum, err := s.Verify(ctx, VerifyFull, "officer A", &rep); err != nil || !sum.OK {
		t.Errorf("verify after CreateLinked: %v %v", rep.Findings, err)
	}
}

// A write that would append no custody entry is a bug of ours: it is refused and stores
// nothing, so that no change is ever without its entry.
func TestWriteWithoutEntryRefused(t *testing.T) {
	s := TestInit(t)
	before := logEntries(t, s, LogFilter{})
	err := s.writeTx(ctx, Action{Actor: "officer A", Verb: ActCreate, Subject: "x"}, func(tx *badger.Txn, _ func(Action) (Entry, error)) error {
		return tx.Set([]byte("stray-key"), []byte("v"))
	})
	if err == nil {
		t.Fatal("a write without a custody entry was committed")
	}
	if _, err := s.get([]byte("stray-key")); err == nil {
		t.Error("the write's key was stored without its entry")
	}
	if n := len(logEntries(t, s, LogFilter{})); n != len(before) {
		t.Errorf("%d custody entries, want %d", n, len(before))
	}
}
