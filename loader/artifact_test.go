package loader

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// An artifact of a real build reads back as it was written, code and all, and its staleness
// names the file: inside the project, outside it (a monorepo import), added, removed.
func TestArtifactRoundTrip(t *testing.T) {
	top := t.TempDir()
	root := filepath.Join(top, "site")
	writeFile(t, root, "app/a/route.ts", "import { x } from '../../../shared/x'\nexport function GET() { return new Response(x) }\n")
	writeFile(t, root, "next.config.mjs", "export default {}\n")
	writeFile(t, top, "shared/x.ts", "export const x = 'shared'\n")
	app, err := FindApp(root)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(app, []string{"a/route.ts"}, Options{Inputs: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := BuildModule(app, "next.config.mjs", "__cfg", Options{Inputs: true})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"../shared/x.ts", "app/a/route.ts"}; !reflect.DeepEqual(b.Inputs, want) {
		t.Fatalf("bundle inputs %q, want %q", b.Inputs, want)
	}
	inputs, err := HashInputs(root, append(append(b.Inputs, m.Inputs...), ProjectInputs(app)...))
	if err != nil {
		t.Fatal(err)
	}
	listing, err := Listing(app)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"app/a/route.ts", "next.config.mjs"}; !reflect.DeepEqual(listing, want) {
		t.Errorf("listing %q, want %q", listing, want)
	}
	a := &Artifact{Format: ArtifactFormat, Version: "v-test", Built: time.Now().UTC(), AppDir: "app",
		Key: map[string]string{"routes": "k"}, Bundle: b, Modules: map[string]*Module{"next.config.mjs": m},
		Inputs: inputs, Listing: listing, Engine: []byte(`{"buildId":"x"}`)}
	dir := filepath.Join(root, ArtifactDir)
	if err := WriteArtifact(dir, a, map[string][]byte{"extra.json": []byte("[]")}); err != nil {
		t.Fatal(err)
	}
	got, err := ReadArtifact(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Bundle.Code != b.Code || !strings.Contains(got.Bundle.Code, "sourceMappingURL=data:") ||
		got.Modules["next.config.mjs"].Code != m.Code || !reflect.DeepEqual(got.Bundle.Routes, b.Routes) ||
		!reflect.DeepEqual(got.Inputs, a.Inputs) || !reflect.DeepEqual(got.Key, a.Key) || !got.Built.Equal(a.Built) ||
		strings.Join(strings.Fields(string(got.Engine)), "") != `{"buildId":"x"}` {
		t.Errorf("read back differs: code %v mods %v routes %v inputs %v key %v built %v engine %s", got.Bundle.Code == b.Code, got.Modules["next.config.mjs"].Code == m.Code, reflect.DeepEqual(got.Bundle.Routes, b.Routes), reflect.DeepEqual(got.Inputs, a.Inputs), reflect.DeepEqual(got.Key, a.Key), got.Built.Equal(a.Built), got.Engine)
	}
	if extra, err := os.ReadFile(filepath.Join(dir, "extra.json")); err != nil || string(extra) != "[]" {
		t.Errorf("extra file: %q %v", extra, err)
	}
	if why := got.Stale(app, "v-test"); why != "" {
		t.Errorf("fresh artifact reported stale: %s", why)
	}
	if why := got.Stale(app, "v-other"); !strings.Contains(why, "built by jsroute v-test, this is v-other") {
		t.Errorf("another version: %q", why)
	}
	// The artifact's own folder is no input: writing it changed nothing.
	writeFile(t, top, "shared/x.ts", "export const x = 'SHARED'\n")
	if why := got.Stale(app, "v-test"); why != "../shared/x.ts changed" {
		t.Errorf("edited outside the root: %q", why)
	}
	writeFile(t, top, "shared/x.ts", "export const x = 'shared'\n")
	if why := got.Stale(app, "v-test"); why != "" {
		t.Errorf("the same content again: %q", why)
	}
	writeFile(t, root, "package.json", "{}\n")
	if why := got.Stale(app, "v-test"); why != "package.json was added" {
		t.Errorf("package.json added: %q", why)
	}
	os.Remove(filepath.Join(root, "package.json"))
	os.Remove(filepath.Join(root, "next.config.mjs"))
	if why := got.Stale(app, "v-test"); why != "next.config.mjs was removed" {
		t.Errorf("next.config removed: %q", why)
	}
}

func TestReadArtifactErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadArtifact(filepath.Join(dir, "none")); err == nil || !strings.Contains(err.Error(), ErrNoArtifact.Error()) {
		t.Errorf("missing folder: %v", err)
	}
	writeFile(t, dir, "old/manifest.json", `{"format": 0}`)
	if _, err := ReadArtifact(filepath.Join(dir, "old")); err == nil || !strings.Contains(err.Error(), "run jsroute build again") {
		t.Errorf("old format: %v", err)
	}
	writeFile(t, dir, "bad/manifest.json", `{"format": 1`)
	if _, err := ReadArtifact(filepath.Join(dir, "bad")); err == nil {
		t.Error("a cut manifest read")
	}
	writeFile(t, dir, "nocode/manifest.json", `{"format": 1, "bundle": {}}`)
	if _, err := ReadArtifact(filepath.Join(dir, "nocode")); err == nil {
		t.Error("an artifact without routes.js read")
	}
	writeFile(t, dir, "evil/manifest.json", `{"format": 1, "bundle": {}, "modules": {"x": {"name": "../../etc/passwd"}}}`)
	writeFile(t, dir, "evil/routes.js", "")
	if _, err := ReadArtifact(filepath.Join(dir, "evil")); err == nil {
		t.Error("a module path leaving the folder was read")
	}
	a := &Artifact{Format: ArtifactFormat, Bundle: &Bundle{}, Modules: map[string]*Module{"x": {Name: "../x.js"}}}
	if err := WriteArtifact(filepath.Join(dir, "w"), a, nil); err == nil {
		t.Error("a module name leaving the folder was written")
	}
}
