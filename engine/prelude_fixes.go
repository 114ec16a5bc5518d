package engine

import (
	"github.com/dop251/goja"
	"sync"

	"github.com/jsroute/jsroute/loader"
)

// preludeFixesJS works around goja gaps that give silently wrong answers (shared/research/
// goja-esbuild.md §1; reproduced in engine/prelude_fixes_test.go):
//
//   - Unicode property escapes: `new RegExp("\\p{L}", "u")` (esbuild's lowering of /\p{L}/u)
//     matches the text "p{L}" in goja. RegExp is wrapped so a string pattern holding \p{…} or
//     \P{…} under the u flag is first expanded into classes by the host (regexpprops.go).
//   - A class of only surrogate code units next to another, without the u flag
//     (/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, the `he` package), never matches in regexp2: such
//     patterns are rewritten as loader.SurrogateClasses says (literals at build time, in the
//     bundle; strings given to the constructor here).
//   - `for await` in code compiled at run time (new AsyncFunction): goja's parser rejects it;
//     such a function is lowered by esbuild on the host (loader.LowerAsyncFunction) and runs.
//   - Array.prototype.find and its siblings pass a sparse array's hole as a Go nil, which
//     panics a native predicate (`[, 1].find(Boolean)`).
//   - A Proxy `apply` trap receives an arguments array that a later call through the same
//     method-call site overwrites (tRPC's createCaller keeps it across an await). Proxy is
//     wrapped so such a trap gets its own copy.
//
// RegExp is a function sharing the original's prototype and statics (so `instanceof`, species
// and subclassing behave) and RegExp.prototype.constructor points at it, as it must for
// `re.constructor === RegExp`; Proxy is a Proxy over the original.
const preludeFixesJS = `(function (expand, surrogates, lowerAsync) {
  'use strict';
  const define = (o, name, value) => Object.defineProperty(o, name, { value, writable: true, configurable: true, enumerable: false });
  const NativeRegExp = RegExp;
  // Only patterns holding the escapes can need a fix; the host checks the rest. The common case
  // costs an indexOf or two.
  const fix = (p, f) => {
    if (typeof f === 'string' && f.indexOf('u') >= 0) return p.indexOf('\\p{') >= 0 || p.indexOf('\\P{') >= 0 ? expand(p) : p;
    return p.indexOf('[\\u') >= 0 ? surrogates(p) : p;
  };
  // EscapeRegExpPattern (§22.2.6.13.1) as V8 does it: a / outside a class and a line break are escaped.
  const breaks = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };
  const sourceText = (p) => {
    if (!/[\/\n\r\u2028\u2029]/.test(p)) return p;
    let out = '', inClass = false;
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      if (c === '\\' && i + 1 < p.length) { out += c + p[++i]; continue }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      out += breaks[c] || (c === '/' && !inClass ? '\\/' : c);
    }
    return out;
  };
  // A rewritten regex keeps the pattern it was given as its own source, as Node shows it: code that
  // builds another regex from re.toString() or re.source (highlight.js's countMatchGroups, without
  // the u flag) must not see the expansion, which is no valid pattern without u.
  const RegExpFixed = function RegExp(pattern, flags) {
    let given;
    if (typeof pattern === 'string') {
      const fixed = fix(pattern, flags);
      if (fixed !== pattern) { given = pattern; pattern = fixed }
    }
    const re = new.target === undefined ? NativeRegExp(pattern, flags)
      : new.target === RegExpFixed ? new NativeRegExp(pattern, flags) : Reflect.construct(NativeRegExp, [pattern, flags], new.target);
    if (given !== undefined) Object.defineProperty(re, 'source', { value: sourceText(given), configurable: true });
    return re;
  };
  RegExpFixed.prototype = NativeRegExp.prototype;
  Object.setPrototypeOf(RegExpFixed, Object.getPrototypeOf(NativeRegExp));
  for (const key of Reflect.ownKeys(NativeRegExp)) {
    if (key !== 'prototype' && key !== 'length' && key !== 'name') Object.defineProperty(RegExpFixed, key, Object.getOwnPropertyDescriptor(NativeRegExp, key));
  }
  // split and matchAll construct their matcher through re.constructor[Symbol.species]; goja
  // takes its fast path only when that is its own RegExp, so the wrapper's species is the native
  // constructor (a subclass keeps its own).
  Object.defineProperty(RegExpFixed, Symbol.species, { get() { return this === RegExpFixed ? NativeRegExp : this }, configurable: true });
  define(globalThis, 'RegExp', RegExpFixed);
  define(NativeRegExp.prototype, 'constructor', RegExpFixed);

  const NativeProxy = Proxy;
  const ownArgs = (handler) => {
    if (handler === null || typeof handler !== 'object' || typeof handler.apply !== 'function') return handler;
    const h = Object.create(handler);
    const slice = Array.prototype.slice;
    h.apply = function apply(target, self, args) { return handler.apply(target, self, slice.call(args)) };
    return h;
  };
  const revocable = function revocable(target, handler) { return NativeProxy.revocable(target, ownArgs(handler)) };
  const ProxyFixed = new NativeProxy(NativeProxy, {
    construct(target, args) { return new NativeProxy(args[0], ownArgs(args[1])) },
    get(target, key, receiver) { return key === 'revocable' ? revocable : Reflect.get(target, key, receiver) },
  });
  define(globalThis, 'Proxy', ProxyFixed);

  // for await is the one construct valid only in async code that goja cannot parse: code
  // compiled at run time through the AsyncFunction constructor is lowered by esbuild on the host
  // when goja rejects it (loader.LowerAsyncFunction), as the bundle is at build time.
  const NativeAsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const NativeFunction = Function;
  const AsyncFunction = function AsyncFunction(...args) {
    try {
      return Reflect.construct(NativeAsyncFunction, args, new.target === undefined || new.target === AsyncFunction ? NativeAsyncFunction : new.target);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      const body = args.length ? String(args[args.length - 1]) : '';
      const params = args.slice(0, -1).map(String).join(',');
      return NativeFunction(lowerAsync(params, body))();
    }
  };
  AsyncFunction.prototype = NativeAsyncFunction.prototype;
  Object.setPrototypeOf(AsyncFunction, Object.getPrototypeOf(NativeAsyncFunction));
  define(NativeAsyncFunction.prototype, 'constructor', AsyncFunction);

  // Array.prototype.find, findIndex, findLast and findLastIndex hand a hole of a sparse array
  // ([, 1], exceljs's row values) to the predicate as a Go nil, not undefined: a native predicate
  // (arr.find(Boolean)) then panics in Go. The predicate is called through a function that passes
  // the value on as undefined.
  for (const name of ['find', 'findIndex', 'findLast', 'findLastIndex']) {
    const native = Array.prototype[name];
    define(Array.prototype, name, { [name](predicate) {
      const thisArg = arguments[1];
      if (typeof predicate !== 'function') return native.call(this, predicate, thisArg);
      return native.call(this, function (v, i, o) { return predicate.call(thisArg, v === undefined ? undefined : v, i, o) });
    } }[name]);
  }

  // Object.prototype.__defineGetter__ & co. (ECMA-262 Annex B.2.2.2-5), which goja lacks and
  // older packages still call (pg's defaults.js).
  const toObj = (v) => { if (v == null) throw new TypeError('Cannot convert undefined or null to object'); return Object(v) };
  const needFn = (f) => { if (typeof f !== 'function') throw new TypeError('Object.prototype.__defineGetter__: Expecting function') };
  const lookup = (o, key, kind) => {
    for (let p = toObj(o); p !== null; p = Object.getPrototypeOf(p)) {
      const d = Object.getOwnPropertyDescriptor(p, key);
      if (d) return d[kind];
    }
    return undefined;
  };
  define(Object.prototype, '__defineGetter__', function __defineGetter__(key, getter) { needFn(getter); Object.defineProperty(toObj(this), key, { get: getter, enumerable: true, configurable: true }) });
  define(Object.prototype, '__defineSetter__', function __defineSetter__(key, setter) { needFn(setter); Object.defineProperty(toObj(this), key, { set: setter, enumerable: true, configurable: true }) });
  define(Object.prototype, '__lookupGetter__', function __lookupGetter__(key) { return lookup(this, key, 'get') });
  define(Object.prototype, '__lookupSetter__', function __lookupSetter__(key) { return lookup(this, key, 'set') });
})`

var preludeFixesProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:prelude-fixes.js", preludeFixesJS, true) })

// installPreludeFixes runs preludeFixesJS on a fresh runtime.
func installPreludeFixes(vm *goja.Runtime) error {
	v, err := vm.RunProgram(preludeFixesProgram())
	if err != nil {
		return err
	}
	fn, _ := goja.AssertFunction(v)
	expand := func(call goja.FunctionCall) goja.Value {
		out, err := expandProperties(call.Argument(0).String())
		if err != nil {
			ctor, _ := vm.Get("SyntaxError").(*goja.Object)
			e, _ := vm.New(ctor, vm.ToValue(err.Error()))
			panic(e)
		}
		return vm.ToValue(out)
	}
	surrogates := func(call goja.FunctionCall) goja.Value {
		out, _ := loader.SurrogateClasses(call.Argument(0).String())
		return vm.ToValue(out)
	}
	lowerAsync := func(call goja.FunctionCall) goja.Value {
		out, err := loader.LowerAsyncFunction(call.Argument(0).String(), call.Argument(1).String())
		if err != nil {
			ctor, _ := vm.Get("SyntaxError").(*goja.Object)
			e, _ := vm.New(ctor, vm.ToValue(err.Error()))
			panic(e)
		}
		return vm.ToValue(out)
	}
	_, err = fn(goja.Undefined(), vm.ToValue(expand), vm.ToValue(surrogates), vm.ToValue(lowerAsync))
	return err
}
