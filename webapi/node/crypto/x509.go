package crypto

import (
	"bytes"
	gocrypto "crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net"
	"strings"

	"github.com/dop251/goja"
)

// X509Certificate (https://nodejs.org/docs/latest-v20.x/api/crypto.html#class-x509certificate)
// on crypto/x509, with its strings worded as OpenSSL prints them.

var rdnNames = map[string]string{
	"2.5.4.6": "C", "2.5.4.8": "ST", "2.5.4.7": "L", "2.5.4.10": "O", "2.5.4.11": "OU", "2.5.4.3": "CN",
	"1.2.840.113549.1.9.1": "emailAddress", "2.5.4.5": "serialNumber", "2.5.4.9": "street", "2.5.4.17": "postalCode",
	"2.5.4.42": "GN", "2.5.4.4": "SN", "0.9.2342.19200300.100.1.25": "DC", "2.5.4.12": "title", "2.5.4.15": "businessCategory",
	"1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC", "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionST", "0.9.2342.19200300.100.1.1": "UID",
}

// rdnString is a name as Node shows it: one "KEY=value" line per attribute, in certificate order.
func rdnString(raw []byte) string {
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(raw, &seq); err != nil {
		return ""
	}
	var lines []string
	rest := seq.Bytes
	for len(rest) > 0 {
		var set asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &set); err != nil {
			break
		}
		inner := set.Bytes
		for len(inner) > 0 {
			var atv struct {
				Type  asn1.ObjectIdentifier
				Value asn1.RawValue
			}
			if inner, err = asn1.Unmarshal(inner, &atv); err != nil {
				break
			}
			key := rdnNames[atv.Type.String()]
			if key == "" {
				key = atv.Type.String()
			}
			lines = append(lines, key+"="+string(atv.Value.Bytes))
		}
	}
	return strings.Join(lines, "\n")
}

func fingerprint(sum []byte) string {
	h := strings.ToUpper(hex.EncodeToString(sum))
	parts := make([]string, 0, len(sum))
	for i := 0; i < len(h); i += 2 {
		parts = append(parts, h[i:i+2])
	}
	return strings.Join(parts, ":")
}

func extension(c *x509.Certificate, oid string) []byte {
	for _, e := range c.Extensions {
		if e.Id.String() == oid {
			return e.Value
		}
	}
	return nil
}

// subjectAltName lists the SAN entries in certificate order as OpenSSL prints them.
func subjectAltName(c *x509.Certificate) (string, bool) {
	v := extension(c, "2.5.29.17")
	if v == nil {
		return "", false
	}
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(v, &seq); err != nil {
		return "", false
	}
	var out []string
	rest := seq.Bytes
	for len(rest) > 0 {
		var gn asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &gn); err != nil {
			break
		}
		switch gn.Tag {
		case 1:
			out = append(out, "email:"+string(gn.Bytes))
		case 2:
			out = append(out, "DNS:"+string(gn.Bytes))
		case 6:
			out = append(out, "URI:"+string(gn.Bytes))
		case 7:
			ip := net.IP(gn.Bytes)
			s := ip.String()
			if len(gn.Bytes) == 16 {
				var groups []string
				for i := 0; i < 16; i += 2 {
					groups = append(groups, strings.ToUpper(fmt.Sprintf("%x", int(gn.Bytes[i])<<8|int(gn.Bytes[i+1]))))
				}
				s = strings.Join(groups, ":")
			}
			out = append(out, "IP Address:"+s)
		}
	}
	return strings.Join(out, ", "), true
}

// extKeyUsage is keyUsage in Node: the extended key usage OIDs, in certificate order.
func extKeyUsage(c *x509.Certificate) []string {
	v := extension(c, "2.5.29.37")
	if v == nil {
		return nil
	}
	var oids []asn1.ObjectIdentifier
	if _, err := asn1.Unmarshal(v, &oids); err != nil {
		return nil
	}
	out := make([]string, len(oids))
	for i, o := range oids {
		out[i] = o.String()
	}
	return out
}

func certTime(c *x509.Certificate, from bool) string {
	t := c.NotAfter
	if from {
		t = c.NotBefore
	}
	return t.UTC().Format("Jan _2 15:04:05 2006 GMT")
}

// hostMatches is checkHost's rule: a DNS SAN (a leading "*." covers one label), else the subject
// CN when there is no DNS SAN. It returns the name that matched.
func hostMatches(c *x509.Certificate, name string) (string, bool) {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	match := func(pattern string) bool {
		p := strings.ToLower(pattern)
		if p == name {
			return true
		}
		if strings.HasPrefix(p, "*.") {
			i := strings.IndexByte(name, '.')
			return i > 0 && name[i:] == p[1:]
		}
		return false
	}
	for _, d := range c.DNSNames {
		if match(d) {
			return d, true
		}
	}
	if len(c.DNSNames) == 0 && c.Subject.CommonName != "" && match(c.Subject.CommonName) {
		return c.Subject.CommonName, true
	}
	return "", false
}

func (b *binding) x509() {
	vm := b.r.VM
	cert := func(v goja.Value) *x509.Certificate { return v.Export().(*x509.Certificate) }
	b.set("x509Parse", func(call goja.FunctionCall) goja.Value {
		data := b.bytes(call.Argument(0))
		der := data
		if blk, _ := pem.Decode(data); blk != nil {
			der = blk.Bytes
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			// OpenSSL reads PEM first: data that is neither fails there.
			b.throw("Error", "ERR_OSSL_PEM_NO_START_LINE", "error:0480006C:PEM routines::no start line")
		}
		return vm.ToValue(c)
	})
	b.set("x509Info", func(call goja.FunctionCall) goja.Value {
		c := cert(call.Argument(0))
		o := vm.NewObject()
		o.Set("subject", rdnString(c.RawSubject))
		o.Set("issuer", rdnString(c.RawIssuer))
		if san, ok := subjectAltName(c); ok {
			o.Set("subjectAltName", san)
		}
		if len(c.OCSPServer) > 0 || len(c.IssuingCertificateURL) > 0 {
			var lines []string
			for _, u := range c.OCSPServer {
				lines = append(lines, "OCSP - URI:"+u)
			}
			for _, u := range c.IssuingCertificateURL {
				lines = append(lines, "CA Issuers - URI:"+u)
			}
			o.Set("infoAccess", strings.Join(lines, "\n"))
		}
		o.Set("validFrom", certTime(c, true))
		o.Set("validTo", certTime(c, false))
		s1, s256, s512 := sha1.Sum(c.Raw), sha256.Sum256(c.Raw), sha512.Sum512(c.Raw)
		o.Set("fingerprint", fingerprint(s1[:]))
		o.Set("fingerprint256", fingerprint(s256[:]))
		o.Set("fingerprint512", fingerprint(s512[:]))
		if ku := extKeyUsage(c); ku != nil {
			o.Set("keyUsage", ku)
		}
		o.Set("serialNumber", strings.ToUpper(hex.EncodeToString(c.SerialNumber.Bytes())))
		o.Set("ca", c.BasicConstraintsValid && c.IsCA)
		o.Set("pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})))
		return o
	})
	b.set("x509Raw", func(call goja.FunctionCall) goja.Value {
		return b.buf(append([]byte(nil), cert(call.Argument(0)).Raw...))
	})
	b.set("x509PublicKey", func(call goja.FunctionCall) goja.Value {
		return vm.ToValue(&keyHandle{typ: "public", pub: cert(call.Argument(0)).PublicKey})
	})
	b.set("x509CheckHost", func(call goja.FunctionCall) goja.Value {
		if m, ok := hostMatches(cert(call.Argument(0)), call.Argument(1).String()); ok {
			return vm.ToValue(m)
		}
		return goja.Undefined()
	})
	b.set("x509CheckEmail", func(call goja.FunctionCall) goja.Value {
		c, email := cert(call.Argument(0)), call.Argument(1).String()
		list := c.EmailAddresses
		if len(list) == 0 {
			for _, n := range c.Subject.Names {
				if n.Type.String() == "1.2.840.113549.1.9.1" {
					list = append(list, fmt.Sprint(n.Value))
				}
			}
		}
		for _, e := range list {
			if strings.EqualFold(e, email) {
				return vm.ToValue(email)
			}
		}
		return goja.Undefined()
	})
	b.set("x509CheckIP", func(call goja.FunctionCall) goja.Value {
		ip := net.ParseIP(call.Argument(1).String())
		for _, a := range cert(call.Argument(0)).IPAddresses {
			if ip != nil && a.Equal(ip) {
				return call.Argument(1)
			}
		}
		return goja.Undefined()
	})
	b.set("x509CheckIssued", func(call goja.FunctionCall) goja.Value {
		c, issuer := cert(call.Argument(0)), cert(call.Argument(1))
		return vm.ToValue(bytes.Equal(c.RawIssuer, issuer.RawSubject))
	})
	b.set("x509Verify", func(call goja.FunctionCall) goja.Value {
		c := cert(call.Argument(0))
		h := call.Argument(1).Export().(*keyHandle)
		parent := &x509.Certificate{PublicKey: h.pub}
		return vm.ToValue(parent.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil)
	})
	b.set("x509CheckPrivateKey", func(call goja.FunctionCall) goja.Value {
		c := cert(call.Argument(0))
		h := call.Argument(1).Export().(*keyHandle)
		pub, ok := c.PublicKey.(interface{ Equal(gocrypto.PublicKey) bool })
		return vm.ToValue(ok && h.pub != nil && pub.Equal(h.pub))
	})
}
