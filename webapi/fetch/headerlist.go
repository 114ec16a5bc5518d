package fetch

import (
	"net/http"
	"sort"
	"strings"
)

// Guard is a Headers object's guard (Fetch §5.2): it says which changes are allowed.
type Guard int

const (
	GuardNone Guard = iota
	GuardRequest
	GuardResponse
	GuardImmutable
)

// Field is one entry of a header list: the name as it was given, and the value.
type Field struct {
	Name, Value string
}

// HeaderList is the spec's header list (Fetch §2.2.2), in Go. A list made from an incoming
// net/http request reads that request's header map until the first change, so a handler that only
// reads headers costs no copy.
type HeaderList struct {
	fields []Field
	src    http.Header // read-through source; nil once copied into fields
	extra  []Field     // fields read along with src, whose names src does not hold (Host)
	gen    uint64      // moves at every change, for iterators (Version)
}

// Version moves whenever the list changes.
func (l *HeaderList) Version() uint64 { return l.gen }

// HeaderListFrom wraps an http.Header without copying it. extra adds fields whose names h
// does not have (net/http keeps Host apart; the engine adds x-forwarded-*).
func HeaderListFrom(h http.Header, extra ...Field) *HeaderList {
	return &HeaderList{src: h, extra: extra}
}

// extraValue finds name among the extra fields.
func (l *HeaderList) extraValue(name string) (string, bool) {
	for _, f := range l.extra {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

func (l *HeaderList) materialize() {
	if l.src == nil {
		return
	}
	keys := make([]string, 0, len(l.src))
	for k := range l.src {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lk := strings.ToLower(k)
		for _, v := range l.src[k] {
			l.fields = append(l.fields, Field{lk, v})
		}
	}
	l.fields = append(l.fields, l.extra...)
	l.src, l.extra = nil, nil
}

// Get returns the values of name combined with ", " (Fetch §2.2.2 "get"), and whether there were any.
func (l *HeaderList) Get(name string) (string, bool) {
	if l.src != nil {
		vs := l.src[http.CanonicalHeaderKey(name)]
		if len(vs) == 0 {
			return l.extraValue(name)
		}
		if len(vs) == 1 {
			return vs[0], true
		}
		return strings.Join(vs, ", "), true
	}
	var b strings.Builder
	found := false
	for _, f := range l.fields {
		if strings.EqualFold(f.Name, name) {
			if found {
				b.WriteString(", ")
			}
			b.WriteString(f.Value)
			found = true
		}
	}
	return b.String(), found
}

// Values returns every value of name, uncombined (used for Set-Cookie).
func (l *HeaderList) Values(name string) []string {
	if l.src != nil {
		if vs := l.src[http.CanonicalHeaderKey(name)]; len(vs) > 0 {
			return vs
		}
		if v, ok := l.extraValue(name); ok {
			return []string{v}
		}
		return nil
	}
	var out []string
	for _, f := range l.fields {
		if strings.EqualFold(f.Name, name) {
			out = append(out, f.Value)
		}
	}
	return out
}

// Has reports whether name is in the list.
func (l *HeaderList) Has(name string) bool {
	if l.src != nil {
		if len(l.src[http.CanonicalHeaderKey(name)]) > 0 {
			return true
		}
		_, ok := l.extraValue(name)
		return ok
	}
	for _, f := range l.fields {
		if strings.EqualFold(f.Name, name) {
			return true
		}
	}
	return false
}

// Append adds a field at the end.
func (l *HeaderList) Append(name, value string) {
	l.materialize()
	l.gen++
	l.fields = append(l.fields, Field{name, value})
}

// Delete removes every field named name.
func (l *HeaderList) Delete(name string) {
	l.materialize()
	l.gen++
	out := l.fields[:0]
	for _, f := range l.fields {
		if !strings.EqualFold(f.Name, name) {
			out = append(out, f)
		}
	}
	l.fields = out
}

// Set replaces the first field named name and removes the others, or appends (Fetch §2.2.2 "set").
func (l *HeaderList) Set(name, value string) {
	l.materialize()
	l.gen++
	done := false
	out := l.fields[:0]
	for _, f := range l.fields {
		if strings.EqualFold(f.Name, name) {
			if done {
				continue
			}
			f.Value = value
			done = true
		}
		out = append(out, f)
	}
	l.fields = out
	if !done {
		l.fields = append(l.fields, Field{name, value})
	}
}

// Fields returns the list as it is (names as given).
func (l *HeaderList) Fields() []Field {
	l.materialize()
	return l.fields
}

// Len is the number of fields.
func (l *HeaderList) Len() int {
	if l.src != nil {
		n := len(l.extra)
		for _, vs := range l.src {
			n += len(vs)
		}
		return n
	}
	return len(l.fields)
}

// SortAndCombine implements Fetch §2.2.2 "sort and combine": lowercased names in order, values of
// the same name joined with ", ", except Set-Cookie, whose values stay apart.
func (l *HeaderList) SortAndCombine() []Field {
	l.materialize()
	// One pass groups the values by lowercased name, then the names are sorted: O(n log n).
	type group struct {
		name   string
		values []string
	}
	var groups []group
	at := make(map[string]int, len(l.fields))
	var cookies []string
	for _, f := range l.fields {
		n := strings.ToLower(f.Name)
		if n == "set-cookie" {
			cookies = append(cookies, f.Value)
			continue
		}
		if i, ok := at[n]; ok {
			groups[i].values = append(groups[i].values, f.Value)
			continue
		}
		at[n] = len(groups)
		groups = append(groups, group{n, []string{f.Value}})
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].name < groups[j].name })
	out := make([]Field, 0, len(groups)+len(cookies))
	for _, g := range groups {
		if len(cookies) > 0 && g.name > "set-cookie" {
			for _, v := range cookies {
				out = append(out, Field{"set-cookie", v})
			}
			cookies = nil
		}
		v := g.values[0]
		if len(g.values) > 1 {
			v = strings.Join(g.values, ", ")
		}
		out = append(out, Field{g.name, v})
	}
	for _, v := range cookies {
		out = append(out, Field{"set-cookie", v})
	}
	return out
}

// Clone copies the list.
func (l *HeaderList) Clone() *HeaderList {
	if l.src != nil {
		return &HeaderList{src: l.src.Clone(), extra: append([]Field(nil), l.extra...)}
	}
	return &HeaderList{fields: append([]Field(nil), l.fields...)}
}

// WriteTo copies the list into an http.Header (canonical keys, every value kept apart).
func (l *HeaderList) WriteTo(h http.Header) {
	if l.src != nil {
		for k, vs := range l.src {
			h[k] = append(h[k], vs...)
		}
		for _, f := range l.extra {
			h.Add(f.Name, f.Value)
		}
		return
	}
	for _, f := range l.fields {
		h.Add(f.Name, f.Value)
	}
}

// isHeaderName: a field-name token (RFC 9110 §5.1).
func isHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || !tokenChar[c] {
			return false
		}
	}
	return true
}

var tokenChar = func() (t [128]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return
}()

// normalizeValue strips leading and trailing HTTP whitespace (Fetch §2.2 "normalize").
func normalizeValue(s string) string {
	return strings.Trim(s, " \t\r\n")
}

// isHeaderValue: no NUL, CR or LF after normalisation (Fetch §2.2 "header value").
func isHeaderValue(s string) bool {
	return !strings.ContainsAny(s, "\x00\r\n")
}
