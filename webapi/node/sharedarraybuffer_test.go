package node_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// SharedArrayBuffer: a global no value is an instance of; constructing it fails by name; its prototype
// has the accessors libraries read at load time (webidl-conversions), which throw for any receiver.
func TestSharedArrayBufferStandIn(t *testing.T) {
	e := webapitest.New(t, webapitest.Options{}, console.Install, node.Install)
	t.Cleanup(e.Realm.Close)
	got := e.Run(`let err;
		try { new SharedArrayBuffer(8); } catch (e) { err = e.name + ' ' + e.code + ' ' + e.message; }
		const p = SharedArrayBuffer.prototype, get = (k) => typeof Object.getOwnPropertyDescriptor(p, k).get;
		let bl;
		try { Object.getOwnPropertyDescriptor(p, 'byteLength').get.call(new ArrayBuffer(1)); } catch (e) { bl = e.name; }
		return [typeof SharedArrayBuffer, SharedArrayBuffer.name, new ArrayBuffer(1) instanceof SharedArrayBuffer, ({}) instanceof SharedArrayBuffer, err,
			get('byteLength'), get('growable'), get('maxByteLength'), typeof p.slice, p.constructor === SharedArrayBuffer, Object.prototype.toString.call(p), bl].join('|')`).String()
	want := "function|SharedArrayBuffer|false|false|TypeError ERR_NOT_SUPPORTED SharedArrayBuffer is not supported by jsroute (its JavaScript engine has no shared memory)" +
		"|function|function|function|function|true|[object SharedArrayBuffer]|TypeError"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
