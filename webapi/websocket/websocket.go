// Package websocket is the WebSocket client route handlers find as a global, as in Node 22 and in
// Next.js's server runtime (WHATWG WebSockets Standard, https://websockets.spec.whatwg.org/): the
// class and its events are JavaScript (websocket.js), the connection is github.com/coder/websocket
// on a goroutine of its own, and every event comes back to the runtime through the loop's one door
// (webapi.Host.Reserve), one message at a time.
package websocket

import (
	"context"
	_ "embed"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/coder/websocket"
	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
)

//go:embed websocket.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:websocket.js", source, true) })

// maxMessage bounds one received message, as a server library would (ws's default maxPayload is
// 100 MiB); a larger one closes the connection with 1009.
const maxMessage = 64 << 20

type stateKey struct{}

// Install defines WebSocket, CloseEvent and MessageEvent as lazy globals: the classes are built the
// first time code reads one of them.
func Install(r *webapi.Realm) {
	for _, name := range []string{"WebSocket", "CloseEvent", "MessageEvent"} {
		r.DefineLazyGlobal(name, func() goja.Value { return classes(r).Get(name) })
	}
}

func classes(r *webapi.Realm) *goja.Object {
	return r.State(stateKey{}, func() any {
		vm := r.VM
		fn, err := vm.RunProgram(program())
		if err != nil {
			panic(err)
		}
		build, _ := goja.AssertFunction(fn)
		native := vm.NewObject()
		native.Set("connect", func(call goja.FunctionCall) goja.Value {
			var protocols []string
			_ = vm.ExportTo(call.Argument(1), &protocols)
			return connect(r, call.Argument(0).String(), protocols, call.Argument(2).ToObject(vm))
		})
		out, err := build(goja.Undefined(), native)
		if err != nil {
			panic(err)
		}
		return out.ToObject(vm)
	}).(*goja.Object)
}

// conn is one connection: the dial, a reader that hands each message to the loop and waits for the
// loop to ask for the next (backpressure), and a writer that sends frames in call order.
type conn struct {
	r        *webapi.Realm
	ctx      context.Context
	cancel   context.CancelFunc
	sink     *goja.Object
	buffered atomic.Int64

	mu      sync.Mutex
	ws      *websocket.Conn // set once the handshake is done
	out     []frame
	wake    chan struct{}
	closing bool
}

// frame is a message to send, or (close set) the closing handshake to start after the ones before.
type frame struct {
	data   []byte
	binary bool
	close  bool
	code   int
	reason string
}

func connect(r *webapi.Realm, url string, protocols []string, sink *goja.Object) goja.Value {
	ctx, cancel := context.WithCancel(context.Background())
	c := &conn{r: r, ctx: ctx, cancel: cancel, sink: sink, wake: make(chan struct{}, 1)}
	r.OnClose(cancel)
	client := *r.Host.HTTPClient() // its transport (and the embedder's host allow-list) dials
	client.Timeout = 0             // a connection lives as long as it is open
	opened := r.Host.Reserve()
	go func() {
		ws, resp, err := websocket.Dial(ctx, url, &websocket.DialOptions{HTTPClient: &client, Subprotocols: protocols})
		if err != nil {
			if resp != nil && resp.Body != nil {
				resp.Body.Close()
			}
			opened(func() { c.closed(1006, "", false) })
			return
		}
		ws.SetReadLimit(maxMessage)
		c.mu.Lock()
		c.ws = ws
		c.mu.Unlock()
		go c.write()
		ext := resp.Header.Get("Sec-WebSocket-Extensions")
		next := make(chan func(func()), 1)
		opened(func() {
			c.call("open", c.r.VM.ToValue(ws.Subprotocol()), c.r.VM.ToValue(ext))
			next <- c.r.Host.Reserve()
		})
		c.read(ws, next)
	}()
	o := r.VM.NewObject()
	o.Set("send", func(call goja.FunctionCall) goja.Value {
		f := frame{binary: call.Argument(1).ToBoolean()}
		if f.binary {
			b, _ := call.Argument(0).Export().([]byte)
			f.data = append([]byte(nil), b...)
		} else {
			f.data = []byte(call.Argument(0).String())
		}
		c.buffered.Add(int64(len(f.data)))
		c.push(f)
		return goja.Undefined()
	})
	o.Set("close", func(call goja.FunctionCall) goja.Value {
		c.mu.Lock()
		connected := c.ws != nil
		c.mu.Unlock()
		if !connected {
			cancel() // still connecting: fail it (the dial reports 1006)
			return goja.Undefined()
		}
		code := int(call.Argument(0).ToInteger())
		if code < 0 {
			code = int(websocket.StatusNormalClosure)
		}
		c.push(frame{close: true, code: code, reason: call.Argument(1).String()})
		return goja.Undefined()
	})
	o.Set("buffered", func(goja.FunctionCall) goja.Value { return r.VM.ToValue(c.buffered.Load()) })
	return o
}

// read delivers messages until the connection ends, each on the loop, the next read only once the
// loop has taken the last one.
func (c *conn) read(ws *websocket.Conn, next chan func(func())) {
	for {
		var deliver func(func())
		select {
		case deliver = <-next:
		case <-c.ctx.Done():
			return
		}
		typ, data, err := ws.Read(c.ctx)
		if err != nil {
			code, reason, clean := 1006, "", false
			var ce websocket.CloseError
			if errors.As(err, &ce) {
				code, reason, clean = int(ce.Code), ce.Reason, true
			}
			c.cancel()
			deliver(func() { c.closed(code, reason, clean) })
			return
		}
		deliver(func() {
			vm := c.r.VM
			if typ == websocket.MessageBinary {
				c.call("message", vm.ToValue(vm.NewArrayBuffer(data)), vm.ToValue(true))
			} else {
				c.call("message", vm.ToValue(string(data)), vm.ToValue(false))
			}
			next <- c.r.Host.Reserve()
		})
	}
}

func (c *conn) push(f frame) {
	c.mu.Lock()
	if !c.closing {
		c.out = append(c.out, f)
		c.closing = f.close
	}
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

// write sends the queued frames in order; a close frame starts the closing handshake (the reader
// then sees the peer's close and reports it).
func (c *conn) write() {
	for {
		select {
		case <-c.wake:
		case <-c.ctx.Done():
			c.ws.CloseNow()
			return
		}
		c.mu.Lock()
		q := c.out
		c.out = nil
		c.mu.Unlock()
		for _, f := range q {
			if f.close {
				go c.ws.Close(websocket.StatusCode(f.code), f.reason)
				continue
			}
			typ := websocket.MessageText
			if f.binary {
				typ = websocket.MessageBinary
			}
			err := c.ws.Write(c.ctx, typ, f.data)
			c.buffered.Add(-int64(len(f.data)))
			if err != nil {
				c.ws.CloseNow()
				return
			}
		}
	}
}

// closed tells the JS object the connection is over; on the loop.
func (c *conn) closed(code int, reason string, clean bool) {
	vm := c.r.VM
	c.call("close", vm.ToValue(code), vm.ToValue(reason), vm.ToValue(clean))
}

func (c *conn) call(name string, args ...goja.Value) {
	fn, _ := goja.AssertFunction(c.sink.Get(name))
	if _, err := fn(goja.Undefined(), args...); err != nil {
		c.r.Host.Logger().Error("⨯ uncaught exception in a WebSocket " + name + " listener: " + err.Error())
	}
}
