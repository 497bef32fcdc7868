package analysis

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

var updateEntities = flag.Bool("update-entities", false, "rewrite testdata/entities/*.golden.json")

// entityCase is one text and the values expected of one entity type.
type entityCase struct {
	name   string
	text   string
	region string
	typ    string
	want   []string // values in order of appearance
}

// runEntityCases checks that each text gives exactly the wanted values of its type.
func runEntityCases(t *testing.T, cases []entityCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ents := extractChecked(t, c.text, c.region)
			if got := valuesOf(ents, c.typ); !slices.Equal(got, c.want) {
				t.Errorf("%s in %q (region %q):\n got %q\nwant %q\n all %v", c.typ, c.text, c.region, got, c.want, ents)
			}
		})
	}
}

// extractChecked extracts the entities of text and checks the invariants every result keeps.
func extractChecked(t testing.TB, text, region string) []Entity {
	t.Helper()
	n := Normalize(text)
	ents := ExtractEntities(n, region)
	checkEntities(t, n, ents)
	return ents
}

// cutsRune reports whether offset i falls inside a valid multi-byte character of s.
func cutsRune(s string, i int) bool {
	for k := 1; k < utf8.UTFMax && i-k >= 0; k++ {
		if r, size := utf8.DecodeRuneInString(s[i-k:]); r != utf8.RuneError && size > k {
			return true
		}
	}
	return false
}

func valuesOf(ents []Entity, typ string) []string {
	var out []string
	for _, e := range ents {
		if e.Type == typ {
			out = append(out, e.Value)
		}
	}
	return out
}

func entityOf(ents []Entity, typ, value string) (Entity, bool) {
	for _, e := range ents {
		if e.Type == typ && e.Value == value {
			return e, true
		}
	}
	return Entity{}, false
}

var (
	phoneValue = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)
	priceValue = regexp.MustCompile(`^[A-Z]{3} (0|[1-9]\d*)(\.\d*[1-9])?(/(hour|day|night|week|month|year))?$`)
	ageValue   = regexp.MustCompile(`^[1-9]\d$`)
	ibanValue  = regexp.MustCompile(`^[A-Z]{2}\d{2}[A-Z0-9]+$`)
	handleName = regexp.MustCompile(`^(\+\d+|[a-z0-9_.\-]+|\+[A-Za-z0-9_\-]+|(group|message)/[A-Za-z0-9_\-]+)$`)
)

// checkEntities checks what every result of ExtractEntities must satisfy: spans inside the
// original and on character boundaries, Raw the original text of the span, sorted, no
// duplicates, values canonical.
func checkEntities(t testing.TB, n *Normalized, ents []Entity) {
	t.Helper()
	orig := n.Original
	for i, e := range ents {
		sp := e.Span
		if sp.Start < 0 || sp.End > len(orig) || sp.Start >= sp.End {
			t.Fatalf("%+v: span outside the original (%d bytes)", e, len(orig))
		}
		if e.Raw != orig[sp.Start:sp.End] {
			t.Fatalf("%+v: Raw is not Original[Span] = %q", e, orig[sp.Start:sp.End])
		}
		if cutsRune(orig, sp.Start) || cutsRune(orig, sp.End) {
			t.Fatalf("%+v: span cuts a character", e)
		}
		if i > 0 {
			p := ents[i-1]
			if p.Span.Start > sp.Start {
				t.Fatalf("not sorted: %+v before %+v", p, e)
			}
			for _, q := range ents[:i] {
				if q.Type == e.Type && q.Value == e.Value && q.Span == e.Span {
					t.Fatalf("duplicate %+v", e)
				}
			}
		}
		if msg := canonicalProblem(e); msg != "" {
			t.Fatalf("%+v: %s", e, msg)
		}
	}
}

// canonicalProblem says what is wrong with the value of e, or "".
func canonicalProblem(e Entity) string {
	v := e.Value
	switch e.Type {
	case EntityPhone:
		if !phoneValue.MatchString(v) {
			return "phone not in E.164"
		}
	case EntityEmail:
		local, domain, ok := strings.Cut(v, "@")
		if !ok || local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(v, " \t\n") ||
			strings.Contains(domain, "@") || v != strings.ToLower(v) {
			return "e-mail not canonical"
		}
	case EntityURL:
		host := v
		if k := strings.IndexAny(v, "/?"); k >= 0 {
			host = v[:k]
		}
		if strings.Contains(v, "://") || strings.ContainsAny(v, " \t\n#") || host != strings.ToLower(host) ||
			strings.HasSuffix(v, "/") || !strings.Contains(host, ".") ||
			(strings.HasPrefix(host, "www.") && strings.Contains(host[4:], ".")) {
			return "URL not canonical"
		}
	case EntityHandle:
		if e.Platform == "" {
			if !strings.HasPrefix(v, "@") || !handleName.MatchString(v[1:]) || v != strings.ToLower(v) {
				return "bare handle not canonical"
			}
			break
		}
		name, ok := strings.CutPrefix(v, e.Platform+":")
		if !ok || !handleName.MatchString(name) {
			return "handle not platform:name"
		}
		if strings.HasPrefix(name, "+") && isDigits(name[1:]) && !phoneValue.MatchString(name) {
			return "handle number not in E.164"
		}
	case EntityPrice:
		if !priceValue.MatchString(v) {
			return "price not canonical"
		}
	case EntityAge:
		if !ageValue.MatchString(v) || v < "12" {
			return "age not a number from 12 to 99"
		}
	case EntityCrypto:
		if chain, value := wallet(e.Raw); chain != e.Platform || value != v {
			return "wallet does not check out"
		}
	case EntityIBAN:
		if !ibanValue.MatchString(v) || ibanLengths[v[:2]] != len(v) || !ibanChecks([]byte(v)) {
			return "IBAN not canonical or failing mod 97"
		}
	default:
		return "unknown type"
	}
	return ""
}

func TestExtractEntitiesEmpty(t *testing.T) {
	if got := ExtractEntities(nil, "IT"); got != nil {
		t.Errorf("nil: %v", got)
	}
	if got := ExtractEntities(Normalize(""), "IT"); got != nil {
		t.Errorf("empty: %v", got)
	}
	if got := extractChecked(t, "Cerchiamo ragazze serie per lavoro in hotel.", "IT"); len(got) != 0 {
		t.Errorf("plain sentence: %v", got)
	}
}

// The same phone written in many ways must give one value, so that ads link.
func TestExtractEntitiesSamePhoneManyWays(t *testing.T) {
	ways := []struct {
		text       string
		obfuscated bool
	}{
		{"+39 333 000 0001", false},
		{"0039 333 0000001", false},
		{"333-000.0001", false},
		{"+39 (333) 000 0001", false},
		{"00 39 333 000 0001", false},
		{"3330000001", false},
		{"tre tre tre zero zero zero zero zero zero uno", true},
		{"3three3 o0o 0oo1", true},
		{"333🌹000🌹0001", true},
		{"3️⃣3️⃣3️⃣ 0️⃣0️⃣0️⃣ 0️⃣0️⃣0️⃣1️⃣", true},
		{"３３３ ０００ ０００１", true},
		{"3 3 3 0 0 0 0 0 0 1", true},
		{"333 ooo ooo1", true},
		{"333 • 000 • 0001", true},
	}
	for _, w := range ways {
		text := "Info e prenotazioni: " + w.text + " (chiama dopo le 10)"
		ents := extractChecked(t, text, "IT")
		got := valuesOf(ents, EntityPhone)
		if len(got) != 1 || got[0] != "+393330000001" {
			t.Errorf("%q: phones %q, want [+393330000001]", w.text, got)
			continue
		}
		e, _ := entityOf(ents, EntityPhone, "+393330000001")
		if e.Raw != w.text {
			t.Errorf("%q: raw %q", w.text, e.Raw)
		}
		if e.Obfuscated != w.obfuscated {
			t.Errorf("%q: obfuscated %v, want %v", w.text, e.Obfuscated, w.obfuscated)
		}
	}
}

// Each language: a short synthetic ad and what must come out of it.
func TestExtractEntitiesLanguages(t *testing.T) {
	cases := []struct {
		lang, region, text string
		want               map[string][]string
	}{
		{"it", "IT", "Cerchiamo ragazze 18-25 anni per hotel a Milano. Stipendio 3.000 € al mese! " +
			"Scrivimi su Telegram: anna_job oppure chiama il tre tre tre zero zero zero zero zero zero due.",
			map[string][]string{
				EntityAge: {"18", "25"}, EntityPrice: {"EUR 3000/month"}, EntityHandle: {"telegram:anna_job"},
				EntityPhone: {"+393330000002"},
			}},
		{"el", "GR", "Ζητείται κοπέλα 19 ετών για μπαρ. Μισθός 1.500 ευρώ το μήνα. Τηλ: 691 234 5678, viber.",
			map[string][]string{
				EntityAge: {"19"}, EntityPrice: {"EUR 1500/month"}, EntityPhone: {"+306912345678"},
				EntityHandle: {"viber:+306912345678"},
			}},
		{"es", "ES", "Chica de 20 años, 150€ la hora. WhatsApp +34 612 34 56 78. anna arroba correo punto es",
			map[string][]string{
				EntityAge: {"20"}, EntityPrice: {"EUR 150/hour"}, EntityPhone: {"+34612345678"},
				EntityHandle: {"whatsapp:+34612345678"}, EntityEmail: {"anna@correo.es"},
			}},
		{"de", "DE", "Neue Mädchen, 21 Jahre alt, 2.500 € pro Monat netto. Tel. 01512 3456789, instagram.com/anna.neu",
			map[string][]string{
				EntityAge: {"21"}, EntityPrice: {"EUR 2500/month"}, EntityPhone: {"+4915123456789"},
				EntityHandle: {"instagram:anna.neu"},
			}},
		{"en", "GB", "Sweet girl 19yo new in town, £200 per hour. Text 07400 123456 or snap: sweetanna99. " +
			"Wallet bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
			map[string][]string{
				EntityAge: {"19"}, EntityPrice: {"GBP 200/hour"}, EntityPhone: {"+447400123456"},
				EntityHandle: {"snapchat:sweetanna99"}, EntityCrypto: {"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
			}},
		{"uk", "UA", "Робота для дівчат 18-30 років у Польщі, від 1000 євро на місяць. Пиши в телеграм @robota_pl, тел. 050 123 4567",
			map[string][]string{
				EntityAge: {"18", "30"}, EntityPrice: {"EUR 1000/month"}, EntityHandle: {"telegram:robota_pl"},
				EntityPhone: {"+380501234567"},
			}},
		{"ru", "RU", "Девушка 22 года, 5000 руб/час. Пиши в телеграм @anna_msk или звони 8 (912) 345-67-89. anna собака mail точка ru",
			map[string][]string{
				EntityAge: {"22"}, EntityPrice: {"RUB 5000/hour"}, EntityHandle: {"telegram:anna_msk"},
				EntityPhone: {"+79123456789"}, EntityEmail: {"anna@mail.ru"},
			}},
		{"ro", "RO", "Angajăm fete de 19 ani în Germania, 2000 euro pe lună. Sună la 0712 034 567. IBAN RO49 AAAA 1B31 0075 9384 0000",
			map[string][]string{
				EntityAge: {"19"}, EntityPrice: {"EUR 2000/month"}, EntityPhone: {"+40712034567"},
				EntityIBAN: {"RO49AAAA1B31007593840000"},
			}},
		{"bg", "BG", "Търсим момичета на 20 години, 3000 лв на месец. Обади се на 043 012 345 или пиши на anna.bg@mail.bg",
			map[string][]string{
				EntityAge: {"20"}, EntityPrice: {"BGN 3000/month"}, EntityPhone: {"+35943012345"},
				EntityEmail: {"anna.bg@mail.bg"},
			}},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			ents := extractChecked(t, c.text, c.region)
			for _, typ := range []string{EntityPhone, EntityEmail, EntityURL, EntityHandle, EntityPrice, EntityAge, EntityCrypto, EntityIBAN} {
				if got := valuesOf(ents, typ); !slices.Equal(got, c.want[typ]) {
					t.Errorf("%s: got %q, want %q", typ, got, c.want[typ])
				}
			}
		})
	}
}

// Things that look like numbers but are not phones, ages or prices.
func TestExtractEntitiesFalsePositives(t *testing.T) {
	cases := []struct {
		name, text string
		not        []string // types that must not appear
	}{
		{"price", "Guadagni fino a 3000 EUR, 1 500 000 €, 3.000.000 euro", []string{EntityPhone, EntityAge}},
		{"price range", "Stipendio 2000-3000 EUR netti", []string{EntityPhone, EntityAge}},
		{"date", "Disponibile dal 12.03.2024 al 15/04/2024, nata il 01-02-2003", []string{EntityPhone, EntityAge, EntityPrice}},
		{"years", "Esperienza 2019 2020 2021 2022 nel settore", []string{EntityPhone, EntityAge, EntityPrice}},
		{"year range", "Lavoro dal 2015-2023 in Germania", []string{EntityPhone, EntityPrice}},
		{"hours", "Aperto 10.30-18.00 e 24/7, anche 24 / 7", []string{EntityPhone, EntityAge, EntityPrice}},
		{"experience", "19 years of experience, 20 anni di esperienza, 15 Jahre Erfahrung, 12 лет опыта", []string{EntityAge}},
		{"durations", "lavoro da 19 anni, seit 20 Jahren, hace 21 años, уже 22 года, 25 anni fa", []string{EntityAge}},
		{"iban", "IBAN: IT60 X054 2811 1010 0000 0123 456", []string{EntityPhone, EntityPrice, EntityAge}},
		{"address", "Via Roma 12, 20121 Milano, piano 3", []string{EntityPhone, EntityAge, EntityPrice}},
		{"plain numbers", "Ref. 1234567, codice 98765432, lotto 4455667788", []string{EntityPrice, EntityAge}},
		{"drama number", "Call +44 7700 900123 now", []string{EntityPhone}}, // Ofcom's drama range is not a valid number
		{"version", "Version 1.2.3 of app.exe, e.g. this i.e. that", []string{EntityURL}},
		{"sentence dots", "Sono qui.Chiamami domani.Grazie", []string{EntityURL}},
		{"random base58", "code 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb and 0xZZ08400098527886E0F7030069857D2E4169EE7", []string{EntityCrypto}},
		{"bad iban", "GB82WEST12345698765433 DE00123456781234567890", []string{EntityIBAN}},
		{"email-like", "meet me at home dot com, I am at work", []string{EntityEmail}},
		{"money without currency", "Paga 3000 al mese", []string{EntityPrice, EntityPhone}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ents := extractChecked(t, c.text, "IT")
			for _, typ := range c.not {
				if got := valuesOf(ents, typ); len(got) > 0 {
					t.Errorf("%q: unexpected %s %q", c.text, typ, got)
				}
			}
		})
	}
}

func TestExtractEntitiesObfuscatedFlag(t *testing.T) {
	text := "anna@mail.com, bella [at] mail [dot] com, example.com, sito dot com, +39 333 000 0001, " +
		"tre tre tre zero zero zero zero zero zero due"
	ents := extractChecked(t, text, "IT")
	want := map[string]bool{
		"anna@mail.com": false, "bella@mail.com": true, "example.com": false, "sito.com": true,
		"+393330000001": false, "+393330000002": true,
	}
	for v, obf := range want {
		found := false
		for _, e := range ents {
			if e.Value == v {
				found = true
				if e.Obfuscated != obf {
					t.Errorf("%s: obfuscated %v, want %v", v, e.Obfuscated, obf)
				}
			}
		}
		if !found {
			t.Errorf("%s not found in %v", v, ents)
		}
	}
}

// Without a region only international numbers count.
func TestExtractEntitiesNoRegion(t *testing.T) {
	ents := extractChecked(t, "Tel 333 000 0001, +39 333 000 0002, 0039 333 000 0003", "")
	want := []string{"+393330000002", "+393330000003"}
	if got := valuesOf(ents, EntityPhone); !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// The golden ads in testdata/entities: one per language, ~500 bytes each. Refresh with
// go test ./analysis -run TestExtractEntitiesGolden -update-entities.
func TestExtractEntitiesGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "entities", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden ads: %v", err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ents := extractChecked(t, string(text), goldenRegion(name))
			got, err := json.MarshalIndent(ents, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(f, ".txt") + ".golden.json"
			if *updateEntities {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update-entities to create it)", err)
			}
			if string(got) != string(want) {
				t.Errorf("entities of %s differ from %s (run with -update-entities after checking):\n%s", f, golden, got)
			}
		})
	}
}

// goldenRegion is the default phone region of a golden ad, from its file name ("it-hotel").
func goldenRegion(name string) string {
	lang, _, _ := strings.Cut(name, "-")
	return map[string]string{"it": "IT", "el": "GR", "es": "ES", "de": "DE", "en": "GB", "uk": "UA",
		"ru": "RU", "ro": "RO", "bg": "BG"}[lang]
}

// Every lexicon word must hash over its whole length, and in any case to the same value, or
// the Bloom filter would hide it.
func TestEntitiesLexiconHashes(t *testing.T) {
	for w := range lexicon.m {
		end, h := wordHash(w, 0)
		if end != len(w) {
			t.Errorf("%q: word ends at %d", w, end)
		}
		if up := strings.ToUpper(w); strings.ToLower(up) == w {
			if _, hu := wordHash(up, 0); hu != h {
				t.Errorf("%q: upper case %q hashes differently", w, up)
			}
		}
	}
}

// TestExtractEntitiesScratchReused: extractions reuse their scratch (scratchPool), long texts
// after short ones and at once on several goroutines, and each still finds exactly what it
// finds alone with fresh memory.
func TestExtractEntitiesScratchReused(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "entities", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no ads: %v", err)
	}
	var texts []*Normalized
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if i%2 == 1 { // long texts among short ones, so that scratch grows and shrinks in use
			s = strings.Repeat(s+"\n", 40)
		}
		texts = append(texts, Normalize(s))
	}
	want := make([][]Entity, len(texts))
	for i, n := range texts {
		scratchPool = sync.Pool{New: func() any { return new(scratch) }} // fresh memory
		want[i] = ExtractEntities(n, "IT")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4*len(texts))
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 3 * len(texts) {
				i := (k + g) % len(texts)
				if got := ExtractEntities(texts[i], "IT"); !slices.Equal(got, want[i]) {
					errs <- fmt.Sprintf("text %d on goroutine %d: %d entities, want %d", i, g, len(got), len(want[i]))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
