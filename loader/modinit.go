package loader

// Module initialisation: each route is its own lazily initialised module.
//
// The synthetic entry does not import the routes; it registers, per route, a loader `() => import(path)`.
// esbuild inlines a dynamic import of a bundled file as the module's `__esm` initialiser (one per module of
// the route's graph, run at most once; a module whose initialisation threw throws the same error again, as a
// failed ES module does in Node) and returns a promise of its namespace. So:
//
//   - a module that throws while loading rejects only the promises of the routes that import it; every other
//     route loads (the engine calls each loader and keeps the outcome per route);
//   - a module with top-level await (ECMA-262 §16.2.1.5.3 "evaluation of an async module") gets an async
//     initialiser, and its route's promise settles when the await does; the engine runs its event loop while
//     it waits, so a timer or a fetch in a top-level await works.
//
// esbuild keeps top-level await only for the ES module output format, so the bundle is built as an ES module
// and wrapped into an arrow function by a banner and footer (esbuild shifts the source map for them). The
// entry has no imports or exports of its own, so the wrapped output is a plain script goja can run; no
// `await` is left at its top level, since every module body with one sits inside its async initialiser.

// bundleBanner and bundleFooter wrap the ES module output into a script.
const (
	bundleBanner = "(() => {"
	bundleFooter = "})();"
)
