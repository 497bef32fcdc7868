// Code generated from entities_price.go at fdbfaac for the differential test; DO NOT EDIT.

package analysis

import "strings"

// Prices are amounts touching a currency (symbol, ISO code or word, before or after, at most
// one space away): "3.000 €", "€3k", "EUR 3000", "3 000 лв.", "2000-3000 EUR", "da 2000 a 3000
// euro", "1.500,50 zł", "50€/h", "3000 € al mese", "2000 евро в месяц". A number without a
// currency is not a price. Thousands separators are ".", ",", space, no-break space and "'";
// a "." or "," followed by one or two digits is a decimal point; "k", "mila", "тыс." multiply
// by a thousand. A range gives two prices; the currency and period apply to both bounds.

type erefAmount struct {
	start, end int
	wholeEnd   int    // end of the whole part, separators included
	frac       string // decimal digits
	thousand   bool   // "k", "mila", "тыс."
	ok         bool
}

func (x *erefExtraction) prices(src erefSource) {
	s := src.s
	for i := 0; i < len(s); {
		if !erefIsDigit(s[i]) {
			i++
			continue
		}
		i = max(x.priceAt(src, i), erefDigitsEnd(s, i))
	}
}

// priceAt reads a price whose amount starts at i and returns where scanning goes on.
func (x *erefExtraction) priceAt(src erefSource, i int) int {
	s := src.s
	a := erefParseAmount(s, i)
	if !a.ok || !erefAmountBoundary(s, i) {
		return a.end
	}
	pre, preStart := x.currencyBefore(s, i)
	if r, _ := erefRuneBefore(s, i); erefIsLetter(r) && pre == "" {
		return a.end // "A4", "mp3", unless a glued code: "eur3000"
	}
	x.multiplier(s, &a)
	if code, end := x.currencyAfter(s, a.end); code != "" {
		period, pend := x.periodAfter(s, end)
		x.addPrice(src, a, code, period, i, pend)
		return pend
	}
	b, isRange := x.rangeUpper(s, a.end)
	if isRange && b.thousand && !a.thousand && erefDigitsIn(s[a.start:a.wholeEnd]) <= erefDigitsIn(s[b.start:b.wholeEnd]) {
		a.thousand = true // "2-3k €"
	}
	switch {
	case pre != "" && isRange: // "€2000-3000"
		period, pend := x.periodAfter(s, b.end)
		x.addPrice(src, a, pre, period, preStart, a.end)
		x.addPrice(src, b, pre, period, b.start, pend)
		return pend
	case pre != "": // "€3000/month"
		period, pend := x.periodAfter(s, a.end)
		x.addPrice(src, a, pre, period, preStart, pend)
		return pend
	case isRange: // "2000-3000 EUR"
		code, end := x.currencyAfter(s, b.end)
		if code == "" {
			return a.end
		}
		period, pend := x.periodAfter(s, end)
		x.addPrice(src, a, code, period, i, a.end)
		x.addPrice(src, b, code, period, b.start, pend)
		return pend
	}
	return a.end
}

func (x *erefExtraction) addPrice(src erefSource, a erefAmount, code, period string, start, end int) {
	v := a.value(src.s)
	if v == "" {
		return
	}
	v = code + " " + v
	if period != "" {
		v += "/" + period
	}
	x.add(src, Entity{Type: EntityPrice, Value: v}, start, end)
}

// erefAmountBoundary reports whether an amount may start at i: not inside a longer number, a
// phone ("+39"), a time or a fraction ("24/7").
func erefAmountBoundary(s string, i int) bool {
	r, n := erefRuneBefore(s, i)
	switch r {
	case '+':
		return false
	case '.', ',', ':', '/':
		r2, _ := erefRuneBefore(s, i-n)
		return !erefIsAlnumRune(r2)
	}
	return true
}

func erefDigitsEnd(s string, i int) int {
	for i < len(s) && erefIsDigit(s[i]) {
		i++
	}
	return i
}

func erefDigitsIn(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if erefIsDigit(s[i]) {
			n++
		}
	}
	return n
}

// erefParseAmount reads the number at i: whole part with thousands separators, decimals.
func erefParseAmount(s string, i int) erefAmount {
	a := erefAmount{start: i}
	j := erefDigitsEnd(s, i)
	if j-i > 12 || (s[i] == '0' && j-i > 1) {
		a.end = j
		return a
	}
	if j-i <= 3 {
		sep := ""
		for {
			n := erefThousandsSep(s, j)
			if n == 0 || (sep != "" && s[j:j+n] != sep) {
				break
			}
			e := erefDigitsEnd(s, j+n)
			if e-(j+n) != 3 {
				break
			}
			sep, j = s[j:j+n], e
		}
		if sep == "," || sep == "." {
			a.wholeEnd = j
			a.end, a.frac = erefDecimals(s, j, sep)
			a.ok = true
			return a
		}
	}
	a.wholeEnd = j
	a.end, a.frac = erefDecimals(s, j, "")
	a.ok = true
	return a
}

// erefDecimals reads ".5", ",50" after j unless that separator is the thousands one.
func erefDecimals(s string, j int, thousands string) (end int, frac string) {
	if j+1 >= len(s) || (s[j] != '.' && s[j] != ',') || s[j:j+1] == thousands {
		return j, ""
	}
	e := erefDigitsEnd(s, j+1)
	if n := e - (j + 1); n < 1 || n > 2 {
		return j, ""
	}
	if e+1 < len(s) && (s[e] == '.' || s[e] == ',') && erefIsDigit(s[e+1]) {
		return j, "" // "1.50.20": not an amount's decimals
	}
	return e, s[j+1 : e]
}

func erefThousandsSep(s string, j int) int {
	if j >= len(s) {
		return 0
	}
	switch s[j] {
	case '.', ',', ' ', '\'':
		return 1
	}
	for _, sep := range []string{"\u00a0", "\u202f", "\u2009", "’"} {
		if strings.HasPrefix(s[j:], sep) {
			return len(sep)
		}
	}
	return 0
}

// value is the canonical number: digits, "." and decimals without trailing zeros.
func (a erefAmount) value(s string) string {
	var b []byte
	for i := a.start; i < a.wholeEnd; i++ {
		if erefIsDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	frac := a.frac
	if a.thousand { // frac has at most two digits
		b = append(b, (frac + "000")[:3]...)
		frac = ""
	}
	for len(b) > 1 && b[0] == '0' {
		b = b[1:]
	}
	frac = strings.TrimRight(frac, "0")
	if len(b) == 0 {
		return ""
	}
	if frac != "" {
		return string(b) + "." + frac
	}
	return string(b)
}

// multiplier reads "k", "K", "к" right after the amount or a thousands word after a space.
func (x *erefExtraction) multiplier(s string, a *erefAmount) {
	if r, n := erefRuneAt(s, a.end); r == 'k' || r == 'K' || r == 'к' || r == 'К' {
		if r2, _ := erefRuneAt(s, a.end+n); !erefIsLetter(r2) {
			a.thousand, a.end = true, a.end+n
			return
		}
	}
	p, e := erefNextWord(s, a.end, 1)
	if p > a.end && e > p && x.wordIn(erefThousandWords, s[p:e]) {
		a.thousand, a.end = true, erefAbbrevDot(s, e)
	}
}

// rangeUpper reads the upper bound of a range after j: "-3000", " – 3.000", " to 3000".
func (x *erefExtraction) rangeUpper(s string, j int) (erefAmount, bool) {
	p := erefSkipSpaces(s, j, 1)
	r, n := erefRuneAt(s, p)
	switch {
	case r == '-' || r == '–' || r == '—' || r == '~' || r == '÷':
		p += n
	case erefIsLetter(r) && p > j:
		e := erefWordEnd(s, p)
		if !x.wordIn(erefRangeWords, s[p:e]) || e == erefSkipSpaces(s, e, 1) {
			return erefAmount{}, false
		}
		p = e
	default:
		return erefAmount{}, false
	}
	p = erefSkipSpaces(s, p, 1)
	if p >= len(s) || !erefIsDigit(s[p]) {
		return erefAmount{}, false
	}
	b := erefParseAmount(s, p)
	if !b.ok {
		return erefAmount{}, false
	}
	x.multiplier(s, &b)
	return b, true
}

var erefThousandWords = erefSet("mila", "mil", "thousand", "tausend", "тыс", "тысяч", "тысячи", "тис", "тисяч",
	"хил", "хиляди", "χιλ", "χιλιάδες", "mii", "tys")

var erefRangeWords = erefSet("to", "a", "до", "bis", "à", "hasta", "la", "έως", "εως", "μέχρι", "e", "y", "and",
	"und", "и", "і", "și", "si", "και")
