// Package tls is node:tls's client side (https://nodejs.org/docs/latest-v20.x/api/tls.html) on
// crypto/tls: tls.connect to a host (dialled through the host's policy, as node:net) or over an
// already connected net.Socket (`tls.connect({ socket })`, the STARTTLS upgrade PostgreSQL and
// MySQL drivers make), with servername, rejectUnauthorized, ca, cert/key, ALPNProtocols and
// minVersion/maxVersion; TLSSocket (a net.Socket) with authorized, authorizationError,
// alpnProtocol, getPeerCertificate, getProtocol and getCipher. The API is JavaScript (tls.js).
//
// Verification is Node's: the chain against ca (or the system roots), then the name
// (servername, else host) against the certificate; a failure either ends the handshake
// (rejectUnauthorized, the default) with Node's code (DEPTH_ZERO_SELF_SIGNED_CERT,
// ERR_TLS_CERT_ALTNAME_INVALID...), or is left in authorizationError. Servers
// (createServer, Server, createSecureContext with server options) throw ERR_NOT_SUPPORTED.
package tls

import (
	"bytes"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	_ "embed"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	gonet "net"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	"github.com/jsroute/jsroute/webapi/node/jsmodule"
	nodenet "github.com/jsroute/jsroute/webapi/node/net"
)

//go:embed tls.js
var source string

var module = &jsmodule.Source{Name: "tls", Text: source}

func init() {
	node.Register("tls", func(r *webapi.Realm) goja.Value { return module.Run(r, binding(r)) })
}

// options are the connect options tls.js has normalised.
type options struct {
	ServerName         string
	Host               string
	RejectUnauthorized bool
	CA                 []string // PEM texts
	Cert               []string // PEM texts
	Key                []string // PEM texts
	ALPN               []string
	MinVersion         string
	MaxVersion         string
	TimeoutMs          int64
}

var versions = map[string]uint16{"TLSv1": tls.VersionTLS10, "TLSv1.1": tls.VersionTLS11, "TLSv1.2": tls.VersionTLS12, "TLSv1.3": tls.VersionTLS13}

// verdict is what verification found: empty code when authorized.
type verdict struct{ code, message string }

func (o *options) config() (*tls.Config, *verdict, error) {
	v := &verdict{}
	cfg := &tls.Config{InsecureSkipVerify: true, NextProtos: o.ALPN}
	if ip := gonet.ParseIP(o.ServerName); ip == nil {
		cfg.ServerName = o.ServerName // no SNI for an IP address, as Node
	}
	if o.MinVersion != "" {
		cfg.MinVersion = versions[o.MinVersion]
	} else {
		cfg.MinVersion = tls.VersionTLS12
	}
	if o.MaxVersion != "" {
		cfg.MaxVersion = versions[o.MaxVersion]
	}
	var roots *x509.CertPool
	if len(o.CA) > 0 {
		roots = x509.NewCertPool()
		for _, p := range o.CA {
			if !roots.AppendCertsFromPEM([]byte(p)) {
				return nil, nil, errors.New("tls: no certificate in the ca option")
			}
		}
	}
	if len(o.Cert) > 0 && len(o.Key) > 0 {
		pair, err := tls.X509KeyPair([]byte(strings.Join(o.Cert, "\n")), []byte(strings.Join(o.Key, "\n")))
		if err != nil {
			return nil, nil, err
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	name := o.ServerName
	if name == "" {
		name = o.Host
	}
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		*v = verify(cs.PeerCertificates, roots, name)
		if v.code != "" && o.RejectUnauthorized {
			return &verifyError{*v}
		}
		return nil
	}
	return cfg, v, nil
}

type verifyError struct{ verdict }

func (e *verifyError) Error() string { return e.message }

// verify checks the chain and the name as OpenSSL and Node's checkServerIdentity do, and names
// the failure with their codes.
func verify(chain []*x509.Certificate, roots *x509.CertPool, name string) verdict {
	if len(chain) == 0 {
		return verdict{"UNABLE_TO_GET_ISSUER_CERT", "unable to get issuer certificate"}
	}
	leaf := chain[0]
	inter := x509.NewCertPool()
	for _, c := range chain[1:] {
		inter.AddCert(c)
	}
	_, err := leaf.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
	if err != nil {
		var ci x509.CertificateInvalidError
		switch {
		case errors.As(err, &ci) && ci.Reason == x509.Expired:
			if time.Now().Before(ci.Cert.NotBefore) {
				return verdict{"CERT_NOT_YET_VALID", "certificate is not yet valid"}
			}
			return verdict{"CERT_HAS_EXPIRED", "certificate has expired"}
		case len(chain) == 1 && bytes.Equal(leaf.RawIssuer, leaf.RawSubject):
			return verdict{"DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"}
		case bytes.Equal(chain[len(chain)-1].RawIssuer, chain[len(chain)-1].RawSubject):
			return verdict{"SELF_SIGNED_CERT_IN_CHAIN", "self-signed certificate in certificate chain"}
		default:
			return verdict{"UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"}
		}
	}
	if name != "" {
		if err := leaf.VerifyHostname(name); err != nil {
			var alt []string
			for _, d := range leaf.DNSNames {
				alt = append(alt, "DNS:"+d)
			}
			for _, ip := range leaf.IPAddresses {
				alt = append(alt, "IP Address:"+ip.String())
			}
			var reason string
			if gonet.ParseIP(name) != nil {
				reason = fmt.Sprintf("IP: %s is not in the cert's list: %s", name, strings.Join(ipsOf(leaf), ", "))
			} else {
				reason = fmt.Sprintf("Host: %s. is not in the cert's altnames: %s", name, strings.Join(alt, ", "))
			}
			return verdict{"ERR_TLS_CERT_ALTNAME_INVALID", "Hostname/IP does not match certificate's altnames: " + reason}
		}
	}
	return verdict{}
}

func ipsOf(c *x509.Certificate) []string {
	out := []string{}
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	return out
}

// prefixConn replays bytes read before the upgrade, then reads the connection.
type prefixConn struct {
	gonet.Conn
	pre []byte
}

func (c *prefixConn) Read(b []byte) (int, error) {
	if len(c.pre) > 0 {
		n := copy(b, c.pre)
		c.pre = c.pre[n:]
		return n, nil
	}
	return c.Conn.Read(b)
}

func (c *prefixConn) NetConn() gonet.Conn { return c.Conn }

func binding(r *webapi.Realm) map[string]any {
	vm := r.VM
	b := nodenet.Binding(r)
	// connect(socketHandle|null, network, address, options, cb): cb(err, handle, info) on the
	// loop once the handshake is over.
	b["tlsConnect"] = func(sock goja.Value, network, addr string, ov goja.Value, cb goja.Callable) {
		o := readOptions(vm, ov)
		cfg, v, err := o.config()
		if err != nil {
			panic(node.NotSupported(r, "tls", "connect with these options ("+err.Error()+")"))
		}
		complete := r.Host.Reserve()
		ctx := nodenet.Context(r)
		var cancel context.CancelFunc = func() {}
		if o.TimeoutMs > 0 {
			ctx, cancel = context.WithTimeout(ctx, time.Duration(o.TimeoutMs)*time.Millisecond)
		}
		handshake := func(c gonet.Conn, dialErr error, op string) {
			defer cancel()
			var tc *tls.Conn
			err := dialErr
			if err == nil {
				tc = tls.Client(c, cfg)
				err = tc.HandshakeContext(ctx)
				if err != nil {
					c.Close()
				}
			}
			complete(func() {
				if err != nil {
					var ve *verifyError
					var info *goja.Object
					if errors.As(err, &ve) {
						info = vm.NewObject()
						info.Set("code", ve.code)
						info.Set("message", ve.message)
						info.Set("tls", true)
					} else {
						info = nodenet.ErrorInfo(vm, err, op)
						if info.Get("code").String() == "" {
							info.Set("message", "Client network socket disconnected before secure TLS connection was established")
							info.Set("code", "ECONNRESET")
							info.Set("tls", true)
						}
					}
					_, e := cb(goja.Undefined(), info)
					if e != nil {
						panic(e)
					}
					return
				}
				h := nodenet.NewHandle(r, tc)
				st := tc.ConnectionState()
				info := vm.NewObject()
				info.Set("authorized", v.code == "")
				if v.code != "" {
					info.Set("authorizationError", v.code)
				}
				info.Set("alpnProtocol", st.NegotiatedProtocol)
				info.Set("protocol", tlsVersion(st.Version))
				info.Set("cipher", tls.CipherSuiteName(st.CipherSuite))
				info.Set("peer", func(detailed bool) goja.Value { return peerCert(r, st.PeerCertificates, detailed) })
				_, e := cb(goja.Undefined(), goja.Null(), h.Object(), info)
				if e != nil {
					panic(e)
				}
			})
		}
		if h, ok := nodenet.HandleOf(sock); ok {
			h.Detach(func(c gonet.Conn, leftover []byte) {
				var conn gonet.Conn = c
				if len(leftover) > 0 {
					conn = &prefixConn{Conn: c, pre: leftover}
				}
				handshake(conn, nil, "read")
			})
			return
		}
		go func() {
			c, err := nodenet.Dial(r, ctx, network, addr)
			handshake(c, err, "connect")
		}()
	}
	return b
}

// readOptions reads the options object tls.js built (field by field: the runtime's field-name
// mapper is the embedder's).
func readOptions(vm *goja.Runtime, v goja.Value) options {
	obj := v.ToObject(vm)
	str := func(k string) string {
		x := obj.Get(k)
		if x == nil || goja.IsUndefined(x) || goja.IsNull(x) {
			return ""
		}
		return x.String()
	}
	list := func(k string) []string {
		var out []string
		if x := obj.Get(k); x != nil && !goja.IsUndefined(x) {
			vm.ExportTo(x, &out)
		}
		return out
	}
	return options{
		ServerName: str("servername"), Host: str("host"), RejectUnauthorized: obj.Get("rejectUnauthorized").ToBoolean(),
		CA: list("ca"), Cert: list("cert"), Key: list("key"), ALPN: list("ALPNProtocols"),
		MinVersion: str("minVersion"), MaxVersion: str("maxVersion"), TimeoutMs: obj.Get("timeout").ToInteger(),
	}
}

func tlsVersion(v uint16) string {
	for name, n := range versions {
		if n == v {
			return name
		}
	}
	return "unknown"
}

// peerCert is Node's certificate object (the fields drivers read): subject and issuer as
// objects, subjectaltname, valid_from/valid_to, serialNumber, fingerprints, raw; issuerCertificate
// with detailed.
func peerCert(r *webapi.Realm, chain []*x509.Certificate, detailed bool) goja.Value {
	vm := r.VM
	if len(chain) == 0 {
		return vm.NewObject()
	}
	var objs []*goja.Object
	for _, c := range chain {
		o := vm.NewObject()
		o.Set("subject", nameObject(vm, c.Subject.Names))
		o.Set("issuer", nameObject(vm, c.Issuer.Names))
		var alt []string
		for _, d := range c.DNSNames {
			alt = append(alt, "DNS:"+d)
		}
		for _, ip := range c.IPAddresses {
			alt = append(alt, "IP Address:"+ip.String())
		}
		if len(alt) > 0 {
			o.Set("subjectaltname", strings.Join(alt, ", "))
		}
		o.Set("ca", c.IsCA)
		o.Set("valid_from", c.NotBefore.UTC().Format("Jan _2 15:04:05 2006 GMT"))
		o.Set("valid_to", c.NotAfter.UTC().Format("Jan _2 15:04:05 2006 GMT"))
		o.Set("serialNumber", strings.ToUpper(c.SerialNumber.Text(16)))
		s1 := sha1.Sum(c.Raw)
		s256 := sha256.Sum256(c.Raw)
		o.Set("fingerprint", colonHex(s1[:]))
		o.Set("fingerprint256", colonHex(s256[:]))
		o.Set("raw", buffer.New(r, append([]byte(nil), c.Raw...)))
		o.Set("pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})))
		objs = append(objs, o)
	}
	if detailed {
		for i := 0; i+1 < len(objs); i++ {
			objs[i].Set("issuerCertificate", objs[i+1])
		}
		last := objs[len(objs)-1]
		if bytes.Equal(chain[len(chain)-1].RawIssuer, chain[len(chain)-1].RawSubject) {
			last.Set("issuerCertificate", last)
		}
	}
	return objs[0]
}

func colonHex(b []byte) string {
	h := strings.ToUpper(hex.EncodeToString(b))
	parts := make([]string, 0, len(b))
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

var shortNames = map[string]string{"2.5.4.3": "CN", "2.5.4.6": "C", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU"}

func nameObject(vm *goja.Runtime, names []pkix.AttributeTypeAndValue) *goja.Object {
	o := vm.NewObject()
	for _, n := range names {
		k, ok := shortNames[n.Type.String()]
		if !ok {
			continue
		}
		o.Set(k, fmt.Sprint(n.Value))
	}
	return o
}
