package analysis

import "testing"

func TestEntitiesPrice(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"euro sign after", "3.000 €", "", EntityPrice, []string{"EUR 3000"}},
		{"euro sign before", "€3000", "", EntityPrice, []string{"EUR 3000"}},
		{"comma thousands", "$3,000", "", EntityPrice, []string{"USD 3000"}},
		{"space thousands", "3 000 EUR", "", EntityPrice, []string{"EUR 3000"}},
		{"nbsp thousands", "3\u00a0000\u00a0€", "", EntityPrice, []string{"EUR 3000"}},
		{"apostrophe thousands", "CHF 3'000", "", EntityPrice, []string{"CHF 3000"}},
		{"decimals", "1.234,50 € and 12.5 USD and 0,99€", "", EntityPrice, []string{"EUR 1234.5", "USD 12.5", "EUR 0.99"}},
		{"us decimals", "£1,234.75", "", EntityPrice, []string{"GBP 1234.75"}},
		{"k", "3k € and €3k and 2.5k EUR", "", EntityPrice, []string{"EUR 3000", "EUR 3000", "EUR 2500"}},
		{"thousand words", "3 mila euro, 50 тыс. руб", "", EntityPrice, []string{"EUR 3000", "RUB 50000"}},
		{"range dash", "2000-3000 EUR", "", EntityPrice, []string{"EUR 2000", "EUR 3000"}},
		{"range en dash spaces", "2.000 – 3.000 €", "", EntityPrice, []string{"EUR 2000", "EUR 3000"}},
		{"range prefix", "€2000-3000 al mese", "", EntityPrice, []string{"EUR 2000/month", "EUR 3000/month"}},
		{"range words", "da 2000 a 3000 euro", "", EntityPrice, []string{"EUR 2000", "EUR 3000"}},
		{"range k", "2-3k €", "", EntityPrice, []string{"EUR 2000", "EUR 3000"}},
		{"two prices", "100€ - 200€", "", EntityPrice, []string{"EUR 100", "EUR 200"}},
		{"de dash", "2500,- € brutto", "", EntityPrice, []string{"EUR 2500"}},
		{"it month", "3.000 € al mese", "", EntityPrice, []string{"EUR 3000/month"}},
		{"it hour", "100 € all'ora, 50€ x ora", "", EntityPrice, []string{"EUR 100/hour", "EUR 50/hour"}},
		{"it net month", "1500 euro netti al mese", "", EntityPrice, []string{"EUR 1500/month"}},
		{"en week", "£500 per week, $20/hr, 150 USD a night", "", EntityPrice, []string{"GBP 500/week", "USD 20/hour", "USD 150/night"}},
		{"en adverb", "2000 EUR monthly", "", EntityPrice, []string{"EUR 2000/month"}},
		{"es", "150€ la hora, 1200 euros al mes, 300 € a la semana", "", EntityPrice, []string{"EUR 150/hour", "EUR 1200/month", "EUR 300/week"}},
		{"de", "2.500 € pro Monat, 50 €/Std., 80 Euro die Stunde", "", EntityPrice, []string{"EUR 2500/month", "EUR 50/hour", "EUR 80/hour"}},
		{"fr", "2000 € par mois", "", EntityPrice, []string{"EUR 2000/month"}},
		{"ru", "2000 евро в месяц, 5000 руб/час, 3000 ₽ за ночь", "", EntityPrice, []string{"EUR 2000/month", "RUB 5000/hour", "RUB 3000/night"}},
		{"uk", "1000 євро на місяць, 20000 грн/міс", "", EntityPrice, []string{"EUR 1000/month", "UAH 20000/month"}},
		{"bg", "3000 лв. на месец, 50 лв на час", "", EntityPrice, []string{"BGN 3000/month", "BGN 50/hour"}},
		{"el", "1.500 ευρώ το μήνα, 50€ την ώρα", "", EntityPrice, []string{"EUR 1500/month", "EUR 50/hour"}},
		{"ro", "2000 euro pe lună, 3000 lei pe lună, 500 RON pe săptămână", "", EntityPrice, []string{"EUR 2000/month", "RON 3000/month", "RON 500/week"}},
		{"pl cz", "4000 zł miesięcznie, 30000 Kč", "", EntityPrice, []string{"PLN 4000", "CZK 30000"}},
		{"glued code", "eur3000", "", EntityPrice, []string{"EUR 3000"}},
		{"no currency", "3000 al mese, 3,000", "", EntityPrice, nil},
		{"not a word", "3000 europei", "", EntityPrice, nil},
		{"not a fraction", "24/7 €", "", EntityPrice, nil},
		{"leading zero", "0050 €", "", EntityPrice, nil},
		{"phone", "+39 333 000 0001 €", "IT", EntityPrice, nil},
	})
}

func TestEntitiesAmountValue(t *testing.T) {
	for _, c := range []struct {
		text string
		want string
	}{
		{"3.000", "3000"}, {"3,000", "3000"}, {"3 000", "3000"}, {"1.234.567,89", "1234567.89"},
		{"1,234,567.89", "1234567.89"}, {"3,5", "3.5"}, {"3.50", "3.5"}, {"0,99", "0.99"}, {"12.345", "12345"},
		{"100", "100"}, {"1.5.2020", "1"},
	} {
		a := parseAmount(c.text, 0)
		if got := a.value(c.text); !a.ok || got != c.want {
			t.Errorf("%q: got %q (ok %v), want %q", c.text, got, a.ok, c.want)
		}
	}
}
