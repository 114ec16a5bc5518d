;; Imported JS functions, an imported memory and globals.
(module
  (import "env" "log" (func $log (param i32 f64)))
  (import "env" "twice" (func $twice (param i64) (result i64)))
  (import "env" "memory" (memory 1))
  (import "env" "base" (global $base i32))
  (import "env" "mut" (global $mut (mut i32)))
  (import "math" "pick" (func $pick (result i32 f32)))
  (func (export "run") (param i32) (result i32)
    local.get 0 f64.const 1.5 call $log
    local.get 0 global.get $base i32.add)
  (func (export "dbl") (param i64) (result i64) local.get 0 call $twice)
  (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
  (func (export "load") (param i32) (result i32) local.get 0 i32.load)
  (func (export "incMut") global.get $mut i32.const 1 i32.add global.set $mut)
  (func (export "pick") (result i32 f32) call $pick)
  (func (export "callThrough") (param i32) (result i32) local.get 0 f64.const 0 call $log local.get 0))
