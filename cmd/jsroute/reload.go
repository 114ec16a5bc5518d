package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/jsroute/jsroute/engine"
)

// reloadOnHUP reloads the app on every SIGHUP, as nginx and most daemons do: engine.Reload loads
// and bundles it again and switches new requests to it, requests in flight finish on the old
// runtimes, so no request fails for the reload. A load that fails keeps the old app serving. The
// returned function stops listening for the signal.
//
// With --log-format json (jsonLog) the outcome is a log record instead of text.
func reloadOnHUP(e *engine.Engine, reqlog *lineBuffer, stdout, stderr io.Writer, m *metrics, log *slog.Logger, jsonLog bool) func() {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-hup:
			}
			before := e.Routes()
			err := e.Reload()
			reqlog.Flush()
			result := "ok"
			switch problems := e.Problems(); {
			case jsonLog && err != nil:
				result = "failed"
				log.Error("⨯ reload (SIGHUP) failed; still serving the previous build", "error", err.Error())
			case jsonLog && len(problems) > 0:
				result = "failed"
				log.Error("⨯ reloaded (SIGHUP); some routes answer 500 until fixed", "diagnostics", problems)
			case jsonLog:
				log.Info("✓ reloaded (SIGHUP)")
			case err != nil:
				result = "failed"
				fmt.Fprintf(stderr, "⨯ reload (SIGHUP) failed; still serving the previous build:\n%v\n", err)
			case len(problems) > 0:
				result = "failed"
				fmt.Fprintf(stderr, "⨯ reloaded (SIGHUP); the routes below answer 500 until fixed:\n")
				for _, p := range problems {
					fmt.Fprintf(stderr, "%s\n", p)
				}
			default:
				fmt.Fprintf(stdout, "✓ reloaded (SIGHUP)\n")
				if after := e.Routes(); !sameRoutes(before, after) {
					printRoutes(stdout, after)
				}
			}
			if m != nil {
				m.reloads.WithLabelValues(result).Inc()
			}
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
	}
}

func sameRoutes(a, b []engine.RouteInfo) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Pattern != b[i].Pattern || a[i].File != b[i].File || fmt.Sprint(a[i].Methods) != fmt.Sprint(b[i].Methods) {
			return false
		}
	}
	return true
}
