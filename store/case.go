package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Case is an investigation: the container of captures, notes and exports.
type Case struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Reference    string    `json:"reference,omitempty"`
	Jurisdiction string    `json:"jurisdiction,omitempty"`
	Officer      string    `json:"officer,omitempty"`
	Region       string    `json:"region,omitempty"` // default phone region, ISO 3166 alpha-2
	Notes        string    `json:"notes,omitempty"`
	Created      time.Time `json:"created"`
	Version      uint64    `json:"version"`
	Updated      time.Time `json:"updated"`
}

// CaseInfo is what an officer enters for a case.
type CaseInfo struct {
	Name         string `json:"name"`
	Reference    string `json:"reference,omitempty"`
	Jurisdiction string `json:"jurisdiction,omitempty"`
	Officer      string `json:"officer,omitempty"`
	Region       string `json:"region,omitempty"`
	Notes        string `json:"notes,omitempty"`
}

func (c CaseInfo) validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("%w: a case needs a name", ErrInvalid)
	}
	if c.Region != "" && (len(c.Region) != 2 || c.Region[0] < 'A' || c.Region[0] > 'Z' || c.Region[1] < 'A' || c.Region[1] > 'Z') {
		return fmt.Errorf("%w: region %q is not a two-letter country code such as IT or GR", ErrInvalid, c.Region)
	}
	// one-line fields: what would be a line break or a terminal command in a listing is refused
	for field, v := range map[string]string{"name": c.Name, "reference": c.Reference, "jurisdiction": c.Jurisdiction, "officer": c.Officer} {
		if err := OneLine(v); err != nil {
			return fmt.Errorf("%w: the case's %s %v", ErrInvalid, field, err)
		}
	}
	if !utf8.ValidString(c.Notes) {
		return fmt.Errorf("%w: the case's notes are not UTF-8 text", ErrInvalid)
	}
	return nil
}

// OneLine accepts text of one line: UTF-8, without control characters. Names that go into
// listings and the custody log (a case's, an officer's) must be such text.
func OneLine(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("is not UTF-8 text")
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Errorf("holds the control character %U", r)
		}
	}
	return nil
}

// CreateCase opens a new case.
func (s *Store) CreateCase(ctx context.Context, actor string, info CaseInfo) (Case, error) {
	if err := info.validate(); err != nil {
		return Case{}, err
	}
	r, err := s.Create(ctx, actor, NewRecord{Kind: KindCase, Body: info,
		Details: map[string]string{"name": info.Name, "reference": info.Reference}})
	if err != nil {
		return Case{}, err
	}
	return s.caseFrom(r, r.Created)
}

// UpdateCase stores a new version of a case's details.
func (s *Store) UpdateCase(ctx context.Context, actor, id string, info CaseInfo) (Case, error) {
	if err := info.validate(); err != nil {
		return Case{}, err
	}
	if KindOf(id) != KindCase {
		return Case{}, &RecordError{Lineage: id, Err: fmt.Errorf("%w: not a case", ErrNotFound)}
	}
	if _, err := s.Update(ctx, actor, id, info, nil); err != nil {
		return Case{}, err
	}
	return s.Case(id)
}

// Case returns the current version of a case.
func (s *Store) Case(id string) (Case, error) {
	if KindOf(id) != KindCase {
		return Case{}, &RecordError{Lineage: id, Err: fmt.Errorf("%w: no case has this ID", ErrNotFound)}
	}
	h, err := s.History(id)
	if err != nil {
		return Case{}, err
	}
	head := h[len(h)-1]
	if head.Deleted {
		return Case{}, &RecordError{Lineage: id, ID: head.ID, Err: ErrDeleted}
	}
	return s.caseFrom(head, h[0].Created)
}

func (s *Store) caseFrom(r Record, created time.Time) (Case, error) {
	var info CaseInfo
	if err := r.Decode(&info); err != nil {
		return Case{}, err
	}
	return Case{ID: r.Lineage, Name: info.Name, Reference: info.Reference, Jurisdiction: info.Jurisdiction,
		Officer: info.Officer, Region: info.Region, Notes: info.Notes, Created: created,
		Version: r.Version, Updated: r.Created}, nil
}

// Cases lists the live cases, oldest first.
func (s *Store) Cases(ctx context.Context) ([]Case, error) {
	recs, err := s.List(ctx, KindCase, "")
	if err != nil {
		return nil, err
	}
	out := make([]Case, 0, len(recs))
	for _, r := range recs {
		created, _ := LineageTime(r.Lineage)
		c, err := s.caseFrom(r, created)
		if err != nil {
			return nil, err
		}
		if r.Version == 1 {
			c.Created = r.Created
		}
		out = append(out, c)
	}
	return out, nil
}
