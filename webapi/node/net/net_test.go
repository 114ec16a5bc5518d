package net_test

import (
	"context"
	"io"
	gonet "net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
	"github.com/jsroute/jsroute/webapi/node/process"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// The behaviour Node shows without a server is in the node-net conformance area; these tests
// talk to real servers on loopback: echo, backpressure, half-close, errors, the dial policy.

func env(t *testing.T, dial func(ctx context.Context, network, addr string) (gonet.Conn, error)) *webapitest.Env {
	e := webapitest.New(t, webapitest.Options{Dial: dial}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install,
		streams.Install, file.Install, process.Install, node.Install)
	t.Cleanup(e.Realm.Close)
	return e
}

// echoServer answers every connection by echoing what it reads, upper-cased, until EOF, then
// closes; it returns the address.
func echoServer(t *testing.T, network, addr string) string {
	ln, err := gonet.Listen(network, addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				for {
					n, err := c.Read(buf)
					if n > 0 {
						c.Write([]byte(strings.ToUpper(string(buf[:n]))))
					}
					if err != nil {
						return
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func TestEchoTCP(t *testing.T) {
	addr := echoServer(t, "tcp", "127.0.0.1:0")
	_, port, _ := gonet.SplitHostPort(addr)
	e := env(t, nil)
	got := e.Run(`const net = __jsrouteRequire('net');
		const events = [];
		const s = net.createConnection({ host: '127.0.0.1', port: ` + port + ` });
		s.on('connect', () => events.push('connect:' + s.remoteAddress + ':' + (s.remotePort === ` + port + `) + ':' + s.remoteFamily + ':' + (s.localPort > 0)));
		s.on('ready', () => events.push('ready'));
		s.setNoDelay(true).setKeepAlive(true, 1000);
		let data = '';
		s.on('data', (b) => { data += b.toString(); if (data === 'HELLO WORLD') s.end(); });
		s.write('hello ');
		s.write(Buffer.from('world'));
		await new Promise((res, rej) => { s.on('close', (hadError) => { events.push('close:' + hadError); res(); }); s.on('error', rej); s.on('end', () => events.push('end')); });
		return [events.join(','), data, s.bytesRead, s.bytesWritten, s.destroyed, s.readyState].join('|')`).String()
	want := "connect:127.0.0.1:true:IPv4:true,ready,end,close:false|HELLO WORLD|11|11|true|closed"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestEchoUnixSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "echo.sock")
	echoServer(t, "unix", path)
	e := env(t, nil)
	got := e.Run(`const net = __jsrouteRequire('net');
		const s = net.connect(` + "`" + path + "`" + `);
		let data = '';
		s.setEncoding('utf8');
		s.on('data', (b) => { data += b; s.end(); });
		s.write('unix');
		await new Promise((res, rej) => { s.on('close', res); s.on('error', rej); });
		return data`).String()
	if got != "UNIX" {
		t.Errorf("got %q", got)
	}
}

// A big write to a server that reads slowly: write() answers false, 'drain' comes once the
// server caught up, and every byte arrives in order.
func TestBackpressureAndDrain(t *testing.T) {
	ln, err := gonet.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	got := make(chan int, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		n, _ := io.Copy(io.Discard, c)
		c.Write([]byte("ok"))
		c.Close()
		got <- int(n)
	}()
	_, port, _ := gonet.SplitHostPort(ln.Addr().String())
	e := env(t, nil)
	res := e.Run(`const net = __jsrouteRequire('net');
		const s = net.connect(` + port + `, '127.0.0.1');
		const chunk = Buffer.alloc(1 << 20, 7);
		let falses = 0, drains = 0;
		s.on('drain', () => drains++);
		for (let i = 0; i < 8; i++) if (!s.write(chunk)) falses++;
		await new Promise((res) => s.once('drain', res));
		s.end();
		let reply = '';
		s.on('data', (b) => reply += b);
		await new Promise((res, rej) => { s.on('close', res); s.on('error', rej); });
		return [falses > 0, drains > 0, reply, s.bytesWritten].join('|')`).String()
	if res != "true|true|ok|8388608" {
		t.Errorf("got %s", res)
	}
	if n := <-got; n != 8<<20 {
		t.Errorf("server got %d bytes", n)
	}
}

func TestConnectErrors(t *testing.T) {
	// A port nothing listens on.
	ln, _ := gonet.Listen("tcp", "127.0.0.1:0")
	_, port, _ := gonet.SplitHostPort(ln.Addr().String())
	ln.Close()
	e := env(t, nil)
	got := e.Run(`const net = __jsrouteRequire('net');
		const errOf = (s) => new Promise((res) => { s.on('error', (e) => res(e)); });
		const e1 = await errOf(net.connect(` + port + `, '127.0.0.1'));
		const e2 = await errOf(net.connect('/nonexistent/x.sock'));
		const e3 = await errOf(net.connect(5432, 'no-such-host.invalid'));
		return JSON.stringify([
			[e1.message, e1.code, e1.errno, e1.syscall, e1.address, e1.port === ` + port + `],
			[e2.message, e2.code, e2.errno, e2.syscall, e2.address],
			[e3.message, e3.code, e3.syscall, e3.hostname],
		])`).String()
	want := `[["connect ECONNREFUSED 127.0.0.1:` + port + `","ECONNREFUSED",-111,"connect","127.0.0.1",true],` +
		`["connect ENOENT /nonexistent/x.sock","ENOENT",-2,"connect","/nonexistent/x.sock"],` +
		`["getaddrinfo ENOTFOUND no-such-host.invalid","ENOTFOUND","getaddrinfo","no-such-host.invalid"]]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The embedder's dial policy sees every connection; a refusal is Node's ECONNREFUSED.
func TestDialPolicy(t *testing.T) {
	var seen []string
	e := env(t, func(ctx context.Context, network, addr string) (gonet.Conn, error) {
		seen = append(seen, network+" "+addr)
		return nil, &webapi.DialDenied{Addr: addr}
	})
	got := e.Run(`const net = __jsrouteRequire('net');
		const s = net.connect({ host: 'db.internal', port: 5432 });
		const err = await new Promise((res) => s.on('error', res));
		return [err.message, err.code, s.destroyed].join('|')`).String()
	if got != "connect ECONNREFUSED db.internal:5432|ECONNREFUSED|true" {
		t.Errorf("got %s", got)
	}
	if strings.Join(seen, ",") != "tcp db.internal:5432" {
		t.Errorf("dialled %v", seen)
	}
}

// The server closing its side: 'end' then 'close'; the idle time-out fires 'timeout' and
// leaves the socket open; createServer is not supported, by name.
func TestEndTimeoutAndServer(t *testing.T) {
	ln, _ := gonet.Listen("tcp", "127.0.0.1:0")
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		buf := make([]byte, 10)
		c.Read(buf)
		c.Write([]byte("bye"))
		c.Close()
	}()
	_, port, _ := gonet.SplitHostPort(ln.Addr().String())
	e := env(t, nil)
	got := e.Run(`const net = __jsrouteRequire('net');
		const s = net.connect(` + port + `, '127.0.0.1');
		const ev = [];
		s.setTimeout(30, () => { ev.push('timeout:' + s.destroyed); s.write('x'); });
		s.on('data', (b) => ev.push('data:' + b));
		s.on('end', () => ev.push('end'));
		await new Promise((res) => s.on('close', res));
		let server;
		try { net.createServer(); } catch (e) { server = e.code + ' ' + e.message; }
		return [ev.join(','), server, net.isIP('1.2.3.4'), net.isIP('::1'), net.isIP('01.2.3.4'), net.isIPv6('fe80::1%eth0')].join('|')`).String()
	want := "timeout:false,data:bye,end|ERR_NOT_SUPPORTED node:net createServer() is not supported by jsroute|4|6|0|true"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Sockets still open when the runtime is thrown away are closed: the server sees EOF.
func TestRealmCloseClosesSockets(t *testing.T) {
	ln, err := gonet.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	eof := make(chan error, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			eof <- err
			return
		}
		c.Write([]byte("hi"))
		_, err = io.Copy(io.Discard, c)
		eof <- err
	}()
	_, port, _ := gonet.SplitHostPort(ln.Addr().String())
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install,
		streams.Install, file.Install, process.Install, node.Install)
	got := e.Run(`const net = __jsrouteRequire('net');
		globalThis.kept = net.connect(` + port + `, '127.0.0.1');
		return await new Promise((res) => kept.once('data', (b) => res(String(b))))`).String()
	if got != "hi" {
		t.Fatalf("got %q", got)
	}
	e.Realm.Close()
	select {
	case err := <-eof:
		if err != nil {
			t.Errorf("server: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the socket stayed open after Realm.Close")
	}
}
