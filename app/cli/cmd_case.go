package cli

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

func runCaseCmd(ctx context.Context, e *Env, args []string) error {
	if len(args) == 0 || args[0] == "--help" || args[0] == "-h" {
		fmt.Fprintf(e.Stderr, "usage: intercepted %s\n", commands()["case"].usage)
		if len(args) == 0 {
			return fmt.Errorf("%w: say new, list or show", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "new":
		return runCaseNew(ctx, e, args[1:])
	case "list":
		return runCaseList(ctx, e, args[1:])
	case "show":
		return runCaseShow(ctx, e, args[1:])
	}
	return fmt.Errorf("%w: unknown case command %q: say new, list or show", errUsage, args[0])
}

func runCaseNew(ctx context.Context, e *Env, args []string) error {
	var c common
	var info store.CaseInfo
	fs := newFlags(e, "case new", &c)
	fs.StringVar(&info.Name, "name", "", "the case's name (required)")
	fs.StringVar(&info.Reference, "reference", "", "reference number, e.g. the prosecutor's file number")
	fs.StringVar(&info.Jurisdiction, "jurisdiction", "", "jurisdiction, e.g. IT or Procura di Roma")
	fs.StringVar(&info.Officer, "officer", "", "officer in charge (default: the workstation's officer)")
	fs.StringVar(&info.Region, "region", "", "default phone region for this case, e.g. GR (default: the workstation's)")
	fs.StringVar(&info.Notes, "notes", "", "free notes")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if info.Name == "" {
		return fmt.Errorf("%w: --name is required", errUsage)
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	cs, err := w.NewCase(ctx, info)
	if err != nil {
		return err
	}
	o := c.out(e)
	if o.json {
		return o.obj(cs)
	}
	o.text("Created case %s (%s)", cs.ID, cs.Name)
	return nil
}

func runCaseList(ctx context.Context, e *Env, args []string) error {
	var c common
	fs := newFlags(e, "case list", &c)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	cases, err := w.Store().Cases(ctx)
	if err != nil {
		return err
	}
	o := c.out(e)
	if !o.json && len(cases) == 0 {
		o.text("No cases yet. Create one with: intercepted case new --name NAME")
	}
	for _, cs := range cases {
		if o.json {
			if err := o.obj(cs); err != nil {
				return err
			}
			continue
		}
		o.text("%s  %-30s %-16s %s", cs.ID, cs.Name, cs.Reference, cs.Created.Format(time.DateOnly))
	}
	return nil
}

func runCaseShow(ctx context.Context, e *Env, args []string) error {
	var c common
	fs := newFlags(e, "case show", &c)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: give one case ID", errUsage)
	}
	w, err := c.unlock(ctx, e)
	if err != nil {
		return err
	}
	defer w.Close()
	cs, err := w.Store().Case(pos[0])
	if err != nil {
		return err
	}
	o := c.out(e)
	if o.json {
		return o.obj(cs)
	}
	o.text("Case %s", cs.ID)
	for _, kv := range [][2]string{{"Name", cs.Name}, {"Reference", cs.Reference}, {"Jurisdiction", cs.Jurisdiction},
		{"Officer", cs.Officer}, {"Phone region", cs.Region}, {"Notes", cs.Notes}} {
		if kv[1] != "" {
			o.text("  %-13s %s", kv[0]+":", kv[1])
		}
	}
	o.text("  %-13s %s", "Created:", cs.Created.Format(time.RFC3339))
	o.text("  %-13s %d (last change %s)", "Version:", cs.Version, cs.Updated.Format(time.RFC3339))
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortStrings(s []string, less func(a, b string) bool) {
	sort.SliceStable(s, func(i, j int) bool { return less(s[i], s[j]) })
}
