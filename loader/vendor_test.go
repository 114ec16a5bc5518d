package loader

import (
	"strings"
	"testing"
)

// vendorApp is a project whose route imports packages of each kind esbuild's interop tells apart: CommonJS,
// CommonJS marked __esModule, an ES module (.mjs, with a live binding), a package subpath, a package two
// specifiers reach, and a tsconfig alias that looks like a package but is the app's own file.
func vendorApp(t *testing.T) string {
	root := t.TempDir()
	writeFile(t, root, "tsconfig.json", `{"compilerOptions": {"paths": {"@/*": ["./lib/*"]}}}`)
	writeFile(t, root, "lib/own.ts", "export const own = 'own'\n")
	writeFile(t, root, "node_modules/cjs/package.json", `{"name": "cjs", "main": "index.js"}`)
	writeFile(t, root, "node_modules/cjs/index.js", "module.exports = function hello() { return 'cjs' }\nmodule.exports.extra = 1\n")
	writeFile(t, root, "node_modules/cjs/sub.js", "exports.sub = 'sub'\n")
	writeFile(t, root, "node_modules/flagged/package.json", `{"name": "flagged", "main": "index.js"}`)
	writeFile(t, root, "node_modules/flagged/index.js",
		"Object.defineProperty(exports, '__esModule', { value: true })\nexports.default = 'dflt'\nexports.named = 'n'\n")
	writeFile(t, root, "node_modules/esm/package.json", `{"name": "esm", "exports": {".": "./index.mjs", "./again": "./index.mjs"}}`)
	writeFile(t, root, "node_modules/esm/index.mjs",
		"export default 'esm-default'\nexport const named = 'esm-named'\nexport let counter = 0\nexport function bump() { counter++ }\n")
	writeFile(t, root, "app/one/route.ts", `import cjs from 'cjs'
import { sub } from 'cjs/sub.js'
import flagged, { named as flaggedNamed } from 'flagged'
import esmDefault, { named, counter, bump } from 'esm'
import * as esmNs from 'esm'
import * as again from 'esm/again'
import { own } from '@/own'
export function GET() {
  bump()
  return new Response(JSON.stringify([cjs(), cjs.extra, sub, flagged, flaggedNamed, esmDefault, named, counter,
    Object.keys(esmNs).sort(), Object.keys(again).length, again.counter, own]))
}
`)
	writeFile(t, root, "app/two/route.ts", "import { bump, counter } from 'esm'\nexport function GET() { bump(); return new Response(String(counter)) }\n")
	return root
}

// TestVendorSplit: with Options.Vendor the packages go to a program of their own, built once, and the routes
// answer as with one bundle.
func TestVendorSplit(t *testing.T) {
	root := vendorApp(t)
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	routes := []string{"one/route.ts", "two/route.ts"}
	answers := func(b *Bundle) string {
		r := newJSRuntime(t, b)
		var out []string
		for _, route := range []string{"one/route.ts", "two/route.ts", "one/route.ts"} {
			body, err := r.call(route, "GET")
			if err != nil {
				t.Fatalf("%s: %v", route, err)
			}
			out = append(out, body)
		}
		return strings.Join(out, "\n")
	}
	one, err := Build(app, routes, Options{Dev: true})
	if err != nil {
		t.Fatal(err)
	}
	if one.Vendor != nil {
		t.Fatal("a Build without Options.Vendor made a vendor program")
	}
	compiles := 0
	v := NewVendor(func(code string) (any, error) { compiles++; return code, nil })
	split, err := Build(app, routes, Options{Dev: true, Vendor: v})
	if err != nil {
		t.Fatal(err)
	}
	if split.Vendor == nil {
		t.Fatal("no vendor program")
	}
	want := `["cjs",1,"sub","dflt","n","esm-default","esm-named",1,["bump","counter","default","named"],4,1,"own"]
2
["cjs",1,"sub","dflt","n","esm-default","esm-named",3,["bump","counter","default","named"],4,3,"own"]`
	if got := answers(one); got != want {
		t.Fatalf("one bundle answers\n%s\nwant\n%s", got, want)
	}
	if got := answers(split); got != want {
		t.Errorf("split answers\n%s\nwant (as one bundle)\n%s", got, want)
	}
	if got := strings.Join(split.Vendor.Packages, " "); got != "node_modules/cjs/index.js node_modules/cjs/sub.js node_modules/esm/index.mjs node_modules/flagged/index.js" {
		t.Errorf("vendor packages = %s", got)
	}
	if strings.Contains(split.Code, "esm-named") || !strings.Contains(split.Vendor.Code, "esm-named") {
		t.Error("the package code is in the app program, or not in the vendor program")
	}

	// An edit of the app: the vendor program is reused, not built or compiled again.
	writeFile(t, root, "app/two/route.ts", "import { counter } from 'esm'\nexport function GET() { return new Response('edited ' + counter) }\n")
	again, err := Build(app, routes, Options{Dev: true, Vendor: v})
	if err != nil {
		t.Fatal(err)
	}
	if compiles != 1 || again.Vendor == nil || again.Vendor.Took != 0 || again.Vendor.Code != split.Vendor.Code {
		t.Errorf("after an app edit: %d vendor compiles, reused = %v; want 1, true", compiles, again.Vendor != nil && again.Vendor.Took == 0)
	}
	// A package file changed: built again.
	writeFile(t, root, "node_modules/esm/index.mjs",
		"export default 'esm-default 2'\nexport const named = 'esm-named'\nexport let counter = 0\nexport function bump() { counter++ }\n")
	third, err := Build(app, routes, Options{Dev: true, Vendor: v})
	if err != nil {
		t.Fatal(err)
	}
	if compiles != 2 || third.Vendor == nil || !strings.Contains(third.Vendor.Code, "esm-default 2") {
		t.Errorf("after a package edit: %d vendor compiles, want 2 and the new code", compiles)
	}
}

// TestVendorSplitFallsBack: a vendor program the runtime cannot compile gives the one bundle, and the split
// is not tried again until something changes.
func TestVendorSplitFallsBack(t *testing.T) {
	root := vendorApp(t)
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	tries := 0
	v := NewVendor(func(code string) (any, error) { tries++; return nil, errString("no") })
	for range 2 {
		b, err := Build(app, []string{"one/route.ts"}, Options{Dev: true, Vendor: v})
		if err != nil {
			t.Fatal(err)
		}
		if b.Vendor != nil || !strings.Contains(b.Code, "esm-named") {
			t.Fatal("no fallback to the one bundle")
		}
	}
	if tries != 1 {
		t.Errorf("the vendor program was compiled %d times, want 1", tries)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestVendorSplitNodeMode: an app in Node's ES module mode ("type": "module") is not split: there esbuild's
// interop makes a default import of a CommonJS stand-in its module.exports, not the ES module's default.
func TestVendorSplitNodeMode(t *testing.T) {
	root := vendorApp(t)
	writeFile(t, root, "package.json", `{"type": "module"}`)
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	v := NewVendor(func(code string) (any, error) { return code, nil })
	b, err := Build(app, []string{"two/route.ts", "one/route.ts"}, Options{Dev: true, Vendor: v})
	if err != nil {
		t.Fatal(err)
	}
	if b.Vendor != nil {
		t.Fatal("a \"type\": \"module\" app was split")
	}
	body, err := newJSRuntime(t, b).call("one/route.ts", "GET")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, `"esm-default"`) {
		t.Errorf("GET = %s, want the ES module's default export", body)
	}
}
