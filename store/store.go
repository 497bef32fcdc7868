package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/table"
	"golang.org/x/text/unicode/norm"
)

// Options say where a store lives and how to unlock it. Zero values take the defaults.
type Options struct {
	// Dir is the data directory. Required.
	Dir string
	// Passphrase unlocks the store. Required.
	Passphrase []byte
	// Actor names who acts, for the custody log of Init. Defaults to "workstation".
	Actor string
	// KDF sets the Argon2id costs when a store is created. Defaults to DefaultKDF.
	KDF KDFParams
	// MinFreeBytes is the free disk space that writes never eat into. Defaults to 256 MiB.
	MinFreeBytes int64
	// ValueLogFileSize caps each Badger value-log file. Defaults to 256 MiB.
	ValueLogFileSize int64
	// Now reads the clock. Defaults to time.Now.
	Now func() time.Time
}

const (
	defaultMinFree = 256 << 20
	defaultVLog    = 256 << 20
	dbSubdir       = "db"
)

func (o Options) withDefaults() (Options, error) {
	if o.Dir == "" {
		return o, fmt.Errorf("%w: no store directory given", ErrInvalid)
	}
	if len(o.Passphrase) == 0 {
		return o, fmt.Errorf("%w: empty passphrase", ErrInvalid)
	}
	if o.Actor == "" {
		o.Actor = "workstation"
	}
	if o.KDF == (KDFParams{}) {
		o.KDF = DefaultKDF
	}
	if o.MinFreeBytes == 0 {
		o.MinFreeBytes = defaultMinFree
	}
	if o.ValueLogFileSize == 0 {
		o.ValueLogFileSize = defaultVLog
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o, nil
}

// Store is an open evidence store. Its methods are safe for concurrent use.
type Store struct {
	opts    Options
	db      *badger.DB
	lock    *os.File
	signKey ed25519.PrivateKey
	// wmu serialises writers: every write appends to the custody log, a read-modify-write of
	// its head.
	wmu    sync.Mutex
	closed atomic.Bool
	// views counts the read transactions in flight (view), which Close waits for: Badger
	// panics when a closed database is read, and a reader in the background (an analysis, a
	// thumbnail) may still be at work when the officer locks the workstation.
	views atomic.Int64
	// lmu guards lastLineage, the time in the newest lineage ID made here.
	lmu         sync.Mutex
	lastLineage time.Time
}

// Exists reports whether dir holds a store.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, headerFile))
	return err == nil
}

// checkTables looks at the database's files before Badger does: Badger drops the tables its
// MANIFEST does not list, cannot read any without the key registry, and panics, in goroutines
// of its own where no recover reaches, on a table whose footer is cut short or has bytes
// after it. Each of these is ErrDamaged, naming the file, with nothing changed.
func checkTables(dir string) error {
	tables, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	if len(tables) == 0 {
		return nil
	}
	for _, f := range []string{"MANIFEST", "KEYREGISTRY"} {
		if _, err := os.Stat(filepath.Join(dir, f)); errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: db/%s is missing, and opening the database without it would lose its %d tables", ErrDamaged, f, len(tables))
		}
	}
	// only the tables the MANIFEST lists: one a crash left half-written is not, and Badger
	// removes it; a MANIFEST that does not read is left to Badger to report
	mf, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if err != nil {
		return nil
	}
	defer mf.Close()
	m, _, err := badger.ReplayManifestFile(mf, 0, badger.DefaultOptions(dir))
	if err != nil {
		return nil
	}
	for id := range m.Tables {
		name := table.IDToFilename(id)
		if !tableFooterFits(filepath.Join(dir, name)) {
			return fmt.Errorf("%w: table %s is missing, cut short or has bytes after its end", ErrDamaged, filepath.Join(dbSubdir, name))
		}
	}
	return nil
}

// tableFooterFits reports a Badger table whose footer (the index, its length, the checksum and
// its length, from the end) lies within the file.
func tableFooterFits(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.Size() < 8 {
		return false
	}
	var b [4]byte
	if _, err := f.ReadAt(b[:], fi.Size()-4); err != nil {
		return false
	}
	pos := fi.Size() - 4 - int64(binary.BigEndian.Uint32(b[:])) - 4 // where the index length is
	if pos < 0 {
		return false
	}
	if _, err := f.ReadAt(b[:], pos); err != nil {
		return false
	}
	return pos-int64(binary.BigEndian.Uint32(b[:])) >= 0
}

// initMarker is there while Init runs: a database beside it is a crashed Init's.
const initMarker = "init.incomplete"

// hasDatabase reports a database folder with anything in it.
func hasDatabase(dir string) bool {
	entries, err := os.ReadDir(filepath.Join(dir, dbSubdir))
	return err == nil && len(entries) > 0
}

// writeSynced writes a small file and syncs it and its folder.
func writeSynced(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	return err
}

// removeSynced removes a file and syncs its folder, so that the removal survives a power cut.
func removeSynced(path string) error {
	if err := os.Remove(path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(path))
}

// MinPassphraseLen is the fewest characters a new passphrase may have. Whoever holds the
// laptop can guess offline: Argon2id makes each guess cost, it does not make the guesses fewer.
// Stores made before this rule keep opening with the passphrase they have.
const MinPassphraseLen = 12

// checkNewPassphrase refuses a passphrase too short to protect evidence.
func checkNewPassphrase(p []byte) error {
	if n := PassphraseLen(p); n < MinPassphraseLen {
		return fmt.Errorf("%w: a new passphrase needs at least %d characters, this one has %d (a few words are easier to remember than a short code)", ErrInvalid, MinPassphraseLen, n)
	}
	return nil
}

// PassphraseLen counts the characters of p as a person reads them: composed (NFC), combining
// marks and invisible format characters (zero-width spaces, direction marks) not counted, each
// run of white space counted once and none at either end. Bytes that are not UTF-8 (a
// passphrase file of random bytes) count one each.
func PassphraseLen(p []byte) int {
	p = norm.NFC.Bytes(p)
	n, words, gap := 0, false, false
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		i += size
		if size > 1 || r != utf8.RuneError {
			switch {
			case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
				continue
			case unicode.IsSpace(r):
				gap = words
				continue
			}
		}
		if gap {
			n++
			gap = false
		}
		n++
		words = true
	}
	return n
}

// Init creates a new store in opts.Dir (created if missing) and returns it open. The
// passphrase must have at least MinPassphraseLen characters.
func Init(ctx context.Context, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	// Over an existing store, init says so (or that it is in use), not what it thinks of the
	// passphrase; a new store's folder is not made for a passphrase refused.
	if !Exists(opts.Dir) {
		if err := checkNewPassphrase(opts.Passphrase); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("create store directory: %w", err)
	}
	lock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	s, err := initLocked(ctx, opts, lock)
	if err != nil {
		lock.Close()
		return nil, err
	}
	return s, nil
}

func initLocked(ctx context.Context, opts Options, lock *os.File) (*Store, error) {
	if Exists(opts.Dir) {
		return nil, ErrAlreadyInitialized
	}
	if err := checkNewPassphrase(opts.Passphrase); err != nil { // a store removed since Init looked
		return nil, err
	}
	// A database left by a crashed Init (its marker still there) never had its key saved, so it
	// cannot hold evidence anyone could read: start afresh. Any other database without a header
	// is a store whose store.json was lost, and is left alone.
	marker := filepath.Join(opts.Dir, initMarker)
	if _, err := os.Stat(marker); err == nil {
		if err := os.RemoveAll(filepath.Join(opts.Dir, dbSubdir)); err != nil {
			return nil, err
		}
	} else if hasDatabase(opts.Dir) {
		return nil, ErrHeaderMissing
	}
	if err := writeSynced(marker, []byte("an init in progress: its database may be removed\n")); err != nil {
		return nil, err
	}
	dataKey := make([]byte, dataKeySize)
	if _, err := rand.Read(dataKey); err != nil {
		return nil, err
	}
	h, err := wrap(dataKey, opts.Passphrase, opts.KDF, opts.Now().UTC())
	if err != nil {
		return nil, err
	}
	db, err := openDB(opts, dataKey)
	if err != nil {
		return nil, err
	}
	s := &Store{opts: opts, db: db, lock: lock}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.signKey = priv
	err = s.write(ctx, Action{Actor: opts.Actor, Verb: ActInit, Subject: s.WorkstationID()}, func(tx *badger.Txn) error {
		if err := tx.Set(keyActionIdx, []byte{1}); err != nil {
			return err
		}
		return tx.Set(keySignKey, priv.Seed())
	})
	if err == nil {
		err = writeHeader(opts.Dir, h)
	}
	if err == nil {
		err = removeSynced(marker)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Open unlocks the store in opts.Dir.
func Open(ctx context.Context, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if !Exists(opts.Dir) {
		if hasDatabase(opts.Dir) {
			return nil, ErrHeaderMissing
		}
		return nil, ErrNotInitialized
	}
	lock, err := lockDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	s, err := openLocked(opts, lock)
	if err != nil {
		lock.Close()
		return nil, err
	}
	return s, nil
}

func openLocked(opts Options, lock *os.File) (*Store, error) {
	h, err := readHeader(opts.Dir)
	if err != nil {
		return nil, err
	}
	dataKey, err := h.unwrap(opts.Passphrase)
	if err != nil {
		return nil, err
	}
	db, err := openDB(opts, dataKey)
	if err != nil {
		return nil, err
	}
	s := &Store{opts: opts, db: db, lock: lock}
	seed, err := s.get(keySignKey)
	if err != nil || len(seed) != ed25519.SeedSize {
		db.Close()
		return nil, fmt.Errorf("store is damaged: workstation signing key unreadable (%v)", err)
	}
	s.signKey = ed25519.NewKeyFromSeed(seed)
	s.keepRollback()
	// a marker of an init that finished (a power cut can bring a removed file back) must not
	// let a later init take this database for a crashed one's
	if _, err := os.Stat(filepath.Join(opts.Dir, initMarker)); err == nil {
		removeSynced(filepath.Join(opts.Dir, initMarker))
	}
	if err := s.indexActions(); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func badgerOptions(opts Options, key []byte) badger.Options {
	return badger.DefaultOptions(filepath.Join(opts.Dir, dbSubdir)).
		WithEncryptionKey(key).
		WithIndexCacheSize(64 << 20).
		WithSyncWrites(true).
		WithVerifyValueChecksum(true).
		WithValueLogFileSize(opts.ValueLogFileSize).
		WithNumCompactors(2).
		WithLoggingLevel(badger.WARNING)
}

// openDB opens the Badger database. Badger drops the tables its MANIFEST does not list, so a
// database whose MANIFEST is gone is not opened at all.
func openDB(opts Options, key []byte) (*badger.DB, error) {
	dir := filepath.Join(opts.Dir, dbSubdir)
	if err := checkTables(dir); err != nil {
		return nil, err
	}
	if _, err := removeUnbornLogs(dir); err != nil {
		return nil, err
	}
	db, err := badger.Open(badgerOptions(opts, key))
	switch {
	case errors.Is(err, badger.ErrEncryptionKeyMismatch):
		return nil, ErrWrongPassphrase
	case err != nil:
		return nil, fmt.Errorf("open evidence database: %w", err)
	}
	return db, nil
}

// Close syncs and closes the store and releases its lock. Closing twice is harmless.
func (s *Store) Close() error {
	if s.closed.Swap(true) {
		return nil
	}
	for s.views.Load() > 0 { // the reads in flight end; later ones get ErrClosed
		time.Sleep(time.Millisecond)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	err := s.db.Close()
	if lerr := s.lock.Close(); err == nil {
		err = lerr
	}
	return err
}

// Dir is the store's data directory.
func (s *Store) Dir() string { return s.opts.Dir }

// ChangePassphrase rewraps the data key under a new passphrase, of at least MinPassphraseLen
// characters. The evidence is not rewritten.
func (s *Store) ChangePassphrase(ctx context.Context, actor string, oldPass, newPass []byte, kdf KDFParams) error {
	if err := checkNewPassphrase(newPass); err != nil {
		return err
	}
	if kdf == (KDFParams{}) {
		kdf = DefaultKDF
	}
	h, err := readHeader(s.opts.Dir)
	if err != nil {
		return err
	}
	dataKey, err := h.unwrap(oldPass)
	if err != nil {
		return err
	}
	nh, err := wrap(dataKey, newPass, kdf, h.Created)
	if err != nil {
		return err
	}
	// Log first: if the header write then fails, the log says a change was attempted and the
	// old passphrase still works; the reverse order could leave a change with no trace.
	if err := s.write(ctx, Action{Actor: actor, Verb: ActPasswd, Subject: s.WorkstationID()}, nil); err != nil {
		return err
	}
	return writeHeader(s.opts.Dir, nh)
}

// view runs fn in a read transaction, or returns ErrClosed once the store is closing. Close
// marks the store closed before it waits for the views in flight, and a view counts itself
// before it looks at the mark, so no view reads the database after Close has closed it: either
// the view sees the mark, or Close sees the view and waits for it. Views may nest.
func (s *Store) view(fn func(*badger.Txn) error) error {
	s.views.Add(1)
	defer s.views.Add(-1)
	if s.closed.Load() {
		return ErrClosed
	}
	return s.db.View(fn)
}

func (s *Store) checkOpen() error {
	if s.closed.Load() {
		return ErrClosed
	}
	return nil
}

// checkSpace refuses a write of n bytes that would leave less than the reserve free.
func (s *Store) checkSpace(n int64) error {
	if s.opts.MinFreeBytes < 0 {
		return nil
	}
	free, err := freeBytes(s.opts.Dir)
	if err != nil {
		return fmt.Errorf("check free disk space: %w", err)
	}
	if int64(free) < s.opts.MinFreeBytes+n {
		return fmt.Errorf("%w (%d MiB free on the store's disk, %d MiB kept in reserve)",
			ErrDiskFull, free>>20, s.opts.MinFreeBytes>>20)
	}
	return nil
}

func (s *Store) get(key []byte) ([]byte, error) {
	var v []byte
	err := s.view(func(tx *badger.Txn) error {
		it, err := tx.Get(key)
		if err != nil {
			return err
		}
		v, err = it.ValueCopy(nil)
		return err
	})
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	return v, err
}
