package fetch_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/fetch"
)

// referenceSortAndCombine is Fetch §2.2.2 "sort and combine" written as the standard says it,
// step by step, without regard to cost.
func referenceSortAndCombine(fields []fetch.Field) []fetch.Field {
	var names []string
	for _, f := range fields {
		n := strings.ToLower(f.Name)
		if !contains(names, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var out []fetch.Field
	for _, n := range names {
		if n == "set-cookie" {
			for _, f := range fields {
				if strings.ToLower(f.Name) == n {
					out = append(out, fetch.Field{Name: n, Value: f.Value})
				}
			}
			continue
		}
		var vs []string
		for _, f := range fields {
			if strings.ToLower(f.Name) == n {
				vs = append(vs, f.Value)
			}
		}
		out = append(out, fetch.Field{Name: n, Value: strings.Join(vs, ", ")})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FuzzHeaderList applies a script of appends, sets and deletes (one per line: "+name:value",
// "=name:value", "-name") to a header list read through from a net/http header, and checks
// sort-and-combine, get and has against the standard's algorithm. `go test` runs the committed
// corpus (testdata/fuzz/FuzzHeaderList).
func FuzzHeaderList(f *testing.F) {
	f.Add("Accept:a\nX-A:1", "+x-a:2\n+Set-Cookie:a=1\n+set-cookie:b=2\n=X-B:3\n-accept")
	f.Add("Cookie:a=b", "+b:1\n+a:2\n+B:3\n=b:4")
	f.Add("", "-x\n+x:\n+X:")
	f.Fuzz(func(t *testing.T, incoming, script string) {
		src := http.Header{}
		for _, line := range strings.Split(incoming, "\n") {
			if name, value, ok := strings.Cut(line, ":"); ok && name != "" {
				src.Add(name, value)
			}
		}
		l := fetch.HeaderListFrom(src, fetch.Field{Name: "host", Value: "example.com"})
		for _, line := range strings.Split(script, "\n") {
			if line == "" {
				continue
			}
			name, value, _ := strings.Cut(line[1:], ":")
			before := l.Version()
			switch line[0] {
			case '+':
				l.Append(name, value)
			case '=':
				l.Set(name, value)
			case '-':
				l.Delete(name)
			default:
				continue
			}
			if l.Version() == before {
				t.Fatalf("%q did not move the version", line)
			}
		}
		fields := append([]fetch.Field(nil), l.Fields()...)
		got, want := l.SortAndCombine(), referenceSortAndCombine(fields)
		if len(got) != len(want) {
			t.Fatalf("sort and combine: %q, want %q", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("sort and combine: %q, want %q", got, want)
			}
		}
		for _, f := range fields {
			v, ok := l.Get(f.Name)
			if !ok || !l.Has(f.Name) {
				t.Fatalf("%q is listed but Get/Has miss it", f.Name)
			}
			if strings.ToLower(f.Name) != "set-cookie" {
				for _, w := range want {
					if w.Name == strings.ToLower(f.Name) && w.Value != v {
						t.Fatalf("Get(%q) = %q, want %q", f.Name, v, w.Value)
					}
				}
			}
		}
	})
}
