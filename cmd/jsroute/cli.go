package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jsroute/jsroute/cache"
	"github.com/jsroute/jsroute/engine"
)

const version = "0.1.0"

const usage = `Usage: jsroute <command> [dir] [options]

Commands:
  dev [dir]     serve the app in development mode: reload on every change
  build [dir]   bundle the app and prerender its static routes into .jsroute/
                (--out <dir>), which start then serves without bundling
  start [dir]   serve the app in production mode (from .jsroute/ when it is up
                to date: a stale one is named and the app bundled in memory)
  routes [dir]  list the routes: pattern, methods, segment config, file
                (--json: as a JSON array)

dir is the app folder or a project root holding app/ or src/app/ (default ".").

Options:
  -p, --port <port>          port to listen on (default $PORT or 3000)
  -H, --hostname <hostname>  hostname to listen on (default localhost)
      --workers <n>          JS runtimes (default: number of CPUs; 1 in dev)
      --max-duration <s>     time limit of a request in seconds, unless the route
                             exports maxDuration (default 60 in start, 0 = none in
                             dev); past it: 504, and a handler stuck in JS is stopped
      --max-body-size <n>    largest request body in bytes (k, m, g suffixes;
                             default 10m; 0: no limit); past it: 413
      --max-memory <n>       memory budget of the Go heap (k, m, g; default 1g; 0:
                             none); past it the requests running JS are stopped (500)
                             and their runtimes rebuilt
      --read-header-timeout <s>  time to read a request's headers (default 10)
      --body-timeout <s>     longest pause while reading a request body (default 30)
      --idle-timeout <s>     how long an idle keep-alive connection stays open
                             (default 120)
      --env-allow <names>    real environment variables handlers may read in
                             process.env, comma-separated, NAME or PREFIX_* (default:
                             all); .env files are always loaded
      --fetch-allow <hosts>  hosts fetch() may reach, comma-separated: host,
                             host:port or *.domain (default: any)
      --dial-allow <addrs>   where node:net/node:tls sockets (database drivers) may
                             connect, comma-separated: host, host:port, *.domain or
                             unix:/path (default: anywhere); others: ECONNREFUSED
      --cache-dir <dir>      keep the cache (prerendered answers, fetch data, tags) in
                             a folder, so a restart finds it (default: in memory)
      --cache-url <url>      share the cache through Redis (redis:// or rediss://;
                             default $JSROUTE_CACHE_URL): every instance on it sees
                             the others' entries and revalidations
      --grace <s>            on SIGTERM/SIGINT, how long requests in flight may
                             finish (default 10); then running handlers are stopped
      --metrics-addr <addr>  serve Prometheus metrics at /metrics, and /healthz and
                             /readyz probes, on this address (host:port; default: off)
      --log-format <f>       text (default) or json: one JSON object per log line
      --verbose              log more: each reload's timing and changed files, and
                             the notes every reload repeats
      --json                 routes: print JSON
      --out <dir>            build: where to write the build (default .jsroute in
                             the project root); start: where to read it
      --no-artifact          start: bundle in memory even when .jsroute/ is fresh
      --no-accelerate        run bcryptjs as its JavaScript instead of jsroute's Go
                             implementation (the start-up log names such packages)
  -h, --help                 show this help
  -v, --version              show the version

SIGHUP reloads the app (start and dev) without dropping a request.
`

// config is what the command line asks for.
type config struct {
	command     string
	dir         string
	port        int
	host        string
	workers     int
	maxDuration time.Duration
	maxBody     int64
	maxMemory   int64
	grace       time.Duration
	cacheDir    string
	cacheURL    string
	// Server time-outs (see timeouts.go).
	readHeaderTimeout, bodyTimeout, idleTimeout time.Duration
	envAllow, fetchAllow, dialAllow             []string
	metricsAddr                                 string
	logFormat                                   string // "text" or "json"
	verbose                                     bool   // --verbose: Debug records too
	json                                        bool   // routes --json
	// noAccelerate is --no-accelerate (engine.Options.NoAccelerate).
	noAccelerate bool
	// artifact is --out (build.go); noArtifact is --no-artifact.
	artifact   string
	noArtifact bool
}

// Defaults of the limits, documented in usage and in the README's Security section.
const (
	defaultMaxDuration       = 60 * time.Second
	defaultMaxBody           = 10 << 20
	defaultMaxMemory         = 1 << 30
	defaultReadHeaderTimeout = 10 * time.Second
	defaultBodyTimeout       = 30 * time.Second
	defaultIdleTimeout       = 120 * time.Second
)

// parseArgs reads `jsroute <command> [dir] [flags]`, flags before or after dir, as `next` does.
func parseArgs(args []string) (config, error) {
	c := config{logFormat: "text", dir: ".", port: 3000, host: "localhost", grace: 10 * time.Second, maxDuration: -1,
		maxBody: defaultMaxBody, maxMemory: defaultMaxMemory, readHeaderTimeout: defaultReadHeaderTimeout,
		bodyTimeout: defaultBodyTimeout, idleTimeout: defaultIdleTimeout, cacheURL: os.Getenv("JSROUTE_CACHE_URL")}
	if p := os.Getenv("PORT"); p != "" {
		if n, err := strconv.Atoi(p); err == nil {
			c.port = n
		}
	}
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(a, "=")
		takeValue := func() (string, error) {
			if hasValue {
				return value, nil
			}
			if i+1 >= len(args) {
				return "", fmt.Errorf("option %s needs a value", name)
			}
			i++
			return args[i], nil
		}
		switch name {
		case "-h", "--help":
			return config{command: "help"}, nil
		case "-v", "--version":
			return config{command: "version"}, nil
		case "-p", "--port":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 65535 {
				return c, fmt.Errorf("invalid port %q", v)
			}
			c.port = n
		case "-H", "--hostname":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			c.host = v
		case "--workers":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				return c, fmt.Errorf("invalid worker count %q", v)
			}
			c.workers = n
		case "--max-duration", "--grace", "--read-header-timeout", "--body-timeout", "--idle-timeout":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f < 0 {
				return c, fmt.Errorf("invalid %s %q: want seconds", name, v)
			}
			d := time.Duration(f * float64(time.Second))
			switch name {
			case "--grace":
				c.grace = d
			case "--max-duration":
				c.maxDuration = d
			case "--read-header-timeout":
				c.readHeaderTimeout = d
			case "--body-timeout":
				c.bodyTimeout = d
			case "--idle-timeout":
				c.idleTimeout = d
			}
		case "--json":
			c.json = true
		case "--verbose":
			c.verbose = true
		case "--metrics-addr":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			c.metricsAddr = v
		case "--log-format":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			if v != "text" && v != "json" {
				return c, fmt.Errorf("invalid --log-format %q: want text or json", v)
			}
			c.logFormat = v
		case "--cache-dir", "--cache-url":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			if name == "--cache-dir" {
				c.cacheDir = v
			} else {
				c.cacheURL = v
			}
		case "--max-body-size", "--max-memory":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			n, err := parseSize(v)
			if err != nil {
				return c, err
			}
			if name == "--max-memory" {
				c.maxMemory = n
			} else {
				c.maxBody = n
			}
		case "--no-accelerate":
			c.noAccelerate = true
		case "--no-artifact":
			c.noArtifact = true
		case "--out":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			c.artifact = v
		case "--env-allow", "--fetch-allow", "--dial-allow":
			v, err := takeValue()
			if err != nil {
				return c, err
			}
			list := &c.envAllow
			switch name {
			case "--fetch-allow":
				list = &c.fetchAllow
			case "--dial-allow":
				list = &c.dialAllow
			}
			if *list == nil {
				*list = []string{}
			}
			for _, item := range strings.Split(v, ",") {
				if item = strings.TrimSpace(item); item != "" {
					*list = append(*list, item)
				}
			}
		default:
			if strings.HasPrefix(a, "-") && a != "-" {
				return c, fmt.Errorf("unknown option %s", a)
			}
			positional = append(positional, a)
		}
	}
	if len(positional) == 0 {
		return c, errors.New("missing command: dev, build, start or routes")
	}
	c.command = positional[0]
	if c.command != "dev" && c.command != "start" && c.command != "routes" && c.command != "build" {
		return c, fmt.Errorf("unknown command %q: expected dev, build, start or routes", c.command)
	}
	if err := checkBuildFlags(c); err != nil {
		return c, err
	}
	switch {
	case c.json && c.command != "routes":
		return c, fmt.Errorf("--json is an option of routes, not of %s", c.command)
	case c.metricsAddr != "" && c.command == "routes":
		return c, errors.New("--metrics-addr is an option of start and dev, not of routes")
	}
	if c.maxDuration < 0 {
		// start gets a time limit, so a runaway handler never pins a worker for ever; dev,
		// where a handler is being written, none.
		c.maxDuration = 0
		if c.command == "start" {
			c.maxDuration = defaultMaxDuration
		}
	}
	switch len(positional) {
	case 1:
	case 2:
		c.dir = positional[1]
	default:
		return c, fmt.Errorf("too many arguments: %s", strings.Join(positional[2:], " "))
	}
	return c, nil
}

// parseSize reads a byte count with an optional k/m/g suffix (powers of 1024).
func parseSize(v string) (int64, error) {
	if v == "" {
		return 0, fmt.Errorf("invalid size %q", v)
	}
	mult := int64(1)
	switch strings.ToLower(v[len(v)-1:]) {
	case "k":
		mult = 1 << 10
	case "m":
		mult = 1 << 20
	case "g":
		mult = 1 << 30
	}
	if mult > 1 {
		v = v[:len(v)-1]
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("invalid size %q", v)
	}
	return n * mult, nil
}

// tuneGC paces the collector for a server whose live heap is small (two runtimes and the
// bundle: a few MB) but whose requests allocate a lot: at the default GOGC a collection starts
// every few MB, every few hundred requests. GOGC=400 measured 10–25 % more throughput for
// 34 → 49 MB of RSS under load. GOGC in the environment wins.
//
// With that headroom a burst (10,000 open streams) could let the heap grow far past what it
// needs, so a soft memory limit (768 MiB, or GOMEMLIMIT) makes the collector work harder as
// the process nears it.
//
// A memory budget (--max-memory) replaces that soft limit with one and a half budgets: the
// collector works hard only well past the budget. (A soft limit below the live heap makes the
// collector run constantly: 3,000,000 nested arrays took 37 s to parse under 768 MiB. With the
// soft limit at the budget itself, the heap of an allocation loop crept towards the budget for
// seconds with the collector running all the time, which stalled every other request; the
// hardening soak lost normal requests to it. At a quarter above, an array that grows still
// crept for 10 s in the soak before its live heap passed the budget. The watcher tells garbage from growth itself:
// engine/memory.go.)
func tuneGC(maxMemory int64) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := int64(768 << 20)
		if maxMemory > 0 {
			limit = maxMemory + maxMemory/2
		}
		debug.SetMemoryLimit(limit)
	}
}

// run is the whole command; main only exits with its code.
func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "jsroute: %v\n\n%s", err, usage)
		return 2
	}
	switch c.command {
	case "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version":
		fmt.Fprintf(stdout, "jsroute %s\n", buildVersion())
		return 0
	case "routes":
		return listRoutes(c, stdout, stderr)
	case "build":
		return buildCommand(c, stdout, stderr)
	}
	tuneGC(c.maxMemory)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, c, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, c config, stdout, stderr io.Writer) error {
	began := time.Now()
	dev := c.command == "dev"
	reqlog := newLineBuffer(stdout)
	defer reqlog.Close()
	log := serveLogger(c, reqlog, stderr) // logtint.go
	var m *metrics
	var observer engine.Observer
	var metricsAt net.Addr
	if c.metricsAddr != "" {
		m = newMetrics()
		observer = m
		mln, msrv, err := m.listen(c.metricsAddr)
		if err != nil {
			return fmt.Errorf("jsroute: --metrics-addr: %w", err)
		}
		defer msrv.Close()
		metricsAt = mln.Addr()
	}
	store, err := cacheStore(c, log)
	if err != nil {
		return err
	}
	e, err := engine.New(engine.Options{Dir: c.dir, Dev: dev, Workers: workerCount(c), Logger: log, Hostname: c.host,
		MaxDuration: c.maxDuration, MaxBodySize: c.maxBody, MaxMemory: uint64(c.maxMemory),
		EnvAllow: c.envAllow, FetchHosts: c.fetchAllow, DialHosts: c.dialAllow, Cache: store, Observer: observer, NoAccelerate: c.noAccelerate,
		Artifact: startArtifact(c), OnReload: func(ev engine.ReloadEvent) {
			reqlog.Flush()
			reportReload(reloadLog{stdout: stdout, stderr: stderr, log: log, json: c.logFormat == "json", verbose: c.verbose,
				color: c.logFormat == "text" && isTerminal(stderr) && wantsColor()}, ev)
		}})
	if err != nil {
		return err
	}
	defer e.Close()
	reqlog.Flush() // the load's lines (the build served, stand-ins, ...) before the banner
	ln, err := net.Listen("tcp", net.JoinHostPort(c.host, strconv.Itoa(c.port)))
	if err != nil {
		return fmt.Errorf("jsroute: %w", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	local := "http://" + net.JoinHostPort(c.host, strconv.Itoa(port))
	jsonLog := c.logFormat == "json"
	if jsonLog {
		// Every line a JSON object: the banner is one record, the route table is `jsroute routes`.
		for _, p := range e.Problems() {
			log.Error(p)
		}
		attrs := []any{"version", buildVersion(), "mode", c.command, "url", local, "routes", len(e.Routes())}
		if metricsAt != nil {
			attrs = append(attrs, "metrics", "http://"+metricsAt.String()+"/metrics")
		}
		log.Info(fmt.Sprintf("✓ Ready in %s", time.Since(began).Round(time.Millisecond)), attrs...)
	} else {
		fmt.Fprintf(stdout, "▲ jsroute %s (%s)\n- Local: %s\n", buildVersion(), c.command, local)
		if metricsAt != nil {
			fmt.Fprintf(stdout, "- Metrics: http://%s/metrics\n", metricsAt)
		}
		if n := workerCount(c); n > 1 {
			// Each worker is its own JS runtime, as each `next start` process behind a balancer is.
			fmt.Fprintf(stdout, "- Workers: %d (module state is per worker: a module-level variable exists %d times; keep shared\n"+
				"  state in the cache, a database or Redis, or run --workers 1)\n", n, n)
		}
		printRoutes(stdout, e.Routes())
		for _, p := range e.Problems() {
			fmt.Fprintf(stderr, "%s\n", p)
		}
		fmt.Fprintf(stdout, "✓ Ready in %s\n", time.Since(began).Round(time.Millisecond))
	}
	srv := newServer(e, c)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if m != nil {
		m.engine.Store(e)
		m.state.Store(stateReady)
	}
	stopHUP := reloadOnHUP(e, reqlog, stdout, stderr, m, log, jsonLog)
	defer stopHUP()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if m != nil {
		m.state.Store(stateStopping)
	}
	// Stop accepting, let requests in flight finish within the grace period, then exit 0.
	reqlog.Flush()
	if jsonLog {
		log.Info("jsroute: shutting down", "grace", c.grace.String())
	} else {
		fmt.Fprintf(stdout, "jsroute: shutting down (up to %s for requests in flight)\n", c.grace)
	}
	shutdown, cancel := context.WithTimeout(context.Background(), c.grace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		srv.Close()
		log.Error(fmt.Sprintf("jsroute: %v: requests still in flight were cut", err))
	}
	return nil
}

// cacheStore is the store --cache-url or --cache-dir ask for; nil means the engine's in-memory one.
func cacheStore(c config, log *slog.Logger) (cache.Store, error) {
	switch {
	case c.cacheURL != "" && c.cacheDir != "":
		return nil, errors.New("jsroute: --cache-url and --cache-dir exclude each other")
	case c.cacheURL != "":
		return cache.NewRedis(c.cacheURL, "", log)
	case c.cacheDir != "":
		return cache.NewDisk(c.cacheDir, log)
	}
	return nil, nil
}

// workerCount is the number of JS runtimes the engine starts: --workers, else one in dev, as `next dev`
// is one process (module state exists once, and a reload boots one runtime: the app's packages and module
// bodies run once per runtime), else engine.Options.Workers' default, one per CPU.
func workerCount(c config) int {
	if c.workers > 0 {
		return c.workers
	}
	if c.command == "dev" {
		return 1
	}
	return runtime.NumCPU()
}

func printRoutes(w io.Writer, routes []engine.RouteInfo) {
	sort.Slice(routes, func(i, j int) bool { return routes[i].Pattern < routes[j].Pattern })
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\nRoute\tMethods\tFile")
	for _, r := range routes {
		ms := strings.Join(r.Methods, ", ")
		if ms == "" {
			ms = "-"
		}
		fmt.Fprintf(tw, "ƒ %s\t%s\t%s\n", r.Pattern, ms, r.File)
	}
	tw.Flush()
	fmt.Fprintln(w)
}
