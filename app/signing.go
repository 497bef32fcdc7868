package app

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// Package signatures are made with the workstation's Ed25519 key in two forms that standard
// tools check without our software:
//   - an SSH signature (the "SSHSIG" format of OpenSSH's PROTOCOL.sshsig), checked with
//     `ssh-keygen -Y verify` against an allowed_signers file;
//   - the raw 64-byte Ed25519 signature, checked with `openssl pkeyutl -verify -rawin` against
//     the key in PEM.
// The SSH format is a few length-prefixed strings, written here rather than pulling in an SSH
// library for it.

// sshNamespace is the namespace of package signatures: ssh-keygen -Y verify -n file.
const sshNamespace = "file"

// sshString appends s as an SSH wire string: a 32-bit big-endian length, then the bytes.
func sshString(b []byte, s []byte) []byte {
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

// sshPublicKey is the wire form of an Ed25519 public key.
func sshPublicKey(pub ed25519.PublicKey) []byte {
	return sshString(sshString(nil, []byte("ssh-ed25519")), pub)
}

// AuthorizedKey is the key in the one-line form of authorized_keys and allowed_signers.
func AuthorizedKey(pub ed25519.PublicKey) string {
	return "ssh-ed25519 " + base64.StdEncoding.EncodeToString(sshPublicKey(pub))
}

// KeyFingerprint is the key's SHA-256 fingerprint as ssh-keygen -l prints it.
func KeyFingerprint(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(sshPublicKey(pub))
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(sum[:])
}

// PublicKeyPEM is the key as a PEM "PUBLIC KEY" (PKIX), as openssl reads it.
func PublicKeyPEM(pub ed25519.PublicKey) []byte {
	der, _ := x509.MarshalPKIXPublicKey(pub) // an Ed25519 key always marshals
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// sshSignedData is what an SSH signature signs: the preamble, namespace and SHA-512 of msg.
func sshSignedData(msg []byte) []byte {
	h := sha512.Sum512(msg)
	b := []byte("SSHSIG")
	b = sshString(b, []byte(sshNamespace))
	b = sshString(b, nil) // reserved
	b = sshString(b, []byte("sha512"))
	return sshString(b, h[:])
}

// SSHSignature signs msg with sign (the store's Ed25519 key) and returns the armored SSH
// signature.
func SSHSignature(pub ed25519.PublicKey, sign func([]byte) []byte, msg []byte) []byte {
	sig := sign(sshSignedData(msg))
	b := []byte("SSHSIG")
	b = binary.BigEndian.AppendUint32(b, 1)
	b = sshString(b, sshPublicKey(pub))
	b = sshString(b, []byte(sshNamespace))
	b = sshString(b, nil)
	b = sshString(b, []byte("sha512"))
	b = sshString(b, sshString(sshString(nil, []byte("ssh-ed25519")), sig))
	enc := base64.StdEncoding.EncodeToString(b)
	var out bytes.Buffer
	out.WriteString("-----BEGIN SSH SIGNATURE-----\n")
	for len(enc) > 70 {
		out.WriteString(enc[:70] + "\n")
		enc = enc[70:]
	}
	out.WriteString(enc + "\n-----END SSH SIGNATURE-----\n")
	return out.Bytes()
}

// VerifySSHSignature checks an armored SSH signature of msg and returns the key that made it.
func VerifySSHSignature(armored, msg []byte) (ed25519.PublicKey, error) {
	s := strings.TrimSpace(string(armored))
	if !strings.HasPrefix(s, "-----BEGIN SSH SIGNATURE-----") || !strings.HasSuffix(s, "-----END SSH SIGNATURE-----") {
		return nil, errors.New("not an armored SSH signature")
	}
	body := strings.TrimSuffix(strings.TrimPrefix(s, "-----BEGIN SSH SIGNATURE-----"), "-----END SSH SIGNATURE-----")
	raw, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(body), ""))
	if err != nil {
		return nil, fmt.Errorf("SSH signature: %w", err)
	}
	if !bytes.HasPrefix(raw, []byte("SSHSIG")) || len(raw) < 10 || binary.BigEndian.Uint32(raw[6:]) != 1 {
		return nil, errors.New("SSH signature: not SSHSIG version 1")
	}
	rest := raw[10:]
	var fields [5][]byte
	for i := range fields {
		if fields[i], rest, err = readSSHString(rest); err != nil {
			return nil, fmt.Errorf("SSH signature: %w", err)
		}
	}
	pubWire, ns, hashAlg, sigWire := fields[0], fields[1], fields[3], fields[4]
	if string(ns) != sshNamespace || string(hashAlg) != "sha512" {
		return nil, fmt.Errorf("SSH signature: namespace %q hash %q, want %q sha512", ns, hashAlg, sshNamespace)
	}
	pub, err := parseSSHEd25519(pubWire)
	if err != nil {
		return nil, err
	}
	algo, r, err := readSSHString(sigWire)
	if err != nil || string(algo) != "ssh-ed25519" {
		return nil, errors.New("SSH signature: not an ssh-ed25519 signature")
	}
	sig, _, err := readSSHString(r)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, errors.New("SSH signature: malformed signature")
	}
	if !ed25519.Verify(pub, sshSignedData(msg), sig) {
		return nil, errors.New("SSH signature does not match the signed file")
	}
	return pub, nil
}

func parseSSHEd25519(wire []byte) (ed25519.PublicKey, error) {
	algo, r, err := readSSHString(wire)
	if err != nil || string(algo) != "ssh-ed25519" {
		return nil, errors.New("not an ssh-ed25519 key")
	}
	key, _, err := readSSHString(r)
	if err != nil || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("malformed ssh-ed25519 key")
	}
	return ed25519.PublicKey(key), nil
}

// ParseAuthorizedKey reads "ssh-ed25519 AAAA… [comment]".
func ParseAuthorizedKey(line string) (ed25519.PublicKey, error) {
	f := strings.Fields(line)
	if len(f) < 2 || f[0] != "ssh-ed25519" {
		return nil, errors.New("not an ssh-ed25519 public key line")
	}
	wire, err := base64.StdEncoding.DecodeString(f[1])
	if err != nil {
		return nil, err
	}
	return parseSSHEd25519(wire)
}

func readSSHString(b []byte) (s, rest []byte, err error) {
	if len(b) < 4 {
		return nil, nil, errors.New("truncated")
	}
	n := binary.BigEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return nil, nil, errors.New("truncated")
	}
	return b[4 : 4+n], b[4+n:], nil
}
