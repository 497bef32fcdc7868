package analysis

// Spaced-out letters and digits ("w h a t s a p p", "t.e.l.e.g.r.a.m", "j-o-b", "3 3 3 1 2 3")
// hide a word or a phone number from a filter that reads words. A run of lone characters that
// is mostly letters is joined when it has four or more, or three when they are separated by
// a dot, dash or the like rather than bare spaces (single-letter words such as Italian "e",
// "a", "o" do follow each other in prose, three dotted letters are an abbreviation at worst);
// among lone digits only runs of five or more are joined, so that "1 2 3" in a list stays.
const (
	normMinSpacedLetters = 4
	normMinSymbolLetters = 3
	normMinSpacedDigits  = 5
)

// normJoinSpaced is step 2 of Normalize: it marks the separators of spaced-out runs deleted,
// starting from the lone characters that normScan found, and appends where the joined runs
// start to runs; pos is scratch space for the lone characters of a run.
func normJoinSpaced(u []normUnit, lone, pos, runs []int) []int {
	for k := 0; k < len(lone); {
		pos = append(pos[:0], lone[k])
		for next, ok := normNextLone(u, lone[k]); ok; next, ok = normNextLone(u, next) {
			pos = append(pos, next)
		}
		if len(pos) > 1 {
			runs = normJoinRun(u, pos, runs)
		}
		for last := pos[len(pos)-1]; k < len(lone) && lone[k] <= last; {
			k++
		}
	}
	return runs
}

// normLone reports a letter, digit or leet symbol with no word character on either side.
func normLone(u []normUnit, i int) bool {
	switch u[i].cl {
	case nclLetter, nclDigit, nclLeet:
	default:
		return false
	}
	return (i == 0 || !u[i-1].cl.wordish()) && (i+1 == len(u) || !u[i+1].cl.wordish())
}

// normNextLone finds the lone character after the one at j, across one separator: a space, a
// separator symbol, or a separator symbol with a space on either side or both.
func normNextLone(u []normUnit, j int) (int, bool) {
	k := j + 1
	if k < len(u) && u[k].cl == nclSpace {
		k++
	}
	if k < len(u) && u[k].cl == nclSep {
		k++
		if k < len(u) && u[k].cl == nclSpace {
			k++
		}
	}
	if k == j+1 || k >= len(u) || !normLone(u, k) {
		return 0, false
	}
	return k, true
}

// normJoinRun marks the separators of a run of lone characters deleted where the run spells
// words or hides numbers, and appends where the joined pieces start to runs. Digits come
// first: a stretch of five lone digits or more is a number and splits the run; each piece
// between such numbers is joined if it is mostly letters. Deciding in this order keeps the
// step idempotent: the pieces are the same when the numbers are already joined.
func normJoinRun(u []normUnit, pos, runs []int) []int {
	piece := 0 // the current piece starts at pos[piece]
	for a := 0; a < len(pos); {
		b := a
		for b < len(pos) && u[pos[b]].cl == nclDigit {
			b++
		}
		if b-a >= normMinSpacedDigits {
			runs = normJoinLetters(u, pos[piece:a], runs)
			normDeleteBetween(u, pos[a:b])
			runs, piece = append(runs, pos[a]), b
		}
		a = max(b, a+1)
	}
	return normJoinLetters(u, pos[piece:], runs)
}

// normJoinLetters joins a piece of a run that is mostly letters: four or more, or three when
// they are not separated by bare spaces.
func normJoinLetters(u []normUnit, pos, runs []int) []int {
	letters, bare := 0, false
	for i, p := range pos {
		if u[p].cl == nclLetter {
			letters++
		}
		if i > 0 && p == pos[i-1]+2 && u[p-1].cl == nclSpace {
			bare = true
		}
	}
	least := normMinSymbolLetters
	if bare {
		least = normMinSpacedLetters
	}
	if len(pos) < least || letters < 2 || 2*letters < len(pos) {
		return runs
	}
	normDeleteBetween(u, pos)
	return append(runs, pos[0])
}

// normDeleteBetween marks everything between the first and the last of pos deleted, except pos.
func normDeleteBetween(u []normUnit, pos []int) {
	for i := 1; i < len(pos); i++ {
		for k := pos[i-1] + 1; k < pos[i]; k++ {
			u[k].del = true
		}
	}
}

// normJoinSlashes is step 6 of Normalize: "24 / 7" and "24 /7" become "24/7", as people
// write it. Number words before it may have deleted units, which it looks past.
func normJoinSlashes(u []normUnit, slashes []int) {
	for _, i := range slashes {
		l, r := normLive(u, i, -1), normLive(u, i, +1)
		spaced := false
		if l >= 0 && u[l].cl == nclSpace {
			l, spaced = normLive(u, l, -1), true
		}
		if r < len(u) && u[r].cl == nclSpace {
			r, spaced = normLive(u, r, +1), true
		}
		if !spaced || l < 0 || r >= len(u) || u[l].cl != nclDigit || u[r].cl != nclDigit {
			continue
		}
		for k := l + 1; k < r; k++ {
			if k != i {
				u[k].del = true
			}
		}
	}
}

// normLive is the first unit from i in direction dir (+1 or -1) that is not deleted, or -1 or
// len(u).
func normLive(u []normUnit, i, dir int) int {
	for i += dir; i >= 0 && i < len(u) && u[i].del; i += dir {
	}
	return i
}
