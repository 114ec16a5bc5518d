package engine

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestSplitCookiesString replays how Next splits Set-Cookie values (testdata/setcookie/cases.json,
// recorded from next's own function by testdata/setcookie/record.mjs).
func TestSplitCookiesString(t *testing.T) {
	data, err := os.ReadFile("testdata/setcookie/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Input string   `json:"input"`
		Want  []string `json:"want"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		// Next reads header values as latin-1; the recording's inputs are JSON strings, the Go
		// function reads bytes: U+00A0 is the byte 0xA0 there.
		in := latin1(c.Input)
		want := make([]string, len(c.Want))
		for i, w := range c.Want {
			want[i] = latin1(w)
		}
		if got := splitCookiesString(in); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("splitCookiesString(%q) = %q, want %q", c.Input, got, c.Want)
		}
	}
}
