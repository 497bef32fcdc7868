package analysis

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Pattern semantics (assets/rules/README.md):
//   - a pattern and the text go through the same Normalize, so authors write naturally and
//     obfuscation in the text (leetspeak, homoglyphs, accents) folds away before matching;
//   - runs of white space count as one space, in patterns and text alike (Normalize collapses
//     them in the text; patterns are also folded with strings.Fields);
//   - matches are whole words: where a pattern starts (ends) with a letter or digit, the text
//     must not have a letter or digit just before (after) it, so "job" misses "jobs"; where it
//     starts or ends with punctuation or an emoji ("24/7", "🍒") that side has no boundary;
//   - a trailing '*' makes the last word a prefix ("document*" hits "documents", and the hit
//     covers the whole word);
//   - '~' between two parts allows up to maxGapWords other words in between.
//
// The distinct parts of every pattern of every language (the keys) are compiled together, so a
// text is scanned once whatever the number of packs; '~' patterns pair their parts' matches
// after the scan instead of running a regular expression each. Because a key that starts with
// a letter or digit can only match where a word starts, the scan reads the text a word at a time
// (wordTrie), and only the few keys that start otherwise ("🍒") are looked for at other places
// (trie). Every match is found, overlapping ones included ("no experience" and "experience
// needed" in "no experience needed"), and merged after.
const maxGapWords = 3

// part is one '~'-separated piece of a pattern, normalised.
type part struct {
	text   string
	prefix bool // trailing '*'
}

// patternSpec is one validated pattern of one indicator in one language.
type patternSpec struct {
	ind   *Indicator
	rank  int // the indicator's place in order of ID; compile orders the specs by it
	lang  string
	raw   string // as written in the pack, shown in hits
	parts []part
	rule  *HitRule // what its hits say, shared by them all
}

// parsePattern splits a pattern into its normalised parts, or says what is wrong with it.
func parsePattern(raw string) ([]part, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("empty pattern")
	}
	pieces := strings.Split(raw, "~")
	parts := make([]part, 0, len(pieces))
	for _, piece := range pieces {
		p, err := parsePart(piece)
		if err != nil {
			return nil, err
		}
		parts = append(parts, p)
	}
	return parts, nil
}

func parsePart(piece string) (part, error) {
	s := strings.TrimSpace(piece)
	prefix := strings.HasSuffix(s, "*")
	s = strings.TrimSpace(strings.TrimSuffix(s, "*"))
	switch {
	case s == "":
		return part{}, errors.New("'~' and '*' need words beside them")
	case strings.Contains(s, "*"):
		return part{}, errors.New("'*' may only end a word part")
	}
	norm := normalizePattern(s)
	if norm == "" {
		return part{}, errors.New("normalises to nothing (nothing left to match)")
	}
	first, _ := utf8.DecodeRuneInString(norm)
	last, _ := utf8.DecodeLastRuneInString(norm)
	if prefix && !isWordRune(last) {
		return part{}, errors.New("'*' must follow a letter or digit")
	}
	if utf8.RuneCountInString(norm) == 1 && isWordRune(first) {
		return part{}, errors.New("a single letter or digit would match nearly everywhere")
	}
	return part{text: norm, prefix: prefix}, nil
}

// normalizePattern folds a pattern exactly as Match folds a text.
func normalizePattern(s string) string {
	return strings.Join(strings.Fields(Normalize(s).Text), " ")
}

func partsKey(parts []part) string {
	keys := make([]string, len(parts))
	for i, p := range parts {
		keys[i] = p.text
		if p.prefix {
			keys[i] += "*"
		}
	}
	return strings.Join(keys, "~")
}

// use is one way a key is used: as a whole single-part pattern, or as a part of '~' patterns.
type use struct {
	spec int // the single-part pattern, or -1
	// slot numbers the matches of one key read one way (with or without a prefix) as a part of
	// '~' patterns, however many patterns share it ("telegram" is a part of dozens); -1 for a
	// single-part pattern.
	slot   int
	prefix bool // the part ends with '*'
}

// matcher is the compiled form of every pattern of a RuleSet.
type matcher struct {
	specs []patternSpec
	ranks int      // the number of distinct indicators: ranks run from 0 to ranks-1
	rank  []int32  // spec → its rank
	keys  []string // the distinct parts of all patterns
	uses  [][]use  // key → its uses
	// wordEnd[k]: key k ends with a word character, so a boundary must follow unless the use
	// is a prefix.
	wordEnd []bool
	tildes  []int   // the '~' patterns
	slots   [][]int // tildes[i] → the slot of each of its parts
	nslots  int

	finders sync.Pool // of *finder

	words *wordTrie // the keys that start with a word
	trie  *trie     // the keys that start otherwise and the one-word prefixes, or nil
	// nonWordFirst[c]: some key starts with a character that is no word character, and with
	// byte c. Such keys may start anywhere, inside a word too ("girl🍒🍒").
	nonWordFirst [256]bool
	prefixes     prefixFilter // of the one-word keys in trie
}

// compile builds the tries over the distinct parts of all patterns; parts shared by several
// patterns or languages ("24/7") are looked for once.
func compile(specs []patternSpec) (*matcher, error) {
	m := &matcher{specs: specs}
	m.rankIndicators()
	// In (indicator, pack order) order, a spec's number alone orders hits that start together.
	slices.SortStableFunc(m.specs, func(a, b patternSpec) int { return a.rank - b.rank })
	for _, s := range m.specs {
		m.rank = append(m.rank, int32(s.rank))
	}
	ids := map[string]int{}
	type variant struct {
		key    int
		prefix bool
	}
	slots := map[variant]int{}
	var prefix []bool // key → some use is a prefix
	for si, s := range specs {
		var partSlots []int
		for _, p := range s.parts {
			id, ok := ids[p.text]
			if !ok {
				id = len(m.keys)
				ids[p.text] = id
				m.keys = append(m.keys, p.text)
				m.uses = append(m.uses, nil)
				last, _ := utf8.DecodeLastRuneInString(p.text)
				m.wordEnd = append(m.wordEnd, isWordRune(last))
				prefix = append(prefix, false)
			}
			prefix[id] = prefix[id] || p.prefix
			if len(s.parts) == 1 {
				m.uses[id] = append(m.uses[id], use{spec: si, slot: -1, prefix: p.prefix})
				continue
			}
			v := variant{id, p.prefix}
			slot, ok := slots[v]
			if !ok {
				slot = m.nslots
				slots[v] = slot
				m.nslots++
				m.uses[id] = append(m.uses[id], use{spec: -1, slot: slot, prefix: p.prefix})
			}
			partSlots = append(partSlots, slot)
		}
		if len(s.parts) > 1 {
			m.tildes = append(m.tildes, si)
			m.slots = append(m.slots, partSlots)
		}
	}
	if err := m.compileTries(prefix); err != nil {
		return nil, err
	}
	return m, nil
}

// maxStateEdges bounds the moves between the word trie's states (compileStates): the shipped
// packs make some 64,000, tables of 1.5 MB in all (edgeTable); a million would take some
// 24 MB.
const maxStateEdges = 1 << 20

// compileTries puts the keys that start with a word in the word trie, and the others, with
// the one-word keys that have a prefix use, in the byte trie.
func (m *matcher) compileTries(prefix []bool) error {
	var words, others []int32
	for k, key := range m.keys {
		first, size := wordRuneAt(key, 0)
		switch {
		case !first:
			m.nonWordFirst[key[0]] = true
			others = append(others, int32(k))
			continue
		case prefix[k] && wordEndFrom(key, size) == len(key):
			m.prefixes.add(key)
			others = append(others, int32(k))
		}
		words = append(words, int32(k))
	}
	// The word trie is built even without keys that start with a word, so that a scan need
	// not ask at every word whether there is one.
	var err error
	if m.words, err = newWordTrie(m.keys, words, prefix, m.uses, maxStateEdges); err != nil {
		return err
	}
	if len(others) > 0 {
		m.trie = newTrie(m.keys, others)
	}
	return nil
}

// rankIndicators numbers the indicators of the patterns in order of ID, the order hits that
// start together are listed in.
func (m *matcher) rankIndicators() {
	var ids []string
	for _, s := range m.specs {
		ids = append(ids, s.ind.ID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for i := range m.specs {
		m.specs[i].rank, _ = slices.BinarySearch(ids, m.specs[i].ind.ID)
	}
	m.ranks = len(ids)
}

// rawHit is one pattern match, in bytes of the normalised text, before merging.
type rawHit struct {
	spec       int
	start, end int
}

// Match finds every indicator pattern in n, all languages' packs at once (ads mix languages).
// Overlapping hits of one indicator merge into one hit over their union, named after the longest
// match; hits are sorted by start, then indicator ID, and carry the spans and words of the
// original text.
func (rs *RuleSet) Match(n *Normalized) []Hit {
	if rs == nil || rs.m == nil || len(rs.m.keys) == 0 || n == nil || n.Text == "" {
		return nil
	}
	f := rs.m.finder()
	defer rs.m.finders.Put(f)
	f.find(n.Text)
	regions := f.merge()
	hits := make([]Hit, len(regions))
	spans := spanCursor{n: n}
	for i := range regions {
		h := regions[i].hit()
		span := spans.span(h.start, h.end)
		hits[i] = Hit{HitRule: rs.m.specs[h.spec].rule, Span: span, Text: n.Original[span.Start:span.End]}
	}
	return hits
}

// region is the union of overlapping hits of one indicator, and the hit it is named after.
type region struct{ span, best rawHit }

// hit is the merged hit of the region: its span, named after its best hit.
func (g *region) hit() rawHit {
	return rawHit{spec: g.best.spec, start: g.span.start, end: g.span.end}
}

// merge merges overlapping hits of one indicator into one over their union, named after the
// longest match (the earliest pattern on a tie, so that results are reproducible). It reads the
// hits and pairs of the last find together in order of start, then spec: a region is opened by
// its first hit and only grows to the right, so the regions come out in order of start, then
// indicator. The result stays the finder's; Match reads the hits off the regions rather than
// have them copied into a list of their own.
func (f *finder) merge() []region {
	f.open = slices.Grow(f.open[:0], f.m.ranks)[:f.m.ranks] // rank → 1 + index of the indicator's last region
	clear(f.open)
	regions := f.regions[:0]
	hits, pairs := f.hits, f.pairs
	for len(hits) > 0 || len(pairs) > 0 {
		var r rawHit
		if len(pairs) == 0 || len(hits) > 0 && lessHit(hits[0], pairs[0]) {
			r, hits = hits[0], hits[1:]
		} else {
			r, pairs = pairs[0], pairs[1:]
		}
		rank := f.m.rank[r.spec]
		k := f.open[rank] - 1
		if k < 0 || r.start >= regions[k].span.end {
			f.open[rank] = int32(len(regions) + 1)
			regions = append(regions, region{span: r, best: r})
			continue
		}
		g := &regions[k]
		g.span.end = max(g.span.end, r.end)
		if l, bl := r.end-r.start, g.best.end-g.best.start; l > bl || l == bl && r.spec < g.best.spec {
			g.best = r
		}
	}
	f.regions = regions
	return regions
}
