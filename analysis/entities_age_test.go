package analysis

import "testing"

func TestEntitiesAge(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"en yo", "19 yo, 19yo, 19 y.o., 19y/o", "", EntityAge, []string{"19", "19", "19", "19"}},
		{"en years old", "20 years old, a 21-year-old girl, 22 yrs old", "", EntityAge, []string{"20", "21", "22"}},
		{"en aged", "aged 23, age: 24", "", EntityAge, []string{"23", "24"}},
		{"it", "ho 19 anni, ragazza di 20, 21enne, età 22", "", EntityAge, []string{"19", "20", "21", "22"}},
		{"it range", "ragazze 18-25 anni", "", EntityAge, []string{"18", "25"}},
		{"es", "tengo 19 años, chica de 20, edad 21", "", EntityAge, []string{"19", "20", "21"}},
		{"de", "19 Jahre alt, 20 Jahre, 21-jährige, Alter: 22", "", EntityAge, []string{"19", "20", "21", "22"}},
		{"fr", "j'ai 19 ans", "", EntityAge, []string{"19"}},
		{"ru", "мне 19 лет, 21 год, 22 года, возраст 23", "", EntityAge, []string{"19", "21", "22", "23"}},
		{"uk", "19 років, 21 рік, 22 роки, вік 23", "", EntityAge, []string{"19", "21", "22", "23"}},
		{"bg", "на 19 години, 20-годишна, възраст 21", "", EntityAge, []string{"19", "20", "21"}},
		{"el", "19 ετών, 20 χρονών, 21χρονη, ηλικία 22", "", EntityAge, []string{"19", "20", "21", "22"}},
		{"el upper", "19 ΕΤΩΝ", "", EntityAge, []string{"19"}},
		{"ro", "am 19 ani, vârsta 20", "", EntityAge, []string{"19", "20"}},
		{"pl", "mam 19 lat", "", EntityAge, []string{"19"}},
		{"minor", "ragazza di 16 anni", "", EntityAge, []string{"16"}},
		{"range to", "età 18 a 30", "", EntityAge, []string{"18", "30"}},
		{"experience", "19 years of experience, 10 anni di esperienza, 15 Jahre Berufserfahrung, 12 лет опыта", "", EntityAge, nil},
		{"duration", "lavoro da 19 anni, seit 20 Jahren, 25 anni fa, 20 years ago", "", EntityAge, nil},
		{"years alone", "19 years", "", EntityAge, nil},
		{"24/7", "24/7 e 24/24", "", EntityAge, nil},
		{"price", "19 €, 20 euro, età 21 €", "", EntityAge, nil},
		{"out of range", "11 anni, 100 anni, 5 anni", "", EntityAge, nil},
		{"decimal", "19.5 anni", "", EntityAge, nil},
		{"units", "età 19 kg", "", EntityAge, nil},
		{"comma ends the phrase", "19 anni, lavoro in hotel", "", EntityAge, []string{"19"}},
	})
}
