package wasm

// ClosedModules is how many modules were closed because JS dropped them.
func ClosedModules() int64 { return closedModules.Load() }
