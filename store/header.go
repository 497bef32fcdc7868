package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/argon2"
)

// The header is the only plaintext file of a store: it says how to turn the passphrase into the
// key that unwraps the data key. It holds no secret and nothing about the evidence.
const (
	headerFile    = "store.json"
	headerFormat  = "intercepted-evidence-store"
	headerVersion = 1
	keyAAD        = "intercepted-store-v1 data key"
	dataKeySize   = 32
)

// KDFParams are the Argon2id costs. They are recorded in the header so that a store opens with
// the costs it was created with.
type KDFParams struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// DefaultKDF follows RFC 9106's second recommended option (64 MiB, 3 passes).
var DefaultKDF = KDFParams{Time: 3, MemoryKiB: 64 * 1024, Threads: 2}

// The most a store's key derivation may ask of the laptop: a damaged or hostile store.json
// asking for 256 GiB or four billion passes would otherwise exhaust memory or run for ever
// before any passphrase could be checked.
const (
	maxKDFTime      = 64
	maxKDFMemoryKiB = 4 << 20 // 4 GiB
	maxKDFThreads   = 64
)

func (p KDFParams) validate() error {
	if p.Time < 1 || p.MemoryKiB < 8*uint32(p.Threads) || p.Threads < 1 {
		return fmt.Errorf("%w: Argon2id parameters %+v", ErrInvalid, p)
	}
	if p.Time > maxKDFTime || p.MemoryKiB > maxKDFMemoryKiB || p.Threads > maxKDFThreads {
		return fmt.Errorf("%w: Argon2id parameters %+v ask for more than a store may (%d passes, %d MiB, %d threads): store.json is damaged or not this software's",
			ErrInvalid, p, maxKDFTime, maxKDFMemoryKiB>>10, maxKDFThreads)
	}
	return nil
}

type header struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	Created    time.Time `json:"created"`
	KDF        string    `json:"kdf"`
	Params     KDFParams `json:"params"`
	Salt       []byte    `json:"salt"`
	Nonce      []byte    `json:"nonce"`
	WrappedKey []byte    `json:"wrapped_key"`
}

func kek(pass []byte, salt []byte, p KDFParams) []byte {
	return argon2.IDKey(pass, salt, p.Time, p.MemoryKiB, p.Threads, 32)
}

func gcm(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// wrap seals dataKey under a key derived from pass with a fresh salt and nonce.
func wrap(dataKey, pass []byte, p KDFParams, created time.Time) (*header, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	h := &header{Format: headerFormat, Version: headerVersion, Created: created, KDF: "argon2id",
		Params: p, Salt: make([]byte, 16)}
	if _, err := rand.Read(h.Salt); err != nil {
		return nil, err
	}
	aead, err := gcm(kek(pass, h.Salt, p))
	if err != nil {
		return nil, err
	}
	h.Nonce = make([]byte, aead.NonceSize())
	if _, err := rand.Read(h.Nonce); err != nil {
		return nil, err
	}
	h.WrappedKey = aead.Seal(nil, h.Nonce, dataKey, []byte(keyAAD))
	return h, nil
}

// unwrap returns the data key, or ErrWrongPassphrase.
func (h *header) unwrap(pass []byte) ([]byte, error) {
	if err := h.Params.validate(); err != nil {
		return nil, err
	}
	aead, err := gcm(kek(pass, h.Salt, h.Params))
	if err != nil {
		return nil, err
	}
	if len(h.Nonce) != aead.NonceSize() {
		return nil, fmt.Errorf("store header is damaged: bad nonce length")
	}
	key, err := aead.Open(nil, h.Nonce, h.WrappedKey, []byte(keyAAD))
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	if len(key) != dataKeySize {
		return nil, fmt.Errorf("store header is damaged: data key has %d bytes", len(key))
	}
	return key, nil
}

func readHeader(dir string) (*header, error) {
	b, err := os.ReadFile(filepath.Join(dir, headerFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotInitialized
	}
	if err != nil {
		return nil, fmt.Errorf("read store header: %w", err)
	}
	var h header
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("store header %s is damaged: %w", filepath.Join(dir, headerFile), err)
	}
	if h.Format != headerFormat || h.Version != headerVersion || h.KDF != "argon2id" {
		return nil, fmt.Errorf("%s is not a version-%d INTERCEPTED store header", filepath.Join(dir, headerFile), headerVersion)
	}
	return &h, nil
}

// writeHeader replaces the header atomically: a crash leaves either the old or the new one.
func writeHeader(dir string, h *header) error {
	b, err := json.MarshalIndent(h, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, headerFile), append(b, '\n'))
}

func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
