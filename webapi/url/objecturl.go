package url

import (
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/webidl"
)

// URL.createObjectURL and URL.revokeObjectURL (File API §8.3, the partial interface URL) as
// Node.js 20 has them: a blob URL is "blob:nodedata:" and a random UUID, and the blob URL store is
// kept per realm (Node keeps one per process; a realm is one worker's JS world here).

// objectURLPrefix starts every URL createObjectURL makes.
const objectURLPrefix = "blob:nodedata:"

// CreateObjectURL adds b to the realm's blob URL store and returns its new URL.
func CreateObjectURL(r *webapi.Realm, b *file.Blob) string {
	id := newUUID()
	defined(r).objectURLs[id] = b
	return objectURLPrefix + id
}

// RevokeObjectURL removes the entry href names from the realm's blob URL store; anything else is
// ignored.
func RevokeObjectURL(r *webapi.Realm, href string) {
	if id, ok := objectURLID(href); ok {
		delete(defined(r).objectURLs, id)
	}
}

// ResolveObjectURL returns the blob a URL made by createObjectURL in this realm names, while it
// is not revoked (Node's buffer.resolveObjectURL; what fetch of a blob: URL reads). A fragment is
// ignored.
func ResolveObjectURL(r *webapi.Realm, href string) (*file.Blob, bool) {
	id, ok := objectURLID(href)
	if !ok {
		return nil, false
	}
	b, ok := defined(r).objectURLs[id]
	return b, ok
}

// objectURLID is the id in a "blob:nodedata:<id>" URL.
func objectURLID(href string) (string, bool) {
	u, err := Parse(href)
	if err != nil || u.Protocol() != "blob:" {
		return "", false
	}
	return strings.CutPrefix(u.Pathname(), "nodedata:")
}

// newUUID is a version 4 UUID in lower case (crypto.randomUUID).
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// objectURLStatics are URL.createObjectURL(obj) and URL.revokeObjectURL(url), with Node's errors:
// a non-Blob is a TypeError ERR_INVALID_ARG_TYPE, a missing url ERR_MISSING_ARGS.
func objectURLStatics(r *webapi.Realm) []webidl.StaticMethod {
	vm := r.VM
	return []webidl.StaticMethod{
		{Name: "createObjectURL", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
			b, ok := file.BlobOf(r, call.Argument(0))
			if !ok {
				panic(console.NodeError(r, "TypeError", "ERR_INVALID_ARG_TYPE", `The "obj" argument must be an instance of Blob. Received %s`, console.Received(r, call.Argument(0))))
			}
			return vm.ToValue(CreateObjectURL(r, b))
		}},
		{Name: "revokeObjectURL", Length: 1, Fn: func(call goja.FunctionCall) goja.Value {
			missingArgs(vm, call.Arguments, 1, `"url" argument`)
			RevokeObjectURL(r, webidl.DOMString(vm, call.Arguments[0]))
			return goja.Undefined()
		}},
	}
}
