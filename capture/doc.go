// Package capture owns the controlled Chromium (go-rod) and turns a page the officer visits into
// one bound capture: a Record (requested and final URL, redirects, status and headers, server
// IP, TLS chain, UTC times, browser and user agent, viewport, outcome) and its Artifacts
// (full-page PNG, rendered HTML, MHTML, a WARC 1.1 of every request and response, each embedded
// image, the visible text, a PDF print, the certificate chain), each with its SHA-256, size,
// media type and a transformation line saying how it was made from the page.
//
// Words: a Browser is one running Chromium; a Tab is one of its tabs, recorded from its opening
// by a recorder that listens to Chromium's own network events (no proxy, no re-fetch: what is
// kept is what the browser received). An Exchange is one request and its response.
//
// Launching never downloads a browser: it finds the system Chromium (a setting, $CHROME_PATH,
// then the usual paths). The flags keep the browser silent on a closed network, and a test
// proves through a logging sink that it contacts no host on its own.
//
// Outcomes are explicit: complete, partial (Problems says what is missing or cut) or failed
// (why). Every step is bounded in time, so a hostile page cannot hold a capture.
//
// capture knows nothing of the store or the analyzer; package app stores what it produces.
package capture
