package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// The long tokens here share their first 8 bytes, last 8 and length, which leaves all but one
// of them to the table's same: each is found as itself, and one with other bytes in between is
// not found.
func TestTokenTableLongTokens(t *testing.T) {
	ids := map[string]int32{}
	for k := range 5 {
		ids[fmt.Sprintf("abcdefgh%03dijklmnop", k)] = int32(len(ids) + 1)
		ids[strings.Repeat("w", 3+k)] = int32(len(ids) + 1)
	}
	tt := newTokenTable(ids, nil, nil)
	want := map[string]int32{"abcdefgh009ijklmnop": 0, "abcdefgh00ijklmnop": 0, "wwwwwwwwwwwwwwwwwwwwww": 0, "zz": 0}
	for tok, id := range ids {
		want[tok] = id
	}
	for tok, id := range want {
		hay := "(" + tok + ")"
		head, tail := tokenKey(hay, 1, len(hay)-1)
		if got := tt.find(hay, 1, len(hay)-1, head, tail).id; got != id {
			t.Errorf("find(%q) = %d, want %d", tok, got, id)
		}
	}
}

// An edge is found from its own node, separator and word only, among a table of many whose
// ids differ in a bit or two.
func TestEdgeTable(t *testing.T) {
	edges := map[[3]int32]int32{}
	for from := int32(1); from < 40; from++ {
		for sep := int32(1); sep < 4; sep++ {
			edges[[3]int32{from, sep, from + sep}] = from*10 + sep
		}
	}
	et, err := newEdgeTable(40, edges)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range [][3]int32{{1, 1 << edgeSepBits, 1}, {1, 1, 1 << edgeWordBits}, {40, 1, 1}} {
		if _, err := newEdgeTable(40, map[[3]int32]int32{e: 2}); err == nil {
			t.Errorf("an edge %v the table cannot hold: no error", e)
		}
	}
	if _, err := newEdgeTable(40, map[[3]int32]int32{{1, 1, 1}: 1 << edgeToBits}); err == nil {
		t.Error("an edge to a node the table cannot hold: no error")
	}
	for from := int32(0); from < 42; from++ {
		for sep := int32(0); sep < 5; sep++ {
			for word := int32(0); word < 50; word++ {
				if got, want := et.next(from, sep, word), edges[[3]int32{from, sep, word}]; got != want {
					t.Fatalf("next(%d, %d, %d) = %d, want %d", from, sep, word, got, want)
				}
			}
		}
	}
}
