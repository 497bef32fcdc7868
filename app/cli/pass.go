package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// passSource says where a passphrase comes from, in order: a file, an environment variable,
// the terminal.
type passSource struct {
	file   string
	envVar string
	prompt string
}

func (e *Env) readPass(src passSource, confirm bool) ([]byte, error) {
	if src.file != "" {
		b, err := readPassFile(src.file)
		if err != nil {
			return nil, err
		}
		b = bytes.TrimSuffix(bytes.TrimSuffix(b, []byte("\n")), []byte("\r"))
		if len(b) == 0 {
			return nil, fmt.Errorf("passphrase file %s is empty", src.file)
		}
		return b, nil
	}
	if v := e.Getenv(src.envVar); v != "" {
		return []byte(v), nil
	}
	if e.TerminalFd < 0 {
		return nil, fmt.Errorf("%w: no passphrase: give --passphrase-file FILE or set $%s", errUsage, src.envVar)
	}
	p, err := e.prompt(src.prompt)
	if err != nil || !confirm {
		return p, err
	}
	again, err := e.prompt("Repeat it: ")
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(p, again) {
		return nil, errors.New("the two passphrases differ; nothing was changed")
	}
	return p, nil
}

func (e *Env) prompt(label string) ([]byte, error) {
	fmt.Fprint(e.Stderr, label)
	p, err := term.ReadPassword(e.TerminalFd)
	fmt.Fprintln(e.Stderr)
	if err != nil {
		return nil, fmt.Errorf("read passphrase: %w", err)
	}
	if len(p) == 0 {
		return nil, errors.New("empty passphrase")
	}
	return p, nil
}

// maxPassFile bounds a passphrase file: a passphrase is a line, and a wrong path (a device, a
// disk image) must not be read to its end.
const maxPassFile = 64 << 10

func readPassFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read passphrase file: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxPassFile+1))
	if err != nil {
		return nil, fmt.Errorf("read passphrase file: %w", err)
	}
	if len(b) > maxPassFile {
		return nil, fmt.Errorf("%w: passphrase file %s is longer than %d KiB: is it the right file?", errUsage, path, maxPassFile>>10)
	}
	return b, nil
}
