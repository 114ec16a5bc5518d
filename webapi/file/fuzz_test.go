package file

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// FuzzParseMultipart: the multipart/form-data parser never panics on any body, and what it
// parses survives a round trip through Multipart once line breaks are normalized: parse,
// serialize, parse gives the same entries as one more round does. `go test` runs the
// committed corpus (testdata/fuzz/FuzzParseMultipart).
func FuzzParseMultipart(f *testing.F) {
	const ct = "multipart/form-data; boundary=X"
	f.Add([]byte("--X\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--X--\r\n"), ct)
	f.Add([]byte("--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--X--"), ct)
	f.Add([]byte("\r\n--X\r\nContent-Disposition: form-data; name=\"b\"\r\nContent-Transfer-Encoding: base64\r\n\r\naGk=\r\n--X--\r\n\r\n"), ct)
	f.Add([]byte("--X\r\nContent-Disposition: form-data; name=\"a\r\nb\"\r\n\r\n\r\n--X--\r\n"), ct)
	f.Add([]byte("--X--"), "multipart/form-data")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		// A slow input is a failure too: the fuzzer has no time-out of its own.
		slow := time.AfterFunc(5*time.Second, func() {
			panic(fmt.Sprintf("ParseMultipart ran 5 s on %d bytes, content type %q", len(body), contentType))
		})
		defer slow.Stop()
		first, err := ParseMultipart(body, contentType)
		if err != nil {
			return
		}
		round := func(entries []Entry) []Entry {
			b, ct := (&FormData{entries: entries}).Multipart()
			out, err := ParseMultipart(b, ct)
			if err != nil {
				t.Fatalf("our own serialization does not parse: %v\n%q", err, b)
			}
			return out
		}
		second := round(first)
		third := round(second)
		if len(second) != len(third) {
			t.Fatalf("%d entries, then %d", len(second), len(third))
		}
		for i := range second {
			a, b := second[i], third[i]
			if a.Name != b.Name || a.Value != b.Value || (a.File == nil) != (b.File == nil) {
				t.Fatalf("entry %d: %+v, then %+v", i, a, b)
			}
			if a.File != nil && (!bytes.Equal(a.File.data, b.File.data) || a.File.name != b.File.name || a.File.typ != b.File.typ) {
				t.Fatalf("file %d: %q %q %d bytes, then %q %q %d bytes", i, a.File.name, a.File.typ, len(a.File.data), b.File.name, b.File.typ, len(b.File.data))
			}
		}
	})
}
