// Command benchserve serves an app with the engine, as `jsroute start` does, plus a second,
// debug listener that run.sh's soak and profile modes read:
//
//	GET /debug/stats          {"goroutines":..,"heap_alloc":..,"heap_objects":..,"open_fds":..,"rss_kb":..}
//	                          (?gc=1 collects garbage and returns free pages to the OS first, so
//	                          heap and RSS show live data, not what the scavenger has yet to return)
//	GET /debug/pprof/...      net/http/pprof (CPU profile of the engine under real HTTP load)
//
// The CLI has no such endpoint; this program is what one would show. The request log is formatted
// as usual and discarded (slog text handler to io.Discard).
//
// It prints "listening http://ADDR debug http://DEBUGADDR" once both accept connections.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jsroute/jsroute/engine"
)

func main() {
	dir := flag.String("dir", ".", "the app")
	addr := flag.String("addr", "127.0.0.1:0", "address to serve the app on")
	debugAddr := flag.String("debug", "127.0.0.1:0", "address of the debug listener")
	workers := flag.Int("workers", 0, "JS runtimes (0: number of CPUs)")
	flag.Parse()

	e, err := engine.New(engine.Options{
		Dir:     *dir,
		Workers: *workers,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	dln, err := net.Listen("tcp", *debugAddr)
	if err != nil {
		log.Fatal(err)
	}
	dbg := http.NewServeMux()
	dbg.HandleFunc("/debug/pprof/", pprof.Index)
	dbg.HandleFunc("/debug/pprof/profile", pprof.Profile)
	dbg.HandleFunc("/debug/stats", stats)
	go http.Serve(dln, dbg)
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 30 * time.Second}
	go srv.Serve(ln)
	fmt.Printf("listening http://%s debug http://%s\n", ln.Addr(), dln.Addr())

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	srv.Close()
}

// stats reports what a leak shows in: goroutines, live heap, open files, resident memory.
func stats(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("gc") == "1" {
		// Objects with finalizers or cleanups (net/http connections, goja's) take a second
		// cycle; one collection showed 24 MB where the next showed 5.
		runtime.GC()
		runtime.GC()
		debug.FreeOSMemory() // and give the freed pages back to the OS
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fds, _ := os.ReadDir("/proc/self/fd")
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"goroutines":   runtime.NumGoroutine(),
		"heap_alloc":   m.HeapAlloc,
		"heap_objects": m.HeapObjects,
		"heap_sys":     m.HeapSys,
		"open_fds":     len(fds),
		"rss_kb":       statusKB("VmRSS"),
	})
}

// statusKB reads one "Name: N kB" line of /proc/self/status.
func statusKB(name string) int {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}
