package capture

import (
	"net/http"
	"time"
)

// Exchange is one HTTP request and its response as the browser saw them, recorded from
// Chromium's network events. Bodies are as the browser decoded them (no Content-Encoding).
type Exchange struct {
	RequestID      string      // Chromium's request ID (a redirect chain shares one)
	URL            string      // the requested URL
	Method         string      // GET, POST, ...
	RequestHeaders http.Header // as sent, including cookies when the browser sent them
	RequestBody    []byte      // POST data, when there was any
	Protocol       string      // "http/1.1", "h2", "h3"... as Chromium reports it
	Status         int         // 0 when no response arrived
	StatusText     string
	// ResponseHeaders are the headers as received (Set-Cookie included, from the extra-info
	// event), before any decoding.
	ResponseHeaders http.Header
	Body            []byte // the decoded response body; nil when there is none
	BodyNote        string // why Body is empty, when it should not be (failed, too large, ...)
	RemoteIP        string
	MIMEType        string
	ResourceType    string    // Document, Image, Script, Stylesheet, XHR, ...
	Started         time.Time // when the request was sent (UTC)
	Failed          string    // Chromium's error text when the request failed
}
