package analysis

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The squeezer cuts a text into runs of digit groups for the phone extractor: digits of any
// script, keycaps and circled digits, spelled-out digits and letters o standing for zeros,
// joined by up to maxPhoneGap separators of any kind (a comma only between digits written one
// by one: comma), a "+" starting a run. It remembers which groups touch a letter or a
// currency, since a number cannot start or end there.

// group is a stretch of digits of a squeezed run.
type group struct {
	start, end int // in the source
	d0, d1     int // its digits in extraction.digits
	kind       byte
	glue       byte
}

const (
	gDigits byte = iota // digits, in any script, or keycaps
	gWord               // a spelled-out digit
	gZero               // letters o standing for zeros
)

const (
	glueLeft  byte = 1 << iota // a letter or currency touches the group on the left
	glueRight                  // … on the right
)

// runScanner cuts a source into runs of digit groups.
type runScanner struct {
	x      *extraction
	s      string
	run    []group
	plusAt int // offset of a '+' starting the run, or -1
	gap    int // separators since the last group
	glueAt int // a group starting here touches a word or currency on its left
	after  int // the first group after the last comma that joined the run, or 0
	emit   func(run []group, plusAt int)
	// what skip has not passed yet: spelled-out digits, ASCII digits, other digits and "+"
	words  []wordHit
	digits digitCursor
	marks  []int
}

// digitRuns calls emit with each run of the original holding at least minPhoneDigits digits.
// The run is only valid during the call.
func (x *extraction) digitRuns(emit func(run []group, plusAt int)) {
	s := x.n.Original
	r := runScanner{x: x, s: s, run: x.groups[:0], plusAt: -1, glueAt: -1, emit: emit,
		words: x.numberWords, digits: x.digitCursor(x.srcs[0]), marks: x.sv.marks}
	x.digits = x.digits[:0]
	for i := 0; i < len(s); {
		if x.surveyed && x.lexed && len(r.run) == 0 && r.plusAt < 0 {
			if i = r.skip(i); i == len(s) {
				break
			}
		}
		i = r.step(i)
	}
	r.flush()
	x.groups = r.run[:0]
}

func (r *runScanner) step(i int) int {
	if c := r.s[i]; c == ' ' && len(r.run) == 0 && r.plusAt < 0 {
		return i + 1 // between runs, most of a text
	} else if isASCIILetter(c) {
		return r.word(i)
	} else if isDigit(c) { // a run of ASCII digits at once, not a character at a time
		j := digitsEnd(r.s, i+1)
		r.digit(i, i+1, c)
		r.more(j)
		return j
	} else if c < utf8.RuneSelf {
		return r.punct(i, c)
	}
	c, n := runeAt(r.s, i)
	if c >= 0x80 && isLetter(c) && !isZeroWidth(c) { // most of a text: skip the digit tables
		return r.word(i)
	}
	if d, ok := digitValue(c); ok {
		r.digit(i, i+n, d)
		return i + n
	}
	switch {
	case c == '+' || c == '＋':
		r.flush()
		r.plusAt = i
	case isZeroWidth(c): // before letters: variation selectors are marks
		if k := len(r.run); k > 0 && r.run[k-1].end == i {
			r.run[k-1].end = i + n
		}
	case isLetter(c):
		return r.word(i)
	case isPhoneJoiner(c):
		r.gap++
		if r.gap > maxPhoneGap {
			r.flush()
		}
	case c == '，':
		r.comma()
	default:
		if unicode.Is(unicode.Sc, c) || c == '%' || c == '@' {
			r.glue(i)
			r.glueAt = i + n
		}
		r.flush()
	}
	return i + n
}

// punct is step at an ASCII character that is neither a letter nor a digit, the bulk of what
// the squeezer reads within a run: a plus sign, a joiner, a sign that glues (the currency "$",
// "%", "@") or one that ends the run, told apart by table rather than by the general tests
// for any character.
func (r *runScanner) punct(i int, c byte) int {
	switch asciiPunct[c] {
	case punctPlus:
		r.flush()
		r.plusAt = i
	case punctJoiner:
		r.gap++
		if r.gap > maxPhoneGap {
			r.flush()
		}
	case punctGlue:
		r.glue(i)
		r.glueAt = i + 1
		r.flush()
	case punctComma:
		r.comma()
	default:
		r.flush()
	}
	return i + 1
}

const (
	punctEnd byte = iota
	punctPlus
	punctJoiner
	punctGlue
	punctComma
)

// asciiPunct is what step does at each ASCII character, by the tests it makes of any
// character: a comma, isPhoneJoiner, a currency sign (unicode.Sc), "%" and "@".
var asciiPunct = func() (t [utf8.RuneSelf]byte) {
	for c := range rune(utf8.RuneSelf) {
		switch {
		case c == '+':
			t[c] = punctPlus
		case c == ',':
			t[c] = punctComma
		case isPhoneJoiner(c):
			t[c] = punctJoiner
		case unicode.Is(unicode.Sc, c) || c == '%' || c == '@':
			t[c] = punctGlue
		}
	}
	return t
}()

func (r *runScanner) digit(start, end int, d byte) {
	k := len(r.run)
	if k > 0 && r.gap == 0 && r.run[k-1].kind == gDigits && r.run[k-1].end == start {
		r.x.digits = append(r.x.digits, d)
		r.run[k-1].end = end
		r.run[k-1].d1++
		return
	}
	r.group(start, end, gDigits, d, 1)
}

// more extends the last group, of ASCII digits, with the ASCII digits that follow it up to end.
func (r *runScanner) more(end int) {
	g := &r.run[len(r.run)-1]
	r.x.digits = append(r.x.digits, r.s[g.end:end]...)
	g.d1 += end - g.end
	g.end = end
}

func (r *runScanner) group(start, end int, kind, d byte, count int) {
	if len(r.run) >= maxRunGroups {
		r.flush()
	}
	if len(r.run) == 0 && r.plusAt >= 0 && r.gap > 1 {
		r.plusAt = -1
	}
	g := group{start: start, end: end, kind: kind, d0: len(r.x.digits)}
	for range count {
		r.x.digits = append(r.x.digits, d)
	}
	g.d1 = len(r.x.digits)
	if start == r.glueAt {
		g.glue = glueLeft
	}
	r.run = append(r.run, g)
	r.gap = 0
}

func (r *runScanner) word(i int) int {
	j, e := r.x.numberWord(i)
	w := r.s[i:j]
	if e.digit != 0 {
		r.group(i, j, gWord, e.digit, 1)
		return j
	}
	if len(r.run) > 0 && r.gap <= maxPhoneGap {
		if n := zeroLetters(w); n > 0 {
			r.group(i, j, gZero, '0', n)
			return j
		}
	}
	r.glue(i)
	r.flush()
	if c, _ := runeAt(r.s, j); !e.glue || !unicode.IsDigit(c) {
		r.glueAt = j
	}
	return j
}

// glue marks the last group as touching what starts at i.
func (r *runScanner) glue(i int) {
	if k := len(r.run); k > 0 && r.run[k-1].end == i {
		r.run[k-1].glue |= glueRight
	}
}

// comma is the squeezer at a comma, which separates lists and decimals as often as the parts of
// a number. It joins the groups on either side only when both are digits written one by one,
// two at least ("tre tre tre, zero zero zero, uno due tre quattro"; "3 3 3, 0 0 0, 1 2 3 4"),
// which no list or amount is; "1, 2, 3" and "333, 000" stay apart. The groups after it are
// judged when the run ends.
func (r *runScanner) comma() {
	if !oneByOne(r.run[r.after:]) {
		r.flush()
		return
	}
	r.after = len(r.run)
	r.gap++
	if r.gap > maxPhoneGap {
		r.flush()
	}
}

// oneByOne reports two digit groups or more of a single digit each, digits or spelled out.
func oneByOne(run []group) bool {
	for _, g := range run {
		if g.kind == gZero || g.d1-g.d0 != 1 {
			return false
		}
	}
	return len(run) >= 2
}

// flush ends the run: it is emitted whole, or as two runs where a comma joined groups after it
// that are not digits one by one.
func (r *runScanner) flush() {
	if a := r.after; a > 0 && !oneByOne(r.run[a:]) {
		r.emitRun(r.run[:a], r.plusAt)
		r.emitRun(r.run[a:], -1)
	} else {
		r.emitRun(r.run, r.plusAt)
	}
	r.run = r.run[:0]
	r.x.digits = r.x.digits[:0]
	r.plusAt = -1
	r.gap = 0
	r.after = 0
}

// emitRun emits run, but the letters o at its end, if it holds enough digits for a phone.
func (r *runScanner) emitRun(run []group, plusAt int) {
	for len(run) > 0 && run[len(run)-1].kind == gZero {
		run = run[:len(run)-1]
	}
	if len(run) > 0 && run[len(run)-1].d1-run[0].d0 >= minPhoneDigits {
		r.emit(run, plusAt)
	}
}

// digitValue reads any decimal digit (ASCII, full-width, Arabic-Indic, mathematical…) and
// the circled, parenthesised, super- and subscript digits used to dodge filters.
func digitValue(r rune) (byte, bool) {
	switch {
	case '0' <= r && r <= '9':
		return byte(r), true
	case r < 0x80:
		return 0, false
	case 0x2460 <= r && r <= 0x2468: // ①
		return byte('1' + r - 0x2460), true
	case 0x2474 <= r && r <= 0x247C: // ⑴
		return byte('1' + r - 0x2474), true
	case 0x2488 <= r && r <= 0x2490: // ⒈
		return byte('1' + r - 0x2488), true
	case 0x24F5 <= r && r <= 0x24FD: // ⓵
		return byte('1' + r - 0x24F5), true
	case 0x2776 <= r && r <= 0x277E: // ❶
		return byte('1' + r - 0x2776), true
	case 0x2780 <= r && r <= 0x2788: // ➀
		return byte('1' + r - 0x2780), true
	case 0x278A <= r && r <= 0x2792: // ➊
		return byte('1' + r - 0x278A), true
	case 0x2080 <= r && r <= 0x2089: // ₀
		return byte('0' + r - 0x2080), true
	case 0x2074 <= r && r <= 0x2079: // ⁴
		return byte('4' + r - 0x2074), true
	case 0x1F101 <= r && r <= 0x1F10A: // 🄁 digit zero comma …
		return byte('0' + r - 0x1F101), true
	}
	switch r {
	case 0x24EA, 0x24FF, 0x1F10B, 0x1F10C, 0x1F100, 0x2070: // ⓪ ⓿ 🄋 🄌 🄀 ⁰
		return '0', true
	case 0xB9:
		return '1', true
	case 0xB2:
		return '2', true
	case 0xB3:
		return '3', true
	}
	return ndValue(r)
}

// ndValue reads a decimal digit of any script: Unicode encodes them in runs of ten starting
// at zero, so the value is the distance from the start of the run, modulo ten.
func ndValue(r rune) (byte, bool) {
	if !unicode.Is(unicode.Nd, r) {
		return 0, false
	}
	t := unicode.Nd
	if r <= 0xFFFF {
		i := sort.Search(len(t.R16), func(i int) bool { return rune(t.R16[i].Hi) >= r })
		if i < len(t.R16) && rune(t.R16[i].Lo) <= r {
			return byte('0' + (r-rune(t.R16[i].Lo))%10), true
		}
		return 0, false
	}
	i := sort.Search(len(t.R32), func(i int) bool { return rune(t.R32[i].Hi) >= r })
	if i < len(t.R32) && rune(t.R32[i].Lo) <= r {
		return byte('0' + (r-rune(t.R32[i].Lo))%10), true
	}
	return 0, false
}

// isZeroWidth reports characters that do not separate anything: variation selectors, the
// keycap, joiners, skin tones, tags, soft hyphens.
func isZeroWidth(r rune) bool {
	switch {
	case 0xFE00 <= r && r <= 0xFE0F, 0x200B <= r && r <= 0x200D, 0x1F3FB <= r && r <= 0x1F3FF,
		0xE0020 <= r && r <= 0xE007F:
		return true
	}
	switch r {
	case 0x20E3, 0x2060, 0xFEFF, 0xAD, 0x34F:
		return true
	}
	return false
}

// isPhoneJoiner reports what may stand between the digit groups of one number: spaces,
// punctuation used as a separator, emoji and other symbols.
func isPhoneJoiner(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\t' || strings.IndexByte(`-./\()[]{}_*~|^'"=`, byte(r)) >= 0
	}
	switch {
	case isSpace(r), 0x2010 <= r && r <= 0x2015, r == 0x2212, r == 0xB7, r == 0x2022, r == 0x2027,
		r == 0x30FB, r == '－', r == '．', r == '（', r == '）', isApostrophe(r):
		return true
	}
	return unicode.In(r, unicode.So, unicode.Sk)
}

// zeroLetters returns the length of w if it is made only of letters o (Latin, Cyrillic,
// Greek) standing for zeros, else 0.
func zeroLetters(w string) int {
	n := 0
	for _, r := range w {
		switch r {
		case 'o', 'O', 'о', 'О', 'ο', 'Ο':
			n++
		default:
			return 0
		}
	}
	return n
}

// gluePrefixes are words that may touch a number without making it part of a longer token.
var gluePrefixes = foldSet("tel", "tél", "tlf", "tlfn", "telf", "cel", "cell", "mob", "mobile", "wa", "whatsapp",
	"viber", "phone", "ph", "sms", "call", "nr", "num", "numero", "número", "nummer", "тел", "моб",
	"номер", "τηλ")

// digitWords are spelled-out digits in the ads' languages.
var digitWords = newFoldMap(func() map[string]byte {
	m := map[string]byte{}
	for d, ws := range [10]string{
		"zero cero null zéro нуль ноль нула μηδέν μηδεν",
		"one uno eins un unu один одна едно ένα ενα jeden",
		"two due dos zwei zwo deux doi два две дві δύο δυο dwa",
		"three tre tres drei trois trei три τρία τρια trzy",
		"four quattro cuatro vier quatre patru четыре чотири четири τέσσερα τεσσερα τέσσερις cztery",
		"five cinque cinco fünf fuenf cinq cinci пять п'ять пет πέντε πεντε pięć",
		"six sei seis sechs șase şase sase шесть шість шест έξι εξι sześć",
		"seven sette siete sieben sept șapte şapte sapte семь сім седем επτά επτα εφτά εφτα siedem",
		"eight otto ocho acht huit opt восемь вісім осем οκτώ οκτω οχτώ οχτω osiem",
		"nine nove nueve neun neuf nouă noua девять дев'ять девет εννέα εννεα εννιά εννια dziewięć",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = byte('0' + d)
		}
	}
	return m
}())
