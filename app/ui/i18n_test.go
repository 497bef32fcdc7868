package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"github.com/intercepted-eu/workstation/assets"
)

// The translations of the UI are checked against the code: every string the code passes to
// lang.L must be translated into every language of assets.UILanguages, and no string may reach
// a widget without going through lang.L.

// translatedLanguages are the languages that must translate every string; English is the
// language of the keys themselves.
var translatedLanguages = []string{"it", "el", "es", "de"}

// fmtVerb matches a fmt verb; a translation must keep the key's verbs, in the same order.
var fmtVerb = regexp.MustCompile(`%[-+# 0]*[0-9.]*[a-zA-Z%]`)

// majorVersion matches the last element of a module path of major version 2 or more.
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// goI18nReserved are the keys go-i18n reads as parts of one message, not as message IDs: a file
// whose top level mixes one of them with other keys does not load at all.
var goI18nReserved = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

// uiFile is one parsed non-test source file of the package.
type uiFile struct {
	name    string
	f       *ast.File
	imports map[string]string // local name → import path
}

func parseUIFiles(t *testing.T) (*token.FileSet, []uiFile) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []uiFile
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		uf := uiFile{name: name, f: f, imports: map[string]string{}}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			parts := strings.Split(p, "/")
			local := parts[len(parts)-1]
			if len(parts) > 1 && majorVersion.MatchString(local) {
				local = parts[len(parts)-2] // fyne.io/fyne/v2 is package fyne
			}
			if im.Name != nil {
				local = im.Name.Name
			}
			uf.imports[local] = p
		}
		files = append(files, uf)
	}
	if len(files) == 0 {
		t.Fatal("no source files found in the package directory")
	}
	return fset, files
}

// pkgFunc returns "import/path.Name" for a call of a package-level function, else "".
func (uf uiFile) pkgFunc(call *ast.CallExpr) string {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	p, ok := uf.imports[id.Name]
	if !ok {
		return ""
	}
	return p + "." + sel.Sel.Name
}

const langPkg = "fyne.io/fyne/v2/lang"

// uiKeys returns the strings the package translates with lang.L, failing on calls this test
// cannot check.
func uiKeys(t *testing.T) []string {
	t.Helper()
	fset, files := parseUIFiles(t)
	seen := map[string]bool{}
	var keys []string
	for _, uf := range files {
		ast.Inspect(uf.f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			switch uf.pkgFunc(call) {
			case langPkg + ".L", langPkg + ".Localize":
			case langPkg + ".N", langPkg + ".X", langPkg + ".XN", langPkg + ".LocalizePlural",
				langPkg + ".LocalizeKey", langPkg + ".LocalizePluralKey":
				t.Errorf("%s: this test checks only lang.L; extend it before using %s", fset.Position(call.Pos()), uf.pkgFunc(call))
				return true
			default:
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: lang.L needs a string literal, or its translations cannot be checked", fset.Position(call.Pos()))
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			if !seen[s] {
				seen[s] = true
				keys = append(keys, s)
			}
			return true
		})
	}
	if len(keys) == 0 {
		t.Fatal("found no lang.L calls: is the test reading the right directory?")
	}
	slices.Sort(keys)
	return keys
}

// readTranslations reads one embedded translation file as message ID → text; a message given
// as an object (as Fyne's own file.name) counts with its "other" form.
func readTranslations(t *testing.T, code string) map[string]string {
	t.Helper()
	b, err := assets.Translations.ReadFile("translations/ui." + code + ".json")
	if err != nil {
		t.Fatalf("no translation file for %q: %v", code, err)
	}
	return flattenMessages(t, "ui."+code+".json", b)
}

func flattenMessages(t *testing.T, name string, b []byte) map[string]string {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := make(map[string]string, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			out[k] = v
		case map[string]any:
			other, ok := v["other"].(string)
			if !ok {
				t.Fatalf("%s: %q: a message object needs an \"other\" text", name, k)
			}
			out[k] = other
		default:
			t.Fatalf("%s: %q: unexpected value %v", name, k, v)
		}
	}
	return out
}

// fyneBaseKeys are the message IDs of Fyne's own widgets and dialogs, from the Fyne module in
// use. Fyne translates them into el, es and de itself but not into Italian.
func fyneBaseKeys(t *testing.T) map[string]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "fyne.io/fyne/v2").Output()
	if err != nil {
		msg := err.Error()
		if ee, ok := err.(*exec.ExitError); ok {
			msg += ": " + string(ee.Stderr)
		}
		t.Fatalf("finding the Fyne module with `go list -m fyne.io/fyne/v2` (needed to check the Italian translations of Fyne's own strings): %s", msg)
	}
	dir := strings.TrimSpace(string(out))
	if dir == "" {
		t.Fatal("`go list -m fyne.io/fyne/v2` gave no directory: is the module downloaded (go mod download)?")
	}
	p := filepath.Join(dir, "lang", "translations", "base.en.json")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("reading Fyne's own strings: %v", err)
	}
	return flattenMessages(t, p, b)
}

func TestEveryStringTranslated(t *testing.T) {
	keys := uiKeys(t)
	used := map[string]bool{}
	for _, k := range keys {
		used[k] = true
	}
	fyneKeys := fyneBaseKeys(t)
	for _, code := range assets.UILanguages {
		readTranslations(t, code) // each language offered in the settings has its file
	}

	check := func(file, key, text string) {
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s: %q has an empty translation", file, key)
			return
		}
		if want, got := fmtVerb.FindAllString(key, -1), fmtVerb.FindAllString(text, -1); !slices.Equal(want, got) {
			t.Errorf("%s: %q → %q: fmt verbs %q, want %q in this order", file, key, text, got, want)
		}
	}

	for _, code := range translatedLanguages {
		file := "ui." + code + ".json"
		tr := readTranslations(t, code)
		for _, k := range keys {
			text, ok := tr[k]
			if !ok {
				t.Errorf("%s: no translation of %q", file, k)
				continue
			}
			check(file, k, text)
		}
		if code == "it" {
			for k := range fyneKeys {
				text, ok := tr[k]
				if !ok {
					t.Errorf("%s: no translation of Fyne's own %q", file, k)
					continue
				}
				check(file, k, text)
			}
		}
		for k := range tr {
			if !used[k] && (code != "it" || fyneKeys[k] == "") {
				t.Errorf("%s: %q is used nowhere in the code (stale)", file, k)
			}
			if slices.Contains(goI18nReserved, strings.ToLower(k)) {
				t.Errorf("%s: %q is a reserved word of go-i18n, which would not load the file", file, k)
			}
		}
	}

	// English is the language of the keys: its file may only repeat used keys unchanged.
	for k, v := range readTranslations(t, "en") {
		if !used[k] {
			t.Errorf("ui.en.json: %q is used nowhere in the code (stale)", k)
		} else if v != k {
			t.Errorf("ui.en.json: %q → %q: the English text is the key itself; change the code instead", k, v)
		}
	}
}

// bareStringFuncs and bareStringMethods take texts that are shown to the officer, as do the
// bareStringFields of widgets; the methods are matched by name on any receiver.
var (
	bareStringFuncs = map[string]bool{
		"fyne.io/fyne/v2/widget.NewLabel":                true,
		"fyne.io/fyne/v2/widget.NewLabelWithStyle":       true,
		"fyne.io/fyne/v2/widget.NewButton":               true,
		"fyne.io/fyne/v2/widget.NewButtonWithIcon":       true,
		"fyne.io/fyne/v2/widget.NewCheck":                true,
		"fyne.io/fyne/v2/widget.NewCard":                 true,
		"fyne.io/fyne/v2/widget.NewFormItem":             true,
		"fyne.io/fyne/v2/widget.NewHyperlink":            true,
		"fyne.io/fyne/v2/widget.NewRichTextWithText":     true,
		"fyne.io/fyne/v2/widget.NewRichTextFromMarkdown": true,
		"fyne.io/fyne/v2/widget.NewAccordionItem":        true,
		"fyne.io/fyne/v2/container.NewTabItem":           true,
		"fyne.io/fyne/v2/container.NewTabItemWithIcon":   true,
		"fyne.io/fyne/v2/dialog.ShowInformation":         true,
		"fyne.io/fyne/v2/dialog.NewInformation":          true,
		"fyne.io/fyne/v2/dialog.ShowConfirm":             true,
		"fyne.io/fyne/v2/dialog.NewConfirm":              true,
		"fyne.io/fyne/v2/dialog.ShowCustom":              true,
		"fyne.io/fyne/v2/dialog.NewCustom":               true,
		"fyne.io/fyne/v2/dialog.ShowCustomConfirm":       true,
		"fyne.io/fyne/v2/dialog.NewCustomConfirm":        true,
		"fyne.io/fyne/v2.NewMenuItem":                    true,
		"fyne.io/fyne/v2.NewMenu":                        true,
	}
	bareStringMethods = map[string]bool{"SetText": true, "SetPlaceHolder": true, "SetTitle": true}
	bareStringFields  = map[string]bool{"Text": true, "PlaceHolder": true, "HintText": true}

	// createItemArgs are the widgets whose argument at this position makes the template row of
	// a virtualised list or table: its texts only size the rows and are replaced before being
	// shown, so they need no translation.
	createItemArgs = map[string]int{
		"fyne.io/fyne/v2/widget.NewList":             1,
		"fyne.io/fyne/v2/widget.NewListWithData":     1,
		"fyne.io/fyne/v2/widget.NewTable":            1,
		"fyne.io/fyne/v2/widget.NewTableWithHeaders": 1,
		"fyne.io/fyne/v2/widget.NewGridWrap":         1,
		"fyne.io/fyne/v2/widget.NewGridWrapWithData": 1,
	}

	// bareStringsAllowed are texts that are the same in every language. Keep it short.
	bareStringsAllowed = map[string]bool{
		"INTERCEPTED Workstation": true, // the product's name, in the title bar
		"IT":                      true, // placeholder of the settings' default region: a country code
	}
)

// TestNoBareStrings fails on a text that reaches a widget without going through lang.L.
func TestNoBareStrings(t *testing.T) {
	fset, files := parseUIFiles(t)

	// The template rows of lists and tables: function literals in place, or named functions
	// of the package.
	funcs := map[string]*ast.FuncDecl{}
	for _, uf := range files {
		for _, d := range uf.f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				funcs[fd.Name.Name] = fd
			}
		}
	}
	var skip []ast.Node
	for _, uf := range files {
		ast.Inspect(uf.f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			i, ok := createItemArgs[uf.pkgFunc(call)]
			if !ok || i >= len(call.Args) {
				return true
			}
			switch a := call.Args[i].(type) {
			case *ast.FuncLit:
				skip = append(skip, a)
			case *ast.Ident:
				if fd := funcs[a.Name]; fd != nil {
					skip = append(skip, fd)
				}
			}
			return true
		})
	}
	skipped := func(n ast.Node) bool {
		for _, s := range skip {
			if n.Pos() >= s.Pos() && n.End() <= s.End() {
				return true
			}
		}
		return false
	}

	entries := findEntryHolders(files)

	for _, uf := range files {
		report := func(e ast.Expr) {
			for _, lit := range bareLiterals(uf, e) {
				s, _ := strconv.Unquote(lit.Value)
				if !bareStringsAllowed[s] && !skipped(lit) {
					t.Errorf("%s: %q is shown without lang.L", fset.Position(lit.Pos()), s)
				}
			}
		}
		ast.Inspect(uf.f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				checked := bareStringFuncs[uf.pkgFunc(n)]
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && bareStringMethods[sel.Sel.Name] && uf.pkgFunc(n) == "" {
					// The text of an entry is what the officer types (the screenshot tour types
					// demo input), not a text of the UI; its placeholder is checked.
					checked = !(sel.Sel.Name == "SetText" && entries.holds(sel.X))
				}
				if checked {
					for _, a := range n.Args {
						report(a)
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && bareStringFields[sel.Sel.Name] &&
						!(sel.Sel.Name == "Text" && entries.holds(sel.X)) {
						report(n.Rhs[i])
					}
				}
			case *ast.CompositeLit:
				if !isWidgetType(uf, n.Type) {
					return true
				}
				for _, el := range n.Elts {
					if kv, ok := el.(*ast.KeyValueExpr); ok {
						if k, ok := kv.Key.(*ast.Ident); ok && bareStringFields[k.Name] {
							report(kv.Value)
						}
					}
				}
			}
			return true
		})
	}
}

func isWidgetType(uf uiFile, e ast.Expr) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return false
	}
	p := uf.imports[id.Name]
	return p == "fyne.io/fyne/v2/widget" || p == "fyne.io/fyne/v2/container" || p == "fyne.io/fyne/v2"
}

// bareLiterals returns the string literals with a letter (outside fmt verbs) that make up e
// directly: e itself, parts of a + concatenation, the format of fmt.Sprintf, the elements of a
// literal slice indexed in place. Texts from lang.L and from other calls are not looked into.
func bareLiterals(uf uiFile, e ast.Expr) []*ast.BasicLit {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return nil
		}
		s, err := strconv.Unquote(e.Value)
		if err != nil {
			return nil
		}
		if strings.IndexFunc(fmtVerb.ReplaceAllString(s, ""), unicode.IsLetter) >= 0 {
			return []*ast.BasicLit{e}
		}
	case *ast.ParenExpr:
		return bareLiterals(uf, e.X)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return append(bareLiterals(uf, e.X), bareLiterals(uf, e.Y)...)
		}
	case *ast.CallExpr:
		if uf.pkgFunc(e) == "fmt.Sprintf" && len(e.Args) > 0 {
			return bareLiterals(uf, e.Args[0])
		}
	case *ast.IndexExpr:
		if cl, ok := e.X.(*ast.CompositeLit); ok {
			var out []*ast.BasicLit
			for _, el := range cl.Elts {
				out = append(out, bareLiterals(uf, el)...)
			}
			return out
		}
	}
	return nil
}

// TestUIInItalian switches the UI language as the settings do, to each translated language
// (Italian first: Fyne has no Italian of its own) and back, and checks that the texts follow.
func TestUIInItalian(t *testing.T) {
	t.Cleanup(func() { useLanguage("en") })
	for _, code := range translatedLanguages {
		t.Run(code, func(t *testing.T) {
			tr := readTranslations(t, code)
			useLanguage(code)
			if got, want := lang.L("Cases"), tr["Cases"]; got != want || want == "Cases" {
				t.Fatalf("after useLanguage(%q), lang.L(\"Cases\") = %q, want %q", code, got, want)
			}
			for k, want := range tr {
				if got := lang.L(k); got != want {
					t.Errorf("lang.L(%q) = %q, want %q", k, got, want)
				}
			}
			if code == "it" {
				for _, c := range [][3]string{{"Cancel", "Cancel", "Annulla"}, {"Open", "Open", "Apri"}, {"file.name", "Name", "Nome"}} {
					if got := lang.X(c[0], c[1]); got != c[2] {
						t.Errorf("Fyne's own %q in Italian = %q, want %q", c[0], got, c[2])
					}
				}
			}
		})
	}
	useLanguage("en")
	if got := lang.L("Cases"); got != "Cases" {
		t.Errorf("after useLanguage(\"en\"), lang.L(\"Cases\") = %q", got)
	}
}

// entryHolders finds, without type-checking, the struct fields and the variables of the
// package that hold a *widget.Entry and nothing else (a name declared elsewhere as another
// widget does not count): fields by name, variables by name.
type entryHolders struct{ fields, vars map[string]bool }

func findEntryHolders(files []uiFile) entryHolders {
	fields, otherFields := map[string]bool{}, map[string]bool{}
	vars, otherVars := map[string]bool{}, map[string]bool{}
	isEntryType := func(uf uiFile, e ast.Expr) bool {
		st, ok := e.(*ast.StarExpr)
		if !ok {
			return false
		}
		sel, ok := st.X.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		id, ok := sel.X.(*ast.Ident)
		return ok && uf.imports[id.Name] == "fyne.io/fyne/v2/widget" && sel.Sel.Name == "Entry"
	}
	// widgetNew tells whether e makes an entry, another widget, or neither.
	widgetNew := func(uf uiFile, e ast.Expr) (isEntry, isOther bool) {
		call, ok := e.(*ast.CallExpr)
		if !ok {
			return false, false
		}
		switch f := uf.pkgFunc(call); f {
		case "fyne.io/fyne/v2/widget.NewEntry", "fyne.io/fyne/v2/widget.NewMultiLineEntry", "fyne.io/fyne/v2/widget.NewPasswordEntry":
			return true, false
		default:
			return false, strings.HasPrefix(f, "fyne.io/fyne/v2/widget.New")
		}
	}
	for _, uf := range files {
		ast.Inspect(uf.f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.StructType:
				for _, fl := range n.Fields.List {
					_, ptr := fl.Type.(*ast.StarExpr) // only a pointer to a widget has SetText
					for _, name := range fl.Names {
						if isEntryType(uf, fl.Type) {
							fields[name.Name] = true
						} else if ptr {
							otherFields[name.Name] = true
						}
					}
				}
			case *ast.FuncType:
				for _, list := range []*ast.FieldList{n.Params, n.Results} {
					if list == nil {
						continue
					}
					for _, fl := range list.List {
						for _, name := range fl.Names {
							if isEntryType(uf, fl.Type) {
								vars[name.Name] = true
							} else {
								otherVars[name.Name] = true
							}
						}
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					isEntry, isOther := widgetNew(uf, n.Rhs[i])
					target, targetOther := vars, otherVars
					if _, ok := l.(*ast.SelectorExpr); ok {
						target, targetOther = fields, otherFields
					}
					if isEntry {
						target[lastName(l)] = true
					} else if isOther {
						targetOther[lastName(l)] = true
					}
				}
			}
			return true
		})
	}
	for name := range otherFields {
		delete(fields, name)
	}
	for name := range otherVars {
		delete(vars, name)
	}
	return entryHolders{fields, vars}
}

// holds tells whether x (v or a.b.f) is known to be an entry.
func (h entryHolders) holds(x ast.Expr) bool {
	switch x := x.(type) {
	case *ast.Ident:
		return h.vars[x.Name]
	case *ast.SelectorExpr:
		return h.fields[x.Sel.Name]
	}
	return false
}

// lastName is the name at the end of x or a.b.x; "" for other expressions.
func lastName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}
