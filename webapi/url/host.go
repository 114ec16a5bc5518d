package url

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	wurl "github.com/nlnwa/whatwg-url/url"
	"golang.org/x/net/idna"
	"golang.org/x/text/unicode/norm"
)

// The library's host parser (§3.5) gets two kinds of domain wrong, both of which Node.js 20 (Ada)
// keeps as written:
//
//   - A last label that is a signed number ("-1", "a.+5", "0x-1", "1.-1"): the library reads IPv4
//     numbers with strconv.ParseInt, which takes a sign, so "-1" would become 255.255.255.255. The
//     standard's IPv4 number parser has no signs: such a host is a domain. (When the last label is
//     a real number the host is an IPv4 address, and a signed part in it, "-1.2", must fail.)
//   - An "xn--" label that decodes to ASCII ("xn--abc-" is "abc"): x/net/idna returns the decoded
//     label, so "http://xn--abc-/" would name the host "abc" (and "xn--1-" the address 0.0.0.1).
//     Ada keeps a valid xn-- label as it is, lower-cased.
//
//   - A domain mixing non-ASCII or "xn--" labels with ASCII that STD3 rules forbid ("a_b.ü",
//     "+.ü"): the library's IDNA profile applies them (UseSTD3ASCIIRules) and only forgives pure
//     ASCII input. The standard's domain to ASCII (§3.3) and Ada do not apply them.
//
// preParseHost runs before the library's host parser for special URLs. It works out the ASCII
// host with the standard's domain to ASCII (nodeIDNA), puts the xn-- labels back, and decides with
// the standard's "ends in a number" checker. Where the library would go wrong it hands the parser a
// placeholder domain instead, which postParseHost (called for domains only, right after) turns
// back into the host Node keeps; a signed part of an IPv4 address becomes "%", a forbidden domain
// code point, so the parse fails as the standard says.

// toASCII is the library's domain to ASCII (with its IDNA profile), reached through a parser
// without hooks; nil if a library update hid it, and then hosts go to the library untouched.
var toASCII, _ = wurl.NewParser().(interface {
	ToASCII(src string, beStrict bool) (string, error)
})

// nodeIDNA is domain to ASCII as the standard (§3.3, UTS #46 with CheckHyphens, CheckBidi,
// CheckJoiners, UseSTD3ASCIIRules false, Transitional_Processing false, VerifyDnsLength false) and
// Node.js have it: the library's profile without STD3 rules. (MapForLookup turns them on; the
// later option turns them off again.)
var nodeIDNA = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.VerifyDNSLength(false),
	idna.StrictDomainName(false),
	idna.ValidateLabels(true),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.Transitional(false),
)

// placeholders maps a placeholder domain to the host it stands for, between the two hooks.
var (
	placeholders      sync.Map
	placeholderSeq    atomic.Uint64
	placeholderPrefix = func() string {
		b := make([]byte, 8)
		rand.Read(b)
		return "jsroute-" + hex.EncodeToString(b) + "-"
	}()
)

func preParseHost(u *wurl.Url, host string) string {
	if !u.IsSpecialScheme() || !mayNeedHostFix(host) || toASCII == nil || strings.HasPrefix(host, "[") {
		return host
	}
	d := host
	if strings.IndexByte(d, '%') >= 0 {
		d = percentDecode(d)
	}
	if !utf8.ValidString(d) {
		return host
	}
	lib, libErr := toASCII.ToASCII(d, false)
	ascii, err := nodeIDNA.ToASCII(d)
	if err != nil || ascii == "" {
		return host // the library fails it too, or knows better
	}
	for _, c := range ascii {
		if wurl.ForbiddenDomainCodePoint.Test(uint(c)) {
			return host
		}
	}
	want := keepPunycodeLabels(d, ascii)
	labels := strings.Split(want, ".")
	if len(labels) > 1 && labels[len(labels)-1] == "" {
		labels = labels[:len(labels)-1]
	}
	if endsInNumber(labels[len(labels)-1]) {
		// An IPv4 address: a kept xn-- label, a label the library could not convert, or a signed
		// part is not a number (failure).
		if libErr != nil {
			return host
		}
		if want != lib {
			return "%"
		}
		for _, l := range labels {
			if signedNumber(l) {
				return "%"
			}
		}
		return host
	}
	libLabels := strings.Split(strings.TrimSuffix(lib, "."), ".")
	if libErr == nil && want == lib && !signedNumber(libLabels[len(libLabels)-1]) {
		return host // a domain, and the library sees the same one
	}
	p := placeholderPrefix + strconv.FormatUint(placeholderSeq.Add(1), 36)
	placeholders.Store(p, want)
	return p
}

func postParseHost(_ *wurl.Url, host string) string {
	if strings.HasPrefix(host, placeholderPrefix) {
		if v, ok := placeholders.LoadAndDelete(host); ok {
			return v.(string)
		}
	}
	return host
}

// mayNeedHostFix is a quick filter: a label starting with a sign (after an IPv4 radix prefix), an
// "xn--" anywhere, or an escape or non-ASCII byte that could decode or map to one of those.
func mayNeedHostFix(host string) bool {
	start := true
	for i := 0; i < len(host); i++ {
		c := host[i]
		switch {
		case c == '%' || c >= 0x80:
			return true
		case c == '.':
			start = true
			continue
		case start:
			rest := host[i:]
			if rest[0] == '0' && len(rest) > 1 {
				rest = rest[1:]
				if (rest[0] == 'x' || rest[0] == 'X') && len(rest) > 1 {
					rest = rest[1:]
				}
			}
			if rest[0] == '+' || rest[0] == '-' {
				return true
			}
		}
		if (c == 'n' || c == 'N') && i > 0 && (host[i-1] == 'x' || host[i-1] == 'X') && strings.HasPrefix(host[i+1:], "--") {
			return true
		}
		start = false
	}
	return false
}

// keepPunycodeLabels puts back, in lib (the library's ASCII host for the decoded domain d), the
// ASCII "xn--" labels of d, lower-cased, where the library replaced them by their decoding. The
// labels of d are compared after NFKC and lower-casing, which is what UTS #46 mapping does to
// them; if the label counts differ, lib is kept.
func keepPunycodeLabels(d, lib string) string {
	m := strings.ToLower(norm.NFKC.String(d))
	if !strings.Contains(m, "xn--") {
		return lib
	}
	in := strings.Split(strings.ReplaceAll(m, "\u3002", "."), ".")
	out := strings.Split(lib, ".")
	if len(in) != len(out) {
		return lib
	}
	changed := false
	for i, l := range in {
		if strings.HasPrefix(l, "xn--") && isASCII(l) && out[i] != l {
			out[i], changed = l, true
		}
	}
	if !changed {
		return lib
	}
	return strings.Join(out, ".")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// signedNumber reports a label that strconv.ParseInt reads as a signed number in the radix the
// IPv4 number parser picks ("0x" hex, leading "0" octal, else decimal).
func signedNumber(label string) bool {
	s, radix := ipv4Radix(label)
	if s == "" || (s[0] != '+' && s[0] != '-') {
		return false
	}
	_, err := strconv.ParseInt(s, radix, 64)
	return err == nil || err.(*strconv.NumError).Err == strconv.ErrRange
}

// endsInNumber is the "ends in a number checker" (§3.5) for the last label.
func endsInNumber(last string) bool {
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	s, radix := ipv4Radix(last)
	if s == "" {
		return last != ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= '0' && c <= '9' && (radix != 8 || c <= '7') || radix == 16 && (c >= 'a' && c <= 'f')
		if !ok {
			return false
		}
	}
	return true
}

func ipv4Radix(s string) (string, int) {
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		return s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		return s[1:], 8
	}
	return s, 10
}

func percentDecode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}
