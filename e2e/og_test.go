package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestOgSameBytesAsNextWithoutSharp: fixtures/og-app's images are, byte for byte, what `next start` answers
// when sharp is not installed and @vercel/og rasterises with its resvg WebAssembly, as jsroute does
// (testdata/og-resvg, recorded by fixtures/og-app/record-resvg.sh). With sharp — npm installs it along with
// next — Next's PNGs differ in anti-aliasing only: TestNextParity/og-app compares those by pixels.
func TestOgSameBytesAsNextWithoutSharp(t *testing.T) {
	npmSetup(t, "og-app")
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/og-app")
	client := newClient(nil)
	n := 0
	for _, c := range loadCases(t, "og-app") {
		if !c.Image {
			continue
		}
		n++
		t.Run(c.Name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", "og-resvg", c.Name+".png"))
			if err != nil {
				t.Fatalf("%v: run fixtures/og-app/record-resvg.sh", err)
			}
			got, err := replay(client, p.base(), c)
			if err != nil {
				t.Fatalf("%s %s: %v", c.Method, c.Path, err)
			}
			if got.resp.StatusCode != 200 || !bytes.Equal(got.body, want) {
				t.Errorf("%s: %d, %d bytes; next start without sharp sent %d bytes", c.Path, got.resp.StatusCode, len(got.body), len(want))
			}
		})
	}
	if n == 0 {
		t.Fatal("no image cases in e2e/cases/og-app.json")
	}
}
