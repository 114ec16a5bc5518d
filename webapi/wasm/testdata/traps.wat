;; Each trap V8 names, and a loop that never ends.
(module
  (memory 1)
  (table 2 funcref)
  (type $v (func))
  (func $nop)
  (elem (i32.const 0) $nop)
  (func (export "unreachable") unreachable)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func (export "oob") (result i32) i32.const 70000 i32.load)
  (func (export "trunc") (param f64) (result i32) local.get 0 i32.trunc_f64_s)
  (func (export "indirect") (param i32) local.get 0 call_indirect (type $v))
  (func $rec (export "recurse") call $rec)
  (func (export "spin") (loop br 0)))
