package engine

import "context"

// stopCtx is the context a runtime's interrupt cancels (webapi.InterruptHost): code goja's
// Interrupt does not reach — WebAssembly in wazero — watches it, so a runaway wasm loop stops at
// the request's time limit like a runaway JS loop.
type stopCtx struct {
	ctx    context.Context
	cancel context.CancelFunc
}

// Interrupted implements webapi.InterruptHost; on the loop.
func (w *worker) Interrupted() context.Context {
	if s := w.stop.Load(); s != nil {
		return s.ctx
	}
	return context.Background()
}

// renewStop gives a fresh runtime a fresh context (the old one stays cancelled with its runtime).
func (w *worker) renewStop() {
	ctx, cancel := context.WithCancel(context.Background())
	if old := w.stop.Swap(&stopCtx{ctx, cancel}); old != nil {
		old.cancel()
	}
}

// cancelStop stops the wasm running on the loop; any goroutine.
func (w *worker) cancelStop() {
	if s := w.stop.Load(); s != nil {
		s.cancel()
	}
}
