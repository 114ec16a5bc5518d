package engine_test

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/jsroute/jsroute/engine"
)

// An Engine is an http.Handler: mount it in any Go server. Environ chooses what the handlers
// see in process.env; HTTPClient (not set here) routes their fetch calls.
func ExampleNew() {
	e, err := engine.New(engine.Options{
		Dir:     "testdata/hello",
		Environ: []string{"GREETING_KEY=42"},
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()

	srv := httptest.NewServer(e)
	defer srv.Close()

	res, err := http.Get(srv.URL + "/api/hello?name=gopher")
	if err != nil {
		log.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.StatusCode, res.Header.Get("Content-Type"))
	fmt.Println(string(body))
	// Output:
	// 200 application/json
	// {"hello":"gopher","key":"42"}
}
