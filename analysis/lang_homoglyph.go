package analysis

import "unicode"

// Letters that look alike across Latin, Cyrillic and Greek. Ads mix them inside a word to slip
// past keyword filters ("wоrk" with a Cyrillic о, "рабoта" with a Latin o); inside a word of one
// script, a look-alike of another script is read as the letter it imitates. Only lower case is
// needed: words are lower-cased first.
var (
	langToLatin = map[rune]rune{
		'а': 'a', 'в': 'b', 'е': 'e', 'к': 'k', 'м': 'm', 'н': 'h', 'о': 'o', 'р': 'p',
		'с': 'c', 'т': 't', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'ӏ': 'l',
		'α': 'a', 'β': 'b', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o',
		'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
	}
	// Latin i stands for Ukrainian і: keyboards without a Ukrainian layout type it so.
	langToCyrillic = map[rune]rune{
		'a': 'а', 'b': 'в', 'c': 'с', 'e': 'е', 'h': 'н', 'i': 'і', 'k': 'к', 'm': 'м',
		'o': 'о', 'p': 'р', 't': 'т', 'x': 'х', 'y': 'у',
	}
	langToGreek = map[rune]rune{
		'a': 'α', 'e': 'ε', 'i': 'ι', 'k': 'κ', 'n': 'η', 'o': 'ο', 'p': 'ρ', 't': 'τ',
		'u': 'υ', 'v': 'ν', 'x': 'χ',
	}
)

// langFoldHomoglyphs rewrites the letters of other scripts in a word of script sc.
func langFoldHomoglyphs(word []rune, sc langScript) []rune {
	var table map[rune]rune
	switch sc {
	case langLatin:
		table = langToLatin
	case langCyrillic:
		table = langToCyrillic
	case langGreek:
		table = langToGreek
	default:
		return word
	}
	for i, r := range word {
		if !unicode.IsLetter(r) || langRuneScript(r) == sc {
			continue
		}
		if l, ok := table[r]; ok {
			word[i] = l
		}
	}
	return word
}
