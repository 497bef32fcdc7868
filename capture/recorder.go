package capture

import (
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
	"golang.org/x/text/encoding/htmlindex"
)

// MaxBodyBytes caps one recorded response body; a larger one is noted, not kept.
const MaxBodyBytes = 64 << 20

// recorder keeps what one tab's network did, from Chromium's own events: no proxy, no
// re-fetching, so the record is what the browser received.
type recorder struct {
	page *rod.Page

	mu        sync.Mutex
	open      map[proto.NetworkRequestID]*Exchange
	extraResp map[proto.NetworkRequestID]extraHeaders
	extraReq  map[proto.NetworkRequestID]http.Header
	done      []*Exchange
	security  map[string]*proto.NetworkSecurityDetails // by URL of the response
	lastEvent time.Time
	loaded    chan struct{} // closed when the main frame fires its load event
	mainFrame proto.PageFrameID
	navs      chan string            // URLs of committed main-frame navigations, for auto-capture
	navID     proto.NetworkRequestID // the main document request of the current navigation
	dialogs   []string
	crashed   bool
	bodies    sync.WaitGroup
}

func newRecorder(p *rod.Page) *recorder {
	return &recorder{page: p, open: map[proto.NetworkRequestID]*Exchange{},
		extraResp: map[proto.NetworkRequestID]extraHeaders{}, extraReq: map[proto.NetworkRequestID]http.Header{},
		security: map[string]*proto.NetworkSecurityDetails{}, loaded: make(chan struct{}), lastEvent: time.Now(),
		navs: make(chan string, 16)}
}

// start enables the domains, within call, and listens until listen ends.
func (r *recorder) start(listen, call context.Context) error {
	wait := r.page.Context(listen).EachEvent(r.onRequest, r.onRequestExtra, r.onResponse, r.onResponseExtra, r.onFinished,
		r.onFailed, r.onLoad, r.onDialog, r.onCrash, r.onNavigated)
	go wait()
	// The three calls do not depend on each other: sent together, they cost one round trip to
	// the browser instead of three. All are answered before the tab navigates anywhere.
	p := r.page.Context(call)
	perResource, total := MaxBodyBytes, 4*MaxBodyBytes
	netErr, pageErr := make(chan error, 1), make(chan error, 1)
	go func() {
		netErr <- proto.NetworkEnable{MaxResourceBufferSize: &perResource, MaxTotalBufferSize: &total}.Call(p)
	}()
	go func() { pageErr <- proto.PageEnable{}.Call(p) }()
	tree, treeErr := proto.PageGetFrameTree{}.Call(p)
	if err := <-netErr; err != nil {
		<-pageErr
		return fmt.Errorf("enable network recording: %w", err)
	}
	if err := <-pageErr; err != nil {
		return err
	}
	if treeErr != nil {
		return treeErr
	}
	r.mu.Lock()
	r.mainFrame = tree.FrameTree.Frame.ID
	r.mu.Unlock()
	return nil
}

// onNavigated starts a new page: a new load to wait for, and traffic recorded from here on
// belongs to it (what is still in flight stays).
func (r *recorder) onNavigated(e *proto.PageFrameNavigated) {
	if e.Frame.ParentID != "" || e.Type != proto.PageNavigationTypeNavigation {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if e.Frame.ID != r.mainFrame || e.Frame.URL == "about:blank" {
		return
	}
	select {
	case <-r.loaded:
		r.loaded = make(chan struct{})
	default:
	}
	keep := r.done[:0:0]
	for _, x := range r.done {
		if proto.NetworkRequestID(x.RequestID) == r.navID { // the redirects that led here
			keep = append(keep, x)
		}
	}
	r.done = keep
	select {
	case r.navs <- e.Frame.URL:
	default: // the officer outpaces the captures: the newest navigations still come through
	}
}

func headers(h proto.NetworkHeaders) http.Header {
	out := http.Header{}
	for k, v := range h {
		for _, line := range strings.Split(v.Str(), "\n") {
			out[http.CanonicalHeaderKey(k)] = append(out[http.CanonicalHeaderKey(k)], line)
		}
	}
	return out
}

func (r *recorder) touch() { r.lastEvent = time.Now() }

func (r *recorder) onRequest(e *proto.NetworkRequestWillBeSent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.touch()
	if prev := r.open[e.RequestID]; prev != nil && e.RedirectResponse != nil {
		r.fillResponse(prev, e.RequestID, e.RedirectResponse)
		r.done = append(r.done, prev)
		delete(r.open, e.RequestID)
	}
	x := &Exchange{RequestID: string(e.RequestID), URL: e.Request.URL, Method: e.Request.Method,
		RequestHeaders: headers(e.Request.Headers), ResourceType: string(e.Type), Started: e.WallTime.Time().UTC()}
	if e.Request.URLFragment != "" {
		x.URL += e.Request.URLFragment
	}
	if e.Request.HasPostData && e.Request.PostData != "" {
		x.RequestBody = []byte(e.Request.PostData)
	}
	if h := r.extraReq[e.RequestID]; h != nil {
		x.RequestHeaders = h
		delete(r.extraReq, e.RequestID)
	}
	r.open[e.RequestID] = x
	if e.Type == proto.NetworkResourceTypeDocument && e.FrameID == r.mainFrame && string(e.LoaderID) == string(e.RequestID) {
		r.navID = e.RequestID
	}
}

// loadedChan is closed when the current page has fired its load event.
func (r *recorder) loadedChan() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.loaded
}

// onRequestExtra has the headers really sent, cookies included.
func (r *recorder) onRequestExtra(e *proto.NetworkRequestWillBeSentExtraInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if x := r.open[e.RequestID]; x != nil {
		x.RequestHeaders = headers(e.Headers)
		return
	}
	r.extraReq[e.RequestID] = headers(e.Headers)
}

func (r *recorder) fillResponse(x *Exchange, id proto.NetworkRequestID, resp *proto.NetworkResponse) {
	x.Status, x.StatusText, x.Protocol = resp.Status, resp.StatusText, resp.Protocol
	x.ResponseHeaders, x.RemoteIP, x.MIMEType = headers(resp.Headers), resp.RemoteIPAddress, resp.MIMEType
	if x.StatusText == "" {
		x.StatusText = http.StatusText(x.Status)
	}
	if extra, ok := r.extraResp[id]; ok && extra.status == x.Status {
		x.ResponseHeaders = extra.h // raw headers, Set-Cookie included
		delete(r.extraResp, id)
	}
	if resp.SecurityDetails != nil {
		r.security[resp.URL] = resp.SecurityDetails
	}
}

func (r *recorder) onResponse(e *proto.NetworkResponseReceived) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.touch()
	if x := r.open[e.RequestID]; x != nil {
		r.fillResponse(x, e.RequestID, e.Response)
	}
}

func (r *recorder) onResponseExtra(e *proto.NetworkResponseReceivedExtraInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	h := headers(e.Headers)
	if x := r.open[e.RequestID]; x != nil && x.Status == e.StatusCode {
		x.ResponseHeaders = h
		return
	}
	r.extraResp[e.RequestID] = extraHeaders{status: e.StatusCode, h: h}
}

// extraHeaders are raw response headers that arrived before the response they belong to.
type extraHeaders struct {
	status int
	h      http.Header
}

func (r *recorder) onFinished(e *proto.NetworkLoadingFinished) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.touch()
	x := r.open[e.RequestID]
	if x == nil {
		return
	}
	delete(r.open, e.RequestID)
	r.done = append(r.done, x)
	if e.EncodedDataLength > MaxBodyBytes {
		x.BodyNote = fmt.Sprintf("body of %.0f bytes not kept (limit %d)", e.EncodedDataLength, MaxBodyBytes)
		return
	}
	r.bodies.Add(1)
	go r.fetchBody(x, e.RequestID)
}

// fetchBody asks the browser for the body it received. Text comes back decoded; it is encoded
// again in the charset the response declared, and that is noted.
func (r *recorder) fetchBody(x *Exchange, id proto.NetworkRequestID) {
	defer r.bodies.Done()
	res, err := proto.NetworkGetResponseBody{RequestID: id}.Call(r.page.Timeout(10 * time.Second))
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		x.BodyNote = "body not available from the browser: " + err.Error()
		return
	}
	if res.Base64Encoded {
		b, err := base64.StdEncoding.DecodeString(res.Body)
		if err != nil {
			x.BodyNote = "body undecodable: " + err.Error()
			return
		}
		x.Body = b
		return
	}
	x.Body, x.BodyNote = encodeText(res.Body, x.ResponseHeaders.Get("Content-Type"))
}

func encodeText(text, contentType string) ([]byte, string) {
	_, params, _ := mime.ParseMediaType(contentType)
	cs := strings.ToLower(params["charset"])
	if cs == "" || cs == "utf-8" || cs == "utf8" {
		return []byte(text), ""
	}
	enc, err := htmlindex.Get(cs)
	if err != nil {
		return []byte(text), "text body kept as UTF-8: unknown declared charset " + cs
	}
	b, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		return []byte(text), "text body kept as UTF-8: not representable in " + cs
	}
	return b, "text body re-encoded from the browser's decoded text to " + cs
}

func (r *recorder) onFailed(e *proto.NetworkLoadingFailed) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.touch()
	if x := r.open[e.RequestID]; x != nil {
		x.Failed = e.ErrorText
		if e.Canceled {
			x.Failed += " (cancelled)"
		}
		delete(r.open, e.RequestID)
		r.done = append(r.done, x)
	}
}

func (r *recorder) onLoad(*proto.PageLoadEventFired) {
	r.mu.Lock()
	defer r.mu.Unlock()
	select {
	case <-r.loaded:
	default:
		close(r.loaded)
	}
}

// onDialog dismisses alert, confirm and prompt boxes at once, so a dialog storm cannot hold the
// capture; each is noted.
func (r *recorder) onDialog(e *proto.PageJavascriptDialogOpening) {
	r.mu.Lock()
	if len(r.dialogs) < 100 {
		r.dialogs = append(r.dialogs, fmt.Sprintf("%s: %.200s", e.Type, e.Message))
	}
	r.mu.Unlock()
	go proto.PageHandleJavaScriptDialog{Accept: false}.Call(r.page)
}

func (r *recorder) onCrash(*proto.InspectorTargetCrashed) {
	r.mu.Lock()
	r.crashed = true
	r.mu.Unlock()
}

// quietIn is how long until nothing has been in flight and no event has come for d: 0 when
// that is so now, what is left of d since the last event when nothing is in flight, and -1
// while a request is in flight.
func (r *recorder) quietIn(d time.Duration) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.open) > 0 {
		return -1
	}
	return max(d-time.Since(r.lastEvent), 0)
}

// exchanges waits (bounded by ctx) for bodies being fetched and returns every exchange so far,
// in-flight ones included with a note, in start order.
func (r *recorder) exchanges(ctx context.Context) []Exchange {
	waited := make(chan struct{})
	go func() { r.bodies.Wait(); close(waited) }()
	select {
	case <-waited:
	case <-ctx.Done():
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]Exchange, 0, len(r.done)+len(r.open))
	for _, x := range r.done {
		out = append(out, *x)
	}
	for _, x := range r.open {
		c := *x
		if c.Failed == "" {
			c.Failed = "still loading when the capture was taken"
		}
		out = append(out, c)
	}
	sortByStart(out)
	return out
}
