package router

import (
	"strings"
	"testing"
)

// FuzzResolve feeds arbitrary request lines to the table of the recorded Next app: Resolve never
// panics, and every decision is well formed. `go test` runs the committed corpus
// (testdata/fuzz/FuzzResolve); `go test ./router -fuzz FuzzResolve -fuzztime 30s` explores.
func FuzzResolve(f *testing.F) {
	table, diags := Build(nextApp)
	if len(diags) > 0 {
		f.Fatalf("the test app does not build: %v", diags)
	}
	for _, seed := range [][3]string{
		{"GET", "/", ""}, {"GET", "/items/a%2Fb", "x=1"}, {"POST", "/m/get", ""}, {"HEAD", "/m/getpost/", ""},
		{"OPTIONS", "/docs/a/b/c", ""}, {"get", "//api", ""}, {"GET", "/caf%C3%A9", ""}, {"GET", "/%", ""},
		{"GET", "/opt", ""}, {"BREW", "/x", ""}, {"GET", "*", ""}, {"GET", "/a/%00/c", "a=%ZZ"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, method, path, query string) {
		d := table.Resolve(method, path, query)
		switch d.Kind {
		case Call:
			if d.Route == nil || d.Method == "" {
				t.Fatalf("%s %q: a call with no route or method: %+v", method, path, d)
			}
			for _, p := range d.Params {
				if p.Name == "" {
					t.Fatalf("%s %q: a param with no name: %+v", method, path, d.Params)
				}
			}
		case Redirect:
			if d.Location == "" || d.Status < 300 || d.Status > 399 {
				t.Fatalf("%s %q: redirect %d to %q", method, path, d.Status, d.Location)
			}
			// Following the redirect must not redirect again (no loop).
			loc, q, _ := strings.Cut(d.Location, "?")
			if strings.HasPrefix(loc, "/") {
				if again := table.Resolve(method, loc, q); again.Kind == Redirect && again.Location == d.Location {
					t.Fatalf("%s %q: redirects to itself (%q)", method, path, d.Location)
				}
			}
		}
	})
}

// FuzzBuild: any set of file paths builds into a table or diagnostics, never a panic, and the
// table resolves its own patterns.
func FuzzBuild(f *testing.F) {
	f.Add("items/[slug]/route.ts\ndocs/[...parts]/route.ts\n(g)/x/route.ts")
	f.Add("[a]/route.ts\n[b]/route.ts")
	f.Add("opt/[[...rest]]/route.ts\nopt/route.ts\n[[...x]]/[y]/route.ts\n@slot/route.ts\n_p/route.ts")
	f.Fuzz(func(t *testing.T, files string) {
		var entries []Entry
		for _, file := range strings.Split(files, "\n") {
			entries = append(entries, Entry{File: file, Methods: []string{"GET"}})
		}
		table, _ := Build(entries)
		for _, r := range table.Routes() {
			table.Resolve("GET", r.Pattern, "")
		}
	})
}
