package cli

import (
	"errors"

	"github.com/intercepted-eu/workstation/app"
	"github.com/intercepted-eu/workstation/store"
)

// Exit codes of the intercepted command.
const (
	ExitOK             = 0 // success
	ExitError          = 1 // the command failed; the message says why
	ExitUsage          = 2 // bad command line
	ExitWrongPass      = 3 // the passphrase does not unlock the store
	ExitLocked         = 4 // the store is open in another workstation
	ExitVerifyFailed   = 5 // verify found damage
	ExitNotInitialized = 6 // no store at that place yet
	ExitCaptureFailed  = 7 // at least one page could not be captured (the others were stored)
	ExitPackageBad     = 8 // verify-package or import: the package failed verification
	ExitUnknownKey     = 9 // import: the package's key is not accepted yet
)

const exitCodesHelp = `Exit codes:
  0  success
  1  the command failed (the message says why)
  2  bad command line
  3  wrong passphrase
  4  the store is in use by another running workstation
  5  verify found damage, or the store is too damaged to open (it is left as it is)
  6  no store there yet (run intercepted init)
  7  capture: at least one page could not be captured (the others were stored)
  8  verify-package, import: the package failed verification (nothing was imported)
  9  import: the package is signed by a key not accepted yet (see --accept-key)`

// errVerifyFailed marks a verification that ran and found damage.
var errVerifyFailed = errors.New("verification found damage")

// errUsage marks a bad command line.
var errUsage = errors.New("usage")

func exitCode(err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errUsage):
		return ExitUsage
	case errors.Is(err, store.ErrWrongPassphrase):
		return ExitWrongPass
	case errors.Is(err, store.ErrLocked):
		return ExitLocked
	case errors.Is(err, errVerifyFailed), errors.Is(err, store.ErrDamaged):
		return ExitVerifyFailed
	case errors.Is(err, store.ErrNotInitialized):
		return ExitNotInitialized
	case errors.Is(err, errSomeFailed):
		return ExitCaptureFailed
	case errors.Is(err, app.ErrPackageRefused), errors.Is(err, app.ErrNotPackage), errors.Is(err, errPackageBad):
		return ExitPackageBad
	case errors.Is(err, app.ErrUnknownKey):
		return ExitUnknownKey
	}
	return ExitError
}
