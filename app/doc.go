// Package app is the workstation's core: the one place where the evidence store, the controlled
// browser and the analyzer meet. The GUI (app/ui) and the CLI (app/cli) are thin front ends over
// it, so that everything the window does can also be done, and tested, headless.
//
// Words:
//   - a Workstation is an unlocked store plus the officer's Settings (name, default phone
//     region, OCR languages, idle lock, UI language, timestamp authority). Every action goes to
//     the store's custody log as the settings' officer;
//   - a Capture (StoredCapture) is one captured page: its record and artifacts, saved and
//     hashed by SaveCapture; an Analysis is what the analyzer found in its text and images
//     (AnalyzeCapture), kept small for lists with the full Findings as a blob; Notes and Tags
//     are versioned records on a capture;
//   - a BrowserSession is a case's controlled browser: one recorded tab, automatic capture,
//     capture on demand, each capture saved then analysed off the capture path; the
//     Workstation owns its open sessions and ends them, waiting for their analysis, before
//     its Close closes the store;
//   - a QuickCheck is an analysis of a text, image or page that stores nothing until SaveCheck;
//   - a package is a signed evidence ZIP (export.go, docs/package.md): a WACZ 1.2 web archive
//     and an evidence bundle that standard tools verify. "Verified" there means every file
//     matches SHA256SUMS, SHA256SUMS is signed by the key the package names (SSH and raw
//     Ed25519 signatures), the custody entries hash and link and their head is signed, and
//     each capture's artifacts are the ones its record names, the workstation it names is its
//     key's and the ZIP is the whole file. ImportPackage reads a package through the one file
//     handle it verified, and stores nothing of a package that is not verified, nor of one
//     from a key the officer has not accepted;
//   - a Timestamp is an RFC 3161 token over a capture record or package digest, queued until a
//     timestamp authority answers.
//
// Long work takes a context.Context and reports through small interfaces (store.Reporter for
// verification, SessionEvents for a browser session, a progress func for exports) that the GUI
// implements with fyne.Do and the CLI with text or JSON lines.
//
// app imports neither Fyne nor rod nor Badger: those stay under app/ui, capture and store.
package app
