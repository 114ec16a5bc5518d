package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/jsroute/jsroute/loader"
	"github.com/jsroute/jsroute/router"
)

// next.config.* is bundled alone (loader.BuildModule), run once per load in a runtime of its
// own, and its JSON-able result kept: the routing part goes to router.Compile, `env` is inlined
// into the route and middleware bundles as `process.env.X` (Next inlines config.env at build
// time), every other key is named in one warning per key.

const nextConfigGlobal = "__jsrouteNextConfig"

// appliedConfigKeys are the next.config keys jsroute applies.
var appliedConfigKeys = map[string]bool{
	"basePath": true, "trailingSlash": true, "skipTrailingSlashRedirect": true,
	"headers": true, "redirects": true, "rewrites": true, "env": true,
}

// configDriver resolves a config module: the function form is called with Next's phase and a
// default config, promises are awaited, headers()/redirects()/rewrites() called, and the
// result returned as JSON.
const configDriver = `(async function (mod, phase) {
  let c = mod;
  if (c && typeof c === 'object' && 'default' in c) c = c.default;
  if (typeof c === 'function') c = await c(phase, { defaultConfig: { env: {}, basePath: '', trailingSlash: false, skipTrailingSlashRedirect: false, compress: true, poweredByHeader: true } });
  c = await c;
  if (c === null || typeof c !== 'object') throw new Error('the config is not an object (export an object, or a function returning one)');
  const out = { keys: Object.keys(c) };
  for (const k of ['basePath', 'trailingSlash', 'skipTrailingSlashRedirect', 'env', 'compress', 'poweredByHeader']) out[k] = c[k];
  if (typeof c.headers === 'function') out.headers = await c.headers();
  if (typeof c.redirects === 'function') out.redirects = await c.redirects();
  if (typeof c.rewrites === 'function') {
    const rw = await c.rewrites();
    out.rewrites = Array.isArray(rw) ? { beforeFiles: [], afterFiles: rw, fallback: [] }
      : { beforeFiles: (rw && rw.beforeFiles) || [], afterFiles: (rw && rw.afterFiles) || [], fallback: (rw && rw.fallback) || [] };
  }
  return JSON.stringify(out);
})`

// nextConfig is a loaded next.config.
type nextConfig struct {
	file     string
	routing  router.Config
	env      map[string]string
	keys     []string
	compress *bool
	powered  *bool
}

type configJSON struct {
	router.Config
	Keys            []string       `json:"keys"`
	Env             map[string]any `json:"env"`
	Compress        *bool          `json:"compress"`
	PoweredByHeader *bool          `json:"poweredByHeader"`
}

// loadNextConfig bundles and runs next.config; nil when the project has none.
func (e *Engine) loadNextConfig(file string, env map[string]string) (*nextConfig, error) {
	if file == "" {
		return nil, nil
	}
	fail := func(err error) (*nextConfig, error) {
		return nil, fmt.Errorf("jsroute: %s: %w", file, err)
	}
	m, err := e.bundleModule(file, nextConfigGlobal, loader.Options{Dev: e.opts.Dev})
	if err != nil {
		return fail(err)
	}
	vm := goja.New()
	vm.SetMaxCallStackSize(maxCallStack)
	envObj := vm.NewObject()
	for k, v := range env {
		envObj.Set(k, v)
	}
	proc := vm.NewObject()
	proc.Set("env", envObj)
	proc.Set("cwd", func() string { return e.app.Root })
	vm.Set("process", proc)
	con := vm.NewObject()
	for _, name := range []string{"log", "info", "warn", "error", "debug"} {
		con.Set(name, func(call goja.FunctionCall) goja.Value {
			parts := make([]string, len(call.Arguments))
			for i, a := range call.Arguments {
				parts[i] = a.String()
			}
			e.opts.Logger.Info(file + ": " + strings.Join(parts, " "))
			return goja.Undefined()
		})
	}
	vm.Set("console", con)
	if _, err := vm.RunProgram(preludeProgram()); err != nil {
		return fail(err)
	}
	ast, err := goja.Parse(m.Name, m.Code, parser.WithSourceMapLoader(func(string) ([]byte, error) {
		return nil, errors.New("only inline source maps are read")
	}))
	if err != nil {
		return fail(err)
	}
	prog, err := goja.CompileAST(ast, true)
	if err != nil {
		return fail(err)
	}
	if _, err := vm.RunProgram(prog); err != nil {
		return fail(fmt.Errorf("running it: %w", err))
	}
	driver, err := vm.RunString(configDriver)
	if err != nil {
		return fail(err)
	}
	fn, _ := goja.AssertFunction(driver)
	phase := "phase-production-server"
	if e.opts.Dev {
		phase = "phase-development-server"
	}
	v, err := fn(goja.Undefined(), vm.Get(nextConfigGlobal), vm.ToValue(phase))
	if err != nil {
		return fail(err)
	}
	p, _ := v.Export().(*goja.Promise)
	if p == nil {
		return fail(errors.New("the config did not resolve"))
	}
	switch p.State() {
	case goja.PromiseStateRejected:
		return fail(fmt.Errorf("it threw: %s", describe(p.Result())))
	case goja.PromiseStatePending:
		return fail(errors.New("the config (or headers/redirects/rewrites) awaits a timer or I/O, which jsroute's config loader does not run; resolve it without waiting"))
	}
	var cj configJSON
	if err := json.Unmarshal([]byte(p.Result().String()), &cj); err != nil {
		return fail(fmt.Errorf("reading its result: %w", err))
	}
	nc := &nextConfig{file: file, routing: cj.Config, keys: cj.Keys, compress: cj.Compress, powered: cj.PoweredByHeader, env: map[string]string{}}
	for k, v := range cj.Env {
		s, ok := v.(string)
		if !ok {
			return fail(fmt.Errorf("env.%s is not a string (Next requires string values)", k))
		}
		nc.env[k] = s
	}
	return nc, nil
}

// ignoredKeys lists the config keys jsroute does not apply, sorted.
func (nc *nextConfig) ignoredKeys() []string {
	var out []string
	for _, k := range nc.keys {
		switch {
		case appliedConfigKeys[k]:
		case k == "compress" && nc.compress != nil && !*nc.compress:
			// jsroute never compresses: compress: false is what it does.
		case k == "poweredByHeader":
			// Applied: x-powered-by is only on the 404 page, dropped when false.
		default:
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// defines turns config.env into esbuild defines, as Next inlines it.
func (nc *nextConfig) defines() map[string]string {
	if nc == nil || len(nc.env) == 0 {
		return nil
	}
	out := map[string]string{}
	for k, v := range nc.env {
		q, _ := json.Marshal(v)
		out["process.env."+k] = string(q)
	}
	return out
}

// warnConfigKeys logs each ignored key once per engine.
func (e *Engine) warnConfigKeys(nc *nextConfig) {
	if nc == nil {
		return
	}
	for _, k := range nc.ignoredKeys() {
		e.warnOnce(nc.file+"\x00"+k, fmt.Sprintf("⚠ %s: `%s` is not applied by jsroute; it is ignored", nc.file, k))
	}
}

// warnOnce logs msg the first time key is seen by this engine.
func (e *Engine) warnOnce(key, msg string) {
	e.warnMu.Lock()
	defer e.warnMu.Unlock()
	if e.warned == nil {
		e.warned = map[string]bool{}
	}
	if !e.warned[key] {
		e.warned[key] = true
		e.opts.Logger.Warn(msg)
	}
}
