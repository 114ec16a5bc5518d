package router

import "testing"

// benchTable is a 50-route app: 34 static routes, 13 with params, 3 catch-alls.
func benchTable(tb testing.TB) *Table {
	var es []Entry
	add := func(f string, m ...string) { es = append(es, Entry{File: f + "/route.ts", Methods: m}) }
	for _, r := range []string{"users", "orders", "products", "invoices", "teams", "projects", "tasks", "comments", "tags", "events"} {
		add("api/v1/"+r, "GET", "POST")
		add("api/v1/"+r+"/[id]", "GET", "PUT", "DELETE")
		add("api/v1/"+r+"/search", "GET")
	}
	for _, r := range []string{"health", "ready", "version", "login", "logout", "signup", "webhooks/stripe",
		"webhooks/github", "cron/daily", "cron/hourly", "sitemap", "feed", "og", "upload"} {
		add("api/"+r, "GET", "POST")
	}
	add("api/v1/users/[id]/posts/[postId]", "GET")
	add("api/v1/orders/[id]/items/[itemId]", "GET", "PATCH")
	add("api/v1/teams/[id]/members", "GET")
	add("docs/[...slug]", "GET")
	add("files/[...path]", "GET", "PUT")
	add("blog/[[...slug]]", "GET")
	tab, diags := Build(es)
	if len(diags) != 0 || len(tab.Routes()) != 50 {
		tb.Fatalf("%d routes, diagnostics %v", len(tab.Routes()), diags)
	}
	return tab
}

func BenchmarkResolve(b *testing.B) {
	tab := benchTable(b)
	for _, c := range []struct {
		name, method, path, query string
		want                      Kind
	}{
		{"static", "GET", "/api/v1/products/search", "q=shoes", Call},
		{"static-root-level", "POST", "/api/login", "", Call},
		{"dynamic", "GET", "/api/v1/users/42", "", Call},
		{"dynamic-2", "GET", "/api/v1/orders/1001/items/7", "", Call},
		{"dynamic-escaped", "GET", "/api/v1/tags/caf%C3%A9", "", Call},
		{"catch-all", "GET", "/docs/guide/routing/dynamic", "", Call},
		{"optional-empty", "GET", "/blog", "", Call},
		{"head-auto", "HEAD", "/api/v1/users/42", "", Call},
		{"options-auto", "OPTIONS", "/api/v1/users/42", "", AutoOptions},
		{"405", "PATCH", "/api/v1/users/42", "", MethodNotAllowed},
		{"404", "GET", "/api/v2/users/42", "", NotFound},
		{"trailing-slash", "GET", "/api/v1/users/", "page=2", Redirect},
	} {
		b.Run(c.name, func(b *testing.B) {
			if d := tab.Resolve(c.method, c.path, c.query); d.Kind != c.want {
				b.Fatalf("got %s, want %s", describe(d), c.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				tab.Resolve(c.method, c.path, c.query)
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchTable(b)
	}
}

// TestResolveAllocs pins the allocation budget of the hot path.
func TestResolveAllocs(t *testing.T) {
	tab := benchTable(t)
	for _, c := range []struct {
		method, path string
		max          float64
	}{
		{"GET", "/api/v1/products/search", 0},
		{"GET", "/api/v1/orders/1001/items/7", 1}, // the Params slice
		{"GET", "/docs/guide/routing/dynamic", 2}, // + the Values slice
		{"OPTIONS", "/api/v1/users/42", 1},
		{"GET", "/api/v2/users/42", 0},
	} {
		if n := testing.AllocsPerRun(100, func() { tab.Resolve(c.method, c.path, "") }); n > c.max {
			t.Errorf("%s %s: %v allocs, want <= %v", c.method, c.path, n, c.max)
		}
	}
}
