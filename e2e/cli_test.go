package e2e

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestConflictAppFailsToLoad: a page and a route at the same segment is a load-time error naming both files
// (spec "Route Resolution"; Next: "Conflicting route and page at /").
func TestConflictAppFailsToLoad(t *testing.T) {
	out, err := runJsroute(t, "start", "-p", "0", "-H", "127.0.0.1", "fixtures/conflict-app")
	if err == nil {
		t.Fatalf("jsroute start fixtures/conflict-app exited 0:\n%s", out)
	}
	for _, file := range []string{"app/page.tsx", "app/route.ts"} {
		if !strings.Contains(out, file) {
			t.Errorf("output does not name %s:\n%s", file, out)
		}
	}
}

// TestStartBannerAndRequestLog: flags after the directory work; the banner shows the URL and a route table;
// every request is logged with method, path, status and duration.
func TestStartBannerAndRequestLog(t *testing.T) {
	p := startJsroute(t, "start", "fixtures/docs-app", "-p", "PORT", "-H", "127.0.0.1")
	if !strings.Contains(p.output.String(), p.base()) {
		t.Errorf("banner does not print %s:\n%s", p.base(), p.output)
	}
	for _, route := range []string{"/ts/cors", "/js/cors", "/ts/items/[slug]", "/js/api/search", "/ts/force-static"} {
		if !regexp.MustCompile(`(?m)` + regexp.QuoteMeta(route) + `(\s|$)`).MatchString(p.output.String()) {
			t.Errorf("route table lacks %s:\n%s", route, p.output)
		}
	}

	client := newClient(nil)
	for _, r := range []struct {
		method, path, status string
	}{
		{"GET", "/ts/cors", "200"},
		{"POST", "/ts/cors", "405"},
		{"GET", "/nope", "404"},
	} {
		req, _ := http.NewRequest(r.method, p.base()+r.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if !eventually(2*time.Second, func() bool { return hasLogLine(p.output.String(), r.method, r.path, r.status) }) {
			t.Errorf("no log line with %s %s %s and a duration:\n%s", r.method, r.path, r.status, p.output)
		}
	}
}

// TestDevReloads: `jsroute dev` picks up an edited, an added and a deleted route on the next request, and a
// syntax error answers 500 with file:line for that route only, until it is fixed.
func TestDevReloads(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, src string) {
		t.Helper()
		path := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	route := func(text string) string {
		return "export async function GET(request: Request) {\n  return new Response('" + text + "')\n}\n"
	}
	write("app/hello/route.ts", route("hello v1"))
	write("app/bye/route.ts", route("bye"))
	p := startJsroute(t, "dev", "-p", "PORT", "-H", "127.0.0.1", dir)
	client := newClient(nil)

	expect := func(path string, status int, body string) {
		t.Helper()
		resp, err := client.Get(p.base() + path)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != status || (body != "" && !regexp.MustCompile(body).Match(data)) {
			t.Errorf("GET %s = %d %s, want %d matching %q", path, resp.StatusCode, clip(data), status, body)
		}
	}
	// A person saves, then reloads: the first request after the save must see it.
	const save = 250 * time.Millisecond

	expect("/hello", 200, "^hello v1$")
	expect("/bye", 200, "^bye$")
	expect("/new", 404, "")

	t.Run("edit", func(t *testing.T) {
		write("app/hello/route.ts", route("hello v2"))
		time.Sleep(save)
		expect("/hello", 200, "^hello v2$")
	})
	t.Run("add", func(t *testing.T) {
		write("app/new/route.ts", route("new"))
		time.Sleep(save)
		expect("/new", 200, "^new$")
	})
	t.Run("delete", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(dir, "app", "bye")); err != nil {
			t.Fatal(err)
		}
		time.Sleep(save)
		expect("/bye", 404, "")
		expect("/hello", 200, "^hello v2$")
	})
	t.Run("syntax error", func(t *testing.T) {
		write("app/hello/route.ts", "export async function GET(request: Request) {\n  return new Response('oops'\n}\n")
		time.Sleep(save)
		expect("/hello", 500, `app/hello/route\.ts:\d+`)
		expect("/new", 200, "^new$")
		write("app/hello/route.ts", route("hello v3"))
		time.Sleep(save)
		expect("/hello", 200, "^hello v3$")
	})
}

var duration = regexp.MustCompile(`\b\d+(\.\d+)?(ns|µs|us|ms|s)\b`)

// hasLogLine reports whether one line of output names the method, the path and the status as words, and a
// duration (time.Duration's notation), in any order.
func hasLogLine(output, method, path, status string) bool {
	for _, line := range strings.Split(output, "\n") {
		fields := strings.Fields(line)
		has := func(word string) bool {
			for _, f := range fields {
				if strings.Trim(f, `"[](),:`) == word {
					return true
				}
			}
			return false
		}
		if has(method) && has(path) && has(status) && duration.MatchString(line) {
			return true
		}
	}
	return false
}

func eventually(limit time.Duration, ok func() bool) bool {
	for deadline := time.Now().Add(limit); ; time.Sleep(20 * time.Millisecond) {
		if ok() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}
