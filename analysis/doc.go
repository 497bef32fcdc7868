// Package analysis is the on-device indicator analyzer: pure functions from bytes to explained
// findings. It imports neither the store, nor the browser, nor Fyne, and sends nothing anywhere.
//
// Words:
//   - Normalized: a text after normalisation (NFKC, case folding, homoglyph and confusable
//     folding, full-width and enclosed letters, emoji used as letters or digits, leetspeak,
//     spaced and spelled-out digits), with a map from every normalised byte back to the original,
//     so that every finding highlights the words the author wrote.
//   - Indicator: one sign of trafficking recruitment or exploitation from the sourced taxonomy
//     (ILO–EC 2009, ILO 2012, UNODC, Europol, peer-reviewed studies), with an id shared across
//     languages, a category, a strength (strong, medium, weak, contested), its source and a
//     one-line explanation. Rule packs in assets/rules hold their patterns per language.
//   - Hit: one match of an indicator's pattern, with its span in the original text; the hits of
//     one pattern share its HitRule (the indicator, its strength and why it matters). A pattern
//     that several packs give one indicator is named after the text's language where it can be.
//   - Entity: a phone, e-mail, URL, messenger handle, price, stated age, crypto wallet or IBAN,
//     in one canonical form (phones in E.164), found also when obfuscated.
//   - Result: the level (none, low, medium, high), the score, the hits, the entities and the
//     rule-pack version, so that a finding can be reproduced later.
//
// Also here: DetectLanguage (13 languages, from hand-written tables), AnalyzeImage (size checked
// before decoding; pHash and dHash to find the same photo in other ads; EXIF), OCR through the
// system's tesseract binary with every case language at once, and a small logistic-regression
// Model whose weights are named features, so its score explains itself. ReadEMSCAD, Evaluate
// and EvaluateAds measure the whole analyzer on labelled ads. ReadText reads a file or stream
// to check, bounded, as UTF-8 or UTF-16 with a byte-order mark, and refuses one that is no text.
//
// Speed: a text is read a few bytes at a time only where it must be. The normaliser's hot loop
// folds plain words, and runs of Greek and Cyrillic letters, with a table look-up per character
// and passes ordinary words and numbers by without the word-level steps. The rules' patterns
// are compiled into one word trie for all languages, whose states stand, as in Aho-Corasick,
// for all the keys in progress, read a word at a time, each state with a small table of its own
// edges that stays in cache when the state is a common one; a hit shares its pattern's
// description (HitRule) rather than copying it; the entity extractors go straight to the
// words, digits and tokens a survey of the text has marked, and step through the "@", "." and
// brackets marked in one pass, in working memory they take from a pool rather than allocate
// (fresh memory is dear: page faults, clearing, and the collections it brings on). The byte
// classes of 64 bytes at a time come from classify64, a kernel in assembly on amd64 (AVX2 where
// the processor has it, else SSE2) with a portable version elsewhere, which is also the
// kernels' test oracle. Faster versions of the matcher, the extractors and the normaliser are
// held to frozen copies of the earlier ones (*_ref*_test.go) by differential and fuzz tests.
// BenchmarkPipeline reports the pipeline's MB/s next to x/text NFKC's.
//
// Nothing here labels anyone a trafficker: a Result says which signs are present and why they
// count; single signs are weak evidence, and contested ones never raise the level alone.
package analysis
