package url

import (
	"strconv"
	"strings"

	wurl "github.com/nlnwa/whatwg-url/url"
	"golang.org/x/text/unicode/norm"
)

// The library reads IPv4 numbers (§3.5 "IPv4 number parser") with strconv.ParseInt, which also
// takes a sign: it turns the host "-1" into 255.255.255.255 and "1.-1" into some other address.
// The standard has no signs: "-1" is a domain, and "-1.2" fails (it ends in a number, so it must
// be an IPv4 address, and "-1" is not a number).
//
// guardSignedIPv4 runs before the library's host parser and makes both cases fail (by handing it
// "%", which is a forbidden domain code point). For "-1.2" that is the standard's answer; for a
// domain whose last label is a signed number ("-1", "a.+5", "0x-1") it is a known deviation
// (Node keeps the domain), chosen over a wrong IP address.
func guardSignedIPv4(u *wurl.Url, host string) string {
	if !u.IsSpecialScheme() || !mayHaveSign(host) {
		return host
	}
	d := host
	if strings.IndexByte(d, '%') >= 0 {
		d = percentDecode(d)
	}
	// Domain to ASCII maps compatibility characters (fullwidth "－１" is "-1"); NFKC does the
	// same for the signs and digits, and U+3002 is one of the dots UTS #46 maps.
	d = strings.ToLower(strings.ReplaceAll(norm.NFKC.String(d), "\u3002", "."))
	labels := strings.Split(d, ".")
	if len(labels) > 1 && labels[len(labels)-1] == "" {
		labels = labels[:len(labels)-1]
	}
	last := labels[len(labels)-1]
	if signedNumber(last) {
		return "%"
	}
	if !endsInNumber(last) {
		return host // a domain: the library gets it right
	}
	for _, l := range labels {
		if signedNumber(l) {
			return "%"
		}
	}
	return host
}

// mayHaveSign is a quick filter: only "+", "-", escapes and non-ASCII can end up as a sign.
func mayHaveSign(host string) bool {
	for i := 0; i < len(host); i++ {
		if c := host[i]; c == '+' || c == '-' || c == '%' || c >= 0x80 {
			return true
		}
	}
	return false
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
