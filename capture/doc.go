// Package capture will own the controlled Chromium (go-rod) and turn each page the officer
// visits into one bound capture record with its artifacts: full-page PNG, rendered HTML, MHTML,
// a WARC 1.1 of all traffic, embedded images, text, PDF and the TLS certificate chain, each with
// SHA-256 and a transformation-log line. It knows nothing of the store or the analyzer: the core
// in package app writes what it produces.
//
// Not built yet: see the controlled-browser-capture issue.
package capture
