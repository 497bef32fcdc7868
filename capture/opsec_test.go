package capture

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// loggingSink stands in for the whole network: every host name the browser resolves that our
// flags do not block is mapped to it, and it logs the host each connection asks for (the Host
// header, or the TLS server name) before closing it. Nothing leaves the machine.
type loggingSink struct {
	net.Listener
	mu    sync.Mutex
	hosts []string
}

func newLoggingSink(t *testing.T) *loggingSink {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &loggingSink{Listener: l}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	t.Cleanup(func() { l.Close() })
	return s
}

func (s *loggingSink) serve(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	br := bufio.NewReader(c)
	first, err := br.Peek(1)
	if err != nil {
		return
	}
	host := "?"
	if first[0] == 0x16 { // a TLS handshake: take the server name from the ClientHello
		tc := tls.Server(&peekedConn{Conn: c, r: br}, &tls.Config{GetConfigForClient: func(h *tls.ClientHelloInfo) (*tls.Config, error) {
			host = "tls:" + h.ServerName
			return nil, errors.New("refused by the test sink")
		}})
		tc.Handshake()
	} else if req, err := http.ReadRequest(br); err == nil {
		host = "http:" + req.Host
	}
	s.mu.Lock()
	s.hosts = append(s.hosts, host)
	s.mu.Unlock()
}

func (s *loggingSink) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.hosts...)
}

type peekedConn struct {
	net.Conn
	r *bufio.Reader
}

func (p *peekedConn) Read(b []byte) (int, error) { return p.r.Read(b) }

// The browser makes no request the officer did not cause. Our own resolver rules stay first;
// after them every other host name is sent to the logging sink, so any background call shows
// up there. Only the fixture site (an IP address, which needs no resolving) may be contacted.
func TestNoBackgroundRequests(t *testing.T) {
	site := newFixtureSite(t)
	sink := newLoggingSink(t)
	b, err := Launch(context.Background(), BrowserOptions{Headless: true, ExtraFlags: map[string]string{
		"host-resolver-rules": resolverRules() + ", MAP * " + sink.Addr().String() + ", EXCLUDE 127.0.0.1",
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	res, err := b.CaptureURL(context.Background(), site.URL+"/", quick())
	if err != nil || res.Record.Outcome != OutcomeComplete {
		t.Fatalf("capture: %v %v", err, res.Record.Problems)
	}
	// The sink does see a host the page itself asks for: the test can observe the browser.
	probe, err := b.CaptureURL(context.Background(), "http://probe.invalid/", quick())
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Second) // background calls, if any, come at start-up and soon after
	var others []string
	sawProbe := false
	for _, h := range sink.seen() {
		if h == "http:probe.invalid" {
			sawProbe = true
			continue
		}
		others = append(others, h)
	}
	if !sawProbe {
		t.Fatalf("the sink did not see the page's own request (outcome %s): the test cannot observe the browser", probe.Record.Outcome)
	}
	if len(others) > 0 {
		t.Errorf("the browser contacted hosts on its own: %s", strings.Join(others, ", "))
	}
}
