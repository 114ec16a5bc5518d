package main

import (
	"runtime/debug"
	"strings"
)

// versionString is what `jsroute --version` prints after "jsroute ": the module version the binary
// was built from (`go install …@v1.2.3` records it), else the const version; then the VCS
// revision and whether the work tree had changes, when the build recorded them (a `go build` in a
// git checkout does, unless -buildvcs=false). See `go help buildinfo` / runtime/debug.BuildInfo.
func versionString(info *debug.BuildInfo, ok bool) string {
	v := version
	if !ok || info == nil {
		return v
	}
	if mv := info.Main.Version; mv != "" && mv != "(devel)" {
		v = strings.TrimPrefix(mv, "v")
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return v
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	extra := "commit " + rev
	if modified == "true" {
		extra += ", modified"
	}
	return v + " (" + extra + ")"
}

// buildVersion is versionString for the running binary.
func buildVersion() string { return versionString(debug.ReadBuildInfo()) }
