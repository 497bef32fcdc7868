package store

import (
	"errors"
	"fmt"
)

// Sentinel errors that callers branch on.
var (
	// ErrWrongPassphrase: the passphrase does not unlock this store. Nothing was changed.
	ErrWrongPassphrase = errors.New("wrong passphrase: the store was not opened and nothing was changed")
	// ErrLocked: another running workstation (or another process) has the store open.
	ErrLocked = errors.New("store is in use by another running workstation: close it first")
	// ErrNotInitialized: the directory holds no store yet.
	ErrNotInitialized = errors.New("no evidence store here yet: run `intercepted init` to create one")
	// ErrAlreadyInitialized: Init was called on a directory that already holds a store.
	ErrAlreadyInitialized = errors.New("an evidence store already exists here")
	// ErrNotFound: no blob, record or lineage with that name.
	ErrNotFound = errors.New("not found")
	// ErrDeleted: the lineage's newest version is a tombstone.
	ErrDeleted = errors.New("deleted (a tombstone is its newest version)")
	// ErrDiskFull: free disk space is below the store's reserve; nothing was written.
	ErrDiskFull = errors.New("not enough free disk space to write safely: free some space; nothing was written")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store is closed")
	// ErrInvalid: the caller passed something the store cannot accept.
	ErrInvalid = errors.New("invalid input")
	// ErrHeaderMissing: the directory holds a database but not its header (store.json), whose
	// wrapped key alone can read it. Nothing is done to the database.
	ErrHeaderMissing = errors.New("the store's database is here but its header store.json is missing: " +
		"put store.json back from a backup (without it nothing in the database can be read); " +
		"the database was left as it is. To start a new store, choose another folder")
	// ErrReadOnly: the store is on a file system that cannot be written (a DVD, a write-blocked
	// disk). Opening a store writes: its lock, and the custody log records what is done.
	ErrReadOnly = errors.New("the store is on read-only media and cannot be opened there: opening writes " +
		"(every opening, view and verify goes into the custody log); copy the whole store folder to a " +
		"writable disk and open the copy, or check an exported package with verify-package, which only reads")
	// ErrDamaged: the store is too damaged to open; it was left as it is.
	ErrDamaged = errors.New("the store is damaged and cannot be opened; it was left as it is: restore it from a backup")
)

// BlobError names the blob an operation failed on.
type BlobError struct {
	ID  Hash
	Err error
}

func (e *BlobError) Error() string { return fmt.Sprintf("blob %s: %v", e.ID.Short(), e.Err) }
func (e *BlobError) Unwrap() error { return e.Err }

// RecordError names the record or lineage an operation failed on.
type RecordError struct {
	Lineage string
	ID      Hash
	Err     error
}

func (e *RecordError) Error() string {
	switch {
	case e.Lineage != "" && !e.ID.IsZero():
		return fmt.Sprintf("record %s (%s): %v", e.Lineage, e.ID.Short(), e.Err)
	case e.Lineage != "":
		return fmt.Sprintf("record %s: %v", e.Lineage, e.Err)
	default:
		return fmt.Sprintf("record %s: %v", e.ID.Short(), e.Err)
	}
}
func (e *RecordError) Unwrap() error { return e.Err }
