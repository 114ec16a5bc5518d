package loader

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/evanw/esbuild/pkg/api"
)

// Diagnostic is one build error or warning, placed like esbuild's Message (DESIGN.md: "Diagnostics carry
// file:line:col and a code frame").
type Diagnostic struct {
	// File is slash-separated and relative to the project root ("app/bad/route.ts"); "" when the message has
	// no location.
	File string
	// Line and Column are 1-based; Column counts characters, as editors do. Both are 0 without a location.
	Line, Column int
	Text         string
	// LineText is the source line the message points at.
	LineText string
	// Notes add context, prefixed with their own place when they have one ("app/x.ts:2:25: The original key
	// "a" is here:").
	Notes []string
	// Warning is set for warnings; the zero value is an error.
	Warning bool
}

// String renders the diagnostic as "app/x/route.ts:3:7: error: <text>" followed by the line and a caret.
func (d Diagnostic) String() string {
	var b strings.Builder
	sev := "error"
	if d.Warning {
		sev = "warning"
	}
	switch {
	case d.File != "" && d.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", d.File, d.Line, d.Column)
	case d.File != "":
		fmt.Fprintf(&b, "%s: ", d.File)
	}
	fmt.Fprintf(&b, "%s: %s", sev, d.Text)
	if d.Line > 0 && d.LineText != "" {
		num := fmt.Sprint(d.Line)
		fmt.Fprintf(&b, "\n    %s | %s\n    %s | %s^", num, d.LineText, strings.Repeat(" ", len(num)), caretIndent(d.LineText, d.Column))
	}
	for _, n := range d.Notes {
		fmt.Fprintf(&b, "\n  note: %s", n)
	}
	return b.String()
}

// caretIndent returns the blanks that put a caret under character column col (1-based) of line, keeping tabs
// so the caret lines up however the terminal renders them.
func caretIndent(line string, col int) string {
	var b strings.Builder
	n := 0
	for _, r := range line {
		if n >= col-1 {
			break
		}
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
		n++
	}
	return b.String()
}

// diagnostics converts esbuild messages.
func (b *builder) diagnostics(msgs []api.Message, warning bool) []Diagnostic {
	out := make([]Diagnostic, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, b.diagnostic(m, warning))
	}
	return out
}

func (b *builder) diagnostic(m api.Message, warning bool) Diagnostic {
	d := Diagnostic{Text: m.Text, Warning: warning}
	if loc := m.Location; loc != nil {
		d.File = b.displayPath(loc)
		d.Line = loc.Line
		d.LineText = loc.LineText
		d.Column = column(loc)
	}
	for _, n := range m.Notes {
		text := n.Text
		if n.Location != nil {
			text = fmt.Sprintf("%s:%d:%d: %s", b.displayPath(n.Location), n.Location.Line, column(n.Location), text)
		}
		if text != "" {
			d.Notes = append(d.Notes, text)
		}
	}
	return d
}

// column converts esbuild's 0-based byte column to a 1-based character column.
func column(loc *api.Location) int {
	col := min(max(loc.Column, 0), len(loc.LineText))
	return utf8.RuneCountInString(loc.LineText[:col]) + 1
}

// displayPath returns the location's file relative to the project root, slash-separated.
func (b *builder) displayPath(loc *api.Location) string {
	switch loc.Namespace {
	case "", "file":
	default:
		return loc.Namespace + ":" + loc.File
	}
	p := loc.File
	if filepath.IsAbs(p) {
		if rel, err := filepath.Rel(b.root, p); err == nil {
			p = rel
		}
	}
	return filepath.ToSlash(p)
}
