package cli

import (
	"encoding/json"
	"fmt"
	"io"
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

// text writes a line for people (in human mode).
func (o out) text(format string, args ...any) {
	if !o.json {
		fmt.Fprintf(o.w, format+"\n", args...)
	}
}
