package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The example is a real program: built into a temp dir, started on a free port, asked over
// HTTP. The binary runs from a folder without app/, so the routes come from the embed.
func TestEmbedProgram(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0")
	cmd.Dir = t.TempDir()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := false
	defer func() {
		if !exited {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	out := bufio.NewReader(stdout)
	line, err := out.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the address: %v", err)
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
	for _, tt := range []struct {
		path string
		code int
		want string
	}{
		{"/api/hello?name=gopher", 200, `{"message":"Hello, gopher, from Go!","runtime":"nodejs"}`},
		{"/api/time", 200, `{"startedAt":"`},
		{"/nowhere", 404, "not here: /nowhere"},
	} {
		res, err := http.Get(base + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.code || !strings.HasPrefix(string(body), tt.want) {
			t.Errorf("GET %s = %d %q, want %d %q", tt.path, res.StatusCode, body, tt.code, tt.want)
		}
	}
	// SIGTERM: the server shuts down, closes the engine and exits 0.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(out)
	err = cmd.Wait()
	exited = true
	if err != nil || strings.TrimSpace(string(rest)) != "stopped" {
		t.Errorf("after SIGTERM: %v, output %q", err, rest)
	}
}
