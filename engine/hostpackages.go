package engine

import (
	"log/slog"
	"slices"
	"strings"

	"github.com/jsroute/jsroute/loader"
)

// logHostPackages says at start which npm packages the routes import run as Go code instead of the
// package's own (loader.HostPackages, loader.AcceleratedPackages), so nothing is substituted silently.
func logHostPackages(log *slog.Logger, used []string) {
	if len(used) == 0 {
		return
	}
	var parts []string
	for _, name := range used {
		if slices.Contains(loader.AcceleratedPackages, name) {
			parts = append(parts, name+" (accelerated: Go implementation; --no-accelerate runs the package's JavaScript)")
		} else {
			parts = append(parts, name+" (native addon: Go implementation)")
		}
	}
	log.Info("npm packages provided by jsroute: " + strings.Join(parts, ", "))
}
