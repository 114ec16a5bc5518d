package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"time"
)

// formatVersion marks the encoding below; an entry written in another format reads as corrupt.
const formatVersion = 1

// wireEntry is how Disk and Redis store an Entry: JSON, the body as base64.
type wireEntry struct {
	V          int         `json:"v"`
	Status     int         `json:"status"`
	Header     http.Header `json:"header,omitempty"`
	Body       []byte      `json:"body"`
	Stored     int64       `json:"stored"` // Unix ms
	Revalidate int64       `json:"revalidate,omitempty"`
	Tags       []string    `json:"tags,omitempty"`
}

func encodeEntry(e *Entry) ([]byte, error) {
	return json.Marshal(wireEntry{V: formatVersion, Status: e.Status, Header: e.Header, Body: e.Body,
		Stored: e.Stored.UnixMilli(), Revalidate: e.Revalidate.Milliseconds(), Tags: e.Tags})
}

var errCorrupt = errors.New("not a jsroute cache entry")

func decodeEntry(b []byte) (*Entry, error) {
	var w wireEntry
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, err
	}
	if w.V != formatVersion || w.Status < 100 || w.Status > 999 {
		return nil, errCorrupt
	}
	return &Entry{Status: w.Status, Header: w.Header, Body: w.Body, Stored: time.UnixMilli(w.Stored),
		Revalidate: time.Duration(w.Revalidate) * time.Millisecond, Tags: w.Tags}, nil
}

// shortHash is a short hex digest of s, for key prefixes.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// wireTag is how Disk and Redis keep a TagState: Unix milliseconds, zero for unset. Numbers are
// read as float64 because Redis's Lua cjson may write them in exponent form.
type wireTag struct {
	S float64 `json:"s"`
	E float64 `json:"e"`
	A float64 `json:"a"`
}

func msTime(ms float64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(ms))
}

func timeMs(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixMilli())
}

func (w wireTag) state() TagState {
	return TagState{Stale: msTime(w.S), Expired: msTime(w.E), At: msTime(w.A)}
}

func wireOf(st TagState) wireTag {
	return wireTag{S: timeMs(st.Stale), E: timeMs(st.Expired), A: timeMs(st.At)}
}
