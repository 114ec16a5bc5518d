package router

import (
	"encoding/json"
	"net/http"
	"os"
	"reflect"
	"testing"
)

// pathpatterns.json holds what Next's own code answers (path-to-regexp, getPathMatch with
// modifyRouteRegex, prepareDestination) for the cases in pathpatterns-cases.json; re-record
// with `node router/testdata/pathpatterns.mjs <project with next installed>`.
type patternGolden struct {
	Next    string `json:"next"`
	Sources []struct {
		Source   string                     `json:"source"`
		Redirect bool                       `json:"redirect"`
		Regex    string                     `json:"regex"`
		Matches  map[string]json.RawMessage `json:"matches"`
	} `json:"sources"`
	Destinations []struct {
		Destination string                     `json:"destination"`
		Params      map[string]json.RawMessage `json:"params"`
		Query       map[string]string          `json:"-"`
		Rewrite     bool                       `json:"rewrite"`
		Pathname    string                     `json:"pathname"`
		Hostname    string                     `json:"hostname"`
		WantQuery   map[string]json.RawMessage `json:"-"`
	} `json:"destinations"`
}

func loadPatternGolden(t *testing.T) (patternGolden, []map[string]json.RawMessage) {
	t.Helper()
	data, err := os.ReadFile("testdata/pathpatterns.json")
	if err != nil {
		t.Fatal(err)
	}
	var g patternGolden
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Destinations []struct {
			Query map[string]json.RawMessage `json:"query"`
		} `json:"destinations"`
	}
	json.Unmarshal(data, &raw)
	queries := make([]map[string]json.RawMessage, len(raw.Destinations))
	for i, d := range raw.Destinations {
		queries[i] = d.Query
	}
	// The recorded "query" of a destination is the answer; the case's input query is
	// in pathpatterns-cases.json.
	var cases struct {
		Destinations []struct {
			Query map[string]string `json:"query"`
		} `json:"destinations"`
	}
	data, err = os.ReadFile("testdata/pathpatterns-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for i := range g.Destinations {
		g.Destinations[i].Query = cases.Destinations[i].Query
	}
	return g, queries
}

func paramJSON(p map[string]ParamValue) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		if v.Repeated {
			out[k] = v.Values
		} else {
			out[k] = v.Value
		}
	}
	return out
}

func TestSourcesAsNext(t *testing.T) {
	g, _ := loadPatternGolden(t)
	for _, c := range g.Sources {
		kind := "rewrite"
		if c.Redirect {
			kind = "redirect"
		}
		rs := &Rules{}
		r, err := rs.compileRule(kind, c.Source, "/x", nil, nil, nil, false)
		if err != nil {
			t.Errorf("%s: %v", c.Source, err)
			continue
		}
		if got := r.source.re.String(); got != c.Regex {
			t.Errorf("%s: regex %s, Next %s", c.Source, got, c.Regex)
		}
		for path, want := range c.Matches {
			params, ok := r.match(path, &Request{})
			var got any = false
			if ok {
				got = paramJSON(params)
			}
			var w any
			json.Unmarshal(want, &w)
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(w)
			if string(gj) != string(wj) {
				t.Errorf("%s on %s: %s, Next %s", c.Source, path, gj, wj)
			}
		}
	}
}

func TestDestinationsAsNext(t *testing.T) {
	g, queries := loadPatternGolden(t)
	for i, c := range g.Destinations {
		params := map[string]ParamValue{}
		for k, raw := range c.Params {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				params[k] = ParamValue{Value: s}
				continue
			}
			var vs []string
			json.Unmarshal(raw, &vs)
			params[k] = ParamValue{Values: vs, Repeated: true}
		}
		q := &Query{vals: map[string][]string{}}
		for k, v := range c.Query {
			q.Add(k, v)
		}
		r := &rule{destination: c.Destination}
		dest, gotQ, err := r.prepare(params, q, c.Rewrite)
		if err != nil {
			t.Errorf("%s: %v", c.Destination, err)
			continue
		}
		host := ""
		if dest.origin != "" {
			host = originOfHost(dest.origin)
		}
		if dest.path != c.Pathname || host != c.Hostname {
			t.Errorf("%s with %v: %s%s, Next %s%s", c.Destination, c.Params, host, dest.path, c.Hostname, c.Pathname)
		}
		var want map[string]any
		b, _ := json.Marshal(queries[i])
		json.Unmarshal(b, &want)
		got := map[string]any{}
		for _, k := range gotQ.keys {
			if vs := gotQ.vals[k]; len(vs) == 1 {
				got[k] = vs[0]
			} else {
				got[k] = vs
			}
		}
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if !reflect.DeepEqual(string(gj), string(wj)) {
			t.Errorf("%s query: %s, Next %s", c.Destination, gj, wj)
		}
	}
}

func originOfHost(origin string) string {
	for i := 0; i+2 < len(origin); i++ {
		if origin[i:i+3] == "://" {
			return origin[i+3:]
		}
	}
	return origin
}

// TestMatchersAsNext: middleware matchers compiled as Next's build compiles them
// (getMiddlewareMatchers) match the same paths as Next's getMiddlewareRouteMatcher.
func TestMatchersAsNext(t *testing.T) {
	data, err := os.ReadFile("testdata/pathpatterns.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Matchers []struct {
			Matcher  json.RawMessage `json:"matcher"`
			BasePath string          `json:"basePath"`
			Matches  map[string]bool `json:"matches"`
		} `json:"matchers"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Matchers) == 0 {
		t.Fatal("no matcher cases")
	}
	for _, c := range g.Matchers {
		var sources []string
		if json.Unmarshal(c.Matcher, &sources) != nil {
			var one string
			json.Unmarshal(c.Matcher, &one)
			sources = []string{one}
		}
		var ms []Matcher
		for _, s := range sources {
			ms = append(ms, Matcher{Source: s})
		}
		rs, err := Compile(&Config{BasePath: c.BasePath}, ms, true)
		if err != nil {
			t.Errorf("%s: %v", c.Matcher, err)
			continue
		}
		for path, want := range c.Matches {
			if got := rs.MiddlewareMatches(&Step{Path: path}, &Request{Header: http.Header{}}); got != want {
				t.Errorf("matcher %s (basePath %q) on %s: %v, Next %v", c.Matcher, c.BasePath, path, got, want)
			}
		}
	}
}
