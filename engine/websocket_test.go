package engine_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/coder/websocket"

	"github.com/jsroute/jsroute/engine"
)

// A route handler talks to a real WebSocket server through the WebSocket global (Next's own
// route-handler fixture refuses to answer when the global is missing).
func TestRouteUsesWebSocket(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := websocket.Accept(w, r, nil)
		if err != nil {
			return
		}
		defer c.CloseNow()
		for {
			_, data, err := c.Read(context.Background())
			if err != nil {
				return
			}
			c.Write(context.Background(), websocket.MessageText, []byte(strings.ToUpper(string(data))))
		}
	}))
	defer upstream.Close()
	route, err := os.ReadFile("testdata/websocket/route.ts")
	if err != nil {
		t.Fatal(err)
	}
	root := writeApp(t, map[string]string{"app/ws/route.ts": string(route)})
	srv, _ := serve(t, engine.Options{Dir: root})
	target := "ws" + strings.TrimPrefix(upstream.URL, "http")
	status, _, body := get(t, srv.URL+"/ws?to="+url.QueryEscape(target))
	if status != 200 || body != `{"reply":"PING","type":"function"}` {
		t.Errorf("GET /ws = %d %s", status, body)
	}
}
