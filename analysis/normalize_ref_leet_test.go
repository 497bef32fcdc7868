// Code generated from normalize_leet.go at a908bec for the differential test; DO NOT EDIT.

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
	nrefMaxLeetRun   = 3
	nrefMaxLeetToken = 32
)

// nrefLeetMap reads leet characters as letters of one script; Cyrillic ads write "з" as 3, "ч"
// as 4 and "б" as 6.
type nrefLeetMap struct {
	sc      nrefScript
	initial bool // the word-initial rule applies
	of      map[rune]rune
}

var (
	nrefLeetLatin = nrefLeetMap{sc: nrefNscLatin, initial: true, of: map[rune]rune{
		'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '€': 'e'}}
	nrefLeetCyrillic = nrefLeetMap{sc: nrefNscCyrillic, of: map[rune]rune{
		'0': 'о', '3': 'з', '4': 'ч', '6': 'б', '@': 'а'}}
	nrefLeetGreek = nrefLeetMap{sc: nrefNscGreek, of: map[rune]rune{
		'0': 'ο', '1': 'ι', '3': 'ε', '4': 'α', '7': 'τ', '@': 'α'}}
)

// nrefFoldLeet is step 4 of nrefNormalize. It rewrites units in place, in the chunks around the
// sorted hints, and appends the starts of the tokens it changed to touched.
func nrefFoldLeet(u []nrefUnit, hints, touched []int) []int {
	done := 0 // units before done belong to a chunk already read
	for _, i := range hints {
		if i < done {
			continue
		}
		for i > done && u[i-1].cl != nrefNclSpace { // chunks end at done at the latest
			i--
		}
		j := i
		for j < len(u) && u[j].cl != nrefNclSpace {
			j++
		}
		done = j
		if !nrefAddressLike(u[i:j]) {
			touched = nrefLeetChunk(u, i, j, touched)
		}
	}
	return touched
}

// nrefAddressLike reports a chunk with a handle ("@anna"), a URL scheme or an inner dot (a host
// name, an e-mail address).
func nrefAddressLike(c []nrefUnit) bool {
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

// nrefLeetChunk reads the leet in each token (run of letters, digits and leet symbols) of the
// chunk u[i:j].
func nrefLeetChunk(u []nrefUnit, i, j int, touched []int) []int {
	for i < j {
		if !u[i].cl.wordish() {
			i++
			continue
		}
		k := i
		for k < j && u[k].cl.wordish() {
			k++
		}
		if nrefLeetToken(u[i:k]) {
			touched = append(touched, i)
		}
		i = k
	}
	return touched
}

// nrefLeetToken reads the leet of one token and reports whether it changed anything. Runs
// inside the word go first, so that the word-initial rule sees the word as it will stay
// ("3a5y" → "3asy" → "easy" in one go, as in a second pass).
func nrefLeetToken(t []nrefUnit) bool {
	m := nrefLeetMapFor(t)
	if m == nil {
		return false
	}
	changed := false
	for i := 0; i < len(t); {
		if t[i].cl == nrefNclLetter || m.of[t[i].r] == 0 {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j].cl != nrefNclLetter && m.of[t[j].r] != 0 {
			j++
		}
		if i > 0 && j < len(t) && t[i-1].cl == nrefNclLetter && t[j].cl == nrefNclLetter && j-i <= nrefMaxLeetRun {
			m.write(t[i:j])
			changed = true
		}
		i = j
	}
	if len(t) > 1 && m.of[t[0].r] != 0 && t[0].cl != nrefNclLetter && t[1].cl == nrefNclLetter &&
		nrefInitialLeet(t, m) {
		m.write(t[:1])
		changed = true
	}
	return changed
}

// nrefLeetMapFor picks the leet reading for a token by the script of most of its letters, or
// nil when the token is no word with leet in it: fewer than two letters, too long, or a digit
// with no leet reading ("19yo", "b2b").
func nrefLeetMapFor(t []nrefUnit) *nrefLeetMap {
	if len(t) > nrefMaxLeetToken {
		return nil
	}
	var count [nrefNscOther + 1]int
	for _, x := range t {
		if x.cl == nrefNclLetter {
			count[x.sc]++
		}
	}
	m := &nrefLeetLatin
	if count[nrefNscCyrillic] > count[nrefNscLatin] && count[nrefNscCyrillic] >= count[nrefNscGreek] {
		m = &nrefLeetCyrillic
	} else if count[nrefNscGreek] > count[nrefNscLatin] && count[nrefNscGreek] > count[nrefNscCyrillic] {
		m = &nrefLeetGreek
	}
	if count[nrefNscLatin]+count[nrefNscCyrillic]+count[nrefNscGreek]+count[nrefNscOther] < 2 {
		return nil
	}
	for _, x := range t {
		if x.cl == nrefNclDigit && m.of[x.r] == 0 {
			return nil
		}
	}
	return m
}

func (m *nrefLeetMap) write(t []nrefUnit) {
	for k := range t {
		t[k].r, t[k].cl, t[k].sc = m.of[t[k].r], nrefNclLetter, m.sc
	}
}

// nrefInitialLeet reports whether the leet character opening t starts a word ("3asy") rather
// than counting something ("3days").
func nrefInitialLeet(t []nrefUnit, m *nrefLeetMap) bool {
	if !m.initial {
		return false
	}
	var word strings.Builder
	for _, x := range t[1:] {
		if x.cl != nrefNclLetter {
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
		for _, p := range nrefLeetUnits {
			if strings.HasPrefix(w, p) {
				return false
			}
		}
		return true
	}
	return false
}
