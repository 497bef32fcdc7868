package analysis

import "strings"

// Ages are two-digit numbers from 12 to 99 stated as a person's age: followed by an age word
// ("19 yo", "19y.o.", "19 years old", "19-year-old", "19 anni", "19enne", "19 años", "19
// Jahre", "19-jährige", "19 ans", "19 лет", "21 год", "19 років", "19 години", "19-годишна",
// "19 ετών", "19χρονη", "19 ani", "19 lat") or preceded by an age word or a girl/woman word
// with "of" ("età 19", "Alter: 19", "возраст 19", "ragazza di 19", "chica de 19"). Not
// experience or durations ("19 years of experience", "da 19 anni", "seit 19 Jahren", "19
// anni fa"), not "24/7", not amounts. A range ("18-25 anni") gives one age per bound.

func (x *extraction) ages(src source) {
	s := src.s
	digits := x.digitCursor(src)
	for i, j := digits.next(0); i < len(s); i, j = digits.next(i) {
		if j-i == 2 {
			j = max(j, x.ageAt(src, i, j))
		}
		i = j
	}
}

// ageAt reads an age whose number is s[i:j] and returns where scanning goes on.
func (x *extraction) ageAt(src source, i, j int) int {
	s := src.s
	if !ageNumber(s, i, j) || !amountBoundary(s, i) {
		return j
	}
	if r, _ := runeBefore(s, i); isLetter(r) || r == '-' || r == '/' {
		return j
	}
	end := j // end of the numbers
	k := -1  // start of the upper bound of a range
	if p, q, ok := x.ageRange(s, j); ok {
		k, end = p, q
	}
	if x.durationBefore(s, i) {
		return end
	}
	if e, ok := x.ageSuffix(s, end); ok {
		x.addAges(src, i, j, k, end, i, e)
		return e
	}
	if ps, ok := x.agePrefix(s, i); ok && x.nothingAfterAge(s, end) {
		x.addAges(src, i, j, k, end, ps, end)
		return end
	}
	return j
}

// addAges records the age s[i:j] and, for a range, s[k:end]; the first spans [start, j), or
// [start, stop) when alone.
func (x *extraction) addAges(src source, i, j, k, end, start, stop int) {
	s := src.s
	if k < 0 {
		x.add(src, Entity{Type: EntityAge, Value: s[i:j]}, start, stop)
		return
	}
	x.add(src, Entity{Type: EntityAge, Value: s[i:j]}, start, j)
	x.add(src, Entity{Type: EntityAge, Value: s[k:end]}, k, stop)
}

// ageNumber reports whether s[i:j] is two digits from 12 to 99 not part of a decimal.
func ageNumber(s string, i, j int) bool {
	if j-i != 2 || s[i] == '0' || (s[i] == '1' && s[i+1] < '2') {
		return false
	}
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',' || s[j] == ':') && isDigit(s[j+1]) {
		return false
	}
	return true
}

// ageRange reads "-25", " – 25", " a 25" after j.
func (x *extraction) ageRange(s string, j int) (start, end int, ok bool) {
	p := skipSpaces(s, j, 1)
	r, n := runeAt(s, p)
	switch {
	case r == '-' || r == '–' || r == '—':
		p += n
	case isLetter(r) && p > j:
		e := wordEnd(s, p)
		if !x.wordIn(rangeWords, s[p:e]) || e == skipSpaces(s, e, 1) {
			return 0, 0, false
		}
		p = e
	default:
		return 0, 0, false
	}
	p = skipSpaces(s, p, 1)
	q := digitsEnd(s, p)
	if !ageNumber(s, p, q) {
		return 0, 0, false
	}
	return p, q, true
}

// ageSuffix reads the age word after e ("yo", "y.o.", "years old", "anni", "-jährige", "лет").
func (x *extraction) ageSuffix(s string, e int) (end int, ok bool) {
	p := e
	if p < len(s) && s[p] == '-' {
		p++
	} else {
		p = skipSpaces(s, p, 1)
	}
	if end, ok := yoDots(s, p); ok {
		return end, !x.notAnAgeAfter(s, end)
	}
	q := wordEnd(s, p)
	kind, ok := lookupFold(&x.buf, ageWords, s[p:q])
	if !ok {
		return 0, false
	}
	if kind != "" { // a word that needs another: "years" → "old", "jahre" → optional "alt"
		a, b := q, q
		if b < len(s) && s[b] == '-' {
			a, b = b+1, wordEnd(s, b+1)
		} else {
			a, b = nextWord(s, q, 1)
		}
		switch {
		case strings.EqualFold(s[a:b], kind):
			q = b
		case kind == "old":
			return 0, false
		}
	}
	return q, !x.notAnAgeAfter(s, q)
}

// yoDots reads "y.o.", "y/o", "Y.O" at p.
func yoDots(s string, p int) (int, bool) {
	if p+3 > len(s) || s[p]|0x20 != 'y' || (s[p+1] != '.' && s[p+1] != '/') {
		return 0, false
	}
	q := skipSpaces(s, p+2, 1)
	if q >= len(s) || s[q]|0x20 != 'o' {
		return 0, false
	}
	q++
	if q < len(s) && s[q] == '.' {
		q++
	}
	if r, _ := runeAt(s, q); isLetter(r) {
		return 0, false
	}
	return q, true
}

// notAnAgeAfter reports experience or "ago" words in the two words after e.
func (x *extraction) notAnAgeAfter(s string, e int) bool {
	for range 2 {
		p := e
		for p < len(s) && s[p] == ' ' { // punctuation ends the phrase: "19 anni, lavoro"
			p++
		}
		q := wordEnd(s, p)
		if q == p {
			return false
		}
		if x.wordIn(notAgeAfter, s[p:q]) {
			return true
		}
		e = q
	}
	return false
}

// durationBefore reports "da", "for", "seit", "уже"… just before the number at i.
func (x *extraction) durationBefore(s string, i int) bool {
	p, q := prevWord(s, i, 2)
	return q > p && x.wordIn(notAgeBefore, s[p:q])
}

// agePrefix reads "età", "Alter:", "ragazza di" before the number at i and returns its start.
func (x *extraction) agePrefix(s string, i int) (int, bool) {
	p := skipSpacesBack(s, i, 2)
	for p > 0 && (s[p-1] == ':' || s[p-1] == '-' || s[p-1] == '=') {
		p = skipSpacesBack(s, p-1, 2)
	}
	a := wordStart(s, p)
	if a == p {
		return 0, false
	}
	if x.wordIn(agePrefixes, s[a:p]) {
		return a, true
	}
	if !x.wordIn(ageOf, s[a:p]) {
		return 0, false
	}
	b, c := prevWord(s, a, 1)
	if c > b && x.wordIn(ageNouns, s[b:c]) {
		return b, true
	}
	return 0, false
}

// nothingAfterAge reports that the number at e is not followed by a unit, a currency or
// more digits, so that "età 19" is an age but "età 19 kg" or "di 19 €" is not.
func (x *extraction) nothingAfterAge(s string, e int) bool {
	if c, _ := x.currencyAfter(s, e); c != "" {
		return false
	}
	r, _ := runeAt(s, e)
	if r == '%' || isLetter(r) {
		return false
	}
	p, q := nextWord(s, e, 1)
	return q == p || !x.wordIn(notAgeUnits, s[p:q])
}

// ageWords are the words after an age; the value is a word that must follow ("old"), or that
// may follow ("alt"), or "" when the word is enough.
var ageWords = newFoldMap(func() map[string]string {
	m := map[string]string{"years": "old", "year": "old", "yrs": "old", "yr": "old", "jahre": "alt"}
	for _, w := range strings.Fields(`yo yoa anni enne años anos añitos jährige jähriger jährig jahrig ans
		лет год года років рік роки години годишна годишен годишно ετών ετων χρονών χρονων χρόνων χρονη
		χρονος χρονώ ani lat éves jaar`) {
		m[w] = ""
	}
	return m
}())

var notAgeAfter = foldSet("experience", "exp", "esperienza", "experiencia", "erfahrung", "berufserfahrung",
	"expérience", "experiência", "опыт", "опыта", "стаж", "стажа", "досвід", "досвіду", "опит", "εμπειρία",
	"εμπειρίας", "experiență", "experienta", "doświadczenia", "d'esperienza", "d'expérience", "ago", "fa",
	"назад", "тому", "before", "prima")

var notAgeBefore = foldSet("da", "for", "since", "seit", "depuis", "hace", "desde", "durante", "уже", "через",
	"вже", "από", "εδώ", "după", "dupa", "od", "last", "past", "ultimi", "últimos", "letzten",
	"последние", "останні")

var agePrefixes = foldSet("age", "aged", "età", "eta", "edad", "alter", "âge", "возраст", "вік", "възраст",
	"ηλικία", "ηλικια", "vârsta", "varsta", "vârstă", "vîrsta", "wiek", "věk", "leeftijd", "idade")

var ageOf = foldSet("di", "de", "of", "von")

var ageNouns = foldSet("ragazza", "ragazzo", "donna", "girl", "boy", "woman", "lady", "chica", "chico", "mujer",
	"niña", "fille", "femme", "mädchen", "frau", "fată", "fata", "femeie", "девушка", "дівчина", "момиче",
	"κοπέλα", "κορίτσι", "γυναίκα", "dziewczyna", "dívka", "bimba", "signora", "menina", "moça", "ragazze",
	"girls", "chicas", "mujeres", "filles", "девушки", "дівчата", "момичета", "κοπέλες", "fete")

var notAgeUnits = foldSet("kg", "km", "cm", "m", "min", "minuti", "minutes", "minutos", "minuten", "минут",
	"ore", "hours", "horas", "stunden", "часов", "mesi", "months", "meses", "monate", "месяцев")
