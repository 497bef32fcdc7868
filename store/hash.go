package store

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Hash is a SHA-256 digest: the name of a blob, a chunk or a record.
type Hash [sha256.Size]byte

// Sum returns the SHA-256 of b.
func Sum(b []byte) Hash { return sha256.Sum256(b) }

// String is the lower-case hex form, as sha256sum prints it.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Short is the first 12 hex digits, for messages.
func (h Hash) Short() string { return h.String()[:12] }

// IsZero reports whether h is the zero hash.
func (h Hash) IsZero() bool { return h == Hash{} }

// MarshalText writes the hex form.
func (h Hash) MarshalText() ([]byte, error) { return []byte(h.String()), nil }

// UnmarshalText reads the hex form.
func (h *Hash) UnmarshalText(b []byte) error {
	p, err := ParseHash(string(b))
	if err != nil {
		return err
	}
	*h = p
	return nil
}

// ParseHash reads a 64-digit hex SHA-256.
func ParseHash(s string) (Hash, error) {
	var h Hash
	if len(s) != 2*len(h) {
		return h, fmt.Errorf("%w: %q is not a 64-digit SHA-256", ErrInvalid, s)
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return h, fmt.Errorf("%w: %q is not a hex SHA-256", ErrInvalid, s)
	}
	return h, nil
}
