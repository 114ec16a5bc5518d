// Package jsmodule runs Node built-in modules written in JavaScript (embedded .js files): the
// source is compiled once per process, on first use, and run once per runtime on first require,
// as a function of one argument, the binding — an object of Go helpers the module needs.
//
// Every binding gets the common helpers:
//
//	error(ctor, code, message)  a Node-style error (console.NodeError): `TypeError [CODE]: message`
//	received(value)             the "Received ..." text of Node's argument errors (console.Received)
//	require(name)               another built-in module's exports (node.Require)
package jsmodule

import (
	"sync"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
)

// Source is one embedded module: its name (for stacks) and text, compiled on first Run.
type Source struct {
	Name string
	Text string

	once sync.Once
	prog *goja.Program
	err  error
}

// Run compiles the source (once per process), evaluates it in r to get the module function and
// calls it with a binding holding the common helpers plus extra. It returns what the function
// returns (the exports). A compile or run error is a Go panic: the source is ours.
func (s *Source) Run(r *webapi.Realm, extra map[string]any) goja.Value {
	s.once.Do(func() {
		s.prog, s.err = goja.Compile("node:"+s.Name, "(function (binding) {'use strict';\n"+s.Text+"\n})", true)
	})
	if s.err != nil {
		panic(s.err)
	}
	vm := r.VM
	fnv, err := vm.RunProgram(s.prog)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(fnv)
	b := vm.NewObject()
	b.Set("error", func(ctor, code, msg string) *goja.Object {
		return console.NodeError(r, ctor, code, "%s", msg)
	})
	b.Set("received", func(v goja.Value) string { return console.Received(r, v) })
	b.Set("require", func(name string) goja.Value { return node.Require(r, name) })
	for k, v := range extra {
		b.Set(k, v)
	}
	out, err := fn(goja.Undefined(), b)
	if err != nil {
		panic(err)
	}
	return out
}
