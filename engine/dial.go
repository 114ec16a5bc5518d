package engine

import (
	"context"
	"net"
	"time"

	"github.com/jsroute/jsroute/webapi"
)

// Dial is webapi.DialHost: node:net and node:tls connect through Options.Dial, after the
// Options.DialHosts check. Called from a goroutine of the socket's, not from the loop.
func (w *worker) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	if w.opts.DialHosts != nil {
		target := addr
		if network == "unix" {
			target = "unix:" + addr
		}
		if !dialAllowed(w.opts.DialHosts, network, target) {
			w.log.Warn("node:net connection refused by --dial-allow (Options.DialHosts)", "network", network, "address", addr)
			return nil, &webapi.DialDenied{Addr: addr}
		}
	}
	if w.opts.Dial != nil {
		return w.opts.Dial(ctx, network, addr)
	}
	d := net.Dialer{Timeout: 30 * time.Second, KeepAlive: -1}
	return d.DialContext(ctx, network, addr)
}

// dialAllowed matches a "host:port" (or "unix:/path") against the DialHosts list, with
// FetchHosts' rules for TCP (hostAllowed) and exact paths for Unix sockets.
func dialAllowed(allow []string, network, target string) bool {
	if network == "unix" {
		for _, a := range allow {
			if a == target {
				return true
			}
		}
		return false
	}
	return hostAllowed(allow, target)
}
