package engine

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/jsroute/jsroute/loader"
)

// ReloadEvent is what one reload of the dev watcher did (Options.OnReload).
type ReloadEvent struct {
	// Changed are the files whose change caused the reload, slash-separated and relative to the project
	// root; empty when the watcher lost events and reloaded everything.
	Changed []string
	// Err is set when the app could not be loaded again: the previous load is still served.
	Err error
	// Problems are the diagnostics of the new load; its routes that do not build answer 500 with them.
	Problems []string
	// Routes is the new route table when it differs from the one served before, else nil.
	Routes []RouteInfo
	// Took is the whole reload, from the end of the batch of changes to the new app serving. Bundle is
	// its part in esbuild and the goja compile, Boot its part starting the new runtimes (zero when
	// Err is set).
	Took, Bundle, Boot time.Duration
	// Packages says what became of the app's npm packages, bundled apart in dev (loader/vendor.go):
	// "reused", "rebuilt in 120ms", or "" when they are bundled with the app.
	Packages string
}

// watch reloads the app whenever a file it is made of changes (loader.App.Relevant: the app and src
// folders, the root config files, the bundle's inputs, packages included: packageFolders), until stop
// closes. Changes to anything else in the
// project — a log file, docs — are ignored.
func (e *Engine) watch(stop <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-stop; cancel() }()
	err := loader.WatchFolders(ctx, e.app.Root, func(changed []string) {
		if len(changed) > 0 {
			inputs := e.cur.Load().bundle.Inputs
			changed = slices.DeleteFunc(changed, func(rel string) bool { return !e.app.Relevant(rel, inputs) })
			if len(changed) == 0 {
				return
			}
		}
		before := e.Routes()
		start := time.Now()
		ev := ReloadEvent{Changed: changed, Err: e.Reload()}
		ev.Took = time.Since(start)
		if ev.Err == nil {
			g := e.cur.Load()
			ev.Bundle, ev.Boot = g.took.bundle, g.took.boot
			if v := g.bundle.Vendor; v != nil && v.Took == 0 {
				ev.Packages = "reused"
			} else if v != nil {
				ev.Packages = "rebuilt in " + v.Took.Round(time.Millisecond).String()
			}
			ev.Problems = e.Problems()
			if after := e.Routes(); !slices.EqualFunc(before, after, func(a, b RouteInfo) bool {
				return a.Pattern == b.Pattern && a.File == b.File && slices.Equal(a.Methods, b.Methods)
			}) {
				ev.Routes = after
			}
		}
		if e.opts.OnReload != nil {
			e.opts.OnReload(ev)
		}
	}, e.packageFolders)
	if err != nil && ctx.Err() == nil {
		e.opts.Logger.Error(fmt.Sprintf("jsroute: watching %s: %v", e.app.Root, err))
	}
}

// packageFolders are the folders of the package files the app is bundled from (node_modules), for the
// watcher: a package edited in place reloads the app, and its vendor program (loader/vendor.go) is
// built again.
func (e *Engine) packageFolders() []string {
	var out []string
	seen := map[string]bool{}
	for _, in := range e.cur.Load().bundle.Inputs {
		if !strings.Contains(in, "node_modules/") {
			continue
		}
		dir := filepath.Join(e.app.Root, filepath.FromSlash(path.Dir(in)))
		if !seen[dir] {
			seen[dir] = true
			out = append(out, dir)
		}
	}
	return out
}
