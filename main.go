// Command intercepted is the INTERCEPTED Workstation: with no arguments the window, with a
// command the CLI on the same core (see `intercepted help`).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/intercepted-eu/workstation/app/cli"
	"github.com/intercepted-eu/workstation/app/ui"
	_ "github.com/intercepted-eu/workstation/app/ui/localefix" // before Fyne initialises
)

func main() {
	if len(os.Args) < 2 {
		os.Exit(ui.Run(os.Stderr))
	}
	if os.Args[1] == "screenshots" && len(os.Args) == 3 { // for `make screenshots`
		os.Exit(ui.Screenshots(os.Args[2], os.Stderr))
	}
	// Ctrl-C, a session's end (SIGHUP) and a stop (SIGTERM) all end the command the same way:
	// the browser is closed and its temporary profile removed. A command started with SIGHUP
	// ignored (nohup) goes on ignoring it.
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	ctx, stop := signal.NotifyContext(context.Background(), sigs...)
	code := cli.Main(ctx, os.Args[1:], cli.OSEnv())
	stop()
	os.Exit(code)
}
