package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jsroute/jsroute/engine"
)

// buildCommand is `jsroute build [dir] [--out DIR]`: bundle the app as start would, prerender its
// static routes, and write the artifact (engine.Build) that `jsroute start` serves without
// running esbuild. It prints the route table as `next build` does (○ prerendered, ƒ dynamic). An
// app with a route that does not build or throws as it loads fails the build (exit 1), nothing
// written.
func buildCommand(c config, stdout, stderr io.Writer) int {
	log := serveLogger(c, stderr, stderr) // logtint.go: the format, terminal colours and --verbose as serve
	out := c.artifact
	if out != "" {
		// --out is a path from here, as dir is; engine.Build would take it from the project root.
		if abs, err := filepath.Abs(out); err == nil {
			out = abs
		}
	}
	res, err := engine.Build(engine.Options{Dir: c.dir, Logger: log, Workers: c.workers, EnvAllow: c.envAllow,
		FetchHosts: c.fetchAllow, NoAccelerate: c.noAccelerate, MaxDuration: c.maxDuration}, out)
	if err != nil {
		var le *engine.LoadError
		if errors.As(err, &le) {
			fmt.Fprintln(stderr, "⨯ jsroute build failed:")
			for _, d := range le.Diagnostics {
				fmt.Fprintln(stderr, d)
			}
			return 1
		}
		fmt.Fprintf(stderr, "⨯ jsroute build failed: %v\n", err)
		return 1
	}
	routes := res.Routes
	sort.Slice(routes, func(i, j int) bool { return routes[i].Pattern < routes[j].Pattern })
	printRouteTable(stdout, routes) // routes.go
	fmt.Fprintln(stdout)
	fmt.Fprintf(stdout, "✓ Built in %s: %s (%d routes, %d prerendered answers, %d input files)\n",
		res.Took.Round(time.Millisecond), shown(res.Dir), len(routes), len(res.Prerendered), res.Inputs)
	return 0
}

// shown is p relative to the working directory when it is under it.
func shown(p string) string {
	if abs, err := filepath.Abs("."); err == nil {
		if rel, err := filepath.Rel(abs, p); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return p
}

// startArtifact is engine.Options.Artifact for the command: start reads the build in .jsroute/ (or
// --out) unless --no-artifact; dev never does.
func startArtifact(c config) string {
	if c.command != "start" || c.noArtifact {
		return ""
	}
	if c.artifact != "" {
		if abs, err := filepath.Abs(c.artifact); err == nil {
			return abs
		}
		return c.artifact
	}
	return ".jsroute"
}

// checkBuildFlags refuses the artifact flags where they mean nothing.
func checkBuildFlags(c config) error {
	switch {
	case c.artifact != "" && c.command != "build" && c.command != "start":
		return fmt.Errorf("--out is an option of build and start, not of %s", c.command)
	case c.noArtifact && c.command != "start":
		return fmt.Errorf("--no-artifact is an option of start, not of %s", c.command)
	case c.noArtifact && c.artifact != "":
		return errors.New("--no-artifact and --out exclude each other")
	case c.command == "build" && c.metricsAddr != "":
		return errors.New("--metrics-addr is an option of start and dev, not of build")
	}
	return nil
}
