package loader

import (
	"strings"
	"testing"
)

// jsroute:host resolves to a module re-exporting the bindings' names from the host global; a
// name it lacks, another jsroute: module, or any import of it without bindings fails that route
// alone, with a message.
func TestBindingsModule(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "app/ok/route.ts", `import { greet, db } from 'jsroute:host';
export function GET() { return new Response(greet(String(db))); }`)
	writeFile(t, root, "app/missing/route.ts", `import { nope } from 'jsroute:host';
export function GET() { return new Response(String(nope)); }`)
	writeFile(t, root, "app/other/route.ts", `import { x } from 'jsroute:other';
export function GET() { return new Response(String(x)); }`)
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	routes := []string{"missing/route.ts", "ok/route.ts", "other/route.ts"}
	b, err := Build(app, routes, Options{Bindings: []string{"greet", "db"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Routes) != 1 || b.Routes[0] != "ok/route.ts" {
		t.Errorf("Routes = %q", b.Routes)
	}
	for _, want := range []string{`globalThis.__jsrouteHost`, `m["greet"]`, `m["db"]`} {
		if !strings.Contains(b.Code, want) {
			t.Errorf("bundle lacks %s", want)
		}
	}
	for route, want := range map[string]string{
		"missing/route.ts": `No matching export in "jsroute-bindings:jsroute:host" for import "nope"`,
		"other/route.ts":   "jsroute:other is not a jsroute module",
	} {
		if ds := b.Failed[route]; len(ds) == 0 || !strings.Contains(ds[0].Text, want) {
			t.Errorf("%s: %v, want %q", route, ds, want)
		}
	}
	b, err = Build(app, []string{"ok/route.ts"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds := b.Failed["ok/route.ts"]; len(ds) == 0 || !strings.Contains(ds[0].Text, "jsroute:host has no bindings") {
		t.Errorf("no bindings: %v", ds)
	}
	for name, ok := range map[string]bool{"db": true, "$x": true, "_1": true, "1a": false, "a-b": false, "class": false, "eval": false, "": false} {
		if ValidBindingName(name) != ok {
			t.Errorf("ValidBindingName(%q) = %v", name, !ok)
		}
	}
}
