package main

import (
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jsroute/jsroute/engine"
)

// The states /readyz reports.
const (
	stateLoading int32 = iota
	stateReady
	stateStopping
)

// unmatched is the route label of a request no route answered (404, redirects): the URL itself
// is never a label, so a scan of random paths cannot grow the series without bound.
const unmatched = "(none)"

// metrics is what --metrics-addr serves: Prometheus metrics of the engine (it is the engine's
// Observer) and of the Go runtime, /healthz and /readyz.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	timeouts *prometheus.CounterVec
	rebuilds prometheus.Counter
	cache    *prometheus.CounterVec
	reloads  *prometheus.CounterVec
	state    atomic.Int32
	engine   atomic.Pointer[engine.Engine]
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "jsroute_requests_total",
		Help: "Requests answered, by route pattern (" + unmatched + " when no route matched), method and status.",
	}, []string{"route", "method", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "jsroute_request_duration_seconds",
		Help:    "Time from a request's arrival to the end of its answer (a streamed answer included), by route pattern and method.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
	}, []string{"route", "method"})
	m.timeouts = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "jsroute_timeouts_total",
		Help: "Requests that ran past their time limit (answered 504), by route pattern.",
	}, []string{"route"})
	m.rebuilds = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "jsroute_runtime_rebuilds_total",
		Help: "JS runtimes rebuilt: after a Go panic, a handler stopped in a runtime that used WebAssembly, or memory held between requests past the budget.",
	})
	m.cache = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "jsroute_cache_requests_total",
		Help: "Answers of prerendered routes by cache state (x-nextjs-cache): HIT, STALE or MISS.",
	}, []string{"state"})
	m.reloads = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "jsroute_reloads_total",
		Help: "Reloads of the app (SIGHUP), by result: ok or failed.",
	}, []string{"result"})
	for _, s := range []string{"HIT", "STALE", "MISS"} {
		m.cache.WithLabelValues(s) // present at 0 before the first one
	}
	m.reg.MustRegister(m.requests, m.latency, m.timeouts, m.rebuilds, m.cache, m.reloads, workerCollector{m},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Served implements engine.Observer.
func (m *metrics) Served(route, method string, status int, cacheState string, d time.Duration) {
	if route == "" {
		route = unmatched
	}
	m.requests.WithLabelValues(route, method, statusText(status)).Inc()
	m.latency.WithLabelValues(route, method).Observe(d.Seconds())
	if cacheState != "" {
		m.cache.WithLabelValues(cacheState).Inc()
	}
}

// TimedOut implements engine.Observer.
func (m *metrics) TimedOut(route string) { m.timeouts.WithLabelValues(route).Inc() }

// Rebuilt implements engine.Observer.
func (m *metrics) Rebuilt(int) { m.rebuilds.Inc() }

// statusText is the status label; the usual ones without an allocation.
func statusText(s int) string {
	switch s {
	case 200:
		return "200"
	case 404:
		return "404"
	}
	return strconv.Itoa(s)
}

// workerCollector reports each worker's requests in flight and jobs queued when scraped: nothing
// is counted on the request path for them.
type workerCollector struct{ m *metrics }

var (
	inFlightDesc = prometheus.NewDesc("jsroute_worker_in_flight", "Requests a worker has been given and not finished (running or waiting for it).", []string{"worker"}, nil)
	queuedDesc   = prometheus.NewDesc("jsroute_worker_queued", "Jobs (requests to start, timers, I/O completions) waiting on a worker's event loop.", []string{"worker"}, nil)
)

func (c workerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- inFlightDesc
	ch <- queuedDesc
}

func (c workerCollector) Collect(ch chan<- prometheus.Metric) {
	e := c.m.engine.Load()
	if e == nil {
		return
	}
	for _, w := range e.WorkerStats() {
		id := strconv.Itoa(w.ID)
		ch <- prometheus.MustNewConstMetric(inFlightDesc, prometheus.GaugeValue, float64(w.InFlight), id)
		ch <- prometheus.MustNewConstMetric(queuedDesc, prometheus.GaugeValue, float64(w.Queued), id)
	}
}

// handler serves /metrics, /healthz (200 while the process serves) and /readyz (200 once the app
// is loaded and prerendered, 503 before and while shutting down), the probes Kubernetes expects.
func (m *metrics) handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		switch m.state.Load() {
		case stateReady:
			w.Write([]byte("ready\n"))
		case stateLoading:
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("loading\n"))
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("shutting down\n"))
		}
	})
	return mux
}

// serveMetrics listens on addr at once (so /readyz answers 503 while the app loads) and serves
// the metrics handler until the process ends.
func (m *metrics) listen(addr string) (net.Listener, *http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, err
	}
	srv := &http.Server{Handler: m.handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return ln, srv, nil
}
