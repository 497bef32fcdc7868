package analysis

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The extractor is checked against erefExtractEntities, a frozen copy of it from before it was
// made faster (entities_ref_*_test.go): on every text of the tests and test data, on random
// mixtures of their pieces with the characters the scanners branch on, and by fuzzing, both
// must give exactly the same entities.

// sameCorpus gathers the golden ads, the texts of testdata/entities and testdata/normalize,
// and every string literal of the entity tests.
func sameCorpus(t testing.TB) []string {
	var texts []string
	raw, err := os.ReadFile(filepath.Join("testdata", "golden", "ads.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ads []goldenAd
	if err := json.Unmarshal(raw, &ads); err != nil {
		t.Fatal(err)
	}
	for _, ad := range ads {
		texts = append(texts, ad.Text)
	}
	for _, glob := range []string{"testdata/entities/*.txt", "testdata/normalize/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts = append(texts, string(b))
		}
	}
	files, _ := filepath.Glob("entities_*_test.go")
	for _, f := range files {
		if strings.HasPrefix(f, "entities_ref") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && s != "" {
					texts = append(texts, s)
				}
			}
			return true
		})
	}
	if len(texts) < 200 {
		t.Fatalf("only %d texts", len(texts))
	}
	return texts
}

// sameRunes are the characters the extractors branch on, to sprinkle into mixtures.
var sameRunes = []string{" ", "  ", "\n", ".", ",", "-", "/", "(", ")", "[", "]", "{", "<", ">", ":", "@",
	"+", "＋", "00", "0", "1", "3", "7", "9", "333", "0001", "①", "⓪", "³", "٣", "３", "3️⃣", "🌹", "\u200b",
	"\u034f", "\u00ad", "'", "’", "`", "o", "O", "о", "ο", "€", "$", "£", "zł", "%", "_", "#", "?", "=", "&",
	"://", "www.", ".com", ".it", " dot ", " at ", "[at]", "(.)", "tre", "Tre", "TRE", "три", "τρία", "zero",
	"tel", "wa", "whats", "app", "telegram", "Telegram:", "@anna", "k", "anni", "y.o.", "età", "EUR", "IT60",
	"GB82", "bc1", "0x", "\xff", "é", "É", "ß", "ẞ", "K", "İ", "Ȿ", "\t", "\u00a0", "\u202f", "…"}

// sameMixture builds a random text from pieces of the corpus and characters of sameRunes.
func sameMixture(rng *rand.Rand, corpus []string) string {
	var b strings.Builder
	for range 1 + rng.IntN(12) {
		if rng.IntN(3) == 0 {
			b.WriteString(sameRunes[rng.IntN(len(sameRunes))])
			continue
		}
		t := corpus[rng.IntN(len(corpus))]
		i := rng.IntN(len(t) + 1)
		j := min(len(t), i+rng.IntN(40))
		b.WriteString(t[i:j])
	}
	return b.String()
}

func checkSame(t *testing.T, text, region string) {
	t.Helper()
	n := Normalize(text)
	got, want := ExtractEntities(n, region), erefExtractEntities(n, region)
	if !slices.Equal(got, want) {
		t.Fatalf("text %q region %q:\n got %v\nwant %v", text, region, got, want)
	}
}

func TestExtractEntitiesSame(t *testing.T) {
	corpus := sameCorpus(t)
	for i, text := range corpus {
		checkSame(t, text, fuzzRegions[i%len(fuzzRegions)])
	}
	checkSame(t, benchText(corpus[:11]), "IT")
	// entities at every offset of the 64-byte blocks the survey reads, after other scripts
	for _, e := range []string{btcGenesis, moneroFund, ethEIP55, "GB82 WEST 1234 5698 7654 32",
		"tre tre tre zero zero zero zero zero zero uno", "+39 333 000 0001", "anna [at] mail [dot] com",
		"Telegram: @anna_job", "example.com/jobs", "3.000 € al mese", "19 anni", "Ζητούνται κοπέλες",
		"Пишите в Телеграм", "l'estero", "WhatsApp: 333 000 0001"} {
		for k := range 140 {
			pad := strings.Repeat("дом x ", k/6) + strings.Repeat("y", k%6)
			checkSame(t, pad+" "+e+" Ä "+pad, fuzzRegions[k%len(fuzzRegions)])
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rounds := 3000
	if testing.Short() {
		rounds = 300
	}
	for i := range rounds {
		checkSame(t, sameMixture(rng, corpus), fuzzRegions[i%len(fuzzRegions)])
	}
}

func FuzzExtractEntitiesSame(f *testing.F) {
	fuzzSeeds(f, "+39 333 000 0001", "anna [at] mail [dot] com", "tre tre tre zero zero zero zero zero zero uno",
		"x.com/a.b", "3.000 € al mese", "19 anni", "GB82 WEST 1234 5698 7654 32", "@anna su telegram",
		"tre tre tre, zero zero zero, 0 0 0 1", "3 3, 333 000 0001，1 2")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		checkSame(t, text, fuzzRegions[int(region)%len(fuzzRegions)])
	})
}
