package url

// Route handlers parse the request URL on every request (`new URL(request.url)`, NextURL), and
// that URL is nearly always already in canonical form. For such input the basic URL parser would
// return it unchanged, so its components are just slices of it: parseCanonical recognises that
// case with one pass over the bytes, and the library's record is made only when something needs
// it (a setter, or a mutation of searchParams). Anything it is not sure of goes to the full parser.
//
// Canonical here means: scheme http, https, ws or wss in lower case, "://", a host of lower-case
// ASCII letters, digits, "-" and "." (non-empty labels, none "xn--", the last starting with a
// letter so it cannot be an IPv4 address), an optional port without leading zeros that is not the
// scheme's default, then a path starting with "/", an optional query and fragment, with no byte
// that the path, special-query or fragment percent-encode sets would encode, no backslash, no
// malformed "%" escape in the path and no "." or ".." segment.

// fastURL is a canonical URL as offsets into its serialization.
type fastURL struct {
	href     string
	schemeAt int // index of ':'
	hostEnd  int // end of the hostname
	portEnd  int // end of the port (== hostEnd without one)
	pathEnd  int // index of '?' or '#' or len
	queryEnd int // index of '#' or len (== pathEnd without a query)
}

var defaultPorts = map[string]string{"http": "80", "https": "443", "ws": "80", "wss": "443"}

// parseCanonical returns the offsets of s when s is a canonical URL (see above).
func parseCanonical(s string) (f fastURL, ok bool) {
	f.href = s
	// Scheme.
	i := 0
	for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
		i++
	}
	scheme := s[:i]
	dflt, special := defaultPorts[scheme]
	if !special || len(s) < i+3 || s[i:i+3] != "://" {
		return f, false
	}
	f.schemeAt = i
	// Host: labels of [a-z0-9-].
	i += 3
	labelStart, lastLabelStart := i, i
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if i == labelStart || isPunycodeLabel(s[labelStart:i]) {
				return f, false
			}
			labelStart = i + 1
			lastLabelStart = labelStart
			continue
		}
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			break
		}
	}
	if i == labelStart || isPunycodeLabel(s[labelStart:i]) || s[lastLabelStart] < 'a' || s[lastLabelStart] > 'z' {
		return f, false
	}
	f.hostEnd = i
	// Port.
	f.portEnd = i
	if i < len(s) && s[i] == ':' {
		i++
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		port := s[start:i]
		if port == "" || len(port) > 5 || (port[0] == '0' && len(port) > 1) || port == dflt || (len(port) == 5 && port > "65535") {
			return f, false
		}
		f.portEnd = i
	}
	// Path: must start with "/".
	if i >= len(s) || s[i] != '/' {
		return f, false
	}
	segStart := i + 1
	for i++; i < len(s); i++ {
		c := s[i]
		if c == '/' || c == '?' || c == '#' {
			if isDotSegment(s[segStart:i]) {
				return f, false
			}
			if c != '/' {
				break
			}
			segStart = i + 1
			continue
		}
		if c == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			return f, false
		}
		if !pathOK(c) {
			return f, false
		}
	}
	if i == len(s) && isDotSegment(s[segStart:]) {
		return f, false
	}
	f.pathEnd = i
	// Query.
	f.queryEnd = i
	if i < len(s) && s[i] == '?' {
		for i++; i < len(s) && s[i] != '#'; i++ {
			if !queryOK(s[i]) {
				return f, false
			}
		}
		f.queryEnd = i
	}
	// Fragment.
	if i < len(s) {
		for i++; i < len(s); i++ {
			if !fragmentOK(s[i]) {
				return f, false
			}
		}
	}
	return f, true
}

func isPunycodeLabel(l string) bool { return len(l) >= 4 && l[:4] == "xn--" }

// isDotSegment reports the single- and double-dot path segments (§4.1), which the parser removes.
func isDotSegment(seg string) bool {
	switch len(seg) {
	case 1, 2, 3, 4, 6:
	default:
		return false
	}
	switch seg {
	case ".", "..", "%2e", "%2E", ".%2e", ".%2E", "%2e.", "%2E.", "%2e%2e", "%2e%2E", "%2E%2e", "%2E%2E":
		return true
	}
	return false
}

// pathOK: printable ASCII outside the path percent-encode set (§1.3), and no backslash.
func pathOK(c byte) bool {
	return c > 0x20 && c < 0x7F && c != '"' && c != '#' && c != '<' && c != '>' && c != '?' && c != '`' && c != '{' && c != '}' && c != '\\'
}

// queryOK: printable ASCII outside the special-query percent-encode set.
func queryOK(c byte) bool {
	return c > 0x20 && c < 0x7F && c != '"' && c != '#' && c != '<' && c != '>' && c != '\''
}

// fragmentOK: printable ASCII outside the fragment percent-encode set.
func fragmentOK(c byte) bool {
	return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '`'
}

func (f *fastURL) scheme() string   { return f.href[:f.schemeAt] }
func (f *fastURL) hostname() string { return f.href[f.schemeAt+3 : f.hostEnd] }
func (f *fastURL) host() string     { return f.href[f.schemeAt+3 : f.portEnd] }
func (f *fastURL) pathname() string { return f.href[f.portEnd:f.pathEnd] }

func (f *fastURL) port() string {
	if f.portEnd == f.hostEnd {
		return ""
	}
	return f.href[f.hostEnd+1 : f.portEnd]
}

// query is the query without "?" ("" when null or empty, as Query() of the record).
func (f *fastURL) query() string {
	if f.queryEnd == f.pathEnd {
		return ""
	}
	return f.href[f.pathEnd+1 : f.queryEnd]
}

func (f *fastURL) search() string {
	if f.queryEnd-f.pathEnd <= 1 {
		return ""
	}
	return f.href[f.pathEnd:f.queryEnd]
}

func (f *fastURL) hash() string {
	if len(f.href)-f.queryEnd <= 1 {
		return ""
	}
	return f.href[f.queryEnd:]
}
