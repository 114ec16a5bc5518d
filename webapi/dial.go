package webapi

import (
	"context"
	"net"
)

// DialHost is implemented by hosts that let node:net and node:tls open connections. Every
// connection a handler opens goes through Dial (network "tcp" or "unix"), so the embedder decides
// where handlers may connect (engine.Options Dial and DialHosts). Without it, sockets are off.
//
// Dial is called from a goroutine of its own, never from the loop.
type DialHost interface {
	Dial(ctx context.Context, network, addr string) (net.Conn, error)
}

// DialDenied is the error a DialHost returns for an address the embedder does not allow; node:net
// reports it as Node's ECONNREFUSED.
type DialDenied struct{ Addr string }

func (e *DialDenied) Error() string {
	return "jsroute: connection to " + e.Addr + " is not allowed (--dial-allow, Options.DialHosts)"
}
