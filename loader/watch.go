package loader

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

const (
	// debounce is the quiet time that closes a batch: an editor's save (truncate, write, rename, chmod) is one
	// batch, so one rebuild. Those events come within a millisecond or two of each other; every millisecond
	// waited here is one more before the save is served (issue 11 asks for ≤ 100 ms in all).
	debounce = 15 * time.Millisecond
	// maxBatch bounds how long a stream of events (a git checkout, say) can hold a batch back.
	maxBatch = time.Second
)

// Watch watches the project under root for `next dev` and calls onChange with the paths changed since the
// last call (files and folders created, written, removed or renamed alike), slash-separated, relative to root
// and sorted.
// Events are debounced (~15 ms of quiet closes a batch), so one save gives one call; an empty list means
// events were lost (the kernel queue overflowed) and everything should be reloaded.
//
// fsnotify is not recursive: Watch adds every folder at the start and each new one as it appears. It skips
// node_modules, the dot-folders at the root (.git, .next, .jsroute, ...), editor scratch files (vim's .swp and
// 4913, "~" backups, JetBrains' ___jb_tmp___), and plain chmod events. Dot-files such as .env.local are
// reported, and so are dot-folders below the root (app/.well-known is a route segment).
//
// onChange runs on Watch's goroutine, one call at a time; events that arrive meanwhile form the next batch.
// Watch returns nil when ctx is done, or an error if the watcher cannot start.
func Watch(ctx context.Context, root string, onChange func(changed []string)) error {
	return watch(ctx, root, onChange, nil, nil)
}

// WatchFolders is Watch that also watches the folders folders returns (absolute, or relative to root;
// not their subfolders), even those Watch skips or outside root: `jsroute dev` gives the folders of the
// package files its bundle is made of, so that a package edited in node_modules reloads too. folders is
// called at the start and after each onChange; a folder once watched stays watched. At most
// maxExtraFolders are added (inotify watches are a limited resource).
func WatchFolders(ctx context.Context, root string, onChange func(changed []string), folders func() []string) error {
	return watch(ctx, root, onChange, folders, nil)
}

// maxExtraFolders bounds WatchFolders' folders.
const maxExtraFolders = 4096

// watch is WatchFolders; ready, when set, is called once the initial folders are watched.
func watch(ctx context.Context, root string, onChange func([]string), folders func() []string, ready func()) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("jsroute: watch: %w", err)
	}
	defer w.Close()
	t := &tree{root: root, w: w, pending: map[string]bool{}, extra: map[string]bool{}}
	if err := t.addTree(root, false); err != nil {
		return fmt.Errorf("jsroute: watch %s: %w", root, err)
	}
	if folders != nil {
		t.addExtra(folders())
	}
	if ready != nil {
		ready()
	}

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	var first time.Time // when the open batch got its first event
	arm := func() {
		now := time.Now()
		if first.IsZero() {
			first = now
		}
		timer.Reset(min(debounce, max(0, maxBatch-now.Sub(first))))
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return errors.New("jsroute: watch: watcher closed")
			}
			if t.event(ev) {
				arm()
			}
		case err, ok := <-w.Errors:
			if !ok {
				return errors.New("jsroute: watch: watcher closed")
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				t.overflow = true
				arm()
			}
			// Other errors concern one path (e.g. a folder gone before it could be added): the events for
			// that path say enough.
		case <-timer.C:
			first = time.Time{}
			changed := t.flush()
			if ctx.Err() == nil {
				onChange(changed)
				if folders != nil {
					t.addExtra(folders())
				}
			}
		}
	}
}

// tree is Watch's state: the watcher and the batch being collected.
type tree struct {
	root     string
	w        *fsnotify.Watcher
	pending  map[string]bool
	overflow bool
	extra    map[string]bool // WatchFolders' folders, absolute
}

// addExtra watches the folders not yet watched (WatchFolders).
func (t *tree) addExtra(dirs []string) {
	for _, d := range dirs {
		if !filepath.IsAbs(d) {
			d = filepath.Join(t.root, d)
		}
		d = filepath.Clean(d)
		if t.extra[d] || len(t.extra) >= maxExtraFolders {
			continue
		}
		if err := t.w.Add(d); err == nil {
			t.extra[d] = true
		}
	}
}

// watchSkipDir reports folders Watch does not enter: node_modules anywhere, dot-folders at the root.
func watchSkipDir(name string, atRoot bool) bool {
	return name == "node_modules" || atRoot && strings.HasPrefix(name, ".")
}

// scratchFile reports editor scratch files: vim swap files and its "4913" write test, backups, JetBrains'
// safe-write temporaries, macOS folder metadata.
func scratchFile(name string) bool {
	for _, suffix := range []string{"~", ".swp", ".swx", ".swpx", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return name == "4913" || name == ".DS_Store"
}

// ignored reports whether p (absolute) lies in a folder Watch skips, or is a scratch file.
func (t *tree) ignored(p string) bool {
	if t.extra[filepath.Dir(p)] {
		return scratchFile(filepath.Base(p))
	}
	rel, err := filepath.Rel(t.root, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return true
	}
	parts := strings.Split(rel, string(filepath.Separator))
	for i, dir := range parts[:len(parts)-1] {
		if watchSkipDir(dir, i == 0) {
			return true
		}
	}
	last := parts[len(parts)-1]
	return last == "node_modules" || len(parts) == 1 && (last == ".git" || last == ".next") || scratchFile(last)
}

// addTree watches dir and every folder below it. With report set (a folder that just appeared), the files and
// folders already inside are added to the batch: they may have been made before the watch existed.
func (t *tree) addTree(dir string, report bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && !report {
				return err
			}
			return nil // gone or unreadable: skip it
		}
		if !d.IsDir() {
			if report && !t.ignored(p) {
				t.pending[t.rel(p)] = true
			}
			return nil
		}
		if p != t.root && watchSkipDir(d.Name(), filepath.Dir(p) == t.root) {
			return filepath.SkipDir
		}
		if report && p != dir {
			t.pending[t.rel(p)] = true
		}
		if err := t.w.Add(p); err != nil && p == t.root {
			return err
		}
		return nil
	})
}

func (t *tree) rel(p string) string {
	rel, _ := filepath.Rel(t.root, p)
	return filepath.ToSlash(rel)
}

// event records one fsnotify event and reports whether it belongs in the batch.
func (t *tree) event(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod || t.ignored(ev.Name) {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			if watchSkipDir(filepath.Base(ev.Name), filepath.Dir(ev.Name) == t.root) {
				return false
			}
			_ = t.addTree(ev.Name, true)
		}
	}
	t.pending[t.rel(ev.Name)] = true
	return true
}

// flush ends the batch and returns it, sorted; empty after an overflow.
func (t *tree) flush() []string {
	changed := make([]string, 0, len(t.pending))
	for p := range t.pending {
		changed = append(changed, p)
	}
	sort.Strings(changed)
	if t.overflow {
		changed = changed[:0]
	}
	t.pending = map[string]bool{}
	t.overflow = false
	return changed
}
