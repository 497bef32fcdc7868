package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
