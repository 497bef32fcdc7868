package analysis

import "testing"

// Phone numbers come from libphonenumber's example numbers and Italy's 333 000 00xx, both
// fictional for our purpose.
func TestEntitiesPhone(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"it national", "Chiama 333 000 0001", "IT", EntityPhone, []string{"+393330000001"}},
		{"it slash", "cell. 333/0000001", "IT", EntityPhone, []string{"+393330000001"}},
		{"it dashes dots", "333-00.00 001", "IT", EntityPhone, []string{"+393330000001"}},
		{"it letter o", "333 o 00 0001", "IT", EntityPhone, []string{"+393330000001"}},
		{"commas break runs", "333, 000, 0001", "IT", EntityPhone, nil},
		{"it spelled mixed", "3 tre 3 000 0001", "IT", EntityPhone, []string{"+393330000001"}},
		{"spelled with commas", "chiamami tre tre tre, zero zero zero, zero zero zero uno", "IT", EntityPhone, []string{"+393330000001"}},
		{"spaced with commas", "3 3 3, 0 0 0, 0 0 0 1", "IT", EntityPhone, []string{"+393330000001"}},
		{"full-width commas", "3 3 3，0 0 0，0 0 0 1", "IT", EntityPhone, []string{"+393330000001"}},
		{"en spelled with commas", "zero seven four zero zero, one two three, four five six", "GB", EntityPhone, []string{"+447400123456"}},
		{"a list of digits", "opzioni 1, 2, 3, 4, 5, 6, 7, 8, 9", "IT", EntityPhone, nil},
		{"comma then groups", "tre tre tre, 000 0001", "IT", EntityPhone, nil},
		{"digits one by one, then a number", "3 3, 333 000 0001", "IT", EntityPhone, []string{"+393330000001"}},
		{"a number, then digits one by one", "333 000 0001, 3 3", "IT", EntityPhone, []string{"+393330000001"}},
		{"two numbers", "333 000 0001 oppure 333 000 0002", "IT", EntityPhone, []string{"+393330000001", "+393330000002"}},
		{"list with commas", "333 000 0001, 333 000 0002", "IT", EntityPhone, []string{"+393330000001", "+393330000002"}},
		{"after a date", "12/03/2024 3330000001", "IT", EntityPhone, []string{"+393330000001"}},
		{"circled", "③③③ ⓪⓪⓪ ⓪⓪⓪①", "IT", EntityPhone, []string{"+393330000001"}},
		{"glued to a word", "codice3330000001", "IT", EntityPhone, nil},
		{"glued to tel", "tel3330000001", "IT", EntityPhone, []string{"+393330000001"}},
		{"gr", "Τηλ 691 234 5678", "GR", EntityPhone, []string{"+306912345678"}},
		{"gr spelled", "έξι εννέα ένα δύο τρία τέσσερα πέντε έξι επτά οκτώ", "GR", EntityPhone, []string{"+306912345678"}},
		{"es", "Llama al 612 34 56 78", "ES", EntityPhone, []string{"+34612345678"}},
		{"es spelled", "seis uno dos tres cuatro cinco seis siete ocho", "ES", EntityPhone, []string{"+34612345678"}},
		{"de", "Ruf an: 01512 3456789", "DE", EntityPhone, []string{"+4915123456789"}},
		{"de spelled", "null eins fünf eins zwei drei vier fünf sechs sieben acht neun", "DE", EntityPhone, []string{"+4915123456789"}},
		{"en", "Text 07400 123456", "GB", EntityPhone, []string{"+447400123456"}},
		{"en spelled", "zero seven four zero zero one two three four five six", "GB", EntityPhone, []string{"+447400123456"}},
		{"uk", "тел. 050 123 4567", "UA", EntityPhone, []string{"+380501234567"}},
		{"uk spelled", "нуль п'ять нуль один два три чотири п'ять шість сім", "UA", EntityPhone, []string{"+380501234567"}},
		{"ru", "звони 8 (912) 345-67-89", "RU", EntityPhone, []string{"+79123456789"}},
		{"ru spelled", "восемь девять один два три четыре пять шесть семь восемь девять", "RU", EntityPhone, []string{"+79123456789"}},
		{"ro", "Sună la 0712 034 567", "RO", EntityPhone, []string{"+40712034567"}},
		{"ro spelled", "zero șapte unu doi zero trei patru cinci șase șapte", "RO", EntityPhone, []string{"+40712034567"}},
		{"bg", "Обади се на 043 012 345", "BG", EntityPhone, []string{"+35943012345"}},
		{"international from anywhere", "WhatsApp +30 691 234 5678", "IT", EntityPhone, []string{"+306912345678"}},
		{"00 without region", "00 30 691 234 5678", "", EntityPhone, []string{"+306912345678"}},
		{"national without region", "691 234 5678", "", EntityPhone, nil},
		{"lower-case region", "333 000 0001", "it", EntityPhone, []string{"+393330000001"}},
		{"unknown region", "333 000 0001 o +39 333 000 0002", "XX", EntityPhone, []string{"+393330000002"}},
	})
}

func TestEntitiesPhoneNotPrices(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"euro after", "3330000001 €", "IT", EntityPhone, nil},
		{"euro word", "1500000 euro", "IT", EntityPhone, nil},
		{"code before", "EUR 3330000001", "IT", EntityPhone, nil},
		{"percent", "3330000001%", "IT", EntityPhone, nil},
		{"price then phone", "100 € 333 000 0001", "IT", EntityPhone, []string{"+393330000001"}},
		{"price then phone, price", "100 € 333 000 0001", "IT", EntityPrice, []string{"EUR 100"}},
	})
}

// libphonenumber runs at most a budget of times, so that a digit-heavy text stays linear;
// what is found before the budget runs out is kept.
func TestEntitiesPhoneBudget(t *testing.T) {
	b := []byte("+39 333 000 0001\n")
	for range 2000 {
		b = append(b, "1 2 3 4 5 6 7 8 9 \n"...)
	}
	n := Normalize(string(b))
	x := newExtraction(n, "IT")
	budget := x.budget
	x.run()
	ents := x.resolve()
	checkEntities(t, n, ents)
	got := valuesOf(ents, EntityPhone)
	if len(got) == 0 || got[0] != "+393330000001" {
		t.Errorf("first phone missing: %q", got)
	}
	if x.budget < 0 || len(x.memo) > budget {
		t.Errorf("%d parses for a budget of %d", len(x.memo), budget)
	}
}

func TestEntitiesDigitValue(t *testing.T) {
	for r, want := range map[rune]byte{'7': '7', '７': '7', '٣': '3', '۵': '5', '𝟗': '9', '𝟎': '0', '①': '1',
		'⑨': '9', '⓪': '0', '❼': '7', '➂': '3', '²': '2', '⁹': '9', '₄': '4', '০': '0', '९': '9'} {
		if got, ok := digitValue(r); !ok || got != want {
			t.Errorf("%q: got %q %v, want %q", r, got, ok, want)
		}
	}
	for _, r := range []rune{'a', 'o', 'O', '⅓', '€', ' '} {
		if _, ok := digitValue(r); ok {
			t.Errorf("%q read as a digit", r)
		}
	}
}
