package e2e

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The npm-db fixture: real database drivers (pg, postgres, ioredis, redis, mysql2/promise) and HTTP
// SDKs (axios, node-fetch@2, stripe against startStripeStandIn), pinned by its
// package-lock.json, unchanged, over jsroute's node:net, against real PostgreSQL, Redis and
// MariaDB servers the test starts. The expectation of every case is Node 20 running the same code
// (fixtures/npm-db/run.mjs) against the same servers, live.
func TestNpmDB(t *testing.T) {
	npmSetup(t, "npm-db")
	certPEM, keyPEM := selfSignedCert(t, "127.0.0.1")
	env := map[string]string{
		"PG_URL":     startPostgres(t, withTLS(certPEM, keyPEM)),
		"PG_CA":      certPEM,
		"REDIS_URL":  startRedis(t),
		"MYSQL_URL":  startMariaDB(t),
		"HTTP_URL":   startEchoHTTP(t),
		"STRIPE_URL": startStripeStandIn(t),
	}
	env["PG_SOCKET_DIR"] = pgSocketDir
	fixture := filepath.Join(repoRoot(t), "fixtures", "npm-db")
	node := exec.Command("node", "run.mjs")
	node.Dir = fixture
	node.Env = os.Environ()
	for k, v := range env {
		node.Env = append(node.Env, k+"="+v)
		t.Setenv(k, v) // the jsroute process inherits them
	}
	node.Stderr = os.Stderr
	raw, err := node.Output()
	if err != nil {
		t.Fatalf("node run.mjs: %v", err)
	}
	var want map[string]any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatalf("node run.mjs: %v\n%s", err, raw)
	}
	names := make([]string, 0, len(want))
	for n, v := range want {
		if m, ok := v.(map[string]any); ok && m["thrown"] != nil {
			t.Fatalf("case %s fails under Node itself: %v", n, m["thrown"])
		}
		names = append(names, n)
	}
	sort.Strings(names)
	// The TLS cases must show TLS working under Node, not two equal failures.
	if tlsWant, _ := json.Marshal(want["pg_tls"]); !strings.Contains(string(tlsWant), `"ca":{"ssl":true`) ||
		!strings.Contains(string(tlsWant), `"noVerify":{"ssl":true`) || !strings.Contains(string(tlsWant), `DEPTH_ZERO_SELF_SIGNED_CERT`) ||
		!strings.Contains(string(tlsWant), `ERR_TLS_CERT_ALTNAME_INVALID`) {
		t.Fatalf("pg_tls under Node: %s", tlsWant)
	}
	if httpWant, _ := json.Marshal(want["node_http"]); !strings.Contains(string(httpWant), `"status":201`) || !strings.Contains(string(httpWant), `"status":302`) {
		t.Fatalf("node_http under Node: %s", httpWant)
	}
	// The notification cases must have received under Node, not timed out alike.
	for name, must := range map[string][]string{
		"pg_listen_notify": {`"payload":"héllo ✓"`, `"payload":"{\"id\":7,\"tags\":[\"x\"]}"`, `"payload":"in tx"`, `"beforeCommit":2`},
		"redis_pubsub":     {`["message","jsroute:n2","twö ✓"]`, `["pmessage","jsroute:np:x","by pattern"]`, `[true,"0001feff","jsroute:nbuf"]`, `"receivers":[1,1,0,1,1]`},
		"redis_basic":      {`"s":"héllo ✓"`, `"WRONGTYPE`, `"big":true`},
		"axios_http":       {`"status":201`, `"zipped":true`, `"hex":"000102feff"`, `"status":404`, `"code":"ECONNREFUSED"`},
		"node_fetch2":      {`"status":201`, `"redirected":true`, `"zipped":true`, `"code":"ECONNREFUSED"`},
		"stripe_sdk":       {`"id":"cus_new"`, `"plan":"pro"`, `"all":["cus_1","cus_2","cus_3","cus_4","cus_5"]`, `"code":"card_declined"`, `"statusCode":401`},
		"ioredis_pubsub":   {`["message","jsroute:ch2","twö ✓"]`, `["pmessage","jsroute:p:*","jsroute:p:x","by pattern"]`, `"receivers":[1,1,0,1,1]`},
	} {
		w, _ := json.Marshal(want[name])
		for _, m := range must {
			if !strings.Contains(string(w), m) {
				t.Fatalf("%s under Node lacks %s: %s", name, m, w)
			}
		}
		t.Logf("%s under Node: %s", name, w)
	}
	if len(names) < 8 {
		t.Fatalf("only %d cases from run.mjs", len(names))
	}
	p := startJsroute(t, "start", "-p", "PORT", "-H", "127.0.0.1", "fixtures/npm-db")
	client := newClient(nil)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			resp, err := client.Get(p.base() + "/run/" + name)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s\n%s", resp.StatusCode, body, p.output)
			}
			var got any
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			if !reflect.DeepEqual(got, want[name]) {
				w, _ := json.Marshal(want[name])
				t.Errorf("jsroute differs from Node 20\n  node:    %s\n  jsroute: %s", w, body)
			}
		})
	}

	// 200 requests at once, each one query on a shared pg.Pool of 10 per runtime: all answer,
	// right; the p99 latency is logged (the figure of the db brief).
	t.Run("pg-pool-200-concurrent", func(t *testing.T) {
		const n = 200
		lat := make([]time.Duration, n)
		errs := make(chan error, n)
		var wg sync.WaitGroup
		start := time.Now()
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				t0 := time.Now()
				resp, err := client.Get(fmt.Sprintf("%s/pg/pool?n=%d", p.base(), i))
				if err != nil {
					errs <- err
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				want := fmt.Sprintf(`{"double":%d,"ok":true}`, 2*i)
				if resp.StatusCode != 200 || string(body) != want {
					errs <- fmt.Errorf("request %d: %d %s (want %s)", i, resp.StatusCode, body, want)
				}
			}()
		}
		wg.Wait()
		total := time.Since(start)
		// Connections the client dialled but never used would hold jsroute's graceful shutdown
		// for net/http's 5 s grace on new connections.
		client.CloseIdleConnections()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
		t.Logf("pg Pool(10): %d concurrent requests in %s; p50 %s, p99 %s, max %s", n, total.Round(time.Millisecond),
			lat[n/2].Round(time.Millisecond), lat[n*99/100].Round(time.Millisecond), lat[n-1].Round(time.Millisecond))
	})
}

// startEchoHTTP serves /echo (the request told back, with two cookies) and /redirect for the
// node_http case.
func startEchoHTTP(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/echo":
			b, _ := io.ReadAll(r.Body)
			w.Header().Add("Set-Cookie", "a=1")
			w.Header().Add("Set-Cookie", "b=2")
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(201)
			json.NewEncoder(w).Encode(map[string]string{"method": r.Method, "uri": r.URL.RequestURI(), "type": r.Header.Get("Content-Type"),
				"test": r.Header.Get("X-Test"), "body": string(b)})
		case "/redirect":
			http.Redirect(w, r, "/echo", http.StatusFound)
		case "/missing":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(404)
			io.WriteString(w, `{"error":"no such thing"}`)
		case "/gzip":
			// A compressed JSON answer: axios and node-fetch undo it with node:zlib.
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			json.NewEncoder(zw).Encode(map[string]any{"zipped": true, "text": strings.Repeat("héllo ", 2000)})
			zw.Close()
		case "/bytes":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write([]byte{0, 1, 2, 0xfe, 0xff})
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// startStripeStandIn answers the few Stripe API calls of the stripe case as api.stripe.com
// would (form-encoded requests, JSON objects, list pagination with starting_after, a card
// error), and tells back the request headers the SDK must send. Its answers depend only on the
// request, so Node and jsroute, calling it in turn, see the same.
func startStripeStandIn(t *testing.T) string {
	customers := []map[string]any{}
	for i := 1; i <= 5; i++ {
		customers = append(customers, map[string]any{"id": fmt.Sprintf("cus_%d", i), "object": "customer", "email": fmt.Sprintf("c%d@example.com", i), "created": 1700000000 + i})
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Request-Id", "req_standin")
		if r.Header.Get("Authorization") != "Bearer sk_test_jsroute" {
			w.WriteHeader(401)
			io.WriteString(w, `{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}`)
			return
		}
		r.ParseForm()
		seen := map[string]any{"method": r.Method, "contentType": r.Header.Get("Content-Type"), "stripeVersion": r.Header.Get("Stripe-Version") != "",
			"idempotencyKey": r.Header.Get("Idempotency-Key") != "", "userAgent": strings.HasPrefix(r.Header.Get("User-Agent"), "Stripe/v1 NodeBindings/")}
		switch {
		case r.Method == "POST" && r.URL.Path == "/v1/customers":
			json.NewEncoder(w).Encode(map[string]any{"id": "cus_new", "object": "customer", "email": r.PostForm.Get("email"), "name": r.PostForm.Get("name"),
				"metadata": map[string]string{"plan": r.PostForm.Get("metadata[plan]")}, "created": 1700000100, "seen": seen, "form": r.PostForm})
		case r.Method == "GET" && r.URL.Path == "/v1/customers":
			limit := 10
			fmt.Sscan(r.Form.Get("limit"), &limit)
			from := 0
			if after := r.Form.Get("starting_after"); after != "" {
				fmt.Sscanf(after, "cus_%d", &from)
			}
			end := min(from+limit, len(customers))
			json.NewEncoder(w).Encode(map[string]any{"object": "list", "url": "/v1/customers", "has_more": end < len(customers), "data": customers[from:end], "seen": seen})
		case r.Method == "POST" && r.URL.Path == "/v1/charges":
			w.WriteHeader(402)
			io.WriteString(w, `{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined.","param":"source"}}`)
		default:
			w.WriteHeader(404)
			fmt.Fprintf(w, `{"error":{"type":"invalid_request_error","message":"Unrecognized request URL (%s: %s)"}}`, r.Method, r.URL.Path)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
