package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// URLs are http(s) links, "www." hosts and bare host names with a common top-level domain
// ("example.com/jobs/1"), each with its port and path, and obfuscated hosts ("example dot
// com", "example[.]com", "example (punto) it"). Top-level domains that are also common short
// words (at, be, in, is, me, no, to, us…) count for bare hosts only with a path. Links to
// messenger and social-media profiles become handles instead (see entities_handle.go).
//
// The value is the host in lower case without scheme, "www." or default port, then the path
// and query as written (paths are case-sensitive), without fragment or trailing slash:
// "HTTPS://WWW.Example.com:443/Jobs/?id=1#top" gives "example.com/Jobs?id=1".

func (x *extraction) urls(src source) {
	s := src.s
	dots := x.marksOf(src).dots
	for i := 0; i < len(s); {
		d := nextMark(dots, i, len(s))
		if d == len(s) {
			break
		}
		if d+1 == len(s) || (s[d+1] < utf8.RuneSelf && !isASCIIAlnum(s[d+1]) && s[d+1] != '-' && s[d+1] != '.') {
			i = d + 1 // the end of a sentence, not of a host's label: most dots of a text
			continue
		}
		hs, he := hostStart(s, d, i), hostEnd(s, d)
		if end := x.urlAt(src, hs, he); end > 0 {
			i = end
		} else {
			i = max(he, d+1)
		}
	}
	x.appLinks(src)
}

func isHostRune(r rune) bool { return isAlnumRune(r) || r == '-' || r == '.' }

// isHostByte is isHostRune of an ASCII byte: hosts are mostly ASCII, read without decoding.
func isHostByte(c byte) bool { return isASCIIAlnum(c) || c == '-' || c == '.' }

// hostStart walks back from the dot at d over host characters, not before floor.
func hostStart(s string, d, floor int) int {
	i := d
	for i > floor && d-i < 253 {
		if c := s[i-1]; c < utf8.RuneSelf {
			if !isHostByte(c) {
				break
			}
			i--
			continue
		}
		r, n := runeBefore(s, i)
		if !isHostRune(r) {
			break
		}
		i -= n
	}
	return i
}

func hostEnd(s string, d int) int {
	j := d
	for j < len(s) {
		if c := s[j]; c < utf8.RuneSelf {
			if !isHostByte(c) {
				break
			}
			j++
			continue
		}
		r, n := runeAt(s, j)
		if !isHostRune(r) {
			break
		}
		j += n
	}
	return j
}

// urlAt reads a URL whose host characters are s[hs:he]; it returns its end or 0.
func (x *extraction) urlAt(src source, hs, he int) int {
	s := src.s
	for hs < he && (s[hs] == '.' || s[hs] == '-') {
		hs++
	}
	for he > hs && (s[he-1] == '.' || s[he-1] == '-') {
		he--
	}
	if hs >= he || strings.IndexByte(s[hs:he], '.') < 0 {
		return 0
	}
	if r, _ := runeBefore(s, hs); r == '@' || r == '_' || r == '\\' {
		return 0 // an e-mail's domain or a handle
	}
	if r, _ := runeAt(s, he); r == '@' || r == '_' {
		return 0 // "anna.maria@…"
	}
	scheme, start := schemeBefore(s, hs)
	if scheme == "" {
		// "Chiamami.www.example.com": the host starts at www
		if k := strings.Index(strings.ToLower(s[hs:he]), ".www."); k >= 0 {
			hs, start = hs+k+1, hs+k+1
		} else {
			start = hs
		}
	}
	if !validHost(s[hs:he], scheme != "") {
		return 0
	}
	end := he
	if end+1 < len(s) && s[end] == ':' {
		if e := digitsEnd(s, end+1); e > end+1 && e-end-1 <= 5 {
			end = e
		}
	}
	port := s[he:end]
	ps := end
	if end < len(s) && (s[end] == '/' || s[end] == '?' || s[end] == '#') {
		end = pathEnd(s, end)
	}
	homoglyphs := mixedScript(s[hs:he])
	if homoglyphs && x.folded(src) {
		return end
	}
	host := strings.ToLower(x.part(src, hs, he))
	if scheme == "" && end == ps && !strings.HasPrefix(host, "www.") && wordTLDs[tldOf(host)] &&
		platformHosts[trimHostPrefix(host)] == "" {
		return 0 // "look.at", "call.me"
	}
	rest := x.part(src, ps, end)
	if x.link(src, start, end, host, rest, homoglyphs) {
		return end
	}
	x.add(src, Entity{Type: EntityURL, Value: canonicalURL(host, port, rest), Obfuscated: homoglyphs}, start, end)
	return end
}

// schemeBefore returns the lower-case scheme of a "scheme://" ending at hs and its start.
func schemeBefore(s string, hs int) (string, int) {
	if hs < 5 || s[hs-3:hs] != "://" {
		return "", hs
	}
	i := hs - 3
	for i > 0 && isASCIILetter(s[i-1]) {
		i--
	}
	switch scheme := strings.ToLower(s[i : hs-3]); scheme {
	case "http", "https", "ftp", "sgnl":
		return scheme, i
	}
	return "", hs
}

// validHost checks the labels of a host name; without a scheme the top-level domain must be a
// known one and some label before it must hold a letter.
func validHost(host string, scheme bool) bool {
	labels, letter, numeric := 0, false, true
	for rest := host; ; {
		label, tail, more := strings.Cut(rest, ".")
		if label == "" || len(label) > 63 {
			return false
		}
		labels++
		numeric = numeric && isDigits(label)
		if !more {
			tld := strings.ToLower(label)
			switch {
			case labels < 2:
				return false
			case scheme && numeric:
				return labels == 4 // an IPv4 address
			case scheme:
				return lettersOnly(tld) && len(tld) >= 2
			}
			return tlds[tld] && letter
		}
		letter = letter || strings.IndexFunc(label, unicode.IsLetter) >= 0
		rest = tail
	}
}

// maxPath bounds a URL's path, query and fragment (browsers' practical limit is 2 KB).
const maxPath = 2048

// pathEnd returns the end of the path, query and fragment starting at p, without the
// punctuation that ends the sentence around it.
func pathEnd(s string, p int) int {
	j := p
	parens, brackets := 0, 0 // opened minus closed
	for j < len(s) && j-p < maxPath {
		r, n := runeAt(s, j)
		if r <= ' ' || r == 0x7F || isSpace(r) || strings.ContainsRune("<>\"{}|\\^`«»“”‘’…", r) ||
			r == 0xFFFD || (r >= 0x80 && unicode.In(r, unicode.So, unicode.Cc, unicode.Z)) {
			break
		}
		switch r {
		case '(':
			parens++
		case ')':
			parens--
		case '[':
			brackets++
		case ']':
			brackets--
		}
		j += n
	}
	for j > p {
		switch c := s[j-1]; {
		case strings.IndexByte(".,;:!?'*", c) >= 0:
		case c == ')' && parens < 0:
			parens++
		case c == ']' && brackets < 0:
			brackets++
		default:
			return j
		}
		j--
	}
	return j
}

// canonicalURL builds the value of a URL from its lower-case host, port and the rest.
func canonicalURL(host, port, rest string) string {
	if h, ok := strings.CutPrefix(host, "www."); ok && strings.Contains(h, ".") {
		host = h
	}
	if port == ":80" || port == ":443" {
		port = ""
	}
	rest, _, _ = strings.Cut(rest, "#")
	path, query, _ := strings.Cut(rest, "?")
	v := host + port + strings.TrimRight(path, "/")
	if query != "" {
		v += "?" + query
	}
	return v
}

func tldOf(host string) string {
	return host[strings.LastIndexByte(host, '.')+1:]
}

// dotWord handles a bare dot-word at [ws, we) met by scanWords: "example dot com".
func (x *extraction) dotWord(src source, ws, we int) {
	s := src.s
	ms := skipSpacesBack(s, ws, 2)
	if ms < ws && skipSpaces(s, we, 2) > we {
		x.obfuscatedURL(src, ms)
	}
}

// obfuscatedURL reads a host whose dots are written as "[.]", "(dot)" or " dot ", the first
// of which starts at ms. It returns the end of the URL or 0.
func (x *extraction) obfuscatedURL(src source, ms int) int {
	s := src.s
	hs := ms
	for hs > 0 && ms-hs < 253 {
		r, n := runeBefore(s, hs)
		if !isHostRune(r) {
			break
		}
		hs -= n
	}
	for hs < ms && (s[hs] == '.' || s[hs] == '-') {
		hs++
	}
	if hs == ms {
		return 0
	}
	if r, _ := runeBefore(s, hs); r == '@' || r == '_' {
		return 0
	}
	d, ok := x.domainAt(s, hs, true, false)
	if !ok || !d.obfuscated || !tlds[d.tld] {
		return 0
	}
	var b strings.Builder
	d.write(&b, x, src)
	host := b.String()
	if d.wordDots && wordTLDs[d.tld] && platformHosts[trimHostPrefix(host)] == "" {
		return 0 // "look dot at"
	}
	letter := false
	for _, l := range d.labels[:d.n-1] {
		letter = letter || strings.IndexFunc(s[l.Start:l.End], unicode.IsLetter) >= 0
	}
	if !letter {
		return 0
	}
	end := d.end
	if end < len(s) && s[end] == '/' {
		end = pathEnd(s, end)
	}
	rest := x.part(src, d.end, end)
	if x.link(src, hs, end, host, rest, true) {
		return end
	}
	x.add(src, Entity{Type: EntityURL, Value: canonicalURL(host, "", rest), Obfuscated: true}, hs, end)
	return end
}

// tlds are the top-level domains accepted without a scheme.
var tlds = set(strings.Fields(`com net org info biz eu it de es fr uk co ru ua ro bg gr pl cz at ch nl be
	pt io me tv cc ly to gl app xyz online site top club live shop store ws su by kz md rs hr si sk hu lt
	lv ee fi se no dk ie lu mt cy us ca au in tk ml ga cf gq icu buzz cam chat dating love sexy xxx adult
	porn sex blog page email agency jobs work works team world today space website mobi name asia tr ge
	am az al mk ba li is mx br ar cl nz za ng ph vn th id my sg hk cn jp kr tw il ae ma tn ai gg link
	click fun vip pro рф укр бг срб мкд бел қаз`)...)

// wordTLDs are top-level domains that are also short words of the ads' languages.
var wordTLDs = set("at", "be", "in", "is", "me", "no", "so", "to", "us", "do", "am", "as", "my", "by", "id",
	"la", "al", "ma", "co")
