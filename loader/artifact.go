package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The artifact of `jsroute build`: the esbuild output a production start needs, written to a folder
// (.jsroute/ in the project root by default) so that `jsroute start` can serve without running esbuild.
//
//	.jsroute/
//	  manifest.json   this package's Artifact: format, who built it, the options the code depends on, the
//	                  bundle's routes and diagnostics, the input files with their hashes, the app's listing;
//	                  and the engine's own part (the route table, the build id) in Artifact.Engine
//	  routes.js       Bundle.Code: every route in one program, its source map inline (goja reads only inline
//	                  maps, and that map is what makes a stack name "app/api/x/route.ts:12:9")
//	  <module>.js     each Module bundled alone (next.config, the middleware), under its Module.Name
//	  ...             files the engine adds (prerendered answers: engine/artifact.go)
//
// An artifact is stale, and must not be served, when any input changed since it was written: a file the
// bundles were made from (content hash; size and modification time first, so an unchanged tree costs a stat
// per file), the app's listing (a route, page, metadata or project file added or removed), or the jsroute that
// built it. Check tells which file.

// ArtifactFormat is the layout of the artifact folder; a folder written in another format is stale.
const ArtifactFormat = 1

// ArtifactDir is the artifact folder's default name, in the project root.
const ArtifactDir = ".jsroute"

const (
	artifactManifest = "manifest.json"
	artifactBundle   = "routes.js"
)

// Artifact is a build written to disk, or read back: everything but the code is in manifest.json.
type Artifact struct {
	Format int `json:"format"`
	// Version names the jsroute that built it (the engine's stamp): another jsroute may bundle differently,
	// so its artifact is stale.
	Version string    `json:"version"`
	Built   time.Time `json:"built"`
	// AppDir is the app directory relative to the project root, slash-separated ("app", "src/app").
	AppDir string `json:"appDir"`
	// Key holds the build options the code depends on (defines, bindings, ...), as the engine names them; the
	// engine compares them with its own before serving the artifact.
	Key map[string]string `json:"key,omitempty"`
	// Bundle is the routes' bundle; its Code lives in routes.js.
	Bundle *Bundle `json:"-"`
	// Modules are the files bundled alone, by the project file they were made from ("next.config.mjs",
	// "proxy.ts"); each Code lives in its Name.
	Modules map[string]*Module `json:"-"`
	// Inputs are the files the code was made from, and the project files that steer resolution.
	Inputs []InputFile `json:"inputs"`
	// Listing is the app as Listing saw it at build time.
	Listing []string `json:"listing"`
	// Engine is the engine's part of the manifest, kept as it wrote it.
	Engine json.RawMessage `json:"engine,omitempty"`
}

// manifestJSON is manifest.json: the artifact with its bundles' code left out (it is in files of its own).
type manifestJSON struct {
	*Artifact
	Bundle  bundleJSON            `json:"bundle"`
	Modules map[string]moduleJSON `json:"modules,omitempty"`
}

type bundleJSON struct {
	Routes       []string                `json:"routes"`
	Failed       map[string][]Diagnostic `json:"failed,omitempty"`
	Warnings     []Diagnostic            `json:"warnings,omitempty"`
	Lowered      []Diagnostic            `json:"lowered,omitempty"`
	HostPackages []string                `json:"hostPackages,omitempty"`
	Inputs       []string                `json:"inputs,omitempty"`
}

type moduleJSON struct {
	Name     string       `json:"name"`
	Warnings []Diagnostic `json:"warnings,omitempty"`
	Inputs   []string     `json:"inputs,omitempty"`
}

func (a *Artifact) manifest() manifestJSON {
	b := a.Bundle
	m := manifestJSON{Artifact: a, Bundle: bundleJSON{Routes: b.Routes, Failed: b.Failed, Warnings: b.Warnings,
		Lowered: b.Lowered, HostPackages: b.HostPackages, Inputs: b.Inputs}}
	for file, mod := range a.Modules {
		if m.Modules == nil {
			m.Modules = map[string]moduleJSON{}
		}
		m.Modules[file] = moduleJSON{Name: mod.Name, Warnings: mod.Warnings, Inputs: mod.Inputs}
	}
	return m
}

// InputFile is one input of an artifact, relative to the project root, slash-separated.
type InputFile struct {
	Path    string `json:"path"`
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"` // Unix nanoseconds
	SHA256  string `json:"sha256"`
}

// projectFiles are the project-root files that steer how the bundles resolve and compile without being
// inputs of esbuild's metafile: TypeScript path aliases, and package installs (a manifest or lock file).
var projectFiles = []string{
	"tsconfig.json", "jsconfig.json", "package.json",
	"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock", "bun.lockb",
}

// Listing names, sorted, what decides the shape of a build without being read by esbuild: every route, page
// and metadata file of the app directory, next.config and the middleware, and which project files exist. A
// file added anywhere in it (a new route) makes an artifact stale even though no input changed.
func Listing(app App) ([]string, error) {
	appRel, err := filepath.Rel(app.Root, app.AppDir)
	if err != nil {
		return nil, err
	}
	appRel = filepath.ToSlash(appRel)
	files, err := Scan(app.AppDir)
	if err != nil {
		return nil, err
	}
	metas, err := ScanMetadata(app.AppDir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		out = append(out, path.Join(appRel, f.Path))
	}
	for _, m := range metas {
		entry := path.Join(appRel, m.File)
		if m.Sitemaps {
			entry += " (generateSitemaps)"
		}
		out = append(out, entry)
	}
	nf, err := FindNextFiles(app)
	if err != nil {
		return nil, err
	}
	for _, f := range []string{nf.Config, nf.Middleware} {
		if f != "" {
			out = append(out, f)
		}
	}
	for _, f := range projectFiles {
		if isFile(filepath.Join(app.Root, f)) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// ProjectInputs lists the projectFiles the root holds, to add to a build's inputs.
func ProjectInputs(app App) []string {
	var out []string
	for _, f := range projectFiles {
		if isFile(filepath.Join(app.Root, f)) {
			out = append(out, f)
		}
	}
	return out
}

// HashInputs stats and hashes files (relative to root, slash-separated); each is listed once, sorted.
func HashInputs(root string, files []string) ([]InputFile, error) {
	files = slices.Clone(files)
	slices.Sort(files)
	files = slices.Compact(files)
	out := make([]InputFile, 0, len(files))
	for _, f := range files {
		// A file outside the root (a monorepo's ../packages/x.ts through tsconfig paths) is an input too.
		if f == "" || path.IsAbs(f) || strings.Contains(f, `\`) || path.Clean(f) != f {
			return nil, fmt.Errorf("jsroute: bad input path %q", f)
		}
		p := filepath.Join(root, filepath.FromSlash(f))
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("jsroute: input %s: %w", f, err)
		}
		sum, err := hashFile(p)
		if err != nil {
			return nil, fmt.Errorf("jsroute: input %s: %w", f, err)
		}
		out = append(out, InputFile{Path: f, Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), SHA256: sum})
	}
	return out, nil
}

func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteArtifact writes a to dir, replacing what dir held: the code files, any extra files (name → bytes,
// the engine's), then manifest.json. It writes into a new folder beside dir and renames it into place, so a
// reader never sees half an artifact.
func WriteArtifact(dir string, a *Artifact, extra map[string][]byte) error {
	if a.Bundle == nil {
		return errors.New("jsroute: artifact without a bundle")
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("jsroute: %w", err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return fmt.Errorf("jsroute: %w", err)
	}
	defer os.RemoveAll(tmp)
	files := map[string][]byte{artifactBundle: []byte(a.Bundle.Code)}
	for _, m := range a.Modules {
		if !safeName(m.Name) || m.Name == artifactBundle || m.Name == artifactManifest {
			return fmt.Errorf("jsroute: bad module name %q", m.Name)
		}
		files[m.Name] = []byte(m.Code)
	}
	for name, b := range extra {
		if _, clash := files[name]; clash || !safeName(name) || name == artifactManifest {
			return fmt.Errorf("jsroute: bad artifact file name %q", name)
		}
		files[name] = b
	}
	manifest, err := json.MarshalIndent(a.manifest(), "", "  ")
	if err != nil {
		return fmt.Errorf("jsroute: %w", err)
	}
	files[artifactManifest] = append(manifest, '\n')
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			return fmt.Errorf("jsroute: %w", err)
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("jsroute: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("jsroute: %w", err)
	}
	return nil
}

// safeName reports a plain file name: no folders, no dot files.
func safeName(name string) bool {
	return name != "" && !strings.ContainsAny(name, `/\`) && !strings.HasPrefix(name, ".")
}

// ErrNoArtifact is ReadArtifact's error for a folder that holds no artifact.
var ErrNoArtifact = errors.New("no artifact")

// ReadArtifact reads the artifact in dir: its manifest and code. A folder without manifest.json is
// ErrNoArtifact (wrapped); one in another format, or missing a code file, an error saying so.
func ReadArtifact(dir string) (*Artifact, error) {
	b, err := os.ReadFile(filepath.Join(dir, artifactManifest))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("jsroute: %s: %w", dir, ErrNoArtifact)
	}
	if err != nil {
		return nil, fmt.Errorf("jsroute: %w", err)
	}
	a := &Artifact{}
	m := manifestJSON{Artifact: a}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("jsroute: %s: %w", filepath.Join(dir, artifactManifest), err)
	}
	if a.Format != ArtifactFormat {
		return nil, fmt.Errorf("jsroute: %s is in artifact format %d, this jsroute reads %d: run jsroute build again", dir, a.Format, ArtifactFormat)
	}
	code, err := os.ReadFile(filepath.Join(dir, artifactBundle))
	if err != nil {
		return nil, fmt.Errorf("jsroute: %w", err)
	}
	mb := m.Bundle
	if mb.Failed == nil {
		mb.Failed = map[string][]Diagnostic{}
	}
	a.Bundle = &Bundle{Code: string(code), Name: BundleName, Routes: mb.Routes, Failed: mb.Failed, Warnings: mb.Warnings,
		Lowered: mb.Lowered, HostPackages: mb.HostPackages, Inputs: mb.Inputs}
	for file, mm := range m.Modules {
		if !safeName(mm.Name) {
			return nil, fmt.Errorf("jsroute: %s: bad module entry for %s", dir, file)
		}
		c, err := os.ReadFile(filepath.Join(dir, mm.Name))
		if err != nil {
			return nil, fmt.Errorf("jsroute: %w", err)
		}
		if a.Modules == nil {
			a.Modules = map[string]*Module{}
		}
		a.Modules[file] = &Module{Code: string(c), Name: mm.Name, Warnings: mm.Warnings, Inputs: mm.Inputs}
	}
	return a, nil
}

// Stale says why an artifact may not be served for app, naming a file; "" when it is fresh. version is the
// running jsroute's stamp.
func (a *Artifact) Stale(app App, version string) string {
	if a.Version != version {
		return fmt.Sprintf("it was built by jsroute %s, this is %s", a.Version, version)
	}
	appRel, err := filepath.Rel(app.Root, app.AppDir)
	if err != nil || filepath.ToSlash(appRel) != a.AppDir {
		return fmt.Sprintf("it was built for the app directory %s", a.AppDir)
	}
	for _, in := range a.Inputs {
		if why := in.changed(app.Root); why != "" {
			return why
		}
	}
	now, err := Listing(app)
	if err != nil {
		return err.Error()
	}
	if added, removed := diffSorted(a.Listing, now); added != "" {
		return added + " was added"
	} else if removed != "" {
		return removed + " was removed"
	}
	return ""
}

// changed says how the input differs from the file on disk now; "" when it does not.
func (in InputFile) changed(root string) string {
	p := filepath.Join(root, filepath.FromSlash(in.Path))
	fi, err := os.Stat(p)
	switch {
	case err != nil:
		return in.Path + " was removed"
	case fi.Size() != in.Size:
		return in.Path + " changed"
	case fi.ModTime().UnixNano() == in.ModTime:
		return ""
	}
	// Touched (a checkout, a copy): the content decides.
	if sum, err := hashFile(p); err != nil || sum != in.SHA256 {
		return in.Path + " changed"
	}
	return ""
}

// diffSorted returns the first entry of now missing from was (added) and else the first of was missing
// from now (removed); both sorted.
func diffSorted(was, now []string) (added, removed string) {
	for _, s := range now {
		if _, ok := slices.BinarySearch(was, s); !ok {
			return s, ""
		}
	}
	for _, s := range was {
		if _, ok := slices.BinarySearch(now, s); !ok {
			return "", s
		}
	}
	return "", ""
}
