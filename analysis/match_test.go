package analysis

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// brief renders hits as "indicator=original words" for comparison.
func brief(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Indicator + "=" + h.Text
	}
	return out
}

// checkHits asserts what every hit must satisfy whatever the text: a span inside the original,
// Text equal to the original words of the span, and hits sorted by start.
func checkHits(t testing.TB, n *Normalized, hits []Hit) {
	t.Helper()
	for i, h := range hits {
		if h.Span.Start < 0 || h.Span.Start > h.Span.End || h.Span.End > len(n.Original) {
			t.Fatalf("hit %d span %v outside [0,%d]", i, h.Span, len(n.Original))
		}
		if got := n.Original[h.Span.Start:h.Span.End]; got != h.Text {
			t.Fatalf("hit %d: Original[%v] = %q, Text = %q", i, h.Span, got, h.Text)
		}
		if h.Text == "" || h.Indicator == "" || h.Category == "" || h.Strength == "" || h.Pattern == "" || h.Lang == "" {
			t.Fatalf("hit %d incomplete: %+v", i, h)
		}
		if i > 0 && hits[i-1].Span.Start > h.Span.Start {
			t.Fatalf("hits not sorted by start: %v before %v", hits[i-1].Span, h.Span)
		}
	}
}

// matchCases are the cases of TestMatch, with the test packs.
var matchCases = []struct {
	name, text string
	want       []string
}{
	{"phrase", "Hand over your passport on arrival.", []string{"documents_surrender=Hand over your passport"}},
	{"whole words only", "many jobs, any jobs, company job", nil},
	{"word at start and end", "Any job", []string{"job_nature_vague=Any job"}},
	{"word before punctuation", "any job!", []string{"job_nature_vague=any job"}},
	{"prefix covers the word", "we keep original documents", []string{"documents_surrender=original documents"}},
	{"prefix matches the bare word", "original document.", []string{"documents_surrender=original document"}},
	{"prefix must start a word", "unoriginal documents", nil},
	{"prefix on one word", "penalties apply", []string{"fines_penalties=penalties"}},
	{"tilde adjacent", "passport safekeeping", []string{"documents_surrender=passport safekeeping"}},
	{"tilde three words", "your passport kept in our safekeeping",
		[]string{"documents_surrender=passport kept in our safekeeping"}},
	{"tilde four words", "passport is kept in our safekeeping", nil},
	{"tilde keeps order", "safekeeping of your passport", nil},
	{"tilde needs every part", "passport passport, долг долг", nil},
	{"tilde with prefix", "долг вернёшь с заработков", []string{"travel_debt_repayment=долг вернёшь с заработков"}},
	{"tilde picks a near pair", "passport, money, phone, keys; passport for safekeeping",
		[]string{"documents_surrender=passport for safekeeping"}},
	{"punctuation pattern", "Available 24/7!", []string{"always_available=24/7", "excessive_hours_stated=24/7"}},
	{"digit boundary", "call 124/7 or 24/78", nil},
	{"longest wins on overlap", "No experience needed.", []string{"no_experience_required=No experience needed"}},
	{"same pattern in two languages", "lavoro 24/7", []string{"always_available=24/7", "excessive_hours_stated=24/7"}},
	{"emoji", "new in town 🍒🍒 👑", []string{"movement_language=new in town", "emoji_codes=🍒",
		"emoji_codes=🍒", "emoji_codes=👑"}},
	{"mixed languages", "Easy money! Lavoro 7 giorni su 7, сдать паспорт, без офіційного договору",
		[]string{"pay_implausibly_high=Easy money", "excessive_hours_stated=7 giorni su 7",
			"documents_surrender=сдать паспорт", "no_or_foreign_contract=без офіційного договору"}},
	{"Cyrillic upper case", "Нужно СДАТЬ ПАСПОРТ и работать КРУГЛОСУТОЧНО",
		[]string{"documents_surrender=СДАТЬ ПАСПОРТ", "always_available=КРУГЛОСУТОЧНО"}},
	{"Cyrillic boundary", "без договорами", nil},
	{"Greek upper case", "ΕΎΚΟΛΑ ΧΡΉΜΑΤΑ, νέα στην πόλη", []string{"pay_implausibly_high=ΕΎΚΟΛΑ ΧΡΉΜΑΤΑ",
		"movement_language=νέα στην πόλη"}},
	{"nothing", "We are a registered bakery in Bologna, contract and training provided.", nil},
}

func TestMatch(t *testing.T) {
	rs := testRules(t)
	for _, c := range matchCases {
		t.Run(c.name, func(t *testing.T) {
			n := Normalize(c.text)
			hits := rs.Match(n)
			checkHits(t, n, hits)
			if got := brief(hits); !slices.Equal(got, c.want) {
				t.Errorf("Match(%q)\n got %q\nwant %q", c.text, got, c.want)
			}
		})
	}
}

// TestMatchFolded is written against the documented normaliser (normalize.go: NFKC, case and
// homoglyph folding, diacritics, leetspeak, white space collapsed); it fails under the first-cut
// Normalize, which only lowers the case.
var foldedCases = []struct{ name, text, want string }{
	{"leetspeak", "3asy m0ney", "pay_implausibly_high=3asy m0ney"},
	{"Cyrillic homoglyphs in Latin words", "hаnd оver your pаssport", "documents_surrender=hаnd оver your pаssport"},
	{"full-width letters", "ｅａｓｙ ｍｏｎｅｙ", "pay_implausibly_high=ｅａｓｙ ｍｏｎｅｙ"},
	{"Greek capitals without accents", "ΠΑΡΑΔΟΣΗ ΔΙΑΒΑΤΗΡΙΟΥ", "documents_surrender=ΠΑΡΑΔΟΣΗ ΔΙΑΒΑΤΗΡΙΟΥ"},
	{"е for ё", "легкие деньги", "pay_implausibly_high=легкие деньги"},
	{"accents folded", "SENZA ESPERIÈNZA", "no_experience_required=SENZA ESPERIÈNZA"},
	{"line breaks and runs of spaces", "Hand over\n   your\tpassport", "documents_surrender=Hand over\n   your\tpassport"},
}

func TestMatchFolded(t *testing.T) {
	rs := testRules(t)
	for _, c := range foldedCases {
		t.Run(c.name, func(t *testing.T) {
			n := Normalize(c.text)
			hits := rs.Match(n)
			checkHits(t, n, hits)
			if got := brief(hits); !slices.Equal(got, []string{c.want}) {
				t.Errorf("Match(%q) = %q, want [%q] (normalised: %q)", c.text, got, c.want, n.Text)
			}
		})
	}
}

func TestMatchHitFields(t *testing.T) {
	rs := testRules(t)
	text := "Wir bieten: trattenere i documenti in custodia."
	n := Normalize(text)
	hits := rs.Match(n)
	checkHits(t, n, hits)
	if len(hits) != 1 {
		t.Fatalf("hits = %q", brief(hits))
	}
	h := hits[0]
	want := HitRule{Indicator: "documents_surrender", Category: "coercion_control", Strength: Strong, Lang: "it",
		Pattern: "trattenere i document*", Explanation: "Original passport handed over.", Source: "ILO–EC 2009"}
	if *h.HitRule != want || h.Span != (Span{12, 34}) || h.Text != "trattenere i documenti" {
		t.Errorf("hit\n got %+v %+v\nwant %+v %v %q", *h.HitRule, h, want, Span{12, 34}, "trattenere i documenti")
	}
}

// TestMatchMergesOverlaps: overlapping matches of one indicator become one hit over their union,
// named after the longest match; other indicators on the same words stay separate.
func TestMatchMergesOverlaps(t *testing.T) {
	rs := testRules(t)
	text := "consegnare il passaporto in custodia"
	n := Normalize(text)
	hits := rs.Match(n)
	checkHits(t, n, hits)
	if len(hits) != 1 || hits[0].Text != text || hits[0].Pattern != "consegnare il passaporto" {
		t.Errorf("hits = %+v", hits)
	}
}

// FuzzMatch checks, with the test packs and the shipped ones, that hits stay inside the text,
// quote it exactly, and are what their patterns say (checkRaw).
func FuzzMatch(f *testing.F) {
	for _, s := range matchSeeds {
		f.Add(s)
	}
	sets := []*RuleSet{testRules(f)}
	if rs, err := DefaultRules(); err == nil {
		sets = append(sets, rs)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		for _, rs := range sets {
			hits := rs.Match(n)
			checkHits(t, n, hits)
			f := rs.m.finder()
			f.find(n.Text)
			for _, r := range append(f.hits, f.pairs...) {
				checkRaw(t, n.Text, r, rs.m.specs[r.spec])
			}
			for _, h := range hits {
				if utf8.ValidString(s) && !utf8.ValidString(h.Text) {
					t.Fatalf("hit %+v cuts a character", h)
				}
			}
		}
	})
}

// TestWordEnd holds wordEndFrom to reading rune by rune on random strings of the bytes that
// matter to wordBytes.
func TestWordEnd(t *testing.T) {
	bytes := []byte("aZz09 @[`{/:\x7f\xd0\xd1\xd2\xcf\xce\x80\x81\xbf\xc0\xc2\xe2\xf0")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = bytes[rng.IntN(len(bytes))]
		}
		checkWordEnd(t, string(b))
	}
}

func checkWordEnd(t *testing.T, s string) {
	t.Helper()
	for i := range len(s) + 1 {
		want := i
		for want < len(s) {
			r, size := utf8.DecodeRuneInString(s[want:])
			if !refIsWordRune(r) {
				break
			}
			want += size
		}
		if got := wordEndFrom(s, i); got != want {
			t.Fatalf("wordEndFrom(%q, %d) = %d, want %d", s, i, got, want)
		}
	}
}

// FuzzWordEnd holds wordEndFrom, which skips bytes eight at a time, to reading rune by rune.
func FuzzWordEnd(f *testing.F) {
	for _, s := range append(matchSeeds, "Zz09az@[`{/:", "работа\xd0\xd1\xd0", "ѐѿ Ѐ҂ abcdefghijklmnop", "\xd0\x80\xd1") {
		f.Add(s)
	}
	f.Fuzz(checkWordEnd)
}

// trieMatches walks tr from every byte of hay and returns what the walks find, as "key@start",
// checking that each walk finds keys that start where it did, in order of end.
func trieMatches(t testing.TB, tr *trie, keys []string, hay string) []string {
	var out []string
	for i := range len(hay) {
		last := i
		for _, k := range tr.walk(hay, i, nil) {
			if int(k.end) <= last || hay[i:k.end] != keys[k.key] {
				t.Fatalf("walk from %d found key %q at [%d,%d) after end %d", i, keys[k.key], i, k.end, last)
			}
			last = int(k.end)
			out = append(out, fmt.Sprintf("%d@%d", k.key, i))
		}
	}
	slices.Sort(out)
	return out
}

func TestTrie(t *testing.T) {
	keys := []string{"he", "she", "his", "hers", "h", "ушел", "шел", "ελ", "🍒", "e", "hersheys", "ab", "abcd", "abce"}
	for _, hay := range []string{"ushers", "ahishers", "он ушел, шел", "ελληνικά 🍒🍒", "", "xyz", "hersheys abcdabce"} {
		if got, want := trieMatches(t, newTrie(keys, allKeys(keys)), keys, hay), naiveMatches(keys, hay); !slices.Equal(got, want) {
			t.Errorf("walks of %q = %v, want %v", hay, got, want)
		}
	}
}

func allKeys(keys []string) []int32 {
	ids := make([]int32, len(keys))
	for i := range ids {
		ids[i] = int32(i)
	}
	return ids
}

// FuzzTrie checks walks from every byte against the naive search; keys are the '|'-separated
// parts of the first input.
func FuzzTrie(f *testing.F) {
	f.Add("he|she|his|hers", "ushers")
	f.Add("aa|aaa|a|ab|bab", "aaabababaaab")
	f.Add("passport|pass|sport|port", "passport sport passports")
	f.Fuzz(func(t *testing.T, ks, hay string) {
		keys := splitKeys(ks)
		if len(keys) == 0 || len(keys) > 64 || len(hay) > 4096 {
			return
		}
		if got, want := trieMatches(t, newTrie(keys, allKeys(keys)), keys, hay), naiveMatches(keys, hay); !slices.Equal(got, want) {
			t.Fatalf("keys %q in %q: walks %v, naive %v", keys, hay, got, want)
		}
	})
}

func compareHits(a, b rawHit) int {
	return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(a.spec, b.spec))
}

// sameAsReference fails unless the matcher finds what the reference matcher finds in hay: the
// same hits before merging (in any order) and the same merged hits, in the same order.
func sameAsReference(t testing.TB, ref *reference, hay string) {
	t.Helper()
	m := ref.m
	f := m.finder()
	defer m.finders.Put(f)
	f.find(hay)
	got, want := append(slices.Clone(f.hits), f.pairs...), ref.find(hay)
	byPlace := func(a, b rawHit) int { return cmp.Or(a.start-b.start, a.spec-b.spec, a.end-b.end) }
	sortedGot, sortedWant := slices.SortedFunc(slices.Values(got), byPlace), slices.SortedFunc(slices.Values(want), byPlace)
	if !slices.Equal(sortedGot, sortedWant) {
		t.Fatalf("in %q:\nfound     %v\nreference %v", hay, sortedGot, sortedWant)
	}
	if !slices.IsSortedFunc(f.hits, compareHits) || !slices.IsSortedFunc(f.pairs, compareHits) {
		t.Fatalf("in %q: hits or pairs out of order", hay)
	}
	var merged []rawHit
	for _, g := range f.merge() {
		merged = append(merged, g.hit())
	}
	if got, want := merged, ref.merge(want); !slices.Equal(got, want) {
		t.Fatalf("in %q:\nmerged           %v\nreference merged %v", hay, got, want)
	}
}

// matchSamples are texts for the comparison with the reference matcher: the golden ads, the
// texts of the tests above, and the benchmark's ads.
func matchSamples(t testing.TB) []string {
	raw, err := os.ReadFile("testdata/golden/ads.json")
	if err != nil {
		t.Fatal(err)
	}
	var ads []goldenAd
	if err := json.Unmarshal(raw, &ads); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ad := range ads {
		out = append(out, ad.Text)
	}
	for _, c := range matchCases {
		out = append(out, c.text)
	}
	for _, c := range foldedCases {
		out = append(out, c.text)
	}
	return append(out, matchSeeds...)
}

// matchSeeds are texts that have tripped matchers: invalid UTF-8, marks, keys inside words,
// overlapping keys, prefixes, '~' parts near and far.
var matchSeeds = []string{"", "Hand over your passport 24/7", "passport   in\n safekeeping", "ΕΎΚΟΛΑ ΧΡΉΜΑΤΑ",
	"долг ~ заработ* долг заработок", "🍒🍒🍒", "\xff\xfe original documents\x00", "ǅ İstanbul ﬀ ß ẞ",
	"Lavoro 7 giorni su 7, alloggio fornito, trattenere i documenti. Scrivi su W h a t s A p p",
	"x24/7🍒y🍒🍒👑24/7", "\xce24/7\xcf\x80passport\xe2\x80", "passport\u0301 safekeeping", "any jobsany job",
	"passport passport safekeeping safekeeping", "a\u0300passport b\u0300 safekeeping"}

// TestMatchSameAsReference compares the matcher with the reference matcher (match_ref_test.go)
// on the samples, whole and cut at every tenth byte, and on the benchmark's megabyte of ads,
// with the test packs and the shipped ones.
func TestMatchSameAsReference(t *testing.T) {
	samples := matchSamples(t)
	for _, rs := range []*RuleSet{testRules(t), defaultAnalyzer(t).rules} {
		ref := newReference(rs.m)
		for _, s := range samples {
			sameAsReference(t, ref, Normalize(s).Text)
			sameAsReference(t, ref, s)
			for i := 0; i < len(s); i += 10 {
				sameAsReference(t, ref, s[i:])
			}
		}
		sameAsReference(t, ref, Normalize(matchBenchText(1<<20)).Text)
	}
}

// FuzzMatchSameAsReference compares the matcher with the reference matcher on any text, as
// Match sees it (normalised) and raw, with the shipped packs.
func FuzzMatchSameAsReference(f *testing.F) {
	for _, s := range matchSamples(f) {
		f.Add(s)
	}
	ref := newReference(defaultAnalyzer(f).rules.m)
	f.Fuzz(func(t *testing.T, s string) {
		sameAsReference(t, ref, Normalize(s).Text)
		sameAsReference(t, ref, s)
	})
}

// checkRaw asserts that a match before merging is what its pattern says: the parts in order,
// the first at the start, each beginning a word, gaps of at most maxGapWords words, and the end
// of a word at the end.
func checkRaw(t *testing.T, hay string, r rawHit, s patternSpec) {
	t.Helper()
	seg, at := hay[r.start:r.end], 0
	for i, p := range s.parts {
		j := strings.Index(seg[at:], p.text)
		if j < 0 || i == 0 && j != 0 || i > 0 && countWords(seg[at:at+j], 99) > maxGapWords {
			t.Fatalf("match %q of pattern %q: part %q misplaced", seg, s.raw, p.text)
		}
		if first, _ := utf8.DecodeRuneInString(p.text); isWordRune(first) && !boundaryBefore(hay, r.start+at+j) {
			t.Fatalf("match %q of pattern %q: part %q starts inside a word", seg, s.raw, p.text)
		}
		at += j + len(p.text)
	}
	last := s.parts[len(s.parts)-1]
	if at != len(seg) && !last.prefix {
		t.Fatalf("match %q of pattern %q runs on after it", seg, s.raw)
	}
	lastRune, _ := utf8.DecodeLastRuneInString(last.text)
	if (last.prefix || isWordRune(lastRune)) && !boundaryAfter(hay, r.end) {
		t.Fatalf("match %q of pattern %q ends inside a word", seg, s.raw)
	}
}

// matchBenchText is about size bytes of ad-like text in the packs' languages, mostly innocent, with
// some indicators, as a day of collected ads would be.
func matchBenchText(size int) string {
	ads := []string{
		"Cerchiamo camerieri per ristorante a Milano, contratto regolare, 1.400 euro al mese. Inviare CV.",
		"Work abroad in Germany! Easy money, no experience needed, accommodation provided. Write on WhatsApp +49 151 0000000.",
		"Требуются работники на склад в Польше. Высокий заработок, жильё бесплатно, без договора. Пишите в Telegram.",
		"Ζητείται προσωπικό για ξενοδοχείο στη Ρόδο. Εύκολα χρήματα, διαμονή και φαγητό. Τηλ. 69 0000 0000.",
		"Вакансія: прибиральниця, без офіційного договору, віддати оригінали документів роботодавцю.",
		"New in town 🍒 sweet girl available 24/7, 100% real photos, call me.",
		"Se busca personal de limpieza, jornada completa, contrato indefinido, Madrid centro.",
		"Wir suchen Erntehelfer (m/w/d) für die Saison, Unterkunft vorhanden, Bezahlung nach Mindestlohn.",
		"Bakery in Dublin seeks a baker with two years of experience. Apply with references.",
		"Lavoro 7 giorni su 7, alloggio fornito, trattenere i documenti per sicurezza, guadagni facili.",
	}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "#%d %s\n\n", i, ads[i%len(ads)])
	}
	return b.String()
}

// BenchmarkMatch measures Match on 1 MiB of ads with the embedded packs (the test packs until
// the language packs land), and NFKC on the same text as a yardstick of "one pass of Unicode
// work": the nfkc-MB/s and match/nfkc metrics.
func BenchmarkMatch(b *testing.B) {
	rs, err := DefaultRules()
	if err != nil || len(rs.Langs) == 0 {
		b.Logf("embedded packs unusable (langs %v, err %v): using testdata/rules/good", rs.Langs, err)
		rs = testRules(b)
	}
	text := matchBenchText(1 << 20)
	n := Normalize(text)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	hits := 0
	for b.Loop() {
		hits = len(rs.Match(n))
	}
	matchMBs := float64(len(text)) * float64(b.N) / b.Elapsed().Seconds() / 1e6
	nfkcMBs := nfkcSpeed(text)
	b.ReportMetric(nfkcMBs, "nfkc-MB/s")
	b.ReportMetric(matchMBs/nfkcMBs, "match/nfkc")
	b.ReportMetric(float64(hits), "hits")
	b.ReportMetric(float64(len(rs.m.specs)), "patterns")
}

// nfkcSpeed times norm.NFKC.String on text for a fixed while, outside the benchmark loop.
func nfkcSpeed(text string) float64 {
	start, reps := time.Now(), 0
	for ; reps < 3 || time.Since(start) < 300*time.Millisecond; reps++ {
		_ = norm.NFKC.String(text)
	}
	return float64(len(text)) * float64(reps) / time.Since(start).Seconds() / 1e6
}

// BenchmarkLoadRules measures parsing, validating and compiling the embedded packs, which the
// workstation does once at start.
func BenchmarkLoadRules(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DefaultRules(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHitJSONIsFlat: a hit's rule fields sit beside its span and text in JSON, as they did
// before hits shared their rule, so stored results read back the same; every hit of one pattern
// shares one rule, and a decoded hit gets a rule of its own.
func TestHitJSONIsFlat(t *testing.T) {
	rs := testRules(t)
	n := Normalize("trattenere i documenti, poi trattenere i documenti")
	hits := rs.Match(n)
	if len(hits) != 2 || hits[0].HitRule != hits[1].HitRule {
		t.Fatalf("two hits of one pattern share their rule: %+v", hits)
	}
	b, err := json.Marshal(hits[0])
	if err != nil {
		t.Fatal(err)
	}
	var flat map[string]any
	if err := json.Unmarshal(b, &flat); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"indicator", "category", "strength", "lang", "pattern", "span", "text", "explanation", "source"} {
		if _, ok := flat[k]; !ok {
			t.Errorf("JSON of a hit lacks %q: %s", k, b)
		}
	}
	if len(flat) != 9 {
		t.Errorf("JSON of a hit has %d keys, want 9: %s", len(flat), b)
	}
	var back Hit
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.HitRule == nil || *back.HitRule != *hits[0].HitRule || back.Span != hits[0].Span || back.Text != hits[0].Text {
		t.Errorf("hit read back as %+v, want %+v", back, hits[0])
	}
	old := `{"indicator":"x","category":"c","strength":"strong","lang":"it","pattern":"p","span":{"start":1,"end":2},"text":"t","explanation":"e","source":"s"}`
	if err := json.Unmarshal([]byte(old), &back); err != nil || back.Indicator != "x" || back.Source != "s" || back.Span != (Span{1, 2}) {
		t.Errorf("a hit stored before rules were shared reads as %+v (%v)", back, err)
	}
}
