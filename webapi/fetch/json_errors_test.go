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
