package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// langScript is the writing system of a word.
type langScript int

const (
	langOther langScript = iota // Arabic, CJK...: counted as letters, never labelled
	langLatin
	langGreek
	langCyrillic
	langScriptAll // index of the total in letter counts
	langScriptCount
)

// langToken is one word, lower-cased and de-obfuscated, with its script.
type langToken struct {
	word   string
	script langScript
}

// langTokenize splits text into words for language detection and counts letters per script.
// It undoes the cheap obfuscations of ads that would hide the language: full-width and styled
// letters (NFKC), zero-width characters and soft hyphens inside words, leetspeak digits inside
// words ("l4v0ro"), letters of another script that look the same ("wоrk" with a Cyrillic о), and
// words spelled out letter by letter ("L A V O R O").
func langTokenize(text string) ([]langToken, [langScriptCount]int) {
	var (
		toks    []langToken
		letters [langScriptCount]int
		raw     []rune
	)
	flush := func() {
		toks = langEmit(toks, raw, &letters)
		raw = raw[:0]
	}
	for _, r := range norm.NFKC.String(text) {
		switch {
		case unicode.Is(unicode.Cf, r):
			// zero-width joiners and soft hyphens split words for filters, not for readers
		case unicode.IsLetter(r) || unicode.IsMark(r):
			raw = append(raw, langLower(r))
		case r >= '0' && r <= '9', r == '@', r == '$':
			raw = append(raw, r)
		case langIsApostrophe(r):
			raw = append(raw, '\'')
		default:
			flush()
		}
	}
	flush()
	return langJoinSpelled(toks), letters
}

func langIsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', '`', '´':
		return true
	}
	return false
}

// langLower lower-cases and folds the cedilla forms of Romanian ș and ț, which older keyboards
// and fonts still produce, to the comma-below letters of the tables.
func langLower(r rune) rune {
	r = unicode.ToLower(r)
	switch r {
	case 'ş':
		return 'ș'
	case 'ţ':
		return 'ț'
	}
	return r
}

// langEmit cleans one raw word and appends the resulting tokens.
func langEmit(toks []langToken, raw []rune, letters *[langScriptCount]int) []langToken {
	raw = langTrim(raw)
	if len(raw) == 0 {
		return toks
	}
	word := langUnleet(raw)
	sc := langMajorityScript(word)
	word = langFoldHomoglyphs(word, sc)
	for _, r := range word {
		if unicode.IsLetter(r) {
			letters[langRuneScript(r)]++
			letters[langScriptAll]++
		}
	}
	if sc == langLatin {
		if head, tail, ok := langSplitElision(word); ok {
			return append(toks, langToken{string(head), sc}, langToken{string(tail), sc})
		}
	}
	return append(toks, langToken{string(word), sc})
}

// langTrim drops digits, @, $ and apostrophes around a word: "3000eur" and "anna92" keep only
// their letters; inside a word the same characters are leetspeak.
func langTrim(raw []rune) []rune {
	isLetter := func(r rune) bool { return unicode.IsLetter(r) }
	for len(raw) > 0 && !isLetter(raw[0]) {
		raw = raw[1:]
	}
	for len(raw) > 0 && !isLetter(raw[len(raw)-1]) && !unicode.IsMark(raw[len(raw)-1]) {
		raw = raw[:len(raw)-1]
	}
	return raw
}

// langUnleet reads digits, @ and $ inside a word as the letters they stand for; digits that
// look like no letter are dropped.
func langUnleet(raw []rune) []rune {
	out := make([]rune, 0, len(raw))
	for _, r := range raw {
		switch r {
		case '0':
			r = 'o'
		case '1':
			r = 'i'
		case '3':
			r = 'e'
		case '4', '@':
			r = 'a'
		case '5', '$':
			r = 's'
		case '7':
			r = 't'
		case '2', '6', '8', '9':
			continue
		}
		out = append(out, r)
	}
	return out
}

func langRuneScript(r rune) langScript {
	// The blocks ads use are tested by range first: unicode.Is is a third of the run time.
	switch {
	case r < 0x250:
		return langLatin
	case r >= 0x370 && r < 0x400:
		return langGreek
	case r >= 0x400 && r < 0x530:
		return langCyrillic
	case unicode.Is(unicode.Latin, r):
		return langLatin
	case unicode.Is(unicode.Greek, r):
		return langGreek
	case unicode.Is(unicode.Cyrillic, r):
		return langCyrillic
	}
	return langOther
}

func langMajorityScript(word []rune) langScript {
	var n [langScriptCount]int
	for _, r := range word {
		if unicode.IsLetter(r) {
			n[langRuneScript(r)]++
		}
	}
	best := langOther
	for sc := langLatin; sc <= langCyrillic; sc++ {
		if n[sc] > n[best] {
			best = sc
		}
	}
	return best
}

// langSplitElision splits French and Italian elisions ("l'appartement", "dell'hotel") into the
// article and the word, and leaves English contractions ("don't", "you'll") whole.
func langSplitElision(word []rune) (head, tail []rune, ok bool) {
	for i, r := range word {
		if r != '\'' {
			continue
		}
		if i >= 1 && i <= 6 && len(word)-i-1 >= 3 {
			return word[:i+1], word[i+1:], true
		}
		return nil, nil, false
	}
	return nil, nil, false
}

// langJoinSpelled joins runs of four or more one-letter words of one script ("L A V O R O"),
// which no language here writes, back into the word they spell.
func langJoinSpelled(toks []langToken) []langToken {
	out := toks[:0]
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && utf8.RuneCountInString(toks[j].word) == 1 && toks[j].script == toks[i].script {
			j++
		}
		if j-i >= 4 {
			var w strings.Builder // a builder: a text of spaced letters can be long
			for _, t := range toks[i:j] {
				w.WriteString(t.word)
			}
			out = append(out, langToken{w.String(), toks[i].script})
			i = j
			continue
		}
		out = append(out, toks[i])
		i++
	}
	return out
}
