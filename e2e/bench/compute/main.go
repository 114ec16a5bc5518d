// Command compute is the compute benchmark corpus of issue 12: each workload of
// fixtures/npm-compute/lib/workloads.js (zod, marked, JSON, an integer loop, bcryptjs, crypto-js, jose,
// papaparse, lodash, a TextEncoder/Buffer byte loop) runs in jsroute (the engine in this process, one
// worker, behind real HTTP on loopback: GET /bench/<i>) and in Node 20 (node bench.mjs), in one run, and
// a Markdown table prints the milliseconds and the ratio per row: cold (the first run, no warm JIT) and
// warm (the best later run). bcryptjs runs twice in jsroute: accelerated (the Go implementation, the
// default) and as its JavaScript (engine.Options.NoAccelerate). A row whose checksum differs from Node's
// is marked ✗. Not part of `go test ./...`:
//
//	go run ./e2e/bench/compute [-runs 2] [-only substring]
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/jsroute/jsroute/engine"
)

type result struct {
	Name  string          `json:"name"`
	Check json.RawMessage `json:"check"`
	Ms    []float64       `json:"ms"`
}

func main() {
	runs := flag.Int("runs", 2, "runs per workload (the first is cold)")
	only := flag.String("only", "", "run only the workloads whose name contains this")
	flag.Parse()
	// The collector paced as `jsroute start` paces it (cmd/jsroute/cli.go tuneGC): GOGC=400 and a
	// 768 MiB soft limit, unless GOGC/GOMEMLIMIT are set. At Go's default (GOGC=100) the rows that
	// allocate most cost up to 1.5× the CPU (e2e/bench/README.md, "GC under compute load").
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
		os.Setenv("GOGC", "400") // for the CPU lines
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	_, file, _, _ := runtime.Caller(0)
	fixture := filepath.Join(filepath.Dir(file), "../../../fixtures/npm-compute")
	if out, err := exec.Command(filepath.Join(fixture, "setup.sh")).CombinedOutput(); err != nil {
		fail("setup.sh: %v\n%s", err, out)
	}

	node := map[string]result{}
	cmd := exec.Command("node", "bench.mjs", fmt.Sprint(*runs), *only)
	cmd.Dir = fixture
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		fail("node bench.mjs: %v", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r result
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			fail("node: %v: %s", err, sc.Text())
		}
		node[r.Name] = r
	}

	accel := start(fixture, false)
	plain := start(fixture, true)
	fmt.Printf("| work | Node 20 cold | jsroute cold | ratio | Node 20 warm | jsroute warm | ratio |\n|---|---:|---:|---:|---:|---:|---:|\n")
	for i, name := range names(accel) {
		n, ran := node[name]
		if !ran {
			continue // not selected by -only
		}
		before := sampleCPU()
		r, _ := fetch(accel, i, *runs)
		row(r.Name, n, r)
		sampleCPU().since(before, r.Name)
		if strings.HasPrefix(r.Name, "bcryptjs") {
			before := sampleCPU()
			if p, ok := fetch(plain, i, *runs); ok {
				row(r.Name+" (not accelerated)", n, p)
				sampleCPU().since(before, r.Name+" (not accelerated)")
			}
		}
	}
}

// cpuSample is this process's CPU time (the engine's work; Node runs in a child process) and the
// number of collections so far. (runtime/metrics' GC CPU estimate is not used: it counts wall
// time of the Ps, which on a loaded machine exceeds the CPU the process got.)
type cpuSample struct{ total, cycles float64 }

func sampleCPU() cpuSample {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	m := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(m)
	return cpuSample{
		total:  time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds(),
		cycles: float64(m[0].Value.Uint64()),
	}
}

// since prints, on stderr (the table stays on stdout), what the row cost the server process: a
// steadier figure than wall time on a shared machine, and the one GC settings move.
func (s cpuSample) since(before cpuSample, name string) {
	fmt.Fprintf(os.Stderr, "%s: jsroute CPU %.0f ms, %.0f collections (GOGC=%s)\n", name,
		(s.total-before.total)*1000, s.cycles-before.cycles, os.Getenv("GOGC"))
}

// names lists the workloads in the route's order (its 404 answer).
func names(base string) []string {
	resp, err := http.Get(base + "/bench/-1")
	if err != nil {
		fail("GET: %v", err)
	}
	defer resp.Body.Close()
	var out []string
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		fail("workload names: %v", err)
	}
	return out
}

func row(name string, n, j result) {
	mark := ""
	if !bytes.Equal(n.Check, j.Check) {
		mark = fmt.Sprintf(" ✗ (check %s, Node %s)", j.Check, n.Check)
	}
	nc, jc := n.Ms[0], j.Ms[0]
	nw, jw := best(n.Ms), best(j.Ms)
	fmt.Printf("| %s%s | %.0f ms | %.0f ms | %.1f× | %.0f ms | %.0f ms | %.1f× |\n", name, mark, nc, jc, jc/nc, nw, jw, jw/nw)
}

func best(ms []float64) float64 {
	if len(ms) == 1 {
		return ms[0]
	}
	return slices.Min(ms[1:])
}

func start(dir string, noAccelerate bool) string {
	e, err := engine.New(engine.Options{Dir: dir, Workers: 1, NoAccelerate: noAccelerate,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		fail("engine: %v", err)
	}
	return httptest.NewServer(e).URL
}

func fetch(base string, i, runs int) (result, bool) {
	resp, err := http.Get(fmt.Sprintf("%s/bench/%d?runs=%d", base, i, runs))
	if err != nil {
		fail("GET: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == 404 {
		return result{}, false
	}
	if resp.StatusCode != 200 {
		fail("GET /bench/%d: %d %s", i, resp.StatusCode, body)
	}
	var r result
	if err := json.Unmarshal(body, &r); err != nil {
		fail("GET /bench/%d: %v: %s", i, err, body)
	}
	return r, true
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "compute: "+format+"\n", args...)
	os.Exit(1)
}
