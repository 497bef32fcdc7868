package analysis

import "strings"

// Currencies and pay periods around an amount, for prices and to tell prices from phones:
// symbols, ISO 4217 codes and words in the ads' languages, periods after a slash ("/h",
// "/month"), a preposition ("al mese", "per week", "в месяц", "το μήνα") or alone
// ("monthly", "mensili", "ежемесячно").

// currencyAfter reads a currency starting at most one space after i: "€", "EUR", "euro",
// "лв.", also after a ",-" ("3000,- €").
func (x *extraction) currencyAfter(s string, i int) (code string, end int) {
	if strings.HasPrefix(s[i:], ",-") || strings.HasPrefix(s[i:], ".-") {
		i += 2
	}
	p := skipSpace(s, i)
	r, n := runeAt(s, p)
	if c := symbolCurrency(r); c != "" {
		return c, p + n
	}
	if !isLetter(r) || !currencyWords.mayStartAt(s, p) {
		return "", i
	}
	c, e, ok := lookupWordAt(&x.buf, currencyWords, s, p)
	if !ok {
		return "", i
	}
	return c, abbrevDot(s, e)
}

// currencyBefore reads a currency symbol or code ending at most one space before i.
func (x *extraction) currencyBefore(s string, i int) (code string, start int) {
	p := skipSpacesBack(s, i, 1)
	r, n := runeBefore(s, p)
	c, st := symbolCurrency(r), p-n
	if c == "" {
		if !isLetter(r) {
			return "", i
		}
		st = wordStart(s, p)
		var ok bool
		if c, ok = lookupFold(&x.buf, currencyPrefixes, s[st:p]); !ok {
			return "", i
		}
	}
	if q := skipSpacesBack(s, st, 1); q > 0 && isDigit(s[q-1]) {
		return "", i // the currency of the amount before: "100 € 333…"
	}
	return c, st
}

// abbrevDot includes the full stop of an abbreviation ("лв.", "тыс.", "Std.") in a span.
func abbrevDot(s string, e int) int {
	if e < len(s) && s[e] == '.' {
		if r, _ := runeAt(s, e+1); !isLetter(r) {
			return e + 1
		}
	}
	return e
}

// periodAfter reads a pay period after i: "/month", "/h", "al mese", "per week", "a la semana",
// "pro Monat", "в месяц", "на месец", "το μήνα", "netto al mese", "monthly".
func (x *extraction) periodAfter(s string, i int) (period string, end int) {
	p := skipSpaces(s, i, 2)
	if p < len(s) && s[p] == '/' {
		q := skipSpace(s, p+1)
		if w, e, _ := lookupWordAt(&x.buf, periodWords, s, q); w.unit != "" {
			return w.unit, abbrevDot(s, e)
		}
		return "", i
	}
	for k := 0; k < 4; k++ {
		w, e, _ := lookupWordAt(&x.buf, periodWords, s, p)
		if e == p {
			break
		}
		if w.adverb != "" {
			return w.adverb, e
		}
		if k > 0 && w.unit != "" {
			return w.unit, abbrevDot(s, e)
		}
		if !w.prep {
			break
		}
		p = skipSpace(s, e)
	}
	return "", i
}

func symbolCurrency(r rune) string {
	switch r {
	case '€':
		return "EUR"
	case '$':
		return "USD"
	case '£':
		return "GBP"
	case '₴':
		return "UAH"
	case '₽':
		return "RUB"
	case '₺':
		return "TRY"
	case '₸':
		return "KZT"
	case '₾':
		return "GEL"
	case '₼':
		return "AZN"
	}
	return ""
}

// currencyWords maps codes and words written after an amount to ISO 4217 codes.
var currencyWords = newFoldMap(func() map[string]string {
	m := map[string]string{}
	for code, ws := range map[string]string{
		"EUR": "eur euro euros eurо евро євро ευρώ ευρω евра",
		"USD": "usd dollar dollars dollari dólares dolares dolari долларов доллара доллар долл дол доларів долара",
		"GBP": "gbp pound pounds sterline sterlina фунтов",
		"UAH": "uah грн гривень гривні гривня гривен гривны",
		"RUB": "rub руб рублей рубля рубль",
		"BGN": "bgn лв лева лев",
		"PLN": "pln zł zl złotych zlotych złote zlote zloty",
		"RON": "ron lei leu",
		"CZK": "czk kč korun koruna",
		"CHF": "chf franken",
		"HUF": "huf forint",
		"SEK": "sek", "NOK": "nok", "DKK": "dkk",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = code
		}
	}
	return m
}())

// currencyPrefixes are the currencies also written before an amount ("EUR 3000").
var currencyPrefixes = newFoldMap(map[string]string{
	"eur": "EUR", "euro": "EUR", "евро": "EUR", "usd": "USD", "gbp": "GBP", "chf": "CHF", "uah": "UAH",
	"грн": "UAH", "rub": "RUB", "руб": "RUB", "bgn": "BGN", "лв": "BGN", "pln": "PLN", "ron": "RON",
	"czk": "CZK", "huf": "HUF", "sek": "SEK", "nok": "NOK", "dkk": "DKK",
})

// periodPreps may stand between a price and its period ("al mese", "a la semana", "netto al
// mese", "в месяц", "το μήνα").
var periodPreps = set("per", "a", "an", "al", "all'", "alla", "allo", "la", "le", "pro", "im", "je", "am",
	"die", "в", "во", "на", "за", "pe", "ανά", "ανα", "το", "τον", "την", "τη", "par", "por", "x", "each",
	"every", "netto", "net", "neto", "nette", "netti", "нетто", "нето", "чистыми", "brutto", "bruto",
	"gross", "lordi")

var periodUnits = func() map[string]string {
	m := map[string]string{}
	for period, ws := range map[string]string{
		"hour":  "h hr hrs hour hours ora ore hora horas stunde std heure heures час часа годину ώρα ωρα oră godz godzinę hod hodinu",
		"day":   "day days d giorno giorni gg día dia días dias tag tage jour день дня сутки ден μέρα ημέρα zi dzień",
		"night": "night nights notte noche nacht nuit ночь ніч нощ νύχτα noapte noc",
		"week":  "week weeks wk settimana settimane sett semana semanas woche semaine неделю неделя нед тиждень тижд седмица εβδομάδα săptămână saptamana săptămâna tydzień týden",
		"month": "month months mo mth mese mesi mes meses monat mois месяц мес місяць міс месец μήνα μήνας lună luna miesiąc měsíc",
		"year":  "year years yr anno año jahr an год рік έτος χρόνο rok",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = period
		}
	}
	return m
}()

// periodAdverbs state the period alone ("monthly", "mensili", "monatlich", "ежемесячно").
var periodAdverbs = func() map[string]string {
	m := map[string]string{}
	for period, ws := range map[string]string{
		"hour":  "hourly stündlich all'ora l'ora ph",
		"day":   "daily giornalieri giornaliera giornaliero diario diarios täglich ежедневно щодня дневно ημερησίως zilnic",
		"night": "nightly overnight",
		"week":  "weekly settimanali settimanale semanal semanales wöchentlich hebdomadaire еженедельно щотижня седмично εβδομαδιαίως săptămânal saptamanal pw",
		"month": "monthly mensili mensile mensual mensuales monatlich mensuel mensuels ежемесячно щомісяця месечно μηνιαίως μηνιαία lunar lunari pcm",
		"year":  "yearly annually annui annuali jährlich anual anuales annuel ежегодно щороку годишно ετησίως anual pa",
	} {
		for _, w := range strings.Fields(ws) {
			m[w] = period
		}
	}
	return m
}()

// periodWord is what a word says of a pay period: the period it states alone (an adverb) or
// after a slash or preposition (a unit), or that it may stand before the unit.
type periodWord struct {
	adverb, unit string
	prep         bool
}

// periodWords are periodAdverbs, periodUnits and periodPreps in one map, so that periodAfter
// looks a word up once.
var periodWords = func() *foldMap[periodWord] {
	m := map[string]periodWord{}
	for w, per := range periodAdverbs {
		pw := m[w]
		pw.adverb = per
		m[w] = pw
	}
	for w, per := range periodUnits {
		pw := m[w]
		pw.unit = per
		m[w] = pw
	}
	for w := range periodPreps {
		pw := m[w]
		pw.prep = true
		m[w] = pw
	}
	return newFoldMap(m)
}()
