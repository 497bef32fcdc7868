package analysis

import (
	"math/bits"
	"unicode/utf8"
)

// Hashing every word of a text costs more than the rest of the extraction, so words are first
// skimmed (by the survey, entities_survey.go): a word is kept as a candidate only when its
// length in characters and its first, second and last characters, lower-cased, are those of a
// lexicon word (lexSkimSet). Most words are dropped without being hashed, and those kept are
// then read by lexWord as before. Every lexicon word is made of characters below U+0800 (init
// checks), which the tables cover.

// lexMaxRunes is the length in characters of the longest lexicon word.
var lexMaxRunes = func() int {
	n := 0
	for w := range lexicon.m {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}()

const lexSkimBits = 1 << 16

// lexSkimSet holds lexSkimKey of each lexicon word.
var lexSkimSet = func() (b [lexSkimBits / 64]uint64) {
	for w := range lexicon.m {
		r := []rune(w)
		second := rune(0)
		if len(r) > 1 {
			second = r[1]
		}
		for _, c := range r {
			if c >= 0x800 || lexFold(c) != c {
				panic("analysis: lexicon word " + w + " is not lower case below U+0800")
			}
		}
		k := lexSkimKey(len(r), r[0], second, r[len(r)-1])
		b[k/64] |= 1 << (k % 64)
	}
	return b
}()

func lexSkimKey(n int, first, second, last rune) uint32 {
	h := uint32(n)*0x9E3779B1 ^ uint32(first)*0x85EBCA77 ^ uint32(second)*0xC2B2AE3D ^ uint32(last)*0x27D4EB2F
	return h >> 16
}

// A word made only of ASCII and two-byte letters, as most are, is judged faster still, on its
// length in bytes, whether it has two-byte letters, and its first four bytes (fewer if it is
// shorter) with the bit 0x20 set in each, which lower-cases ASCII letters: lexAnchorSet holds
// those of every spelling of each lexicon word in such letters, upper and lower case. The
// survey reads these from its marks without counting characters, and for a word in ASCII
// letters alone the length in bytes is that in characters, which keeps most words apart from
// the lexicon's even though its letters may be spelled in one byte or two.

// lexAnchorSet holds lexAnchorKey of the spellings of lexicon words in ASCII and two-byte
// letters.
var lexAnchorSet = func() (b [lexSkimBits / 64]uint64) {
	spellings := map[rune][]rune{} // the letters below U+0800 that lexFold reads as the key
	for r := rune(0); r < 0x800; r++ {
		if isLetter(r) {
			spellings[lexFold(r)] = append(spellings[lexFold(r)], r)
		}
	}
	add := func(n int, two bool, enc []byte) {
		k := lexAnchorKey(anchorLen(n, two), anchorBytes(string(enc), 0, len(enc)))
		b[k/64] |= 1 << (k % 64)
	}
	for w := range lexicon.m {
		word := []rune(w)
		var spell func(k int, enc []byte)
		spell = func(k int, enc []byte) {
			if len(enc) >= 4 || k == len(word) {
				// the lengths in bytes the rest of the word may have, a bit each, and whether
				// it may be spelled in ASCII letters
				rest, ascii := uint64(1), len(enc) == k
				for _, c := range word[k:] {
					next, one := uint64(0), false
					for _, r := range spellings[c] {
						next |= rest << utf8.RuneLen(r)
						one = one || r < utf8.RuneSelf
					}
					rest, ascii = next, ascii && one
				}
				for ; rest != 0; rest &= rest - 1 {
					add(len(enc)+bits.TrailingZeros64(rest), true, enc)
				}
				if ascii {
					add(len(word), false, enc)
				}
				return
			}
			for _, r := range spellings[word[k]] {
				spell(k+1, utf8.AppendRune(enc[:len(enc):len(enc)], r))
			}
		}
		spell(0, nil)
	}
	return b
}()

// anchorLen is the length lexAnchorKey reads of a word of n bytes, which may have two-byte
// letters.
func anchorLen(n int, two bool) int {
	if two {
		n += 64
	}
	return n
}

// anchorBytes returns the first four bytes of s[i:j] (all if fewer) as a little-endian
// integer, with the bit 0x20 set in each.
func anchorBytes(s string, i, j int) uint32 {
	var v uint32
	if i+4 <= len(s) {
		v = uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
	} else {
		for k := j - 1; k >= i; k-- {
			v = v<<8 | uint32(s[k])
		}
	}
	if n := j - i; n < 4 {
		v &= 1<<(8*n) - 1
		return v | 0x20202020&(1<<(8*n)-1)
	}
	return v | 0x20202020
}

// mayBeLexicon reports whether the word s[i:j] of n characters may be in the lexicon; pure tells
// that it is made only of ASCII and two-byte letters.
func mayBeLexicon(s string, i, j, n int, pure bool) bool {
	if n > lexMaxRunes {
		return false
	}
	if pure {
		k := lexAnchorKey(anchorLen(j-i, j-i != n), anchorBytes(s, i, j))
		return lexAnchorSet[k/64]&(1<<(k%64)) != 0
	}
	return lexMaybe(s, i, j, n)
}

func lexAnchorKey(n int, v uint32) uint32 {
	return (uint32(n)*0x9E3779B1 ^ v*0x85EBCA77) >> 16
}

// lexScan appends to out the starts of the candidate words in s[i:limit], where limit is
// len(s) or a byte no word holds, a character at a time.
func lexScan(s string, i, limit int, out []int) []int {
	for i < limit {
		if c := s[i]; c < utf8.RuneSelf && !isASCIILetter(c) {
			i++
			continue
		}
		j, n, pure := lexWordEnd(s, i)
		if n == 0 {
			_, size := runeAt(s, i)
			i += size
			continue
		}
		if mayBeLexicon(s, i, j, n, pure) {
			out = append(out, i)
		}
		i = j
	}
	return out
}

// lexWordEnd returns the end of the word at i like wordHash, its length in characters, and
// whether it is made only of ASCII and two-byte letters, which are read inline.
func lexWordEnd(s string, i int) (end, n int, pure bool) {
	j, pure := i, true
	for j < len(s) {
		c := s[j]
		switch {
		case isASCIILetter(c):
			j++
		case c >= 0xC2 && c < 0xE0 && j+1 < len(s) && s[j+1]&0xC0 == 0x80 &&
			letterTable[c&0x1F]&(1<<(s[j+1]&0x3F)) != 0: // a two-byte letter
			j += 2
		default:
			size, ok := wordChar(s, i, j)
			if !ok {
				return j, n, pure
			}
			j, pure = j+size, false
		}
		n++
	}
	return j, n, pure
}

// wordChar reports whether the character at j continues the word started at i (letters,
// apostrophes between letters), and its size.
func wordChar(s string, i, j int) (int, bool) {
	if c := s[j]; c < utf8.RuneSelf {
		return 1, (c == '\'' || c == '`') && j > i && letterAt(s, j+1)
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	return size, isLetter(r) || (isApostrophe(r) && j > i && letterAt(s, j+size))
}

func letterAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isLetter(r)
}

// lexMaybe looks the word s[i:j] of n characters up in lexSkimSet.
func lexMaybe(s string, i, j, n int) bool {
	var second rune
	if n > 1 {
		_, size := runeAt(s, i)
		second = lexFoldAt(s, i+size)
	}
	last := j - 1
	for s[last]&0xC0 == 0x80 {
		last--
	}
	k := lexSkimKey(n, lexFoldAt(s, i), second, lexFoldAt(s, last))
	return lexSkimSet[k/64]&(1<<(k%64)) != 0
}

// lexFoldAt is lexFold of the character starting at i of a word, by table below U+0800.
func lexFoldAt(s string, i int) rune {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(lexFoldTable[c])
	} else if c < 0xE0 {
		return rune(lexFoldTable[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)])
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return lexFold(r)
}

var lexFoldTable = func() (t [0x800]uint16) {
	for r := range rune(len(t)) {
		t[r] = uint16(min(lexFold(r), 0xFFFF))
	}
	return t
}()

// lexFold lower-cases r as lookupFold does, apostrophes read as "'".
func lexFold(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		if r == '`' {
			return '\''
		}
		return r
	case isApostrophe(r):
		return '\''
	}
	return foldRune(r)
}
