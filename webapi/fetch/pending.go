package fetch

// Hooks into the areas other engineers are still writing (streams, file, dom). Each is the
// smallest behaviour that is right for byte bodies; they are replaced as those areas land.

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

func (a *api) streamLocked(*goja.Object) bool { return false }

func (a *api) readStream(s *goja.Object, settle func([]byte, error)) {
	settle(nil, errUnsupported("reading a ReadableStream body"))
}

func (a *api) bodyStream(b *Body) goja.Value {
	if b == nil {
		return goja.Null()
	}
	panic(webidl.TypeError(a.r.VM, "body streams are not available yet"))
}

func (a *api) cloneBody(b *Body) *Body {
	if b == nil {
		return nil
	}
	if data, ok := b.Bytes(); ok {
		return BytesBody(data)
	}
	panic(webidl.TypeError(a.r.VM, "cloning a streamed body is not available yet"))
}

func (a *api) newBlob(b []byte, ct string) goja.Value {
	panic(webidl.TypeError(a.r.VM, "Blob is not available yet"))
}

func (a *api) parseFormData(b []byte, ct string) goja.Value {
	panic(webidl.TypeError(a.r.VM, "FormData is not available yet"))
}

func (a *api) newSignal() *goja.Object { return a.r.VM.NewObject() }

func (a *api) followSignal(v goja.Value) *goja.Object { return a.newSignal() }

type errUnsupported string

func (e errUnsupported) Error() string { return string(e) + " is not supported yet" }
