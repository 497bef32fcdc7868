package analysis

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// langProfile is what one language is recognised by (tables in lang_data.go).
type langProfile struct {
	code   string
	script langScript
	base   float64 // evidence per word of the script alone: for a script only one language here writes
	words  string  // frequent words, space-separated
	chars  map[rune]float64
	// affixes: "-ung" is a word ending, anything else a letter group anywhere in the word.
	affixes map[string]float64
}

// langWeight is evidence for the language at index lang of the model's profiles.
type langWeight struct {
	lang int
	w    float64
}

// langModel indexes the profiles for lookup by word, letter and affix.
type langModel struct {
	profiles  []langProfile
	words     map[string][]langWeight
	bare      map[string][]langWeight // Latin words without accents, for ads typed without them
	chars     map[rune][]langWeight
	suffixes  map[string][]langWeight
	infixes   []langInfix // sorted, so that sums and thus scores are reproducible
	maxSuffix int
}

// langInfix is a letter group that can stand anywhere in a word ("sch", "ij").
type langInfix struct {
	group string
	ws    []langWeight
}

const (
	langBareWeight = 0.7 // a word matched only without its accents is weaker evidence
	langTokenCap   = 1.5 // letters and affixes of one word never outweigh 1.5 function words
	langAffixMin   = 4   // shorter words carry no telling endings
)

// langModelOnce builds the model once; it is read-only afterwards.
var langModelOnce = sync.OnceValue(func() *langModel { return newLangModel(langProfiles) })

func newLangModel(profiles []langProfile) *langModel {
	m := &langModel{
		profiles: profiles,
		words:    map[string][]langWeight{},
		bare:     map[string][]langWeight{},
		chars:    map[rune][]langWeight{},
		suffixes: map[string][]langWeight{},
	}
	infixes := map[string][]langWeight{}
	bareLangs := map[string]map[int]bool{}
	for i, p := range profiles {
		for _, w := range strings.Fields(p.words) {
			m.words[w] = langAddOnce(m.words[w], i)
			if p.script == langLatin {
				b := langStripMarks(w)
				if bareLangs[b] == nil {
					bareLangs[b] = map[int]bool{}
				}
				bareLangs[b][i] = true
			}
		}
		for r, w := range p.chars {
			m.chars[r] = append(m.chars[r], langWeight{i, w})
		}
		for a, w := range p.affixes {
			if s, ok := strings.CutPrefix(a, "-"); ok {
				m.suffixes[s] = append(m.suffixes[s], langWeight{i, w})
				m.maxSuffix = max(m.maxSuffix, len(s))
			} else {
				infixes[a] = append(infixes[a], langWeight{i, w})
			}
		}
	}
	for _, g := range slices.Sorted(maps.Keys(infixes)) {
		m.infixes = append(m.infixes, langInfix{g, infixes[g]})
	}
	// A word several languages share is weaker evidence for each: its weight is split.
	for w, ls := range m.words {
		for j := range ls {
			ls[j].w = 1 / float64(len(ls))
		}
		m.words[w] = ls
	}
	for b, set := range bareLangs {
		for _, i := range slices.Sorted(maps.Keys(set)) {
			m.bare[b] = append(m.bare[b], langWeight{i, langBareWeight / float64(len(set))})
		}
	}
	m.addBareToWords()
	return m
}

// addBareToWords lets a word that is itself listed also count, at the weight of a bare match,
// for the languages that write it with accents: Romanian "și" typed as "si", which Italian and
// Spanish list as it is.
func (m *langModel) addBareToWords() {
	for w, ls := range m.words {
		for _, b := range m.bare[w] {
			if !slices.ContainsFunc(ls, func(l langWeight) bool { return l.lang == b.lang }) {
				ls = append(ls, b)
			}
		}
		m.words[w] = ls
	}
}

func langAddOnce(ls []langWeight, lang int) []langWeight {
	for _, l := range ls {
		if l.lang == lang {
			return ls
		}
	}
	return append(ls, langWeight{lang, 1})
}

// langStripMarks removes accents: "experiență" → "experienta".
func langStripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// evidence sums the evidence for every language over the words of a text.
func (m *langModel) evidence(toks []langToken) []float64 {
	ev := make([]float64, len(m.profiles))
	tok := make([]float64, len(m.profiles))
	for _, t := range toks {
		for i, p := range m.profiles {
			if p.script == t.script {
				ev[i] += p.base
			}
		}
		if ws, ok := m.lookupWord(t); ok {
			for _, w := range ws {
				ev[w.lang] += w.w
			}
			continue
		}
		clear(tok)
		m.wordFeatures(t, tok)
		for i, w := range tok {
			ev[i] += min(w, langTokenCap)
		}
	}
	return ev
}

func (m *langModel) lookupWord(t langToken) ([]langWeight, bool) {
	if ws, ok := m.words[t.word]; ok {
		return ws, true
	}
	if t.script != langLatin {
		return nil, false
	}
	bare := t.word
	if !langIsASCII(bare) { // an ASCII word has no accents to strip: skip the costly NFD
		bare = langStripMarks(bare)
	}
	ws, ok := m.bare[bare]
	return ws, ok
}

// wordFeatures adds the evidence of a word's letters, ending and letter groups to tok.
func (m *langModel) wordFeatures(t langToken, tok []float64) {
	add := func(ws []langWeight) {
		for _, w := range ws {
			if m.profiles[w.lang].script == t.script {
				tok[w.lang] += w.w
			}
		}
	}
	for _, r := range t.word {
		add(m.chars[r])
	}
	if utf8.RuneCountInString(t.word) < langAffixMin {
		return
	}
	for _, in := range m.infixes {
		if strings.Contains(t.word, in.group) {
			add(in.ws)
		}
	}
	m.suffixFeatures(t, tok)
}

// suffixFeatures credits each language with its longest ending that the word has.
func (m *langModel) suffixFeatures(t langToken, tok []float64) {
	var seen []int
	w := t.word
	for n := min(m.maxSuffix, len(w)-1); n >= 1; n-- {
		if !utf8.RuneStart(w[len(w)-n]) {
			continue
		}
		for _, lw := range m.suffixes[w[len(w)-n:]] {
			if m.profiles[lw.lang].script != t.script || langContains(seen, lw.lang) {
				continue
			}
			seen = append(seen, lw.lang)
			tok[lw.lang] += lw.w
		}
	}
}

func langContains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func langIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
