package analysis

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/intercepted-eu/workstation/assets"
)

// TaxonomyFile is the rule-pack file that holds the indicators; every other *.json beside it is
// a language pack named after its language ("it.json").
const TaxonomyFile = "indicators.json"

// Indicator is one entry of the taxonomy with its patterns per language.
type Indicator struct {
	ID       string
	Category string
	Strength string // Strong, Medium, Weak or Contested
	Source   string
	Explain  string
	Patterns map[string][]string // language → patterns as written in its pack
}

// RuleSet is a loaded and validated set of packs, ready to match. It is never modified after
// LoadRules, so one RuleSet serves any number of goroutines.
type RuleSet struct {
	// Version names every pack with its version ("indicators@2026.11.28 en@2026.11.28 …"), so
	// that a result can be reproduced later with the same rules.
	Version    string
	Categories map[string]string // id → display name
	Indicators map[string]*Indicator
	Langs      []string // languages with a pack, sorted

	catOrder []string // category ids in taxonomy order, for stable explanations
	indOrder []string // indicator ids in taxonomy order
	m        *matcher
	// twins maps the rule of a pattern that several packs give one indicator ("24/7") to
	// those packs' rules by language, so that a hit can be named after the text's language.
	twins map[*HitRule]map[string]*HitRule
}

// RuleError is one problem in a rule pack. LoadRules returns all of them joined, so that an
// author can fix a pack in one go.
type RuleError struct {
	File      string
	Line, Col int    // set for JSON errors
	Indicator string // empty when the problem is not about one indicator
	Problem   string
	Err       error // the underlying error, if any
}

func (e *RuleError) Error() string {
	var b strings.Builder
	b.WriteString("rule pack " + e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	if e.Indicator != "" {
		b.WriteString(": indicator " + e.Indicator)
	}
	b.WriteString(": " + e.Problem)
	return b.String()
}

func (e *RuleError) Unwrap() error { return e.Err }

// DefaultRules loads the packs embedded in the binary. An error here means a broken pack was
// shipped, which TestDefaultRules guards against.
func DefaultRules() (*RuleSet, error) { return LoadRules(assets.Rules()) }

// LoadRules reads indicators.json and every <lang>.json at the root of fsys, validates them and
// compiles one matcher over all patterns of all languages. Every problem found is returned,
// joined, as a *RuleError naming the file, the indicator and what is wrong.
//
// An indicator with no pattern in any language is an error only once at least one language
// pack exists: the taxonomy alone is a valid (if silent) rule set, which lets the taxonomy be
// shipped before its packs.
func LoadRules(fsys fs.FS) (*RuleSet, error) {
	rs, errs := loadTaxonomy(fsys)
	if rs == nil {
		return nil, errors.Join(errs...)
	}
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, fmt.Errorf("rule packs: %w", err)
	}
	var specs []patternSpec
	var versions []string
	for _, f := range files {
		if f == TaxonomyFile {
			continue
		}
		lang, version, s, perrs := rs.loadPack(fsys, f)
		errs = append(errs, perrs...)
		specs = append(specs, s...)
		if lang != "" {
			rs.Langs = append(rs.Langs, lang)
			versions = append(versions, lang+"@"+version)
		}
	}
	if len(rs.Langs) > 0 {
		errs = append(errs, rs.checkCoverage()...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	rs.Version = strings.Join(append([]string{rs.Version}, versions...), " ")
	m, err := compile(specs)
	if err != nil {
		return nil, fmt.Errorf("compiling the rule packs: %w", err)
	}
	rs.m = m
	rs.findTwins()
	return rs, nil
}

// findTwins sets rs.twins: the patterns of one indicator that read the same once normalised,
// in more than one pack.
func (rs *RuleSet) findTwins() {
	same := map[string]map[string]*HitRule{} // indicator and pattern → language → rule
	for _, s := range rs.m.specs {
		k := s.ind.ID + "\x00" + partsKey(s.parts)
		if same[k] == nil {
			same[k] = map[string]*HitRule{}
		}
		same[k][s.lang] = s.rule
	}
	rs.twins = map[*HitRule]map[string]*HitRule{}
	for _, byLang := range same {
		if len(byLang) > 1 {
			for _, r := range byLang {
				rs.twins[r] = byLang
			}
		}
	}
}

// inLanguage names each hit after the pack of lang where another pack has the same pattern for
// the same indicator: matched once for all packs, "24/7" in an Italian ad is the Italian pack's.
func (rs *RuleSet) inLanguage(hits []Hit, lang string) {
	for i, h := range hits {
		if r := rs.twins[h.HitRule][lang]; r != nil {
			hits[i].HitRule = r
		}
	}
}

type taxonomyJSON struct {
	Version    string            `json:"version"`
	Categories map[string]string `json:"categories"`
	Indicators []struct {
		ID       string `json:"id"`
		Category string `json:"category"`
		Strength string `json:"strength"`
		Source   string `json:"source"`
		Explain  string `json:"explain"`
	} `json:"indicators"`
}

var idRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// loadTaxonomy reads indicators.json. It returns a nil RuleSet only when the file cannot be read
// at all; otherwise the problems found come back beside a RuleSet good enough to check the
// language packs against, so that one run reports the problems of every file.
func loadTaxonomy(fsys fs.FS) (*RuleSet, []error) {
	var t taxonomyJSON
	if err := readJSON(fsys, TaxonomyFile, &t); err != nil {
		return nil, []error{err}
	}
	bad := func(id, format string, a ...any) error {
		return &RuleError{File: TaxonomyFile, Indicator: id, Problem: fmt.Sprintf(format, a...)}
	}
	var errs []error
	if strings.TrimSpace(t.Version) == "" {
		errs = append(errs, bad("", "no version"))
	}
	if len(t.Categories) == 0 {
		errs = append(errs, bad("", "no categories"))
	}
	for id, name := range t.Categories {
		if strings.TrimSpace(name) == "" {
			errs = append(errs, bad("", "category %s has no name", id))
		}
	}
	rs := &RuleSet{Version: "indicators@" + t.Version, Categories: t.Categories, Indicators: map[string]*Indicator{}}
	for i, in := range t.Indicators {
		ind := &Indicator{ID: in.ID, Category: in.Category, Strength: in.Strength, Source: in.Source,
			Explain: in.Explain, Patterns: map[string][]string{}}
		if problems := rs.checkIndicator(ind); len(problems) > 0 {
			name := in.ID
			if name == "" {
				name = fmt.Sprintf("#%d", i+1)
			}
			for _, p := range problems {
				errs = append(errs, bad(name, "%s", p))
			}
		}
		if _, dup := rs.Indicators[in.ID]; dup || !idRE.MatchString(in.ID) {
			continue // already reported; keep the first definition
		}
		rs.Indicators[in.ID] = ind
		rs.indOrder = append(rs.indOrder, in.ID)
		if !slices.Contains(rs.catOrder, in.Category) {
			rs.catOrder = append(rs.catOrder, in.Category)
		}
	}
	return rs, errs
}

// checkIndicator lists what is wrong with one taxonomy entry.
func (rs *RuleSet) checkIndicator(ind *Indicator) []string {
	var p []string
	switch {
	case ind.ID == "":
		p = append(p, "no id")
	case !idRE.MatchString(ind.ID):
		p = append(p, fmt.Sprintf("id %q must be lower-case letters, digits and '_'", ind.ID))
	case rs.Indicators[ind.ID] != nil:
		p = append(p, "duplicate id")
	}
	if _, ok := rs.Categories[ind.Category]; !ok {
		p = append(p, fmt.Sprintf("unknown category %q (not in \"categories\")", ind.Category))
	}
	switch ind.Strength {
	case Strong, Medium, Weak, Contested:
	default:
		p = append(p, fmt.Sprintf("bad strength %q (want S, M, W or C)", ind.Strength))
	}
	if strings.TrimSpace(ind.Source) == "" {
		p = append(p, "empty source")
	}
	if strings.TrimSpace(ind.Explain) == "" {
		p = append(p, "empty explain")
	}
	return p
}

type packJSON struct {
	Language string              `json:"language"`
	Name     string              `json:"name"`
	Version  string              `json:"version"`
	Patterns map[string][]string `json:"patterns"`
}

// loadPack reads one language pack and validates it against the taxonomy. Once the JSON decodes
// it returns the language (the file name's stem), so that coverage is checked even while the
// pack has other problems, and the parsed patterns of its sound entries.
func (rs *RuleSet) loadPack(fsys fs.FS, file string) (lang, version string, specs []patternSpec, errs []error) {
	var p packJSON
	data, err := fs.ReadFile(fsys, file)
	if err == nil {
		err = decodeJSON(file, data, &p)
	}
	if err != nil {
		return "", "", nil, []error{err}
	}
	bad := func(id, format string, a ...any) {
		errs = append(errs, &RuleError{File: file, Indicator: id, Problem: fmt.Sprintf(format, a...)})
	}
	stem := strings.TrimSuffix(path.Base(file), ".json")
	if p.Language != stem {
		bad("", "language %q does not match the file name (want %q)", p.Language, stem)
	}
	if strings.TrimSpace(p.Version) == "" {
		bad("", "no version")
	}
	keys, dups := objectKeys(data, "patterns")
	for _, id := range dups {
		bad(id, "listed twice in \"patterns\" (the first list would be silently lost)")
	}
	if len(p.Patterns) == 0 {
		bad("", "a language pack with no patterns")
	}
	for _, id := range keys {
		ind := rs.Indicators[id]
		if ind == nil {
			bad(id, "unknown indicator id (not in %s)", TaxonomyFile)
			continue
		}
		s, perrs := parsePatterns(file, stem, ind, p.Patterns[id])
		specs = append(specs, s...)
		errs = append(errs, perrs...)
		if len(s) > 0 {
			ind.Patterns[stem] = p.Patterns[id] // an empty list does not cover the indicator
		}
	}
	return stem, p.Version, specs, errs
}

// parsePatterns checks the patterns of one indicator in one pack: each must parse, and no two
// may normalise to the same thing (a duplicate is usually a typo for another phrase).
func parsePatterns(file, lang string, ind *Indicator, raw []string) ([]patternSpec, []error) {
	var specs []patternSpec
	var errs []error
	seen := map[string]int{}
	for i, r := range raw {
		parts, err := parsePattern(r)
		if err != nil {
			errs = append(errs, &RuleError{File: file, Indicator: ind.ID,
				Problem: fmt.Sprintf("pattern %d %q: %v", i+1, r, err)})
			continue
		}
		key := partsKey(parts)
		if j, dup := seen[key]; dup {
			errs = append(errs, &RuleError{File: file, Indicator: ind.ID,
				Problem: fmt.Sprintf("pattern %d %q: duplicate of pattern %d %q once normalised", i+1, r, j+1, raw[j])})
			continue
		}
		seen[key] = i
		specs = append(specs, patternSpec{ind: ind, lang: lang, raw: r, parts: parts, rule: &HitRule{
			Indicator: ind.ID, Category: ind.Category, Strength: ind.Strength, Lang: lang, Pattern: r,
			Explanation: ind.Explain, Source: ind.Source}})
	}
	return specs, errs
}

// checkCoverage reports indicators that no language can find: a taxonomy entry that can never
// fire is almost always a pack that forgot it.
func (rs *RuleSet) checkCoverage() []error {
	var errs []error
	for _, id := range rs.indOrder {
		if len(rs.Indicators[id].Patterns) == 0 {
			errs = append(errs, &RuleError{File: TaxonomyFile, Indicator: id,
				Problem: fmt.Sprintf("no pattern in any language pack (%s)", strings.Join(rs.Langs, ", "))})
		}
	}
	return errs
}

func readJSON(fsys fs.FS, file string, v any) error {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return &RuleError{File: file, Problem: "cannot read: " + err.Error(), Err: err}
	}
	return decodeJSON(file, data, v)
}

// decodeJSON decodes data and turns a JSON error into a RuleError with a line and column, which
// is what an author needs to find a missing comma in a file of a thousand lines.
func decodeJSON(file string, data []byte, v any) error {
	err := json.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	re := &RuleError{File: file, Problem: "bad JSON: " + err.Error(), Err: err}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		re.Line, re.Col = lineCol(data, se.Offset)
	case errors.As(err, &te):
		re.Line, re.Col = lineCol(data, te.Offset)
	}
	return re
}

// lineCol turns the offset of a JSON error, which counts the offending byte as read, into the
// 1-based line and column of that byte.
func lineCol(data []byte, off int64) (line, col int) {
	p := int(min(max(off-1, 0), int64(len(data))))
	before := data[:p]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = p - bytes.LastIndexByte(before, '\n')
	return line, col
}

// objectKeys returns, in file order, the keys of the object under the top-level field, and the
// keys that occur more than once: encoding/json keeps only the last of duplicate keys, which
// would silently drop an author's patterns. data must already have decoded without error.
func objectKeys(data []byte, field string) (keys, dups []string) {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil || top[field] == nil {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(top[field]))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, nil
	}
	for dec.More() {
		t, err := dec.Token()
		var skip json.RawMessage
		if err != nil || dec.Decode(&skip) != nil {
			break
		}
		k, _ := t.(string)
		if slices.Contains(keys, k) {
			dups = append(dups, k)
			continue
		}
		keys = append(keys, k)
	}
	return keys, dups
}
