package main

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseArgs(t *testing.T) {
	t.Setenv("PORT", "")
	// with fills in the defaults of start.
	with := func(c config) config {
		c.grace = 10 * time.Second
		if c.maxDuration == 0 && c.command == "start" {
			c.maxDuration = time.Minute
		}
		if c.maxBody == 0 {
			c.maxBody = 10 << 20
		}
		if c.maxMemory == 0 {
			c.maxMemory = 1 << 30
		}
		c.readHeaderTimeout, c.bodyTimeout, c.idleTimeout = 10*time.Second, 30*time.Second, 2*time.Minute
		c.logFormat = "text"
		return c
	}
	cases := []struct {
		args []string
		want config
		err  string
	}{
		{[]string{"start"}, with(config{command: "start", dir: ".", port: 3000, host: "localhost"}), ""},
		{[]string{"dev", "./app", "-p", "4000"}, with(config{command: "dev", dir: "./app", port: 4000, host: "localhost"}), ""},
		{[]string{"-p", "4000", "-H", "0.0.0.0", "start", "x"}, with(config{command: "start", dir: "x", port: 4000, host: "0.0.0.0"}), ""},
		{[]string{"start", "--port=5", "--hostname=h", "--workers", "3"}, with(config{command: "start", dir: ".", port: 5, host: "h", workers: 3}), ""},
		{[]string{"start", "--max-duration", "1.5", "--max-body-size", "4m", "--grace", "2"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost", maxDuration: 1500 * time.Millisecond, maxBody: 4 << 20})
			c.grace = 2 * time.Second
			return c
		}(), ""},
		{[]string{"start", "--max-memory", "256m", "--idle-timeout=5", "--body-timeout", "0", "--read-header-timeout", "1"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost", maxMemory: 256 << 20})
			c.idleTimeout, c.bodyTimeout, c.readHeaderTimeout = 5*time.Second, 0, time.Second
			return c
		}(), ""},
		{[]string{"start", "--env-allow", "DATABASE_URL, NEXT_PUBLIC_*", "--env-allow=TZ", "--fetch-allow", "api.example.com,*.stripe.com"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.envAllow = []string{"DATABASE_URL", "NEXT_PUBLIC_*", "TZ"}
			c.fetchAllow = []string{"api.example.com", "*.stripe.com"}
			return c
		}(), ""},
		{[]string{"start", "--dial-allow", "db.internal:5432, unix:/run/postgresql/.s.PGSQL.5432", "--dial-allow=*.redis.example"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.dialAllow = []string{"db.internal:5432", "unix:/run/postgresql/.s.PGSQL.5432", "*.redis.example"}
			return c
		}(), ""},
		{[]string{"start", "--no-accelerate"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.noAccelerate = true
			return c
		}(), ""},
		{[]string{"start", "--env-allow", ""}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.envAllow = []string{} // nothing of the real environment
			return c
		}(), ""},
		{[]string{"start", "--max-duration", "0"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.maxDuration = 0
			return c
		}(), ""},
		{[]string{"start", "--metrics-addr", "127.0.0.1:9100", "--log-format=json"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.metricsAddr, c.logFormat = "127.0.0.1:9100", "json"
			return c
		}(), ""},
		{[]string{"routes", "fixtures/docs-app", "--json"}, func() config {
			c := with(config{command: "routes", dir: "fixtures/docs-app", port: 3000, host: "localhost"})
			c.json = true
			return c
		}(), ""},
		{[]string{"start", "--log-format", "xml"}, config{}, "invalid --log-format"},
		{[]string{"start", "--json"}, config{}, "--json is an option of routes"},
		{[]string{"routes", "--metrics-addr", ":9100"}, config{}, "not of routes"},
		{[]string{"--help"}, config{command: "help"}, ""},
		{[]string{"start", "-v"}, config{command: "version"}, ""},
		{[]string{}, config{}, "missing command"},
		{[]string{"bogus"}, config{}, "unknown command"},
		{[]string{"build", "fixtures/docs-app", "--out", "dist"}, func() config {
			c := with(config{command: "build", dir: "fixtures/docs-app", port: 3000, host: "localhost"})
			c.artifact = "dist"
			return c
		}(), ""},
		{[]string{"start", "--no-artifact"}, func() config {
			c := with(config{command: "start", dir: ".", port: 3000, host: "localhost"})
			c.noArtifact = true
			return c
		}(), ""},
		{[]string{"dev", "--no-artifact"}, config{}, "--no-artifact is an option of start"},
		{[]string{"routes", "--out", "x"}, config{}, "--out is an option of build and start"},
		{[]string{"start", "--out", "x", "--no-artifact"}, config{}, "exclude each other"},
		{[]string{"build", "--metrics-addr", ":9100"}, config{}, "not of build"},
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
		if !reflect.DeepEqual(got, c.want) {
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
