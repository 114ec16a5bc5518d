package router

// The match tree: one node per URL segment position, children grouped by kind so that
// trying them in field order *is* Next's precedence (static > [param] > [...catchAll] >
// [[...optional]]), with backtracking. Next itself tries a list of regexes sorted by
// getSortedRoutes (next/dist/shared/lib/router/utils/sorted-routes.js); a depth-first
// walk in this order reaches the same first match without a regex per request. Catch-all
// segments must be last, so they are leaves.

// maxParams bounds the dynamic segments of one route (Build reports more), so that
// Resolve can capture into a fixed array on the stack.
const maxParams = 32

// staticIndexMin is the number of static children above which a node looks them up in
// a map instead of scanning.
const staticIndexMin = 8

type node struct {
	key     string  // this node's static segment, percent-encoded as requests carry it
	statics []*node // static children, in insertion order
	index   map[string]*node

	param     *node // [name] child
	paramName string
	paramBy   *parsed // build only: who named the param, for diagnostics

	catchAll *leaf // [...name]
	optional *leaf // [[...name]]
	end      *leaf // a route or page ending here
}

// leaf is where a route or page ends.
type leaf struct {
	route *Route // nil for a page: pages are matched so that they shadow routes, never served
	name  string // param name of a catch-all leaf
	by    *parsed
}

func (n *node) static(seg string) *node {
	if n.index != nil {
		return n.index[seg]
	}
	for _, c := range n.statics {
		if c.key == seg {
			return c
		}
	}
	return nil
}

// finish indexes nodes with many static children, recursively.
func (n *node) finish() {
	if len(n.statics) > staticIndexMin {
		n.index = make(map[string]*node, len(n.statics))
		for _, c := range n.statics {
			n.index[c.key] = c
		}
	}
	for _, c := range n.statics {
		c.finish()
	}
	if n.param != nil {
		n.param.finish()
	}
}

// insert adds p to the tree. When p names a dynamic segment differently from an
// earlier path at the same position it returns that path and Next's message
// (UrlNode._insert in sorted-routes.js, which makes `next start` fail), and changes
// nothing.
func (n *node) insert(p *parsed, l *leaf) (other *parsed, msg string) {
	for i, s := range p.segs {
		switch s.kind {
		case segStatic:
			c := n.static(s.key)
			if c == nil {
				c = &node{key: s.key}
				n.statics = append(n.statics, c)
			}
			n = c
		case segParam:
			if n.param == nil {
				n.param, n.paramName, n.paramBy = &node{}, s.name, p
			} else if n.paramName != s.name {
				return n.paramBy, slugMsg(n.paramName, s.name)
			}
			n = n.param
		case segCatchAll, segOptional:
			if i != len(p.segs)-1 {
				return p, "catch-all segment not last" // validate rejects this first
			}
			same, twin := &n.catchAll, n.optional
			if s.kind == segOptional {
				same, twin = &n.optional, n.catchAll
			}
			switch {
			case twin != nil && s.kind == segOptional:
				return twin.by, `You cannot use both an required and optional catch-all route at the same level ("[...` + twin.name + `]" and "` + s.raw + `" ).`
			case twin != nil:
				return twin.by, `You cannot use both an optional and required catch-all route at the same level ("[[...` + twin.name + `]]" and "` + s.raw + `").`
			case *same != nil && (*same).name != s.name:
				return (*same).by, slugMsg((*same).name, s.name)
			case *same != nil:
				return (*same).by, "same URL" // Build reports exact duplicates first
			}
			l.name = s.name
			*same = l
			return nil, ""
		}
	}
	if n.end != nil {
		return n.end.by, "same URL"
	}
	n.end = l
	return nil, ""
}

func slugMsg(x, y string) string {
	return "You cannot use different slug names for the same dynamic path ('" + x + "' !== '" + y + "')."
}

// captures holds the raw (still percent-encoded) values of the dynamic segments met on
// the way down, in pattern order.
type captures struct {
	n int
	v [maxParams]string
}

// match finds the leaf for path, the rest of the request path after a '/' ("" at the
// end). It tries static, then [param], then catch-all, then optional catch-all, and
// backtracks when a branch fails deeper down.
func (n *node) match(path string, c *captures) *leaf {
	if path == "" {
		if n.end != nil {
			return n.end
		}
		if n.optional != nil { // zero segments: the param is absent
			return n.optional
		}
		return nil
	}
	seg, rest := path, ""
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			seg, rest = path[:i], path[i+1:]
			break
		}
	}
	if s := n.static(seg); s != nil {
		if l := s.match(rest, c); l != nil {
			return l
		}
	}
	if n.param != nil {
		mark := c.n
		c.v[c.n] = seg
		c.n++
		if l := n.param.match(rest, c); l != nil {
			return l
		}
		c.n = mark
	}
	if n.catchAll != nil {
		c.v[c.n] = path
		c.n++
		return n.catchAll
	}
	if n.optional != nil {
		c.v[c.n] = path
		c.n++
		return n.optional
	}
	return nil
}
