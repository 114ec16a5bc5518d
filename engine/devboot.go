package engine

import "sync"

// bootWorkers makes n workers with boot. In dev they boot at once, one goroutine each: a reload's new
// runtimes (each running the app's packages and module bodies again) then cost one boot's time on a
// machine with as many cores, not n (e2e TestDevReloadLatency). start boots them one after the other,
// as it always has, so its start-up output keeps its order. The first error wins; the workers made
// are returned with it, for the caller to close.
func bootWorkers(n int, parallel bool, boot func(i int) (*worker, error)) ([]*worker, error) {
	ws := make([]*worker, n)
	errs := make([]error, n)
	if !parallel || n == 1 {
		for i := range n {
			if ws[i], errs[i] = boot(i); errs[i] != nil {
				return ws[:i], errs[i]
			}
		}
		return ws, nil
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { ws[i], errs[i] = boot(i) })
	}
	wg.Wait()
	var made []*worker
	var first error
	for i := range n {
		if ws[i] != nil {
			made = append(made, ws[i])
		}
		if first == nil && errs[i] != nil {
			first = errs[i]
		}
	}
	if first != nil {
		return made, first
	}
	return ws, nil
}
