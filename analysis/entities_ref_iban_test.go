// Code generated from entities_iban.go at fdbfaac for the differential test; DO NOT EDIT.

package analysis

import (
	"strings"
	"unicode/utf8"
)

// IBANs (ISO 13616) start a token with a country code and two check digits, run to exactly
// the length registered for the country, with up to two spaces or one hyphen allowed between
// characters ("IT60 X054 2811 1010 0000 0123 456"), and pass the mod-97
// check. The value is upper case without separators.

func (x *erefExtraction) ibans(src erefSource) {
	s := src.s
	for i := 0; i+4 <= len(s); i++ {
		if !erefIsASCIILetter(s[i]) || !erefIsASCIILetter(s[i+1]) || !erefIsDigit(s[i+2]) || !erefIsDigit(s[i+3]) {
			continue
		}
		if r, _ := erefRuneBefore(s, i); erefIsAlnumRune(r) {
			continue
		}
		if end, v := erefIbanAt(s, i); end > 0 {
			x.add(src, Entity{Type: EntityIBAN, Value: v}, i, end)
			i = end - 1
		}
	}
}

// erefIbanAt reads an IBAN at i and returns its end and value, or 0.
func erefIbanAt(s string, i int) (int, string) {
	n := erefIbanLengths[string([]byte{s[i] &^ 0x20, s[i+1] &^ 0x20})]
	if n == 0 {
		return 0, ""
	}
	var b [34]byte
	k, j := 0, i
	for k < n && j < len(s) {
		c := s[j]
		if erefIsASCIIAlnum(c) {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			b[k] = c
			k, j = k+1, j+1
			continue
		}
		// a separator between two characters: a hyphen or up to two spaces
		sep := 0
		switch {
		case c == '-':
			sep = 1
		case c == ' ' || strings.HasPrefix(s[j:], "\u00a0"):
			sep = erefSkipSpaces(s, j, 2) - j
		}
		if sep == 0 || k == 0 || j+sep >= len(s) || !erefIsASCIIAlnum(s[j+sep]) {
			return 0, ""
		}
		j += sep
	}
	if k < n {
		return 0, ""
	}
	if r, _ := erefRuneAt(s, j); r != utf8.RuneError && erefIsAlnumRune(r) {
		return 0, ""
	}
	if !erefIbanChecks(b[:n]) {
		return 0, ""
	}
	return j, string(b[:n])
}

// erefIbanChecks runs the ISO 7064 mod-97 check: the first four characters moved to the end,
// letters as 10…35, the number modulo 97 must be 1.
func erefIbanChecks(b []byte) bool {
	for _, c := range b[2:4] {
		if !erefIsDigit(c) {
			return false
		}
	}
	rem := 0
	for k := range b {
		c := b[(k+4)%len(b)]
		switch {
		case erefIsDigit(c):
			rem = (rem*10 + int(c-'0')) % 97
		case 'A' <= c && c <= 'Z':
			rem = (rem*100 + int(c-'A'+10)) % 97
		default:
			return false
		}
	}
	return rem == 1
}

// erefIbanLengths is the SWIFT IBAN registry: country code to IBAN length.
var erefIbanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
	"BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
	"EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
	"GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27,
	"JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25,
	"MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18,
	"NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33,
	"SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28,
	"TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}
