package webapi

import (
	"testing"

	"github.com/dop251/goja"
)

func TestFrameStores(t *testing.T) {
	vm := goja.New()
	a, b := vm.NewObject(), vm.NewObject()
	scope := &struct{}{}
	if ScopeOf(scope) != any(scope) || ScopeOf(nil) != nil {
		t.Fatal("a bare scope is its own scope")
	}
	f1 := WithFrameStore(scope, a, vm.ToValue(1))
	f2 := WithFrameStore(f1, b, vm.ToValue(2))
	f3 := WithFrameStore(f2, a, vm.ToValue(3))
	if ScopeOf(f3) != any(scope) {
		t.Error("a frame keeps its request scope")
	}
	for _, c := range []struct {
		ctx  any
		key  *goja.Object
		want string
	}{{f1, a, "1"}, {f1, b, "undefined"}, {f2, a, "1"}, {f2, b, "2"}, {f3, a, "3"}, {f3, b, "2"}, {scope, a, "undefined"}} {
		if got := FrameStore(c.ctx, c.key).String(); got != c.want {
			t.Errorf("store: got %s, want %s (earlier frames must not change)", got, c.want)
		}
	}
	// Removing the last store gives the bare scope back: the hot path never sees a frame.
	if back := WithFrameStore(WithFrameStore(f1, a, goja.Undefined()), b, goja.Undefined()); back != any(scope) {
		t.Errorf("got %v, want the bare scope", back)
	}
}
