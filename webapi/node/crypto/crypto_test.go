package crypto_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/crypto"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/file"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/all"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func newEnv(t testing.TB) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{}, console.Install, timers.Install, dom.Install, crypto.Install,
		encoding.Install, streams.Install, file.Install, node.Install)
}

// TestScript runs the script in $SCRIPT (a function body using require) and prints its JSON:
// a quick way to compare a snippet with `node`.
func TestScript(t *testing.T) {
	path := os.Getenv("SCRIPT")
	if path == "" {
		t.Skip("set SCRIPT")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	v := e.Run("const require = globalThis.__jsrouteRequire;\nconst out = await (async () => {\n" + string(src) + "\n})();\nreturn JSON.stringify(out);")
	var pretty any
	json.Unmarshal([]byte(v.String()), &pretty)
	t.Log(v.String())
}
