package analysis

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
	"sync"
)

// ExtractEntities finds the entities of a text: phone numbers, e-mail addresses, URLs,
// messenger and social-media handles, prices, stated ages, crypto wallets and IBANs.
// region is the default phone region (ISO 3166 alpha-2, e.g. "IT"); "" means international
// numbers only, i.e. written with + or 00.
//
// Spans and Raw refer to n.Original. The result is sorted by span and holds each (type, value,
// span) once. Where two findings overlap, the stronger kind wins (IBAN, crypto, e-mail, URL,
// handle, phone, price, age, in that order), so that a phone is not also read inside an IBAN
// nor a URL inside an e-mail; a phone may overlap the messenger handle it is the number of.
// Obfuscated is set when an entity was found only thanks to normalisation or de-obfuscation
// (spelled-out digits, "[at]", "dot", homoglyphs, emoji between digits…).
//
// Canonical values:
//   - phone: E.164 ("+393330000001");
//   - email: lower case ("anna@mail.com");
//   - url: lower-case host without scheme, "www." or default port, then the path and query as
//     written, without fragment or trailing slash ("example.com/jobs?id=1");
//   - handle: "platform:name" with the name lower-cased and without "@" ("telegram:anna_job");
//     a number for WhatsApp, Viber, Signal or Telegram in E.164 ("whatsapp:+393330000001");
//     group invites keep their case ("whatsapp:group/AbC", "telegram:+AbC"); an "@name" with no
//     platform stated is "@name" with no Platform;
//   - price: ISO 4217 code, space, plain number with "." for decimals, then "/period" when one
//     is stated ("EUR 3000", "EUR 3.5", "EUR 3000/month"; periods: hour, day, night, week,
//     month, year); a range gives two prices, one per bound;
//   - age: the number ("19"); a range ("18-25 anni") gives one age per bound;
//   - crypto: the address as written (base58), lower case for hex and bech32; Platform names
//     the chain (bitcoin, ethereum, tron, monero, litecoin, dogecoin);
//   - iban: upper case without spaces.
func ExtractEntities(n *Normalized, region string) []Entity {
	if n == nil || n.Original == "" {
		return nil
	}
	x := newExtraction(n, region)
	defer x.release()
	x.run()
	return x.resolve()
}

// extraction is the state of one ExtractEntities call.
type extraction struct {
	n      *Normalized
	region string
	// srcs are the texts scanned: the original, and the normalised text when normalisation
	// changed more than letter case.
	srcs  []source
	found []Entity
	// blocked holds the spans where a phone cannot be (IBANs, wallets, e-mails, URLs, prices);
	// phoneSeen the phones found so far, so that no number is parsed twice.
	blocked   spanSet
	phoneSeen spanSet
	// memo caches libphonenumber's verdict per candidate; budget bounds the number of parses,
	// the expensive part on digit-heavy texts.
	memo   map[string]string
	budget int
	// numberWords are the spelled-out digits and glue words of the original, in order, found
	// by scanWords for the squeezer (lexed tells that it ran).
	numberWords []wordHit
	lexed       bool
	buf         []byte // scratch for lower-cased look-ups
	digits      []byte // scratch for the digits of a run
	cand        []byte // scratch for a phone candidate or a price's value
	groups      []group
	// the surveys of the original and of the normalised text (its words only, mostly taken
	// from the original's: alignedWords), taken by run (surveyed)
	sv, svText survey
	surveyed   bool
	// textFrom holds, for each word of svText taken from sv (alignedWords), its index in
	// sv.words, else -1; origRead what scanWords read at each of sv.words, for those words.
	textFrom []int
	origRead []lexRead
	// digitSpans are the runs of ASCII digits of the original, listed once (digitCursor)
	digitSpans []Span
	// ats are the offsets of the "@" of the original and of the normalised text, listed once
	// for e-mails and handles (atSigns)
	ats    [2][]int
	atsSet [2]bool
	// the "@", "." and brackets of the original and of the normalised text, marked once for
	// the extractors that step through them (entities_bytes.go)
	bytes [2]byteMarks
	scr   *scratch // where the lists that grow with the text come from and go back to
}

// scratch is the working memory of extractions that grows with the text: the surveys' lists,
// the alignment's, the sorts', the findings and the marks of bytes. An extraction takes one
// from scratchPool and gives it back when it ends, so that extracting from long texts one
// after another does not allocate (and clear) it anew each time; nothing in a result points
// into it.
type scratch struct {
	sv, svText survey
	textFrom   []int
	origRead   []lexRead
	// the sorts' keys and merges, the spans where phones may not be and those found, their
	// lists before sorting, and the runs of digits
	sort                   sortBuf
	blocked, seen, pending []Span
	digitSpans             []Span
	// the findings before resolve, which returns the kept ones in a slice of their own
	found []Entity
	bytes [2]byteMarks // their lists only
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release gives the extraction's scratch back to scratchPool, with what it grew to.
func (x *extraction) release() {
	scr := x.scr
	if scr == nil {
		return
	}
	scr.sv = survey{words: x.sv.words[:0], digits: x.sv.digits[:0], marks: x.sv.marks[:0], tokens: x.sv.tokens[:0]}
	scr.svText = survey{words: x.svText.words[:0]}
	scr.textFrom, scr.origRead = x.textFrom[:0], x.origRead[:0]
	for k, m := range x.bytes {
		scr.bytes[k] = byteMarks{dots: m.dots, ats: m.ats, brackets: m.brackets}
	}
	clear(x.found) // so that the pool keeps no strings of results alive
	scr.found = x.found[:0]
	scr.blocked, scr.seen, scr.digitSpans = x.blocked.spans[:0], x.phoneSeen.spans[:0], x.digitSpans[:0]
	x.scr = nil
	scratchPool.Put(scr)
}

// source is one text scanned for entities. Offsets found in a mapped source are offsets of
// Normalized.Text and go through OriginalSpan.
type source struct {
	s      string
	mapped bool
}

func newExtraction(n *Normalized, region string) *extraction {
	x := &extraction{n: n, region: strings.ToUpper(strings.TrimSpace(region))}
	x.scr = scratchPool.Get().(*scratch)
	x.sv, x.svText, x.textFrom = x.scr.sv, x.scr.svText, x.scr.textFrom
	x.bytes = x.scr.bytes
	x.blocked = spanSet{spans: x.scr.blocked, buf: &x.scr.sort}
	x.phoneSeen = spanSet{spans: x.scr.seen, buf: &x.scr.sort}
	x.srcs = []source{{s: n.Original}}
	if n.Text != n.Original && !strings.EqualFold(n.Text, n.Original) {
		x.srcs = append(x.srcs, source{s: n.Text, mapped: true})
	}
	x.budget = 16 + len(n.Original)/256
	x.found = x.scr.found[:0]
	x.digits, x.groups = make([]byte, 0, 64), make([]group, 0, 32)
	return x
}

// run scans for every kind of entity. The texts are surveyed first, so that the extractors go
// straight to the words, digits and tokens they read. Order matters: the spans of IBANs,
// wallets, e-mails, URLs and prices are known before phones are looked for, so that their
// digits are not parsed.
//
// The normalised text is scanned only by the extractors it helps: look-alike letters, spaced
// letters ("w h a t s a p p") and leetspeak matter to e-mails, URLs and handles. Numbers are
// read from the original, whose digits the squeezer reads in any script and spelled out,
// and which keeps what leetspeak folding would spoil ("3three3" is not "ethree3"); wallets
// are case-sensitive.
func (x *extraction) run() {
	orig := x.srcs[0]
	x.sv.take(orig.s, true)
	if len(x.srcs) > 1 {
		x.alignedWords()
		x.origRead = slices.Grow(x.scr.origRead[:0], len(x.sv.words))[:len(x.sv.words)]
		clear(x.origRead)
	}
	x.surveyed = true
	x.ibans(orig)
	x.cryptos(orig)
	x.lexed = true
	for _, src := range x.srcs {
		x.emails(src)
		x.urls(src)
		x.scanWords(src)
		x.brackets(src)
		x.atHandles(src)
	}
	x.prices(orig)
	x.phones()
	x.messengerPhones()
	x.ages(orig)
}

// atSigns returns the offsets of the "@" of src, listed once for the e-mail and handle
// extractors.
func (x *extraction) atSigns(src source) []int {
	k := boolInt(src.mapped)
	if !x.atsSet[k] {
		for w, m := range x.marksOf(src).ats {
			for ; m != 0; m &= m - 1 {
				x.ats[k] = append(x.ats[k], w*64+bits.TrailingZeros64(m))
			}
		}
		x.atsSet[k] = true
	}
	return x.ats[k]
}

// marksOf returns the marks of the bytes of src the extractors step through, taken once.
func (x *extraction) marksOf(src source) *byteMarks {
	m := &x.bytes[boolInt(src.mapped)]
	if !m.set {
		m.take(src.s)
	}
	return m
}

// words returns the starts of the words of src that may be in the lexicon.
func (x *extraction) words(src source) []int {
	switch {
	case !x.surveyed:
		var sv survey
		sv.take(src.s, false)
		return sv.words
	case src.mapped:
		return x.svText.words
	}
	return x.sv.words
}

// add records an entity found at [start, end) of src.
func (x *extraction) add(src source, e Entity, start, end int) Span {
	if src.mapped {
		e.Span = x.n.OriginalSpan(start, end)
		e.Obfuscated = true
	} else {
		e.Span = Span{start, end}
	}
	e.Raw = x.n.Original[e.Span.Start:e.Span.End]
	x.found = append(x.found, e)
	return e.Span
}

// span maps [start, end) of src to the original text.
func (x *extraction) span(src source, start, end int) Span {
	if src.mapped {
		return x.n.OriginalSpan(start, end)
	}
	return Span{start, end}
}

// part returns s[start:end] of src as the author wrote it when that is the same text up to
// case and letters read as digits, else as normalised. It keeps a value intact when the
// normaliser folded more than it should have (leetspeak "anna92" read as "annagz" inside an
// e-mail address) while still using its homoglyph folding.
func (x *extraction) part(src source, start, end int) string {
	t := src.s[start:end]
	if !src.mapped {
		return t
	}
	sp := x.n.OriginalSpan(start, end)
	raw := x.n.Original[sp.Start:sp.End]
	if len(raw) != len(t) || !isPlainASCII(raw) {
		return t
	}
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; !isASCIIAlnum(c) && c != t[i] {
			return t // "$" read as "s": the normalised one is the name
		}
	}
	return raw
}

// entityRank orders the kinds of entities, the strongest first. It is a switch rather than a
// map: betterFirst asks it twice a comparison, and a switch on these short strings costs less
// than hashing them.
func entityRank(kind string) int {
	switch kind {
	case EntityCrypto:
		return 1
	case EntityEmail:
		return 2
	case EntityURL:
		return 3
	case EntityHandle:
		return 4
	case EntityPhone:
		return 5
	case EntityPrice:
		return 6
	case EntityAge:
		return 7
	}
	return 0 // EntityIBAN
}

// resolve keeps the best of overlapping findings and sorts them by position. Findings are
// taken in clusters of chain-overlapping spans, so that the pairwise work stays within a
// cluster, which is small: a text is mostly made of findings that overlap nothing.
//
// The result is written over the findings, a cluster's kept findings being fewer than those
// read, then copied out of the scratch they are in.
func (x *extraction) resolve() []Entity {
	c := x.found
	sortBySpan(c, &x.scr.sort)
	out := c[:0]
	for i := 0; i < len(c); {
		j, end := i+1, c[i].Span.End
		for j < len(c) && c[j].Span.Start < end {
			end = max(end, c[j].Span.End)
			j++
		}
		out = keepBest(out, c[i:j])
		i = j
	}
	return slices.Clone(out) // c is scratch
}

// entityOrder is the order of ExtractEntities' result.
func entityOrder(a, b Entity) int {
	return cmp.Or(a.Span.Start-b.Span.Start, a.Span.End-b.Span.End,
		cmp.Compare(a.Type, b.Type), cmp.Compare(a.Value, b.Value), cmp.Compare(a.Platform, b.Platform))
}

// sortBySpan sorts the findings by span. Spans are sorted as integers holding the start,
// length and index of each finding (entities_radix.go), then entities moved once, cycle by
// cycle of the permutation. The order of findings with the same span does not matter to
// resolve. buf, if not nil, lends the keys.
func sortBySpan(c []Entity, buf *sortBuf) {
	maxStart, maxLen, reversed := 0, 0, false
	for _, e := range c {
		maxStart, maxLen = max(maxStart, e.Span.Start), max(maxLen, e.Span.End-e.Span.Start)
		reversed = reversed || e.Span.Start < 0 || e.Span.End < e.Span.Start
	}
	indexBits, lenBits, startBits := bits.Len(uint(len(c))), bits.Len(uint(maxLen)), bits.Len(uint(maxStart))
	if len(c) < 2 || reversed || indexBits+lenBits+startBits > 64 {
		slices.SortFunc(c, func(a, b Entity) int {
			return cmp.Or(a.Span.Start-b.Span.Start, a.Span.End-b.Span.End)
		})
		return
	}
	keys := buf.keysFor(2 * len(c))
	for i, e := range c {
		keys[i] = (uint64(e.Span.Start)<<lenBits|uint64(e.Span.End-e.Span.Start))<<indexBits | uint64(i)
	}
	// the index bits are in order already: a stable sort of the others sorts the keys
	keys = radixSort(keys[:len(c)], keys[len(c):], indexBits, indexBits+lenBits+startBits)
	index := uint64(1)<<indexBits - 1
	// c[i] is to receive c[keys[i]&index]; a placed entity gets its own index
	for i := range keys {
		if int(keys[i]&index) == i {
			continue
		}
		first := c[i]
		j := i
		for {
			k := int(keys[j] & index)
			keys[j] = keys[j]&^index | uint64(j)
			if k == i {
				c[j] = first
				break
			}
			c[j] = c[k]
			j = k
		}
	}
}

// keepBest appends to out the findings of a cluster that do not conflict with a better one,
// in the order of the result: clusters follow one another in that order.
func keepBest(out, cluster []Entity) []Entity {
	if len(cluster) == 1 {
		return append(out, cluster[0])
	}
	slices.SortStableFunc(cluster, betterFirst)
	first := len(out)
	for _, e := range cluster {
		clash := false
		for _, k := range out[first:] {
			if k.Span.Start < e.Span.End && e.Span.Start < k.Span.End && conflicts(k, e) {
				clash = true
				break
			}
		}
		if !clash {
			out = append(out, e)
		}
	}
	slices.SortFunc(out[first:], entityOrder)
	return out
}

// betterFirst orders candidates so that the one to keep comes first: stronger kind, written
// plainly, with a platform, longer, earlier.
func betterFirst(a, b Entity) int {
	return cmp.Or(entityRank(a.Type)-entityRank(b.Type),
		boolInt(a.Platform == "")-boolInt(b.Platform == ""),
		boolInt(a.Obfuscated)-boolInt(b.Obfuscated),
		(b.Span.End-b.Span.Start)-(a.Span.End-a.Span.Start),
		a.Span.Start-b.Span.Start)
}

// conflicts reports whether e, overlapping the kept entity k, must be dropped.
func conflicts(k, e Entity) bool {
	if k.Type != e.Type {
		return !mayOverlap(k.Type, e.Type)
	}
	switch {
	case k.Value == e.Value:
		return true
	case e.Type == EntityHandle && e.Platform == "" && k.Platform != "":
		return true // the bare "@name" of a handle whose platform is known
	case e.Type == EntityHandle && e.Platform != "" && k.Platform == "":
		return false
	case e.Obfuscated && !k.Obfuscated:
		return true // a de-obfuscated reading of what is plainly written as something else
	}
	return false
}

// mayOverlap lists the kinds that describe the same text from two sides.
func mayOverlap(a, b string) bool {
	if a > b {
		a, b = b, a
	}
	switch a + "/" + b {
	case EntityHandle + "/" + EntityPhone, // the number a messenger account is reached at
		EntityCrypto + "/" + EntityURL, // a block-explorer link
		EntityIBAN + "/" + EntityURL:
		return true
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// spanSet is a set of spans sorted by start answering "does any overlap this span" without a
// quadratic scan: no span is longer than maxLen, so the search stops maxLen bytes before.
type spanSet struct {
	spans  []Span
	maxLen int
	buf    *sortBuf // lends the sorts' memory, if not nil
}

// sortBuf is memory that sorts reuse from one call to the next; a nil *sortBuf lends none, and
// each sort allocates its own.
type sortBuf struct {
	keys  []uint64
	spans []Span
}

// keysFor returns n keys, of any value.
func (b *sortBuf) keysFor(n int) []uint64 {
	if b == nil {
		return make([]uint64, n)
	}
	b.keys = slices.Grow(b.keys[:0], n)[:n]
	return b.keys
}

// spansFor returns n spans, of any value.
func (b *sortBuf) spansFor(n int) []Span {
	if b == nil {
		return make([]Span, n)
	}
	b.spans = slices.Grow(b.spans[:0], n)[:n]
	return b.spans
}

// add inserts sp; spans added in text order cost no more than an append.
func (s *spanSet) add(sp Span) {
	i, _ := slices.BinarySearchFunc(s.spans, sp.Start, func(a Span, t int) int { return a.Start - t })
	s.spans = slices.Insert(s.spans, i, sp)
	s.maxLen = max(s.maxLen, sp.End-sp.Start)
}

// addAll inserts many spans at once.
func (s *spanSet) addAll(spans []Span) {
	s.spans = append(s.spans, spans...)
	sortSpans(s.spans, s.buf)
	for _, sp := range spans {
		s.maxLen = max(s.maxLen, sp.End-sp.Start)
	}
}

// sortSpans sorts spans by start, then end. They are sorted as integers holding the start and
// length (entities_radix.go), several times faster than with a comparison function, unless
// they need more than 64 bits. buf, if not nil, lends the memory.
func sortSpans(c []Span, buf *sortBuf) {
	if mergeRuns(c, buf) {
		return
	}
	maxStart, maxLen, reversed := 0, 0, false
	for _, sp := range c {
		maxStart, maxLen = max(maxStart, sp.Start), max(maxLen, sp.End-sp.Start)
		reversed = reversed || sp.Start < 0 || sp.End < sp.Start
	}
	lenBits, startBits := bits.Len(uint(maxLen)), bits.Len(uint(maxStart))
	if reversed || lenBits+startBits > 64 {
		slices.SortFunc(c, func(a, b Span) int { return cmp.Or(a.Start-b.Start, a.End-b.End) })
		return
	}
	keys := buf.keysFor(2 * len(c))
	for i, sp := range c {
		keys[i] = uint64(sp.Start)<<lenBits | uint64(sp.End-sp.Start)
	}
	keys = radixSort(keys[:len(c)], keys[len(c):], 0, lenBits+startBits)
	for i, k := range keys {
		start := int(k >> lenBits)
		c[i] = Span{start, start + int(k&(1<<lenBits-1))}
	}
}

// maxMergeRuns is the most runs in order that mergeRuns merges: the spans phones may not
// overlap come from a few extractors, each in order, and merging them takes a pass a halving
// of their number, against the radix sort's three.
const maxMergeRuns = 16

// mergeRuns sorts c by merging its runs in order pairwise, if it has at most maxMergeRuns of
// them; it reports false, leaving c as it was, if it has more. Equal spans are alike, so no
// merge needs to be stable. buf, if not nil, lends the memory.
func mergeRuns(c []Span, buf *sortBuf) bool {
	var bounds [maxMergeRuns + 1]int // where each run starts, then len(c)
	n := 1
	for i := 1; i < len(c); i++ {
		if spanLess(c[i], c[i-1]) {
			if n == maxMergeRuns {
				return false
			}
			bounds[n] = i
			n++
		}
	}
	if n == 1 {
		return true // spans from one extractor come in order
	}
	bounds[n] = len(c)
	src, dst := c, buf.spansFor(len(c))
	for n > 1 {
		m := 0
		for k := 0; k < n; k += 2 {
			lo, mid := bounds[k], bounds[k+1]
			hi := mid
			if k+1 < n {
				hi = bounds[k+2]
			}
			mergeSpans(dst[lo:hi], src[lo:mid], src[mid:hi])
			bounds[m] = lo
			m++
		}
		bounds[m], n = len(c), m
		src, dst = dst, src
	}
	copy(c, src) // a no-op when src is c
	return true
}

// mergeSpans merges the sorted a and b into out, as long as both.
func mergeSpans(out, a, b []Span) {
	i, j := 0, 0
	for k := range out {
		if j == len(b) || (i < len(a) && !spanLess(b[j], a[i])) {
			out[k] = a[i]
			i++
		} else {
			out[k] = b[j]
			j++
		}
	}
}

// spanLess orders spans by start, then end.
func spanLess(a, b Span) bool { return a.Start < b.Start || (a.Start == b.Start && a.End < b.End) }

func (s *spanSet) overlaps(sp Span) bool {
	i := startsBefore(s.spans, sp.End)
	for i--; i >= 0 && s.spans[i].Start+s.maxLen > sp.Start; i-- {
		if s.spans[i].End > sp.Start && s.spans[i].Start < sp.End {
			return true
		}
	}
	return false
}

// startsBefore returns how many of the sorted spans start before end. The search halves the
// range by arithmetic rather than a branch: whether a span starts before the end comes
// unpredictably, a mispredicted branch a halving.
func startsBefore(spans []Span, end int) int {
	if len(spans) == 0 {
		return 0
	}
	base, n := 0, len(spans)
	for n > 1 {
		half := n / 2
		// offsets are far from overflowing: the sign of the difference tells the order
		base += half & ((spans[base+half].Start - end) >> 63)
		n -= half
	}
	if spans[base].Start < end {
		base++
	}
	return base
}
