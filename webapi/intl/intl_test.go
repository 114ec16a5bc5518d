package intl_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/intl"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

type recorded struct {
	Node    string `json:"node"`
	ICU     string `json:"icu"`
	Results []struct {
		Expr  string `json:"expr"`
		Value string `json:"value"`
		Error string `json:"error"`
	} `json:"results"`
}

// TestNodeResults runs every case recorded from Node 20 (testdata/record.mjs) in goja and compares
// the JSON of the answer, or the error's name. knownDifferences lists the cases that differ on
// purpose, each with its reason.
func TestNodeResults(t *testing.T) {
	b, err := os.ReadFile("testdata/node-results.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec recorded
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	// The defaults record.mjs records with: zone UTC, locale from LANG=C.UTF-8 (en-US).
	t.Setenv("TZ", "")
	t.Setenv("LANG", "C.UTF-8")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	known := knownDifferences(t)
	env := webapitest.New(t, webapitest.Options{}, intl.Install)
	fn := env.Run(`return (expr) => { try { return { value: JSON.stringify((0, eval)(expr)) } } catch (e) { return { error: e.name, message: String(e.message) } } }`)
	call, ok := gojaCallable(env, fn)
	if !ok {
		t.Fatal("no runner")
	}
	failed, passed := 0, 0
	for _, c := range rec.Results {
		v, msg := call(c.Expr)
		got := v
		want := c.Value
		if c.Error != "" {
			want = "error " + c.Error
		} else if want == "" {
			want = "undefined"
		}
		_, isKnown := known[c.Expr]
		switch {
		case got == want && isKnown:
			t.Errorf("%s\n\tnow matches Node (%s): drop it from testdata/known-differences.json", c.Expr, want)
		case got == want:
			passed++
		case isKnown:
		default:
			failed++
			t.Errorf("%s\n\tgot  %s %s\n\twant %s", c.Expr, got, msg, want)
		}
	}
	t.Logf("%d of %d cases equal Node %s (ICU %s), %d known differences", passed, len(rec.Results), rec.Node, rec.ICU, len(known))
}

func knownDifferences(t *testing.T) map[string]string {
	b, err := os.ReadFile("testdata/known-differences.json")
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var list []struct{ Expr, Reason string }
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, k := range list {
		if strings.TrimSpace(k.Reason) == "" {
			t.Errorf("known difference without a reason: %s", k.Expr)
		}
		m[k.Expr] = k.Reason
	}
	return m
}
