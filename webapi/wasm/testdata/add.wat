;; Arithmetic and the i64 ↔ BigInt and f32 conversions.
(module
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "add64") (param i64 i64) (result i64) local.get 0 local.get 1 i64.add)
  (func (export "neg64") (param i64) (result i64) i64.const 0 local.get 0 i64.sub)
  (func (export "f32") (param f32) (result f32) local.get 0)
  (func (export "f64mul") (param f64 f64) (result f64) local.get 0 local.get 1 f64.mul)
  (func (export "pair") (param i32) (result i32 i64) local.get 0 local.get 0 i64.extend_i32_s)
  (func (export "nothing"))
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_s
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call $fib local.get 0 i32.const 2 i32.sub call $fib i32.add end)
  (global (export "answer") i32 (i32.const 42))
  (global (export "counter") (mut i64) (i64.const 7))
  (func (export "bump") (result i64) global.get 1 i64.const 1 i64.add global.set 1 global.get 1))
