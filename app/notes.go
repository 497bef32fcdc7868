package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

// Note is an officer's note on a capture. Editing a note stores a new version; every version
// stays readable and each is in the custody log.
type Note struct {
	ID      string    `json:"id"`
	Version uint64    `json:"version"`
	Capture string    `json:"capture"`
	Text    string    `json:"text"`
	Author  string    `json:"author"`
	Written time.Time `json:"written"` // UTC, of this version
}

type noteBody struct {
	Capture string `json:"capture"`
	Text    string `json:"text"`
}

// AddNote writes a new note on a capture.
func (w *Workstation) AddNote(ctx context.Context, captureID, text string) (Note, error) {
	c, err := w.Capture(captureID)
	if err != nil {
		return Note{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return Note{}, fmt.Errorf("%w: the note is empty", store.ErrInvalid)
	}
	r, err := w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindNote, Refs: []string{c.Case, c.ID},
		Body: noteBody{Capture: c.ID, Text: text}, Verb: store.ActNote, Details: map[string]string{"capture": c.ID}})
	if err != nil {
		return Note{}, err
	}
	return noteFrom(r)
}

// EditNote stores a new version of a note.
func (w *Workstation) EditNote(ctx context.Context, noteID, text string) (Note, error) {
	old, err := w.st.Head(noteID)
	if err != nil {
		return Note{}, err
	}
	var b noteBody
	if err := old.Decode(&b); err != nil {
		return Note{}, err
	}
	if b.Text = strings.TrimSpace(text); b.Text == "" {
		return Note{}, fmt.Errorf("%w: the note is empty", store.ErrInvalid)
	}
	r, err := w.st.Update(ctx, w.settings.Officer, noteID, b, nil)
	if err != nil {
		return Note{}, err
	}
	return noteFrom(r)
}

// Notes lists a capture's notes, oldest first, each at its newest version.
func (w *Workstation) Notes(ctx context.Context, captureID string) ([]Note, error) {
	recs, err := w.st.List(ctx, store.KindNote, captureID)
	if err != nil {
		return nil, err
	}
	out := make([]Note, 0, len(recs))
	for _, r := range recs {
		n, err := noteFrom(r)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func noteFrom(r store.Record) (Note, error) {
	var b noteBody
	if err := r.Decode(&b); err != nil {
		return Note{}, err
	}
	return Note{ID: r.Lineage, Version: r.Version, Capture: b.Capture, Text: b.Text, Author: r.Actor, Written: r.Created.UTC()}, nil
}

type tagBody struct {
	Capture string   `json:"capture"`
	Tags    []string `json:"tags"`
}

// Tags returns a capture's tags, sorted.
func (w *Workstation) Tags(ctx context.Context, captureID string) ([]string, error) {
	r, ok, err := w.tagRecord(ctx, captureID)
	if err != nil || !ok {
		return nil, err
	}
	var b tagBody
	err = r.Decode(&b)
	return b.Tags, err
}

// SetTags replaces a capture's tags (trimmed, without duplicates) by storing a new version of
// its tag record.
func (w *Workstation) SetTags(ctx context.Context, captureID string, tags []string) ([]string, error) {
	c, err := w.Capture(captureID)
	if err != nil {
		return nil, err
	}
	var clean []string
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(clean, t) {
			clean = append(clean, t)
		}
	}
	slices.Sort(clean)
	body := tagBody{Capture: c.ID, Tags: clean}
	r, ok, err := w.tagRecord(ctx, c.ID)
	switch {
	case err != nil:
		return nil, err
	case ok:
		_, err = w.st.Update(ctx, w.settings.Officer, r.Lineage, body, nil)
	default:
		_, err = w.st.Create(ctx, w.settings.Officer, store.NewRecord{Kind: store.KindTag, Refs: []string{c.Case, c.ID},
			Body: body, Verb: store.ActTag, Details: map[string]string{"capture": c.ID, "tags": strings.Join(clean, ", ")}})
	}
	return clean, err
}

func (w *Workstation) tagRecord(ctx context.Context, captureID string) (store.Record, bool, error) {
	recs, err := w.st.List(ctx, store.KindTag, captureID)
	if err != nil || len(recs) == 0 {
		return store.Record{}, false, err
	}
	return recs[0], true, nil
}
