package analysis

import "testing"

// IBANs are the published examples of the registry and national banks.
func TestEntitiesIBAN(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"gb", "IBAN: GB82WEST12345698765432.", "", EntityIBAN, []string{"GB82WEST12345698765432"}},
		{"gb grouped", "GB82 WEST 1234 5698 7654 32", "", EntityIBAN, []string{"GB82WEST12345698765432"}},
		{"it grouped", "IT60 X054 2811 1010 0000 0123 456", "", EntityIBAN, []string{"IT60X0542811101000000123456"}},
		{"it lower", "it60x0542811101000000123456", "", EntityIBAN, []string{"IT60X0542811101000000123456"}},
		{"de", "DE89 3704 0044 0532 0130 00", "", EntityIBAN, []string{"DE89370400440532013000"}},
		{"ro", "RO49 AAAA 1B31 0075 9384 0000", "", EntityIBAN, []string{"RO49AAAA1B31007593840000"}},
		{"bg", "BG80 BNBG 9661 1020 3456 78", "", EntityIBAN, []string{"BG80BNBG96611020345678"}},
		{"gr", "GR16 0110 1250 0000 0001 2300 695", "", EntityIBAN, []string{"GR1601101250000000012300695"}},
		{"es", "ES91 2100 0418 4502 0005 1332", "", EntityIBAN, []string{"ES9121000418450200051332"}},
		{"ua", "UA21 3223 1300 0002 6007 2335 6600 1", "", EntityIBAN, []string{"UA213223130000026007233566001"}},
		{"hyphens", "GB82-WEST-1234-5698-7654-32", "", EntityIBAN, []string{"GB82WEST12345698765432"}},
		{"bad check", "GB82WEST12345698765433", "", EntityIBAN, nil},
		{"too long", "GB82WEST123456987654321", "", EntityIBAN, nil},
		{"too short", "GB82WEST1234569876543", "", EntityIBAN, nil},
		{"unknown country", "ZZ82WEST12345698765432", "", EntityIBAN, nil},
		{"glued", "xGB82WEST12345698765432", "", EntityIBAN, nil},
		{"double space", "GB82  WEST 1234 5698 7654 32", "", EntityIBAN, []string{"GB82WEST12345698765432"}},
	})
}
