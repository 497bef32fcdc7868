package cli

import (
	"bytes"
	"testing"
)

// What a terminal would obey is shown escaped; letters of any script are left alone.
func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"Agente Rossi — Ελένη, Олена": "Agente Rossi — Ελένη, Олена",
		"a\x1b[2Kb":          `a\x1b[2Kb`,
		"line\nbreak\ttab\r": `line\nbreak\ttab\r`,
		"\u202eevil\u2066":   `\u202eevil\u2066`,
		"c1\u009b31m":        `c1\u009b31m`,
		"bad\xff\xfeutf8":    `bad\xff\xfeutf8`,
		"del\x7f":            `del\x7f`,
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := cleanText("one\ntwo\tthree\x1b", true); got != "one\ntwo\tthree\\x1b" {
		t.Errorf("a block: %q", got)
	}
	var b bytes.Buffer
	out{w: &b}.text("%s|%v|%s", "t\x1bitle", errString("e\x1br"), block("x\ny\x07"))
	if got := b.String(); got != "t\\x1bitle|e\\x1br|x\ny\\a\n" {
		t.Errorf("text wrote %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
