package app

import (
	"crypto/rand"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// The RFC 3161 messages, as little of them as the workstation needs: it builds a request,
// reads the TSA's response down to the TSTInfo, and keeps the response's DER unchanged, since
// that is what `openssl ts -verify` and every other RFC 3161 tool read. It does not check the
// TSA's signature: that needs the TSA's CA, which the recipient of a package holds.

var (
	oidSHA256     = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSignedData = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidTSTInfo    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 1, 4}
)

// PKIStatus values (RFC 3161 §2.4.2).
const (
	tspGranted         = 0
	tspGrantedWithMods = 1
)

type messageImprint struct {
	HashAlgorithm pkix.AlgorithmIdentifier
	HashedMessage []byte
}

// timeStampReq is TimeStampReq without reqPolicy and extensions, which the workstation never sets.
type timeStampReq struct {
	Version        int
	MessageImprint messageImprint
	Nonce          *big.Int `asn1:"optional"`
	CertReq        bool     `asn1:"optional,default:false"`
}

type pkiStatusInfo struct {
	Status       int
	StatusString []string       `asn1:"optional"`
	FailInfo     asn1.BitString `asn1:"optional"`
}

type timeStampResp struct {
	Status         pkiStatusInfo
	TimeStampToken asn1.RawValue `asn1:"optional"`
}

type contentInfo struct {
	ContentType asn1.ObjectIdentifier
	Content     asn1.RawValue `asn1:"explicit,tag:0"`
}

// signedData is CMS SignedData up to the content; the certificates and signer infos that follow
// are left to the tools that check signatures.
type signedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContentInfo struct {
		EContentType asn1.ObjectIdentifier
		EContent     []byte `asn1:"explicit,optional,tag:0"`
	}
}

type accuracy struct {
	Seconds int `asn1:"optional"`
	Millis  int `asn1:"optional,tag:0"`
	Micros  int `asn1:"optional,tag:1"`
}

// tstInfo is TSTInfo up to the nonce; the TSA's name and extensions are not needed.
type tstInfo struct {
	Version        int
	Policy         asn1.ObjectIdentifier
	MessageImprint messageImprint
	SerialNumber   *big.Int
	GenTime        time.Time `asn1:"generalized"`
	Accuracy       accuracy  `asn1:"optional"`
	Ordering       bool      `asn1:"optional,default:false"`
	Nonce          *big.Int  `asn1:"optional"`
}

// tsQuery is one request to send and what its answer must match.
type tsQuery struct {
	digest []byte
	nonce  *big.Int
	der    []byte
}

// newTSQuery builds a DER TimeStampReq for a SHA-256 digest, with a fresh 64-bit nonce and a
// request for the TSA's certificate, so that the token can be checked without fetching it.
func newTSQuery(digest []byte) (tsQuery, error) {
	if len(digest) != 32 {
		return tsQuery{}, fmt.Errorf("a SHA-256 digest is 32 bytes, not %d", len(digest))
	}
	nonce, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return tsQuery{}, err
	}
	der, err := asn1.Marshal(timeStampReq{Version: 1, Nonce: nonce, CertReq: true,
		MessageImprint: messageImprint{HashAlgorithm: pkix.AlgorithmIdentifier{Algorithm: oidSHA256}, HashedMessage: digest}})
	return tsQuery{digest: digest, nonce: nonce, der: der}, err
}

// tsToken is what the workstation reads of a granted response.
type tsToken struct {
	info   tstInfo
	status int
}

// errTokenFormat marks a response that is not well-formed RFC 3161.
var errTokenFormat = errors.New("not an RFC 3161 time-stamp response")

// parseTSResponse reads a DER TimeStampResp down to its TSTInfo. A response that the TSA
// refused returns an error wrapping ErrTSARefused with the TSA's own words.
func parseTSResponse(der []byte) (tsToken, error) {
	var resp timeStampResp
	if rest, err := asn1.Unmarshal(der, &resp); err != nil || len(rest) > 0 {
		return tsToken{}, fmt.Errorf("%w: %v", errTokenFormat, trailing(err, rest))
	}
	st := resp.Status
	if st.Status != tspGranted && st.Status != tspGrantedWithMods {
		return tsToken{}, fmt.Errorf("%w: status %d%s (failure: %s)", ErrTSARefused, st.Status,
			quoteAll(st.StatusString), bitString(st.FailInfo))
	}
	if len(resp.TimeStampToken.FullBytes) == 0 {
		return tsToken{}, fmt.Errorf("%w: status granted but no token", errTokenFormat)
	}
	var ci contentInfo
	if rest, err := asn1.Unmarshal(resp.TimeStampToken.FullBytes, &ci); err != nil || len(rest) > 0 {
		return tsToken{}, fmt.Errorf("%w: token: %v", errTokenFormat, trailing(err, rest))
	}
	if !ci.ContentType.Equal(oidSignedData) {
		return tsToken{}, fmt.Errorf("%w: token is %v, not CMS SignedData", errTokenFormat, ci.ContentType)
	}
	var sd signedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return tsToken{}, fmt.Errorf("%w: SignedData: %v", errTokenFormat, err)
	}
	if !sd.EncapContentInfo.EContentType.Equal(oidTSTInfo) || len(sd.EncapContentInfo.EContent) == 0 {
		return tsToken{}, fmt.Errorf("%w: the signed content is not a TSTInfo", errTokenFormat)
	}
	var info tstInfo
	if rest, err := asn1.Unmarshal(sd.EncapContentInfo.EContent, &info); err != nil || len(rest) > 0 {
		return tsToken{}, fmt.Errorf("%w: TSTInfo: %v", errTokenFormat, trailing(err, rest))
	}
	if info.Version != 1 || info.SerialNumber == nil || info.GenTime.IsZero() {
		return tsToken{}, fmt.Errorf("%w: TSTInfo lacks its version, serial number or time", errTokenFormat)
	}
	return tsToken{info: info, status: st.Status}, nil
}

// sha256Imprint returns the digest a token covers, or an error when it is not a SHA-256 one.
func (t tsToken) sha256Imprint() ([]byte, error) {
	mi := t.info.MessageImprint
	if !mi.HashAlgorithm.Algorithm.Equal(oidSHA256) || len(mi.HashedMessage) != 32 {
		return nil, fmt.Errorf("the token covers a %v digest, not a SHA-256 one", mi.HashAlgorithm.Algorithm)
	}
	return mi.HashedMessage, nil
}

// matches checks that a token answers q: the same SHA-256 digest and the same nonce.
func (t tsToken) matches(q tsQuery) error {
	got, err := t.sha256Imprint()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrTokenMismatch, err)
	}
	if string(got) != string(q.digest) {
		return fmt.Errorf("%w: it timestamps %x, not the %x asked for", ErrTokenMismatch, got, q.digest)
	}
	if t.info.Nonce == nil || t.info.Nonce.Cmp(q.nonce) != 0 {
		return fmt.Errorf("%w: its nonce is not the request's (a replayed or misrouted answer)", ErrTokenMismatch)
	}
	return nil
}

func trailing(err error, rest []byte) error {
	if err == nil && len(rest) > 0 {
		return fmt.Errorf("%d bytes of trailing data", len(rest))
	}
	return err
}

func quoteAll(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return ` "` + strings.Join(ss, `", "`) + `"`
}

// failureName names a PKIFailureInfo bit of RFC 3161 §2.4.2.
func failureName(bit int) string {
	switch bit {
	case 0:
		return "badAlg (the TSA does not accept SHA-256)"
	case 2:
		return "badRequest"
	case 5:
		return "badDataFormat"
	case 14:
		return "timeNotAvailable (the TSA's clock is not available)"
	case 15:
		return "unacceptedPolicy"
	case 16:
		return "unacceptedExtension"
	case 17:
		return "addInfoNotAvailable"
	case 25:
		return "systemFailure"
	}
	return fmt.Sprint("bit ", bit)
}

func bitString(b asn1.BitString) string {
	var on []string
	for i := range b.BitLength {
		if b.At(i) == 1 {
			on = append(on, failureName(i))
		}
	}
	if len(on) == 0 {
		return "none"
	}
	return strings.Join(on, ",")
}
