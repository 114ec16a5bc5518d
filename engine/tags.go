package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// Next's implicit cache tags (next/dist/server/lib/implicit-tags.js): a request to the route
// app/blog/[slug]/route.ts at /blog/a carries `_N_T_/layout`, `_N_T_/blog/layout`,
// `_N_T_/blog/[slug]/layout`, `_N_T_/blog/[slug]/route` and `_N_T_/blog/a`. revalidatePath(p)
// invalidates `_N_T_<p>` (with type 'layout' or 'page', the derived tag of that route), and
// revalidateTag(t) any tag: a prerendered answer or a data cache entry carrying it becomes stale,
// in every instance sharing the cache store.

const implicitTagPrefix = "_N_T_"

// implicitTags are the tags of a request for route file (relative to the app directory, e.g.
// "blog/[slug]/route.ts") at pathname.
func implicitTags(file, pathname string) []string {
	segs := strings.Split(file, "/")
	segs = segs[:len(segs)-1] // the route file itself
	tags := []string{implicitTagPrefix + "/layout"}
	cur := ""
	for _, s := range segs {
		cur += "/" + s
		tags = append(tags, implicitTagPrefix+cur+"/layout")
	}
	tags = append(tags, implicitTagPrefix+cur+"/route")
	if pathname != "" {
		pathname = strings.TrimSuffix(pathname, "/")
		if pathname == "" {
			pathname = "/"
		}
		tags = append(tags, implicitTagPrefix+pathname)
	}
	return tags
}

// ImplicitTags are the request's implicit cache tags (next.Scope asks for them when a fetch goes
// through the data cache; computed only then).
func (c *call) ImplicitTags() []string {
	return implicitTags(c.info.file, c.r.URL.Path)
}

// tagInvalidation is what one revalidatePath/revalidateTag call invalidates: tags, expired at
// once (expire 0) or stale at once and expired after expire (revalidateTag with a profile).
type tagInvalidation struct {
	tags   []string
	expire time.Duration
}

// revalidateTags turns the revalidatePath/revalidateTag calls of a request (next.Scope.Revalidated:
// "tag:t", "tag@<seconds>:t", "path:/x", "path@<type>:/x") into invalidations, as Next's
// revalidate.js names the tags: revalidatePath(p) is `_N_T_<p>` without its trailing slash,
// `/<type>` appended when given, and "/" and "/index" go together.
func revalidateTags(calls []string) []tagInvalidation {
	var out []tagInvalidation
	for _, c := range calls {
		kind, v, _ := strings.Cut(c, ":")
		kind, extra, _ := strings.Cut(kind, "@")
		switch kind {
		case "tag":
			inv := tagInvalidation{tags: []string{v}}
			if secs, err := strconv.ParseInt(extra, 10, 64); err == nil && secs > 0 {
				inv.expire = time.Duration(secs) * time.Second
			}
			out = append(out, inv)
		case "path":
			if len(v) > 1 {
				v = strings.TrimSuffix(v, "/")
			}
			tag := implicitTagPrefix + v
			if extra != "" {
				if !strings.HasSuffix(tag, "/") {
					tag += "/"
				}
				tag += extra
			}
			tags := []string{tag}
			switch tag {
			case implicitTagPrefix + "/":
				tags = append(tags, implicitTagPrefix+"/index")
			case implicitTagPrefix + "/index":
				tags = append(tags, implicitTagPrefix+"/")
			}
			out = append(out, tagInvalidation{tags: tags})
		}
	}
	return out
}

// buildID names a bundle in cache keys, so two versions of an app sharing a store (a Redis
// behind several instances) never read each other's prerendered answers.
func buildID(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:6])
}

// routeKey is the full-route cache key of a path (or a route pattern) of this build.
func (g *generation) routeKey(path string) string {
	return "route:" + g.build + ":" + path
}
