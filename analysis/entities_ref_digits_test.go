// Code generated from entities_digits.go at fdbfaac for the differential test; DO NOT EDIT.
// The comma rule (erefRunScanner.comma, flush) was added by hand with the squeezer's own.

package analysis

import (
	"sort"
	"strings"
	"unicode"
)

// The squeezer cuts a text into runs of digit groups for the phone extractor: digits of any
// script, keycaps and circled digits, spelled-out digits and letters o standing for zeros,
// joined by up to maxPhoneGap separators of any kind, a "+" starting a run. It remembers which
// groups touch a letter or a currency, since a number cannot start or end there.

// erefGroup is a stretch of digits of a squeezed run.
type erefGroup struct {
	start, end int // in the source
	d0, d1     int // its digits in extraction.digits
	kind       byte
	glue       byte
}

const (
	erefGDigits byte = iota // digits, in any script, or keycaps
	erefGWord               // a spelled-out digit
	erefGZero               // letters o standing for zeros
)

const (
	erefGlueLeft  byte = 1 << iota // a letter or currency touches the group on the left
	erefGlueRight                  // … on the right
)

// erefRunScanner cuts a source into runs of digit groups.
type erefRunScanner struct {
	x      *erefExtraction
	s      string
	run    []erefGroup
	plusAt int // offset of a '+' starting the run, or -1
	gap    int // separators since the last group
	glueAt int // a group starting here touches a word or currency on its left
	after  int // the first group after the last comma that joined the run, or 0
	emit   func(run []erefGroup, plusAt int)
}

// digitRuns calls emit with each run of the original holding at least minPhoneDigits digits.
// The run is only valid during the call.
func (x *erefExtraction) digitRuns(emit func(run []erefGroup, plusAt int)) {
	s := x.n.Original
	r := erefRunScanner{x: x, s: s, run: x.groups[:0], plusAt: -1, glueAt: -1, emit: emit}
	x.digits = x.digits[:0]
	for i := 0; i < len(s); {
		i = r.step(i)
	}
	r.flush()
	x.groups = r.run[:0]
}

func (r *erefRunScanner) step(i int) int {
	if c := r.s[i]; c == ' ' && len(r.run) == 0 && r.plusAt < 0 {
		return i + 1 // between runs, most of a text
	} else if erefIsASCIILetter(c) {
		return r.word(i)
	}
	c, n := erefRuneAt(r.s, i)
	if c >= 0x80 && erefIsLetter(c) && !erefIsZeroWidth(c) { // most of a text: skip the digit tables
		return r.word(i)
	}
	if d, ok := erefDigitValue(c); ok {
		r.digit(i, i+n, d)
		return i + n
	}
	switch {
	case c == '+' || c == '＋':
		r.flush()
		r.plusAt = i
	case erefIsZeroWidth(c): // before letters: variation selectors are marks
		if k := len(r.run); k > 0 && r.run[k-1].end == i {
			r.run[k-1].end = i + n
		}
	case erefIsLetter(c):
		return r.word(i)
	case erefIsPhoneJoiner(c):
		r.gap++
		if r.gap > erefMaxPhoneGap {
			r.flush()
		}
	case c == ',' || c == '，':
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

func (r *erefRunScanner) digit(start, end int, d byte) {
	k := len(r.run)
	if k > 0 && r.gap == 0 && r.run[k-1].kind == erefGDigits && r.run[k-1].end == start {
		r.x.digits = append(r.x.digits, d)
		r.run[k-1].end = end
		r.run[k-1].d1++
		return
	}
	r.group(start, end, erefGDigits, d, 1)
}

func (r *erefRunScanner) group(start, end int, kind, d byte, count int) {
	if len(r.run) >= erefMaxRunGroups {
		r.flush()
	}
	if len(r.run) == 0 && r.plusAt >= 0 && r.gap > 1 {
		r.plusAt = -1
	}
	g := erefGroup{start: start, end: end, kind: kind, d0: len(r.x.digits)}
	for range count {
		r.x.digits = append(r.x.digits, d)
	}
	g.d1 = len(r.x.digits)
	if start == r.glueAt {
		g.glue = erefGlueLeft
	}
	r.run = append(r.run, g)
	r.gap = 0
}

func (r *erefRunScanner) word(i int) int {
	j, e := r.x.numberWord(i)
	w := r.s[i:j]
	if e.digit != 0 {
		r.group(i, j, erefGWord, e.digit, 1)
		return j
	}
	if len(r.run) > 0 && r.gap <= erefMaxPhoneGap {
		if n := erefZeroLetters(w); n > 0 {
			r.group(i, j, erefGZero, '0', n)
			return j
		}
	}
	r.glue(i)
	r.flush()
	if c, _ := erefRuneAt(r.s, j); !e.glue || !unicode.IsDigit(c) {
		r.glueAt = j
	}
	return j
}

// glue marks the last group as touching what starts at i.
func (r *erefRunScanner) glue(i int) {
	if k := len(r.run); k > 0 && r.run[k-1].end == i {
		r.run[k-1].glue |= erefGlueRight
	}
}

// comma joins the groups on either side only when both are digits written one by one, two at
// least; the groups after it are judged when the run ends.
func (r *erefRunScanner) comma() {
	if !erefOneByOne(r.run[r.after:]) {
		r.flush()
		return
	}
	r.after = len(r.run)
	r.gap++
	if r.gap > erefMaxPhoneGap {
		r.flush()
	}
}

func erefOneByOne(run []erefGroup) bool {
	for _, g := range run {
		if g.kind == erefGZero || g.d1-g.d0 != 1 {
			return false
		}
	}
	return len(run) >= 2
}

func (r *erefRunScanner) flush() {
	if a := r.after; a > 0 && !erefOneByOne(r.run[a:]) {
		r.emitRun(r.run[:a], r.plusAt)
		r.emitRun(r.run[a:], -1)
	} else {
		r.emitRun(r.run, r.plusAt)
	}
	r.after = 0
	r.run = r.run[:0]
	r.x.digits = r.x.digits[:0]
	r.plusAt = -1
	r.gap = 0
}

func (r *erefRunScanner) emitRun(run []erefGroup, plusAt int) {
	for len(run) > 0 && run[len(run)-1].kind == erefGZero {
		run = run[:len(run)-1]
	}
	if len(run) > 0 && run[len(run)-1].d1-run[0].d0 >= erefMinPhoneDigits {
		r.emit(run, plusAt)
	}
}

// erefDigitValue reads any decimal digit (ASCII, full-width, Arabic-Indic, mathematical…) and
// the circled, parenthesised, super- and subscript digits used to dodge filters.
func erefDigitValue(r rune) (byte, bool) {
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
	return erefNdValue(r)
}

// erefNdValue reads a decimal digit of any script: Unicode encodes them in runs of ten starting
// at zero, so the value is the distance from the start of the run, modulo ten.
func erefNdValue(r rune) (byte, bool) {
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

// erefIsZeroWidth reports characters that do not separate anything: variation selectors, the
// keycap, joiners, skin tones, tags, soft hyphens.
func erefIsZeroWidth(r rune) bool {
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

// erefIsPhoneJoiner reports what may stand between the digit groups of one number: spaces,
// punctuation used as a separator, emoji and other symbols.
func erefIsPhoneJoiner(r rune) bool {
	if r < 0x80 {
		return r == ' ' || r == '\t' || strings.IndexByte(`-./\()[]{}_*~|^'"=`, byte(r)) >= 0
	}
	switch {
	case erefIsSpace(r), 0x2010 <= r && r <= 0x2015, r == 0x2212, r == 0xB7, r == 0x2022, r == 0x2027,
		r == 0x30FB, r == '－', r == '．', r == '（', r == '）', erefIsApostrophe(r):
		return true
	}
	return unicode.In(r, unicode.So, unicode.Sk)
}

// erefZeroLetters returns the length of w if it is made only of letters o (Latin, Cyrillic,
// Greek) standing for zeros, else 0.
func erefZeroLetters(w string) int {
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

// erefGluePrefixes are words that may touch a number without making it part of a longer token.
var erefGluePrefixes = erefSet("tel", "tél", "tlf", "tlfn", "telf", "cel", "cell", "mob", "mobile", "wa", "whatsapp",
	"viber", "phone", "ph", "sms", "call", "nr", "num", "numero", "número", "nummer", "тел", "моб",
	"номер", "τηλ")

// erefDigitWords are spelled-out digits in the ads' languages.
var erefDigitWords = func() map[string]byte {
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
}()
