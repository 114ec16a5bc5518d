package loader

import (
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

func TestDiagnostic(t *testing.T) {
	b := &builder{root: "/proj"}
	tests := []struct {
		name string
		msg  api.Message
		want string
	}{
		{
			name: "tabs and multi-byte characters before the column",
			msg: api.Message{Text: "Unexpected \"x\"", Location: &api.Location{
				File: "app/é/route.ts", Line: 12, Column: len("\tconst é = "), LineText: "\tconst é = x y"}},
			want: "app/é/route.ts:12:12: error: Unexpected \"x\"\n" +
				"    12 | \tconst é = x y\n" +
				"       | \t          ^",
		},
		{
			name: "absolute path under the root, located note",
			msg: api.Message{Text: "boom", Location: &api.Location{File: "/proj/lib/a.ts", Line: 1, LineText: "x"},
				Notes: []api.Note{{Text: "here", Location: &api.Location{File: "lib/b.ts", Line: 2, Column: 1, LineText: "ab"}}}},
			want: "lib/a.ts:1:1: error: boom\n" +
				"    1 | x\n" +
				"      | ^\n" +
				"  note: lib/b.ts:2:2: here",
		},
		{
			name: "no location",
			msg:  api.Message{Text: "Invalid define value"},
			want: "error: Invalid define value",
		},
		{
			name: "virtual module",
			msg:  api.Message{Text: "bad", Location: &api.Location{File: "next/server", Namespace: hostNamespace, Line: 1}},
			want: "jsroute-host:next/server:1:1: error: bad",
		},
		{
			name: "an npm package is not a built-in",
			msg:  api.Message{Text: `Could not resolve "fsevents"`},
			want: `error: Could not resolve "fsevents"`,
		},
	}
	for _, tt := range tests {
		if got := b.diagnostic(tt.msg, false).String(); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
	if got := b.diagnostic(api.Message{Text: "w"}, true).String(); got != "warning: w" {
		t.Errorf("warning = %q", got)
	}
}
