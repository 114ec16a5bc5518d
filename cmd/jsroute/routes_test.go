package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// TestRoutesJSONGolden: `jsroute routes fixtures/docs-app --json` lists every route with its methods,
// file and segment config (testdata/routes-docs-app.json; `go test ./cmd/jsroute -run Golden -update`
// rewrites it). The docs-app exports each segment config key, so a change in how one is read shows here.
func TestRoutesJSONGolden(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"routes", filepath.Join("..", "..", "fixtures", "docs-app"), "--json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut.String())
	}
	golden := filepath.Join("testdata", "routes-docs-app.json")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("routes --json differs from %s (re-run with -update if the change is intended):\n%s", golden, out.String())
	}
}

// TestRoutesTable: the text table shows the pattern, methods, the config that differs from Next's
// defaults and the file, with ○ for prerendered routes.
func TestRoutesTable(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"routes", filepath.Join("..", "..", "fixtures", "docs-app")}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d:\n%s", code, errOut.String())
	}
	for _, line := range []string{
		"○ /ts/force-static  GET  dynamic=force-static  ts/force-static/route.ts",
		"○ /ts/revalidate  GET  revalidate=60  ts/revalidate/route.ts",
		"ƒ /ts/form-data  POST  -  ts/form-data/route.ts",
		"ƒ /ts/items/[slug]  GET  -  ts/items/[slug]/route.ts",
	} {
		if !strings.Contains(squeeze(out.String()), line) {
			t.Errorf("no line %q in:\n%s", line, out.String())
		}
	}
}

// TestRoutesMissingApp: a folder with no app/ is an error naming it, exit 1.
func TestRoutesMissingApp(t *testing.T) {
	var out, errOut bytes.Buffer
	dir := t.TempDir()
	if code := run([]string{"routes", dir}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), filepath.Base(dir)) {
		t.Errorf("exit %d, stderr %q: want 1 naming %s", code, errOut.String(), dir)
	}
}

// squeeze turns runs of spaces into two, as the tab writer's padding varies with the widest cell.
func squeeze(s string) string {
	for strings.Contains(s, "   ") {
		s = strings.ReplaceAll(s, "   ", "  ")
	}
	return s
}
