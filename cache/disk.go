package cache

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Disk keeps entries as files in a folder (`jsroute start --cache-dir`, by default
// .jsroute/cache in the project), so a restart finds them again. Every write goes to a
// temporary file renamed into place: a reader never sees half an entry, even after a crash. A
// file that does not decode (corrupt, or from another version) is logged, removed and read as a
// miss — never served.
type Disk struct {
	dir  string
	log  *slog.Logger
	tags tagTimes
	mu   sync.Mutex // serialises the tags file
}

const tagsFile = "tags.json"

// NewDisk opens (creating it) the cache folder dir; log receives the corrupt-file reports (nil:
// slog.Default()).
func NewDisk(dir string, log *slog.Logger) (*Disk, error) {
	if log == nil {
		log = slog.Default()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("jsroute: cache folder: %w", err)
	}
	d := &Disk{dir: dir, log: log}
	if b, err := os.ReadFile(filepath.Join(dir, tagsFile)); err == nil {
		var at map[string]wireTag
		if err := json.Unmarshal(b, &at); err != nil {
			log.Error("jsroute: cache: ignoring a corrupt tags file", "file", filepath.Join(dir, tagsFile), "error", err)
		}
		for tag, w := range at {
			d.tags.set([]string{tag}, w.state())
		}
	}
	return d, nil
}

// path names the entry file of key: a hash, so any key is a safe file name.
func (d *Disk) path(key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(d.dir, hex.EncodeToString(sum[:16])+".entry")
}

// Get reads the entry under key.
func (d *Disk) Get(_ context.Context, key string) (*Entry, bool) {
	p := d.path(key)
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, false
	}
	e, err := decodeEntry(b)
	if err != nil {
		d.log.Error("jsroute: cache: removing a corrupt entry", "file", p, "error", err)
		os.Remove(p)
		return nil, false
	}
	return e, true
}

// Set writes the entry under key atomically.
func (d *Disk) Set(_ context.Context, key string, e *Entry) {
	b, err := encodeEntry(e)
	if err == nil {
		err = writeAtomic(d.path(key), b)
	}
	if err != nil {
		d.log.Error("jsroute: cache: an entry was not stored", "key", key, "error", err)
	}
}

// Delete removes the entry under key.
func (d *Disk) Delete(_ context.Context, key string) { os.Remove(d.path(key)) }

// Invalidate records the invalidation of tags, in memory and in the tags file.
func (d *Disk) Invalidate(_ context.Context, tags []string, expire time.Duration) {
	d.tags.set(tags, invalidation(time.Now(), expire))
	d.mu.Lock()
	defer d.mu.Unlock()
	d.tags.mu.RLock()
	at := make(map[string]wireTag, len(d.tags.at))
	for tag, st := range d.tags.at {
		at[tag] = wireOf(st)
	}
	d.tags.mu.RUnlock()
	b, _ := json.Marshal(at)
	if err := writeAtomic(filepath.Join(d.dir, tagsFile), b); err != nil {
		d.log.Error("jsroute: cache: the tags file was not written", "error", err)
	}
}

// TagStates are the invalidation states of tags.
func (d *Disk) TagStates(_ context.Context, tags []string) []TagState { return d.tags.states(tags) }

// writeAtomic writes b to a temporary file beside path and renames it into place.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(f.Name())
		if werr != nil {
			return werr
		}
		return cerr
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
