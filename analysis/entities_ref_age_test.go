// Code generated from entities_age.go at fdbfaac for the differential test; DO NOT EDIT.

package analysis

import "strings"

// Ages are two-digit numbers from 12 to 99 stated as a person's age: followed by an age word
// ("19 yo", "19y.o.", "19 years old", "19-year-old", "19 anni", "19enne", "19 años", "19
// Jahre", "19-jährige", "19 ans", "19 лет", "21 год", "19 років", "19 години", "19-годишна",
// "19 ετών", "19χρονη", "19 ani", "19 lat") or preceded by an age word or a girl/woman word
// with "of" ("età 19", "Alter: 19", "возраст 19", "ragazza di 19", "chica de 19"). Not
// experience or durations ("19 years of experience", "da 19 anni", "seit 19 Jahren", "19
// anni fa"), not "24/7", not amounts. A range ("18-25 anni") gives one age per bound.

func (x *erefExtraction) ages(src erefSource) {
	s := src.s
	for i := 0; i < len(s); {
		if !erefIsDigit(s[i]) {
			i++
			continue
		}
		j := erefDigitsEnd(s, i)
		if j-i == 2 {
			j = max(j, x.ageAt(src, i, j))
		}
		i = j
	}
}

// ageAt reads an age whose number is s[i:j] and returns where scanning goes on.
func (x *erefExtraction) ageAt(src erefSource, i, j int) int {
	s := src.s
	if !erefAgeNumber(s, i, j) || !erefAmountBoundary(s, i) {
		return j
	}
	if r, _ := erefRuneBefore(s, i); erefIsLetter(r) || r == '-' || r == '/' {
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
func (x *erefExtraction) addAges(src erefSource, i, j, k, end, start, stop int) {
	s := src.s
	if k < 0 {
		x.add(src, Entity{Type: EntityAge, Value: s[i:j]}, start, stop)
		return
	}
	x.add(src, Entity{Type: EntityAge, Value: s[i:j]}, start, j)
	x.add(src, Entity{Type: EntityAge, Value: s[k:end]}, k, stop)
}

// erefAgeNumber reports whether s[i:j] is two digits from 12 to 99 not part of a decimal.
func erefAgeNumber(s string, i, j int) bool {
	if j-i != 2 || s[i] == '0' || (s[i] == '1' && s[i+1] < '2') {
		return false
	}
	if j+1 < len(s) && (s[j] == '.' || s[j] == ',' || s[j] == ':') && erefIsDigit(s[j+1]) {
		return false
	}
	return true
}

// ageRange reads "-25", " – 25", " a 25" after j.
func (x *erefExtraction) ageRange(s string, j int) (start, end int, ok bool) {
	p := erefSkipSpaces(s, j, 1)
	r, n := erefRuneAt(s, p)
	switch {
	case r == '-' || r == '–' || r == '—':
		p += n
	case erefIsLetter(r) && p > j:
		e := erefWordEnd(s, p)
		if !x.wordIn(erefRangeWords, s[p:e]) || e == erefSkipSpaces(s, e, 1) {
			return 0, 0, false
		}
		p = e
	default:
		return 0, 0, false
	}
	p = erefSkipSpaces(s, p, 1)
	q := erefDigitsEnd(s, p)
	if !erefAgeNumber(s, p, q) {
		return 0, 0, false
	}
	return p, q, true
}

// ageSuffix reads the age word after e ("yo", "y.o.", "years old", "anni", "-jährige", "лет").
func (x *erefExtraction) ageSuffix(s string, e int) (end int, ok bool) {
	p := e
	if p < len(s) && s[p] == '-' {
		p++
	} else {
		p = erefSkipSpaces(s, p, 1)
	}
	if end, ok := erefYoDots(s, p); ok {
		return end, !x.notAnAgeAfter(s, end)
	}
	q := erefWordEnd(s, p)
	kind, ok := erefLookupFold(&x.buf, erefAgeWords, s[p:q])
	if !ok {
		return 0, false
	}
	if kind != "" { // a word that needs another: "years" → "old", "jahre" → optional "alt"
		a, b := q, q
		if b < len(s) && s[b] == '-' {
			a, b = b+1, erefWordEnd(s, b+1)
		} else {
			a, b = erefNextWord(s, q, 1)
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

// erefYoDots reads "y.o.", "y/o", "Y.O" at p.
func erefYoDots(s string, p int) (int, bool) {
	if p+3 > len(s) || s[p]|0x20 != 'y' || (s[p+1] != '.' && s[p+1] != '/') {
		return 0, false
	}
	q := erefSkipSpaces(s, p+2, 1)
	if q >= len(s) || s[q]|0x20 != 'o' {
		return 0, false
	}
	q++
	if q < len(s) && s[q] == '.' {
		q++
	}
	if r, _ := erefRuneAt(s, q); erefIsLetter(r) {
		return 0, false
	}
	return q, true
}

// notAnAgeAfter reports experience or "ago" words in the two words after e.
func (x *erefExtraction) notAnAgeAfter(s string, e int) bool {
	for range 2 {
		p := e
		for p < len(s) && s[p] == ' ' { // punctuation ends the phrase: "19 anni, lavoro"
			p++
		}
		q := erefWordEnd(s, p)
		if q == p {
			return false
		}
		if x.wordIn(erefNotAgeAfter, s[p:q]) {
			return true
		}
		e = q
	}
	return false
}

// durationBefore reports "da", "for", "seit", "уже"… just before the number at i.
func (x *erefExtraction) durationBefore(s string, i int) bool {
	p, q := erefPrevWord(s, i, 2)
	return q > p && x.wordIn(erefNotAgeBefore, s[p:q])
}

// agePrefix reads "età", "Alter:", "ragazza di" before the number at i and returns its start.
func (x *erefExtraction) agePrefix(s string, i int) (int, bool) {
	p := erefSkipSpacesBack(s, i, 2)
	for p > 0 && (s[p-1] == ':' || s[p-1] == '-' || s[p-1] == '=') {
		p = erefSkipSpacesBack(s, p-1, 2)
	}
	a := erefWordStart(s, p)
	if a == p {
		return 0, false
	}
	if x.wordIn(erefAgePrefixes, s[a:p]) {
		return a, true
	}
	if !x.wordIn(erefAgeOf, s[a:p]) {
		return 0, false
	}
	b, c := erefPrevWord(s, a, 1)
	if c > b && x.wordIn(erefAgeNouns, s[b:c]) {
		return b, true
	}
	return 0, false
}

// nothingAfterAge reports that the number at e is not followed by a unit, a currency or
// more digits, so that "età 19" is an age but "età 19 kg" or "di 19 €" is not.
func (x *erefExtraction) nothingAfterAge(s string, e int) bool {
	if c, _ := x.currencyAfter(s, e); c != "" {
		return false
	}
	r, _ := erefRuneAt(s, e)
	if r == '%' || erefIsLetter(r) {
		return false
	}
	p, q := erefNextWord(s, e, 1)
	return q == p || !x.wordIn(erefNotAgeUnits, s[p:q])
}

// erefAgeWords are the words after an age; the value is a word that must follow ("old"), or that
// may follow ("alt"), or "" when the word is enough.
var erefAgeWords = func() map[string]string {
	m := map[string]string{"years": "old", "year": "old", "yrs": "old", "yr": "old", "jahre": "alt"}
	for _, w := range strings.Fields(`yo yoa anni enne años anos añitos jährige jähriger jährig jahrig ans
		лет год года років рік роки години годишна годишен годишно ετών ετων χρονών χρονων χρόνων χρονη
		χρονος χρονώ ani lat éves jaar`) {
		m[w] = ""
	}
	return m
}()

var erefNotAgeAfter = erefSet("experience", "exp", "esperienza", "experiencia", "erfahrung", "berufserfahrung",
	"expérience", "experiência", "опыт", "опыта", "стаж", "стажа", "досвід", "досвіду", "опит", "εμπειρία",
	"εμπειρίας", "experiență", "experienta", "doświadczenia", "d'esperienza", "d'expérience", "ago", "fa",
	"назад", "тому", "before", "prima")

var erefNotAgeBefore = erefSet("da", "for", "since", "seit", "depuis", "hace", "desde", "durante", "уже", "через",
	"вже", "από", "εδώ", "după", "dupa", "od", "last", "past", "ultimi", "últimos", "letzten",
	"последние", "останні")

var erefAgePrefixes = erefSet("age", "aged", "età", "eta", "edad", "alter", "âge", "возраст", "вік", "възраст",
	"ηλικία", "ηλικια", "vârsta", "varsta", "vârstă", "vîrsta", "wiek", "věk", "leeftijd", "idade")

var erefAgeOf = erefSet("di", "de", "of", "von")

var erefAgeNouns = erefSet("ragazza", "ragazzo", "donna", "girl", "boy", "woman", "lady", "chica", "chico", "mujer",
	"niña", "fille", "femme", "mädchen", "frau", "fată", "fata", "femeie", "девушка", "дівчина", "момиче",
	"κοπέλα", "κορίτσι", "γυναίκα", "dziewczyna", "dívka", "bimba", "signora", "menina", "moça", "ragazze",
	"girls", "chicas", "mujeres", "filles", "девушки", "дівчата", "момичета", "κοπέλες", "fete")

var erefNotAgeUnits = erefSet("kg", "km", "cm", "m", "min", "minuti", "minutes", "minutos", "minuten", "минут",
	"ore", "hours", "horas", "stunden", "часов", "mesi", "months", "meses", "monate", "месяцев")
