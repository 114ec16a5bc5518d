// Package dns is node:dns and node:dns/promises (https://nodejs.org/docs/latest-v20.x/api/dns.html)
// on Go's resolver: lookup (getaddrinfo's answer: /etc/hosts, then DNS), resolve4/6, resolveTxt,
// resolveMx, resolveCname, resolveNs, resolveSrv, resolvePtr, reverse, resolve(name, rrtype) and
// the Resolver classes. Each query runs on a goroutine and completes on the loop; errors carry
// Node's codes (`getaddrinfo ENOTFOUND x`, `queryA ENOTFOUND x`). The API is JavaScript (dns.js).
//
// What Go's resolver cannot answer — TTLs, CAA, NAPTR, SOA, ANY, setServers — throws
// ERR_NOT_SUPPORTED naming it.
package dns

import (
	"bufio"
	"context"
	_ "embed"
	"errors"
	"net"
	"os"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/jsmodule"
	nodenet "github.com/jsroute/jsroute/webapi/node/net"
)

//go:embed dns.js
var source string

var module = &jsmodule.Source{Name: "dns", Text: source}

func init() {
	node.Register("dns", func(r *webapi.Realm) goja.Value { return module.Run(r, binding(r)) })
	node.Register("dns/promises", func(r *webapi.Realm) goja.Value {
		return node.Require(r, "dns").(*goja.Object).Get("promises")
	})
}

// queryTimeout bounds one query, as c-ares's default tries do.
const queryTimeout = 30 * time.Second

// answer is a query's result in Go terms, turned into JS values on the loop.
type answer any

var queries = map[string]func(ctx context.Context, name string, family int) (answer, error){
	"lookup": func(ctx context.Context, name string, family int) (answer, error) {
		network := map[int]string{0: "ip", 4: "ip4", 6: "ip6"}[family]
		ips, err := net.DefaultResolver.LookupIP(ctx, network, name)
		if err != nil {
			return nil, err
		}
		out := make([]any, 0, len(ips))
		for _, ip := range ips {
			fam := 6
			if ip.To4() != nil {
				fam = 4
			}
			out = append(out, []any{ip.String(), fam}) // [address, family]: dns.js makes the objects, keys in Node's order
		}
		return out, nil
	},
	"A":    ipQuery("ip4"),
	"AAAA": ipQuery("ip6"),
	"TXT": func(ctx context.Context, name string, _ int) (answer, error) {
		txt, err := net.DefaultResolver.LookupTXT(ctx, name)
		out := make([]any, len(txt))
		for i, t := range txt {
			out[i] = []any{t} // Go joins a record's strings
		}
		return out, err
	},
	"MX": func(ctx context.Context, name string, _ int) (answer, error) {
		mx, err := net.DefaultResolver.LookupMX(ctx, name)
		out := make([]any, len(mx))
		for i, m := range mx {
			out[i] = []any{strings.TrimSuffix(m.Host, "."), int(m.Pref)} // [exchange, priority]
		}
		return out, err
	},
	"CNAME": func(ctx context.Context, name string, _ int) (answer, error) {
		c, err := net.DefaultResolver.LookupCNAME(ctx, name)
		if err != nil {
			return nil, err
		}
		c = strings.TrimSuffix(c, ".")
		if strings.EqualFold(c, strings.TrimSuffix(name, ".")) {
			return nil, &net.DNSError{Err: "no CNAME", Name: name, IsNotFound: true}
		}
		return []any{c}, nil
	},
	"NS": func(ctx context.Context, name string, _ int) (answer, error) {
		ns, err := net.DefaultResolver.LookupNS(ctx, name)
		out := make([]any, len(ns))
		for i, n := range ns {
			out[i] = strings.TrimSuffix(n.Host, ".")
		}
		return out, err
	},
	"SRV": func(ctx context.Context, name string, _ int) (answer, error) {
		_, srv, err := net.DefaultResolver.LookupSRV(ctx, "", "", name)
		out := make([]any, len(srv))
		for i, s := range srv {
			out[i] = []any{strings.TrimSuffix(s.Target, "."), int(s.Port), int(s.Priority), int(s.Weight)} // [name, port, priority, weight]
		}
		return out, err
	},
	"PTR": func(ctx context.Context, name string, _ int) (answer, error) {
		names, err := net.DefaultResolver.LookupAddr(ctx, name)
		out := make([]any, len(names))
		for i, n := range names {
			out[i] = strings.TrimSuffix(n, ".")
		}
		return out, err
	},
}

func ipQuery(network string) func(ctx context.Context, name string, _ int) (answer, error) {
	return func(ctx context.Context, name string, _ int) (answer, error) {
		ips, err := net.DefaultResolver.LookupIP(ctx, network, name)
		if err != nil {
			return nil, err
		}
		out := make([]any, len(ips))
		for i, ip := range ips {
			out[i] = ip.String()
		}
		return out, nil
	}
}

// code is the c-ares / getaddrinfo code Node gives for err.
func code(err error) string {
	var de *net.DNSError
	switch {
	case errors.As(err, &de) && de.IsNotFound:
		return "ENOTFOUND"
	case errors.As(err, &de) && de.IsTimeout, errors.Is(err, context.DeadlineExceeded):
		return "ETIMEOUT"
	case errors.As(err, &de) && de.IsTemporary:
		return "EAI_AGAIN"
	case errors.Is(err, context.Canceled):
		return "ECANCELLED"
	default:
		return "ESERVFAIL"
	}
}

// servers are the name servers of /etc/resolv.conf, as dns.getServers answers.
func servers() []any {
	out := []any{}
	f, err := os.Open("/etc/resolv.conf")
	if err != nil {
		return out
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "nameserver" {
			out = append(out, fields[1])
		}
	}
	return out
}

func binding(r *webapi.Realm) map[string]any {
	vm := r.VM
	return map[string]any{
		// query(kind, name, family, cb): cb(code | null, result) on the loop.
		"query": func(kind, name string, family int, cb goja.Callable) {
			q, ok := queries[kind]
			if !ok {
				panic(node.NotSupported(r, "dns", "resolve "+kind))
			}
			complete := r.Host.Reserve()
			ctx, cancel := context.WithTimeout(nodenet.Context(r), queryTimeout)
			go func() {
				res, err := q(ctx, name, family)
				cancel()
				complete(func() {
					var e error
					if err != nil {
						_, e = cb(goja.Undefined(), vm.ToValue(code(err)))
					} else {
						_, e = cb(goja.Undefined(), goja.Null(), vm.ToValue(res))
					}
					if e != nil {
						panic(e)
					}
				})
			}()
		},
		"servers":      func() []any { return servers() },
		"isIP":         func(s string) int { return isIP(s) },
		"notSupported": func(export string) *goja.Object { return node.NotSupported(r, "dns", export) },
	}
}

func isIP(s string) int {
	ip := net.ParseIP(s)
	switch {
	case ip == nil || strings.Contains(s, "%"):
		return 0
	case ip.To4() != nil && !strings.Contains(s, ":"):
		return 4
	default:
		return 6
	}
}
