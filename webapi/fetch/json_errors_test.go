package fetch_test

import (
	"encoding/json"
	"os"
	"testing"
)

// JSON.parse and Body.json() reject bad texts with the messages Node 20 gives (V8's json-parser.cc),
// recorded by testdata/json-errors.mjs: route handlers commonly answer `{ error: err.message }` for a body
// that is not JSON (tRPC does for its `input` query), so the message is part of the answer.
func TestJSONErrorMessagesAsNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/json-errors.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Node  string
		Cases []struct {
			Text        string
			Parse, Body json.RawMessage // "SyntaxError: ...", or null when Node parsed the text
		}
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Cases) < 50 {
		t.Fatalf("only %d cases in the recording", len(rec.Cases))
	}
	e := env(t)
	for _, c := range rec.Cases {
		e.VM.Set("text", c.Text)
		// JSON.stringify of the message compares lone surrogates (a token cut from an emoji) exactly.
		got := e.Run(`try { JSON.parse(text); return 'null' } catch (err) { return JSON.stringify(err.name + ': ' + err.message) }`).String()
		if got != string(c.Parse) {
			t.Errorf("JSON.parse(%q):\n got %s\nwant %s", c.Text, got, c.Parse)
		}
		got = e.Run(`try { await new Response(text).json(); return 'null' } catch (err) { return JSON.stringify(err.name + ': ' + err.message) }`).String()
		if got != string(c.Body) {
			t.Errorf("new Response(%q).json():\n got %s\nwant %s", c.Text, got, c.Body)
		}
	}
}

// Valid texts goja's own JSON.parse refuses (a number past float64's range: 1e400 is Infinity in V8)
// parse as in Node 20, a reviver applied in its order (testdata/json-values.mjs records them).
func TestJSONParseValuesAsNode(t *testing.T) {
	raw, err := os.ReadFile("testdata/json-values.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Cases []struct{ Text, Plain, Revived, Keys string }
	}
	if err := json.Unmarshal(raw, &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Cases) == 0 {
		t.Fatal("no cases in the recording")
	}
	e := env(t)
	e.Run(`globalThis.show = (v) => JSON.stringify(v, (k, x) => (typeof x === 'number' && !Number.isFinite(x) ? 'number ' + x : x)); return ''`)
	for _, c := range rec.Cases {
		e.VM.Set("text", c.Text)
		if got := e.Run(`return show(JSON.parse(text))`).String(); got != c.Plain {
			t.Errorf("JSON.parse(%q) = %s, want %s", c.Text, got, c.Plain)
		}
		got := e.Run(`const seen = []; const v = JSON.parse(text, function (k, v) { seen.push(k); if (k === 'd') return undefined; return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v }); return show(v) + ' ' + seen.join(',')`).String()
		if want := c.Revived + " " + c.Keys; got != want {
			t.Errorf("JSON.parse(%q, reviver) = %s, want %s", c.Text, got, want)
		}
	}
}
