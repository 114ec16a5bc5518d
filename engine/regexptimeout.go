package engine

import (
	"fmt"
	"time"

	"github.com/dop251/goja"
)

// A backtracking regular expression that runs past regexpTimeout (engine.go) is stopped by
// regexp2, but goja drops regexp2's time-out error and reports "no match": `test` answers false,
// `replace` returns its input unchanged, `split` one piece. That would be a silently wrong
// answer (issue 13, item 6). Node has no time-out at all (the match runs on), so there is no
// Node error to copy: jsroute throws a catchable Error naming the pattern instead, and logs it.
//
// goja offers no hook on regexp2's error, so the guard tells a time-out from a genuine "no match"
// by the clock: regexp2's fast clock never fires before the time-out has passed (its deadline is
// the time-out plus one clock period), and a genuine "no match" is a single scan that the same
// time-out bounds. So "no-match result" and "elapsed ≥ regexpTimeout" together mean the match
// timed out. A global replace, split or match finds all its matches first and drops them all when
// one scan times out, so the same test holds for them; a function given to replace is called only
// after the matching, so a replace whose function was called did not time out.
//
// The clock can err one way: a match over an input so long that goja needs the whole time-out
// just to read it (hundreds of MB: its UTF-16 conversion, or Go's linear engine scanning it)
// and that finds nothing is reported as a time-out too.
//
// The guard wraps the methods of RegExp.prototype that goja does not guard for its fast paths
// (test, @@match, @@search, @@split, @@replace) and the RegExp String Iterator's next (matchAll):
// each wrapper calls goja's own native function directly, so the fast paths stay and a call
// costs two clock reads (BenchmarkRegexpGuard). RegExp.prototype.exec is left alone: replacing it
// switches every regular expression of the runtime to goja's generic, spec-literal paths
// (checkStdRegexp in goja's builtin_regexp.go), which costs far more; a direct re.exec() that
// times out still answers null (see the README's Security section).

// regexpGuard is one runtime's guard state.
type regexpGuard struct {
	vm      *goja.Runtime
	timeout time.Duration
	// report is called (on the loop) before the Error is thrown; it logs.
	report func(pattern string, inputLen int)
	// replacer is the function given to the replace running now, called through shim so
	// that called says whether any match was found.
	replacer nativeFunc
	called   bool
	shim     goja.Value
	// matchOf keys, on a matchAll iterator, the regular expression it runs (for the message).
	matchOf *goja.Symbol
	// match is goja's RegExp.prototype[Symbol.match], to confirm a suspected time-out.
	match nativeFunc
}

// nativeFunc is what goja's builtin functions export: calling it directly costs nothing more
// than the call itself.
type nativeFunc = func(goja.FunctionCall) goja.Value

// installRegexpGuard wraps RegExp.prototype's matching methods on vm (see above).
func installRegexpGuard(vm *goja.Runtime, timeout time.Duration, report func(pattern string, inputLen int)) error {
	g := &regexpGuard{vm: vm, timeout: timeout, report: report, matchOf: goja.NewSymbol("jsroute.regexp")}
	g.shim = vm.ToValue(func(call goja.FunctionCall) goja.Value {
		g.called = true
		return g.replacer(call)
	})
	ctor, _ := vm.Get("RegExp").(*goja.Object)
	if ctor == nil {
		return fmt.Errorf("regexp guard: no RegExp")
	}
	proto, _ := ctor.Get("prototype").(*goja.Object)
	if proto == nil {
		return fmt.Errorf("regexp guard: no RegExp.prototype")
	}
	var err error
	if g.match, err = nativeOf(proto.GetSymbol(goja.SymMatch), "RegExp.prototype[Symbol.match]"); err != nil {
		return err
	}
	noMatch := map[string]func(goja.FunctionCall, goja.Value) bool{
		"test":            func(_ goja.FunctionCall, v goja.Value) bool { return !v.ToBoolean() },
		"[Symbol.match]":  func(_ goja.FunctionCall, v goja.Value) bool { return goja.IsNull(v) },
		"[Symbol.search]": func(_ goja.FunctionCall, v goja.Value) bool { return v.ToInteger() == -1 },
		// One piece: no separator found. A limit of 0 or 1 gives at most one piece anyway.
		"[Symbol.split]": func(call goja.FunctionCall, v goja.Value) bool {
			if l := call.Argument(1); !goja.IsUndefined(l) && l.ToInteger() <= 1 {
				return false
			}
			o, ok := v.(*goja.Object)
			return ok && o.Get("length").ToInteger() <= 1
		},
	}
	for _, m := range []struct {
		name   string
		length int
		sym    *goja.Symbol
	}{
		{"test", 1, nil},
		{"[Symbol.match]", 1, goja.SymMatch},
		{"[Symbol.search]", 1, goja.SymSearch},
		{"[Symbol.split]", 2, goja.SymSplit},
		{"[Symbol.replace]", 2, goja.SymReplace},
		{"[Symbol.matchAll]", 1, goja.SymMatchAll},
	} {
		var orig goja.Value
		if m.sym != nil {
			orig = proto.GetSymbol(m.sym)
		} else {
			orig = proto.Get(m.name)
		}
		f, err := nativeOf(orig, "RegExp.prototype."+m.name)
		if err != nil {
			return err
		}
		var w nativeFunc
		switch m.sym {
		case goja.SymReplace:
			w = g.replaceWrapper(f)
		case goja.SymMatchAll:
			w = g.matchAllWrapper(f)
		default:
			w = g.wrapper(f, noMatch[m.name])
		}
		fn := g.function(w, m.name, m.length)
		if m.sym != nil {
			err = proto.DefineDataPropertySymbol(m.sym, fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		} else {
			err = proto.DefineDataProperty(m.name, fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		}
		if err != nil {
			return err
		}
	}
	return g.wrapMatchAllIterator(proto)
}

func nativeOf(v goja.Value, what string) (nativeFunc, error) {
	if v != nil {
		if f, ok := v.Export().(nativeFunc); ok {
			return f, nil
		}
	}
	return nil, fmt.Errorf("regexp guard: %s is not goja's native function", what)
}

// function makes a JS function of f with the builtin's name and length.
func (g *regexpGuard) function(f nativeFunc, name string, length int) *goja.Object {
	fn := g.vm.ToValue(f).(*goja.Object)
	fn.DefineDataProperty("name", g.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	fn.DefineDataProperty("length", g.vm.ToValue(length), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return fn
}

// wrapper guards a method whose time-out reads as noMatch.
func (g *regexpGuard) wrapper(f nativeFunc, noMatch func(goja.FunctionCall, goja.Value) bool) nativeFunc {
	return func(call goja.FunctionCall) goja.Value {
		start := time.Now()
		v := f(call)
		if time.Since(start) >= g.timeout && noMatch(call, v) {
			g.throw(call.This, call.Argument(0))
		}
		return v
	}
}

// replaceWrapper guards RegExp.prototype[Symbol.replace]. A time-out leaves the input unchanged
// and never calls the replacer function (goja matches everything before it replaces). With a
// replacement string an unchanged answer can also be genuine (a global pattern whose matches
// are replaced by themselves, slowly): then goja's [Symbol.match] confirms it.
func (g *regexpGuard) replaceWrapper(f nativeFunc) nativeFunc {
	return func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) > 1 {
			if o, ok := call.Arguments[1].(*goja.Object); ok {
				if jf, ok := o.Export().(nativeFunc); ok {
					return g.replaceWithFunction(f, call, jf)
				}
			}
		}
		start := time.Now()
		v := f(call)
		if time.Since(start) >= g.timeout {
			in := call.Argument(0)
			if _, isString := in.Export().(string); !isString {
				in = in.ToString()
			}
			if v.StrictEquals(in) && (!isGlobal(call.This) || goja.IsNull(g.match(goja.FunctionCall{This: call.This, Arguments: []goja.Value{in}}))) {
				g.throw(call.This, in)
			}
		}
		return v
	}
}

func (g *regexpGuard) replaceWithFunction(f nativeFunc, call goja.FunctionCall, jf nativeFunc) goja.Value {
	prev, prevCalled := g.replacer, g.called
	defer func() { g.replacer, g.called = prev, prevCalled }()
	g.replacer, g.called = jf, false
	args := make([]goja.Value, len(call.Arguments))
	copy(args, call.Arguments)
	args[1] = g.shim
	start := time.Now()
	v := f(goja.FunctionCall{This: call.This, Arguments: args})
	if !g.called && time.Since(start) >= g.timeout {
		g.throw(call.This, call.Argument(0))
	}
	return v
}

func isGlobal(rx goja.Value) bool {
	o, ok := rx.(*goja.Object)
	return ok && o.Get("global").ToBoolean()
}

// matchAllWrapper notes on the iterator which regular expression it runs, for the message.
func (g *regexpGuard) matchAllWrapper(f nativeFunc) nativeFunc {
	return func(call goja.FunctionCall) goja.Value {
		v := f(call)
		if o, ok := v.(*goja.Object); ok {
			o.DefineDataPropertySymbol(g.matchOf, call.This, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		}
		return v
	}
}

// wrapMatchAllIterator guards %RegExpStringIteratorPrototype%.next: a time-out reads as the end
// of the matches.
func (g *regexpGuard) wrapMatchAllIterator(proto *goja.Object) error {
	vm := g.vm
	matchAll, _ := goja.AssertFunction(proto.GetSymbol(goja.SymMatchAll))
	probe, err := vm.New(vm.Get("RegExp"), vm.ToValue("x"), vm.ToValue("g"))
	if err != nil || matchAll == nil {
		return fmt.Errorf("regexp guard: no matchAll iterator: %v", err)
	}
	it, err := matchAll(probe, vm.ToValue(""))
	if err != nil {
		return err
	}
	iterProto := it.ToObject(vm).Prototype()
	f, err := nativeOf(iterProto.Get("next"), "%RegExpStringIteratorPrototype%.next")
	if err != nil {
		return err
	}
	fn := g.function(func(call goja.FunctionCall) goja.Value {
		start := time.Now()
		v := f(call)
		if time.Since(start) >= g.timeout {
			if o, ok := v.(*goja.Object); ok && o.Get("done").ToBoolean() {
				var rx goja.Value
				if it, ok := call.This.(*goja.Object); ok {
					rx = it.GetSymbol(g.matchOf)
				}
				g.throw(rx, nil)
			}
		}
		return v
	}, "next", 0)
	return iterProto.DefineDataProperty("next", fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// throw raises the time-out Error for the regular expression rx matched against input.
func (g *regexpGuard) throw(rx, input goja.Value) {
	pattern := "a regular expression"
	if o, ok := rx.(*goja.Object); ok {
		pattern = "/" + o.Get("source").String() + "/" + o.Get("flags").String()
	}
	n := -1
	if input != nil && !goja.IsUndefined(input) {
		n = int(input.ToString().ToObject(g.vm).Get("length").ToInteger())
	}
	if g.report != nil {
		g.report(pattern, n)
	}
	msg := fmt.Sprintf("The regular expression %s timed out after %s (catastrophic backtracking?): jsroute stops a match that runs longer rather than answer \"no match\"", pattern, g.timeout)
	e := jsError(g.vm, msg)
	e.Set("code", "ERR_JSROUTE_REGEXP_TIMEOUT")
	panic(e)
}

// reportRegexpTimeout logs a regular expression time-out with the request it happened in.
func (w *worker) reportRegexpTimeout(pattern string, inputLen int) {
	what := "a job with no request"
	if s := w.running.Load(); s != nil {
		if c, ok := s.Ext.(*call); ok {
			what = fmt.Sprintf("%s %s (%s)", c.r.Method, c.r.URL.Path, c.info.file)
		}
	}
	input := ""
	if inputLen >= 0 {
		input = fmt.Sprintf(" on a %d-character input", inputLen)
	}
	w.log.Error(fmt.Sprintf("⨯ %s: the regular expression %s timed out after %s%s; an Error was thrown in its place (ERR_JSROUTE_REGEXP_TIMEOUT)", what, pattern, regexpTimeout, input))
}
