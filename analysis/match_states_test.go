package analysis

import (
	"strconv"
	"strings"
	"testing"
)

// overlapMatcher compiles the patterns of ps ('|' between them) that are valid, one indicator
// each, or returns nil if there are none.
func overlapMatcher(ps string) *matcher {
	var specs []patternSpec
	for i, raw := range strings.Split(ps, "|") {
		parts, err := parsePattern(raw)
		if err != nil {
			continue
		}
		ind := &Indicator{ID: "i" + strconv.Itoa(i%5)}
		specs = append(specs, patternSpec{ind: ind, lang: "xx", raw: raw, parts: parts})
	}
	if len(specs) == 0 {
		return nil
	}
	m, err := compile(specs)
	if err != nil {
		panic(err) // the cases are small: no limit is near
	}
	return m
}

// Past its limit of moves between states, compiling the word trie stops with an error that
// says what to do, rather than fill the memory; within it, the same keys compile.
func TestWordTrieMovesLimit(t *testing.T) {
	keys := []string{"aa bb cc", "bb cc dd", "cc dd ee", "aa cc", "bb aa"}
	ids := []int32{0, 1, 2, 3, 4}
	prefix, uses := make([]bool, len(keys)), make([][]use, len(keys))
	if _, err := newWordTrie(keys, ids, prefix, uses, 1000); err != nil {
		t.Fatalf("within the limit: %v", err)
	}
	_, err := newWordTrie(keys, ids, prefix, uses, 3)
	if err == nil || !strings.Contains(err.Error(), "more than 3 moves") {
		t.Fatalf("past the limit: %v, want an error about more than 3 moves", err)
	}
}

// overlapCases are keys that overlap as the states of the word trie must follow: one that goes
// on where another fails ("ab cd ef" in "ab cd ab cd ef"), keys inside keys, partial ends of a
// key in progress and of its suffixes, separators that end keys, and words that go on from
// several one-word prefixes.
var overlapCases = []struct{ patterns, text string }{
	{"ab cd ef|cd ab|ab cd ab cd ef gh", "ab cd ab cd ef gh ab cd ab cd ef"},
	{"aa aa aa bb|aa aa bb|aa bb|aa aa", "aa aa aa aa bb aa, aa bb aa aa aa bb"},
	{"ab cd*|cd ef*|ab cd ef gh|ef gh", "ab cde ab cd efg ab cd ef gh ab cdef gh"},
	{"ab, cd!|cd!|ab, cd ef|cd ef, gh", "ab, cd! ab, cd ef, gh cd!! ab, cd ef"},
	{"ab cd ~ ef|cd ef gh|ab ~ gh", "ab cd xx ef gh ab cd ef gh"},
	{"doc*|document*|documents|docu|docum ab", "documents docs document documentsx doc docum ab docuz"},
	{"🍒🍒|+39|€ 5", "x🍒🍒🍒 +39 € 5 y"}, // no key starts with a word
}

func TestWordStatesSameAsReference(t *testing.T) {
	for _, c := range overlapCases {
		ref := newReference(overlapMatcher(c.patterns))
		sameAsReference(t, ref, c.text)
		for i := range len(c.text) {
			sameAsReference(t, ref, c.text[i:])
		}
	}
}

// FuzzWordStatesSameAsReference compares the matcher with the reference matcher on sets of
// keys that overlap in any way: the states of the word trie stand for the keys in progress,
// and the shipped packs have few keys that start inside others.
func FuzzWordStatesSameAsReference(f *testing.F) {
	for _, c := range overlapCases {
		f.Add(c.patterns, c.text)
	}
	f.Fuzz(func(t *testing.T, ps, text string) {
		if len(ps) > 512 || len(text) > 4096 {
			return
		}
		if m := overlapMatcher(ps); m != nil {
			sameAsReference(t, newReference(m), text)
		}
	})
}
