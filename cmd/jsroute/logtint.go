package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"

	"github.com/lmittmann/tint"
)

// The three log formats:
//   - a terminal (stderr is one): github.com/lmittmann/tint, a time, a three-letter level in its colour,
//     the message and its attributes, aligned; NO_COLOR or TERM=dumb keep the layout without colours;
//   - text otherwise (a file, a pipe, a test): plain lines, as `next start` prints its log (log.go);
//   - --log-format json: one JSON object a line (logjson.go).
//
// Each is quiet by default (Info and up) and shows Debug with --verbose. Each sends records below Warn
// to stdout (the request log, buffered) and the others to stderr, after a flush of stdout.

// logLevel is the level --verbose asks for.
func logLevel(verbose bool) slog.Level {
	if verbose {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

// isTerminal reports whether w is a character device (a terminal), as isatty does without cgo.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// wantsColor reports whether a terminal may get colours (https://no-color.org).
func wantsColor() bool {
	return os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// newTintLogger is the terminal's logger.
func newTintLogger(out, errOut io.Writer, level slog.Level, color bool) *slog.Logger {
	mu := &sync.Mutex{}
	opts := &tint.Options{Level: level, TimeFormat: "15:04:05.000", NoColor: !color}
	return slog.New(&splitHandler{
		low:  &multilineHandler{Handler: tint.NewHandler(out, opts), w: out, mu: mu},
		high: &multilineHandler{Handler: tint.NewHandler(errOut, opts), w: errOut, mu: mu},
		out:  out,
	})
}

// multilineHandler writes the attributes whose value spans lines (a stack, a code frame, a list of
// diagnostics) under the record's line, as they are, instead of quoted on it.
type multilineHandler struct {
	slog.Handler
	w  io.Writer
	mu *sync.Mutex
}

func (h *multilineHandler) Handle(ctx context.Context, r slog.Record) error {
	var blocks []string
	single := slog.NewRecord(r.Time, r.Level, r.Message, r.PC)
	r.Attrs(func(a slog.Attr) bool {
		if v := a.Value.Resolve(); v.Kind() == slog.KindString && strings.Contains(v.String(), "\n") {
			blocks = append(blocks, strings.TrimRight(v.String(), "\n"))
		} else {
			single.AddAttrs(a)
		}
		return true
	})
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.Handler.Handle(ctx, single); err != nil {
		return err
	}
	for _, b := range blocks {
		if _, err := io.WriteString(h.w, b+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func (h *multilineHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &multilineHandler{Handler: h.Handler.WithAttrs(as), w: h.w, mu: h.mu}
}

func (h *multilineHandler) WithGroup(name string) slog.Handler {
	return &multilineHandler{Handler: h.Handler.WithGroup(name), w: h.w, mu: h.mu}
}

// serveLogger is the logger of start and dev: --log-format, the terminal, --verbose.
func serveLogger(c config, out, errOut io.Writer) *slog.Logger {
	level := logLevel(c.verbose)
	switch {
	case c.logFormat == "json":
		return newJSONLogger(out, errOut, level)
	case isTerminal(errOut):
		return newTintLogger(out, errOut, level, wantsColor())
	}
	return newLineLogger(out, errOut, level)
}
