package wasm

import (
	"errors"
	"math"
)

// The little of the binary format (https://webassembly.github.io/spec/core/binary/) that the JS API
// needs beyond what wazero exposes: imports and exports in module order (wazero gives maps) and
// custom sections for Module.imports/exports/customSections, and a writer for the tiny modules
// that hold a JS-created Memory, Global or Table and that link a JS import object.

// Extern kinds, as in the binary format's import and export descriptors.
const (
	kindFunc   byte = 0
	kindTable  byte = 1
	kindMemory byte = 2
	kindGlobal byte = 3
	kindTag    byte = 4
)

// kindName is ExternalKind's string (JS API §5 "string value of the extern type").
var kindName = [...]string{"function", "table", "memory", "global", "tag"}

// Value types.
const (
	valI32       byte = 0x7f
	valI64       byte = 0x7e
	valF32       byte = 0x7d
	valF64       byte = 0x7c
	valV128      byte = 0x7b
	valFuncref   byte = 0x70
	valExternref byte = 0x6f
)

type funcType struct{ params, results []byte }

type limits struct {
	min    uint32
	max    uint32
	hasMax bool
	shared bool
}

// importDesc is one import, in module order.
type importDesc struct {
	module, name string
	kind         byte
	fn           funcType // kindFunc
	val          byte     // kindGlobal: its value type; kindTable: its element type
	mutable      bool     // kindGlobal
	lim          limits   // kindMemory, kindTable
}

type exportDesc struct {
	name string
	kind byte
}

type customSection struct {
	name string
	data []byte
}

// moduleInfo is what parse reads.
type moduleInfo struct {
	imports []importDesc
	exports []exportDesc
	customs []customSection
	// funcImports counts the imported functions (function indices start after them).
	funcImports int
}

var errMalformed = errors.New("malformed module")

type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) byte() byte {
	if r.err != nil || r.pos >= len(r.b) {
		r.err = errMalformed
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *reader) u32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			if v > math.MaxUint32 {
				r.err = errMalformed
			}
			return uint32(v)
		}
	}
	r.err = errMalformed
	return 0
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || r.pos+n > len(r.b) {
		r.err = errMalformed
		return nil
	}
	s := r.b[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *reader) name() string { return string(r.bytes(int(r.u32()))) }

func (r *reader) limits() limits {
	flags := r.byte()
	l := limits{min: r.u32()}
	if flags&1 != 0 {
		l.max, l.hasMax = r.u32(), true
	}
	l.shared = flags&2 != 0
	return l
}

// parse reads the type, import, export and custom sections of a module that wazero has already
// validated (so it only needs to be as strict as to not misread a valid module).
func parse(b []byte) (*moduleInfo, error) {
	r := &reader{b: b}
	if string(r.bytes(4)) != "\x00asm" {
		return nil, errMalformed
	}
	r.bytes(4)
	info := &moduleInfo{}
	var types []funcType
	for r.err == nil && r.pos < len(b) {
		id := r.byte()
		size := int(r.u32())
		body := r.bytes(size)
		if r.err != nil {
			break
		}
		s := &reader{b: body}
		switch id {
		case 0:
			name := s.name()
			info.customs = append(info.customs, customSection{name: name, data: body[s.pos:]})
		case 1:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				if s.byte() != 0x60 {
					s.err = errMalformed
					break
				}
				var t funcType
				t.params = append([]byte(nil), s.bytes(int(s.u32()))...)
				t.results = append([]byte(nil), s.bytes(int(s.u32()))...)
				types = append(types, t)
			}
		case 2:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				d := importDesc{module: s.name(), name: s.name(), kind: s.byte()}
				switch d.kind {
				case kindFunc:
					i := int(s.u32())
					if i < len(types) {
						d.fn = types[i]
					}
					info.funcImports++
				case kindTable:
					d.val = s.byte()
					d.lim = s.limits()
				case kindMemory:
					d.lim = s.limits()
				case kindGlobal:
					d.val = s.byte()
					d.mutable = s.byte() == 1
				case kindTag:
					s.byte()
					s.u32()
				default:
					s.err = errMalformed
				}
				info.imports = append(info.imports, d)
			}
		case 7:
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				e := exportDesc{name: s.name(), kind: s.byte()}
				s.u32()
				info.exports = append(info.exports, e)
			}
		}
		if s.err != nil {
			return nil, s.err
		}
	}
	if r.err != nil {
		return nil, r.err
	}
	return info, nil
}

// writer builds a module binary.
type writer struct{ b []byte }

func (w *writer) u32(v uint32) {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			w.b = append(w.b, c|0x80)
			continue
		}
		w.b = append(w.b, c)
		return
	}
}

func (w *writer) s64(v int64) {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			w.b = append(w.b, c)
			return
		}
		w.b = append(w.b, c|0x80)
	}
}

func (w *writer) name(s string) {
	w.u32(uint32(len(s)))
	w.b = append(w.b, s...)
}

func (w *writer) limits(l limits) {
	flags := byte(0)
	if l.hasMax {
		flags |= 1
	}
	if l.shared {
		flags |= 2
	}
	w.b = append(w.b, flags)
	w.u32(l.min)
	if l.hasMax {
		w.u32(l.max)
	}
}

// section appends section id with the body body writes.
func (w *writer) section(id byte, body func(s *writer)) {
	s := &writer{}
	body(s)
	w.b = append(w.b, id)
	w.u32(uint32(len(s.b)))
	w.b = append(w.b, s.b...)
}

func newModuleWriter() *writer { return &writer{b: []byte("\x00asm\x01\x00\x00\x00")} }

// memoryModule defines one memory and exports it as "m".
func memoryModule(l limits) []byte {
	w := newModuleWriter()
	w.section(5, func(s *writer) { s.u32(1); s.limits(l) })
	w.section(7, func(s *writer) { s.u32(1); s.name("m"); s.b = append(s.b, kindMemory); s.u32(0) })
	return w.b
}

// tableModule defines one table of elem and exports it as "t".
func tableModule(elem byte, l limits) []byte {
	w := newModuleWriter()
	w.section(4, func(s *writer) { s.u32(1); s.b = append(s.b, elem); s.limits(l) })
	w.section(7, func(s *writer) { s.u32(1); s.name("t"); s.b = append(s.b, kindTable); s.u32(0) })
	return w.b
}

// globalModule defines one global of type t initialised to the raw value v and exports it as "g".
func globalModule(t byte, mutable bool, v uint64) []byte {
	w := newModuleWriter()
	w.section(6, func(s *writer) {
		s.u32(1)
		mut := byte(0)
		if mutable {
			mut = 1
		}
		s.b = append(s.b, t, mut)
		switch t {
		case valI32:
			s.b = append(s.b, 0x41)
			s.s64(int64(int32(uint32(v))))
		case valI64:
			s.b = append(s.b, 0x42)
			s.s64(int64(v))
		case valF32:
			s.b = append(s.b, 0x43, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
		case valF64:
			s.b = append(s.b, 0x44)
			for i := 0; i < 8; i++ {
				s.b = append(s.b, byte(v>>(8*i)))
			}
		case valFuncref, valExternref:
			s.b = append(s.b, 0xd0, t)
		}
		s.b = append(s.b, 0x0b)
	})
	w.section(7, func(s *writer) { s.u32(1); s.name("g"); s.b = append(s.b, kindGlobal); s.u32(0) })
	return w.b
}

// shimImport is one entry of a link shim: the shim imports field from the module it names
// source, with the type of imp, and exports it as imp.name.
type shimImport struct {
	source string
	field  string
	imp    importDesc
}

// shimModule imports each entry and re-exports it under the name the instantiated module asks
// for: it is how one import module name ("env") gathers JS functions, a Memory, Globals and
// functions of other instances into one module wazero can link against.
func shimModule(entries []shimImport) []byte {
	w := newModuleWriter()
	var types []funcType
	typeOf := map[string]int{}
	tidx := make([]int, len(entries))
	for i, e := range entries {
		if e.imp.kind != kindFunc {
			continue
		}
		k := string(e.imp.fn.params) + "|" + string(e.imp.fn.results)
		j, ok := typeOf[k]
		if !ok {
			j = len(types)
			typeOf[k] = j
			types = append(types, e.imp.fn)
		}
		tidx[i] = j
	}
	if len(types) > 0 {
		w.section(1, func(s *writer) {
			s.u32(uint32(len(types)))
			for _, t := range types {
				s.b = append(s.b, 0x60)
				s.u32(uint32(len(t.params)))
				s.b = append(s.b, t.params...)
				s.u32(uint32(len(t.results)))
				s.b = append(s.b, t.results...)
			}
		})
	}
	var counts [5]uint32
	idx := make([]uint32, len(entries))
	w.section(2, func(s *writer) {
		s.u32(uint32(len(entries)))
		for i, e := range entries {
			s.name(e.source)
			s.name(e.field)
			s.b = append(s.b, e.imp.kind)
			idx[i] = counts[e.imp.kind]
			counts[e.imp.kind]++
			switch e.imp.kind {
			case kindFunc:
				s.u32(uint32(tidx[i]))
			case kindTable:
				s.b = append(s.b, e.imp.val)
				s.limits(e.imp.lim)
			case kindMemory:
				s.limits(e.imp.lim)
			case kindGlobal:
				mut := byte(0)
				if e.imp.mutable {
					mut = 1
				}
				s.b = append(s.b, e.imp.val, mut)
			}
		}
	})
	w.section(7, func(s *writer) {
		s.u32(uint32(len(entries)))
		for i, e := range entries {
			s.name(e.imp.name)
			s.b = append(s.b, e.imp.kind)
			s.u32(idx[i])
		}
	})
	return w.b
}
