package analysis

import "testing"

func TestEntitiesURL(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"https", "Vedi https://www.Example.com:443/Jobs/?id=1#top.", "", EntityURL, []string{"example.com/Jobs?id=1"}},
		{"http port", "http://example.com:8080/a", "", EntityURL, []string{"example.com:8080/a"}},
		{"www", "www.lavoro-estero.it", "", EntityURL, []string{"lavoro-estero.it"}},
		{"bare with path", "example.com/jobs/1, altro", "", EntityURL, []string{"example.com/jobs/1"}},
		{"bare", "visita lavoro.it oggi", "", EntityURL, []string{"lavoro.it"}},
		{"in parentheses", "(see example.org/a_(b))", "", EntityURL, []string{"example.org/a_(b)"}},
		{"trailing slash", "example.com/", "", EntityURL, []string{"example.com"}},
		{"ip with scheme", "http://192.168.1.10/panel", "", EntityURL, []string{"192.168.1.10/panel"}},
		{"unknown tld with scheme", "https://jobs.example.agency/x", "", EntityURL, []string{"jobs.example.agency/x"}},
		{"unknown tld bare", "file.pdf e photo.jpg", "", EntityURL, nil},
		{"word tld bare", "look.at this, call.me", "", EntityURL, nil},
		{"word tld with path", "mysite.me/anna", "", EntityURL, []string{"mysite.me/anna"}},
		{"sentence joined www", "Chiamami.www.example.com", "", EntityURL, []string{"example.com"}},
		{"dot word", "example dot com", "", EntityURL, []string{"example.com"}},
		{"bracket dot", "example[.]com/jobs", "", EntityURL, []string{"example.com/jobs"}},
		{"punto", "lavoro punto it", "", EntityURL, []string{"lavoro.it"}},
		{"cyrillic idn", "сайт.рф", "", EntityURL, []string{"сайт.рф"}},
		{"email is not a url", "anna@mail.com", "", EntityURL, nil},
		{"numbers", "3.000 e 1.2.3", "", EntityURL, nil},
	})
}

func TestEntitiesCanonicalURL(t *testing.T) {
	for _, c := range []struct{ host, port, rest, want string }{
		{"www.example.com", "", "", "example.com"},
		{"example.com", ":443", "/a/", "example.com/a"},
		{"example.com", ":8443", "/a?x=1#f", "example.com:8443/a?x=1"},
		{"example.com", "", "/?x=1", "example.com?x=1"},
	} {
		if got := canonicalURL(c.host, c.port, c.rest); got != c.want {
			t.Errorf("%+v: got %q", c, got)
		}
	}
}
