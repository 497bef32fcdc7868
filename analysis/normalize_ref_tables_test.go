// Code generated from normalize_tables.go at a908bec for the differential test; DO NOT EDIT.

package analysis

import "unicode"

// nrefSpecialFold is our own table of characters that NFKC leaves alone although ads use them
// as plain letters, digits or punctuation. It is applied before NFKC and again after case
// folding.
func nrefSpecialFold(r rune) (string, bool) {
	switch {
	case r < 0x80:
		return "", false
	case r >= 0x1F150 && r <= 0x1F169: // negative circled letters 🅐…🅩
		return string('a' + r - 0x1F150), true
	case r >= 0x1F170 && r <= 0x1F189: // negative squared letters 🅰…🆉
		return string('a' + r - 0x1F170), true
	case r >= 0x1F191 && r <= 0x1F19A: // squared words 🆑…🆚
		return nrefSquaredWords[r-0x1F191], true
	case r == 0x1F51F: // 🔟
		return "10", true
	case r >= 0x2776 && r <= 0x2793: // dingbat circled digits ❶…❿ ➀…➉ ➊…➓
		return nrefDingbatNumber((r - 0x2776) % 10), true
	case r >= 0x24EB && r <= 0x24F4: // negative circled ⓫…⓴
		return nrefDingbatNumber(r - 0x24EB + 10), true
	case r >= 0x24F5 && r <= 0x24FE: // double circled ⓵…⓾
		return nrefDingbatNumber(r - 0x24F5), true
	case r == 0x24FF: // ⓿
		return "0", true
	}
	if s, ok := nrefLookalikes[r]; ok {
		return s, true
	}
	if r > 0xFF && unicode.Is(unicode.Nd, r) {
		return string('0' + nrefDigitValue(r)), true
	}
	return "", false
}

var nrefSquaredWords = [...]string{"cl", "cool", "free", "id", "new", "ng", "ok", "sos", "up", "vs"}

// nrefDingbatNumber is the number of the i-th (from 0) of a run of symbols for 1 to 10 (or 11
// to 20 when i ≥ 10).
func nrefDingbatNumber(i rune) string {
	n := int(i) + 1
	if n < 10 {
		return string(rune('0' + n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

// nrefDigitValue is the value of a decimal digit of any script: Unicode lays them out in runs
// of ten from zero.
func nrefDigitValue(r rune) rune {
	start := r
	for start > 0 && unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return (r - start) % 10
}

// nrefLookalikes maps characters that NFKC keeps but that stand for plain Latin letters or
// ASCII punctuation in ads: the small capitals of "fancy text" generators (ᴊᴏʙ), Latin
// letters with a stroke or hook that have no decomposition (ł, ø, ɡ), ligatures, and
// typographic apostrophes, quotes and dashes. Letters here are those of the Unicode
// confusables list (UTS #39, confusables.txt) whose prototype is an ASCII letter, restricted
// to Latin script; cross-script look-alikes depend on the word and live in the
// nrefHomoglyphTo* tables below.
var nrefLookalikes = map[rune]string{
	// small capitals
	'ᴀ': "a", 'ʙ': "b", 'ᴄ': "c", 'ᴅ': "d", 'ᴇ': "e", 'ꜰ': "f", 'ɢ': "g", 'ʜ': "h", 'ɪ': "i",
	'ᴊ': "j", 'ᴋ': "k", 'ʟ': "l", 'ᴍ': "m", 'ɴ': "n", 'ᴏ': "o", 'ᴘ': "p", 'ʀ': "r", 'ꜱ': "s",
	'ᴛ': "t", 'ᴜ': "u", 'ᴠ': "v", 'ᴡ': "w", 'ʏ': "y", 'ᴢ': "z",
	// Latin letters without a decomposition
	'ɑ': "a", 'ƀ': "b", 'đ': "d", 'ɛ': "e", 'ɡ': "g", 'ħ': "h", 'ɨ': "i", 'ɩ': "i", 'ȷ': "j",
	'ł': "l", 'ƚ': "l", 'ɫ': "l", 'ø': "o", 'ŧ': "t", 'ʉ': "u", 'ᴑ': "o",
	'æ': "ae", 'œ': "oe",
	// apostrophes, quotes, dashes
	'’': "'", '‘': "'", '‛': "'", 'ʼ': "'", 'ʻ': "'", 'ʹ': "'", 'ʽ': "'", '′': "'", '´': "'",
	'“': `"`, '”': `"`, '„': `"`, '‟': `"`,
	'‐': "-", '‑': "-", '‒': "-", '–': "-", '—': "-", '―': "-", '−': "-", '⸺': "-", '⸻': "-",
	'﹘': "-", '﹣': "-", '－': "-",
}

// Cross-script look-alikes, from the Unicode confusables list (UTS #39, confusables.txt,
// prototypes of Cyrillic, Greek, Cherokee and Armenian letters), kept to the letters that
// matter for ads in the supported languages. Keys are written as they look; the tables are
// built from them through character folding, so capitals become the folded letter and are
// looked up with the unit's "up" flag. upper* holds the capitals whose small letter looks
// different (Cyrillic "В" is a "B", "в" is not).
var (
	nrefHomoglyphToLatin = map[rune]rune{
		// Cyrillic
		'а': 'a', 'с': 'c', 'ԁ': 'd', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'ӏ': 'l', 'о': 'o',
		'р': 'p', 'ԛ': 'q', 'ѕ': 's', 'ԝ': 'w', 'х': 'x', 'у': 'y', 'ү': 'y', 'ѵ': 'v', 'ѡ': 'w',
		'к': 'k', 'г': 'r', 'ғ': 'f', // ғ: the small capital F of "fancy text" generators
		// Greek
		'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u',
		'χ': 'x', 'γ': 'y', 'ω': 'w',
		// Cherokee (folded to its small letters by character folding)
		'Ꭺ': 'a', 'Ᏼ': 'b', 'Ꮯ': 'c', 'Ꭰ': 'd', 'Ꮷ': 'd', 'Ꭼ': 'e', 'Ꮐ': 'g', 'Ᏻ': 'g',
		'Ꮋ': 'h', 'Ꮒ': 'h', 'Ꭵ': 'i', 'Ꭻ': 'j', 'Ꮶ': 'k', 'Ꮮ': 'l', 'Ꮇ': 'm', 'Ꮲ': 'p',
		'Ꭱ': 'r', 'Ꮢ': 'r', 'Ꮪ': 's', 'Ꮥ': 's', 'Ꭲ': 't', 'Ꮩ': 'v', 'Ꮃ': 'w', 'Ꮤ': 'w',
		'Ꭹ': 'y', 'Ꮍ': 'y', 'Ꮓ': 'z',
		// Armenian
		'օ': 'o', 'ս': 'u', 'հ': 'h', 'ո': 'n', 'ց': 'g', 'զ': 'q',
	}
	nrefUpperToLatin = map[rune]rune{
		'В': 'b', 'Н': 'h', 'М': 'm', 'Т': 't', 'Ь': 'b',
		'Β': 'b', 'Ζ': 'z', 'Η': 'h', 'Μ': 'm', 'Ν': 'n', 'Υ': 'y',
		'Տ': 's', 'Ս': 'u',
	}
	nrefHomoglyphToCyrillic = map[rune]rune{
		'a': 'а', 'c': 'с', 'e': 'е', 'i': 'і', 'j': 'ј', 'k': 'к', 'o': 'о', 'p': 'р', 's': 'ѕ',
		'x': 'х', 'y': 'у', 'r': 'г',
		'u': 'и', // not in confusables.txt, but ads write "трu" for "три"
		'α': 'а', 'ε': 'е', 'ι': 'і', 'κ': 'к', 'ο': 'о', 'ρ': 'р', 'τ': 'т', 'π': 'п', 'φ': 'ф',
		'χ': 'х', 'γ': 'у',
	}
	nrefUpperToCyrillic = map[rune]rune{
		'B': 'в', 'H': 'н', 'M': 'м', 'T': 'т',
		'Β': 'в', 'Η': 'н', 'Μ': 'м',
	}
	nrefHomoglyphToGreek = map[rune]rune{
		'a': 'α', 'e': 'ε', 'i': 'ι', 'k': 'κ', 'o': 'ο', 'p': 'ρ', 't': 'τ', 'u': 'υ', 'v': 'ν',
		'w': 'ω', 'x': 'χ', 'y': 'γ',
		'а': 'α', 'е': 'ε', 'і': 'ι', 'к': 'κ', 'о': 'ο', 'р': 'ρ', 'т': 'τ', 'п': 'π', 'ф': 'φ',
		'х': 'χ', 'у': 'γ',
	}
	nrefUpperToGreek = map[rune]rune{
		'B': 'β', 'H': 'η', 'M': 'μ', 'N': 'ν', 'Z': 'ζ', 'Y': 'υ',
		'В': 'β', 'Н': 'η', 'М': 'μ',
	}
)

// nrefFlagRegions are the two-letter codes that emoji show as a flag (Unicode's recommended
// emoji flag sequences): a run of regional indicators that spells only these, pair by pair,
// is kept as flags ("nationality offered" is an indicator); any other run spells letters.
const nrefFlagRegions = "AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL " +
	"BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CR CU CV CW CX CY CZ " +
	"DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL " +
	"GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML " +
	"MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG " +
	"PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SS " +
	"ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM UN US UY UZ VA VC " +
	"VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"

var nrefIsFlagPair = func() (t [26 * 26]bool) {
	for i := 0; i+1 < len(nrefFlagRegions); i += 3 {
		t[int(nrefFlagRegions[i]-'A')*26+int(nrefFlagRegions[i+1]-'A')] = true
	}
	return t
}()

// nrefNumberWords are the spelled-out numbers, per language, as people write them; the matching
// table is built by folding them like any text. Zero to ten in every supported language, and
// English teens and tens, which people use when they read out phone numbers in pairs.
var nrefNumberWords = []struct {
	lang  string
	words []string // words[i] is the number i; several spellings separated by "/"
}{
	{"en", []string{"zero/oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}},
	{"it", []string{"zero", "uno/una", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci"}},
	{"es", []string{"cero", "uno/una/un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez"}},
	{"de", []string{"null", "eins", "zwei/zwo", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"}},
	{"fr", []string{"zéro", "un/une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"}},
	{"pt", []string{"zero", "um/uma", "dois/duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez"}},
	{"nl", []string{"nul", "een/één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"}},
	{"pl", []string{"zero", "jeden/jedna", "dwa/dwie", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć"}},
	{"ro", []string{"zero", "unu/una", "doi/două", "trei", "patru", "cinci", "șase", "șapte", "opt", "nouă", "zece"}},
	{"el", []string{"μηδέν", "ένα/μία/μια", "δύο", "τρία/τρεις", "τέσσερα/τέσσερις", "πέντε", "έξι", "επτά/εφτά", "οκτώ/οχτώ", "εννέα/εννιά", "δέκα"}},
	{"ru", []string{"ноль/нуль", "один/одна", "два/две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять", "десять"}},
	{"uk", []string{"нуль", "один/одна", "два/дві", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять", "десять"}},
	{"bg", []string{"нула", "едно/един/една", "две/два", "три", "четири", "пет", "шест", "седем", "осем", "девет", "десет"}},
}

// nrefEnglishTeensTens are 11–19 and 20, 30 … 90.
var nrefEnglishTeensTens = map[string]int{
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// nrefEnglishRepeats are the words that repeat the digit after them ("double seven").
var nrefEnglishRepeats = map[string]int{"double": 2, "triple": 3}

// nrefLeetUnits are what a single digit in front of a word usually counts rather than spells
// ("3days", "3anni", "0km"): the word-initial leetspeak rule ("3asy", "0nly") leaves words
// starting with these alone.
var nrefLeetUnits = []string{
	"ani", "ann", "ano", "ans", "ora", "ore", "uur", "hour", "hrs", "min", "sec", "day", "dni",
	"dia", "jour", "tag", "giorn", "zile", "week", "woch", "mon", "mes", "mois", "luni", "year",
	"yr", "jahr", "rok", "lat", "euro", "eur", "usd", "gbp", "pln", "ron", "lei", "chf", "kg",
	"km", "cm", "room", "bed", "star", "kid", "child", "girl", "boy", "pers", "pax", "pcs",
	"time", "volt", "mal", "fois", "vez", "job", "lavor", "work", "offer", "post",
}
