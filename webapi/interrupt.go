package webapi

// InterruptHost is implemented by hosts that stop runaway handlers (a request past its time
// limit, the memory budget, a shutdown). goja's Runtime.Interrupt only acts between JS
// instructions, so a host function that computes for long in Go (a bcrypt hashSync) asks
// Interrupted now and then and returns early; the interrupt then takes effect as soon as JS
// runs again.
type InterruptHost interface {
	// Interrupted reports whether the JS running on the realm has been interrupted. Any
	// goroutine may call it.
	Interrupted() bool
}

// Interrupted returns the realm's interruption check: false for ever when the host cannot
// interrupt.
func (r *Realm) Interrupted() func() bool {
	if h, ok := r.Host.(InterruptHost); ok {
		return h.Interrupted
	}
	return never
}

func never() bool { return false }
