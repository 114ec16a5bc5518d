package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	tmpRoot   string // removed by TestMain
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "jsroute-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmpRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot is the module root, where `fixtures/<app>` paths are relative to.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// jsrouteBinary builds ./cmd/jsroute once per test run.
func jsrouteBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("starts the jsroute binary; skipped in -short")
	}
	buildOnce.Do(func() {
		if bin := os.Getenv("JSROUTE_E2E_BIN"); bin != "" {
			// Another build of jsroute, e.g. an older commit's, to compare figures under the same conditions.
			binPath = bin
			return
		}
		binPath = filepath.Join(tmpRoot, "jsroute")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/jsroute")
		cmd.Dir = repoRoot(t)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./cmd/jsroute: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// lockedBuffer collects a process's stdout and stderr together.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// jsrouteProcess is a running `jsroute start|dev`.
type jsrouteProcess struct {
	cmd    *exec.Cmd
	output *lockedBuffer
	exited chan struct{}
	addr   string // 127.0.0.1:PORT
}

// logged reports whether the output contains want, waiting up to 5 s for it: a line about a
// request is written by the server a moment after its answer reaches the client.
func (p *jsrouteProcess) logged(want string) bool {
	return eventually(5*time.Second, func() bool { return strings.Contains(p.output.String(), want) })
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startJsroute runs the binary from the repo root with args, in which "PORT" is replaced by a free port, waits
// until that port accepts connections, and stops the process (SIGINT, then kill) when the test ends.
func startJsroute(t *testing.T, args ...string) *jsrouteProcess {
	t.Helper()
	bin := jsrouteBinary(t)
	port := strconv.Itoa(freePort(t))
	for i, a := range args {
		if a == "PORT" {
			args[i] = port
		}
	}
	p := &jsrouteProcess{output: &lockedBuffer{}, exited: make(chan struct{}), addr: "127.0.0.1:" + port}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Dir = repoRoot(t)
	p.cmd.Stdout = p.output
	p.cmd.Stderr = p.output
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { p.stop(t) })

	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", p.addr, 200*time.Millisecond)
		// The port listens before the banner's route table is printed: wait for "Ready" too,
		// so tests that read the banner see all of it (issue 11).
		if err == nil {
			conn.Close()
			if strings.Contains(p.output.String(), "✓ Ready in") {
				return p
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("jsroute %v exited before serving (%v):\n%s", args, p.cmd.ProcessState, p.output)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("jsroute %v did not listen on %s within 30s:\n%s", args, p.addr, p.output)
		}
	}
}

func (p *jsrouteProcess) stop(t *testing.T) {
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.exited:
	case <-time.After(15 * time.Second):
		t.Errorf("jsroute did not stop within 15s of SIGINT; killing it")
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
	if t.Failed() {
		t.Logf("jsroute output:\n%s", p.output)
	}
}

func (p *jsrouteProcess) base() string { return "http://" + p.addr }

// runJsroute runs the binary to completion (for commands that must fail) within a minute.
func runJsroute(t *testing.T, args ...string) (output string, err error) {
	t.Helper()
	bin := jsrouteBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = repoRoot(t)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatalf("jsroute %v still running after a minute:\n%s", args, out)
	}
	return string(out), err
}
