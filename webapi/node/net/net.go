// Package net is node:net's client side (https://nodejs.org/docs/latest-v20.x/api/net.html):
// net.Socket, a stream.Duplex over a Go net.Conn, with connect/createConnection and isIP. The
// Socket itself is JavaScript (net.js); this file is its handle: dialling through the host's
// policy (webapi.DialHost), reads and writes on goroutines, completions back on the loop.
//
// Reads: one read in flight per socket. The JS side asks for a read when the Readable wants data
// (_read); a goroutine reads once and hands the chunk to the loop through Host.Reserve; the next
// read starts only after the loop took the chunk, so a consumer that stops reading stops the
// socket (TCP backpressure). Writes go in order through a writer goroutine, each completing its
// callback on the loop (the Writable's buffer gives 'drain'). No goroutine touches the runtime.
//
// Sockets still open when the runtime is thrown away are closed (Realm.OnClose). Servers
// (createServer, Server) are not provided: they throw ERR_NOT_SUPPORTED.
package net

import (
	"context"
	_ "embed"
	"errors"
	"io"
	gonet "net"
	"net/netip"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"golang.org/x/sys/unix"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	"github.com/jsroute/jsroute/webapi/node/jsmodule"
)

//go:embed net.js
var source string

var module = &jsmodule.Source{Name: "net", Text: source}

func init() {
	node.Register("net", func(r *webapi.Realm) goja.Value { return module.Run(r, Binding(r)) })
}

// readSize is the most one read takes, as libuv's 64 KiB.
const readSize = 64 << 10

// sockets is the realm's set of open handles, closed with the realm.
type sockets struct {
	mu     sync.Mutex
	open   map[*Handle]struct{}
	ctx    context.Context
	cancel context.CancelFunc
}

type socketsKey struct{}

func registry(r *webapi.Realm) *sockets {
	return r.State(socketsKey{}, func() any {
		s := &sockets{open: map[*Handle]struct{}{}}
		s.ctx, s.cancel = context.WithCancel(context.Background())
		r.OnClose(func() {
			s.cancel()
			s.mu.Lock()
			hs := make([]*Handle, 0, len(s.open))
			for h := range s.open {
				hs = append(hs, h)
			}
			s.mu.Unlock()
			for _, h := range hs {
				h.conn.Close()
			}
		})
		return s
	}).(*sockets)
}

// Handle is one connected socket. Its methods run on the loop except where they say otherwise.
type Handle struct {
	r    *webapi.Realm
	reg  *sockets
	conn gonet.Conn

	closed   bool
	reading  chan struct{} // closed when the read in flight returns; nil when none
	detached atomic.Bool   // the conn was handed to TLS (Detach): reads and writes stop here
	leftover []byte        // bytes a read got after Detach (set by the read goroutine before reading closes)

	writes chan writeReq // nil until the first write
}

type writeReq struct {
	b        []byte
	shutdown bool
	done     func(error)
}

// NewHandle registers a connected conn with the realm (node:tls makes its handles with it).
func NewHandle(r *webapi.Realm, c gonet.Conn) *Handle {
	reg := registry(r)
	h := &Handle{r: r, reg: reg, conn: c}
	reg.mu.Lock()
	reg.open[h] = struct{}{}
	reg.mu.Unlock()
	return h
}

// Conn is the handle's connection.
func (h *Handle) Conn() gonet.Conn { return h.conn }

// Detach stops the handle using its connection and returns it to the new owner (a TLS upgrade)
// through got, called on a goroutine once no read is in flight, with any bytes already read.
func (h *Handle) Detach(got func(c gonet.Conn, leftover []byte)) {
	h.detached.Store(true)
	h.stopWriter()
	c, wait := h.conn, h.reading
	h.reg.mu.Lock()
	delete(h.reg.open, h)
	h.reg.mu.Unlock()
	if wait != nil {
		c.SetReadDeadline(time.Unix(1, 0))
	}
	go func() {
		if wait != nil {
			<-wait
			c.SetReadDeadline(time.Time{})
		}
		got(c, h.leftover)
	}()
}

// read starts the one read in flight; cb(err, chunk) runs on the loop, chunk null at the end.
func (h *Handle) read(cb goja.Callable) {
	if h.closed || h.detached.Load() || h.reading != nil {
		return
	}
	complete := h.r.Host.Reserve()
	done := make(chan struct{})
	h.reading = done
	c := h.conn
	go func() {
		buf := make([]byte, readSize)
		n, err := c.Read(buf)
		if h.detached.Load() {
			h.leftover = buf[:n]
			close(done)
			complete(func() { h.reading = nil })
			return
		}
		close(done)
		complete(func() {
			h.reading = nil
			if h.closed || h.detached.Load() {
				return
			}
			vm := h.r.VM
			switch {
			case n > 0:
				_, e := cb(goja.Undefined(), goja.Null(), buffer.New(h.r, buf[:n]))
				rethrow(e)
			case err == nil:
				// An empty read: ask again.
				_, e := cb(goja.Undefined(), goja.Null(), buffer.New(h.r, nil))
				rethrow(e)
			case errors.Is(err, io.EOF):
				_, e := cb(goja.Undefined(), goja.Null(), goja.Null())
				rethrow(e)
			default:
				_, e := cb(goja.Undefined(), vm.ToValue(errInfo(vm, err, "read")))
				rethrow(e)
			}
		})
	}()
}

func rethrow(err error) {
	if err != nil {
		panic(err)
	}
}

// write queues b (copied); cb(err) runs on the loop once it is written.
func (h *Handle) write(b []byte, cb goja.Callable, shutdown bool) {
	if h.closed || h.detached.Load() {
		complete := h.r.Host.Reserve()
		complete(func() {
			_, e := cb(goja.Undefined(), h.r.VM.ToValue(errInfo(h.r.VM, syscall.EPIPE, "write")))
			rethrow(e)
		})
		return
	}
	if h.writes == nil {
		h.writes = make(chan writeReq, 64)
		go h.writer(h.writes, h.conn)
	}
	complete := h.r.Host.Reserve()
	req := writeReq{b: append([]byte(nil), b...), shutdown: shutdown}
	req.done = func(err error) {
		complete(func() {
			var arg goja.Value = goja.Null()
			if err != nil {
				if h.closed {
					return
				}
				arg = h.r.VM.ToValue(errInfo(h.r.VM, err, "write"))
			}
			_, e := cb(goja.Undefined(), arg)
			rethrow(e)
		})
	}
	// The Writable has one write in flight at a time (its callback comes from here), and the
	// shutdown follows the last write, so the queue never holds more than a few requests.
	h.writes <- req
}

// stopWriter ends the writer goroutine once the writes queued are done; on the loop.
func (h *Handle) stopWriter() {
	if h.writes != nil {
		close(h.writes)
		h.writes = nil
	}
}

func (h *Handle) writer(q chan writeReq, c gonet.Conn) {
	var failed error
	for req := range q {
		if failed != nil {
			req.done(failed)
			continue
		}
		var err error
		if req.shutdown {
			if cw, ok := c.(interface{ CloseWrite() error }); ok {
				err = cw.CloseWrite()
			}
		} else {
			_, err = c.Write(req.b)
		}
		if err != nil {
			failed = err
		}
		req.done(err)
	}
}

// close closes the connection; reads and writes in flight end with errors the loop ignores.
func (h *Handle) close() {
	if h.closed {
		return
	}
	h.closed = true
	h.stopWriter()
	if !h.detached.Load() {
		h.conn.Close()
		h.reg.mu.Lock()
		delete(h.reg.open, h)
		h.reg.mu.Unlock()
	}
}

func (h *Handle) object() *goja.Object {
	vm := h.r.VM
	o := vm.NewObject()
	o.Set("read", func(cb goja.Callable) { h.read(cb) })
	o.Set("write", func(v goja.Value, cb goja.Callable) {
		b, _ := buffer.Bytes(h.r, v)
		h.write(b, cb, false)
	})
	o.Set("shutdown", func(cb goja.Callable) { h.write(nil, cb, true) })
	o.Set("close", func() { h.close() })
	o.Set("setNoDelay", func(on bool) {
		if tc, ok := h.tcp(); ok {
			tc.SetNoDelay(on)
		}
	})
	o.Set("setKeepAlive", func(on bool, delayMs int64) {
		if tc, ok := h.tcp(); ok {
			tc.SetKeepAlive(on)
			if on && delayMs > 0 {
				tc.SetKeepAlivePeriod(time.Duration(delayMs) * time.Millisecond)
			}
		}
	})
	o.Set("info", func() *goja.Object { return addrInfo(vm, h.conn) })
	o.DefineDataProperty(webapiHandleKey, vm.ToValue(h), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	return o
}

// webapiHandleKey is the hidden property a JS handle object keeps its Go Handle under.
const webapiHandleKey = "__jsrouteHandle"

// HandleOf returns the Go handle of a JS socket's _handle, if it is one of ours.
func HandleOf(v goja.Value) (*Handle, bool) {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	h, ok := o.Get(webapiHandleKey).Export().(*Handle)
	return h, ok
}

// Object is the JS handle object of h (node:tls hands its TLS handles to net.js with it).
func (h *Handle) Object() *goja.Object { return h.object() }

func (h *Handle) tcp() (*gonet.TCPConn, bool) {
	c := h.conn
	for {
		switch x := c.(type) {
		case *gonet.TCPConn:
			return x, true
		case interface{ NetConn() gonet.Conn }:
			c = x.NetConn()
		default:
			return nil, false
		}
	}
}

func addrInfo(vm *goja.Runtime, c gonet.Conn) *goja.Object {
	o := vm.NewObject()
	put := func(prefix string, a gonet.Addr) {
		switch x := a.(type) {
		case *gonet.TCPAddr:
			ip := x.AddrPort().Addr()
			fam := "IPv4"
			if ip.Is4In6() {
				ip = ip.Unmap()
			}
			if !ip.Is4() {
				fam = "IPv6"
			}
			o.Set(prefix+"Address", ip.WithZone(x.Zone).String())
			o.Set(prefix+"Port", x.Port)
			o.Set(prefix+"Family", fam)
		case *gonet.UnixAddr:
			if prefix == "remote" {
				o.Set("path", x.Name)
			}
		}
	}
	put("local", c.LocalAddr())
	put("remote", c.RemoteAddr())
	return o
}

// errInfo describes a Go network error as Node's uv exception fields: code, errno, syscall,
// address and port (the JS side builds the Error: `connect ECONNREFUSED 127.0.0.1:5432`).
func errInfo(vm *goja.Runtime, err error, op string) *goja.Object {
	o := vm.NewObject()
	code, errno, sys := "", 0, op
	var denied *webapi.DialDenied
	var dns *gonet.DNSError
	var en syscall.Errno
	var oe *gonet.OpError
	switch {
	case errors.As(err, &denied):
		code, errno = "ECONNREFUSED", -int(syscall.ECONNREFUSED)
		o.Set("denied", err.Error())
	case errors.As(err, &dns):
		sys = "getaddrinfo"
		if dns.IsNotFound {
			code, errno = "ENOTFOUND", -3008
		} else {
			code, errno = "EAI_AGAIN", -3001
		}
		o.Set("hostname", dns.Name)
	case errors.As(err, &en):
		code, errno = unix.ErrnoName(en), -int(en)
	case errors.Is(err, os.ErrDeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		code, errno = "ETIMEDOUT", -int(syscall.ETIMEDOUT)
	case errors.Is(err, gonet.ErrClosed):
		code, errno = "ECONNRESET", -int(syscall.ECONNRESET)
	default:
		o.Set("message", err.Error())
	}
	if errors.As(err, &oe) && oe.Addr != nil && op == "connect" {
		switch a := oe.Addr.(type) {
		case *gonet.TCPAddr:
			o.Set("address", a.AddrPort().Addr().Unmap().String())
			o.Set("port", a.Port)
		case *gonet.UnixAddr:
			o.Set("address", a.Name)
		}
	}
	o.Set("code", code)
	o.Set("errno", errno)
	o.Set("syscall", sys)
	return o
}

// isIP is Node's net.isIP: 4, 6 or 0 (dotted quads without leading zeros; IPv6 with a zone).
func isIP(s string) int {
	a, err := netip.ParseAddr(s)
	switch {
	case err != nil:
		return 0
	case a.Is4():
		return 4
	default:
		return 6
	}
}

// Binding is what net.js gets: connect, isIP and the common helpers. node:tls adds to it.
func Binding(r *webapi.Realm) map[string]any {
	vm := r.VM
	return map[string]any{
		"isIP": isIP,
		// connect(network, address, cb): dials through the host on a goroutine; cb(err, handle)
		// on the loop. The returned function cancels the attempt.
		"connect": func(network, addr string, timeoutMs int64, cb goja.Callable) func() {
			dialer, ok := r.Host.(webapi.DialHost)
			complete := r.Host.Reserve()
			if !ok {
				complete(func() {
					_, e := cb(goja.Undefined(), node.NotSupported(r, "net", "connect"))
					rethrow(e)
				})
				return func() {}
			}
			reg := registry(r)
			ctx, cancel := context.WithCancel(reg.ctx)
			if timeoutMs > 0 {
				cancel()
				ctx, cancel = context.WithTimeout(reg.ctx, time.Duration(timeoutMs)*time.Millisecond)
			}
			go func() {
				c, err := dialer.Dial(ctx, network, addr)
				cancel()
				complete(func() {
					if err != nil {
						info := errInfo(vm, err, "connect")
						if info.Get("address") == nil && network == "unix" {
							info.Set("address", addr)
						}
						if info.Get("address") == nil && info.Get("hostname") == nil {
							if host, port, e := gonet.SplitHostPort(addr); e == nil {
								info.Set("address", host)
								p, _ := strconv.Atoi(port)
								info.Set("port", p)
							}
						}
						_, e := cb(goja.Undefined(), info)
						rethrow(e)
						return
					}
					if ctx.Err() == context.Canceled && reg.ctx.Err() != nil {
						c.Close()
						return
					}
					h := NewHandle(r, c)
					_, e := cb(goja.Undefined(), goja.Null(), h.object())
					rethrow(e)
				})
			}()
			return cancel
		},
		"notSupported": func(export string) *goja.Object { return node.NotSupported(r, "net", export) },
		"log":          func(msg string) { r.Host.Logger().Warn(msg) },
	}
}

// Context is canceled when the realm is thrown away: dials and handshakes stop with it.
func Context(r *webapi.Realm) context.Context { return registry(r).ctx }

// ErrorInfo is errInfo for other socket modules (node:tls): the fields of Node's uv error.
func ErrorInfo(vm *goja.Runtime, err error, op string) *goja.Object { return errInfo(vm, err, op) }

// Dial opens a connection through the host's policy; from any goroutine.
func Dial(r *webapi.Realm, ctx context.Context, network, addr string) (gonet.Conn, error) {
	d, ok := r.Host.(webapi.DialHost)
	if !ok {
		return nil, errors.New("jsroute: this host opens no sockets")
	}
	return d.Dial(ctx, network, addr)
}
