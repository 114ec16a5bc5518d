package webapi

import "github.com/dop251/goja"

// Frame is an async context that carries AsyncLocalStorage stores on top of the request scope.
//
// The host tracks one value as "the current async context": goja's AsyncContextTracker grabs it
// for every promise reaction, and Reserve and AfterFunc restore it for host callbacks. A request
// that uses no AsyncLocalStorage keeps its plain scope there (nothing extra on the hot path);
// the first AsyncLocalStorage.run or enterWith replaces it with a *Frame holding the same scope
// plus the stores. Frames are immutable: a change makes a new frame, so a continuation that
// grabbed the old one keeps what was current when it was created, as Node's async resources do
// (https://nodejs.org/docs/latest-v20.x/api/async_context.html#class-asynclocalstorage).
type Frame struct {
	scope  any
	stores []frameStore
}

type frameStore struct {
	key   *goja.Object
	value goja.Value
}

// ScopeOf is the request scope of an async context value: the scope itself, or a Frame's.
// Hosts answer Context() with it.
func ScopeOf(ctx any) any {
	if f, ok := ctx.(*Frame); ok {
		return f.scope
	}
	return ctx
}

// FrameStore is the value stored under key in ctx, or undefined.
func FrameStore(ctx any, key *goja.Object) goja.Value {
	if f, ok := ctx.(*Frame); ok {
		for _, s := range f.stores {
			if s.key == key {
				return s.value
			}
		}
	}
	return goja.Undefined()
}

// WithFrameStore is ctx with value stored under key (removed when value is undefined); ctx itself
// is unchanged. Without any store left the result is the bare scope again.
func WithFrameStore(ctx any, key *goja.Object, value goja.Value) any {
	f, _ := ctx.(*Frame)
	scope := ScopeOf(ctx)
	var old []frameStore
	if f != nil {
		old = f.stores
	}
	stores := make([]frameStore, 0, len(old)+1)
	for _, s := range old {
		if s.key != key {
			stores = append(stores, s)
		}
	}
	if value != nil && !goja.IsUndefined(value) {
		stores = append(stores, frameStore{key, value})
	}
	if len(stores) == 0 {
		return scope
	}
	return &Frame{scope: scope, stores: stores}
}

// AsyncContexts is implemented by hosts whose current async context bindings may read and
// replace (node:async_hooks does). Both methods are called on the runtime's goroutine.
type AsyncContexts interface {
	// AsyncContext is the current async context value (a scope or a *Frame), as tracked.
	AsyncContext() any
	// SetAsyncContext makes ctx the current async context.
	SetAsyncContext(ctx any)
}

// CaptureContext is the async context to save for a callback that runs later (a Frame when
// AsyncLocalStorage is in use, else the request scope): restore it with the host's own
// within-context mechanism, so the callback sees the same request and the same stores.
func CaptureContext(h Host) any {
	if ac, ok := h.(AsyncContexts); ok {
		return ac.AsyncContext()
	}
	return h.Context()
}
