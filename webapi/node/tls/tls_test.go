package tls_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	gonet "net"
	"strings"
	"testing"
	"time"

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

// selfSigned makes a certificate for localhost and 127.0.0.1, its own CA.
func selfSigned(t *testing.T) (tls.Certificate, string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(0x1234), Subject: pkix.Name{CommonName: "localhost", Organization: []string{"jsroute test"}},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		DNSNames: []string{"localhost"}, IPAddresses: []gonet.IP{gonet.ParseIP("127.0.0.1")},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

// server answers "hello <ALPN>" then echoes lines upper-cased. With starttls it first reads
// "STARTTLS\n" in clear, answers "S", then does the handshake (PostgreSQL's SSLRequest pattern).
func server(t *testing.T, cert tls.Certificate, starttls bool) string {
	ln, err := gonet.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, NextProtos: []string{"h2", "x-test"}}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if starttls {
					buf := make([]byte, 9)
					if _, err := c.Read(buf); err != nil || string(buf) != "STARTTLS\n" {
						return
					}
					c.Write([]byte("S"))
				}
				tc := tls.Server(c, cfg)
				if err := tc.Handshake(); err != nil {
					return
				}
				tc.Write([]byte("hello " + tc.ConnectionState().NegotiatedProtocol + "\n"))
				buf := make([]byte, 1024)
				for {
					n, err := tc.Read(buf)
					if n > 0 {
						tc.Write([]byte(strings.ToUpper(string(buf[:n]))))
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

func env(t *testing.T) *webapitest.Env {
	e := webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install,
		streams.Install, file.Install, process.Install, node.Install)
	t.Cleanup(e.Realm.Close)
	return e
}

func TestConnectWithCA(t *testing.T) {
	cert, caPEM := selfSigned(t)
	_, port, _ := gonet.SplitHostPort(server(t, cert, false))
	e := env(t)
	e.VM.Set("CA", caPEM)
	got := e.Run(`const tls = __jsrouteRequire('tls');
		const s = tls.connect({ host: 'localhost', port: ` + port + `, ca: CA, ALPNProtocols: ['x-test'] });
		let data = '';
		await new Promise((res, rej) => { s.on('secureConnect', res); s.on('error', rej); });
		const c = s.getPeerCertificate();
		s.setEncoding('utf8');
		s.on('data', (d) => { data += d; if (data.endsWith('PING\n')) s.end(); });
		s.write('ping\n');
		await new Promise((res, rej) => { s.on('close', res); s.on('error', rej); });
		return [s.authorized, s.authorizationError, s.alpnProtocol, s.getProtocol(), c.subject.CN, c.subject.O, c.subjectaltname, c.serialNumber, s.encrypted, JSON.stringify(data)].join('|')`).String()
	want := `true||x-test|TLSv1.3|localhost|jsroute test|DNS:localhost, IP Address:127.0.0.1|1234|true|"hello x-test\nPING\n"`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// Without the CA the handshake fails as Node's does, unless rejectUnauthorized is false; a name
// the certificate does not hold is ERR_TLS_CERT_ALTNAME_INVALID.
func TestVerificationFailures(t *testing.T) {
	cert, caPEM := selfSigned(t)
	_, port, _ := gonet.SplitHostPort(server(t, cert, false))
	e := env(t)
	e.VM.Set("CA", caPEM)
	got := e.Run(`const tls = __jsrouteRequire('tls');
		const fail = (o) => new Promise((res) => { const s = tls.connect({ port: ` + port + `, ...o }); s.on('error', (e) => res(e.code + ': ' + e.message)); s.on('secureConnect', () => { res('connected ' + s.authorized + ' ' + s.authorizationError); s.destroy(); }); });
		return [
			await fail({ host: '127.0.0.1' }),
			await fail({ host: '127.0.0.1', rejectUnauthorized: false }),
			await fail({ host: '127.0.0.1', servername: 'example.com', ca: CA }),
		].join('\n')`).String()
	want := "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate\n" +
		"connected false DEPTH_ZERO_SELF_SIGNED_CERT\n" +
		"ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames: Host: example.com. is not in the cert's altnames: DNS:localhost, IP Address:127.0.0.1"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The STARTTLS pattern of PostgreSQL and MySQL drivers: a net.Socket talks in clear, then
// tls.connect({ socket }) upgrades it.
func TestUpgradeExistingSocket(t *testing.T) {
	cert, caPEM := selfSigned(t)
	_, port, _ := gonet.SplitHostPort(server(t, cert, true))
	e := env(t)
	e.VM.Set("CA", caPEM)
	got := e.Run(`const net = __jsrouteRequire('net'), tls = __jsrouteRequire('tls');
		const raw = net.connect(` + port + `, '127.0.0.1');
		raw.write('STARTTLS\n');
		const answer = await new Promise((res) => raw.once('data', (b) => res(b.toString())));
		const s = tls.connect({ socket: raw, servername: 'localhost', ca: CA });
		s.write('upgraded\n'); // before the handshake: buffered
		let data = '';
		s.on('data', (d) => { data += d; if (data.endsWith('UPGRADED\n')) s.end(); });
		await new Promise((res, rej) => { s.on('close', res); s.on('error', rej); });
		return [answer, s.authorized, JSON.stringify(data), raw.destroyed].join('|')`).String()
	want := `S|true|"hello \nUPGRADED\n"|true`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
