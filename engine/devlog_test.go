package engine

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
)

// TestNoteLogOnce: a note every load repeats is said at Info once, then at Debug (seen with --verbose only).
func TestNoteLogOnce(t *testing.T) {
	for _, c := range []struct {
		level slog.Level
		want  string
	}{
		{slog.LevelInfo, "level=INFO msg=\"file lowered\" file=a.ts\nlevel=INFO msg=\"other note\"\n"},
		{slog.LevelDebug, "level=INFO msg=\"file lowered\" file=a.ts\nlevel=DEBUG msg=\"file lowered\" file=a.ts\nlevel=INFO msg=\"other note\"\n"},
	} {
		var buf bytes.Buffer
		e := &Engine{opts: Options{Logger: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: c.level,
			ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
				if a.Key == slog.TimeKey {
					return slog.Attr{}
				}
				return a
			}}))}}
		e.noteLog().Info("file lowered", "file", "a.ts")
		e.noteLog().Info("file lowered", "file", "a.ts")
		e.noteLog().Info("other note")
		if got := buf.String(); got != c.want {
			t.Errorf("at %s:\n%s\nwant\n%s", c.level, got, c.want)
		}
		if strings.Count(buf.String(), "INFO msg=\"file lowered\"") != 1 {
			t.Error("the repeated note is said at Info more than once")
		}
	}
}
