package main

import (
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// TestLogFormats prints the same records and dev reloads in each log format and compares them with
// testdata/log/<format>.golden (go test ./cmd/jsroute/ -run TestLogFormats -update rewrites them), times
// masked.
func TestLogFormats(t *testing.T) {
	for _, c := range []struct {
		name    string
		json    bool
		verbose bool
		logger  func(out, errOut *bytes.Buffer) *slog.Logger
	}{
		{"text", false, false, func(o, e *bytes.Buffer) *slog.Logger { return newLineLogger(o, e, logLevel(false)) }},
		{"text-verbose", false, true, func(o, e *bytes.Buffer) *slog.Logger { return newLineLogger(o, e, logLevel(true)) }},
		{"terminal", false, false, func(o, e *bytes.Buffer) *slog.Logger { return newTintLogger(o, e, logLevel(false), true) }},
		{"terminal-nocolor-verbose", false, true, func(o, e *bytes.Buffer) *slog.Logger { return newTintLogger(o, e, logLevel(true), false) }},
		{"json", true, false, func(o, e *bytes.Buffer) *slog.Logger { return newJSONLogger(o, e, logLevel(false)) }},
		{"json-verbose", true, true, func(o, e *bytes.Buffer) *slog.Logger { return newJSONLogger(o, e, logLevel(true)) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			log := c.logger(&out, &errOut)
			log.Debug("app/lib/x.ts:3:5: the runtime cannot parse a class field here: this file is lowered")
			log.Info("GET /api/hello 200 in 1.2ms")
			log.Warn("⚠ app/page.tsx: pages are not served by jsroute (it runs route handlers only); its URL answers 404")
			log.Error("⨯ GET /boom failed in boom/route.ts", "error",
				"Error: boom at 2\n\tat helper (app/boom/route.ts:3:11)\n> 3 |     throw new Error('boom at ' + n)\n    |           ^")
			log.Info("✓ Ready in 12ms", "mode", "dev", "routes", 2)
			rl := reloadLog{stdout: &out, stderr: &errOut, log: log, json: c.json, verbose: c.verbose, color: c.name == "terminal"}
			ms := time.Millisecond
			reportReload(rl, engine.ReloadEvent{Changed: []string{"app/hello/route.ts"}, Took: 41 * ms, Bundle: 12 * ms, Boot: 25 * ms, Packages: "reused"})
			reportReload(rl, engine.ReloadEvent{Changed: []string{"app/new", "app/new/route.ts"}, Took: 230 * ms, Bundle: 180 * ms, Boot: 40 * ms,
				Packages: "rebuilt in 150ms", Routes: []engine.RouteInfo{{Pattern: "/hello", Methods: []string{"GET"}, File: "hello/route.ts"}, {Pattern: "/new", Methods: []string{"GET", "POST"}, File: "new/route.ts"}}})
			reportReload(rl, engine.ReloadEvent{Changed: []string{"app/hello/route.ts"}, Took: 30 * ms, Bundle: 20 * ms, Boot: 8 * ms,
				Problems: []string{"app/hello/route.ts:3:1: error: Expected \")\" but found \"}\"\n    3 | }\n      | ^"}})
			reportReload(rl, engine.ReloadEvent{Took: 5 * ms, Err: errors.New("jsroute: build failed:\nnext.config.mjs: error: Unexpected end of file")})
			got := "--- stdout\n" + out.String() + "--- stderr\n" + errOut.String()
			got = maskTimes(got)
			golden := filepath.Join("testdata", "log", c.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (-update rewrites it):\n%s", golden, got)
			}
		})
	}
}

var (
	clockTime = regexp.MustCompile(`\d\d:\d\d:\d\d\.\d{3}`)
	jsonTime  = regexp.MustCompile(`"time":"[^"]*"`)
)

func maskTimes(s string) string {
	return jsonTime.ReplaceAllString(clockTime.ReplaceAllString(s, "HH:MM:SS.mmm"), `"time":"…"`)
}
