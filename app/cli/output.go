package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// out writes for people, or JSON Lines with --json.
type out struct {
	w    io.Writer
	json bool
}

// obj writes v as one JSON line (in JSON mode).
func (o out) obj(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(o.w, "%s\n", b)
	return err
}

// text writes a line for people (in human mode). Its string arguments are shown as they are
// but for what a terminal would obey rather than print (clean): a page title, a partner's
// officer name or a file name in a package cannot move the cursor, hide lines or rewrite what
// was printed. A block keeps its line breaks. Only arguments that are strings, errors or
// Stringers are cleaned: a struct is formatted to a string first, and %q (which escapes on its
// own) is not used with text.
func (o out) text(format string, args ...any) {
	if o.json {
		return
	}
	for i, a := range args {
		switch a := a.(type) {
		case block:
			args[i] = cleanText(string(a), true)
		case string:
			args[i] = clean(a)
		case error:
			args[i] = clean(a.Error())
		case fmt.Stringer:
			args[i] = clean(a.String())
		}
	}
	fmt.Fprintf(o.w, format+"\n", args...)
}

// block is text of several lines for out.text.
type block string

// clean writes s for a terminal: control characters (line breaks too), the Unicode controls
// of direction, and bytes that are not UTF-8 are written as Go escapes ("\x1b", "\n",
// "\u202e", "\xff"); everything else as it is.
func clean(s string) string { return cleanText(s, false) }

func cleanText(s string, lines bool) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unsafeRune(r, n, lines) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unsafeRune(r, n, lines):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func unsafeRune(r rune, n int, lines bool) bool {
	switch {
	case r == utf8.RuneError && n == 1:
		return true
	case lines && (r == '\n' || r == '\t'):
		return false
	case r < 0x20, 0x7F <= r && r < 0xA0: // C0, DEL, C1
		return true
	case r == 0x200E, r == 0x200F, r == 0x061C, 0x202A <= r && r <= 0x202E, 0x2066 <= r && r <= 0x2069: // direction
		return true
	}
	return false
}
