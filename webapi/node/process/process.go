// Package process provides the `process` global (and node:process) as Node.js 20 shows it
// (https://nodejs.org/docs/latest-v20.x/api/process.html). The object is written in JavaScript
// (process.js) over the Go values below; what stops or changes the server process (exit, kill,
// chdir...) throws ERR_NOT_SUPPORTED.
package process

import (
	_ "embed"
	"os"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/timers"
)

//go:embed process.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:process", source, true) })

// Rooted is implemented by a Host that knows the project root: process.cwd() answers it (as
// `next start` runs in the project folder). Without it, cwd() is the server's working directory.
type Rooted interface {
	Root() string
}

// start is when the server process started, for uptime().
var start = time.Now()

// Arch is process.arch for Go's GOARCH.
func Arch() string {
	switch runtime.GOARCH {
	case "amd64":
		return "x64"
	case "386":
		return "ia32"
	case "ppc64le":
		return "ppc64"
	}
	return runtime.GOARCH
}

// Platform is process.platform for Go's GOOS.
func Platform() string {
	if runtime.GOOS == "windows" {
		return "win32"
	}
	return runtime.GOOS
}

// Cwd is process.cwd() in r.
func Cwd(r *webapi.Realm) string {
	if h, ok := r.Host.(Rooted); ok && h.Root() != "" {
		return h.Root()
	}
	d, _ := os.Getwd()
	return d
}

// Install defines the process global in r, built on first read (an app whose code never reads
// `process` at run time — NODE_ENV is replaced at build time — pays two accessor functions).
func Install(r *webapi.Realm) {
	vm := r.VM
	global := vm.GlobalObject()
	settle := func(v goja.Value) {
		global.DefineDataProperty("process", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	get := vm.ToValue(func(goja.FunctionCall) goja.Value {
		p := build(r)
		settle(p)
		return p
	})
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		settle(call.Argument(0))
		return goja.Undefined()
	})
	global.DefineAccessorProperty("process", get, set, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

// build makes the process object: env from Host.Env (NEXT_RUNTIME "nodejs" unless set).
func build(r *webapi.Realm) goja.Value {
	vm := r.VM
	env := vm.NewObject()
	for k, v := range r.Host.Env() {
		env.Set(k, v)
	}
	if v := env.Get("NEXT_RUNTIME"); v == nil {
		env.Set("NEXT_RUNTIME", "nodejs")
	}
	exe, _ := os.Executable()
	n := vm.NewObject()
	n.Set("env", env)
	n.Set("cwd", Cwd(r))
	n.Set("pid", os.Getpid())
	n.Set("ppid", os.Getppid())
	n.Set("execPath", exe)
	n.Set("arch", Arch())
	n.Set("platform", Platform())
	n.Set("getuid", os.Getuid())
	n.Set("geteuid", os.Geteuid())
	n.Set("getgid", os.Getgid())
	n.Set("getegid", os.Getegid())
	n.Set("hrtime", func(goja.FunctionCall) goja.Value {
		d := time.Since(start) + monoBase
		return vm.ToValue([]any{int64(d / time.Second), int64(d % time.Second)})
	})
	n.Set("memoryUsage", func(goja.FunctionCall) goja.Value {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		o := vm.NewObject()
		o.Set("rss", float64(m.Sys))
		o.Set("heapTotal", float64(m.HeapSys))
		o.Set("heapUsed", float64(m.HeapAlloc))
		o.Set("external", float64(m.StackSys+m.OtherSys))
		o.Set("arrayBuffers", 0)
		return o
	})
	n.Set("rss", func(goja.FunctionCall) goja.Value {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return vm.ToValue(float64(m.Sys))
	})
	n.Set("freemem", func(goja.FunctionCall) goja.Value { return vm.ToValue(float64(freeMemory())) })
	n.Set("uptime", func(goja.FunctionCall) goja.Value { return vm.ToValue(time.Since(start).Seconds()) })
	n.Set("cpuUsage", func(goja.FunctionCall) goja.Value {
		var ru syscall.Rusage
		o := vm.NewObject()
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
			o.Set("user", ru.Utime.Sec*1e6+int64(ru.Utime.Usec))
			o.Set("system", ru.Stime.Sec*1e6+int64(ru.Stime.Usec))
		} else {
			o.Set("user", 0)
			o.Set("system", 0)
		}
		return o
	})
	t := &ticks{}
	r.Set(ticksKey{}, t)
	n.Set("nextTick", func(call goja.FunctionCall) goja.Value {
		t.add(r, call.Argument(0), call.Argument(1))
		return goja.Undefined()
	})
	n.Set("setTimerRunner", func(call goja.FunctionCall) goja.Value {
		run, _ := goja.AssertFunction(call.Argument(0))
		timers.SetCallbackRunner(r, run)
		return goja.Undefined()
	})
	n.Set("drainTicks", func(goja.FunctionCall) goja.Value {
		Drain(r, nil) // nested in a callback's call: before its promise jobs
		return goja.Undefined()
	})
	n.Set("takeTicks", func(goja.FunctionCall) goja.Value {
		return vm.NewArray(t.take(webapi.CaptureContext(r.Host))...)
	})
	n.Set("setRejectionHook", func(call goja.FunctionCall) goja.Value {
		hook, _ := goja.AssertFunction(call.Argument(0))
		r.Set(rejectionKey{}, hook)
		return goja.Undefined()
	})
	n.Set("setTickRunner", func(call goja.FunctionCall) goja.Value {
		t.run, _ = goja.AssertFunction(call.Argument(0))
		return goja.Undefined()
	})
	fn, err := vm.RunProgram(program())
	if err != nil {
		panic(err)
	}
	newProcess, _ := goja.AssertFunction(fn)
	p, err := newProcess(goja.Undefined(), node.HostObject(r), n)
	if err != nil {
		panic(err)
	}
	return p
}

// monoBase makes hrtime() start at an arbitrary large value, as Node's (it counts from an
// unspecified point in the past, not from zero).
const monoBase = 1_000_000 * time.Second

type rejectionKey struct{}

// EmitUnhandledRejection gives an unhandled rejection to the process's 'unhandledRejection'
// listeners (https://nodejs.org/docs/latest-v20.x/api/process.html#event-unhandledrejection) and
// reports whether there were any; false when the app never built the process object.
func EmitUnhandledRejection(r *webapi.Realm, reason goja.Value, promise *goja.Promise) bool {
	hook, _ := r.Get(rejectionKey{}).(goja.Callable)
	if hook == nil {
		return false
	}
	handled, err := hook(goja.Undefined(), reason, r.VM.ToValue(promise))
	return err == nil && handled.ToBoolean()
}
