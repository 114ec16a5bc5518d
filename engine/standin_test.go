package engine_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// JSROUTE_FETCH_STANDINS in .env answers the URLs its file lists, echoing a request header, and
// lets every other URL through to the network (a loopback server here).
func TestFetchStandins(t *testing.T) {
	real := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("from the network"))
	}))
	defer real.Close()
	root := writeApp(t, map[string]string{
		".env": "JSROUTE_FETCH_STANDINS=stand-ins.json\nKEY=k\"1\n",
		"stand-ins.json": `{"https://api.example.com/items?x=1": {"status": 201, "headers": [["content-type", "application/json"], ["x-b", "1"], ["x-b", "2"]],
  "body": "{\"key\":${header:API-Key},\"none\":${header:X-Missing}}"}}`,
		"app/items/route.ts": `export async function GET() {
  const res = await fetch('https://api.example.com/items?x=1', { headers: { 'API-Key': process.env.KEY! } })
  return new Response(res.status + ' ' + res.headers.get('x-b') + ' ' + res.headers.get('content-length') + ' ' + await res.text())
}
`,
		"app/other/route.ts": `export async function GET(request: Request) {
  const res = await fetch(new URL(request.url).searchParams.get('u')!)
  return new Response(await res.text())
}
`,
	})
	srv, logs := serve(t, engine.Options{Dir: root})
	if !strings.Contains(logs.String(), "fetch stand-ins: 1 URLs answered from stand-ins.json") {
		t.Errorf("no start-up line for the stand-ins:\n%s", logs)
	}
	want := `201 1, 2 26 {"key":"k\"1","none":null}`
	if status, _, body := get(t, srv.URL+"/items"); status != 200 || body != want {
		t.Errorf("/items = %d %q, want %q", status, body, want)
	}
	if _, _, body := get(t, srv.URL+"/other?u="+real.URL+"/x"); body != "from the network" {
		t.Errorf("/other = %q, want the network's answer", body)
	}

	// An embedder's own client decides: the variable is named in a warning, not applied.
	srv, logs = serve(t, engine.Options{Dir: root, HTTPClient: real.Client()})
	if !strings.Contains(logs.String(), "JSROUTE_FETCH_STANDINS=stand-ins.json is not applied") {
		t.Errorf("no warning for the stand-ins left out:\n%s", logs)
	}
	if status, _, _ := get(t, srv.URL+"/items"); status != 500 {
		t.Errorf("/items with the embedder's client = %d, want 500 (api.example.com is not reachable)", status)
	}
}

func TestFetchStandinsBadFile(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"missing":    {".env": "JSROUTE_FETCH_STANDINS=nope.json\n"},
		"not JSON":   {".env": "JSROUTE_FETCH_STANDINS=s.json\n", "s.json": "{"},
		"bad status": {".env": "JSROUTE_FETCH_STANDINS=s.json\n", "s.json": `{"https://a.example/": {"status": 0}}`},
	} {
		files["app/x/route.ts"] = "export function GET() { return new Response('x') }\n"
		root := writeApp(t, files)
		_, err := engine.New(engine.Options{Dir: root, Logger: slog.New(slog.NewTextHandler(&logBuf{}, nil))})
		if err == nil || !strings.Contains(err.Error(), "JSROUTE_FETCH_STANDINS") {
			t.Errorf("%s: err = %v, want one naming JSROUTE_FETCH_STANDINS", name, err)
		}
	}
}
