;; An exported memory with data, grown by wasm code.
(module
  (memory (export "mem") 1 4)
  (data (i32.const 16) "hello, wasm")
  (func (export "grow") (param i32) (result i32) local.get 0 memory.grow)
  (func (export "size") (result i32) memory.size)
  (func (export "sum") (param i32 i32) (result i32) (local i32)
    block loop
      local.get 1 i32.eqz br_if 1
      local.get 2 local.get 0 i32.load8_u i32.add local.set 2
      local.get 0 i32.const 1 i32.add local.set 0
      local.get 1 i32.const 1 i32.sub local.set 1
      br 0
    end end
    local.get 2))
