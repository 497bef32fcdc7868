// Package cli is the headless front end: `intercepted COMMAND [flags]`. It runs on the same core
// as the GUI (package app) and never creates a Fyne app or window, so it works over SSH and in CI.
//
// Every command has --help; output is for people by default and JSON Lines with --json (one
// object per line). The store comes from --store DIR or $INTERCEPTED_STORE, the passphrase from
// --passphrase-file F or $INTERCEPTED_PASSPHRASE, otherwise it is asked on the terminal without
// echo. Exit codes are listed in exitcodes.go and by `intercepted help`.
//
// Each command is a plain runX(ctx, opts, out) function over the core, so tests call the same
// code a person does.
package cli
