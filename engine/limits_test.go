package engine

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHostAllowed(t *testing.T) {
	allow := []string{"api.example.com", "*.svc.local", "127.0.0.1:8080"}
	cases := map[string]bool{
		"api.example.com":     true,
		"API.example.com:443": true,
		"example.com":         false,
		"evil.com":            false,
		"a.svc.local":         true,
		"a.b.svc.local:9000":  true,
		"svc.local":           false,
		"127.0.0.1:8080":      true,
		"127.0.0.1:8081":      false,
	}
	for host, want := range cases {
		if got := hostAllowed(allow, host); got != want {
			t.Errorf("%s: %v, want %v", host, got, want)
		}
	}
}

// TestRestrictHostsBlocksRedirects: a redirect from an allowed host to another one fails.
func TestRestrictHostsBlocksRedirects(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("secret")) }))
	defer other.Close()
	allowed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hop" {
			http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+"/", http.StatusFound)
			return
		}
		w.Write([]byte("fine"))
	}))
	defer allowed.Close()
	c := restrictHosts(http.DefaultClient, []string{strings.TrimPrefix(allowed.URL, "http://")})
	res, err := c.Get(allowed.URL + "/")
	if err != nil {
		t.Fatalf("allowed host: %v", err)
	}
	res.Body.Close()
	if _, err := c.Get(allowed.URL + "/hop"); err == nil || !strings.Contains(err.Error(), "not allowed") {
		t.Errorf("redirect to another host: %v, want a not-allowed error", err)
	}
	if _, err := c.Get(other.URL); err == nil {
		t.Error("a host off the list was reached")
	}
}
