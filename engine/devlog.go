package engine

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// loadTook is where the time of one load went, for the dev reload log (--verbose).
type loadTook struct {
	bundle time.Duration // esbuild and the goja compile (loader.Build)
	boot   time.Duration // the new runtimes: Web APIs, the app's packages and module bodies
}

// noteLog is the logger of the notes every load repeats (a file lowered, the npm packages jsroute
// provides): each says its text at Info the first time, at Debug after, so a dev reload stays quiet
// unless --verbose.
func (e *Engine) noteLog() *slog.Logger {
	e.notesOnce.Do(func() {
		e.notes = slog.New(&onceHandler{Handler: e.opts.Logger.Handler(), seen: map[string]bool{}, mu: &sync.Mutex{}})
	})
	return e.notes
}

// onceHandler lowers a record whose message it saw before to Debug.
type onceHandler struct {
	slog.Handler
	mu   *sync.Mutex
	seen map[string]bool
}

func (h *onceHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.Handler.Enabled(ctx, l) || h.Handler.Enabled(ctx, slog.LevelDebug)
}

func (h *onceHandler) Handle(ctx context.Context, r slog.Record) error {
	h.mu.Lock()
	again := h.seen[r.Message]
	h.seen[r.Message] = true
	h.mu.Unlock()
	if again && r.Level > slog.LevelDebug {
		lower := slog.NewRecord(r.Time, slog.LevelDebug, r.Message, r.PC)
		r.Attrs(func(a slog.Attr) bool { lower.AddAttrs(a); return true })
		r = lower
	}
	if !h.Handler.Enabled(ctx, r.Level) {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}
