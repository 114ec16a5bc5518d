package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// reloadLog is where a dev reload is told: the terminal's streams, or the JSON log.
type reloadLog struct {
	stdout, stderr io.Writer
	log            *slog.Logger
	json           bool // --log-format json: records, not text
	verbose        bool // --verbose: timing and changed files
	color          bool // a terminal that takes colours: ✓ in green, ⨯ in red
}

// reportReload tells one dev reload. By default one line: "✓ reloaded in 42ms", or "⨯ reload failed"
// and each diagnostic once (a route that does not build, load or compile answers 500 until fixed);
// after a good reload, the route table again when it changed. --verbose adds where the time went and
// the files that changed. With --log-format json each is one record (msg "✓ reloaded" at INFO, "⨯
// reload failed" at ERROR) whose attributes always hold all of it.
func reportReload(out reloadLog, ev engine.ReloadEvent) {
	what := "a change to " + strings.Join(ev.Changed, ", ")
	if len(ev.Changed) == 0 {
		what = "lost file events (everything was reloaded)"
	}
	if out.json {
		changed := ev.Changed
		if changed == nil {
			changed = []string{} // events were lost: everything was reloaded
		}
		attrs := []any{"changed", changed, "took_ms", ms(ev.Took)}
		if ev.Err == nil {
			attrs = append(attrs, "bundle_ms", ms(ev.Bundle), "runtimes_ms", ms(ev.Boot))
			if ev.Packages != "" {
				attrs = append(attrs, "packages", ev.Packages)
			}
		}
		switch {
		case ev.Err != nil:
			out.log.Error("⨯ reload failed; still serving the previous build", append(attrs, "error", ev.Err.Error())...)
		case len(ev.Problems) > 0:
			out.log.Error("⨯ reload failed; some routes answer 500 until fixed", append(attrs, "diagnostics", ev.Problems)...)
		default:
			if ev.Routes != nil {
				attrs = append(attrs, "routes", len(ev.Routes))
			}
			out.log.Info("✓ reloaded", attrs...)
		}
		return
	}
	detail := ""
	if out.verbose {
		detail = " in " + round(ev.Took)
		if ev.Err == nil {
			parts := []string{"bundle " + round(ev.Bundle)}
			if ev.Packages != "" {
				parts = append(parts, "packages "+ev.Packages)
			}
			parts = append(parts, "runtimes "+round(ev.Boot))
			detail += " (" + strings.Join(parts, ", ") + ")"
		}
		detail += " after " + what
	}
	ok, failed := "✓", "⨯"
	if out.color {
		ok, failed = "\x1b[92m✓\x1b[0m", "\x1b[91m⨯\x1b[0m"
	}
	switch {
	case ev.Err != nil:
		fmt.Fprintf(out.stderr, "%s reload failed%s; still serving the previous build:\n%v\n", failed, detail, ev.Err)
	case len(ev.Problems) > 0:
		fmt.Fprintf(out.stderr, "%s reload failed%s; the routes below answer 500 until fixed:\n", failed, detail)
		for _, p := range ev.Problems {
			fmt.Fprintf(out.stderr, "%s\n", p)
		}
	default:
		if !out.verbose {
			detail = " in " + round(ev.Took)
		}
		fmt.Fprintf(out.stdout, "%s reloaded%s\n", ok, detail)
		if ev.Routes != nil {
			printRoutes(out.stdout, ev.Routes)
		}
	}
}

func round(d time.Duration) string {
	if d < 10*time.Millisecond {
		return d.Round(100 * time.Microsecond).String()
	}
	return d.Round(time.Millisecond).String()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
