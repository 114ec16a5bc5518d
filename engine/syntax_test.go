package engine_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// syntaxKnown are the corpus cases jsroute answers unlike Node 20, each with why. A case listed
// here must differ from Node: the list cannot go stale silently.
var syntaxKnown = map[string]string{
	"regex-d-flag": "goja has no d flag: esbuild turns the literal into new RegExp, which throws a SyntaxError naming the flag where it runs (a 500 with the stack), never a wrong answer",
	"regex-v-flag": "goja has no v flag: new RegExp(..., 'v') throws a SyntaxError",
	"error-messages": "goja words the errors it throws itself unlike V8 (`Cannot read property 'x' of undefined` for " +
		"`Cannot read properties of undefined (reading 'x')`, `Object has no member 'f'` for `o.f is not a function`...): " +
		"the names agree, the messages a handler may answer do not; changing them means changing goja",
}

// TestSyntaxCorpus: every syntax form of testdata/syntax/cases (ES2015–ES2025 as a bundle can
// hold it) is bundled through the real loader as a module a route imports, run in goja, and
// answers what Node 20 answers (testdata/syntax/node.json, recorded by `node record.mjs`).
func TestSyntaxCorpus(t *testing.T) {
	want := map[string]json.RawMessage{}
	raw, err := os.ReadFile("testdata/syntax/node.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	cases, _ := filepath.Glob("testdata/syntax/cases/*.js")
	for _, c := range cases {
		src, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(c), ".js")
		files["cases/"+name+".js"] = string(src)
		files["app/"+name+"/route.js"] = "import run from '../../cases/" + name + ".js'\nexport async function GET() { return Response.json(await run()) }\n"
	}
	if len(cases) != len(want) {
		t.Errorf("%d cases, %d recorded answers: run testdata/syntax/record.mjs", len(cases), len(want))
	}
	srv, logs := serve(t, engine.Options{Dir: writeApp(t, files), Workers: 1})
	for name, w := range want {
		st, _, body := get(t, srv.URL+"/"+name)
		var got, exp any
		json.Unmarshal([]byte(body), &got)
		json.Unmarshal(w, &exp)
		same := st == 200 && reflect.DeepEqual(got, exp)
		if why, known := syntaxKnown[name]; known {
			if same {
				t.Errorf("%s: listed as a known difference (%s) but answers %d %s", name, why, st, body)
			}
			continue
		}
		if !same {
			t.Errorf("%s: %d %s\n  Node: %s", name, st, body, compact(w))
		}
	}
	if t.Failed() {
		t.Log(logs)
	}
}

func compact(raw json.RawMessage) string {
	var v any
	json.Unmarshal(raw, &v)
	b, _ := json.Marshal(v)
	return string(b)
}
