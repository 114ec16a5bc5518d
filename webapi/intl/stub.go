package intl

import "github.com/dop251/goja"

type localeObject struct{ tag string }

func (l *localeObject) String() string { return l.tag }

func timeZoneNames() []string { return nil }

func (e *env) installDateBuiltins(p *goja.Object, def func(*goja.Object, string, int, func(goja.FunctionCall) goja.Value)) {
}
