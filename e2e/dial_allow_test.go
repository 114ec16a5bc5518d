package e2e

import (
	"bufio"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// dialRoutes: GET /dial?port=N (or ?path=/unix/socket) opens a node:net socket, sends a line and
// answers what came back, or the error's code, syscall and message.
var dialRoutes = map[string]string{
	"app/health/route.ts": `export function GET() { return new Response('ok') }`,
	"app/dial/route.ts": `import net from 'node:net';
export async function GET(req: Request) {
  const q = new URL(req.url).searchParams;
  const s = q.get('path') ? net.connect(q.get('path')!) : net.connect(Number(q.get('port')), '127.0.0.1');
  const out = await new Promise<string>((resolve) => {
    s.on('connect', () => s.write('ping\n'));
    s.on('data', (b) => { resolve('read ' + String(b).trim()); s.end(); });
    s.on('error', (e: any) => resolve([e.code, e.syscall, e.message].join(' | ')));
  });
  return new Response(out);
}
`,
}

// lineEcho serves "pong <line>" per connection on ln, counting connections.
func lineEcho(ln net.Listener, accepted *atomic.Int32) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		accepted.Add(1)
		go func() {
			defer c.Close()
			line, _ := bufio.NewReader(c).ReadString('\n')
			fmt.Fprintf(c, "pong %s", line)
		}()
	}
}

// `jsroute start --dial-allow`: a TCP address and a Unix socket on the list connect; an address
// off it fails in the handler as Node's ECONNREFUSED, is logged naming the address, and never
// reaches the listener behind it.
func TestDialAllowFlag(t *testing.T) {
	listen := func(network, addr string) (net.Listener, *atomic.Int32) {
		ln, err := net.Listen(network, addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ln.Close() })
		n := new(atomic.Int32)
		go lineEcho(ln, n)
		return ln, n
	}
	allowed, allowedN := listen("tcp", "127.0.0.1:0")
	denied, deniedN := listen("tcp", "127.0.0.1:0")
	sock := filepath.Join(t.TempDir(), "db.sock")
	_, unixN := listen("unix", sock)
	otherSock := filepath.Join(filepath.Dir(sock), "other.sock")
	_, otherN := listen("unix", otherSock)
	port := func(ln net.Listener) int { return ln.Addr().(*net.TCPAddr).Port }

	dir := writeTree(t, dialRoutes)
	p := startJsroute(t, "start", dir, "-p", "PORT", "-H", "127.0.0.1",
		"--dial-allow", fmt.Sprintf("127.0.0.1:%d, unix:%s", port(allowed), sock))

	for _, tt := range []struct{ query, want string }{
		{fmt.Sprintf("port=%d", port(allowed)), "read pong ping"},
		{"path=" + sock, "read pong ping"},
		{fmt.Sprintf("port=%d", port(denied)), fmt.Sprintf("ECONNREFUSED | connect | connect ECONNREFUSED 127.0.0.1:%d", port(denied))},
		{"path=" + otherSock, "ECONNREFUSED | connect | connect ECONNREFUSED " + otherSock},
	} {
		st, body, err := get(p.base(), "/dial?"+tt.query, 10*time.Second)
		if st != 200 || body != tt.want {
			t.Errorf("/dial?%s: %d %q %v, want %q", tt.query, st, body, err, tt.want)
		}
	}
	if allowedN.Load() != 1 || unixN.Load() != 1 {
		t.Errorf("allowed listeners saw %d (tcp) and %d (unix) connections, want 1 each", allowedN.Load(), unixN.Load())
	}
	if deniedN.Load() != 0 || otherN.Load() != 0 {
		t.Errorf("denied listeners were reached: %d (tcp), %d (unix)", deniedN.Load(), otherN.Load())
	}
	// The refusal is logged as the handler sees its error, which can be a
	// moment after the answer reached us: wait for each line before failing.
	for _, want := range []string{
		"refused by --dial-allow",
		fmt.Sprintf("127.0.0.1:%d is not allowed (--dial-allow", port(denied)),
		otherSock + " is not allowed (--dial-allow",
	} {
		if !p.logged(want) {
			t.Errorf("log lacks %q:\n%s", want, p.output.String())
		}
	}
	out := p.output.String()
	if strings.Contains(out, fmt.Sprintf("127.0.0.1:%d is not allowed", port(allowed))) {
		t.Errorf("an allowed address was logged as refused:\n%s", out)
	}
	healthy(t, p)
}
