package engine_test

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// Options.DialHosts and Options.Dial: every node:net connection passes the embedder's policy; a
// refused one is Node's ECONNREFUSED in the handler and a warning in the log.
func TestDialPolicy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("hi"))
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	dir := writeApp(t, map[string]string{
		"app/route.ts": `import net from 'node:net';
export async function GET() {
  const s = net.connect(` + port + `, '127.0.0.1');
  const out = await new Promise<string>((resolve) => {
    let data = '';
    s.on('data', (b) => { data += b; });
    s.on('end', () => resolve('read ' + data));
    s.on('error', (e: any) => resolve(e.code + ' ' + e.message));
  });
  return new Response(out);
}`,
	})
	var dialled []string
	for _, tt := range []struct {
		name string
		opts engine.Options
		want string
		log  string
	}{
		{"default", engine.Options{Dir: dir}, "read hi", ""},
		{"allowed", engine.Options{Dir: dir, DialHosts: []string{"127.0.0.1:" + port}}, "read hi", ""},
		{"denied", engine.Options{Dir: dir, DialHosts: []string{"db.internal"}}, "ECONNREFUSED connect ECONNREFUSED 127.0.0.1:" + port, "not allowed (--dial-allow, Options.DialHosts)"},
		{"custom", engine.Options{Dir: dir, Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			dialled = append(dialled, network+" "+addr)
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		}}, "read hi", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, logs := serve(t, tt.opts)
			if _, _, got := get(t, srv.URL+"/"); strings.TrimSpace(got) != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.log != "" && !strings.Contains(logs.String(), tt.log) {
				t.Errorf("log lacks %q:\n%s", tt.log, logs.String())
			}
		})
	}
	if strings.Join(dialled, ",") != "tcp 127.0.0.1:"+port {
		t.Errorf("Options.Dial saw %v", dialled)
	}
}
