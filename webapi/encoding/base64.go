package encoding

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// ErrInvalidBase64 is returned by ForgivingBase64Decode for input that is not base64.
var ErrInvalidBase64 = errors.New("the string to be decoded is not correctly encoded")

// errBase64Length is the failure of step 3 (length ≡ 1 mod 4), which Node reports with its own
// message.
var errBase64Length = fmt.Errorf("%w: length is 1 mod 4", ErrInvalidBase64)

// ForgivingBase64Decode is "forgiving-base64 decode" (Infra Standard, used by HTML §8.3
// atob): ASCII whitespace is removed, one or two trailing "=" are allowed when the length is a
// multiple of 4, padding bits are ignored.
func ForgivingBase64Decode(s string) ([]byte, error) {
	// 1. Remove ASCII whitespace.
	if strings.ContainsAny(s, "\t\n\f\r ") {
		s = strings.Map(func(r rune) rune {
			if r < 0x80 && isASCIIWhitespace(byte(r)) {
				return -1
			}
			return r
		}, s)
	}
	// 2. Drop one or two trailing "=" when the length is a multiple of 4.
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(s, "=")
		s = strings.TrimSuffix(s, "=")
	}
	// 4. Anything outside the base64 alphabet fails ("=" included, now).
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return nil, ErrInvalidBase64
		}
	}
	// 3. A length of 1 mod 4 cannot be base64.
	if len(s)%4 == 1 {
		return nil, errBase64Length
	}
	// 5–9. RawStdEncoding (not Strict) ignores the padding bits as the standard does.
	return base64.RawStdEncoding.DecodeString(s)
}

// installBase64 defines the globals atob and btoa (HTML §8.3 "Base64 utility methods").
func installBase64(r *webapi.Realm) {
	vm := r.VM
	g := vm.GlobalObject()
	// btoa(DOMString data): each code unit must be at most U+00FF; the result is the base64 of
	// those bytes.
	g.Set("btoa", webidl.Function(vm, "btoa", 1, func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			panic(withCode(vm, webidl.TypeError(vm, `The "input" argument must be specified`), "ERR_MISSING_ARGS"))
		}
		s := webidl.DOMString(vm, call.Argument(0))
		b := make([]byte, 0, len(s))
		for _, c := range s { // a lone surrogate arrives as U+FFFD, which is rejected too
			if c > 0xFF {
				panic(dom.NewDOMException(r, "Invalid character", "InvalidCharacterError"))
			}
			b = append(b, byte(c))
		}
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	}))
	// atob(DOMString data): forgiving-base64 decode, each byte one code unit of the result.
	g.Set("atob", webidl.Function(vm, "atob", 1, func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			panic(withCode(vm, webidl.TypeError(vm, `The "input" argument must be specified`), "ERR_MISSING_ARGS"))
		}
		b, err := ForgivingBase64Decode(webidl.DOMString(vm, call.Argument(0)))
		switch {
		case err == errBase64Length:
			panic(dom.NewDOMException(r, "The string to be decoded is not correctly encoded.", "InvalidCharacterError"))
		case err != nil:
			panic(dom.NewDOMException(r, "Invalid character", "InvalidCharacterError"))
		}
		return vm.ToValue(webidl.Latin1ToString(string(b)))
	}))
}
