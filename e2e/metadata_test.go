package e2e

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// What the metadata-app recording cannot show: draft mode across requests (Next's preview id is per
// build), the draft bypass of the full-route cache, the 500 of an image metadata route and the log
// lines of after() and unstable_cache.
func TestMetadataAppBeyondTheRecording(t *testing.T) {
	// One worker: the draft case counts handler runs in module state, which is per worker.
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "--workers", "1", "fixtures/metadata-app")
	client := newClient(nil)
	get := func(path, cookie string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", p.base()+path, nil)
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}

	t.Run("draft-mode-round-trip", func(t *testing.T) {
		resp, _ := get("/helpers/draft/enable", "")
		var bypass string
		for _, c := range resp.Cookies() {
			if c.Name == "__prerender_bypass" {
				bypass = c.Value
			}
		}
		if len(bypass) != 32 {
			t.Fatalf("enable set __prerender_bypass=%q, want a 32-hex-digit id", bypass)
		}
		cookie := "__prerender_bypass=" + bypass
		if _, body := get("/helpers/draft/status", cookie); body != `{"isEnabled":true}` {
			t.Errorf("status with the cookie = %s, want isEnabled true", body)
		}
		// The static route is prerendered: every plain request is the same cached answer...
		_, first := get("/helpers/draft/static", "")
		resp, second := get("/helpers/draft/static", "")
		if first != second || first != `{"runs":1,"draft":false}` || resp.Header.Get("X-Nextjs-Cache") != "HIT" {
			t.Errorf("static answers %s then %s (%s), want the prerendered one twice, HIT",
				first, second, resp.Header.Get("X-Nextjs-Cache"))
		}
		// ...while a draft request runs the handler each time, and sees draft mode.
		_, d1 := get("/helpers/draft/static", cookie)
		_, d2 := get("/helpers/draft/static", cookie)
		if d1 != `{"runs":2,"draft":true}` || d2 != `{"runs":3,"draft":true}` {
			t.Errorf("draft answers %s, %s; want live runs 2 and 3 in draft mode", d1, d2)
		}
	})

	// The fixture has no node_modules: next/og's code (the app's next package) is missing.
	t.Run("image-metadata-route-is-a-clear-500", func(t *testing.T) {
		resp, body := get("/og/opengraph-image", "")
		if resp.StatusCode != 500 || !strings.Contains(body, "app/og/opengraph-image.tsx") || !strings.Contains(body, "ImageResponse") ||
			!strings.Contains(body, "npm install next") {
			t.Errorf("GET /og/opengraph-image = %d %q, want 500 naming the file, ImageResponse and what to install", resp.StatusCode, body)
		}
		if out := p.output.String(); !strings.Contains(out, "app/og/opengraph-image.tsx: image metadata routes") {
			t.Errorf("no start-up warning naming app/og/opengraph-image.tsx:\n%s", out)
		}
	})

	t.Run("after-errors-are-logged", func(t *testing.T) {
		get("/helpers/after", "")
		deadline := time.Now().Add(5 * time.Second)
		for {
			out := p.output.String()
			afterLogged := strings.Contains(out, "An error occurred in a function passed to `after()`") &&
				strings.Contains(out, "an after() task that fails is logged, never answered")
			if afterLogged {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("after() error not logged:\n%s", out)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}
