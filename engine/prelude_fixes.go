package engine

import (
	"github.com/dop251/goja"

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
//   - `for await` in code compiled at run time (new AsyncFunction): goja's parser rejects it
//     with "Unexpected token await"; the error now names the construct.
//   - A Proxy `apply` trap receives an arguments array that a later call through the same
//     method-call site overwrites (tRPC's createCaller keeps it across an await). Proxy is
//     wrapped so such a trap gets its own copy.
//
// RegExp is a function sharing the original's prototype and statics (so `instanceof`, species
// and subclassing behave) and RegExp.prototype.constructor points at it, as it must for
// `re.constructor === RegExp`; Proxy is a Proxy over the original.
const preludeFixesJS = `(function (expand, surrogates) {
  'use strict';
  const define = (o, name, value) => Object.defineProperty(o, name, { value, writable: true, configurable: true, enumerable: false });
  const NativeRegExp = RegExp;
  const hasProperty = /\\[pP]\{/;
  const hasSurrogateClass = /\[\\u[dD][89a-fA-F]/;
  const fix = (args) => {
    const p = args[0], f = args[1];
    if (typeof p !== 'string') return args;
    const unicode = typeof f === 'string' && f.indexOf('u') >= 0;
    if (unicode && hasProperty.test(p)) return [expand(p), f];
    if (!unicode && hasSurrogateClass.test(p)) return [surrogates(p), f];
    return args;
  };
  const RegExpFixed = function RegExp(pattern, flags) {
    const args = fix([pattern, flags]);
    return new.target === undefined ? NativeRegExp(args[0], args[1]) : Reflect.construct(NativeRegExp, args, new.target === RegExpFixed ? NativeRegExp : new.target);
  };
  RegExpFixed.prototype = NativeRegExp.prototype;
  Object.setPrototypeOf(RegExpFixed, Object.getPrototypeOf(NativeRegExp));
  for (const key of Reflect.ownKeys(NativeRegExp)) {
    if (key !== 'prototype' && key !== 'length' && key !== 'name') Object.defineProperty(RegExpFixed, key, Object.getOwnPropertyDescriptor(NativeRegExp, key));
  }
  define(globalThis, 'RegExp', RegExpFixed);
  define(NativeRegExp.prototype, 'constructor', RegExpFixed);

  const NativeProxy = Proxy;
  const ownArgs = (handler) => {
    if (handler === null || typeof handler !== 'object' || typeof handler.apply !== 'function') return handler;
    const h = Object.create(handler);
    h.apply = function apply(target, self, args) { return Reflect.apply(handler.apply, handler, [target, self, Array.prototype.slice.call(args)]) };
    return h;
  };
  const revocable = function revocable(target, handler) { return NativeProxy.revocable(target, ownArgs(handler)) };
  const ProxyFixed = new NativeProxy(NativeProxy, {
    construct(target, args) { return new NativeProxy(args[0], ownArgs(args[1])) },
    get(target, key, receiver) { return key === 'revocable' ? revocable : Reflect.get(target, key, receiver) },
  });
  define(globalThis, 'Proxy', ProxyFixed);

  // for await is the one construct valid only in async code that goja cannot parse: code
  // compiled at run time through the AsyncFunction constructor gets a SyntaxError that names it
  // (goja says only "Unexpected token await").
  const NativeAsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const forAwait = /\bfor\s+await\b/;
  const AsyncFunction = function AsyncFunction(...args) {
    try {
      return Reflect.construct(NativeAsyncFunction, args, new.target === undefined || new.target === AsyncFunction ? NativeAsyncFunction : new.target);
    } catch (e) {
      if (e instanceof SyntaxError && forAwait.test(String(args[args.length - 1]))) {
        throw new SyntaxError('for await in code compiled at run time (new AsyncFunction) is not supported by jsroute\'s runtime: ' + e.message);
      }
      throw e;
    }
  };
  AsyncFunction.prototype = NativeAsyncFunction.prototype;
  Object.setPrototypeOf(AsyncFunction, Object.getPrototypeOf(NativeAsyncFunction));
  define(NativeAsyncFunction.prototype, 'constructor', AsyncFunction);

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

var preludeFixesProgram = goja.MustCompile("jsroute:prelude-fixes.js", preludeFixesJS, true)

// installPreludeFixes runs preludeFixesJS on a fresh runtime.
func installPreludeFixes(vm *goja.Runtime) error {
	v, err := vm.RunProgram(preludeFixesProgram)
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
	_, err = fn(goja.Undefined(), vm.ToValue(expand), vm.ToValue(surrogates))
	return err
}
