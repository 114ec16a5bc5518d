// Command embed is a Go server that carries its Next.js route handlers inside its binary:
// `//go:embed app` holds app/, engine.Options.FS serves it, and the routes call Go through
// 'jsroute:host'. Build it anywhere, copy the one file, run it:
//
//	go build -o server ./examples/embed && ./server -addr :8080
//	curl 'localhost:8080/api/hello?name=gopher'
//
// Paths no route matches are answered by Go (Options.NotFound). The program prints
// "listening on http://<addr>" once it serves, and on SIGINT or SIGTERM finishes the requests in
// flight and closes the engine, which removes its copy of the embedded files.
package main

import (
	"context"
	"embed"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/jsroute/jsroute/engine"
)

//go:embed app
var app embed.FS

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()

	started := time.Now().UTC().Format(time.RFC3339)
	e, err := engine.New(engine.Options{
		FS: app, // holds app/: the project root
		Bindings: map[string]any{
			"greet": func(ctx context.Context, name string) (string, error) {
				return "Hello, " + name + ", from Go!", ctx.Err()
			},
			"startedAt": started,
		},
		NotFound: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "not here: "+r.URL.Path, http.StatusNotFound)
		}),
	})
	if err != nil {
		log.Fatal(err)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		e.Close()
		log.Fatal(err)
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	fmt.Printf("listening on http://%s\n", ln.Addr())
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		log.Print(err)
	}
	e.Close()
	fmt.Println("stopped")
}
