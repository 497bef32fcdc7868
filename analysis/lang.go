package analysis

import (
	"math"
	"sort"
)

// LangScore is one candidate language for a text.
type LangScore struct {
	Lang  string  `json:"lang"`  // ISO 639-1
	Score float64 `json:"score"` // 0..1; the scores of one text sum to at most 1
}

// Language detection works on the device from hand-written tables (lang_data.go): the script of
// every word first (Greek is Greek; Cyrillic and Latin are split further), then within a script
// the frequent function words, distinctive letters and word endings of each language. A score is
// the share of the text's letters in that script, times how sure the script's evidence is
// (evidence/(evidence+langConfK)), times the language's share of that evidence (a softmax). So
// short texts and texts with letters of other scripts get lower scores, and scores never sum
// above 1.
const (
	langMinLetters = 4    // fewer letters than this is too little to go on
	langConfK      = 2.0  // evidence at which a script is half certain (≈ two function words)
	langMinScore   = 0.05 // candidates below this are noise
	langMaxResults = 3
)

// DetectLanguage returns candidate languages, best first (at most 3, scores in 0..1 summing to
// ≤1); an empty slice when the text has too little to go on.
func DetectLanguage(text string) []LangScore {
	toks, letters := langTokenize(text)
	out := []LangScore{}
	if letters[langScriptAll] < langMinLetters {
		return out
	}
	m := langModelOnce()
	ev := m.evidence(toks)
	for _, sc := range []langScript{langLatin, langGreek, langCyrillic} {
		out = append(out, m.scriptScores(sc, ev, letters)...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > langMaxResults {
		out = out[:langMaxResults]
	}
	return out
}

// scriptScores turns the evidence of one script into scores for its languages. Evidence is
// summed like log-odds, so a language's share of the script is a softmax over the languages
// with any evidence: a lead of two function words is worth much more in a long text than a
// tie-break in a short one.
func (m *langModel) scriptScores(sc langScript, ev []float64, letters [langScriptCount]int) []LangScore {
	total, top, norm := 0.0, 0.0, 0.0
	for i, p := range m.profiles {
		if p.script == sc && ev[i] > 0 {
			total += ev[i]
			top = max(top, ev[i])
		}
	}
	if total <= 0 {
		return nil
	}
	for i, p := range m.profiles {
		if p.script == sc && ev[i] > 0 {
			norm += math.Exp(ev[i] - top) // shifted by the top evidence so that long texts cannot overflow
		}
	}
	share := float64(letters[sc]) / float64(letters[langScriptAll])
	conf := total / (total + langConfK)
	var out []LangScore
	for i, p := range m.profiles {
		if p.script != sc || ev[i] <= 0 {
			continue
		}
		s := math.Floor(share*conf*math.Exp(ev[i]-top)/norm*1000) / 1000 // floor keeps the sum ≤ 1
		if s >= langMinScore {
			out = append(out, LangScore{Lang: p.code, Score: s})
		}
	}
	return out
}
