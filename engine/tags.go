package engine

import (
	"log/slog"
	"strings"
	"sync"
)

// revalidateTag (next/cache) invalidates what was cached under a tag. jsroute's full-route cache
// knows only Next's implicit route tags (`_N_T_/<path>`, `_N_T_/<path>/route`); tags given to
// fetch (`next: { tags }`) or unstable_cache are not tracked yet, so such a call changes nothing:
// it is said once per tag in the log, never silently.

// implicitTagPath is the route path an implicit tag names, if it is one.
func implicitTagPath(tag string) (string, bool) {
	p, ok := strings.CutPrefix(tag, "_N_T_")
	if !ok || !strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/layout") {
		return "", false
	}
	p = strings.TrimSuffix(p, "/route")
	if p == "" {
		p = "/"
	}
	return p, true
}

var untrackedTags sync.Map // tag → struct{}: warned once

func warnUntrackedTag(log *slog.Logger, tag string) {
	if _, seen := untrackedTags.LoadOrStore(tag, struct{}{}); seen {
		return
	}
	log.Warn("revalidateTag(" + tag + "): jsroute does not track fetch or unstable_cache tags yet, so nothing " +
		"is invalidated; revalidatePath() and implicit route tags (_N_T_/<path>) are")
}
