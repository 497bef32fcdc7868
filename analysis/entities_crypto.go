package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"

	"golang.org/x/crypto/sha3"
)

// Crypto wallets are whole alphanumeric tokens of the original text whose checksum holds, so
// that random strings do not match:
//   - Bitcoin bech32/bech32m "bc1…" (BIP 173/350 checksum, witness program length);
//   - Base58Check (double SHA-256): Bitcoin "1…"/"3…", Tron "T…", Litecoin "L…"/"M…",
//     Dogecoin "D…", told apart by the version byte;
//   - Ethereum (and every EVM chain: USDT-ERC20, BSC) "0x" and 40 hex digits; mixed case must
//     pass the EIP-55 checksum;
//   - Monero "4…"/"8…" in 95 or 106 characters (Monero's block base58 and Keccak checksum).
//
// USDT and other tokens have no address format of their own: a TRC-20 wallet is a Tron
// address, an ERC-20 one an Ethereum address. Values are as written, lower case for hex and
// bech32. Wallets are matched as written only: base58 is case-sensitive, so the normalised
// text cannot be used.

// minWallet is the length of the shortest token read as a wallet.
const minWallet = 26

func (x *extraction) cryptos(src source) {
	s := src.s
	if x.surveyed && !src.mapped { // the survey kept the long tokens
		for _, t := range x.sv.tokens {
			x.wallet(src, t.Start, t.End)
		}
		return
	}
	// A token of 26 characters or more covers the 26th byte from where the last one ended:
	// the bytes before it need not be read.
	for i := 0; i+minWallet <= len(s); {
		k := i + minWallet - 1
		if !isASCIIAlnum(s[k]) {
			i = k + 1
			continue
		}
		for k > i && isASCIIAlnum(s[k-1]) {
			k--
		}
		i = k
		j := i + 1
		for j < len(s) && isASCIIAlnum(s[j]) {
			j++
		}
		if j-i >= minWallet {
			x.wallet(src, i, j)
		}
		i = j
	}
}

// wallet records the token s[i:j] if it is a wallet.
func (x *extraction) wallet(src source, i, j int) {
	if s := src.s; cryptoBoundary(s, i, j) {
		if chain, v := wallet(s[i:j]); chain != "" {
			x.add(src, Entity{Type: EntityCrypto, Value: v, Platform: chain}, i, j)
		}
	}
}

// cryptoBoundary reports that the token s[i:j] is not glued to letters of another script or
// to an underscore.
func cryptoBoundary(s string, i, j int) bool {
	r, _ := runeBefore(s, i)
	r2, _ := runeAt(s, j)
	return !isAlnumRune(r) && !isAlnumRune(r2) && r != '_' && r2 != '_'
}

// wallet returns the chain and canonical value of a token, or "".
func wallet(t string) (chain, value string) {
	switch {
	case len(t) == 42 && (t[:2] == "0x" || t[:2] == "0X"):
		if ethAddress(t[2:]) {
			return "ethereum", "0x" + strings.ToLower(t[2:])
		}
	case len(t) >= 14 && len(t) <= 74 && strings.EqualFold(t[:3], "bc1"):
		if bech32Address(t) {
			return "bitcoin", strings.ToLower(t)
		}
	case (len(t) == 95 || len(t) == 106) && (t[0] == '4' || t[0] == '8'):
		if moneroAddress(t) {
			return "monero", t
		}
	case len(t) >= 26 && len(t) <= 35:
		if c := base58Chain(t); c != "" {
			return c, t
		}
	}
	return "", ""
}

func ethAddress(h string) bool {
	if _, err := hex.DecodeString(h); err != nil {
		return false
	}
	lower, upper := strings.ToLower(h), strings.ToUpper(h)
	if h == lower || h == upper {
		return true
	}
	// EIP-55: a letter is upper case when the matching nibble of Keccak-256(lower) is >= 8.
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte(lower))
	sum := k.Sum(nil)
	for i := 0; i < len(h); i++ {
		c := h[i]
		if isDigit(c) {
			continue
		}
		nibble := sum[i/2] >> 4
		if i%2 == 1 {
			nibble = sum[i/2] & 0xF
		}
		if (nibble >= 8) != ('A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

var base58Index = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = int8(i)
	}
	return t
}()

// base58Decode decodes Bitcoin-alphabet base58 into out (big-endian, leading '1's as zero
// bytes). It returns false on a character outside the alphabet or an overlong value.
func base58Decode(t string, out []byte) ([]byte, bool) {
	out = out[:0]
	zeros := 0
	for zeros < len(t) && t[zeros] == '1' {
		zeros++
	}
	var n [40]byte // little-endian accumulator
	size := 0
	for i := 0; i < len(t); i++ {
		v := base58Index[t[i]]
		if v < 0 {
			return nil, false
		}
		carry := int(v)
		for k := 0; k < size; k++ {
			carry += int(n[k]) * 58
			n[k] = byte(carry)
			carry >>= 8
		}
		for carry > 0 {
			if size == len(n) {
				return nil, false
			}
			n[size] = byte(carry)
			size++
			carry >>= 8
		}
	}
	for range zeros {
		out = append(out, 0)
	}
	for k := size - 1; k >= 0; k-- {
		out = append(out, n[k])
	}
	return out, true
}

// base58Chain checks a Base58Check address of 25 bytes and names its chain by version byte.
func base58Chain(t string) string {
	var buf [40]byte
	b, ok := base58Decode(t, buf[:0])
	if !ok || len(b) != 25 {
		return ""
	}
	first := sha256.Sum256(b[:21])
	second := sha256.Sum256(first[:])
	if string(second[:4]) != string(b[21:]) {
		return ""
	}
	switch b[0] {
	case 0x00, 0x05:
		return "bitcoin"
	case 0x41:
		return "tron"
	case 0x30, 0x32:
		return "litecoin"
	case 0x1E, 0x16:
		return "dogecoin"
	}
	return ""
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// bech32Address checks a native SegWit Bitcoin address: bech32 for witness version 0 (20 or
// 32 bytes of program), bech32m for versions 1 to 16.
func bech32Address(t string) bool {
	if t != strings.ToLower(t) && t != strings.ToUpper(t) {
		return false
	}
	t = strings.ToLower(t)
	const hrp = "bc"
	data := t[len(hrp)+1:]
	if len(data) < 7 {
		return false
	}
	values := make([]byte, len(data))
	for i := 0; i < len(data); i++ {
		v := strings.IndexByte(bech32Charset, data[i])
		if v < 0 {
			return false
		}
		values[i] = byte(v)
	}
	chk := bech32Polymod(hrp, values)
	version := values[0]
	switch {
	case version == 0 && chk != 1:
		return false
	case version > 16 || (version > 0 && chk != 0x2bc830a3):
		return false
	}
	// the program: the 5-bit groups between the version and the 6 checksum values, as bytes;
	// at most 4 padding bits, all zero
	groups := values[1 : len(values)-6]
	prog, pad := len(groups)*5/8, len(groups)*5%8
	if len(groups) == 0 || pad > 4 || groups[len(groups)-1]&(1<<pad-1) != 0 {
		return false
	}
	if version == 0 {
		return prog == 20 || prog == 32
	}
	return prog >= 2 && prog <= 40
}

func bech32Polymod(hrp string, values []byte) uint32 {
	gen := [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	chk := uint32(1)
	step := func(v byte) {
		top := chk >> 25
		chk = (chk&0x1ffffff)<<5 ^ uint32(v)
		for i := range 5 {
			if (top>>i)&1 == 1 {
				chk ^= gen[i]
			}
		}
	}
	for i := 0; i < len(hrp); i++ {
		step(hrp[i] >> 5)
	}
	step(0)
	for i := 0; i < len(hrp); i++ {
		step(hrp[i] & 31)
	}
	for _, v := range values {
		step(v)
	}
	return chk
}

// moneroAddress checks a Monero address: base58 in blocks of 11 characters for 8 bytes,
// then a network byte, two 32-byte keys (and an 8-byte payment id when integrated) and the
// first 4 bytes of their Keccak-256.
func moneroAddress(t string) bool {
	var out []byte
	for i := 0; i < len(t); i += 11 {
		block := t[i:min(i+11, len(t))]
		size := moneroBlockSize(len(block))
		if size < 0 {
			return false
		}
		var v uint64
		for k := 0; k < len(block); k++ {
			d := base58Index[block[k]]
			if d < 0 {
				return false
			}
			hi, lo := bits.Mul64(v, 58)
			sum, carry := bits.Add64(lo, uint64(d), 0)
			if hi != 0 || carry != 0 {
				return false
			}
			v = sum
		}
		if size < 8 && v>>(8*uint(size)) != 0 {
			return false
		}
		for k := size - 1; k >= 0; k-- {
			out = append(out, byte(v>>(8*uint(k))))
		}
	}
	if len(out) != 69 && len(out) != 77 {
		return false
	}
	switch out[0] {
	case 18, 19, 42: // standard, integrated, subaddress
	default:
		return false
	}
	if (out[0] == 19) != (len(out) == 77) {
		return false
	}
	k := sha3.NewLegacyKeccak256()
	k.Write(out[:len(out)-4])
	sum := k.Sum(nil)
	return string(sum[:4]) == string(out[len(out)-4:])
}

// moneroBlockSize maps an encoded block length to its decoded byte count.
func moneroBlockSize(n int) int {
	for size, enc := range [9]int{0, 2, 3, 5, 6, 7, 9, 10, 11} {
		if enc == n {
			return size
		}
	}
	return -1
}
