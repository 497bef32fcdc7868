package capture

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"time"
)

// Outcome of one capture.
const (
	OutcomeComplete = "complete" // every artifact was taken
	OutcomePartial  = "partial"  // some artifacts are missing or cut; Problems says which
	OutcomeFailed   = "failed"   // the page could not be captured; Problems says why
)

// Artifact kinds.
const (
	KindScreenshot = "screenshot"
	KindHTML       = "html"
	KindMHTML      = "mhtml"
	KindWARC       = "warc"
	KindPDF        = "pdf"
	KindText       = "text"
	KindImage      = "image"
	KindTLS        = "tls-chain"
)

// Artifact is one file a capture produced, unchanged from how it was made.
type Artifact struct {
	Kind      string `json:"kind"`
	Name      string `json:"name"` // file name on extraction, e.g. "screenshot.png"
	MediaType string `json:"media_type"`
	SHA256    string `json:"sha256"`
	Size      int64  `json:"size"`
	SourceURL string `json:"source_url,omitempty"` // for embedded images
	// Transformation says how the artifact was produced from the page (Berkeley Protocol
	// para 154).
	Transformation string `json:"transformation"`
	Data           []byte `json:"-"`
}

// NewArtifact names and hashes the bytes of an artifact. Artifacts are made by the capture; the
// constructor is exported for tests and tools that build a Result by other means.
func NewArtifact(kind, name, mediaType string, data []byte, how string) Artifact {
	sum := sha256.Sum256(data)
	return Artifact{Kind: kind, Name: name, MediaType: mediaType, SHA256: hex.EncodeToString(sum[:]),
		Size: int64(len(data)), Transformation: how, Data: data}
}

// Redirect is one hop before the final URL.
type Redirect struct {
	URL      string `json:"url"`
	Status   int    `json:"status"`
	Location string `json:"location,omitempty"`
}

// Certificate is one certificate of the server's TLS chain.
type Certificate struct {
	Subject   string    `json:"subject"`
	Issuer    string    `json:"issuer"`
	NotBefore time.Time `json:"not_before"`
	NotAfter  time.Time `json:"not_after"`
	SHA256    string    `json:"sha256"` // fingerprint of the DER certificate
}

// TLSInfo is what the browser reported of the main document's connection.
type TLSInfo struct {
	Protocol string        `json:"protocol"`
	Cipher   string        `json:"cipher"`
	Subject  string        `json:"subject"`
	Issuer   string        `json:"issuer"`
	SANs     []string      `json:"sans,omitempty"`
	Valid    [2]time.Time  `json:"valid"` // from, to
	Chain    []Certificate `json:"chain,omitempty"`
}

// Size is a width and height in CSS pixels.
type Size struct {
	Width  int `json:"width"`
	Height int `json:"height"`
}

// Record is the metadata of one capture: what was asked for, what came back, how and when it
// was taken. The officer, case and workstation are added by the caller.
type Record struct {
	RequestedURL   string      `json:"requested_url"`
	FinalURL       string      `json:"final_url"`
	Redirects      []Redirect  `json:"redirects,omitempty"`
	Title          string      `json:"title"`
	Status         int         `json:"status"`
	StatusText     string      `json:"status_text,omitempty"`
	Headers        http.Header `json:"headers,omitempty"` // of the main document
	ServerIP       string      `json:"server_ip,omitempty"`
	Protocol       string      `json:"protocol,omitempty"`
	TLS            *TLSInfo    `json:"tls,omitempty"`
	Started        time.Time   `json:"started"`  // UTC
	Finished       time.Time   `json:"finished"` // UTC
	LocalZone      string      `json:"local_zone"`
	Clock          string      `json:"clock"`
	TimeCrossCheck string      `json:"time_cross_check"`
	Browser        string      `json:"browser"`
	UserAgent      string      `json:"user_agent"`
	Headless       bool        `json:"headless"`
	Viewport       Size        `json:"viewport"`
	PageSize       Size        `json:"page_size"`
	CookiesSent    bool        `json:"cookies_sent"` // the main request carried cookies (a logged-in session)
	Mode           string      `json:"mode"`         // auto, on-demand
	Outcome        string      `json:"outcome"`
	Problems       []string    `json:"problems,omitempty"`
	Dialogs        []string    `json:"dialogs,omitempty"`
	Requests       int         `json:"requests"`
}

// Result is a capture: its record and its artifacts.
type Result struct {
	Record    Record
	Artifacts []Artifact
}
