package httpconst

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/node/buffer"
	nodenet "github.com/jsroute/jsroute/webapi/node/net"
)

// The node:http and node:https client (http.request, http.get) runs on the host's HTTP client, the
// one fetch uses, so the embedder's FetchHosts allow-list applies to it too; redirects are not
// followed (Node's http does not). The request body is sent when the request ends; the answer's
// body is read one chunk at a time, a chunk only when the IncomingMessage wants one (backpressure),
// each completing on the loop through Host.Reserve.
//
// Go's transport asks for gzip when the caller did not set Accept-Encoding and then hands back the
// decoded body without Content-Encoding, where Node would send no Accept-Encoding at all.

// noRedirects is the host's client without redirect following, kept per realm.
type clientKey struct{}

func clientOf(r *webapi.Realm) *http.Client {
	return r.State(clientKey{}, func() any {
		c := *r.Host.HTTPClient()
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		c.Timeout = 0 // the request's own time-outs (setTimeout) are the caller's
		return &c
	}).(*http.Client)
}

// clientBinding is the Go half of the client, handed to http.js:
//
//	request(method, url, headers [[name, value]...], body|null, cb) → abort()
//	  cb(errInfo) or cb(null, head, read): head {statusCode, statusMessage, rawHeaders, httpVersion};
//	  read(cb2) delivers the next chunk (a Buffer) or null at the end, or an error.
func clientBinding(r *webapi.Realm) *goja.Object {
	vm := r.VM
	o := vm.NewObject()
	o.Set("request", func(method, url string, headers [][]string, body goja.Value, cb goja.Callable) func() {
		var payload []byte
		if b, ok := buffer.Bytes(r, body); ok {
			payload = append([]byte(nil), b...)
		}
		ctx, cancel := context.WithCancel(nodenet.Context(r))
		var rd io.Reader
		if payload != nil {
			rd = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(ctx, method, url, rd)
		complete := r.Host.Reserve()
		if err != nil {
			cancel()
			complete(func() {
				info := vm.NewObject()
				info.Set("message", err.Error())
				info.Set("code", "ERR_INVALID_URL")
				call(cb, info)
			})
			return func() {}
		}
		for _, kv := range headers {
			if len(kv) == 2 {
				if http.CanonicalHeaderKey(kv[0]) == "Host" {
					req.Host = kv[1]
					continue
				}
				req.Header.Add(kv[0], kv[1])
			}
		}
		if payload != nil {
			req.ContentLength = int64(len(payload))
		}
		client := clientOf(r)
		go func() {
			resp, err := client.Do(req)
			complete(func() {
				if err != nil {
					cancel()
					call(cb, nodenet.ErrorInfo(vm, unwrapURL(err), "connect"))
					return
				}
				head := vm.NewObject()
				head.Set("statusCode", resp.StatusCode)
				text := resp.Status
				if len(text) > 4 {
					text = text[4:]
				}
				head.Set("statusMessage", text)
				raw := make([]any, 0, 2*len(resp.Header))
				for k, vs := range resp.Header {
					for _, v := range vs {
						raw = append(raw, k, v)
					}
				}
				head.Set("rawHeaders", raw)
				head.Set("httpVersion", resp.Proto[len("HTTP/"):])
				read := func(cb2 goja.Callable) {
					done := r.Host.Reserve()
					go func() {
						buf := make([]byte, 64<<10)
						n, err := resp.Body.Read(buf)
						done(func() {
							switch {
							case n > 0:
								call(cb2, goja.Null(), buffer.New(r, buf[:n]))
							case errors.Is(err, io.EOF):
								resp.Body.Close()
								cancel()
								call(cb2, goja.Null(), goja.Null())
							case err != nil:
								resp.Body.Close()
								cancel()
								call(cb2, nodenet.ErrorInfo(vm, err, "read"))
							default:
								call(cb2, goja.Null(), buffer.New(r, nil))
							}
						})
					}()
				}
				closeBody := func() { resp.Body.Close(); cancel() }
				call(cb, goja.Null(), head, vm.ToValue(read), vm.ToValue(closeBody))
			})
		}()
		return cancel
	})
	return o
}

func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func call(cb goja.Callable, args ...goja.Value) {
	if _, err := cb(goja.Undefined(), args...); err != nil {
		panic(err)
	}
}
