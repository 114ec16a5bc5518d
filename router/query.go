package router

import "strings"

// Query is a parsed query string as Next's router server holds it (`url.parse(url, true)`,
// Node's querystring): keys in JS object order, each with one or more values. Next merges
// destination queries into it and writes it back with querystring.stringify.
type Query struct {
	keys []string
	vals map[string][]string
}

// ParseQuery reads a raw query (without '?') as Node's querystring.parse does: `+` is a
// space, escapes are decoded, a key without '=' has the value "".
func ParseQuery(raw string) *Query {
	q := &Query{vals: map[string][]string{}}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		q.Add(formDecode(k), formDecode(v))
	}
	return q
}

// Add appends a value to key.
func (q *Query) Add(k, v string) {
	if _, ok := q.vals[k]; !ok {
		q.keys = append(q.keys, k)
	}
	q.vals[k] = append(q.vals[k], v)
}

// Set replaces the values of key.
func (q *Query) Set(k string, vs []string) {
	if _, ok := q.vals[k]; !ok {
		q.keys = append(q.keys, k)
	}
	q.vals[k] = vs
}

// Get is the value a `has` condition sees: the last one, as Next takes `value.slice(-1)[0]`
// of a repeated key.
func (q *Query) Get(k string) (string, bool) {
	vs, ok := q.vals[k]
	if !ok || len(vs) == 0 {
		return "", false
	}
	return vs[len(vs)-1], true
}

// Has reports whether key is present.
func (q *Query) Has(k string) bool { _, ok := q.vals[k]; return ok }

// Clone copies q.
func (q *Query) Clone() *Query {
	c := &Query{keys: append([]string(nil), q.keys...), vals: make(map[string][]string, len(q.vals))}
	for k, v := range q.vals {
		c.vals[k] = append([]string(nil), v...)
	}
	return c
}

// Merge sets every key of o on q (o wins), as `{...query, ...destQuery}` does.
func (q *Query) Merge(o *Query) {
	for _, k := range o.keys {
		q.Set(k, o.vals[k])
	}
}

// orderedKeys lists the keys as a JS object orders them: integer keys ascending, then the
// others in insertion order.
func (q *Query) orderedKeys() []string {
	var idx, rest []string
	for _, k := range q.keys {
		if _, ok := isArrayIndex(k); ok {
			idx = append(idx, k)
		} else {
			rest = append(rest, k)
		}
	}
	for i := 1; i < len(idx); i++ {
		for j := i; j > 0; j-- {
			a, _ := isArrayIndex(idx[j-1])
			b, _ := isArrayIndex(idx[j])
			if a <= b {
				break
			}
			idx[j-1], idx[j] = idx[j], idx[j-1]
		}
	}
	return append(idx, rest...)
}
