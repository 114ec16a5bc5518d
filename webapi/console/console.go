// Package console provides the console global (https://console.spec.whatwg.org/) the way Node.js
// prints it: util.format placeholders, util.inspect for values, groups, counters, timers and
// tables. Every message goes to the host's logger (Host.Logger), at a level per method:
// debug → Debug; log, info, dir, dirxml, table, group, count, time… → Info; warn and assert →
// Warn; error and trace → Error (Node.js writes those four to stderr).
package console

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// console is the per-realm state: the group indentation, the count map and the timer table
// (Console Standard §1.2–1.4).
type console struct {
	r           *webapi.Realm
	groupIndent string
	counts      map[string]int
	timers      map[string]time.Time
}

// Install defines the console global.
func Install(r *webapi.Realm) {
	vm := r.VM
	c := &console{r: r, counts: map[string]int{}, timers: map[string]time.Time{}}
	intrinsicsOf(r)
	obj := vm.NewObject()
	method := func(name string, fn func(args []goja.Value)) {
		obj.DefineDataProperty(name, webidl.Function(vm, name, 0, func(call goja.FunctionCall) goja.Value {
			fn(call.Arguments)
			return goja.Undefined()
		}), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	printer := func(level slog.Level) func([]goja.Value) {
		return func(args []goja.Value) { c.print(level, Format(r, args)) }
	}
	method("log", printer(slog.LevelInfo))
	method("info", printer(slog.LevelInfo))
	method("debug", printer(slog.LevelDebug))
	method("warn", printer(slog.LevelWarn))
	method("error", printer(slog.LevelError))
	method("dirxml", printer(slog.LevelInfo))
	method("trace", c.trace)
	method("dir", c.dir)
	method("table", c.table)
	method("assert", c.assert)
	method("count", c.count)
	method("countReset", c.countReset)
	method("group", c.group)
	method("groupCollapsed", c.group)
	method("groupEnd", func([]goja.Value) {
		if len(c.groupIndent) >= 2 {
			c.groupIndent = c.groupIndent[2:]
		}
	})
	method("time", c.time)
	method("timeEnd", func(args []goja.Value) { c.timeLog("timeEnd", args, true) })
	method("timeLog", func(args []goja.Value) { c.timeLog("timeLog", args, false) })
	method("clear", func([]goja.Value) {})
	obj.DefineDataPropertySymbol(goja.SymToStringTag, vm.ToValue("console"), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	vm.GlobalObject().DefineDataProperty("console", obj, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
}

// print indents every line by the group level and logs the message.
func (c *console) print(level slog.Level, msg string) {
	if c.groupIndent != "" {
		msg = c.groupIndent + strings.ReplaceAll(msg, "\n", "\n"+c.groupIndent)
	}
	c.r.Host.Logger().Log(context.Background(), level, msg)
}

// label converts a label argument; undefined is "default" (Console Standard §1.2).
func (c *console) label(args []goja.Value) string {
	if len(args) == 0 || goja.IsUndefined(args[0]) {
		return "default"
	}
	return webidl.DOMString(c.r.VM, args[0])
}

// trace logs "Trace: message" and the call stack.
func (c *console) trace(args []goja.Value) {
	var b strings.Builder
	b.WriteString("Trace")
	if msg := Format(c.r, args); msg != "" {
		b.WriteString(": " + msg)
	}
	frames := c.r.VM.CaptureCallStack(0, nil)
	for i := range frames {
		if frames[i].SrcName() == "<native>" {
			continue
		}
		var fb bytes.Buffer
		frames[i].Write(&fb)
		b.WriteString("\n    at " + fb.String())
	}
	c.print(slog.LevelError, b.String())
}

// dir inspects one value (strings included), with options {depth, showHidden}; custom inspect
// methods are not called.
func (c *console) dir(args []goja.Value) {
	opts := defaultOptions
	opts.customInspect = false
	if len(args) > 1 {
		if o, ok := args[1].(*goja.Object); ok {
			if d := o.Get("depth"); d != nil && !goja.IsUndefined(d) {
				if goja.IsNull(d) || math.IsInf(d.ToFloat(), 1) {
					opts.depth = math.MaxInt
				} else {
					opts.depth = int(d.ToInteger())
				}
			}
			if h := o.Get("showHidden"); h != nil {
				opts.showHidden = h.ToBoolean()
			}
		}
	}
	v := goja.Undefined()
	if len(args) > 0 {
		v = args[0]
	}
	var s string
	if ex := c.r.VM.Try(func() { s = newInspector(c.r, opts).value(v, 0, false) }); ex != nil {
		s = "<inspection threw " + ex.Value().String() + ">"
	}
	c.print(slog.LevelInfo, s)
}

// assert logs "Assertion failed" (with the message) as a warning when the condition is falsy.
func (c *console) assert(args []goja.Value) {
	if len(args) > 0 && args[0].ToBoolean() {
		return
	}
	data := []goja.Value{}
	if len(args) > 1 {
		data = append(data, args[1:]...)
	}
	if len(data) == 0 {
		data = []goja.Value{c.r.VM.ToValue("Assertion failed")}
	} else {
		data[0] = c.r.VM.ToValue("Assertion failed: " + data[0].String())
	}
	c.print(slog.LevelWarn, Format(c.r, data))
}

// count logs "label: n" (Console Standard §1.2.1).
func (c *console) count(args []goja.Value) {
	l := c.label(args)
	c.counts[l]++
	c.print(slog.LevelInfo, fmt.Sprintf("%s: %d", l, c.counts[l]))
}

func (c *console) countReset(args []goja.Value) {
	l := c.label(args)
	if _, ok := c.counts[l]; !ok {
		c.print(slog.LevelWarn, fmt.Sprintf("Count for '%s' does not exist", l))
		return
	}
	c.counts[l] = 0
}

// group logs its label, if any, and indents what follows by two spaces.
func (c *console) group(args []goja.Value) {
	if len(args) > 0 {
		c.print(slog.LevelInfo, Format(c.r, args))
	}
	c.groupIndent += "  "
}

func (c *console) time(args []goja.Value) {
	l := c.label(args)
	if _, ok := c.timers[l]; ok {
		c.print(slog.LevelWarn, fmt.Sprintf("Label '%s' already exists for console.time()", l))
		return
	}
	c.timers[l] = time.Now()
}

// timeLog logs "label: 1.234ms" and any extra data; timeEnd also stops the timer.
func (c *console) timeLog(method string, args []goja.Value, end bool) {
	l := c.label(args)
	start, ok := c.timers[l]
	if !ok {
		c.print(slog.LevelWarn, fmt.Sprintf("No such label '%s' for console.%s()", l, method))
		return
	}
	if end {
		delete(c.timers, l)
	}
	msg := l + ": " + formatTime(float64(time.Since(start).Nanoseconds())/1e6)
	if !end && len(args) > 1 {
		msg += " " + Format(c.r, args[1:])
	}
	c.print(slog.LevelInfo, msg)
}

// formatTime prints a duration in milliseconds as Node.js does: "1.234ms", "1.500s",
// "1:02.500 (m:ss.mmm)", "1:02:03.500 (h:mm:ss.mmm)".
func formatTime(ms float64) string {
	const second, minute, hour = 1000.0, 60000.0, 3600000.0
	var hours, minutes, seconds float64
	if ms >= second {
		if ms >= minute {
			if ms >= hour {
				hours = math.Floor(ms / hour)
				ms = math.Mod(ms, hour)
			}
			minutes = math.Floor(ms / minute)
			ms = math.Mod(ms, minute)
		}
		seconds = ms / second
	}
	if hours != 0 || minutes != 0 {
		s, frac, _ := strings.Cut(strconv.FormatFloat(seconds, 'f', 3, 64), ".")
		if len(s) < 2 {
			s = "0" + s
		}
		if hours != 0 {
			return fmt.Sprintf("%d:%02d:%s.%s (h:mm:ss.mmm)", int(hours), int(minutes), s, frac)
		}
		return fmt.Sprintf("%d:%s.%s (m:ss.mmm)", int(minutes), s, frac)
	}
	if seconds != 0 {
		return strconv.FormatFloat(seconds, 'f', 3, 64) + "s"
	}
	return strconv.FormatFloat(math.Round(ms*1000)/1000, 'f', -1, 64) + "ms"
}
