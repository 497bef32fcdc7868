package capture

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
	"github.com/go-rod/rod/lib/launcher/flags"
	"github.com/go-rod/rod/lib/proto"
)

// ErrNoBrowser: no Chromium or Chrome was found.
var ErrNoBrowser = errors.New("no Chromium or Google Chrome found: install one (Debian/Ubuntu: `sudo apt-get install chromium`; " +
	"Windows and macOS: Google Chrome from google.com/chrome) or set its path in the settings or in $CHROME_PATH")

// candidatePaths are the usual install places, most specific first.
func candidatePaths() []string {
	switch runtime.GOOS {
	case "darwin":
		return []string{
			"/Applications/Chromium.app/Contents/MacOS/Chromium",
			"/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
		}
	case "windows":
		var out []string
		for _, env := range []string{"ProgramFiles", "ProgramFiles(x86)", "LocalAppData"} {
			if base := os.Getenv(env); base != "" {
				out = append(out, filepath.Join(base, "Chromium", "Application", "chrome.exe"),
					filepath.Join(base, "Google", "Chrome", "Application", "chrome.exe"))
			}
		}
		return out
	}
	// The Debian binary itself, not the /usr/bin/chromium wrapper script that adds flags.
	return []string{"/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser",
		"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/opt/google/chrome/chrome",
		"/snap/bin/chromium"}
}

// FindBrowser returns the browser to drive: the configured path, else $CHROME_PATH, else the
// first usual install path that exists. It never downloads anything.
func FindBrowser(configured string) (string, error) {
	for _, p := range []string{configured, os.Getenv("CHROME_PATH")} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("browser %s: %w", p, err)
		}
		return p, nil
	}
	for _, p := range candidatePaths() {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", ErrNoBrowser
}

// blockedHosts are Google services that Chromium calls on its own even with background
// networking off. Mapping them to NOTFOUND stops the calls before any DNS or TCP.
var blockedHosts = []string{"accounts.google.com", "update.googleapis.com", "clients2.google.com",
	"content-autofill.googleapis.com", "clients1.google.com", "optimizationguide-pa.googleapis.com",
	"safebrowsingohttpgateway.googleapis.com", "www.google.com"}

// BrowserOptions say how to start the controlled browser.
type BrowserOptions struct {
	Bin        string // path to Chromium; empty: FindBrowser("")
	Headless   bool
	ProfileDir string // the user-data directory (one per case, for undercover logins); empty: a temporary one
	UserAgent  string // empty: the browser's real user agent
	// ExtraFlags are added as they are (tests use them to observe the browser).
	ExtraFlags map[string]string
	// Env is added to the browser's environment (e.g. DISPLAY=:5).
	Env []string
}

// Browser is a running controlled Chromium. Close it.
type Browser struct {
	opts       BrowserOptions
	launcher   *launcher.Launcher
	rod        *rod.Browser
	tempDir    string
	version    *proto.BrowserGetVersionResult
	controlURL string
}

// Launch starts Chromium for a closed network: no background requests, no sync, no component
// updates, no QUIC, and no rod device emulation, so the user agent on record is the real one.
func Launch(ctx context.Context, opts BrowserOptions) (*Browser, error) {
	bin, err := FindBrowser(opts.Bin)
	if err != nil {
		return nil, err
	}
	b := &Browser{opts: opts}
	profile := opts.ProfileDir
	if profile == "" {
		if b.tempDir, err = os.MkdirTemp("", "intercepted-profile-"); err != nil {
			return nil, err
		}
		profile = b.tempDir
	}
	l := launcher.New().Context(ctx).Bin(bin).Leakless(false).Headless(opts.Headless).UserDataDir(profile).
		NoSandbox(os.Geteuid() == 0).
		// Keep Chromium's site isolation and popup blocker, and do not announce automation.
		Delete("disable-site-isolation-trials").Delete("disable-popup-blocking").Delete("enable-automation").
		Set("disable-features", "NetworkTimeServiceQuerying", "AutofillServerCommunication", "MediaRouter",
			"OptimizationHints", "Translate", "InterestFeedContentSuggestions", "CertificateTransparencyComponentUpdater").
		Set("disable-component-update").Set("disable-quic").Set("no-pings").Set("disable-domain-reliability").
		Set("no-default-browser-check").Set("password-store", "basic").
		Set("host-resolver-rules", resolverRules()).
		Set("hide-scrollbars")
	if opts.Headless {
		l = l.Set(flags.Flag("headless"), "new")
	}
	if opts.UserAgent != "" {
		l = l.Set("user-agent", opts.UserAgent)
	}
	if len(opts.Env) > 0 {
		l = l.Env(append(os.Environ(), opts.Env...)...)
	}
	for k, v := range opts.ExtraFlags {
		if v == "" {
			l = l.Set(flags.Flag(k))
		} else {
			l = l.Set(flags.Flag(k), v)
		}
	}
	b.launcher = l
	u, err := l.Launch()
	if err != nil {
		b.cleanup()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	b.controlURL = u
	b.rod = rod.New().ControlURL(u).NoDefaultDevice().Context(ctx)
	if err := b.rod.Connect(); err != nil {
		b.cleanup()
		return nil, fmt.Errorf("connect to %s: %w", bin, err)
	}
	if b.version, err = (proto.BrowserGetVersion{}).Call(b.rod); err != nil {
		b.Close()
		return nil, fmt.Errorf("ask %s its version: %w", bin, err)
	}
	// Downloads never land on the officer's disk unasked.
	_ = proto.BrowserSetDownloadBehavior{Behavior: proto.BrowserSetDownloadBehaviorBehaviorDeny}.Call(b.rod)
	return b, nil
}

func resolverRules() string {
	rules := make([]string, len(blockedHosts))
	for i, h := range blockedHosts {
		rules[i] = "MAP " + h + " ~NOTFOUND"
	}
	return strings.Join(rules, ", ")
}

// Version is the browser's product name and version, e.g. "Chrome/156.0.8078.73".
func (b *Browser) Version() string { return b.version.Product }

// UserAgent is the user agent the browser sends.
func (b *Browser) UserAgent() string {
	if b.opts.UserAgent != "" {
		return b.opts.UserAgent
	}
	return b.version.UserAgent
}

// Alive reports whether the browser still answers: it is false once the officer closed its
// window or the process died.
func (b *Browser) Alive() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err := proto.BrowserGetVersion{}.Call(b.rod.Context(ctx))
	return err == nil
}

// Close stops the browser and removes a temporary profile.
func (b *Browser) Close() error {
	var err error
	if b.rod != nil {
		err = b.rod.Close()
	}
	b.cleanup()
	return err
}

func (b *Browser) cleanup() {
	if b.launcher != nil {
		b.launcher.Kill()
		if b.tempDir != "" {
			b.launcher.Cleanup() // waits for the exit, then removes the profile: only a temporary one
		}
	}
	if b.tempDir != "" {
		os.RemoveAll(b.tempDir)
	}
}

// ControlURL is the DevTools address of the browser, for tools that measure against it.
func (b *Browser) ControlURL() string { return b.controlURL }
