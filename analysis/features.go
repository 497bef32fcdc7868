package analysis

import (
	"math"
	"strings"
	"unicode"
)

// Features are what the model sees of an analysed text: the indicators that fired, the kinds of
// entity present, the text's length, and its words (letters only, three or more, plus
// two-word phrases). Digits and punctuation are left out on purpose, so that no formatting
// artefact of a data source can become a feature.
func Features(n *Normalized, res Result) map[string]float64 {
	x := map[string]float64{}
	for _, h := range res.Hits {
		x["indicator:"+h.Indicator] = 1
	}
	for _, c := range res.Categories {
		if c.Positive {
			x["category:"+c.Category] = 1
		}
	}
	for _, e := range res.Entities {
		x["entity:"+e.Type] = 1
	}
	x["length:log10"] = math.Log10(1 + float64(len(n.Text)))
	for _, w := range Words(n.Text) {
		x["word:"+w] = 1
	}
	return x
}

// Words returns the distinct letter-only words (three letters or more) of a normalised text
// and its two-word phrases.
func Words(text string) []string {
	toks := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	seen := map[string]bool{}
	var out []string
	prev := ""
	for _, t := range toks {
		if len([]rune(t)) < 3 {
			prev = ""
			continue
		}
		for _, w := range []string{t, prev + " " + t} {
			if !strings.HasPrefix(w, " ") && !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
		prev = t
	}
	return out
}
