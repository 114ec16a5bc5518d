// Package next provides what route handlers import from next/server, next/headers,
// next/navigation and next/cache: NextRequest, NextResponse, cookies(), headers(), redirect(),
// notFound() and friends, with the behaviour of Next.js route handlers (app-route module).
//
// The classes are written in JS (next.js, cookies.js in this folder) on top of the Web classes,
// because their observable behaviour is JS object shapes (cookie objects, Date expiries, Map
// order) that Next's own code defines; Go holds the per-request scope and decides control flow.
package next

import (
	"context"
	_ "embed"
	"github.com/jsroute/jsroute/cache"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/fetch"
)

//go:embed cookies.js
var cookiesJS string

//go:embed next.js
var nextJS string

//go:embed useragent.js
var userAgentJS string

var (
	cookiesProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:next/cookies.js", cookiesJS, true) })
	nextProgram    = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:next/next.js", nextJS, true) })
	uaProgram      = sync.OnceValue(func() *goja.Program { return goja.MustCompile("jsroute:next/useragent.js", userAgentJS, true) })
)

// Scope is one request as the next/* functions see it. The engine makes one per request and
// makes it the async context, so cookies() and headers() find it across awaits and timers.
type Scope struct {
	// Request is the NextRequest object handed to the handler.
	Request *goja.Object
	// Route is the route file, for logs.
	Route string
	// After holds the after() tasks, run once the response is sent.
	After []goja.Value
	// Revalidated lists revalidatePath/revalidateTag calls for the cache: "tag:t"
	// (revalidateTag(t): expired at once), "tag@<seconds>:t" (revalidateTag(t, profile): stale at
	// once, expired after the profile's expire seconds), "path:/x" and "path@<type>:/x"
	// (revalidatePath(x[, type])).
	Revalidated []string
	// FetchTags are the cache tags of the fetches the request made through the data cache: a
	// prerendered answer carries them, so revalidateTag of one makes it stale.
	FetchTags []string
	// FetchRevalidate is the smallest next.revalidate (seconds) of the prerender's cached fetches
	// below the segment's (0: none): the stored answer goes stale after it.
	FetchRevalidate float64
	// DynamicUsage names the first request-time API the handler called (cookies, headers,
	// connection): in a prerender it makes Next render the route per request instead.
	DynamicUsage string
	// Ext is the engine's own per-request data.
	Ext any
	// DraftID is the preview id the __prerender_bypass cookie must hold for draftMode().isEnabled.
	DraftID string
	// Dev selects draft-mode cookie attributes of `next dev` (SameSite=lax, not Secure).
	Dev bool

	state *goja.Object // JS-side per-request state: {request, cookies, headers, modifiedCookies}
}

// ImplicitTags are Next's implicit cache tags of the request's route and path (`_N_T_/...`),
// from the engine's per-request data when it knows them.
func (s *Scope) ImplicitTags() []string {
	if t, ok := s.Ext.(interface{ ImplicitTags() []string }); ok {
		return t.ImplicitTags()
	}
	return nil
}

// FetchCacheMode, ForceDynamic and Prerender tell the data cache about the route's segment
// config and the kind of render (webapi/fetch's segment interface), from the engine's data.
func (s *Scope) FetchCacheMode() string {
	if t, ok := s.Ext.(interface{ FetchCacheMode() string }); ok {
		return t.FetchCacheMode()
	}
	return ""
}

// ForceDynamic reports the route's `dynamic = 'force-dynamic'`.
func (s *Scope) ForceDynamic() bool {
	if t, ok := s.Ext.(interface{ ForceDynamic() bool }); ok {
		return t.ForceDynamic()
	}
	return false
}

// ForceStatic reports the route's `dynamic = 'force-static'`.
func (s *Scope) ForceStatic() bool {
	if t, ok := s.Ext.(interface{ ForceStatic() bool }); ok {
		return t.ForceStatic()
	}
	return false
}

// MarkDynamic records a use that makes a prerender dynamic (see DynamicUsage).
func (s *Scope) MarkDynamic(expression string) {
	if s.DynamicUsage == "" {
		s.DynamicUsage = expression
	}
}

// LowerRevalidate records a fetch revalidate below the segment's (see FetchRevalidate).
func (s *Scope) LowerRevalidate(secs float64) {
	if s.FetchRevalidate == 0 || secs < s.FetchRevalidate {
		s.FetchRevalidate = secs
	}
}

// Prerender reports whether the request is a full-route prerender (see FetchCacheMode).
func (s *Scope) Prerender() (revalidate float64, buildTime, ok bool) {
	if t, ok := s.Ext.(interface {
		Prerender() (float64, bool, bool)
	}); ok {
		return t.Prerender()
	}
	return 0, false, false
}

// UseTags records the tags of a cached fetch made for the request.
func (s *Scope) UseTags(tags []string) { s.FetchTags = append(s.FetchTags, tags...) }

type stateKey struct{}

type api struct {
	r           *webapi.Realm
	host        *goja.Object
	nextRequest *goja.Object
	// nextRequestProto is read once: every request object is made with it.
	nextRequestProto *goja.Object
	nextResponse     *goja.Object
	appendCookies    goja.Callable
}

// Install defines the next/* host modules. URL, Headers, Request and Response must be installed.
func Install(r *webapi.Realm) {
	vm := r.VM
	a := &api{r: r, host: vm.NewObject()}
	r.Set(stateKey{}, a)
	a.host.Set("scope", func(call goja.FunctionCall) goja.Value {
		s := current(r)
		if s == nil {
			return goja.Undefined()
		}
		switch name := call.Argument(0).String(); name {
		case "cookies", "headers", "connection":
			if s.DynamicUsage == "" {
				s.DynamicUsage = name
			}
		}
		return a.stateOf(s)
	})
	a.host.Set("after", func(call goja.FunctionCall) goja.Value {
		if s := current(r); s != nil {
			s.After = append(s.After, call.Argument(0))
		}
		return goja.Undefined()
	})
	a.host.Set("revalidate", func(call goja.FunctionCall) goja.Value {
		if s := current(r); s != nil {
			if c, ok := revalidation(r, call.Argument(0).String(), call.Argument(1).String(), call.Argument(2)); ok {
				s.Revalidated = append(s.Revalidated, c)
			}
		}
		return goja.Undefined()
	})
	// unstable_cache's entries live in the data cache (next.js): JSON text under a key, with the
	// function's tags and the request's implicit ones, fresh for revalidate seconds (0: forever).
	a.host.Set("cacheGet", func(call goja.FunctionCall) goja.Value {
		store := fetch.DataCache(r)
		if store == nil {
			return goja.Undefined()
		}
		// [text, stale]: a stale entry is answered while next.js computes it again (Next's
		// unstable-cache.js background revalidation).
		e, f := cache.Lookup(context.Background(), store, "unstable_cache:"+call.Argument(0).String())
		if f == cache.Miss {
			return goja.Undefined()
		}
		// Only the first caller to see it stale recomputes it (across workers), until cacheSet
		// or cacheRelease.
		regen := false
		if f == cache.Stale {
			_, busy := regenerating.LoadOrStore(call.Argument(0).String(), true)
			regen = !busy
		}
		return vm.ToValue([]any{string(e.Body), regen})
	})
	a.host.Set("cacheRelease", func(call goja.FunctionCall) goja.Value {
		regenerating.Delete(call.Argument(0).String())
		return goja.Undefined()
	})
	a.host.Set("cacheSet", func(call goja.FunctionCall) goja.Value {
		store := fetch.DataCache(r)
		if store == nil {
			return goja.Undefined()
		}
		var tags []string
		_ = vm.ExportTo(call.Argument(3), &tags)
		if s := current(r); s != nil {
			s.UseTags(tags)
			tags = append(tags, s.ImplicitTags()...)
		}
		e := &cache.Entry{Status: 200, Body: []byte(call.Argument(1).String()), Stored: time.Now(), Tags: tags}
		if rv := call.Argument(2).ToFloat(); rv > 0 {
			e.Revalidate = time.Duration(rv * float64(time.Second))
		}
		store.Set(context.Background(), "unstable_cache:"+call.Argument(0).String(), e)
		regenerating.Delete(call.Argument(0).String())
		return goja.Undefined()
	})
	// headersVersion lets the cookie stores tell whether a Headers changed since they last
	// wrote it (cookies.js): -1 for anything that is not a Headers.
	a.host.Set("headersVersion", func(call goja.FunctionCall) goja.Value {
		if h, ok := fetch.HeadersOf(r, call.Argument(0)); ok {
			return vm.ToValue(int64(h.List.Version()))
		}
		return vm.ToValue(-1)
	})
	run := func(p *goja.Program) goja.Value {
		f, err := vm.RunProgram(p)
		if err != nil {
			panic(err)
		}
		fn, _ := goja.AssertFunction(f)
		v, err := fn(goja.Undefined(), a.host)
		if err != nil {
			panic(err)
		}
		return v
	}
	run(cookiesProgram())
	run(uaProgram())
	classes := run(nextProgram()).(*goja.Object)
	a.nextRequest = classes.Get("NextRequest").(*goja.Object)
	a.nextRequestProto = a.nextRequest.Get("prototype").(*goja.Object)
	a.nextResponse = classes.Get("NextResponse").(*goja.Object)
	a.appendCookies, _ = goja.AssertFunction(a.host.Get("appendMutableCookies"))
}

func of(r *webapi.Realm) *api { return r.Get(stateKey{}).(*api) }

func current(r *webapi.Realm) *Scope {
	s, _ := r.Host.Context().(*Scope)
	return s
}

func (a *api) stateOf(s *Scope) *goja.Object {
	if s.state == nil {
		s.state = a.r.VM.NewObject()
		s.state.Set("request", s.Request)
		s.state.Set("draftId", s.DraftID)
		s.state.Set("dev", s.Dev)
	}
	return s.state
}

// NextRequestPrototype is the prototype the engine gives the request objects it makes.
func NextRequestPrototype(r *webapi.Realm) *goja.Object { return of(r).nextRequestProto }

// FinishResponse merges the cookies the handler set through cookies() into the Set-Cookie
// headers of the response it returned (Next's appendMutableCookies). headers gives the
// response's JS Headers object; it is asked for only when there are cookies to merge.
func FinishResponse(r *webapi.Realm, s *Scope, headers func() goja.Value) error {
	if s.state == nil {
		return nil
	}
	mod := s.state.Get("modifiedCookies")
	if mod == nil || goja.IsUndefined(mod) {
		return nil
	}
	_, err := of(r).appendCookies(goja.Undefined(), headers(), mod)
	return err
}

// Outcome is what a thrown next/navigation error asks the response to be.
type Outcome struct {
	Status   int
	Location string // for redirects, as given to redirect()
}

// ControlFlow recognises the errors redirect(), permanentRedirect() and notFound() throw
// (their `digest`), as Next's app-route module does.
func ControlFlow(v goja.Value) (Outcome, bool) {
	o, ok := v.(*goja.Object)
	if !ok || o == nil {
		return Outcome{}, false
	}
	d := o.Get("digest")
	if d == nil {
		return Outcome{}, false
	}
	digest, ok := d.Export().(string)
	if !ok {
		return Outcome{}, false
	}
	if rest, ok := strings.CutPrefix(digest, "NEXT_HTTP_ERROR_FALLBACK;"); ok {
		if st, err := strconv.Atoi(rest); err == nil && (st == 404 || st == 403 || st == 401) {
			return Outcome{Status: st}, true
		}
		return Outcome{}, false
	}
	// NEXT_REDIRECT;<type>;<url>;<status>; — the url may itself hold ';'.
	rest, ok := strings.CutPrefix(digest, "NEXT_REDIRECT;")
	if !ok {
		return Outcome{}, false
	}
	typ, rest, ok := strings.Cut(rest, ";")
	if !ok || (typ != "push" && typ != "replace") {
		return Outcome{}, false
	}
	rest = strings.TrimSuffix(rest, ";")
	i := strings.LastIndexByte(rest, ';')
	if i < 0 {
		return Outcome{}, false
	}
	st, err := strconv.Atoi(rest[i+1:])
	if err != nil || (st != 303 && st != 307 && st != 308) {
		return Outcome{}, false
	}
	return Outcome{Status: st, Location: rest[:i]}, true
}

// regenerating holds the unstable_cache keys whose stale entry is being recomputed.
var regenerating sync.Map

// cacheLifeExpire is the expire time, in seconds, of Next 16's built-in cacheLife profiles
// (next/dist/server/config-shared.js, `cacheLife`); "default" never expires (INFINITE_CACHE).
var cacheLifeExpire = map[string]int64{
	"default": 0xfffffffe,
	"seconds": 60,
	"minutes": 60 * 60,
	"hours":   60 * 60 * 24,
	"days":    60 * 60 * 24 * 7,
	"weeks":   60 * 60 * 24 * 30,
	"max":     60 * 60 * 24 * 365,
}

// revalidation encodes one revalidateTag/revalidatePath call for Scope.Revalidated. A profile
// that is neither a built-in cacheLife name nor an object is logged with Next's error and does
// nothing (Next throws it while applying the revalidations, after the answer).
func revalidation(r *webapi.Realm, kind, value string, extra goja.Value) (string, bool) {
	set := extra != nil && !goja.IsUndefined(extra) && !goja.IsNull(extra)
	switch kind {
	case "path":
		if set && extra.String() != "" {
			return "path@" + extra.String() + ":" + value, true
		}
		return "path:" + value, true
	case "tag":
		if !set || extra.String() == "" {
			return "tag:" + value, true
		}
		if o, ok := extra.(*goja.Object); ok {
			secs := int64(0xfffffffe)
			if v := o.Get("expire"); v != nil && !goja.IsUndefined(v) {
				secs = v.ToInteger()
			}
			return "tag@" + strconv.FormatInt(secs, 10) + ":" + value, true
		}
		secs, ok := cacheLifeExpire[extra.String()]
		if !ok {
			r.Host.Logger().Error(`Invalid profile provided "` + extra.String() + `" must be configured under cacheLife in next.config or be "max"`)
			return "", false
		}
		return "tag@" + strconv.FormatInt(secs, 10) + ":" + value, true
	}
	return "", false
}
