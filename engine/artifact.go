package engine

import (
	"bytes"
	"context"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/loader"
)

// The build artifact (`jsroute build`, loader/artifact.go): Build loads the app as New does for
// start, prerenders its static routes, and writes what esbuild made — the routes' bundle with its
// inline source map, next.config and the middleware bundled alone — with the options the code
// depends on, the inputs' hashes and the prerendered answers. New, given Options.Artifact, serves
// that code when it is fresh: no esbuild run, and the prerendered answers go into the cache, so
// their first request is a HIT without running the handler.
//
// A stale artifact (an input changed, a route added, another jsroute built it, next.config's env
// now gives other values) is never served: New logs a warning naming what changed and bundles in
// memory, as without an artifact. Serving old code after an edit would be the worse surprise, and
// failing the start would turn a forgotten `jsroute build` into an outage. A Reload (SIGHUP) looks
// at the artifact again, so `jsroute build` then SIGHUP switches to the new build.

// artifactPrerender is the artifact file holding the prerendered answers.
const artifactPrerender = "prerender.json"

// artifactUse is the artifact state of one load: the one being served, or the one being recorded.
type artifactUse struct {
	dir    string
	serve  *loader.Artifact // fresh, read at the start of this load
	record *loader.Artifact // Build: filled by this load
	seeded int              // prerendered answers put in the cache
}

// artifactEngine is the engine's part of the manifest.
type artifactEngine struct {
	BuildID     string      `json:"buildId"`
	Routes      []RouteInfo `json:"routes"`
	Prerendered []string    `json:"prerendered,omitempty"`
}

// artifactDir resolves Options.Artifact: a relative path starts at the project root.
func (e *Engine) artifactDir() string {
	d := e.opts.Artifact
	if d == "" || filepath.IsAbs(d) {
		return d
	}
	return filepath.Join(e.app.Root, d)
}

// startArtifact is called at the start of every load: it reads Options.Artifact and keeps it for
// this load when it is fresh, else says why not (a missing folder says nothing: there was no build).
func (e *Engine) startArtifact() {
	if e.opts.record != nil {
		e.art = &artifactUse{record: e.opts.record}
		return
	}
	e.art = nil
	dir := e.artifactDir()
	if dir == "" || e.opts.Dev {
		return
	}
	a, err := loader.ReadArtifact(dir)
	switch {
	case errors.Is(err, loader.ErrNoArtifact):
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			e.opts.Logger.Warn(fmt.Sprintf("⚠ %s holds no jsroute build (no manifest.json); bundling in memory", e.shownDir(dir)))
		}
		return
	case err != nil:
		e.opts.Logger.Warn(fmt.Sprintf("⚠ %v; bundling in memory", err))
		return
	}
	if why := a.Stale(e.app, buildStamp()); why != "" {
		e.opts.Logger.Warn(fmt.Sprintf("⚠ the build in %s is stale: %s; bundling in memory (run `jsroute build` again)", e.shownDir(dir), why))
		return
	}
	e.art = &artifactUse{dir: dir, serve: a}
}

// shownDir is dir relative to the working directory when it is under it.
func (e *Engine) shownDir(dir string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, dir); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return dir
}

// buildKey names the loader options a bundle's code depends on, for comparing a build's with a load's.
func buildKey(o loader.Options) string {
	defs := make([]string, 0, len(o.Define))
	for k, v := range o.Define {
		defs = append(defs, k+"="+v)
	}
	sort.Strings(defs)
	b, _ := json.Marshal(struct {
		Dev          bool     `json:"dev"`
		Define       []string `json:"define,omitempty"`
		Bindings     []string `json:"bindings,omitempty"`
		NoAccelerate bool     `json:"noAccelerate,omitempty"`
		// CatchOverflow: a build made before the try transform (loader/trycatch.go) is made again.
		CatchOverflow bool `json:"catchOverflow,omitempty"`
	}{o.Dev, defs, slices.Sorted(slices.Values(o.Bindings)), o.NoAccelerate, o.CatchOverflow})
	return string(b)
}

// bundleRoutes is loader.Build for load: from the artifact when it holds these routes built with
// these options and the runtime compiles it, else by esbuild (recorded when Build asked).
func (e *Engine) bundleRoutes(routes []string, opts loader.Options, comp *compiler) (*loader.Bundle, error) {
	if u := e.art; u != nil && u.serve != nil {
		a := u.serve
		switch {
		case a.Key["routes"] != buildKey(opts):
			e.opts.Logger.Warn(fmt.Sprintf("⚠ the build in %s was made with other options (next.config env, bindings or --no-accelerate); bundling in memory", e.shownDir(u.dir)))
		case !slices.Equal(a.Bundle.Routes, without(routes, a.Bundle.Failed)):
			e.opts.Logger.Warn(fmt.Sprintf("⚠ the build in %s holds other routes; bundling in memory", e.shownDir(u.dir)))
		default:
			if ce := comp.check(a.Bundle.Code); ce != nil {
				e.opts.Logger.Warn(fmt.Sprintf("⚠ the build in %s does not compile (%s:%d:%d: %s); bundling in memory", e.shownDir(u.dir), loader.BundleName, ce.Line, ce.Column, ce.Message))
				break
			}
			e.seedPrerendered(u)
			e.opts.Logger.Info(fmt.Sprintf("✓ serving the build in %s (made %s), %d prerendered answers", e.shownDir(u.dir), a.Built.Local().Format(time.DateTime), u.seeded))
			b := *a.Bundle
			return &b, nil
		}
		u.serve = nil // the modules are bundled again too: one build, not a mix
	}
	if e.art != nil && e.art.record != nil {
		opts.Inputs = true
	}
	b, err := loader.Build(e.app, routes, opts)
	if err == nil && e.art != nil && e.art.record != nil {
		e.art.record.Bundle = b
		e.art.record.Key["routes"] = buildKey(opts)
	}
	return b, err
}

// without is routes less those in failed.
func without(routes []string, failed map[string][]loader.Diagnostic) []string {
	out := []string{}
	for _, r := range routes {
		if _, ok := failed[r]; !ok {
			out = append(out, r)
		}
	}
	return out
}

// bundleModule is loader.BuildModule for load (next.config, the middleware), from the artifact or
// recorded as bundleRoutes.
func (e *Engine) bundleModule(file, global string, opts loader.Options) (*loader.Module, error) {
	if u := e.art; u != nil && u.serve != nil {
		if m, ok := u.serve.Modules[file]; ok && u.serve.Key["module:"+file] == buildKey(opts) {
			c := *m
			return &c, nil
		}
		e.opts.Logger.Warn(fmt.Sprintf("⚠ the build in %s has no %s made with these options; bundling in memory", e.shownDir(u.dir), file))
		u.serve = nil
	}
	if e.art != nil && e.art.record != nil {
		opts.Inputs = true
	}
	m, err := loader.BuildModule(e.app, file, global, opts)
	if err == nil && e.art != nil && e.art.record != nil {
		e.art.record.Modules[file] = m
		e.art.record.Key["module:"+file] = buildKey(opts)
	}
	return m, err
}

// prerendered is one answer of prerender.json.
type prerendered struct {
	Key        string              `json:"key"`
	Status     int                 `json:"status"`
	Header     map[string][]string `json:"header,omitempty"`
	Body       []byte              `json:"body"`
	Stored     time.Time           `json:"stored"`
	Revalidate time.Duration       `json:"revalidate,omitempty"`
	Tags       []string            `json:"tags,omitempty"`
}

// seedPrerendered puts the artifact's prerendered answers in the cache (those it does not hold
// already: a shared store may have newer ones), so the start-up prerender finds them.
func (e *Engine) seedPrerendered(u *artifactUse) {
	b, err := os.ReadFile(filepath.Join(u.dir, artifactPrerender))
	if err != nil {
		return // none prerendered
	}
	var list []prerendered
	if err := json.Unmarshal(b, &list); err != nil {
		e.opts.Logger.Warn(fmt.Sprintf("⚠ %s: %v; prerendering at start", filepath.Join(e.shownDir(u.dir), artifactPrerender), err))
		return
	}
	ctx := context.Background()
	prefix := "route:" + buildID(u.serve.Bundle.Code) + ":"
	for _, p := range list {
		if !strings.HasPrefix(p.Key, prefix) || p.Status < 100 || p.Status > 999 {
			e.opts.Logger.Warn(fmt.Sprintf("⚠ %s: an answer for %q is not of this build; left out", filepath.Join(e.shownDir(u.dir), artifactPrerender), p.Key))
			continue
		}
		if _, ok := e.cache.Get(ctx, p.Key); ok {
			continue
		}
		e.cache.Set(ctx, p.Key, &cache.Entry{Status: p.Status, Header: p.Header, Body: p.Body, Stored: p.Stored,
			Revalidate: p.Revalidate, Tags: p.Tags})
		u.seeded++
	}
}

// recordingStore is the cache of a Build: an in-memory store that keeps the full-route answers the
// prerender stores, for the artifact.
type recordingStore struct {
	cache.Store
	mu      sync.Mutex
	entries map[string]*cache.Entry
}

func (s *recordingStore) Set(ctx context.Context, key string, e *cache.Entry) {
	if strings.HasPrefix(key, "route:") {
		s.mu.Lock()
		s.entries[key] = e
		s.mu.Unlock()
	}
	s.Store.Set(ctx, key, e)
}

// BuildResult is what Build wrote.
type BuildResult struct {
	// Dir is the artifact folder.
	Dir string
	// Routes is the route table, as Engine.Routes.
	Routes []RouteInfo
	// Prerendered lists the cache keys of the answers prerendered into the artifact.
	Prerendered []string
	// Inputs is the number of files the artifact depends on.
	Inputs int
	// Took is how long the build took.
	Took time.Duration
}

// Build bundles the app of opts as New does for start (opts.Dev is ignored), runs it, prerenders
// its static routes, and writes the artifact to out (a relative path starts at the project root;
// "" means loader.ArtifactDir, ".jsroute"), for New with Options.Artifact. An app with problems
// (a route that does not build, or throws as it loads) is not written, as `next build` fails:
// the error lists them.
func Build(opts Options, out string) (*BuildResult, error) {
	began := time.Now()
	opts.Dev = false
	opts.Artifact = ""
	if opts.Workers <= 0 {
		opts.Workers = 1 // one runtime is enough to prerender and costs a tenth of N
	}
	store := &recordingStore{Store: cache.NewMemory(0), entries: map[string]*cache.Entry{}}
	opts.Cache = store
	rec := &loader.Artifact{Format: loader.ArtifactFormat, Version: buildStamp(), Key: map[string]string{}, Modules: map[string]*loader.Module{}}
	opts.record = rec
	e, err := New(opts)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	if problems := e.Problems(); len(problems) > 0 {
		return nil, &LoadError{Diagnostics: problems}
	}
	if rec.Bundle == nil {
		return nil, errors.New("jsroute: build: the app was not bundled")
	}
	appRel, err := filepath.Rel(e.app.Root, e.app.AppDir)
	if err != nil {
		return nil, err
	}
	rec.AppDir = filepath.ToSlash(appRel)
	rec.Built = time.Now().UTC()
	inputs := append(slices.Clone(rec.Bundle.Inputs), loader.ProjectInputs(e.app)...)
	for file, m := range rec.Modules {
		inputs = append(inputs, file)
		inputs = append(inputs, m.Inputs...)
	}
	if rec.Inputs, err = loader.HashInputs(e.app.Root, inputs); err != nil {
		return nil, err
	}
	if rec.Listing, err = loader.Listing(e.app); err != nil {
		return nil, err
	}
	g := e.cur.Load()
	eng := artifactEngine{BuildID: g.build, Routes: e.Routes()}
	var list []prerendered
	store.mu.Lock()
	for key, en := range store.entries {
		list = append(list, prerendered{Key: key, Status: en.Status, Header: en.Header, Body: en.Body, Stored: en.Stored,
			Revalidate: en.Revalidate, Tags: en.Tags})
		eng.Prerendered = append(eng.Prerendered, key)
	}
	store.mu.Unlock()
	sort.Slice(list, func(i, j int) bool { return list[i].Key < list[j].Key })
	sort.Strings(eng.Prerendered)
	if rec.Engine, err = json.Marshal(eng); err != nil {
		return nil, err
	}
	extra := map[string][]byte{}
	if len(list) > 0 {
		b, err := json.Marshal(list)
		if err != nil {
			return nil, err
		}
		extra[artifactPrerender] = b
	}
	dir := out
	if dir == "" {
		dir = loader.ArtifactDir
	}
	if !filepath.IsAbs(dir) {
		if opts.FS != nil {
			return nil, errors.New("jsroute: build: with Options.FS, out must be an absolute path")
		}
		dir = filepath.Join(e.app.Root, dir)
	}
	if err := loader.WriteArtifact(dir, rec, extra); err != nil {
		return nil, err
	}
	return &BuildResult{Dir: dir, Routes: eng.Routes, Prerendered: eng.Prerendered, Inputs: len(rec.Inputs), Took: time.Since(began)}, nil
}

// buildStamp names the running jsroute for an artifact: the jsroute module's version and, when the
// binary recorded them, its commit and commit time (runtime/debug.BuildInfo). A binary built from
// a modified checkout, or with neither a version nor a commit (-buildvcs=false, go run), adds its
// own size and modification time: two such builds may bundle differently.
var buildStamp = sync.OnceValue(func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if info.Main.Path != "github.com/jsroute/jsroute" {
		for _, d := range info.Deps {
			if d.Path == "github.com/jsroute/jsroute" {
				v = d.Version
				if d.Replace != nil {
					v += " => " + d.Replace.Path + " " + d.Replace.Version
				}
			}
		}
	}
	var rev, at, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev != "" {
		v += " " + rev + " " + at
	}
	if modified == "true" || rev == "" && (v == "" || v == "(devel)") {
		v += " build " + exeBuildID()
	}
	return v
})

// exeBuildID is the Go build ID of the running binary (what `go tool buildid` prints): a hash of
// what the binary was made from, so two links of the same sources (each `go run`) share it. The go
// command keeps it in the ELF note .note.go.buildid, and on other systems as the text
// `\xff Go build ID: "<id>"` near the start of the file. Without one: the binary's size and
// modification time.
func exeBuildID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	if ef, err := elf.Open(exe); err == nil {
		defer ef.Close()
		if sec := ef.Section(".note.go.buildid"); sec != nil {
			// One note: namesz, descsz, type (4 bytes each), "Go\x00\x00", then the ID.
			if b, err := sec.Data(); err == nil && len(b) > 16 && string(b[12:16]) == "Go\x00\x00" {
				if n := int(ef.ByteOrder.Uint32(b[4:8])); 16+n <= len(b) {
					return string(b[16 : 16+n])
				}
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(head, []byte(marker)); i >= 0 {
		rest := head[i+len(marker):]
		if j := bytes.IndexByte(rest, '"'); j > 0 && j < 512 {
			return string(rest[:j])
		}
	}
	if fi, err := f.Stat(); err == nil {
		return fmt.Sprintf("(binary %d bytes, %s)", fi.Size(), fi.ModTime().UTC().Format(time.RFC3339Nano))
	}
	return "unknown"
}
