package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseArgs(t *testing.T) {
	t.Setenv("PORT", "")
	cases := []struct {
		args []string
		want config
		err  string
	}{
		{[]string{"start"}, config{command: "start", dir: ".", port: 3000, host: "localhost", grace: 10 * time.Second}, ""},
		{[]string{"dev", "./app", "-p", "4000"}, config{command: "dev", dir: "./app", port: 4000, host: "localhost", grace: 10 * time.Second}, ""},
		{[]string{"-p", "4000", "-H", "0.0.0.0", "start", "x"}, config{command: "start", dir: "x", port: 4000, host: "0.0.0.0", grace: 10 * time.Second}, ""},
		{[]string{"start", "--port=5", "--hostname=h", "--workers", "3"}, config{command: "start", dir: ".", port: 5, host: "h", workers: 3, grace: 10 * time.Second}, ""},
		{[]string{"start", "--max-duration", "1.5", "--max-body-size", "4m", "--grace", "2"}, config{command: "start", dir: ".", port: 3000, host: "localhost", maxDuration: 1500 * time.Millisecond, maxBody: 4 << 20, grace: 2 * time.Second}, ""},
		{[]string{"--help"}, config{command: "help"}, ""},
		{[]string{"start", "-v"}, config{command: "version"}, ""},
		{[]string{}, config{}, "missing command"},
		{[]string{"build"}, config{}, "unknown command"},
		{[]string{"start", "-p"}, config{}, "needs a value"},
		{[]string{"start", "-p", "99999"}, config{}, "invalid port"},
		{[]string{"start", "--bogus"}, config{}, "unknown option"},
		{[]string{"start", "a", "b"}, config{}, "too many arguments"},
		{[]string{"start", "--max-body-size", "x"}, config{}, "invalid size"},
	}
	for _, c := range cases {
		got, err := parseArgs(c.args)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%v: error %v, want %q", c.args, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", c.args, err)
			continue
		}
		if got != c.want {
			t.Errorf("%v: got %+v, want %+v", c.args, got, c.want)
		}
	}
}

func TestPortFromEnvironment(t *testing.T) {
	t.Setenv("PORT", "8123")
	c, err := parseArgs([]string{"start"})
	if err != nil || c.port != 8123 {
		t.Errorf("got %d, %v; want 8123 from $PORT", c.port, err)
	}
}
