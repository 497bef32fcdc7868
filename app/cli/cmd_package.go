package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/intercepted-eu/workstation/app"
)

// errPackageBad marks a package that verify-package found wrong.
var errPackageBad = errors.New("the package failed verification")

func runExportCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var caseID, captures, out string
	var noPDF bool
	fs := newFlags(e, "export", &c)
	fs.StringVar(&caseID, "case", "", "the case to export (required)")
	fs.StringVar(&captures, "captures", "", "only these captures, comma-separated (default: all of the case)")
	fs.StringVar(&out, "out", "", "the package file to write (required; never overwritten)")
	fs.BoolVar(&noPDF, "no-pdf", false, "leave report.pdf out (it is printed by the controlled browser)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if caseID == "" || out == "" {
		return fmt.Errorf("%w: give --case ID and --out FILE.zip", errUsage)
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	var ids []string
	for _, id := range strings.Split(captures, ",") {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	o := c.out(e)
	opts := app.ExportOptions{Case: caseID, Captures: ids, Out: out, NoPDF: noPDF}
	if e.TerminalFd >= 0 && !o.json {
		last := -1
		opts.Progress = func(done, total int64) {
			if pct := int(100 * done / max(total, 1)); pct/10 != last/10 {
				last = pct
				fmt.Fprintf(e.Stderr, "\rexporting … %3d%%", pct)
			}
		}
	}
	sum, err := w.Export(ctx, opts)
	if opts.Progress != nil {
		fmt.Fprintln(e.Stderr)
	}
	if err != nil {
		return err
	}
	if o.json {
		return o.obj(sum)
	}
	o.text("Wrote %s: %d captures, %d files, %d bytes.", sum.Path, sum.Captures, sum.Files, sum.Bytes)
	o.text("Package SHA-256 %s (logged in the custody log).", sum.SHA256)
	o.text("Signed by %s. Give the recipient this fingerprint by another channel; README.txt inside says how to check the package.", sum.Key)
	return nil
}

func runVerifyPackageCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	fs := newFlags(e, "verify-package", &c)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give one package file", errUsage)
	}
	rep, err := app.VerifyPackage(ctx, pos[0], app.PackageLimits{})
	if err != nil {
		return err
	}
	printPackageReport(c.out(e), pos[0], rep)
	if !rep.OK {
		return errPackageBad
	}
	return nil
}

func printPackageReport(o out, path string, rep *app.PackageReport) {
	if o.json {
		for _, p := range rep.Problems {
			o.obj(p)
		}
		o.obj(rep)
		return
	}
	o.text("Package %s: %d files, case %s, %d captures, %d custody entries.", path, rep.Files, rep.Case, len(rep.Captures), rep.LogEntries)
	o.text("Package file SHA-256 %s.", rep.SHA256)
	if rep.Key != "" {
		o.text("Signed by workstation %s (officer %s), key %s.", rep.Workstation, rep.Officer, rep.Key)
	}
	for _, p := range rep.Problems {
		o.text("  PROBLEM %s", p.String())
	}
	if rep.MoreProblems > 0 {
		o.text("  … and %d more problems, not listed.", rep.MoreProblems)
	}
	if rep.OK {
		o.text("VERIFIED: every file matches SHA256SUMS, both signatures are good, the WACZ manifest, the custody entries and every capture's artifacts check out.")
		o.text("Check that the key's fingerprint is the one the sender gave you by another channel.")
	} else {
		o.text("NOT VERIFIED: %d problems. Do not rely on this package.", len(rep.Problems)+rep.MoreProblems)
	}
}

func runImportCmd(ctx context.Context, e *Env, args []string) error {
	var c common
	var caseID, accept string
	fs := newFlags(e, "import", &c)
	fs.StringVar(&caseID, "case", "", "the case to take the captures into (required)")
	fs.StringVar(&accept, "accept-key", "", "accept the package's key with this fingerprint (SHA256:…), after comparing it with the partner's")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || caseID == "" {
		return fmt.Errorf("%w: give one package file and --case ID", errUsage)
	}
	if _, err := os.Stat(pos[0]); err != nil {
		return err
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	o := c.out(e)
	sum, err := w.ImportPackage(ctx, pos[0], app.ImportOptions{Case: caseID, AcceptKey: accept})
	if sum.Report != nil && (err != nil || o.json) {
		printPackageReport(o, pos[0], sum.Report)
	}
	if err != nil {
		return err
	}
	if o.json {
		return o.obj(sum)
	}
	if sum.NewKey {
		o.text("Accepted key %s of workstation %s (logged).", sum.Report.Key, sum.Report.Workstation)
	}
	o.text("Imported %d captures into case %s; each keeps its origin (%s, officer %s).", len(sum.Captures), caseID, sum.Report.Workstation, sum.Report.Officer)
	for _, id := range sum.Captures {
		o.text("  %s", id)
	}
	for _, a := range sum.Already {
		o.text("Capture %s of the package was in the case already, as %s: not taken twice.", a.Capture, a.As)
	}
	return nil
}
