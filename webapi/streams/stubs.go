package streams

import (
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi/webidl"
)

type ReadableByteStreamController struct{}

func (c *ReadableByteStreamController) cancelSteps(reason goja.Value) *goja.Object { return nil }
func (c *ReadableByteStreamController) pullSteps(req *readRequest)                 {}
func (c *ReadableByteStreamController) releaseSteps()                              {}

type ReadableStreamBYOBRequest struct{}
type readIntoRequest struct {
	chunkSteps func(chunk goja.Value)
	closeSteps func(chunk goja.Value)
	errorSteps func(e goja.Value)
}
type arrayBufferView struct {
	obj                                 *goja.Object
	buffer                              goja.ArrayBuffer
	byteOffset, byteLength, elementSize int
}

func (s *rt) arrayBufferView(v goja.Value) (arrayBufferView, bool) { return arrayBufferView{}, false }
func setUpByteControllerFromSource(rs *ReadableStream, d underlyingSource, hwm float64) {
	throw(rs.rt.vm.NewTypeError("bytes: not yet"))
}
func byteControllerPullInto(c *ReadableByteStreamController, view arrayBufferView, min int, req *readIntoRequest) {
}
func readableByteStreamTee(rs *ReadableStream) (*ReadableStream, *ReadableStream) { return nil, nil }
func (s *rt) defineByteController() {
	s.byteController = webidl.Define(s.realm, webidl.Spec[*ReadableByteStreamController]{Name: "ReadableByteStreamController"})
	s.byobRequest = webidl.Define(s.realm, webidl.Spec[*ReadableStreamBYOBRequest]{Name: "ReadableStreamBYOBRequest"})
}
