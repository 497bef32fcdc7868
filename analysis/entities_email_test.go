package analysis

import "testing"

func TestEntitiesEmail(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"plain", "Scrivi a Anna.Rossi+job@Mail.Example.COM.", "", EntityEmail, []string{"anna.rossi+job@mail.example.com"}},
		{"two", "a.b@mail.it; c_d@mail.de", "", EntityEmail, []string{"a.b@mail.it", "c_d@mail.de"}},
		{"brackets", "anna [at] mail [dot] com", "", EntityEmail, []string{"anna@mail.com"}},
		{"parentheses", "anna(at)mail.com", "", EntityEmail, []string{"anna@mail.com"}},
		{"at in parentheses", "anna(@)mail(.)com", "", EntityEmail, []string{"anna@mail.com"}},
		{"braces", "anna{at}mail{dot}com", "", EntityEmail, []string{"anna@mail.com"}},
		{"spaced at", "anna @ mail.com", "", EntityEmail, []string{"anna@mail.com"}},
		{"spaced dots", "anna@mail . com", "", EntityEmail, []string{"anna@mail.com"}},
		{"en words", "anna at mail dot com", "", EntityEmail, []string{"anna@mail.com"}},
		{"it words", "anna chiocciola mail punto it", "", EntityEmail, []string{"anna@mail.it"}},
		{"es words", "anna arroba correo punto es", "", EntityEmail, []string{"anna@correo.es"}},
		{"de words", "anna ät mail punkt de", "", EntityEmail, []string{"anna@mail.de"}},
		{"fr words", "anna arobase mail point fr", "", EntityEmail, []string{"anna@mail.fr"}},
		{"ru words", "anna собака mail точка ru", "", EntityEmail, []string{"anna@mail.ru"}},
		{"uk words", "anna равлик ukr крапка net", "", EntityEmail, []string{"anna@ukr.net"}},
		{"el words", "anna παπάκι mail τελεία gr", "", EntityEmail, []string{"anna@mail.gr"}},
		{"ro words", "anna at mail punct ro", "", EntityEmail, []string{"anna@mail.ro"}},
		{"upper words", "ANNA [AT] MAIL [DOT] COM", "", EntityEmail, []string{"anna@mail.com"}},
		{"homoglyphs", "аnnа@mаil.com", "", EntityEmail, []string{"anna@mail.com"}},
		{"full width", "ａｎｎａ＠ｍａｉｌ．ｃｏｍ", "", EntityEmail, []string{"anna@mail.com"}},
		{"pronoun", "find me at gmail dot com", "", EntityEmail, nil},
		{"no tld", "anna at home dot now", "", EntityEmail, nil},
		{"sentence", "I am at home. Com si dice", "", EntityEmail, nil},
		{"handle", "@anna_job", "", EntityEmail, nil},
	})
}
