package analysis

import (
	"strings"
	"unicode/utf8"
)

// Leetspeak ("m0ney", "wh@tsapp", "t3l3gram", "€asy") is read as letters only inside a word
// that is mostly letters, so that numbers keep their digits: a run of at most three leet
// characters with a letter on both sides is read as letters, and so is a lone "3", "0", "$" or
// "€" opening a word of letters ("3asy", "0nly", "$exy") unless that word is a unit a number
// usually counts ("3days", "3anni"). A token with a digit that has no leet reading ("19yo",
// "b2b", "covid19") is left alone, and so is a chunk that looks like an address, a handle or
// an e-mail ("t.me/j0b", "@k1ra", "anna@mail.com"), whose characters are the entity itself.
const (
	normMaxLeetRun   = 3
	normMaxLeetToken = 32
)

// normLeetMap reads leet characters as letters of one script; Cyrillic ads write "з" as 3, "ч"
// as 4 and "б" as 6.
type normLeetMap struct {
	sc      normScript
	initial bool // the word-initial rule applies
	of      map[rune]rune
}

var (
	normLeetLatin = normLeetMap{sc: nscLatin, initial: true, of: map[rune]rune{
		'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '€': 'e'}}
	normLeetCyrillic = normLeetMap{sc: nscCyrillic, of: map[rune]rune{
		'0': 'о', '3': 'з', '4': 'ч', '6': 'б', '@': 'а'}}
	normLeetGreek = normLeetMap{sc: nscGreek, of: map[rune]rune{
		'0': 'ο', '1': 'ι', '3': 'ε', '4': 'α', '7': 'τ', '@': 'α'}}
)

// normFoldLeet is step 4 of Normalize. It rewrites units in place, in the chunks around the
// sorted hints, and appends the starts of the tokens it changed to touched.
func normFoldLeet(u []normUnit, hints, touched []int) []int {
	done := 0 // units before done belong to a chunk already read
	for _, i := range hints {
		if i < done {
			continue
		}
		for i > done && u[i-1].cl != nclSpace { // chunks end at done at the latest
			i--
		}
		j := i
		for j < len(u) && u[j].cl != nclSpace {
			j++
		}
		done = j
		if !normAddressLike(u[i:j]) {
			touched = normLeetChunk(u, i, j, touched)
		}
	}
	return touched
}

// normAddressLike reports a chunk with a handle ("@anna"), a URL scheme or an inner dot (a host
// name, an e-mail address).
func normAddressLike(c []normUnit) bool {
	for k, x := range c {
		switch x.r {
		case '@':
			if k == 0 || !c[k-1].cl.alnum() {
				return true
			}
		case '.':
			if k > 0 && k+1 < len(c) && c[k-1].cl.alnum() && c[k+1].cl.alnum() {
				return true
			}
		case ':':
			if k+1 < len(c) && c[k+1].r == '/' {
				return true
			}
		}
	}
	return false
}

// normLeetChunk reads the leet in each token (run of letters, digits and leet symbols) of the
// chunk u[i:j].
func normLeetChunk(u []normUnit, i, j int, touched []int) []int {
	for i < j {
		if !u[i].cl.wordish() {
			i++
			continue
		}
		k := i
		for k < j && u[k].cl.wordish() {
			k++
		}
		if normLeetToken(u[i:k]) {
			touched = append(touched, i)
		}
		i = k
	}
	return touched
}

// normLeetToken reads the leet of one token and reports whether it changed anything. Runs
// inside the word go first, so that the word-initial rule sees the word as it will stay
// ("3a5y" → "3asy" → "easy" in one go, as in a second pass).
func normLeetToken(t []normUnit) bool {
	m := normLeetMapFor(t)
	if m == nil {
		return false
	}
	changed := false
	for i := 0; i < len(t); {
		if t[i].cl == nclLetter || m.of[t[i].r] == 0 {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j].cl != nclLetter && m.of[t[j].r] != 0 {
			j++
		}
		if i > 0 && j < len(t) && t[i-1].cl == nclLetter && t[j].cl == nclLetter && j-i <= normMaxLeetRun {
			m.write(t[i:j])
			changed = true
		}
		i = j
	}
	if len(t) > 1 && m.of[t[0].r] != 0 && t[0].cl != nclLetter && t[1].cl == nclLetter &&
		normInitialLeet(t, m) {
		m.write(t[:1])
		changed = true
	}
	return changed
}

// normLeetMapFor picks the leet reading for a token by the script of most of its letters, or
// nil when the token is no word with leet in it: fewer than two letters, too long, or a digit
// with no leet reading ("19yo", "b2b").
func normLeetMapFor(t []normUnit) *normLeetMap {
	if len(t) > normMaxLeetToken {
		return nil
	}
	var count [nscOther + 1]int
	for _, x := range t {
		if x.cl == nclLetter {
			count[x.sc]++
		}
	}
	m := &normLeetLatin
	if count[nscCyrillic] > count[nscLatin] && count[nscCyrillic] >= count[nscGreek] {
		m = &normLeetCyrillic
	} else if count[nscGreek] > count[nscLatin] && count[nscGreek] > count[nscCyrillic] {
		m = &normLeetGreek
	}
	if count[nscLatin]+count[nscCyrillic]+count[nscGreek]+count[nscOther] < 2 {
		return nil
	}
	for _, x := range t {
		if x.cl == nclDigit && m.of[x.r] == 0 {
			return nil
		}
	}
	return m
}

func (m *normLeetMap) write(t []normUnit) {
	for k := range t {
		t[k].r, t[k].cl, t[k].sc = m.of[t[k].r], nclLetter, m.sc
	}
}

// normInitialLeet reports whether the leet character opening t starts a word ("3asy") rather
// than counting something ("3days").
func normInitialLeet(t []normUnit, m *normLeetMap) bool {
	if !m.initial {
		return false
	}
	var word strings.Builder
	for _, x := range t[1:] {
		if x.cl != nclLetter {
			break
		}
		word.WriteRune(x.r)
	}
	w := word.String()
	n := utf8.RuneCountInString(w)
	switch t[0].r {
	case '$', '€':
		return n >= 2
	case '3', '0':
		if n < 3 {
			return false
		}
		for _, p := range normLeetUnits {
			if strings.HasPrefix(w, p) {
				return false
			}
		}
		return true
	}
	return false
}
