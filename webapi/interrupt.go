package webapi

import "context"

// InterruptHost is implemented by hosts that stop runaway code: Interrupted is a context that is
// cancelled when the runtime is interrupted (a request past its time limit, the memory budget,
// shutdown). Code that goja's Interrupt does not reach — WebAssembly running in wazero — watches
// it. The runtime is thrown away after an interrupt, so a fresh runtime sees a fresh context.
type InterruptHost interface {
	Interrupted() context.Context
}
