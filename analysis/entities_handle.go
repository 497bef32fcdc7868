package analysis

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Handles are messenger and social-media accounts, found
//   - in links (entities_link.go): t.me/name, t.me/+INVITE, wa.me/393330000001, api.whatsapp.com/send?phone=…,
//     chat.whatsapp.com/INVITE, viber://chat?number=…, invite.viber.com/?g2=…,
//     signal.me/#p/+…, signal.group/#…, instagram.com/name, tiktok.com/@name,
//     snapchat.com/add/name, onlyfans.com/name, facebook.com/name, fb.me/name, vk.com/name,
//     x.com/name, twitter.com/name, line.me/ti/p/~name, kik.me/name, linktr.ee/name,
//     tg://resolve?domain=name, whatsapp://send?phone=…;
//   - after a platform word, with "@" ("write me on telegram @anna_job", "пиши в телеграм
//     @anna", "IG @anna") or after a colon ("Telegram: anna_job", "tg: anna", "snap: anna",
//     "skype: anna.job", "Line ID: anna"); lists share the name ("Telegram/Instagram:
//     @anna"); ambiguous short words (of, x, sc, line, signal) need the colon;
//   - "@name" followed by a platform word ("@anna_job su Telegram"), else kept as a bare
//     "@name" with no platform;
//   - a phone number next to a messenger word ("WhatsApp: +39 333…", "333… (viber)";
//     entities_messenger.go).
//
// A link's or messenger's number becomes "platform:+E164" and also a phone entity.

type keyword struct {
	platform string
	strict   bool // only with a colon: the word is also an ordinary word
	at, dot  bool
	tail     string // a platform written in two words: "whats" "app"
	pair     string // … and its platform
}

var keywords = newFoldMap(func() map[string]keyword {
	m := map[string]keyword{}
	for platform, ws := range map[string]string{
		"telegram":  "telegram telegramm telegramma telegrama телеграм телеграмм телеграме телеграмі телеграму телега телеге телегу тг tg telega τελεγκραμ τέλεγκραμ",
		"whatsapp":  "whatsapp whatsap watsapp watsap whatapp wapp wa wsp ватсап вотсап вацап ватсапп вотсапп уатсап ватсапе вотсапе βατσαπ",
		"viber":     "viber вайбер вайбере вайбері вибер βάιμπερ βαιμπερ",
		"signal":    "signal сигнал",
		"instagram": "instagram instagramm insta ig инстаграм инстаграме инста инсте инсту інстаграм інста ινσταγκραμ",
		"tiktok":    "tiktok тикток тікток",
		"snapchat":  "snapchat snap sc снэпчат снапчат снэп",
		"onlyfans":  "onlyfans онлифанс of",
		"facebook":  "facebook fb фейсбук фб",
		"vk":        "vk вк vkontakte вконтакте",
		"x":         "twitter твиттер x",
		"skype":     "skype скайп",
		"wechat":    "wechat weixin вичат",
		"line":      "line",
		"kik":       "kik",
		"threema":   "threema",
		"discord":   "discord дискорд",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = keyword{platform: platform}
		}
	}
	for _, w := range []string{"of", "x", "sc", "line", "signal"} {
		k := m[w]
		k.strict = true
		m[w] = k
	}
	for head, tp := range map[string][2]string{
		"whats": {"app", "whatsapp"}, "what's": {"app", "whatsapp"}, "tik": {"tok", "tiktok"},
		"тик": {"ток", "tiktok"}, "only": {"fans", "onlyfans"}, "snap": {"chat", "snapchat"},
		"insta": {"gram", "instagram"}, "face": {"book", "facebook"}, "tele": {"gram", "telegram"},
		"we": {"chat", "wechat"},
	} {
		k := m[head]
		k.tail, k.pair = tp[0], tp[1]
		m[head] = k
	}
	for w := range atWords.m {
		k := m[w]
		k.at = true
		m[w] = k
	}
	for w := range dotWords.m {
		k := m[w]
		k.dot = true
		m[w] = k
	}
	return m
}())

// scanWords looks at each word of src that may be in the lexicon (words) for at-words,
// dot-words and platform words. On the original it also records the spelled-out digits and
// glue words for the squeezer.
func (x *extraction) scanWords(src source) {
	s := src.s
	i := 0
	for k, c := range x.words(src) {
		if c < i {
			continue // within the second word of a platform name
		}
		i = c
		j, e, ok := x.lexWordAt(src, k, i)
		if ok && !src.mapped && (e.digit != 0 || e.glue) {
			x.numberWords = append(x.numberWords, wordHit{i, j, e.digit, e.glue})
		}
		if kw := e.kw; ok {
			switch {
			case kw.at:
				x.atWord(src, i, j)
			case kw.dot:
				x.dotWord(src, i, j)
			}
			if kw.tail != "" {
				if p, e := nextWord(s, j, 1); p > j && e > p && strings.EqualFold(s[p:e], kw.tail) {
					x.platformWord(src, e, keyword{platform: kw.pair})
					i = e
					continue
				}
			}
			if kw.platform != "" {
				x.platformWord(src, j, kw)
			}
		}
		i = j
	}
}

// lexRead is what lexRef read at a word.
type lexRead struct {
	end  int
	e    *lexEntry
	read bool
}

// lexWordAt is lexWord of the k-th word of src, at i. A word of the normalised text taken from
// the original (alignedWords) reads as its counterpart, which was read first: the same letters
// up to case, so the same lexicon entry.
func (x *extraction) lexWordAt(src source, k, i int) (end int, e lexEntry, ok bool) {
	if !src.mapped && x.origRead != nil {
		end, p := x.lexRef(src.s, i)
		x.origRead[k] = lexRead{end, p, true}
		if p != nil {
			return end, *p, true
		}
		return end, e, false
	}
	if src.mapped && x.origRead != nil {
		if from := x.textFrom[k]; from >= 0 && x.origRead[from].read {
			r := &x.origRead[from]
			if end = i + r.end - x.sv.words[from]; r.e != nil {
				return end, *r.e, true
			}
			return end, e, false
		}
	}
	return x.lexWord(src.s, i) // not surveyed, or not taken from the original
}

// platformWord reads the name after a platform word ending at we.
func (x *extraction) platformWord(src source, we int, kw keyword) {
	s := src.s
	var platforms [4]string
	platforms[0] = kw.platform
	n, strict, colon := 1, kw.strict, false
	i := we
	for range 6 {
		p, c := skipHandleSeps(s, i)
		colon = colon || c
		if p < len(s) && s[p] == '@' {
			if colon || !strict {
				x.handleName(src, p, platforms[:n], true)
			}
			return
		}
		e := wordEnd(s, p)
		if e == p {
			break
		}
		if k, ok := lookupFold(&x.buf, keywords, s[p:e]); ok && k.platform != "" {
			if n < len(platforms) && !slices.Contains(platforms[:n], k.platform) {
				platforms[n] = k.platform
				n++
			}
			strict = strict && k.strict
			i = e
			continue
		}
		if x.wordIn(handleIDWords, s[p:e]) {
			i = e
			continue
		}
		if colon && s[p-1] != '/' { // not "tg://resolve"
			x.handleName(src, p, platforms[:n], false)
		}
		break
	}
}

// skipHandleSeps skips what may stand between a platform word and a name: spaces, slashes,
// brackets, emoji, and colons or arrows, which it reports.
func skipHandleSeps(s string, p int) (end int, colon bool) {
	for p < len(s) {
		if c := s[p]; c < utf8.RuneSelf { // by table: the tests below cost more than the rest of a call
			switch asciiHandleSeps[c] {
			case handleSep:
			case handleColon:
				colon = true
			default:
				return p, colon
			}
			p++
			continue
		}
		r, size := runeAt(s, p)
		switch {
		case isSpace(r), isZeroWidth(r), strings.ContainsRune("/|,&+()", r), r >= 0x80 && unicode.Is(unicode.So, r):
		case strings.ContainsRune(":=-–—→>", r):
			colon = true
		default:
			return p, colon
		}
		p += size
	}
	return p, colon
}

const (
	handleSep   = 1 // skipped
	handleColon = 2 // skipped, and reported
)

// asciiHandleSeps is what skipHandleSeps makes of each ASCII character, by its tests.
var asciiHandleSeps = func() (t [utf8.RuneSelf]byte) {
	for c := range rune(utf8.RuneSelf) {
		switch {
		case isSpace(c), isZeroWidth(c), strings.ContainsRune("/|,&+()", c):
			t[c] = handleSep
		case strings.ContainsRune(":=-–—→>", c):
			t[c] = handleColon
		}
	}
	return t
}()

// handleName reads the account name at p (after the "@" if at) for each platform.
func (x *extraction) handleName(src source, p int, platforms []string, at bool) {
	s := src.s
	a := p
	if at {
		a++
	}
	b := nameEnd(s, a)
	if !x.validName(s, a, b, at) {
		return
	}
	v := x.part(src, a, b)
	for _, pl := range platforms {
		x.add(src, Entity{Type: EntityHandle, Platform: pl, Value: handleValue(pl, v)}, p, b)
	}
}

// handleValue is "platform:name", or "@name" without a platform, with the name, which nameEnd
// reads in ASCII, lower-cased on the way: one allocation where lower-casing and joining took
// two.
func handleValue(platform, name string) string {
	var b strings.Builder
	b.Grow(len(platform) + 1 + len(name))
	if platform == "" {
		b.WriteByte('@')
	} else {
		b.WriteString(platform)
		b.WriteByte(':')
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// nameEnd returns the end of an account name at a: ASCII letters, digits, "_", inner "." and "-".
func nameEnd(s string, a int) int {
	b := a
	for b < len(s) && nameBytes[s[b]] {
		b++
	}
	for b > a && (s[b-1] == '.' || s[b-1] == '-') {
		b--
	}
	return b
}

// nameBytes marks the bytes of an account name, read by table: one test a byte rather than four.
var nameBytes = func() (t [256]bool) {
	for c := range len(t) {
		t[c] = isASCIIAlnum(byte(c)) || c == '_' || c == '.' || c == '-'
	}
	return t
}()

// validName rejects what is not an account name: too short or long, digits only (a phone),
// an e-mail or a link, a host name, a common word after a colon.
func (x *extraction) validName(s string, a, b int, at bool) bool {
	name := s[a:b]
	switch {
	case len(name) < 2 || len(name) > 40 || (!at && len(name) < 3):
		return false
	case strings.IndexFunc(name, func(r rune) bool { return isASCIILetter(byte(r)) }) < 0:
		return false
	case name[0] == '.' || name[0] == '-':
		return false
	}
	if r, _ := runeAt(s, b); r == '@' || r == '/' || isLetter(r) || unicode.IsDigit(r) {
		return false
	}
	if k := strings.LastIndexByte(name, '.'); k >= 0 && tlds[strings.ToLower(name[k+1:])] {
		return false
	}
	if at {
		return true
	}
	_, digit := lookupFold(&x.buf, digitWords, name) // "WhatsApp: tre tre tre…" is a number
	return !digit && !x.wordIn(handleStopWords, name)
}

// atHandles reads each "@name" of src not preceded by an e-mail's local part.
func (x *extraction) atHandles(src source) {
	s := src.s
	i := 0
	for _, p := range x.atSigns(src) {
		if p < i {
			continue
		}
		i = p + 1
		if r, _ := runeBefore(s, p); isAlnumRune(r) || strings.ContainsRune("._%+-@/", r) {
			continue
		}
		b := nameEnd(s, p+1)
		if !x.validName(s, p+1, b, true) {
			continue
		}
		var platforms [4]string
		n := x.platformsAfter(s, b, platforms[:])
		if n == 0 {
			x.handleName(src, p, []string{""}, true)
			continue
		}
		x.handleName(src, p, platforms[:n], true)
		i = b
	}
}

// platformsAfter reads platform words after a name: "@anna (telegram)", "@anna su Telegram".
func (x *extraction) platformsAfter(s string, i int, out []string) int {
	n := 0
	for range 4 {
		for i < len(s) {
			r, size := runeAt(s, i)
			if !isSpace(r) && !strings.ContainsRune("()/-", r) {
				break
			}
			i += size
		}
		e := wordEnd(s, i)
		if e == i {
			break
		}
		w := s[i:e]
		if q := skipSpaces(s, e, 2); q < len(s) && strings.IndexByte(":@./", s[q]) >= 0 {
			break // it introduces another name or is a link: "@anna IG: @anna2", "onlyfans.com/…"
		}
		if k, ok := lookupFold(&x.buf, keywords, w); ok && k.platform != "" && !k.strict {
			if n < len(out) && !slices.Contains(out[:n], k.platform) {
				out[n] = k.platform
				n++
			}
		} else if n > 0 || !x.wordIn(handleConnectors, w) {
			break
		}
		i = e
	}
	return n
}

// handleIDWords may stand between a platform word and the name: "Line ID: anna", "my insta
// is @anna".
var handleIDWords = foldSet("id", "nick", "nickname", "username", "user", "name", "account", "acc", "ник",
	"логин", "акк", "аккаунт", "акаунт", "nome", "utente", "usuario", "benutzername", "profile",
	"profilo", "perfil", "profil", "профиль", "профіль", "is", "è", "e", "es", "est", "ist", "это", "е",
	"είναι", "ειναι", "este")

// handleStopWords are words after a colon that are not account names.
var handleStopWords = foldSet("scrivimi", "scrivi", "chiama", "chiamami", "contattami", "solo", "anche", "qui",
	"write", "text", "message", "me", "only", "also", "here", "link", "below", "contact", "call", "and",
	"or", "the", "my", "escribe", "escríbeme", "llama", "también", "aquí", "schreib", "schreibe", "nur",
	"auch", "hier", "scrie", "suna", "doar", "aici", "oppure", "und", "et", "ou", "info", "mio", "mia",
	"mi", "moi", "number", "numero", "nummer", "num", "account", "profile", "profilo", "available",
	"disponibile", "disponible", "same", "stesso", "below", "sotto", "abajo", "unten", "per", "for",
	"con", "with", "dm", "pm", "chat", "privato", "private", "privat", "direct")

// handleConnectors may stand between "@name" and the platform: "@anna on telegram".
var handleConnectors = foldSet("on", "in", "at", "via", "su", "sur", "en", "auf", "bei", "pe", "în", "в", "на",
	"у", "σε", "στο", "στον", "per", "por", "no", "am", "im", "за", "by", "tramite")
