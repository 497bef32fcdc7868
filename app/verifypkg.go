package app

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/intercepted-eu/workstation/store"
)

// PackageLimits bound what reading a package may cost: a hostile ZIP declares small sizes and
// inflates to gigabytes, or holds millions of entries. Zero fields take the defaults.
type PackageLimits struct {
	MaxFiles     int   // default 200,000
	MaxFileBytes int64 // one file, uncompressed; default 8 GiB
	MaxTotal     int64 // all files, uncompressed; default 64 GiB
	MaxRatio     int64 // uncompressed / compressed of one file; default 1,000
}

func (l PackageLimits) withDefaults() PackageLimits {
	if l.MaxFiles == 0 {
		l.MaxFiles = 200_000
	}
	if l.MaxFileBytes == 0 {
		l.MaxFileBytes = 8 << 30
	}
	if l.MaxTotal == 0 {
		l.MaxTotal = 64 << 30
	}
	if l.MaxRatio == 0 {
		l.MaxRatio = 1000
	}
	return l
}

// PackageProblem is one thing wrong with a package.
type PackageProblem struct {
	File    string `json:"file,omitempty"`
	Problem string `json:"problem"`
}

func (p PackageProblem) String() string {
	if p.File == "" {
		return p.Problem
	}
	return p.File + ": " + p.Problem
}

// PackageReport is the verdict on a package.
type PackageReport struct {
	OK           bool             `json:"ok"`
	Problems     []PackageProblem `json:"problems"`
	MoreProblems int              `json:"more_problems,omitempty"` // not listed, past the first 1,000
	Files        int              `json:"files"`
	Workstation  string           `json:"workstation,omitempty"`
	Officer      string           `json:"officer,omitempty"`
	Key          string           `json:"key,omitempty"` // fingerprint of the signing key
	KeyLine      string           `json:"key_line,omitempty"`
	Case         string           `json:"case,omitempty"`
	Captures     []string         `json:"captures,omitempty"`
	LogEntries   int              `json:"log_entries"`
	SHA256       string           `json:"sha256"` // of the package file
	Manifest     *PackageManifest `json:"-"`
	sums         map[string]string
}

// maxPackageProblems bounds the problems a report lists: a package of a few kilobytes can hold
// millions of malformed lines.
const maxPackageProblems = 1000

func (r *PackageReport) problem(file, format string, args ...any) {
	if len(r.Problems) >= maxPackageProblems {
		r.MoreProblems++
		return
	}
	r.Problems = append(r.Problems, PackageProblem{File: file, Problem: fmt.Sprintf(format, args...)})
}

// ErrNotPackage: the file is not a readable ZIP at all (truncated, or something else).
var ErrNotPackage = errors.New("not a readable evidence package (the ZIP is truncated or is not a ZIP)")

// packageFile is a package opened once: what is verified and what is imported are read through
// this one handle, so a file renamed over the path in between changes nothing.
type packageFile struct {
	f      *os.File
	zr     *zip.Reader
	size   int64
	sha256 string
}

// openPackage opens and hashes a package file. Anything but a regular file (a FIFO, which would
// block for ever, a device, a directory) is refused before it is read.
func openPackage(path string) (*packageFile, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fmt.Errorf("%s: not a regular file (%s), so not a package", path, fileKind(fi.Mode()))
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, fi.Size())); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w (%v)", path, ErrNotPackage, err)
	}
	return &packageFile{f: f, zr: zr, size: fi.Size(), sha256: hex.EncodeToString(h.Sum(nil))}, nil
}

func (p *packageFile) Close() error { return p.f.Close() }

func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&os.ModeNamedPipe != 0:
		return "a FIFO"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSocket != 0:
		return "a socket"
	}
	return m.Type().String()
}

// VerifyPackage checks a package from anyone: every file against SHA256SUMS, the SSH and
// Ed25519 signatures of SHA256SUMS and that they are by the key the package names, the WACZ
// manifest and its digest, the custody entries' hashes and links and the signed head, and
// every capture's artifacts against its record. The report names each problem; an error is
// returned only when the file cannot be read as a ZIP at all.
func VerifyPackage(ctx context.Context, path string, limits PackageLimits) (*PackageReport, error) {
	pf, err := openPackage(path)
	if err != nil {
		return nil, err
	}
	defer pf.Close()
	return verifyPackage(ctx, pf, limits)
}

func verifyPackage(ctx context.Context, pf *packageFile, limits PackageLimits) (*PackageReport, error) {
	v := &pkgVerifier{ctx: ctx, r: &PackageReport{SHA256: pf.sha256}, lim: limits.withDefaults(), files: map[string]*zip.File{}, sums: map[string]string{}}
	v.wholeFile(pf)
	v.verify(pf.zr)
	v.r.OK = len(v.r.Problems) == 0
	v.r.sums = v.sums
	return v.r, ctx.Err()
}

// wholeFile checks that the ZIP is the whole file: bytes before its first entry or after its
// end are covered by no signature, and make the file another than the one the sender logged.
func (v *pkgVerifier) wholeFile(pf *packageFile) {
	var head [30]byte
	first := ""
	if _, err := pf.f.ReadAt(head[:], 0); err == nil && string(head[:4]) == "PK\x03\x04" {
		n, extra := int(binary.LittleEndian.Uint16(head[26:])), int(binary.LittleEndian.Uint16(head[28:]))
		name := make([]byte, n)
		if _, err := pf.f.ReadAt(name, 30); err == nil {
			for _, f := range pf.zr.File {
				if off, err := f.DataOffset(); err == nil && f.Name == string(name) && off == int64(30+n+extra) {
					first = f.Name
					break
				}
			}
		}
	}
	if first == "" && len(pf.zr.File) > 0 {
		v.r.problem("", "the file holds bytes before its first ZIP entry, which no signature covers: not the package as it was exported")
	}
	dir, ok := dirAtEnd(pf)
	if !ok {
		v.r.problem("", "the file holds bytes after the ZIP's entries or its end, which no signature covers: not the package as it was exported")
	} else if first != "" && !contiguous(pf, dir) {
		v.r.problem("", "the file holds bytes between its ZIP entries, which no entry and no signature covers: not the package as it was exported")
	}
}

// contiguous reports a ZIP whose entries follow one another from the start of the file up to
// its central directory at dir: each local header where the last entry's data (and data
// descriptor) ends, naming the entry the directory has there, so that no bytes lie between
// them that a reader going through the file from its start would take for a file.
func contiguous(pf *packageFile, dir int64) bool {
	type at struct {
		f   *zip.File
		off int64
	}
	var list []at
	for _, f := range pf.zr.File {
		off, err := f.DataOffset()
		if err != nil {
			return false
		}
		list = append(list, at{f, off})
	}
	slices.SortFunc(list, func(a, b at) int { return cmp.Compare(a.off, b.off) })
	headerAt := func(pos int64, e at) bool {
		var h [30]byte
		if _, err := pf.f.ReadAt(h[:], pos); err != nil || string(h[:4]) != "PK\x03\x04" {
			return false
		}
		n, x := int64(binary.LittleEndian.Uint16(h[26:])), int64(binary.LittleEndian.Uint16(h[28:]))
		name := make([]byte, n)
		_, err := pf.f.ReadAt(name, pos+30)
		return err == nil && string(name) == e.f.Name && pos+30+n+x == e.off
	}
	pos := int64(0)
	for i, e := range list {
		if !headerAt(pos, e) {
			return false
		}
		end := e.off + int64(e.f.CompressedSize64)
		next := func(p int64) bool {
			if i+1 < len(list) {
				return headerAt(p, list[i+1])
			}
			return p == dir
		}
		if e.f.Flags&0x8 == 0 {
			pos = end
			continue
		}
		// a data descriptor follows the data: a signature or not, sizes of 4 or 8 bytes
		pos = -1
		for _, d := range []int64{16, 24, 12, 20} {
			if next(end + d) {
				pos = end + d
				break
			}
		}
		if pos < 0 {
			return false
		}
	}
	return pos == dir
}

// dirAtEnd reports a ZIP whose central directory (and zip64 end records, if any) runs up to
// its end record, at the very end of the file, from where the end record says, counted from
// the start of the file.
func dirAtEnd(pf *packageFile) (int64, bool) {
	var end [22]byte
	if pf.size < 22 {
		return 0, false
	}
	if _, err := pf.f.ReadAt(end[:], pf.size-22); err != nil || string(end[:4]) != "PK\x05\x06" || end[20] != 0 || end[21] != 0 {
		return 0, false
	}
	size, off := int64(binary.LittleEndian.Uint32(end[12:])), int64(binary.LittleEndian.Uint32(end[16:]))
	if off != 0xFFFFFFFF && size != 0xFFFFFFFF {
		return off, off+size+22 == pf.size
	}
	// zip64: a locator before the end record names the zip64 end record, which names the directory
	var loc [20]byte
	if pf.size < 42 {
		return 0, false
	}
	if _, err := pf.f.ReadAt(loc[:], pf.size-42); err != nil || string(loc[:4]) != "PK\x06\x07" {
		return 0, false
	}
	at := int64(binary.LittleEndian.Uint64(loc[8:]))
	var rec [56]byte
	if at < 0 || at > pf.size-42-56 {
		return 0, false
	}
	if _, err := pf.f.ReadAt(rec[:], at); err != nil || string(rec[:4]) != "PK\x06\x06" {
		return 0, false
	}
	recEnd := at + 12 + int64(binary.LittleEndian.Uint64(rec[4:]))
	size, off = int64(binary.LittleEndian.Uint64(rec[40:])), int64(binary.LittleEndian.Uint64(rec[48:]))
	return off, off+size == at && recEnd == pf.size-42
}

type pkgVerifier struct {
	ctx   context.Context
	r     *PackageReport
	lim   PackageLimits
	files map[string]*zip.File
	sums  map[string]string // path → sha256 as computed
	key   ed25519.PublicKey
}

func (v *pkgVerifier) verify(zr *zip.Reader) {
	if !v.entries(zr) {
		return
	}
	listed := v.checkSums()
	v.checkSignatures(listed)
	v.checkDataPackage()
	v.checkManifest()
	v.checkCustody()
	v.checkCaptures()
	v.checkTimestamps()
}

// entries refuses unsafe names, duplicates, links and bombs before anything is read.
// Directory entries, which a package unpacked and packed again gains ("zip -r"), hold nothing
// and are passed over.
func (v *pkgVerifier) entries(zr *zip.Reader) bool {
	if len(zr.File) > v.lim.MaxFiles {
		v.r.problem("", "holds %d files, more than the %d a package may", len(zr.File), v.lim.MaxFiles)
		return false
	}
	var total uint64
	ok := true
	for _, f := range zr.File {
		if dir, isDir := strings.CutSuffix(f.Name, "/"); isDir && f.Mode().IsDir() && f.UncompressedSize64 == 0 && f.CompressedSize64 == 0 && safePackagePath(dir) {
			continue
		}
		switch {
		case !safePackagePath(f.Name):
			v.r.problem(f.Name, "unsafe file name (absolute, with .., or empty parts): refused")
			ok = false
			continue
		case v.files[f.Name] != nil:
			v.r.problem(f.Name, "appears twice in the ZIP")
			ok = false
			continue
		case !f.Mode().IsRegular():
			v.r.problem(f.Name, "is %s, not a file: refused", entryKind(f.Mode()))
			ok = false
		case f.UncompressedSize64 > uint64(v.lim.MaxFileBytes):
			v.r.problem(f.Name, "declares %d bytes, over the limit of %d", f.UncompressedSize64, v.lim.MaxFileBytes)
			ok = false
		case f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > uint64(v.lim.MaxRatio):
			v.r.problem(f.Name, "compressed %d:1, a decompression bomb: refused", f.UncompressedSize64/f.CompressedSize64)
			ok = false
		}
		total += f.UncompressedSize64
		v.files[f.Name] = f
	}
	if total > uint64(v.lim.MaxTotal) {
		v.r.problem("", "declares %d bytes in all, over the limit of %d", total, v.lim.MaxTotal)
		ok = false
	}
	v.r.Files = len(v.files)
	return ok
}

func entryKind(m os.FileMode) string {
	if m&os.ModeSymlink != 0 {
		return "a symbolic link"
	}
	return fileKind(m)
}

// read returns a file's bytes, at most its declared size (a lying header cannot inflate more).
func (v *pkgVerifier) read(name string, max int64) ([]byte, error) {
	f := v.files[name]
	if f == nil {
		return nil, errors.New("missing")
	}
	if int64(f.UncompressedSize64) > max {
		return nil, fmt.Errorf("%d bytes, more than this file may be", f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err == nil && int64(len(b)) > int64(f.UncompressedSize64) {
		err = errors.New("inflates to more than its declared size")
	}
	return b, err
}

// hash streams a file through SHA-256, checking the ZIP's own CRC on the way.
func (v *pkgVerifier) hash(f *zip.File) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	if err != nil {
		return "", err
	}
	if n != int64(f.UncompressedSize64) {
		return "", errors.New("size differs from the ZIP directory")
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// checkSums hashes every file and compares with SHA256SUMS; it returns the SHA256SUMS bytes.
func (v *pkgVerifier) checkSums() []byte {
	sums, err := v.read(pkgSums, 64<<20)
	if err != nil {
		v.r.problem(pkgSums, "%v: the package cannot be checked", err)
		return nil
	}
	want := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 {
			v.r.problem(pkgSums, "malformed line %q", sc.Text())
			continue
		}
		if want[name] = sum; len(want) > v.lim.MaxFiles {
			v.r.problem(pkgSums, "lists more than the %d files a package may", v.lim.MaxFiles)
			return nil
		}
	}
	names := make([]string, 0, len(v.files))
	for name := range v.files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if v.ctx.Err() != nil {
			return nil
		}
		if name == pkgSums || name == pkgSSHSig || name == pkgRawSig {
			continue
		}
		got, err := v.hash(v.files[name])
		if err != nil {
			v.r.problem(name, "unreadable: %v", err)
			continue
		}
		v.sums[name] = got
		switch w, ok := want[name]; {
		case !ok:
			v.r.problem(name, "is not listed in SHA256SUMS (added after signing)")
		case w != got:
			v.r.problem(name, "SHA-256 is %s, SHA256SUMS says %s: the file was changed", got, w)
		}
	}
	for name := range want {
		if v.files[name] == nil {
			v.r.problem(name, "is listed in SHA256SUMS but missing from the package (removed)")
		}
	}
	return sums
}

// checkSignatures checks both signatures of SHA256SUMS and that they are by the package's key.
func (v *pkgVerifier) checkSignatures(sums []byte) {
	if sums == nil {
		return
	}
	line, err := v.read(pkgPubKey, 64<<10)
	if err != nil {
		v.r.problem(pkgPubKey, "%v", err)
		return
	}
	key, err := ParseAuthorizedKey(string(line))
	if err != nil {
		v.r.problem(pkgPubKey, "%v", err)
		return
	}
	v.key = key
	v.r.Key, v.r.KeyLine = KeyFingerprint(key), strings.TrimSpace(string(line))
	armored, err := v.read(pkgSSHSig, 64<<10)
	if err != nil {
		v.r.problem(pkgSSHSig, "%v", err)
	} else if signer, err := VerifySSHSignature(armored, sums); err != nil {
		v.r.problem(pkgSSHSig, "%v", err)
	} else if !signer.Equal(key) {
		v.r.problem(pkgSSHSig, "signed by %s, not by the package's key %s", KeyFingerprint(signer), v.r.Key)
	}
	raw, err := v.read(pkgRawSig, 1024)
	if err != nil {
		v.r.problem(pkgRawSig, "%v", err)
	} else if !ed25519.Verify(key, sums, raw) {
		v.r.problem(pkgRawSig, "the Ed25519 signature does not match SHA256SUMS and the package's key")
	}
}

// checkDataPackage compares the WACZ manifest with the files and its digest with itself.
func (v *pkgVerifier) checkDataPackage() {
	b, err := v.read(pkgDataPackage, 64<<20)
	if err != nil {
		v.r.problem(pkgDataPackage, "%v", err)
		return
	}
	var dp struct {
		Profile   string `json:"profile"`
		Resources []struct {
			Path  string `json:"path"`
			Hash  string `json:"hash"`
			Bytes int64  `json:"bytes"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		v.r.problem(pkgDataPackage, "unreadable: %v", err)
		return
	}
	if dp.Profile != "wacz" && dp.Profile != "data-package" { // 1.2 says wacz; 1.1 and readers of it data-package
		v.r.problem(pkgDataPackage, "profile is %q, not wacz", dp.Profile)
	}
	for _, res := range dp.Resources {
		f := v.files[res.Path]
		switch {
		case f == nil:
			v.r.problem(res.Path, "is listed in datapackage.json but missing")
		case v.sums[res.Path] != "" && "sha256:"+v.sums[res.Path] != res.Hash:
			v.r.problem(res.Path, "does not match its hash in datapackage.json")
		case int64(f.UncompressedSize64) != res.Bytes:
			v.r.problem(res.Path, "is %d bytes, datapackage.json says %d", f.UncompressedSize64, res.Bytes)
		}
	}
	d, err := v.read(pkgDigest, 64<<10)
	if err != nil {
		v.r.problem(pkgDigest, "%v", err)
		return
	}
	var dg struct{ Path, Hash string }
	if json.Unmarshal(d, &dg) != nil || dg.Path != pkgDataPackage {
		v.r.problem(pkgDigest, "unreadable")
		return
	}
	if sum := sha256.Sum256(b); dg.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
		v.r.problem(pkgDigest, "does not match datapackage.json")
	}
}

func (v *pkgVerifier) checkManifest() {
	b, err := v.read(pkgManifest, 64<<20)
	if err != nil {
		v.r.problem(pkgManifest, "%v", err)
		return
	}
	var m PackageManifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != packageFormat {
		v.r.problem(pkgManifest, "not an %s manifest (%v)", packageFormat, err)
		return
	}
	v.r.Manifest, v.r.Workstation, v.r.Officer, v.r.Case, v.r.Captures = &m, m.Workstation, m.Officer, m.Case.ID, m.Captures
	seen := map[string]bool{}
	for _, id := range m.Captures {
		if seen[id] {
			v.r.problem(pkgManifest, "lists capture %s twice", id)
		}
		seen[id] = true
	}
	if v.key != nil {
		if k, err := ParseAuthorizedKey(m.Key); err != nil || !k.Equal(v.key) {
			v.r.problem(pkgManifest, "names another key than keys/workstation.pub")
		}
		// the name shown next to the key is the key's own, not one the package claims
		if id := store.WorkstationIDOf(v.key); m.Workstation != id {
			v.r.problem(pkgManifest, "names workstation %q, but the signing key is workstation %s's", m.Workstation, id)
		}
	}
}

// maxLogLine bounds one custody entry of a package.
const maxLogLine = 4 << 20

// checkCustody checks each entry's hash, the links between consecutive entries and the head.
// The log is read a line at a time, however long it is.
func (v *pkgVerifier) checkCustody() {
	f := v.files[pkgLog]
	switch {
	case f == nil:
		v.r.problem(pkgLog, "missing")
		return
	case f.UncompressedSize64 > 1<<30:
		v.r.problem(pkgLog, "%d bytes, more than this file may be", f.UncompressedSize64)
		return
	}
	rc, err := f.Open()
	if err != nil {
		v.r.problem(pkgLog, "%v", err)
		return
	}
	defer rc.Close()
	var prev *store.Entry
	sc := bufio.NewScanner(io.LimitReader(rc, int64(f.UncompressedSize64)))
	sc.Buffer(nil, maxLogLine)
	for i := 1; sc.Scan(); i++ {
		if i%1024 == 0 && v.ctx.Err() != nil {
			return
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var e store.Entry
		if err := json.Unmarshal(line, &e); err != nil {
			v.r.problem(pkgLog, "line %d unreadable: %v", i, err)
			continue
		}
		if !e.HashOK() {
			v.r.problem(pkgLog, "entry %d does not match its hash: it was changed", e.Seq)
		}
		if prev != nil && e.Seq <= prev.Seq {
			v.r.problem(pkgLog, "entry %d comes after entry %d: out of order", e.Seq, prev.Seq)
		}
		if prev != nil && e.Seq == prev.Seq+1 && e.Prev != prev.Hash {
			v.r.problem(pkgLog, "entry %d does not link to entry %d", e.Seq, prev.Seq)
		}
		prev = &e
		v.r.LogEntries++
	}
	if err := sc.Err(); err != nil {
		v.r.problem(pkgLog, "unreadable after entry %d: %v", v.r.LogEntries, err)
		return
	}
	hb, err := v.read(pkgHead, 64<<10)
	if err != nil {
		v.r.problem(pkgHead, "%v", err)
		return
	}
	var h store.Head
	if err := json.Unmarshal(hb, &h); err != nil {
		v.r.problem(pkgHead, "unreadable: %v", err)
		return
	}
	if v.key != nil && !store.VerifyHead(v.key, h) {
		v.r.problem(pkgHead, "the custody-log head is not signed by the package's key")
	}
	if prev != nil && prev.Seq > h.Seq {
		v.r.problem(pkgHead, "entry %d is newer than the signed head %d", prev.Seq, h.Seq)
	}
	if prev != nil && prev.Seq == h.Seq && prev.Hash != h.Hash {
		v.r.problem(pkgHead, "the last entry is not the one the head signs")
	}
}

// checkCaptures checks that every artifact a capture record names is in the package, unchanged.
func (v *pkgVerifier) checkCaptures() {
	if v.r.Manifest == nil {
		return
	}
	for _, id := range v.r.Manifest.Captures {
		if v.ctx.Err() != nil {
			return
		}
		name := "captures/" + id + "/record.json"
		b, err := v.read(name, 64<<20)
		if err != nil {
			v.r.problem(name, "%v", err)
			continue
		}
		var c StoredCapture
		if err := json.Unmarshal(b, &c); err != nil || c.ID != id {
			v.r.problem(name, "not the record of capture %s", id)
			continue
		}
		for _, a := range c.Artifacts {
			p := artifactPath(id, a.Kind, a.Name)
			if a.Kind == "warc" {
				v.checkRedaction(id, a.SHA256, p)
				continue
			}
			if got := v.sums[p]; got != a.SHA256 {
				v.r.problem(p, "artifact %s of capture %s is missing or differs from the capture record", a.Name, id)
			}
		}
	}
}

// artifactPath is where an artifact of a capture is in a package.
func artifactPath(captureID, kind, name string) string {
	if kind == "warc" {
		return "archive/" + captureID + ".warc.gz"
	}
	return "captures/" + captureID + "/" + name
}

// checkRedaction checks that a package's WARC is the redacted copy its note says it is, of the
// WARC the capture record names.
func (v *pkgVerifier) checkRedaction(id, original, path string) {
	name := "captures/" + id + "/warc-redaction.json"
	b, err := v.read(name, 64<<10)
	if err != nil {
		v.r.problem(name, "%v", err)
		return
	}
	var red WARCRedaction
	if err := json.Unmarshal(b, &red); err != nil {
		v.r.problem(name, "unreadable: %v", err)
		return
	}
	if red.Original != original {
		v.r.problem(name, "names another original WARC than the capture record")
	}
	if got := v.sums[path]; got == "" || got != red.Redacted {
		v.r.problem(path, "is missing or is not the redacted copy of capture %s's WARC", id)
	}
}
