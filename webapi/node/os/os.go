// Package os provides node:os as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/os.html),
// answering for the machine the server runs on: cpus() lists runtime.NumCPU entries (model and
// speed from /proc/cpuinfo, times from /proc/stat), networkInterfaces() the real interfaces, and
// setPriority is refused (a route must not change the server's priority).
package os

import (
	_ "embed"
	"net"
	"os"
	"os/user"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/process"
)

var (
	//go:embed os.js
	source string
	//go:embed constants.json
	constantsJSON string

	program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("node:os", source, true) })

	// constantsProgram is node:constants, deprecated but still required by old packages
	// (graceful-fs, under fs-extra, archiver, exceljs...): as Node 20's lib/constants.js, one
	// frozen object merging os.constants' dlopen, errno, priority and signals, fs.constants and
	// crypto.constants (https://nodejs.org/docs/latest-v20.x/api/deprecations.html#DEP0008).
	constantsProgram = sync.OnceValue(func() *goja.Program {
		return goja.MustCompile("node:constants", `(function (host) {
  const os = host.require('os').constants;
  return Object.freeze(Object.assign({}, os.dlopen, os.errno, os.priority, os.signals, host.require('fs').constants, host.require('crypto').constants));
})`, true)
	})
)

func init() {
	node.Register("os", build)
	node.Register("constants", func(r *webapi.Realm) goja.Value { return node.Eval(r, constantsProgram()) })
}

func build(r *webapi.Realm) goja.Value {
	vm := r.VM
	n := vm.NewObject()
	n.Set("arch", process.Arch())
	n.Set("platform", process.Platform())
	n.Set("numCPU", runtime.NumCPU())
	n.Set("env", func(name string) string { return os.Getenv(name) })
	n.Set("freemem", func() float64 { return float64(process.FreeMemory()) })
	n.Set("totalmem", func() float64 { return float64(process.TotalMemory()) })
	n.Set("homedir", func() string {
		if h := os.Getenv("HOME"); h != "" {
			return h
		}
		d, _ := os.UserHomeDir()
		return d
	})
	n.Set("hostname", func() string { h, _ := os.Hostname(); return h })
	n.Set("uptime", func() float64 {
		var si syscall.Sysinfo_t
		if syscall.Sysinfo(&si) == nil {
			return float64(si.Uptime)
		}
		return 0
	})
	n.Set("loadavg", func() []float64 {
		b, err := os.ReadFile("/proc/loadavg")
		out := []float64{0, 0, 0}
		if err == nil {
			f := strings.Fields(string(b))
			for i := 0; i < 3 && i < len(f); i++ {
				out[i], _ = strconv.ParseFloat(f[i], 64)
			}
		}
		return out
	})
	n.Set("uname", func() map[string]string {
		var u syscall.Utsname
		m := map[string]string{"sysname": "Linux", "release": "", "version": "", "machine": ""}
		if syscall.Uname(&u) == nil {
			m["sysname"] = cstr(u.Sysname[:])
			m["release"] = cstr(u.Release[:])
			m["version"] = cstr(u.Version[:])
			m["machine"] = cstr(u.Machine[:])
		}
		return m
	})
	n.Set("userInfo", func() *goja.Object {
		o := vm.NewObject()
		o.Set("uid", os.Getuid())
		o.Set("gid", os.Getgid())
		name, home, shell := "", os.Getenv("HOME"), goja.Value(goja.Null())
		if u, err := user.Current(); err == nil {
			name, home = u.Username, u.HomeDir
		}
		if s := loginShell(os.Getuid()); s != "" {
			shell = vm.ToValue(s)
		}
		o.Set("username", name)
		o.Set("homedir", home)
		o.Set("shell", shell)
		return o
	})
	n.Set("cpus", func() []any { return cpus(vm) })
	n.Set("networkInterfaces", func() *goja.Object { return interfaces(vm) })
	fn, err := vm.RunProgram(program())
	if err != nil {
		panic(err)
	}
	call, _ := goja.AssertFunction(fn)
	v, err := call(goja.Undefined(), node.HostObject(r), n, vm.ToValue(constantsJSON))
	if err != nil {
		panic(err)
	}
	return v
}

func cstr[T int8 | uint8](b []T) string {
	var sb strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		sb.WriteByte(byte(c))
	}
	return sb.String()
}

// loginShell is the shell field of uid's /etc/passwd line.
func loginShell(uid int) string {
	b, err := os.ReadFile("/etc/passwd")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Split(line, ":")
		if len(f) >= 7 && f[2] == strconv.Itoa(uid) {
			return f[6]
		}
	}
	return ""
}

// cpus is os.cpus(): one entry per logical CPU with the model and MHz of /proc/cpuinfo and the
// times (ms) of /proc/stat.
func cpus(vm *goja.Runtime) []any {
	var models []string
	var speeds []int
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			switch strings.TrimSpace(k) {
			case "model name":
				models = append(models, strings.TrimSpace(v))
			case "cpu MHz":
				f, _ := strconv.ParseFloat(strings.TrimSpace(v), 64)
				speeds = append(speeds, int(f))
			}
		}
	}
	times := map[int][]int64{}
	if b, err := os.ReadFile("/proc/stat"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Fields(line)
			if len(f) < 8 || !strings.HasPrefix(f[0], "cpu") || f[0] == "cpu" {
				continue
			}
			i, err := strconv.Atoi(f[0][3:])
			if err != nil {
				continue
			}
			var t []int64
			for _, x := range f[1:8] {
				v, _ := strconv.ParseInt(x, 10, 64)
				t = append(t, v*10) // clock ticks (USER_HZ 100) to ms
			}
			times[i] = t
		}
	}
	out := make([]any, 0, runtime.NumCPU())
	for i := 0; i < runtime.NumCPU(); i++ {
		c := vm.NewObject()
		model, speed := "unknown", 0
		if i < len(models) {
			model = models[i]
		}
		if i < len(speeds) {
			speed = speeds[i]
		}
		c.Set("model", model)
		c.Set("speed", speed)
		t := times[i]
		if len(t) < 7 {
			t = make([]int64, 7)
		}
		tm := vm.NewObject()
		tm.Set("user", t[0])
		tm.Set("nice", t[1])
		tm.Set("sys", t[2])
		tm.Set("idle", t[3])
		tm.Set("irq", t[5])
		c.Set("times", tm)
		out = append(out, c)
	}
	return out
}

// interfaces is os.networkInterfaces(): name → [{address, netmask, family, mac, internal, cidr, scopeid?}].
func interfaces(vm *goja.Runtime) *goja.Object {
	out := vm.NewObject()
	ifs, err := net.Interfaces()
	if err != nil {
		return out
	}
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil || len(addrs) == 0 {
			continue
		}
		mac := ifc.HardwareAddr.String()
		if mac == "" {
			mac = "00:00:00:00:00:00"
		}
		var list []any
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			e := vm.NewObject()
			ones, _ := ipn.Mask.Size()
			family := "IPv6"
			ip := ipn.IP
			mask := net.IP(ipn.Mask).String()
			if v4 := ip.To4(); v4 != nil {
				family = "IPv4"
				ip = v4
				if len(ipn.Mask) == 16 {
					mask = net.IP(ipn.Mask[12:]).String()
				}
			} else {
				mask = expandV6Mask(ipn.Mask)
			}
			e.Set("address", ip.String())
			e.Set("netmask", mask)
			e.Set("family", family)
			e.Set("mac", mac)
			e.Set("internal", ifc.Flags&net.FlagLoopback != 0)
			e.Set("cidr", ip.String()+"/"+strconv.Itoa(ones))
			if family == "IPv6" {
				e.Set("scopeid", scopeID(ip, ifc.Index))
			}
			list = append(list, e)
		}
		if len(list) > 0 {
			out.Set(ifc.Name, list)
		}
	}
	return out
}

// expandV6Mask writes an IPv6 netmask as Node does: eight lowercase groups, zeros compressed.
func expandV6Mask(m net.IPMask) string { return net.IP(m).String() }

// scopeID is the interface index for a link-local IPv6 address, else 0.
func scopeID(ip net.IP, index int) int {
	if ip.IsLinkLocalUnicast() {
		return index
	}
	return 0
}
