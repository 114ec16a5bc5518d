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
