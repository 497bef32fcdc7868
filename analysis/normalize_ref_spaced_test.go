// Code generated from normalize_spaced.go at a908bec for the differential test; DO NOT EDIT.

package analysis

// Spaced-out letters and digits ("w h a t s a p p", "t.e.l.e.g.r.a.m", "j-o-b", "3 3 3 1 2 3")
// hide a word or a phone number from a filter that reads words. A run of lone characters that
// is mostly letters is joined when it has four or more, or three when they are separated by
// a dot, dash or the like rather than bare spaces (single-letter words such as Italian "e",
// "a", "o" do follow each other in prose, three dotted letters are an abbreviation at worst);
// among lone digits only runs of five or more are joined, so that "1 2 3" in a list stays.
const (
	nrefMinSpacedLetters = 4
	nrefMinSymbolLetters = 3
	nrefMinSpacedDigits  = 5
)

// nrefJoinSpaced is step 2 of nrefNormalize: it marks the separators of spaced-out runs deleted,
// starting from the lone characters that nrefScan found, and appends where the joined runs
// start to runs; pos is scratch space for the lone characters of a run.
func nrefJoinSpaced(u []nrefUnit, lone, pos, runs []int) []int {
	for k := 0; k < len(lone); {
		pos = append(pos[:0], lone[k])
		for next, ok := nrefNextLone(u, lone[k]); ok; next, ok = nrefNextLone(u, next) {
			pos = append(pos, next)
		}
		if len(pos) > 1 {
			runs = nrefJoinRun(u, pos, runs)
		}
		for last := pos[len(pos)-1]; k < len(lone) && lone[k] <= last; {
			k++
		}
	}
	return runs
}

// nrefLone reports a letter, digit or leet symbol with no word character on either side.
func nrefLone(u []nrefUnit, i int) bool {
	switch u[i].cl {
	case nrefNclLetter, nrefNclDigit, nrefNclLeet:
	default:
		return false
	}
	return (i == 0 || !u[i-1].cl.wordish()) && (i+1 == len(u) || !u[i+1].cl.wordish())
}

// nrefNextLone finds the lone character after the one at j, across one separator: a space, a
// separator symbol, or a separator symbol with a space on either side or both.
func nrefNextLone(u []nrefUnit, j int) (int, bool) {
	k := j + 1
	if k < len(u) && u[k].cl == nrefNclSpace {
		k++
	}
	if k < len(u) && u[k].cl == nrefNclSep {
		k++
		if k < len(u) && u[k].cl == nrefNclSpace {
			k++
		}
	}
	if k == j+1 || k >= len(u) || !nrefLone(u, k) {
		return 0, false
	}
	return k, true
}

// nrefJoinRun marks the separators of a run of lone characters deleted where the run spells
// words or hides numbers, and appends where the joined pieces start to runs. Digits come
// first: a stretch of five lone digits or more is a number and splits the run; each piece
// between such numbers is joined if it is mostly letters. Deciding in this order keeps the
// step idempotent: the pieces are the same when the numbers are already joined.
func nrefJoinRun(u []nrefUnit, pos, runs []int) []int {
	piece := 0 // the current piece starts at pos[piece]
	for a := 0; a < len(pos); {
		b := a
		for b < len(pos) && u[pos[b]].cl == nrefNclDigit {
			b++
		}
		if b-a >= nrefMinSpacedDigits {
			runs = nrefJoinLetters(u, pos[piece:a], runs)
			nrefDeleteBetween(u, pos[a:b])
			runs, piece = append(runs, pos[a]), b
		}
		a = max(b, a+1)
	}
	return nrefJoinLetters(u, pos[piece:], runs)
}

// nrefJoinLetters joins a piece of a run that is mostly letters: four or more, or three when
// they are not separated by bare spaces.
func nrefJoinLetters(u []nrefUnit, pos, runs []int) []int {
	letters, bare := 0, false
	for i, p := range pos {
		if u[p].cl == nrefNclLetter {
			letters++
		}
		if i > 0 && p == pos[i-1]+2 && u[p-1].cl == nrefNclSpace {
			bare = true
		}
	}
	least := nrefMinSymbolLetters
	if bare {
		least = nrefMinSpacedLetters
	}
	if len(pos) < least || letters < 2 || 2*letters < len(pos) {
		return runs
	}
	nrefDeleteBetween(u, pos)
	return append(runs, pos[0])
}

// nrefDeleteBetween marks everything between the first and the last of pos deleted, except pos.
func nrefDeleteBetween(u []nrefUnit, pos []int) {
	for i := 1; i < len(pos); i++ {
		for k := pos[i-1] + 1; k < pos[i]; k++ {
			u[k].del = true
		}
	}
}

// nrefJoinSlashes is step 6 of nrefNormalize: "24 / 7" and "24 /7" become "24/7", as people
// write it. Number words before it may have deleted units, which it looks past.
func nrefJoinSlashes(u []nrefUnit, slashes []int) {
	for _, i := range slashes {
		l, r := nrefLive(u, i, -1), nrefLive(u, i, +1)
		spaced := false
		if l >= 0 && u[l].cl == nrefNclSpace {
			l, spaced = nrefLive(u, l, -1), true
		}
		if r < len(u) && u[r].cl == nrefNclSpace {
			r, spaced = nrefLive(u, r, +1), true
		}
		if !spaced || l < 0 || r >= len(u) || u[l].cl != nrefNclDigit || u[r].cl != nrefNclDigit {
			continue
		}
		for k := l + 1; k < r; k++ {
			if k != i {
				u[k].del = true
			}
		}
	}
}

// nrefLive is the first unit from i in direction dir (+1 or -1) that is not deleted, or -1 or
// len(u).
func nrefLive(u []nrefUnit, i, dir int) int {
	for i += dir; i >= 0 && i < len(u) && u[i].del; i += dir {
	}
	return i
}
