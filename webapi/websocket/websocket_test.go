package websocket_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
	jsws "github.com/jsroute/jsroute/webapi/websocket"
)

// echoServer is a real WebSocket server: it echoes every message, answers "close-me" by closing
// with 4001 "bye", reports the negotiated subprotocol on "proto", and echoes a client's close.
func echoServer(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, &websocket.AcceptOptions{Subprotocols: []string{"chat", "json"}})
		if err != nil {
			return
		}
		defer c.CloseNow()
		ctx := context.Background()
		for {
			typ, data, err := c.Read(ctx)
			if err != nil {
				return
			}
			switch string(data) {
			case "close-me":
				c.Close(4001, "bye")
				return
			case "proto":
				data = []byte("proto=" + c.Subprotocol())
			}
			if err := c.Write(ctx, typ, data); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

func install(r *webapi.Realm) {
	dom.Install(r)
	encoding.Install(r)
	url.Install(r)
	streams.Install(r)
	file.Install(r)
	jsws.Install(r)
}

func TestWebSocket(t *testing.T) {
	base := echoServer(t)
	tests := []struct{ name, script, want string }{
		{"globals", `return [typeof WebSocket, typeof CloseEvent, typeof MessageEvent, WebSocket.OPEN, WebSocket.prototype.CLOSED,
			Object.prototype.toString.call(new CloseEvent('close', { code: 1000, reason: 'r', wasClean: true }))].join()`,
			"function,function,function,1,3,[object CloseEvent]"},
		{"text echo, events in order", `
			const ws = new WebSocket(URL_);
			const log = [ws.readyState, ws.url];
			await new Promise((resolve) => {
				ws.onopen = () => { log.push('open', ws.readyState); ws.send('hello') };
				ws.addEventListener('message', (e) => { log.push(e.data, e instanceof MessageEvent); ws.close(1000, 'done') });
				ws.onclose = (e) => { log.push('close', e.code, e.reason, e.wasClean, ws.readyState); resolve() };
			});
			return log.join()`, "0,URL_/,open,1,hello,true,close,1000,done,true,3"},
		{"binary as arraybuffer and blob", `
			const ws = new WebSocket(URL_);
			const got = [];
			await new Promise((resolve) => {
				ws.onopen = () => { ws.binaryType = 'arraybuffer'; ws.send(new Uint8Array([1, 2, 3])) };
				ws.onmessage = async (e) => {
					if (e.data instanceof ArrayBuffer) {
						got.push('ab:' + [...new Uint8Array(e.data)]);
						ws.binaryType = 'blob';
						ws.send(new Blob(['xyz']));
					} else {
						got.push(Object.prototype.toString.call(e.data) + ':' + await e.data.text());
						ws.close();
					}
				};
				ws.onclose = () => resolve();
			});
			return got.join()`, "ab:1,2,3,[object Blob]:xyz"},
		{"subprotocol", `
			const ws = new WebSocket(URL_, ['json', 'x-other']);
			return await new Promise((resolve) => {
				ws.onopen = () => ws.send('proto');
				ws.onmessage = (e) => { resolve(ws.protocol + ' ' + e.data); ws.close() };
			})`, "json proto=json"},
		{"server closes", `
			const ws = new WebSocket(URL_);
			return await new Promise((resolve) => {
				ws.onopen = () => ws.send('close-me');
				ws.onclose = (e) => resolve([e.code, e.reason, e.wasClean].join());
			})`, "4001,bye,true"},
		{"refused connection: error then close 1006", `
			const ws = new WebSocket('ws://127.0.0.1:1/');
			const log = [];
			await new Promise((resolve) => {
				ws.onerror = (e) => log.push('error:' + e.type);
				ws.onclose = (e) => { log.push('close', e.code, e.wasClean); resolve() };
			});
			return log.join()`, "error:error,close,1006,false"},
		{"send while connecting throws", `
			const ws = new WebSocket(URL_);
			let msg;
			try { ws.send('x') } catch (e) { msg = e.name }
			ws.close();
			return msg`, "InvalidStateError"},
		{"constructor and close argument errors", `
			const names = [];
			for (const f of [() => new WebSocket('ftp://x/'), () => new WebSocket('ws://x/#f'), () => new WebSocket('nope'),
				() => new WebSocket(URL_, ['a', 'a']), () => new WebSocket(URL_, 'a b')]) {
				try { f(); names.push('none') } catch (e) { names.push(e.name) }
			}
			const ws = new WebSocket(URL_);
			await new Promise((r) => { ws.onopen = r });
			for (const f of [() => ws.close(1001), () => ws.close(1000, 'x'.repeat(124))]) {
				try { f(); names.push('none') } catch (e) { names.push(e.name) }
			}
			ws.close();
			return names.join()`, "SyntaxError,SyntaxError,SyntaxError,SyntaxError,SyntaxError,InvalidAccessError,SyntaxError"},
		{"http URL maps to ws", `
			const ws = new WebSocket(URL_.replace('ws:', 'http:'));
			const u = ws.url;
			await new Promise((r) => { ws.onopen = () => { ws.close(); r() } });
			return u.slice(0, 5)`, "ws://"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := webapitest.New(t, webapitest.Options{}, install)
			script := strings.ReplaceAll(tt.script, "URL_", `"`+base+`"`)
			want := strings.ReplaceAll(tt.want, "URL_", base)
			if got := env.Run(script).String(); got != want {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}
