package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/jsroute/jsroute/engine"
)

// listRoutes is `jsroute routes [dir] [--json]`: the route table of the app as start would serve
// it (production environment), with each route's segment config, without serving or prerendering.
// Load diagnostics go to stderr and make the exit code 1.
func listRoutes(c config, stdout, stderr io.Writer) int {
	log := newLogger(stderr, stderr)
	routes, problems, err := engine.ListRoutes(engine.Options{Dir: c.dir, Logger: log,
		EnvAllow: c.envAllow, FetchHosts: c.fetchAllow})
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	sort.Slice(routes, func(i, j int) bool { return routes[i].Pattern < routes[j].Pattern })
	if c.json {
		type row struct {
			Pattern string             `json:"pattern"`
			Methods []string           `json:"methods"`
			File    string             `json:"file"`
			Config  engine.RouteConfig `json:"config"`
		}
		rows := make([]row, 0, len(routes))
		for _, r := range routes {
			ms := r.Methods
			if ms == nil {
				ms = []string{}
			}
			rows = append(rows, row{r.Pattern, ms, r.File, r.Config})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			fmt.Fprintf(stderr, "jsroute: %v\n", err)
			return 1
		}
	} else {
		printRouteTable(stdout, routes)
	}
	for _, p := range problems {
		fmt.Fprintf(stderr, "%s\n", p)
	}
	if len(problems) > 0 {
		return 1
	}
	return 0
}

// kind is the symbol `next build` prints before a route: ○ prerendered, ƒ dynamic.
func kind(c engine.RouteConfig) string {
	if c.Static {
		return "○"
	}
	return "ƒ"
}

// configText lists the segment config exports that differ from Next's defaults.
func configText(c engine.RouteConfig) string {
	var parts []string
	if c.Dynamic != "auto" {
		parts = append(parts, "dynamic="+c.Dynamic)
	}
	if c.Revalidate != nil {
		parts = append(parts, fmt.Sprintf("revalidate=%v", c.Revalidate))
	}
	if !c.DynamicParams {
		parts = append(parts, "dynamicParams=false")
	}
	if c.FetchCache != "auto" {
		parts = append(parts, "fetchCache="+c.FetchCache)
	}
	if c.Runtime != "nodejs" {
		parts = append(parts, "runtime="+c.Runtime)
	}
	if c.PreferredRegion != nil {
		parts = append(parts, fmt.Sprintf("preferredRegion=%v", c.PreferredRegion))
	}
	if c.MaxDuration > 0 {
		parts = append(parts, fmt.Sprintf("maxDuration=%v", c.MaxDuration))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

// printRouteTable prints the route table of `jsroute routes` and `jsroute build` (○ prerendered,
// ƒ dynamic, as next build prints it) and the legend under it.
func printRouteTable(w io.Writer, routes []engine.RouteInfo) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Route\tMethods\tConfig\tFile")
	for _, r := range routes {
		ms := strings.Join(r.Methods, ", ")
		if ms == "" {
			ms = "-"
		}
		fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\n", kind(r.Config), r.Pattern, ms, configText(r.Config), r.File)
	}
	tw.Flush()
	fmt.Fprintln(w, "\n○ static: prerendered, GET served from the cache   ƒ dynamic: run on every request")
}
