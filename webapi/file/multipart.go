package file

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime"
	"strings"
	"time"

	"github.com/jsroute/jsroute/webapi/encoding"
)

// Multipart serializes the entry list with the multipart/form-data encoding algorithm (HTML
// §4.10.21.8) the way Node.js's fetch (undici) does, byte for byte: a boundary
// "----formdata-undici-0" followed by 11 random digits; names with line breaks normalized to
// CRLF and then LF, CR and '"' percent-encoded; string values with line breaks normalized to
// CRLF; a filename parameter only for files with a non-empty name; Content-Type
// application/octet-stream for untyped files; and a CRLF after the final boundary.
func (f *FormData) Multipart() (body []byte, contentType string) {
	boundary := fmt.Sprintf("----formdata-undici-0%011d", rand.Int64N(1e11))
	var b bytes.Buffer
	for _, e := range f.entries {
		b.WriteString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + escapeName(normalizeLineBreaks(e.Name)) + "\"")
		if e.File == nil {
			b.WriteString("\r\n\r\n" + normalizeLineBreaks(e.Value) + "\r\n")
			continue
		}
		if e.File.name != "" {
			b.WriteString("; filename=\"" + escapeName(e.File.name) + "\"")
		}
		typ := e.File.typ
		if typ == "" {
			typ = "application/octet-stream"
		}
		b.WriteString("\r\nContent-Type: " + typ + "\r\n\r\n")
		b.Write(e.File.data)
		b.WriteString("\r\n")
	}
	b.WriteString("--" + boundary + "--\r\n")
	return b.Bytes(), "multipart/form-data; boundary=" + boundary
}

var nameEscaper = strings.NewReplacer("\n", "%0A", "\r", "%0D", "\"", "%22")

func escapeName(s string) string { return nameEscaper.Replace(s) }

// normalizeLineBreaks turns CRLF, lone CR and lone LF into CRLF.
func normalizeLineBreaks(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n", "\r\n")
}

// ErrMultipart is the error ParseMultipart wraps; Body.formData() turns it into the TypeError
// "Failed to parse body as FormData.".
var ErrMultipart = errors.New("failed to parse body as FormData")

// ParseMultipart is the multipart/form-data parser (https://andreubotella.github.io/multipart-form-data/,
// which the Fetch Standard's formData() refers to), with the leniencies of Node.js's undici:
// CRLFs before the first and after the last boundary are ignored, the final boundary may lack its
// CRLF, and a part's Content-Transfer-Encoding: base64 is decoded. A part with a filename becomes a
// File (type from its Content-Type, "text/plain" when absent); other parts are UTF-8 strings.
// contentType must carry the boundary parameter.
func ParseMultipart(body []byte, contentType string) ([]Entry, error) {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, fmt.Errorf("%w: content type: %v", ErrMultipart, err)
	}
	boundaryParam, ok := params["boundary"]
	if !ok {
		return nil, fmt.Errorf("%w: no boundary", ErrMultipart)
	}
	p := &mpParser{in: body, boundary: []byte("--" + boundaryParam)}
	return p.parse()
}

type mpParser struct {
	in       []byte
	pos      int
	boundary []byte // "--" + the boundary parameter
}

func (p *mpParser) fail(what string) error {
	return fmt.Errorf("%w: %s at byte %d", ErrMultipart, what, p.pos)
}

func (p *mpParser) startsWith(s []byte) bool { return bytes.HasPrefix(p.in[p.pos:], s) }

func (p *mpParser) atCRLF() bool { return p.startsWith(crlf) }

var crlf = []byte("\r\n")

// parse is the parser's step 5 loop.
func (p *mpParser) parse() ([]Entry, error) {
	for p.atCRLF() { // undici: leading CRLFs
		p.pos += 2
	}
	for bytes.HasSuffix(p.in, crlf) { // undici: trailing CRLFs
		p.in = p.in[:len(p.in)-2]
	}
	entries := []Entry{}
	for {
		// 5.1 `--boundary`
		if !p.startsWith(p.boundary) {
			return nil, p.fail("expected the boundary")
		}
		p.pos += len(p.boundary)
		// 5.2 `--` at the end of the input ends the list.
		if rest := p.in[p.pos:]; string(rest) == "--" {
			return entries, nil
		}
		// 5.3–5.4 CRLF
		if !p.atCRLF() {
			return nil, p.fail("expected CRLF after the boundary")
		}
		p.pos += 2
		// 5.5 headers
		h, err := p.headers()
		if err != nil {
			return nil, err
		}
		// 5.6 the empty line
		p.pos += 2
		// 5.7–5.8 the body runs to the next CRLF `--boundary`.
		delim := append(append([]byte(nil), crlf...), p.boundary...)
		n := bytes.Index(p.in[p.pos:], delim)
		if n < 0 {
			return nil, p.fail("no closing boundary")
		}
		body := p.in[p.pos : p.pos+n]
		p.pos += n + 2 // 5.9 past the CRLF
		if strings.EqualFold(h.encoding, "base64") {
			body = decodeBase64(body)
		}
		// 5.10–5.13
		if h.filename != nil {
			typ := "text/plain"
			if h.contentType != nil {
				typ = *h.contentType
				for i := 0; i < len(typ); i++ {
					if typ[i] >= 0x80 {
						typ = ""
						break
					}
				}
			}
			entries = append(entries, Entry{Name: h.name, File: NewFileState(append([]byte(nil), body...), *h.filename, NormalizeType(typ), time.Now())})
		} else {
			entries = append(entries, Entry{Name: h.name, Value: encoding.DecodeUTF8NoBOM(body)})
		}
	}
}

type partHeaders struct {
	name        string
	filename    *string
	contentType *string
	encoding    string
}

// headers is "parse multipart/form-data headers": Content-Disposition must be exactly
// `form-data; name="…"` optionally followed by `; filename="…"`; Content-Type and
// Content-Transfer-Encoding are kept; other headers are skipped.
func (p *mpParser) headers() (partHeaders, error) {
	var h partHeaders
	haveName := false
	for {
		// 2.1 an empty line ends the headers
		if p.atCRLF() {
			if !haveName {
				return h, p.fail("no name in Content-Disposition")
			}
			return h, nil
		}
		// 2.2–2.6 header name and colon
		start := p.pos
		for p.pos < len(p.in) && p.in[p.pos] != '\n' && p.in[p.pos] != '\r' && p.in[p.pos] != ':' {
			p.pos++
		}
		headerName := strings.Trim(string(p.in[start:p.pos]), " \t")
		if !isToken(headerName) {
			return h, p.fail("bad header name")
		}
		if p.pos >= len(p.in) || p.in[p.pos] != ':' {
			return h, p.fail("expected ':'")
		}
		p.pos++
		// 2.7 optional whitespace
		for p.pos < len(p.in) && (p.in[p.pos] == ' ' || p.in[p.pos] == '\t') {
			p.pos++
		}
		// 2.8
		switch strings.ToLower(headerName) {
		case "content-disposition":
			h.filename = nil
			haveName = false
			const prefix = `form-data; name="`
			if !p.startsWith([]byte(prefix)) {
				return h, p.fail(`expected form-data; name="`)
			}
			p.pos += len(prefix)
			name, err := p.quotedName()
			if err != nil {
				return h, err
			}
			h.name, haveName = name, true
			if p.startsWith([]byte("; filename")) {
				p.pos += len("; filename")
				if p.pos < len(p.in) && p.in[p.pos] == '*' { // undici accepts filename*="…" alike
					p.pos++
				}
				if !p.startsWith([]byte(`="`)) {
					return h, p.fail(`expected filename="`)
				}
				p.pos += 2
				filename, err := p.quotedName()
				if err != nil {
					return h, err
				}
				h.filename = &filename
			}
		case "content-type":
			v := p.headerValue()
			h.contentType = &v
		case "content-transfer-encoding":
			h.encoding = p.headerValue()
		default:
			p.headerValue()
		}
		// 2.9 CRLF
		if !p.atCRLF() {
			return h, p.fail("expected CRLF after a header")
		}
		p.pos += 2
	}
}

// headerValue collects up to CR or LF, drops trailing whitespace and isomorphic-decodes.
func (p *mpParser) headerValue() string {
	start := p.pos
	for p.pos < len(p.in) && p.in[p.pos] != '\n' && p.in[p.pos] != '\r' {
		p.pos++
	}
	v := bytes.TrimRight(p.in[start:p.pos], " \t")
	r := make([]rune, len(v))
	for i, c := range v {
		r[i] = rune(c)
	}
	return string(r)
}

// quotedName is "parse a multipart/form-data name": bytes up to '"' (no CR or LF), then %0A,
// %0D and %22 decoded, then UTF-8 decoded.
func (p *mpParser) quotedName() (string, error) {
	start := p.pos
	for p.pos < len(p.in) && p.in[p.pos] != '\n' && p.in[p.pos] != '\r' && p.in[p.pos] != '"' {
		p.pos++
	}
	if p.pos >= len(p.in) || p.in[p.pos] != '"' {
		return "", p.fail("unterminated name")
	}
	raw := encoding.DecodeUTF8NoBOM(p.in[start:p.pos])
	p.pos++
	return nameUnescaper.Replace(raw), nil
}

var nameUnescaper = strings.NewReplacer("%0A", "\n", "%0a", "\n", "%0D", "\r", "%0d", "\r", "%22", "\"")

// isToken reports an RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c <= ' ' || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 || c == 0x7F {
			return false
		}
	}
	return true
}

// decodeBase64 decodes leniently, as Node.js's Buffer does: characters outside the alphabet
// are skipped and padding is optional.
func decodeBase64(b []byte) []byte {
	clean := make([]byte, 0, len(b))
	for _, c := range b {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		case c == '-':
			clean = append(clean, '+')
		case c == '_':
			clean = append(clean, '/')
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, _ := base64.RawStdEncoding.DecodeString(string(clean))
	return out
}
