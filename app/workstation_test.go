package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

var ctx = context.Background()

func testConfig(t *testing.T) StoreConfig {
	return StoreConfig{Dir: t.TempDir(), Passphrase: []byte("test passphrase"), KDF: store.TestKDF}
}

func TestSettingsSurviveUnlock(t *testing.T) {
	cfg := testConfig(t)
	w, err := Create(ctx, cfg, Settings{Officer: "Insp. Demo", Region: "gr"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := w.NewCase(ctx, store.CaseInfo{Name: "x"})
	if err != nil || c.Officer != "Insp. Demo" || c.Region != "GR" {
		t.Fatalf("case takes the settings' officer and region: %+v %v", c, err)
	}
	s := w.Settings()
	s.IdleLock = Duration(5 * time.Minute)
	s.OCRLangs = []string{"eng", "ell"}
	if err := w.SaveSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := w.SaveSettings(ctx, Settings{Officer: "x", Region: "Greece"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad region accepted: %v", err)
	}
	w.Close()
	w, err = Unlock(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	got := w.Settings()
	if got.Officer != "Insp. Demo" || got.Region != "GR" || got.IdleLock != Duration(5*time.Minute) || len(got.OCRLangs) != 2 {
		t.Errorf("settings after unlock = %+v", got)
	}
	if _, err := w.Verify(ctx, store.VerifyQuick, &store.TestReporter{}); err != nil {
		t.Fatal(err)
	}
	if e, ok := w.LastVerify(ctx); !ok || e.Actor != "Insp. Demo" || e.Details["ok"] != "true" {
		t.Errorf("last verify = %+v, %v", e, ok)
	}
}

func TestCreateRejectsBadRegion(t *testing.T) {
	cfg := testConfig(t)
	if _, err := Create(ctx, cfg, Settings{Region: "ITA"}); !errors.Is(err, store.ErrInvalid) {
		t.Fatalf("got %v", err)
	}
	if store.Exists(cfg.Dir) {
		t.Error("a store was created despite the bad settings")
	}
}
