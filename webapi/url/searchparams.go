package url

import (
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// SearchParams is the state of a URLSearchParams object (§6.2): a list of name-value pairs and,
// for a URL's query object, that URL. Every mutation runs the update steps, which write the list
// back to the URL's query (deferred until the URL is next read).
type SearchParams struct {
	list [][2]string
	url  *URL

	obj   *goja.Object    // the JS object, once made
	pairs [][2]goja.Value // the list as JS values for iterators; nil when stale
}

// NewSearchParamsState makes a URLSearchParams state (not tied to a URL) from a list, copied.
func NewSearchParamsState(list [][2]string) *SearchParams {
	return &SearchParams{list: append([][2]string(nil), list...)}
}

// changed invalidates what is derived from the list.
func (p *SearchParams) changed() { p.pairs = nil }

// update is the URLSearchParams update steps, deferred: the URL serializes the list when read.
func (p *SearchParams) update() {
	p.pairs = nil
	if p.url != nil {
		p.url.queryStale = true
		p.url.href = ""
	}
}

// List returns a copy of the name-value pairs.
func (p *SearchParams) List() [][2]string { return append([][2]string(nil), p.list...) }

// Len is the number of pairs (the size getter).
func (p *SearchParams) Len() int { return len(p.list) }

// Append adds a pair at the end.
func (p *SearchParams) Append(name, value string) {
	p.list = append(p.list, [2]string{name, value})
	p.update()
}

// Delete removes every pair with the name (and, when value is non-nil, that value).
func (p *SearchParams) Delete(name string, value *string) {
	kept := p.list[:0]
	for _, kv := range p.list {
		if kv[0] == name && (value == nil || kv[1] == *value) {
			continue
		}
		kept = append(kept, kv)
	}
	clear(p.list[len(kept):])
	p.list = kept
	p.update()
}

// Get returns the value of the first pair with the name.
func (p *SearchParams) Get(name string) (string, bool) {
	for _, kv := range p.list {
		if kv[0] == name {
			return kv[1], true
		}
	}
	return "", false
}

// GetAll returns the values of the pairs with the name, in order.
func (p *SearchParams) GetAll(name string) []string {
	var out []string
	for _, kv := range p.list {
		if kv[0] == name {
			out = append(out, kv[1])
		}
	}
	return out
}

// Has reports a pair with the name (and, when value is non-nil, that value).
func (p *SearchParams) Has(name string, value *string) bool {
	for _, kv := range p.list {
		if kv[0] == name && (value == nil || kv[1] == *value) {
			return true
		}
	}
	return false
}

// Set gives the first pair with the name the value and removes the others with that name; with
// none, it appends the pair.
func (p *SearchParams) Set(name, value string) {
	found := false
	kept := p.list[:0]
	for _, kv := range p.list {
		if kv[0] == name {
			if found {
				continue
			}
			found = true
			kv[1] = value
		}
		kept = append(kept, kv)
	}
	clear(p.list[len(kept):])
	p.list = kept
	if !found {
		p.list = append(p.list, [2]string{name, value})
	}
	p.update()
}

// Sort orders the pairs by name, comparing UTF-16 code units, keeping the relative order of
// pairs with equal names.
func (p *SearchParams) Sort() {
	sort.SliceStable(p.list, func(i, j int) bool { return lessUTF16(p.list[i][0], p.list[j][0]) })
	p.update()
}

// String is the application/x-www-form-urlencoded serialization of the list.
func (p *SearchParams) String() string { return SerializeForm(p.list) }

// lessUTF16 orders strings by their UTF-16 code units, as JavaScript does: a code point above
// U+FFFF sorts by its lead surrogate, so before U+E000–U+FFFF (UTF-8 byte order puts it after).
func lessUTF16(a, b string) bool {
	for a != "" && b != "" {
		if a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf {
			if a[0] != b[0] {
				return a[0] < b[0]
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			if ka, kb := firstUnit(ra), firstUnit(rb); ka != kb {
				return ka < kb
			}
			return ra < rb
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b != ""
}

func firstUnit(r rune) rune {
	if r >= 0x10000 {
		return 0xD800 + (r-0x10000)>>10
	}
	return r
}

// defineSearchParams installs the URLSearchParams class (§6.2).
func defineSearchParams(r *webapi.Realm) *webidl.Class[*SearchParams] {
	vm := r.VM
	str := func(v goja.Value) string { return webidl.USVString(vm, v) }
	// optValue is the optional value argument of delete and has (undefined: absent).
	optValue := func(call goja.FunctionCall) *string {
		if v := call.Argument(1); !goja.IsUndefined(v) {
			s := str(v)
			return &s
		}
		return nil
	}
	in := newIntrinsics(vm)
	var class *webidl.Class[*SearchParams]
	class = webidl.Define(r, webidl.Spec[*SearchParams]{
		Name:   "URLSearchParams",
		Length: 0,
		New: func(call goja.ConstructorCall) *SearchParams {
			p := &SearchParams{list: initList(vm, in, class, call.Argument(0))}
			p.obj = call.This
			return p
		},
		Methods: []webidl.Method[*SearchParams]{
			{Name: "append", Length: 2, Fn: func(p *SearchParams, call goja.FunctionCall) goja.Value {
				missingArgs(vm, call.Arguments, 2, `"name" and "value" arguments`)
				p.Append(str(call.Arguments[0]), str(call.Arguments[1]))
				return goja.Undefined()
			}},
			{Name: "delete", Length: 1, Fn: func(p *SearchParams, call goja.FunctionCall) goja.Value {
				missingArgs(vm, call.Arguments, 1, `"name" argument`)
				p.Delete(str(call.Arguments[0]), optValue(call))
				return goja.Undefined()
			}},
			{Name: "get", Length: 1, Fn: func(p *SearchParams, call goja.FunctionCall) goja.Value {
				missingArgs(vm, call.Arguments, 1, `"name" argument`)
				if v, ok := p.Get(str(call.Arguments[0])); ok {
					return vm.ToValue(v)
				}
				return goja.Null()
			}},
			{Name: "getAll", Length: 1, Fn: func(p *SearchParams, call goja.FunctionCall) goja.Value {
				missingArgs(vm, call.Arguments, 1, `"name" argument`)
				all := p.GetAll(str(call.Arguments[0]))
				vals := make([]any, len(all))
				for i, v := range all {
					vals[i] = v
				}
				return vm.NewArray(vals...)
			}},
			{Name: "has", Length: 1, Fn: func(p *SearchParams, call goja.FunctionCall) goja.Value {
				missingArgs(vm, call.Arguments, 1, `"name" argument`)
				return vm.ToValue(p.Has(str(call.Arguments[0]), optValue(call)))
			}},
			{Name: "set", Length: 2, Fn: func(p *SearchParams, call goja.FunctionCall) goja.Value {
				missingArgs(vm, call.Arguments, 2, `"name" and "value" arguments`)
				p.Set(str(call.Arguments[0]), str(call.Arguments[1]))
				return goja.Undefined()
			}},
			{Name: "sort", Fn: func(p *SearchParams, _ goja.FunctionCall) goja.Value {
				p.Sort()
				return goja.Undefined()
			}},
			{Name: "toString", Fn: func(p *SearchParams, _ goja.FunctionCall) goja.Value {
				return vm.ToValue(p.String())
			}},
		},
		Accessors: []webidl.Accessor[*SearchParams]{
			{Name: "size", Get: func(p *SearchParams) goja.Value { return vm.ToValue(len(p.list)) }},
		},
		Iterable: func(p *SearchParams) [][2]goja.Value {
			if p.pairs == nil {
				p.pairs = make([][2]goja.Value, len(p.list))
				for i, kv := range p.list {
					p.pairs[i] = [2]goja.Value{vm.ToValue(kv[0]), vm.ToValue(kv[1])}
				}
			}
			return p.pairs
		},
	})
	return class
}

// intrinsics are the built-ins the record conversion uses, taken when the class is defined.
type intrinsics struct{ objectKeys, reflectGet goja.Callable }

func newIntrinsics(vm *goja.Runtime) *intrinsics {
	keys, _ := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("keys"))
	get, _ := goja.AssertFunction(vm.Get("Reflect").(*goja.Object).Get("get"))
	return &intrinsics{objectKeys: keys, reflectGet: get}
}

// callJS calls f and rethrows a JS exception.
func callJS(vm *goja.Runtime, f goja.Callable, this goja.Value, args ...goja.Value) goja.Value {
	v, err := f(this, args...)
	if err != nil {
		panic(err)
	}
	return v
}

// initList converts the constructor's init argument, (sequence<sequence<USVString>> or
// record<USVString, USVString> or USVString), and makes the list from it (§6.2 constructor).
func initList(vm *goja.Runtime, in *intrinsics, class *webidl.Class[*SearchParams], init goja.Value) [][2]string {
	// Node treats null like undefined (WebIDL would stringify it to "null").
	if webidl.IsNullish(init) {
		return nil
	}
	o, isObj := init.(*goja.Object)
	if !isObj {
		// 2. A string: a leading "?" is dropped, the rest is parsed.
		s := webidl.USVString(vm, init)
		if len(s) > 0 && s[0] == '?' {
			s = s[1:]
		}
		return ParseForm(s)
	}
	if other, ok := class.Unwrap(o); ok {
		return other.List()
	}
	// 1. A sequence (the object is iterable): each item must be a pair.
	if m := o.GetSymbol(goja.SymIterator); !webidl.IsNullish(m) {
		var list [][2]string
		webidl.Iterate(vm, o, func(item goja.Value) {
			var pair []string
			if !webidl.Iterate(vm, item, func(v goja.Value) { pair = append(pair, webidl.USVString(vm, v)) }) || len(pair) != 2 {
				e := webidl.TypeError(vm, "Each query pair must be an iterable [name, value] tuple")
				e.Set("code", "ERR_INVALID_TUPLE")
				panic(e)
			}
			list = append(list, [2]string{pair[0], pair[1]})
		})
		return list
	}
	// 3. A record: the own enumerable string-keyed properties, in property order. The keys are
	// read as JS strings (Object.keys) and the values with them (Reflect.get): a Go string key
	// would have its lone surrogates as U+FFFD already and miss the property. Keys that are the
	// same USVString ("\ud800" and "\ufffd") make one pair, in the first one's place, with the
	// last one's value, as Node.js 20 does.
	var list [][2]string
	at := map[string]int{}
	keys := callJS(vm, in.objectKeys, goja.Undefined(), o).(*goja.Object)
	for i, n := int64(0), keys.Get("length").ToInteger(); i < n; i++ {
		k := keys.Get(strconv.FormatInt(i, 10))
		name := webidl.USVString(vm, k)
		value := webidl.USVString(vm, callJS(vm, in.reflectGet, goja.Undefined(), o, k))
		if j, dup := at[name]; dup {
			list[j][1] = value
			continue
		}
		at[name] = len(list)
		list = append(list, [2]string{name, value})
	}
	for _, sym := range o.Symbols() {
		if isEnumerable(vm, o, sym) {
			panic(webidl.TypeError(vm, "Cannot convert a Symbol value to a string"))
		}
	}
	return list
}

// isEnumerable reports whether o's own property key is enumerable.
func isEnumerable(vm *goja.Runtime, o *goja.Object, key goja.Value) bool {
	f, _ := goja.AssertFunction(vm.Get("Object").(*goja.Object).Get("prototype").(*goja.Object).Get("propertyIsEnumerable"))
	res, err := f(o, key)
	return err == nil && res.ToBoolean()
}
