package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
)

// lineHandler prints log records as plain lines, as `next start` prints its log: the request
// log to stdout, warnings and errors to stderr.
type lineHandler struct {
	mu          *sync.Mutex
	out, errOut io.Writer
	attrs       []slog.Attr
}

func newLogger(out, errOut io.Writer) *slog.Logger {
	return slog.New(&lineHandler{mu: &sync.Mutex{}, out: out, errOut: errOut})
}

func (h *lineHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelInfo }

func (h *lineHandler) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(" ")
	b.WriteString(r.Message)
	add := func(a slog.Attr) bool {
		v := a.Value.String()
		if strings.Contains(v, "\n") {
			fmt.Fprintf(&b, "\n%s", v)
		} else {
			fmt.Fprintf(&b, " %s=%s", a.Key, v)
		}
		return true
	}
	for _, a := range h.attrs {
		add(a)
	}
	r.Attrs(add)
	b.WriteString("\n")
	w := h.out
	if r.Level >= slog.LevelWarn {
		w = h.errOut
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := io.WriteString(w, b.String())
	return err
}

func (h *lineHandler) WithAttrs(as []slog.Attr) slog.Handler {
	c := *h
	c.attrs = append(append([]slog.Attr(nil), h.attrs...), as...)
	return &c
}

func (h *lineHandler) WithGroup(string) slog.Handler { return h }
