package dom

import "github.com/dop251/goja"

// Object is the JS AbortSignal object of s.
func (s *AbortSignal) Object() *goja.Object { return s.obj }
