package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

func TestCheckExplainsAnAd(t *testing.T) {
	te := newTestEnv(t)
	ad := "Cercasi ragazze per lavoro come hostess all'estero, guadagni fino a 4000 euro al mese. " +
		"Il passaporto lo teniamo noi per sicurezza. Il biglietto verrà scalato dallo stipendio. Chiama 333 000 0000"
	code, out, errs := te.runRaw("check", ad, "--region", "IT", "--json")
	if code != 0 {
		t.Fatalf("check: exit %d %s", code, errs)
	}
	res := jsonLines(t, out)[0]
	if res["level"] != "medium" && res["level"] != "high" {
		t.Errorf("level %v", res["level"])
	}
	hits, _ := res["hits"].([]any)
	found := map[string]bool{}
	for _, h := range hits {
		found[h.(map[string]any)["indicator"].(string)] = true
	}
	if !found["documents_surrender"] || !found["travel_debt_repayment"] {
		t.Errorf("hits %v", found)
	}
	phone := false
	for _, e := range res["entities"].([]any) {
		m := e.(map[string]any)
		if m["type"] == "phone" && m["value"] == "+393330000000" {
			phone = true
		}
	}
	if !phone {
		t.Errorf("the Italian number is not given in E.164: %v", res["entities"])
	}
	code, human, _ := te.runRaw("check", ad, "--region", "IT")
	if code != 0 || !strings.Contains(human, "documents_surrender") || !strings.Contains(human, "source:") || !strings.Contains(human, "[[") {
		t.Errorf("human report: %s", human)
	}
}

func TestCheckLinesBulk(t *testing.T) {
	te := newTestEnv(t)
	f := filepath.Join(t.TempDir(), "ads.txt")
	os.WriteFile(f, []byte("Warehouse job, permanent contract, 40 hours.\nHand over your passport on arrival, salary deducted for the flight, write on telegram @jobs_abroad_1\n\xff\xfe broken bytes\n"), 0o600)
	code, out, errs := te.runRaw("check", "--lines", f, "--json", "--region", "GB")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	lines := jsonLines(t, out)
	if len(lines) != 3 {
		t.Fatalf("%d objects for 3 lines", len(lines))
	}
	for _, l := range lines {
		for _, k := range []string{"level", "score", "hits", "entities"} {
			if _, ok := l[k]; !ok {
				t.Errorf("line %v lacks %s", l["line"], k)
			}
		}
	}
	if lines[1]["level"] == "none" {
		t.Errorf("second line: %v", lines[1]["level"])
	}
}

func TestEvalOnEMSCADFormat(t *testing.T) {
	te := newTestEnv(t)
	csv := filepath.Join(t.TempDir(), "tiny.csv")
	os.WriteFile(csv, []byte("job_id,title,company_profile,description,requirements,benefits,fraudulent\n"+
		"X1,Data Entry Clerk,,Work from home and earn $500 per day! No experience needed. Send your bank account details and social security number.,,,1\n"+
		"X2,Mechanical Engineer,\"We build turbines in Ohio since 1952.\",Design and test turbine blades with our engineering team. Full benefits.,BSc in engineering,Health insurance,0\n"), 0o600)
	code, out, errs := te.runRaw("eval", "--format", "emscad", csv, "--json")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	rep := jsonLines(t, out)[0]
	for _, k := range []string{"n", "tpr", "fpr", "auc"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("eval --json lacks %s: %v", k, rep)
		}
	}
	if rep["n"].(float64) != 2 {
		t.Errorf("n = %v", rep["n"])
	}
	if code, _, _ := te.runRaw("eval", "--format", "other", csv); code != ExitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
	if code, _, errs := te.runRaw("eval", "--format", "emscad", "/dev/zero"); code != ExitError || !strings.Contains(errs, "/dev/zero: read the header row: not text") {
		t.Errorf("a device as the CSV: exit %d, %q", code, errs)
	}
}

func TestEvalDevSetHeldOut(t *testing.T) {
	const dev = "../../../shared/data/emscad/emscad-dev.csv"
	if _, err := os.Stat(dev); os.IsNotExist(err) {
		t.Skip("../shared is absent (a clone outside the workplace)")
	}
	te := newTestEnv(t)
	code, out, errs := te.runRaw("eval", "--format", "emscad", dev, "--split", "test", "--json")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	rep := jsonLines(t, out)[0]
	t.Logf("held-out part of the dev set: n %v tpr %v fpr %v auc %v", rep["n"], rep["tpr"], rep["fpr"], rep["auc"])
	if rep["tpr"].(float64) < 0.6 || rep["fpr"].(float64) > 0.1 {
		t.Errorf("below the target TPR ≥ 0.6 at FPR ≤ 0.1: %v / %v", rep["tpr"], rep["fpr"])
	}
	const flags = "../../../shared/data/emscad/redflags-50-manual.csv"
	code, out, _ = te.runRaw("eval", "--format", "emscad", flags, "--flags", flags, "--json")
	if code != 0 {
		t.Fatalf("eval --flags: exit %d", code)
	}
	if fl, _ := jsonLines(t, out)[0]["flags"].([]any); len(fl) != 8 {
		t.Errorf("flag agreement for %d red flags, want 8", len(fl))
	}
}

// A file that is no text, a device, an image past the size limit and a file without lines get
// a clear error, having been read only so far; a Windows "Unicode" (UTF-16) text is read as
// text, from a file, standard input or a file of lines.
func TestCheckInputBounds(t *testing.T) {
	te := newTestEnv(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "ad.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.7\n1 0 obj\x00<< >>"), 0o600)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--file", pdf}, "ad.pdf: not text: a NUL byte at offset 16"},
		{[]string{"check", "--file", "/dev/zero"}, "/dev/zero: not text"},
		{[]string{"check", "--image", "/dev/zero"}, "too large"},
		{[]string{"check", "--lines", "/dev/zero"}, "line 1 is longer than 4 MiB"},
	} {
		if code, _, errs := te.runRaw(c.args...); code != ExitError || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, errs, ExitError, c.want)
		}
	}

	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte(" \n\t\n"), 0o600)
	for _, args := range [][]string{{"check", "--file", empty}, {"check", ""}} {
		if code, _, errs := te.runRaw(args...); code != ExitUsage || !strings.Contains(errs, "the text is empty") {
			t.Errorf("%v: exit %d, %q", args, code, errs)
		}
	}

	const ad = "Cercasi ragazze per lavoro all'estero. Il passaporto lo teniamo noi per sicurezza."
	enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	u16, err := enc.String(ad)
	if err != nil {
		t.Fatal(err)
	}
	u16File := filepath.Join(dir, "ad-utf16.txt")
	os.WriteFile(u16File, []byte(u16), 0o600)
	hasSurrender := func(res map[string]any) bool {
		hits, _ := res["hits"].([]any)
		for _, h := range hits {
			if h.(map[string]any)["indicator"] == "documents_surrender" {
				return true
			}
		}
		return false
	}
	code, out, errs := te.runRaw("check", "--file", u16File, "--json")
	if code != 0 || !hasSurrender(jsonLines(t, out)[0]) {
		t.Errorf("UTF-16 file: exit %d %s %s", code, errs, out)
	}
	var stdout, stderr bytes.Buffer
	e := &Env{Stdin: strings.NewReader(u16), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(string) string { return "" }, TerminalFd: -1}
	if code := Main(context.Background(), []string{"check", "-", "--json"}, e); code != 0 || !hasSurrender(jsonLines(t, stdout.String())[0]) {
		t.Errorf("UTF-16 on standard input: exit %d %s %s", code, stderr.String(), stdout.String())
	}
	twoLines, _ := enc.String("Warehouse job, permanent contract.\n" + ad + "\n")
	linesFile := filepath.Join(dir, "ads-utf16.txt")
	os.WriteFile(linesFile, []byte(twoLines), 0o600)
	code, out, errs = te.runRaw("check", "--lines", linesFile, "--json")
	if lines := jsonLines(t, out); code != 0 || len(lines) != 2 || hasSurrender(lines[0]) || !hasSurrender(lines[1]) {
		t.Errorf("UTF-16 lines: exit %d %s %s", code, errs, out)
	}
}
