package analysis

import "strings"

// Prices are amounts touching a currency (symbol, ISO code or word, before or after, at most
// one space away): "3.000 €", "€3k", "EUR 3000", "3 000 лв.", "2000-3000 EUR", "da 2000 a 3000
// euro", "1.500,50 zł", "50€/h", "3000 € al mese", "2000 евро в месяц". A number without a
// currency is not a price. Thousands separators are ".", ",", space, no-break space and "'";
// a "." or "," followed by one or two digits is a decimal point; "k", "mila", "тыс." multiply
// by a thousand. A range gives two prices; the currency and period apply to both bounds.

type amount struct {
	start, end int
	wholeEnd   int    // end of the whole part, separators included
	frac       string // decimal digits
	thousand   bool   // "k", "mila", "тыс."
	ok         bool
}

func (x *extraction) prices(src source) {
	s := src.s
	digits := x.digitCursor(src)
	for i, e := digits.next(0); i < len(s); i, e = digits.next(i) {
		i = max(x.priceAt(src, i, e), e)
	}
}

// priceAt reads a price whose amount starts at i, with digits up to e, and returns where
// scanning goes on.
func (x *extraction) priceAt(src source, i, e int) int {
	s := src.s
	a := parseAmountTo(s, i, e)
	if !a.ok || !amountBoundary(s, i) {
		return a.end
	}
	// a currency before is read only when needed: most amounts have theirs after
	pre, preStart, preRead := "", 0, false
	if r, _ := runeBefore(s, i); isLetter(r) {
		if pre, preStart = x.currencyBefore(s, i); pre == "" {
			return a.end // "A4", "mp3", unless a glued code: "eur3000"
		}
		preRead = true
	}
	x.multiplier(s, &a)
	if code, end := x.currencyAfter(s, a.end); code != "" {
		period, pend := x.periodAfter(s, end)
		x.addPrice(src, a, code, period, i, pend)
		return pend
	}
	if !preRead {
		pre, preStart = x.currencyBefore(s, i)
	}
	b, isRange := x.rangeUpper(s, a.end)
	if isRange && b.thousand && !a.thousand && digitsIn(s[a.start:a.wholeEnd]) <= digitsIn(s[b.start:b.wholeEnd]) {
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

func (x *extraction) addPrice(src source, a amount, code, period string, start, end int) {
	b := append(append(x.cand[:0], code...), ' ')
	n := len(b)
	if b = a.appendValue(b, src.s); len(b) == n {
		return
	}
	if period != "" {
		b = append(append(b, '/'), period...)
	}
	x.cand = b
	x.add(src, Entity{Type: EntityPrice, Value: string(b)}, start, end)
}

// amountBoundary reports whether an amount may start at i: not inside a longer number, a
// phone ("+39"), a time or a fraction ("24/7").
func amountBoundary(s string, i int) bool {
	r, n := runeBefore(s, i)
	switch r {
	case '+':
		return false
	case '.', ',', ':', '/':
		r2, _ := runeBefore(s, i-n)
		return !isAlnumRune(r2)
	}
	return true
}

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func digitsIn(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			n++
		}
	}
	return n
}

// parseAmount reads the number at i: whole part with thousands separators, decimals.
func parseAmount(s string, i int) amount { return parseAmountTo(s, i, digitsEnd(s, i)) }

// parseAmountTo is parseAmount for a number whose first digits end at j.
func parseAmountTo(s string, i, j int) amount {
	a := amount{start: i}
	if j-i > 12 || (s[i] == '0' && j-i > 1) {
		a.end = j
		return a
	}
	if j-i <= 3 {
		sep := ""
		for {
			n := thousandsSep(s, j)
			if n == 0 || (sep != "" && s[j:j+n] != sep) {
				break
			}
			e := digitsEnd(s, j+n)
			if e-(j+n) != 3 {
				break
			}
			sep, j = s[j:j+n], e
		}
		if sep == "," || sep == "." {
			a.wholeEnd = j
			a.end, a.frac = decimals(s, j, sep)
			a.ok = true
			return a
		}
	}
	a.wholeEnd = j
	a.end, a.frac = decimals(s, j, "")
	a.ok = true
	return a
}

// decimals reads ".5", ",50" after j unless that separator is the thousands one.
func decimals(s string, j int, thousands string) (end int, frac string) {
	if j+1 >= len(s) || (s[j] != '.' && s[j] != ',') || s[j:j+1] == thousands {
		return j, ""
	}
	e := digitsEnd(s, j+1)
	if n := e - (j + 1); n < 1 || n > 2 {
		return j, ""
	}
	if e+1 < len(s) && (s[e] == '.' || s[e] == ',') && isDigit(s[e+1]) {
		return j, "" // "1.50.20": not an amount's decimals
	}
	return e, s[j+1 : e]
}

func thousandsSep(s string, j int) int {
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
func (a amount) value(s string) string { return string(a.appendValue(nil, s)) }

// appendValue appends the value to b.
func (a amount) appendValue(b []byte, s string) []byte {
	n := len(b)
	for i := a.start; i < a.wholeEnd; i++ {
		if isDigit(s[i]) {
			b = append(b, s[i])
		}
	}
	frac := a.frac
	if a.thousand { // frac has at most two digits
		b = append(b, frac...)
		for k := len(frac); k < 3; k++ {
			b = append(b, '0')
		}
		frac = ""
	}
	k := n
	for len(b)-k > 1 && b[k] == '0' {
		k++
	}
	b = append(b[:n], b[k:]...)
	if frac = strings.TrimRight(frac, "0"); frac != "" && len(b) > n {
		b = append(append(b, '.'), frac...)
	}
	return b
}

// multiplier reads "k", "K", "к" right after the amount or a thousands word after a space.
func (x *extraction) multiplier(s string, a *amount) {
	if r, n := runeAt(s, a.end); r == 'k' || r == 'K' || r == 'к' || r == 'К' {
		if r2, _ := runeAt(s, a.end+n); !isLetter(r2) {
			a.thousand, a.end = true, a.end+n
			return
		}
	}
	if p := skipSpace(s, a.end); p > a.end && thousandWords.mayStartAt(s, p) {
		if e := wordEnd(s, p); e > p && x.wordIn(thousandWords, s[p:e]) {
			a.thousand, a.end = true, abbrevDot(s, e)
		}
	}
}

// rangeUpper reads the upper bound of a range after j: "-3000", " – 3.000", " to 3000".
func (x *extraction) rangeUpper(s string, j int) (amount, bool) {
	p := skipSpace(s, j)
	r, n := runeAt(s, p)
	switch {
	case r == '-' || r == '–' || r == '—' || r == '~' || r == '÷':
		p += n
	case isLetter(r) && p > j:
		k, e, _ := lookupWordAt(&x.buf, rangeWords, s, p)
		if !k || e == skipSpace(s, e) {
			return amount{}, false
		}
		p = e
	default:
		return amount{}, false
	}
	p = skipSpace(s, p)
	if p >= len(s) || !isDigit(s[p]) {
		return amount{}, false
	}
	b := parseAmount(s, p)
	if !b.ok {
		return amount{}, false
	}
	x.multiplier(s, &b)
	return b, true
}

var thousandWords = foldSet("mila", "mil", "thousand", "tausend", "тыс", "тысяч", "тысячи", "тис", "тисяч",
	"хил", "хиляди", "χιλ", "χιλιάδες", "mii", "tys")

var rangeWords = foldSet("to", "a", "до", "bis", "à", "hasta", "la", "έως", "εως", "μέχρι", "e", "y", "and",
	"und", "и", "і", "și", "si", "και")
