;; One imported JS function, nothing else (leak_test.go).
(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) local.get 0 call $f))
