package main

import (
	"regexp"
	"runtime/debug"
	"strings"
)

// versionString is what `jsroute --version` prints after "jsroute ": the module version the binary
// was built from (`go install …@v1.2.3` records it), else the const version; then the VCS
// revision and whether the work tree had changes, when the build recorded them (a `go build` in a
// git checkout does, unless -buildvcs=false). See `go help buildinfo` / runtime/debug.BuildInfo.
//
// Since Go 1.24 a build in a checkout also gets a pseudo-version made of the commit
// (v0.0.0-20261207185908-5a9f37ff7392, "+dirty" when modified): that one is replaced by the
// const version, the commit being shown anyway.
func versionString(info *debug.BuildInfo, ok bool) string {
	v := version
	if !ok || info == nil {
		return v
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
	if mv := info.Main.Version; mv != "" && mv != "(devel)" && (rev == "" || !pseudoVersion.MatchString(mv)) {
		v = strings.TrimPrefix(mv, "v")
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

// pseudoVersion matches the timestamp-and-commit tail of a Go pseudo-version
// (https://go.dev/ref/mod#pseudo-versions).
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}(\+dirty)?$`)
