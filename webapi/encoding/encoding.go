// Package encoding implements the Encoding Standard (https://encoding.spec.whatwg.org/):
// TextEncoder and TextDecoder, plus HTML's atob and btoa (§8.3 of the HTML Standard).
//
// UTF-8 and UTF-16 are decoded here, with the standard's error handling and streaming; the legacy
// encodings (windows-1252, Shift_JIS, GBK, ...) go through golang.org/x/text, whose htmlindex
// package is the standard's table of labels.
// TextEncoderStream and TextDecoderStream (§5.2–5.3) are TransformStreams with Go transforms.
package encoding

import (
	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/webidl"
)

type classes struct {
	encoder *webidl.Class[*TextEncoder]
	decoder *webidl.Class[*TextDecoder]
}

type stateKey struct{}

func defined(r *webapi.Realm) *classes {
	return r.State(stateKey{}, func() any {
		c := &classes{encoder: defineTextEncoder(r), decoder: defineTextDecoder(r)}
		webidl.Reorder(r.VM, c.encoder.Proto, "encoding", "encode", "encodeInto") // Node.js 20's order
		return c
	}).(*classes)
}

// Install defines the globals TextEncoder, TextDecoder, atob and btoa.
func Install(r *webapi.Realm) {
	c := defined(r)
	c.encoder.Global()
	c.decoder.Global()
	defineStreams(r)
	installBase64(r)
}
