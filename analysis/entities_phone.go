package analysis

import (
	"regexp"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers/v2"
	"github.com/nyaruka/phonenumbers/v2/metadata"
)

// Phones are found by cutting the original text into runs of digit groups joined by up to
// three separators of any kind (spaces, dots, dashes, slashes, brackets, emoji; commas only
// between digits written one by one, "tre tre tre, zero zero zero, …"), with digits
// in any script, keycaps, circled digits, spelled-out digits ("tre", "three", "drei", "три",
// "τρία", "trei") and letters o standing for zeros between digits, a leading "+" or "00" for
// international numbers. Each run is tried whole, then as its longest stretches, and each
// candidate is judged by libphonenumber: parsed with the default region and verified at VALID
// leniency (a valid number for its region, national prefix present where one is dialled), as
// its text matcher does. The value is E.164.
//
// libphonenumber's text matcher (FindNumbers) is not used: it costs about twice a parse per
// window of digits, finds nothing obfuscated, and its candidate rules are applied here
// instead: a candidate is dropped when it touches a letter (but "tel3330000001"), a currency
// ("3000 EUR" is a price) or a percent sign, looks like a date, opening hours or a list of
// years, or lies inside an IBAN, wallet, e-mail, URL or price.
//
// A phone is obfuscated when written with anything but ASCII digits and the usual separators
// (space - . / ( ) +), or with digits spaced out one by one. libphonenumber is slow, so
// candidates of impossible length are not parsed, each candidate is parsed once, and at most
// 16 plus one per 256 bytes of text are parsed: a text made of digits stays linear, at the
// price of missing numbers once the budget is spent.

const (
	minPhoneDigits = 7
	maxPhoneDigits = 17 // E.164's 15 and a 00 prefix
	maxPhoneGap    = 3  // separators allowed between two digit groups of one number
	maxRunGroups   = 24
)

func (x *extraction) phones() {
	blocked, seen := slices.Grow(x.scr.pending[:0], len(x.found)), []Span(nil) // sorted by addAll
	for _, e := range x.found {
		switch e.Type {
		case EntityPhone: // the number of a messenger link
			seen = append(seen, e.Span)
		case EntityIBAN, EntityCrypto, EntityEmail, EntityURL, EntityHandle, EntityPrice:
			blocked = append(blocked, e.Span)
		}
	}
	x.blocked.addAll(blocked)
	x.phoneSeen.addAll(seen)
	x.scr.pending = blocked[:0]
	x.digitRuns(func(run []group, plusAt int) { x.phonesInRun(x.srcs[0], run, plusAt) })
}

func (x *extraction) addPhone(src source, e164 string, start, end int, obfuscated bool) {
	sp := x.add(src, Entity{Type: EntityPhone, Value: e164, Obfuscated: obfuscated}, start, end)
	x.phoneSeen.add(sp)
}

// phonesInRun cuts the run where it touches a phone already found or a span no phone can be
// in, and looks for phones in each piece.
func (x *extraction) phonesInRun(src source, run []group, plusAt int) {
	from := 0
	for k := 0; k <= len(run); k++ {
		if k < len(run) {
			sp := x.span(src, run[k].start, run[k].end)
			if !x.phoneSeen.overlaps(sp) && !x.blocked.overlaps(sp) {
				continue
			}
		}
		if k > from {
			p := plusAt
			if from > 0 {
				p = -1
			}
			x.phonesInPiece(src, run[from:k], p)
		}
		from = k + 1
	}
}

func (x *extraction) phonesInPiece(src source, p []group, plusAt int) {
	for i := 0; i < len(p); {
		if p[i].kind == gZero || p[i].glue&glueLeft != 0 {
			i++
			continue
		}
		if i > 0 {
			plusAt = -1
		}
		if k := x.phoneAt(src, p[i:], plusAt); k > 0 {
			i += k
		} else {
			i++
		}
	}
}

// phoneAt finds the longest valid phone made of p[0:k] and returns k, or 0.
func (x *extraction) phoneAt(src source, p []group, plusAt int) int {
	for k := len(p); k > 0; k-- {
		last := p[k-1]
		if last.kind == gZero || last.glue&glueRight != 0 {
			continue
		}
		nd := last.d1 - p[0].d0
		if nd < minPhoneDigits {
			return 0
		}
		if nd > maxPhoneDigits {
			continue
		}
		cand := x.candidate(p[0].d0, last.d1, plusAt >= 0)
		if cand == nil {
			continue
		}
		start, end := p[0].start, last.end
		if plusAt >= 0 {
			start = plusAt
		}
		if !plausible(cand, x.region) || x.notAPhone(src.s, p[:k], start, end) {
			continue
		}
		if v := x.validPhone(cand, true); v != "" {
			x.addPhone(src, v, start, end, squeezed(src.s, p[:k], start, end))
			return k
		}
	}
	return 0
}

// candidate is the text handed to libphonenumber: the digits, with "+" for a written plus
// or a 00 prefix; nil when no region is set and the number is not international. It is only
// valid until the next call.
func (x *extraction) candidate(d0, d1 int, plus bool) []byte {
	d := x.digits[d0:d1]
	switch {
	case plus:
	case len(d) > 2 && d[0] == '0' && d[1] == '0':
		d, plus = d[2:], true
	case x.region == "":
		return nil
	}
	x.cand = x.cand[:0]
	if plus {
		x.cand = append(x.cand, '+')
	}
	x.cand = append(x.cand, d...)
	return x.cand
}

var notPhoneText = regexp.MustCompile(`\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})\b|` + // dates
	`\b\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2}\b|` + // opening hours
	`\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}\b`) // year ranges

// notAPhone rejects squeezed candidates that are dates, hours, lists of years or amounts.
func (x *extraction) notAPhone(s string, p []group, start, end int) bool {
	years := true
	for _, g := range p {
		d := x.digits[g.d0:g.d1]
		if g.kind != gDigits || len(d) != 4 || !(string(d[:2]) == "19" || string(d[:2]) == "20") {
			years = false
			break
		}
	}
	if years || x.nearCurrency(s, start, end) {
		return true
	}
	raw := s[start:end]
	return strings.ContainsAny(raw, "./-:") && notPhoneText.MatchString(raw)
}

// squeezed reports whether a phone needed de-obfuscation: spelled digits, letters for
// zeros, other scripts, emoji or unusual separators.
func squeezed(s string, p []group, start, end int) bool {
	for _, g := range p {
		if g.kind != gDigits {
			return true
		}
	}
	for i := start; i < end; i++ {
		switch c := s[i]; {
		case isDigit(c), c == '+', c == ' ', c == '-', c == '.', c == '/', c == '(', c == ')':
		default:
			return true
		}
	}
	return spacedOut(s[start:end])
}

// spacedOut reports digits written one by one ("3 3 3 0 0 0 0 0 0 1"), a common way to dodge
// filters, unlike the pairs and triples of ordinary formats.
func spacedOut(s string) bool {
	single, run := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && isDigit(s[i]) {
			run++
			continue
		}
		if run == 1 {
			single++
		}
		run = 0
	}
	return single >= 4
}

// nearCurrency reports whether a currency touches [start, end): then the digits are a price.
func (x *extraction) nearCurrency(s string, start, end int) bool {
	if c, _ := x.currencyAfter(s, end); c != "" {
		return true
	}
	c, _ := x.currencyBefore(s, start)
	return c != ""
}

// validPhone returns the E.164 form of cand if libphonenumber finds it a valid number, else "".
// Budgeted calls give up once the extraction's parse budget is spent.
func (x *extraction) validPhone(c []byte, budgeted bool) string {
	if v, ok := x.memo[string(c)]; ok {
		return v
	}
	if budgeted {
		if x.budget <= 0 {
			return ""
		}
		x.budget--
	}
	v, cand := "", string(c)
	num := &phonenumbers.PhoneNumber{}
	if phonenumbers.ParseAndKeepRawInputToNumber(cand, x.region, num) == nil && phonenumbers.VALID.Verify(num, cand) {
		v = phonenumbers.Format(num, phonenumbers.E164)
		if len(v) > 16 { // E.164 has at most 15 digits; some metadata patterns allow more
			v = ""
		}
	}
	if x.memo == nil {
		x.memo = make(map[string]string)
	}
	x.memo[cand] = v
	return v
}

// plausible reports whether cand can be a valid number by its length alone, so that
// libphonenumber is not asked about every stretch of a long run.
func plausible(cand []byte, region string) bool {
	digits := cand
	var md *metadata.PhoneMetadata
	if cand[0] == '+' {
		digits = cand[1:]
		cc := 0
		for n := 1; n <= 3 && n < len(digits); n++ {
			cc = cc*10 + int(digits[n-1]-'0')
			if regions := metadata.CountryCodeToRegion()[cc]; len(regions) > 0 {
				md, _ = metadata.RegionMetadata(regions[0])
				if md == nil {
					md, _ = metadata.NonGeoMetadata(cc)
				}
				digits = digits[n:]
				break
			}
		}
		if md == nil {
			return false
		}
	} else if md, _ = metadata.RegionMetadata(region); md == nil {
		return true // libphonenumber will tell
	}
	lengths := md.GetGeneralDesc().GetPossibleLength()
	prefix, forParsing := md.GetNationalPrefix(), md.GetNationalPrefixForParsing()
	if len(lengths) == 0 || (forParsing != "" && forParsing != prefix) {
		return true // national prefixes too intricate to strip here
	}
	if slices.Contains(lengths, int32(len(digits))) {
		return true
	}
	n := len(prefix)
	return n > 0 && len(digits) > n && string(digits[:n]) == prefix && slices.Contains(lengths, int32(len(digits)-n))
}

// linkPhone canonicalises the number of a messenger link ("393330000001", "+39 333…"),
// always international. It returns "+digits" and false when libphonenumber finds it invalid.
func (x *extraction) linkPhone(number string) (string, bool) {
	var b strings.Builder
	b.WriteByte('+')
	for i := 0; i < len(number); i++ {
		if isDigit(number[i]) {
			b.WriteByte(number[i])
		}
	}
	digits := b.String()
	if len(digits) < minPhoneDigits+1 || len(digits) > 16 || digits[1] == '0' {
		return "", false // not even shaped like E.164
	}
	if v := x.validPhone([]byte(digits), false); v != "" {
		return v, true
	}
	return digits, false
}
