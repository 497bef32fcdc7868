package app

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
)

// The RFC 3161 messages, as little of them as the workstation needs: it builds a request,
// reads the TSA's response down to the TSTInfo, and keeps the response's DER unchanged, since
// that is what `openssl ts -verify` and every other RFC 3161 tool read. It checks that the
// token is signed (checkTokenSignature): by the certificate the token carries, a time-stamping
// certificate, over the TSTInfo as it is. Whether that certificate is one to trust needs the
// TSA's CA, which the recipient of a package holds.

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
	if err := checkTokenSignature(ci.Content.Bytes); err != nil {
		return tsToken{}, fmt.Errorf("%w: %v", ErrTokenSignature, err)
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

// ErrTokenSignature: a token whose signature does not hold (no signer, no certificate to check
// it with, or a TSTInfo other than the one signed). A token that passes is signed by the
// certificate it carries; that this certificate is the TSA's is not checked here (it takes the
// TSA's CA, as with openssl ts -verify -CAfile), so a TSA reached over plain http, or one the
// officer should not have trusted, can still sign any time it likes.
var ErrTokenSignature = errors.New("the time-stamp token's signature does not hold")

// cmsSignedData is CMS SignedData (RFC 5652 §5.1) whole.
type cmsSignedData struct {
	Version          int
	DigestAlgorithms asn1.RawValue
	EncapContentInfo struct {
		EContentType asn1.ObjectIdentifier
		EContent     []byte `asn1:"explicit,optional,tag:0"`
	}
	Certificates asn1.RawValue   `asn1:"optional,tag:0"`
	CRLs         asn1.RawValue   `asn1:"optional,tag:1"`
	SignerInfos  []cmsSignerInfo `asn1:"set"`
}

type cmsSignerInfo struct {
	Version            int
	SID                asn1.RawValue
	DigestAlgorithm    pkix.AlgorithmIdentifier
	SignedAttrs        asn1.RawValue `asn1:"optional,tag:0"`
	SignatureAlgorithm pkix.AlgorithmIdentifier
	Signature          []byte
	UnsignedAttrs      asn1.RawValue `asn1:"optional,tag:1"`
}

type cmsAttribute struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

type issuerAndSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

var (
	oidContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
)

// cmsDigest is a digest a signer may use, with the signature algorithms it makes with each
// kind of key.
type cmsDigest struct {
	oid                asn1.ObjectIdentifier
	hash               crypto.Hash
	rsa, ecdsa, rsaPSS x509.SignatureAlgorithm
}

var cmsDigests = []cmsDigest{
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}, crypto.SHA256, x509.SHA256WithRSA, x509.ECDSAWithSHA256, x509.SHA256WithRSAPSS},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 2}, crypto.SHA384, x509.SHA384WithRSA, x509.ECDSAWithSHA384, x509.SHA384WithRSAPSS},
	{asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 3}, crypto.SHA512, x509.SHA512WithRSA, x509.ECDSAWithSHA512, x509.SHA512WithRSAPSS},
	{asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}, crypto.SHA1, x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.UnknownSignatureAlgorithm},
}

var oidRSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}

// checkTokenSignature checks the SignedData of a token: one signer, found among the token's
// certificates, a certificate for time-stamping, whose signature over the signed attributes
// holds, and those attributes name the TSTInfo and its digest.
func checkTokenSignature(der []byte) error {
	var sd cmsSignedData
	if _, err := asn1.Unmarshal(der, &sd); err != nil {
		return fmt.Errorf("SignedData: %v", err)
	}
	if len(sd.SignerInfos) != 1 {
		return fmt.Errorf("%d signers, not one", len(sd.SignerInfos))
	}
	si := sd.SignerInfos[0]
	if len(sd.Certificates.Bytes) == 0 {
		return errors.New("it carries no certificate to check its signature with")
	}
	certs, err := x509.ParseCertificates(sd.Certificates.Bytes)
	if err != nil {
		return fmt.Errorf("its certificates: %v", err)
	}
	cert := signerCert(certs, si.SID)
	if cert == nil {
		return errors.New("the signer's certificate is not in it")
	}
	if !slices.Contains(cert.ExtKeyUsage, x509.ExtKeyUsageTimeStamping) {
		return fmt.Errorf("the signer's certificate (%s) is not one for time-stamping", cert.Subject)
	}
	i := slices.IndexFunc(cmsDigests, func(d cmsDigest) bool { return d.oid.Equal(si.DigestAlgorithm.Algorithm) })
	if i < 0 {
		return fmt.Errorf("digest %v is not one this workstation checks", si.DigestAlgorithm.Algorithm)
	}
	dg := cmsDigests[i]
	if len(si.SignedAttrs.FullBytes) == 0 {
		return errors.New("it has no signed attributes")
	}
	// the signature covers the attributes as a SET, not as the [0] they are tagged with here
	signed := append([]byte{0x31}, si.SignedAttrs.FullBytes[1:]...)
	var attrs []cmsAttribute
	if _, err := asn1.UnmarshalWithParams(signed, &attrs, "set"); err != nil {
		return fmt.Errorf("signed attributes: %v", err)
	}
	var typeOK, digestOK bool
	h := dg.hash.New()
	h.Write(sd.EncapContentInfo.EContent)
	for _, a := range attrs {
		switch {
		case a.Type.Equal(oidContentType):
			var ct asn1.ObjectIdentifier
			_, err := asn1.Unmarshal(a.Values.Bytes, &ct)
			typeOK = err == nil && ct.Equal(oidTSTInfo)
		case a.Type.Equal(oidMessageDigest):
			var md []byte
			_, err := asn1.Unmarshal(a.Values.Bytes, &md)
			digestOK = err == nil && bytes.Equal(md, h.Sum(nil))
		}
	}
	if !typeOK || !digestOK {
		return errors.New("the signed attributes do not name this TSTInfo: it was changed after signing")
	}
	alg := x509.UnknownSignatureAlgorithm
	switch cert.PublicKeyAlgorithm {
	case x509.RSA:
		alg = dg.rsa
		if si.SignatureAlgorithm.Algorithm.Equal(oidRSAPSS) {
			alg = dg.rsaPSS
		}
	case x509.ECDSA:
		alg = dg.ecdsa
	case x509.Ed25519:
		alg = x509.PureEd25519
	}
	if err := cert.CheckSignature(alg, signed, si.Signature); err != nil {
		return fmt.Errorf("the signature by %s does not hold: %v", cert.Subject, err)
	}
	return nil
}

// signerCert finds the certificate a signer identifier names.
func signerCert(certs []*x509.Certificate, sid asn1.RawValue) *x509.Certificate {
	for _, c := range certs {
		switch {
		case sid.Class == asn1.ClassUniversal && sid.Tag == asn1.TagSequence:
			var is issuerAndSerial
			if _, err := asn1.Unmarshal(sid.FullBytes, &is); err == nil && is.Serial != nil &&
				bytes.Equal(is.Issuer.FullBytes, c.RawIssuer) && is.Serial.Cmp(c.SerialNumber) == 0 {
				return c
			}
		case sid.Class == asn1.ClassContextSpecific && sid.Tag == 0:
			if len(c.SubjectKeyId) > 0 && bytes.Equal(sid.Bytes, c.SubjectKeyId) {
				return c
			}
		}
	}
	return nil
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
