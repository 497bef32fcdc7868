package capture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// fixtureSite is a synthetic site on 127.0.0.1 with ordinary and hostile pages.
type fixtureSite struct {
	*httptest.Server
	logo, photo []byte
}

func testPNG(w, h int, c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// hugePNG streams a valid w×h greyscale PNG of zeros without holding it in memory.
func hugePNG(wr http.ResponseWriter, w, h int) {
	wr.Header().Set("Content-Type", "image/png")
	chunk := func(typ string, data []byte) {
		binary.Write(wr, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		wr.Write([]byte(typ))
		wr.Write(data)
		binary.Write(wr, binary.BigEndian, crc.Sum32())
	}
	wr.Write([]byte("\x89PNG\r\n\x1a\n"))
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	z := zlib.NewWriter(&idat)
	row := make([]byte, w+1)
	for range h {
		z.Write(row)
	}
	z.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
}

const page = `<!doctype html><html><head><meta charset="utf-8"><title>%s</title></head><body>%s</body></html>`

func newFixtureSite(t testing.TB) *fixtureSite {
	s := &fixtureSite{logo: testPNG(40, 20, color.RGBA{200, 30, 30, 255}), photo: testPNG(64, 48, color.RGBA{30, 30, 200, 255})}
	mux := http.NewServeMux()
	html := func(title, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, page, title, body)
		}
	}
	mux.HandleFunc("/{$}", html("Work abroad — hostess jobs", `<h1>Hostess wanted in Milan</h1>
		<p>Marker QX-FIXTURE-1. Salary 3000 EUR per week, no experience needed, travel and housing paid.</p>
		<img src="/img/logo.png" alt="logo"><img src="/img/photo.png" alt="photo"><a href="/p2">next</a>`))
	mux.HandleFunc("/p2", html("Second page", `<p>Second page marker QX-FIXTURE-2</p>`))
	mux.HandleFunc("/lazy", html("Lazy", `<div style="height:3000px">QX-LAZY-TOP</div><div id="more"></div>
		<script>addEventListener("scroll", () => { if (scrollY > 1500 && !window.done) { window.done = 1;
			document.getElementById("more").textContent = "QX-LAZY-LOADED"; } });</script>`))
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "undercover-account-1", Path: "/", MaxAge: 3600})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, page, "Logged in", "<p>Welcome back QX-LOGIN</p>")
	})
	mux.HandleFunc("/img/logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(s.logo)
	})
	mux.HandleFunc("/img/photo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(s.photo)
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/r2", http.StatusFound) })
	mux.HandleFunc("/r2", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/p2", http.StatusMovedPermanently) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/hang", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html><head><title>Never ends</title></head><body><p>Half a page QX-HANG</p>`)
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Minute):
		}
	})
	mux.HandleFunc("/404", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, page, "Not found", "<p>gone QX-404</p>")
	})
	mux.HandleFunc("/500", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, page, "Error", "<p>broken QX-500</p>")
	})
	mux.HandleFunc("/download", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Disposition", `attachment; filename="contract.bin"`)
		w.Write(bytes.Repeat([]byte{7}, 4096))
	})
	mux.HandleFunc("/storm", html("Storm", `<p>QX-STORM</p><script>
		for (let i = 0; i < 30; i++) { alert("alert " + i); window.open("/p2"); }
		setInterval(() => { alert("again"); window.open("/p2"); }, 50);</script>`))
	mux.HandleFunc("/huge", html("Huge", `<div style="height:50000px;background:linear-gradient(red,blue)">QX-HUGE top</div><p>QX-HUGE bottom</p>`))
	mux.HandleFunc("/bigimage", html("Big image", `<p>QX-BIGIMG</p><img src="/img/huge.png">`))
	mux.HandleFunc("/img/huge.png", func(w http.ResponseWriter, r *http.Request) { hugePNG(w, 30000, 30000) })
	mux.HandleFunc("/cp1251", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1251")
		b, _ := charmap.Windows1251.NewEncoder().String(fmt.Sprintf(strings.Replace(page, "utf-8", "windows-1251", 1), "Работа", "<p>Работа за границей QX-1251</p>"))
		w.Write([]byte(b))
	})
	mux.HandleFunc("/greek", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=iso-8859-7")
		b, _ := charmap.ISO8859_7.NewEncoder().String(fmt.Sprintf(strings.Replace(page, "utf-8", "iso-8859-7", 1), "Εργασία", "<p>Εργασία στο εξωτερικό QX-GREEK</p>"))
		w.Write([]byte(b))
	})
	mux.HandleFunc("/badutf8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>bad</title><p>QX-BADUTF8 \xff\xfe\xc3\x28 end</p>"))
	})
	mux.HandleFunc("/frames", html("Frames", `<p>QX-FRAMES</p><iframe src="/p2"></iframe><div id="host"></div>
		<script>document.getElementById("host").attachShadow({mode:"open"}).innerHTML = "<p>QX-SHADOW</p>";</script>`))
	mux.HandleFunc("/selfclose", html("Closing", `<p>QX-CLOSE</p><script>setTimeout(() => window.close(), 10)</script>`))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Server = &httptest.Server{Listener: l, Config: &http.Server{Handler: mux}}
	s.Start()
	// Connections the browser still holds (a page that never ends) are cut first: Close alone
	// waits for them.
	t.Cleanup(func() { s.CloseClientConnections(); s.Close() })
	return s
}
