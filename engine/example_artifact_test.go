package engine_test

import (
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"path/filepath"

	"github.com/jsroute/jsroute/engine"
)

// Build once, serve many times: Build writes the app's bundle, its prerendered answers and the
// hashes of its inputs to .jsroute/ in the project root (what `jsroute build` does), and New with
// Artifact serves that build without running esbuild, as long as no input changed since.
func ExampleBuild() {
	project, err := os.MkdirTemp("", "jsroute-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(project)
	if err := os.CopyFS(project, os.DirFS("testdata/hello")); err != nil {
		log.Fatal(err)
	}

	res, err := engine.Build(engine.Options{Dir: project, Logger: quiet}, "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(filepath.Base(res.Dir), len(res.Routes), "route")

	e, err := engine.New(engine.Options{Dir: project, Artifact: ".jsroute", Logger: quiet})
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
	srv := httptest.NewServer(e)
	defer srv.Close()
	show(srv.URL + "/api/hello?name=artifact")
	// Output:
	// .jsroute 1 route
	// 200 {"hello":"artifact"}
}
