package wasm

import "github.com/dop251/goja"

// externTable gives JS values passed to wasm as externref a number wasm can carry (wazero
// represents an externref as a uintptr). 0 is null; the values live as long as the realm.
type externTable struct {
	vals []goja.Value
	ids  map[*goja.Object]uint64
}

// externRef is ToWebAssemblyValue for externref: null is the null reference, anything else
// (undefined included) a reference to that value.
func (s *state) externRef(v goja.Value) uint64 {
	if goja.IsNull(v) {
		return 0
	}
	if s.externs == nil {
		s.externs = &externTable{ids: map[*goja.Object]uint64{}}
	}
	t := s.externs
	o, isObj := v.(*goja.Object)
	if isObj {
		if id, ok := t.ids[o]; ok {
			return id
		}
	}
	t.vals = append(t.vals, v)
	id := uint64(len(t.vals))
	if isObj {
		t.ids[o] = id
	}
	return id
}

// externValue is ToJSValue for externref.
func (s *state) externValue(x uint64) goja.Value {
	if x == 0 || s.externs == nil || x > uint64(len(s.externs.vals)) {
		return goja.Null()
	}
	return s.externs.vals[x-1]
}
