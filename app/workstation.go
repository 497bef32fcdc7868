package app

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/intercepted-eu/workstation/store"
)

// Version is the tool version recorded with every capture and export.
const Version = "0.1.0"

// EnvStore and EnvPassphrase name the environment variables for non-interactive use.
const (
	EnvStore         = "INTERCEPTED_STORE"
	EnvPassphrase    = "INTERCEPTED_PASSPHRASE"
	EnvNewPassphrase = "INTERCEPTED_NEW_PASSPHRASE"
)

// DefaultStoreDir is where the store lives unless a flag or $INTERCEPTED_STORE says otherwise:
// the user's data directory ($XDG_DATA_HOME or ~/.local/share on Linux, the config directory
// elsewhere), in intercepted/store.
func DefaultStoreDir() string {
	if d := os.Getenv(EnvStore); d != "" {
		return d
	}
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" && runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		if home, err := os.UserHomeDir(); err == nil {
			base = filepath.Join(home, ".local", "share")
		}
	}
	if base == "" {
		base, _ = os.UserConfigDir()
	}
	return filepath.Join(base, "intercepted", "store")
}

// Settings are the officer's preferences, kept as a versioned record inside the store.
type Settings struct {
	Officer     string   `json:"officer"`
	Region      string   `json:"region,omitempty"` // default phone region, e.g. IT
	ChromiumBin string   `json:"chromium_bin,omitempty"`
	OCRLangs    []string `json:"ocr_langs,omitempty"`
	IdleLock    Duration `json:"idle_lock,omitempty"`
	UILanguage  string   `json:"ui_language,omitempty"`
	TSAURL      string   `json:"tsa_url,omitempty"` // RFC 3161 timestamp authority
}

// Duration is a time.Duration that reads and writes as "15m".
type Duration time.Duration

// MarshalText writes the duration as Go writes it.
func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

// UnmarshalText reads "15m", "1h30m".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	*d = Duration(v)
	return err
}

func (s Settings) withDefaults() Settings {
	if strings.TrimSpace(s.Officer) == "" {
		s.Officer = defaultOfficer()
	}
	s.Region = strings.ToUpper(strings.TrimSpace(s.Region))
	if s.IdleLock == 0 {
		s.IdleLock = Duration(15 * time.Minute)
	}
	return s
}

func defaultOfficer() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "officer"
}

// Workstation is an unlocked store and the officer's settings.
type Workstation struct {
	st       *store.Store
	settings Settings

	// the browser sessions open on the store, which Close ends before it closes the store:
	// their analysis runs in the background and would otherwise read a closed store
	mu       sync.Mutex
	sessions map[*BrowserSession]bool
	closing  bool
}

// StoreConfig says where the store is and how to unlock it. KDF is for tests; zero means the
// store's default.
type StoreConfig struct {
	Dir        string
	Passphrase []byte
	KDF        store.KDFParams
}

func (c StoreConfig) options(actor string) store.Options {
	dir := c.Dir
	if dir == "" {
		dir = DefaultStoreDir()
	}
	return store.Options{Dir: dir, Passphrase: c.Passphrase, Actor: actor, KDF: c.KDF}
}

// Create makes a new store and records the officer's settings in it.
func Create(ctx context.Context, cfg StoreConfig, s Settings) (*Workstation, error) {
	s = s.withDefaults()
	if err := s.validate(); err != nil {
		return nil, err
	}
	st, err := store.Init(ctx, cfg.options(s.Officer))
	if err != nil {
		return nil, err
	}
	w := &Workstation{st: st, settings: s}
	if _, err := st.Create(ctx, s.Officer, store.NewRecord{Kind: store.KindSettings, Body: s}); err != nil {
		st.Close()
		return nil, err
	}
	return w, nil
}

// Unlock opens an existing store.
func Unlock(ctx context.Context, cfg StoreConfig) (*Workstation, error) {
	st, err := store.Open(ctx, cfg.options(""))
	if err != nil {
		return nil, err
	}
	w := &Workstation{st: st}
	recs, err := st.List(ctx, store.KindSettings, "")
	if err == nil && len(recs) > 0 {
		err = recs[0].Decode(&w.settings)
	}
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("read settings: %w", err)
	}
	w.settings = w.settings.withDefaults()
	return w, nil
}

// validate checks what Settings hold that cases and the custody log take over: the officer's
// name, one line of text (it goes into every case), and the region.
func (s Settings) validate() error {
	if err := store.OneLine(s.Officer); err != nil {
		return fmt.Errorf("%w: the officer's name %v", store.ErrInvalid, err)
	}
	return validRegion(s.Region)
}

func validRegion(r string) error {
	if r != "" && (len(r) != 2 || r[0] < 'A' || r[0] > 'Z' || r[1] < 'A' || r[1] > 'Z') {
		return fmt.Errorf("%w: region %q is not a two-letter country code such as IT or GR", store.ErrInvalid, r)
	}
	return nil
}

// Close locks the workstation again.
//
// It first ends the browser sessions still open, and waits for their background analysis,
// so that nothing reads or writes the store once it is closed.
func (w *Workstation) Close() error {
	w.mu.Lock()
	w.closing = true
	open := make([]*BrowserSession, 0, len(w.sessions))
	for s := range w.sessions {
		open = append(open, s)
	}
	w.mu.Unlock()
	for _, s := range open {
		s.Close()
	}
	return w.st.Close()
}

// trackSession records a session as open, or as closed; a session cannot open once the
// workstation is closing.
func (w *Workstation) trackSession(s *BrowserSession, open bool) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case !open:
		delete(w.sessions, s)
	case w.closing:
		return store.ErrClosed
	default:
		if w.sessions == nil {
			w.sessions = map[*BrowserSession]bool{}
		}
		w.sessions[s] = true
	}
	return nil
}

// Store gives the front ends read access to the evidence store.
func (w *Workstation) Store() *store.Store { return w.st }

// Settings returns the current settings.
func (w *Workstation) Settings() Settings { return w.settings }

// Officer is who acts, for the custody log.
func (w *Workstation) Officer() string { return w.settings.Officer }

// SaveSettings records new settings as a new version.
func (w *Workstation) SaveSettings(ctx context.Context, s Settings) error {
	s = s.withDefaults()
	if err := s.validate(); err != nil {
		return err
	}
	recs, err := w.st.List(ctx, store.KindSettings, "")
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		_, err = w.st.Create(ctx, s.Officer, store.NewRecord{Kind: store.KindSettings, Body: s})
	} else {
		_, err = w.st.Update(ctx, s.Officer, recs[0].Lineage, s, nil)
	}
	if err == nil {
		w.settings = s
	}
	return err
}

// NewCase opens a case; the officer and region default to the settings.
func (w *Workstation) NewCase(ctx context.Context, info store.CaseInfo) (store.Case, error) {
	if info.Officer == "" {
		info.Officer = w.settings.Officer
	}
	if info.Region == "" {
		info.Region = w.settings.Region
	}
	info.Region = strings.ToUpper(info.Region)
	return w.st.CreateCase(ctx, w.settings.Officer, info)
}

// Verify checks the whole store, logged as the officer.
func (w *Workstation) Verify(ctx context.Context, mode store.VerifyMode, rep store.Reporter) (store.VerifySummary, error) {
	return w.st.Verify(ctx, mode, w.settings.Officer, rep)
}

// ChangePassphrase rewraps the store's key.
func (w *Workstation) ChangePassphrase(ctx context.Context, oldPass, newPass []byte) error {
	return w.st.ChangePassphrase(ctx, w.settings.Officer, oldPass, newPass, store.KDFParams{})
}

// LastVerify returns the newest verify entry of the custody log, if any.
func (w *Workstation) LastVerify(ctx context.Context) (store.Entry, bool) {
	e, ok, err := w.st.LastEntry(store.ActVerify)
	return e, ok && err == nil
}
