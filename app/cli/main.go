package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/intercepted-eu/workstation/app"
	"golang.org/x/term"
)

// Env is what a command may touch of the outside world; tests give their own.
type Env struct {
	Stdin      io.Reader
	Stdout     io.Writer
	Stderr     io.Writer
	Getenv     func(string) string
	TerminalFd int // a terminal to ask passphrases on, or -1
}

// OSEnv is the process's own environment.
func OSEnv() *Env {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		fd = -1
	}
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, TerminalFd: fd}
}

// command is one subcommand: its one-line summary, its usage and what it runs.
type command struct {
	summary string
	usage   string
	run     func(ctx context.Context, e *Env, args []string) error
}

func commands() map[string]command {
	return map[string]command{
		"init":           {"create a new encrypted evidence store", "init [--officer NAME] [--region XX]", runInitCmd},
		"case":           {"create, list and show cases", "case new --name NAME [--reference REF] [--jurisdiction J] [--region XX] [--notes TEXT]\n       intercepted case list\n       intercepted case show ID", runCaseCmd},
		"log":            {"print the custody log", "log [--actor A] [--action ACT] [--subject ID] [--since T] [--until T] [--from SEQ] [--limit N]", runLogCmd},
		"verify":         {"check every record, blob and the custody chain", "verify [--full]", runVerifyCmd},
		"passwd":         {"change the store's passphrase", "passwd [--new-passphrase-file F]", runPasswdCmd},
		"version":        {"print the version", "version", runVersionCmd},
		"capture":        {"capture web pages as evidence into a case", "capture URL... --case ID [--headless] [--scroll] [--from FILE] [--rate 2s] [--budget 60s]", runCaptureCmd},
		"show":           {"print a capture's record, hashes and artifacts", "show CAPTURE", runShowCmd},
		"extract":        {"write a capture's artifacts out unchanged", "extract CAPTURE --out DIR", runExtractCmd},
		"check":          {"explain the trafficking indicators in a text or image (nothing is stored)", "check [TEXT|-|--file F|--image IMG|--lines F] [--region XX]", runCheckCmd},
		"eval":           {"measure the analyzer on a labelled EMSCAD-format CSV", "eval --format emscad FILE.csv [--split all|train|test] [--flags FILE]", runEvalCmd},
		"export":         {"write a signed evidence package (WACZ + report) of a case", "export --case ID [--captures ID,ID…] --out FILE.zip [--no-pdf]", runExportCmd},
		"verify-package": {"check an evidence package from anyone (no store needed)", "verify-package FILE.zip", runVerifyPackageCmd},
		"import":         {"verify a partner's package and take its captures into a case", "import FILE.zip --case ID [--accept-key SHA256:…]", runImportCmd},
		"timestamp":      {"get RFC 3161 trusted timestamps for the queued captures and packages", "timestamp [--tsa URL] [--list [SUBJECT]]", runTimestampCmd},
	}
}

// Main runs one command line and returns the process exit code.
func Main(ctx context.Context, args []string, e *Env) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		if len(args) > 1 {
			if c, ok := commands()[args[1]]; ok {
				fmt.Fprintf(e.Stdout, "usage: intercepted %s\n\n%s\n", c.usage, c.summary)
				return ExitOK
			}
		}
		printHelp(e.Stdout)
		return ExitOK
	}
	c, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(e.Stderr, "intercepted: unknown command %q; run `intercepted help`\n", args[0])
		return ExitUsage
	}
	err := c.run(ctx, e, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err != nil && !errors.Is(err, errVerifyFailed) {
		msg := strings.TrimPrefix(err.Error(), errUsage.Error()+": ")
		fmt.Fprintf(e.Stderr, "intercepted %s: %s\n", args[0], clean(msg))
	}
	return exitCode(err)
}

func printHelp(w io.Writer) {
	fmt.Fprintf(w, "INTERCEPTED Workstation %s — evidence capture and analysis against online THB recruitment\n\n", app.Version)
	fmt.Fprintln(w, "usage: intercepted                 start the workstation window")
	fmt.Fprintln(w, "       intercepted COMMAND [flags] run one command headless")
	fmt.Fprintln(w, "\nCommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-15s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "  help            this text; `intercepted help COMMAND` or `COMMAND --help` for one command")
	fmt.Fprintln(w, "\nEvery command takes:")
	fmt.Fprintln(w, "  --store DIR             the evidence store (default $INTERCEPTED_STORE, else", app.DefaultStoreDir()+")")
	fmt.Fprintln(w, "  --passphrase-file F     read the passphrase from F (default $INTERCEPTED_PASSPHRASE, else ask)")
	fmt.Fprintln(w, "  --json                  JSON Lines output, one object per line")
	fmt.Fprintln(w)
	fmt.Fprintln(w, exitCodesHelp)
}

// common are the flags every command takes.
type common struct {
	store    string
	passFile string
	json     bool
}

// newFlags builds a command's flag set with the common flags.
func newFlags(e *Env, name string, c *common) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.Stderr)
	fs.StringVar(&c.store, "store", "", "evidence store directory (default $INTERCEPTED_STORE or "+app.DefaultStoreDir()+")")
	fs.StringVar(&c.passFile, "passphrase-file", "", "file holding the passphrase (default $INTERCEPTED_PASSPHRASE, else ask)")
	fs.BoolVar(&c.json, "json", false, "print JSON Lines")
	cmd := commands()[strings.Fields(name)[0]]
	fs.Usage = func() {
		fmt.Fprintf(e.Stderr, "usage: intercepted %s\n\n%s\n\nFlags:\n", cmd.usage, cmd.summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags anywhere on the line and returns the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func (c common) out(e *Env) out { return out{w: e.Stdout, json: c.json} }

func (c common) storeConfig(e *Env, pass []byte) app.StoreConfig {
	dir := c.store
	if dir == "" {
		dir = e.Getenv(app.EnvStore)
	}
	if dir == "" {
		dir = app.DefaultStoreDir()
	}
	return app.StoreConfig{Dir: dir, Passphrase: pass}
}

// unlock opens the store for a command.
func (c common) unlock(ctx context.Context, e *Env) (*app.Workstation, error) {
	pass, err := e.readPass(passSource{file: c.passFile, envVar: app.EnvPassphrase, prompt: "Passphrase: "}, false)
	if err != nil {
		return nil, err
	}
	cfg := c.storeConfig(e, pass)
	w, err := app.Unlock(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Dir, err)
	}
	return w, nil
}

func runVersionCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	fs := newFlags(e, "version", &c)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	o := c.out(e)
	if o.json {
		return o.obj(map[string]string{"version": app.Version})
	}
	o.text("intercepted %s", app.Version)
	return nil
}
