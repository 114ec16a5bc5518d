package crypto

import (
	"fmt"
	"math"
	"slices"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

// This file converts JavaScript arguments to the Go values of ops.go: algorithm normalization
// ("normalize an algorithm") and the WebIDL conversions of SubtleCrypto's arguments. Errors are returned, not
// thrown, since every SubtleCrypto method reports them by rejecting its promise; texts follow
// Node.js.

var ordinals = []string{"", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th"}

func argError(method string, pos int, format string, args ...any) *Error {
	return errorf(TypeError, "Failed to execute '%s' on 'SubtleCrypto': %s argument %s", method, ordinals[pos], fmt.Sprintf(format, args...))
}

func normalizeError(format string, args ...any) *Error {
	return errorf(TypeError, "Failed to normalize algorithm: "+format, args...)
}

// normalize is "normalize an algorithm" (Web Crypto, Algorithm normalization) for op: the name is looked up among the
// algorithms registered for op (NotSupportedError when missing), then the object is converted to
// the IDL dictionary the algorithm takes there.
func (s *realmState) normalize(v goja.Value, op string) (*Params, error) {
	vm := s.r.VM
	obj, isObj := v.(*goja.Object)
	var name string
	if isObj {
		nv := obj.Get("name")
		if nv == nil || goja.IsUndefined(nv) {
			return nil, normalizeError("passed algorithm can not be converted to 'Algorithm' because 'name' is required in 'Algorithm'.")
		}
		name = webidl.DOMString(vm, nv)
	} else {
		name = webidl.DOMString(vm, v) // (object or DOMString): anything else is a string
	}
	canonical, dict, ok := lookup(op, name)
	if !ok {
		return nil, unrecognized()
	}
	p := &Params{Name: canonical}
	for _, m := range dict.members {
		var mv goja.Value
		if isObj {
			mv = obj.Get(m.name)
		}
		if mv == nil || goja.IsUndefined(mv) {
			if m.required {
				return nil, normalizeError("passed algorithm can not be converted to '%s' because '%s' is required in '%s'.", dict.name, m.name, dict.name)
			}
			continue
		}
		if err := s.setMember(p, dict, m, mv); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// setMember converts one dictionary member by its IDL type and stores it.
func (s *realmState) setMember(p *Params, dict *dictionary, m member, v goja.Value) error {
	switch m.kind {
	case kindHash:
		h, err := s.normalize(v, opDigest)
		if err != nil {
			return err
		}
		p.Hash = h.Name
	case kindBuffer, kindBigInteger:
		b, ok := webidl.Bytes(s.r.VM, v)
		if ok && m.kind == kindBigInteger {
			_, ok = v.Export().([]byte) // BigInteger is a Uint8Array
		}
		if !ok {
			what := "instance of ArrayBuffer, Buffer, TypedArray, or DataView"
			if m.kind == kindBigInteger {
				what = "an instance of Uint8Array"
			}
			return normalizeError("'%s' of '%s' (passed algorithm) is not %s.", m.name, dict.name, what)
		}
		b = slices.Clone(b)
		switch m.name {
		case "label":
			p.Label = b
		case "iv":
			p.IV = b
		case "counter":
			p.Counter = b
		case "additionalData":
			p.AdditionalData = b
		case "salt":
			p.Salt = b
		case "info":
			p.Info = b
		case "publicExponent":
			p.PublicExponent = b
		}
	case kindULong, kindUShort, kindOctet:
		max := float64(math.MaxUint32)
		if m.kind == kindUShort {
			max = math.MaxUint16
		} else if m.kind == kindOctet {
			max = math.MaxUint8
		}
		n, err := enforceRange(v, max, fmt.Sprintf("'%s' of '%s' (passed algorithm)", m.name, dict.name))
		if err != nil {
			return err
		}
		switch m.name {
		case "modulusLength":
			p.ModulusLength = n
		case "saltLength":
			p.SaltLength = n
		case "iterations":
			p.Iterations = n
		case "tagLength":
			p.TagLength, p.HasTagLength = n, true
		case "length":
			p.Length, p.HasLength = n, true
		}
	case kindString:
		p.NamedCurve = webidl.DOMString(s.r.VM, v)
	case kindKey:
		ks, ok := s.key.Unwrap(v)
		if !ok {
			return normalizeError("'%s' of '%s' (passed algorithm) is not of type CryptoKey.", m.name, dict.name)
		}
		p.Public = ks.key
	}
	return nil
}

// enforceRange is the WebIDL conversion of an [EnforceRange] integer type (WebIDL §3.2.4.9
// ConvertToInt with the EnforceRange extended attribute).
func enforceRange(v goja.Value, max float64, what string) (int, error) {
	f := v.ToFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, normalizeError("%s is not a finite number.", what)
	}
	f = math.Trunc(f)
	if f < 0 || f > max {
		return 0, normalizeError("%s is outside the expected range of 0 to %.0f.", what, max)
	}
	return int(f), nil
}

// requireArgs is WebIDL's check of the number of arguments (overload resolution).
func requireArgs(call goja.FunctionCall, n int, method string) error {
	if len(call.Arguments) >= n {
		return nil
	}
	plural := "s"
	if n == 1 {
		plural = ""
	}
	return errorf(TypeError, "Failed to execute '%s' on 'SubtleCrypto': %d argument%s required, but only %d present.", method, n, plural, len(call.Arguments))
}

// bufferArg is a BufferSource argument: a copy of its bytes (§14.3: "the result of getting a
// copy of the bytes held by").
func (s *realmState) bufferArg(v goja.Value, pos int, method string) ([]byte, error) {
	b, ok := webidl.Bytes(s.r.VM, v)
	if !ok {
		return nil, argError(method, pos, "is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.")
	}
	return slices.Clone(b), nil
}

func (s *realmState) keyArg(v goja.Value, pos int, method string) (*Key, error) {
	ks, ok := s.key.Unwrap(v)
	if !ok {
		return nil, argError(method, pos, "is not of type CryptoKey.")
	}
	return ks.key, nil
}

// formatArg converts the KeyFormat enumeration.
func (s *realmState) formatArg(v goja.Value, method string) (string, error) {
	f := webidl.DOMString(s.r.VM, v)
	switch f {
	case FormatRaw, FormatSPKI, FormatPKCS8, FormatJWK:
		return f, nil
	}
	return "", argError(method, 1, "value '%s' is not a valid enum value of type KeyFormat.", f)
}

// usagesArg converts a sequence<KeyUsage>.
func (s *realmState) usagesArg(v goja.Value, pos int, method string) ([]string, error) {
	vm := s.r.VM
	usages := []string{}
	var err error
	ok := webidl.Iterate(vm, v, func(item goja.Value) {
		if err != nil {
			return
		}
		u := webidl.DOMString(vm, item)
		if !slices.Contains(keyUsages, u) {
			err = errorf(TypeError, "Failed to execute '%s' on 'SubtleCrypto': %s argument, index %d value '%s' is not a valid enum value of type KeyUsage.",
				method, ordinals[pos], len(usages), u)
		}
		usages = append(usages, u)
	})
	if !ok {
		return nil, argError(method, pos, "can not be converted to sequence.")
	}
	if err != nil {
		return nil, err
	}
	return usages, nil
}

// jwkArg converts a JsonWebKey dictionary; null and undefined are the empty dictionary.
func (s *realmState) jwkArg(v goja.Value, pos int, method string) (*JWK, error) {
	vm := s.r.VM
	j := &JWK{}
	if webidl.IsNullish(v) {
		return j, nil
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, argError(method, pos, "can not be converted to a dictionary")
	}
	str := func(name string, dst *string) {
		if mv := o.Get(name); mv != nil && !goja.IsUndefined(mv) {
			*dst = webidl.DOMString(vm, mv)
		}
	}
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"alg", &j.Alg}, {"crv", &j.Crv}, {"d", &j.D}, {"dp", &j.DP}, {"dq", &j.DQ}, {"e", &j.E},
		{"k", &j.K}, {"kty", &j.Kty}, {"n", &j.N}, {"p", &j.P}, {"q", &j.Q}, {"qi", &j.QI},
		{"use", &j.Use}, {"x", &j.X}, {"y", &j.Y},
	} {
		str(f.name, f.dst)
	}
	if ev := o.Get("ext"); ev != nil && !goja.IsUndefined(ev) {
		ext := ev.ToBoolean()
		j.Ext = &ext
	}
	if ov := o.Get("key_ops"); ov != nil && !goja.IsUndefined(ov) {
		j.KeyOps = []string{}
		if !webidl.Iterate(vm, ov, func(item goja.Value) { j.KeyOps = append(j.KeyOps, webidl.DOMString(vm, item)) }) {
			return nil, errorf(TypeError, "Failed to execute '%s' on 'SubtleCrypto': 'key_ops' of 'JsonWebKey' (%s argument) can not be converted to sequence.", method, ordinals[pos])
		}
	}
	return j, nil
}

// jwkValue is the JsonWebKey dictionary of an exported key as a JavaScript object.
func (s *realmState) jwkValue(j *JWK) goja.Value {
	vm := s.r.VM
	o := vm.NewObject()
	for _, f := range j.Fields() {
		if ops, ok := f.Value.([]string); ok {
			items := make([]any, len(ops))
			for i, op := range ops {
				items[i] = op
			}
			o.Set(f.Name, vm.NewArray(items...))
			continue
		}
		o.Set(f.Name, f.Value)
	}
	return o
}
