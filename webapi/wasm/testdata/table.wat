;; Exported tables: funcref (call_indirect) and externref.
(module
  (type $ii (func (param i32) (result i32)))
  (table (export "fns") 3 funcref)
  (table (export "refs") 2 externref)
  (func $inc (param i32) (result i32) local.get 0 i32.const 1 i32.add)
  (func $dbl (param i32) (result i32) local.get 0 i32.const 2 i32.mul)
  (elem (table 0) (i32.const 0) func $inc $dbl)
  (func (export "call") (param i32 i32) (result i32) local.get 1 local.get 0 call_indirect 0 (type $ii))
  (func (export "getRef") (param i32) (result externref) local.get 0 table.get 1)
  (func (export "setRef") (param i32 externref) local.get 0 local.get 1 table.set 1))
