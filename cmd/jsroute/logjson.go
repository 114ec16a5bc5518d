package main

import (
	"context"
	"io"
	"log/slog"
)

// newJSONLogger is the logger of --log-format json: one JSON object per line (log/slog's
// JSONHandler: time, level, msg, then the attributes), the request log to stdout and warnings
// and errors to stderr, as the text format splits them.
func newJSONLogger(out, errOut io.Writer, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{Level: level}
	return slog.New(&splitHandler{
		low:  slog.NewJSONHandler(out, opts),
		high: slog.NewJSONHandler(errOut, opts),
		out:  out,
	})
}

// splitHandler sends records below Warn to low and the others to high.
type splitHandler struct {
	low, high slog.Handler
	out       io.Writer // flushed before an error, so the request lines before it come first
}

func (h *splitHandler) Enabled(ctx context.Context, l slog.Level) bool {
	if l < slog.LevelWarn {
		return h.low.Enabled(ctx, l)
	}
	return h.high.Enabled(ctx, l)
}

func (h *splitHandler) Handle(ctx context.Context, r slog.Record) error {
	if r.Level < slog.LevelWarn {
		return h.low.Handle(ctx, r)
	}
	if f, ok := h.out.(interface{ Flush() }); ok {
		f.Flush()
	}
	return h.high.Handle(ctx, r)
}

func (h *splitHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &splitHandler{low: h.low.WithAttrs(as), high: h.high.WithAttrs(as), out: h.out}
}

func (h *splitHandler) WithGroup(name string) slog.Handler {
	return &splitHandler{low: h.low.WithGroup(name), high: h.high.WithGroup(name), out: h.out}
}
