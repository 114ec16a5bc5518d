;; A start function that calls an import; a custom section.
(module
  (import "env" "started" (func $started (param i32)))
  (func $start i32.const 7 call $started)
  (start $start)
)
;; gen.sh appends two custom sections named "jsroute" ("custom bytes", "two").
