package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionString(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	cases := []struct {
		name string
		info *debug.BuildInfo
		ok   bool
		want string
	}{
		{"no build info", nil, false, version},
		{"go build -buildvcs=false", &debug.BuildInfo{Main: debug.Module{Path: "github.com/jsroute/jsroute", Version: "(devel)"}}, true, version},
		{"go install @v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true, "1.2.3"},
		{"go build in a clean checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123", "false")}, true, version + " (commit 0123456789ab)"},
		{"go build in a changed checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("abc123", "true")}, true, version + " (commit abc123, modified)"},
		{"go build in a checkout, Go 1.24+", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207185908-5a9f37ff7392"}, Settings: vcs("5a9f37ff73929b06e1e6c8d8c2fc6f530b781721", "false")}, true, version + " (commit 5a9f37ff7392)"},
		{"dirty checkout, Go 1.24+", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207185908-5a9f37ff7392+dirty"}, Settings: vcs("5a9f37ff73929b06e1e6c8d8c2fc6f530b781721", "true")}, true, version + " (commit 5a9f37ff7392, modified)"},
		{"tagged checkout", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: vcs("5a9f37ff73929b06e1e6c8d8c2fc6f530b781721", "false")}, true, "1.2.3 (commit 5a9f37ff7392)"},
		{"go install of a pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207180000-0123456789ab"}}, true, "0.0.0-20261207180000-0123456789ab"},
	}
	for _, c := range cases {
		if got := versionString(c.info, c.ok); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
