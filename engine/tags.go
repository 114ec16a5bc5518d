package engine

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
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

// revalidateTags turns the revalidatePath/revalidateTag calls of a request ("path:/x", "tag:t") into
// the tags to invalidate.
func revalidateTags(calls []string) []string {
	var tags []string
	for _, c := range calls {
		kind, v, _ := strings.Cut(c, ":")
		switch kind {
		case "tag":
			tags = append(tags, v)
		case "path":
			v = strings.TrimSuffix(v, "/")
			if v == "" {
				v = "/"
			}
			tags = append(tags, implicitTagPrefix+v)
		}
	}
	return tags
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
