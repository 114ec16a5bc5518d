// Command baseline is the ratio denominator of the load benchmarks (e2e/bench/run.sh): a bare
// net/http server answering the five measured routes of e2e/bench/app natively, with the same
// bodies and content types jsroute sends.
//
//	GET  /hello          hello (text/plain;charset=UTF-8)
//	POST /echo           the JSON body parsed and serialised again (application/json)
//	GET  /items/{slug}   {"slug":"<slug>"} (application/json)
//	GET  /stream         <p>One</p>, 200 ms, <p>Two</p>, 200 ms, <p>Three</p>, flushed per chunk
//	GET  /cached         hello with the headers of jsroute's full-route cache hit (issue 9's
//	                     "a memory hit at ≥ 0.8× bare net/http writing the same bytes")
//
// It prints "listening http://ADDR" once it accepts connections.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("listening http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, newMux()))
}

func newMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hello", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
		w.Write([]byte("hello"))
	})
	mux.HandleFunc("GET /cached", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Cache-Control", "s-maxage=31536000")
		h.Set("Content-Type", "text/plain;charset=UTF-8")
		h.Set("Vary", "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding")
		h.Set("X-Nextjs-Cache", "HIT")
		w.Write([]byte("hello"))
	})
	// The JSON is decoded and encoded again, as Response.json(await request.json()) does.
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		var v any
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(v)
	})
	mux.HandleFunc("GET /items/{slug}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]string{"slug": r.PathValue("slug")})
	})
	mux.HandleFunc("GET /stream", func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		for i, part := range []string{"<p>One</p>", "<p>Two</p>", "<p>Three</p>"} {
			if i > 0 {
				select {
				case <-time.After(200 * time.Millisecond):
				case <-r.Context().Done():
					return
				}
			}
			if _, err := w.Write([]byte(part)); err != nil {
				return
			}
			rc.Flush()
		}
	})
	return mux
}
