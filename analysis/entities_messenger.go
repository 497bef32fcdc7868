package analysis

import (
	"slices"
	"strings"
	"unicode"
)

// A phone number written next to a messenger's name ("WhatsApp: +39 333…", "su Viber e
// WhatsApp al 333…", "333… (solo WhatsApp)") is also that messenger's account:
// "whatsapp:+393330000001", spanning the number. Only names on the same line count, and a
// name followed by ":" or "@" introduces something else ("333… Telegram: @anna").

// messengerPhones adds a handle for each phone written next to a messenger's name.
func (x *extraction) messengerPhones() {
	found := len(x.found)
	for k := 0; k < found; k++ {
		e := x.found[k]
		if e.Type != EntityPhone {
			continue
		}
		var platforms [4]string
		n := x.messengersNear(source{s: x.n.Original}, e.Span.Start, e.Span.End, platforms[:], 0)
		if len(x.srcs) > 1 {
			n = x.messengersNear(x.srcs[1], x.textIndex(e.Span.Start), x.textIndex(e.Span.End), platforms[:], n)
		}
		for _, p := range platforms[:n] {
			x.found = append(x.found, Entity{Type: EntityHandle, Platform: p, Value: p + ":" + e.Value,
				Span: e.Span, Raw: e.Raw, Obfuscated: e.Obfuscated})
		}
	}
}

// messengersNear collects the messengers named before [start, end) of src ("WhatsApp: …",
// "su Viber e WhatsApp al …") and right after it ("… (solo WhatsApp)"), on the same line.
func (x *extraction) messengersNear(src source, start, end int, out []string, n int) int {
	add := func(p string, a, b int) {
		// the normalised text has no line breaks: look for them in the original
		sp, ph := x.span(src, a, b), x.span(src, start, end)
		lo, hi := min(sp.End, ph.End), max(sp.Start, ph.Start)
		if lo < hi && strings.ContainsAny(x.n.Original[lo:hi], "\n\r") {
			return
		}
		if messengers[p] && n < len(out) && !slices.Contains(out[:n], p) {
			out[n] = p
			n++
		}
	}
	x.messengersBefore(src.s, start, add)
	x.messengersAfter(src.s, end, add)
	return n
}

// messengersBefore walks back from i over separators, connectors and platform names.
func (x *extraction) messengersBefore(s string, i int, add func(p string, a, b int)) {
	for range 6 {
		for i > 0 {
			r, size := runeBefore(s, i)
			if !isSpace(r) && !isZeroWidth(r) && !strings.ContainsRune(":-–—=/|,()&+>→.", r) &&
				!(r >= 0x80 && unicode.Is(unicode.So, r)) {
				break
			}
			i -= size
		}
		a := wordStart(s, i)
		if a == i {
			return
		}
		if p := x.platformEnding(s, a, i); p != "" {
			add(p, a, i)
		} else if !x.wordIn(phoneConnectors, s[a:i]) {
			return
		}
		i = a
	}
}

// messengersAfter walks on from i over separators, connectors and platform names, but not
// over a sentence's end or a name that introduces something else ("… Telegram: @anna").
func (x *extraction) messengersAfter(s string, i int, add func(p string, a, b int)) {
	for range 4 {
		for i < len(s) {
			r, size := runeAt(s, i)
			if !isSpace(r) && !isZeroWidth(r) && !strings.ContainsRune("-–—/|,()&+", r) {
				break
			}
			i += size
		}
		e := wordEnd(s, i)
		if e == i {
			return
		}
		if k, ok := lookupFold(&x.buf, keywords, s[i:e]); ok && k.platform != "" {
			if q := skipSpaces(s, e, 2); q < len(s) && (s[q] == ':' || s[q] == '@') {
				return
			}
			add(k.platform, i, e)
		} else if !x.wordIn(phoneConnectors, s[i:e]) {
			return
		}
		i = e
	}
}

// platformEnding names the platform of the word s[a:i], also of a two-word name ending there
// ("whats app").
func (x *extraction) platformEnding(s string, a, i int) string {
	if k, ok := lookupFold(&x.buf, keywords, s[a:i]); ok && k.platform != "" {
		return k.platform
	}
	if p, q := prevWord(s, a, 1); q < a && q > p {
		if k, ok := lookupFold(&x.buf, keywords, s[p:q]); ok && k.tail != "" && strings.EqualFold(k.tail, s[a:i]) {
			return k.pair
		}
	}
	return ""
}

var messengers = set("whatsapp", "viber", "signal", "telegram", "wechat", "line", "threema")

// phoneConnectors may stand between a phone number and a messenger's name.
var phoneConnectors = foldSet("on", "at", "via", "or", "and", "also", "only", "me", "su", "al", "allo", "anche",
	"solo", "o", "e", "oppure", "tramite", "in", "en", "por", "y", "también", "auf", "über", "per", "oder",
	"und", "nur", "pe", "sau", "și", "si", "doar", "la", "в", "на", "по", "или", "и", "только", "тільки",
	"або", "й", "і", "також", "чрез", "само", "σε", "στο", "ή", "και", "μόνο", "μέσω", "par", "sur", "ou",
	"et", "seulement", "tel", "tél", "phone", "nr", "no", "number", "numero", "número", "nummer", "номер",
	"номеру", "тел", "телефон", "τηλ", "τηλέφωνο", "contact", "contatto", "contacto", "kontakt", "write",
	"call", "text", "scrivi", "scrivimi", "chiama", "chiamami", "escribe", "escríbeme", "llama", "llámame",
	"schreib", "ruf", "scrie", "sună", "suna", "пиши", "пишите", "звони", "звоните", "пишіть", "звъни",
	"γράψε", "πάρε", "message", "messaggio", "mensaje", "nachricht", "mesaj", "msg", "sms", "available",
	"disponibile", "disponible", "erreichbar", "the", "my", "mio", "mia", "mein", "meine")
