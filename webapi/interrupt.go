package webapi

import "context"

// InterruptHost is implemented by hosts that stop runaway handlers (a request past its time limit,
// the memory budget, a shutdown). goja's Runtime.Interrupt only acts between JS instructions, so
// code it does not reach asks the host:
//   - Interrupted is a context cancelled when the runtime is interrupted: WebAssembly running in
//     wazero watches it. After an interrupt the host gives the runtime a fresh context (and
//     throws away a runtime that used WebAssembly: wasm.Used).
//   - InterruptRequested reports whether the JS running on the realm has been interrupted: a host
//     function that computes for long in Go (a bcrypt hashSync) asks it now and then and returns
//     early; the interrupt then takes effect as soon as JS runs again. Any goroutine may call it.
type InterruptHost interface {
	Interrupted() context.Context
	InterruptRequested() bool
}

// Interrupted returns the realm's interruption check: false for ever when the host cannot
// interrupt.
func (r *Realm) Interrupted() func() bool {
	if h, ok := r.Host.(InterruptHost); ok {
		return h.InterruptRequested
	}
	return never
}

func never() bool { return false }
