package engine

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/jsroute/jsroute/loader"
)

// What `jsroute dev` adds to an error, for the person editing the route:
//   - a thrown error's log line ends with a code frame at the first place of its stack in the app's own
//     files (source-mapped: the .ts line), as `next dev` prints it;
//   - a route that does not build or load answers its diagnostic as an HTML page when the request accepts
//     text/html (a browser), as text otherwise (curl, fetch). `start` answers text, as it always has.

// stackPlace is a place in a stack as nodeStack writes it: "(app/x/route.ts:3:11)" or "at app/x/route.ts:3:11".
var stackPlace = regexp.MustCompile(`(?:\(|at )([^\s()]+\.[cm]?[jt]sx?):(\d+):(\d+)\)?`)

// glueFrame is a stack line in code of jsroute's making: the bundles' unmapped helpers, the entry.
var glueFrame = regexp.MustCompile(`\n\s*at [^\n]*(\((` + regexp.QuoteMeta(loader.BundleName) + `|` +
	regexp.QuoteMeta(loader.VendorName) + `):\d+:\d+\)|%3Cjsroute-entry%3E:[^\n]*)`)

// errorFrame returns the code frame of the first place in stack that is a file of the project under root,
// outside node_modules; "" when there is none or it cannot be read.
func errorFrame(root, stack string) string {
	for _, m := range stackPlace.FindAllStringSubmatch(stack, -1) {
		file := filepath.FromSlash(m[1])
		if filepath.IsAbs(file) || strings.HasPrefix(filepath.Clean(file), "..") || strings.Contains(m[1], "node_modules/") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if frame := loader.CodeFrame(string(src), line, col, 2, 3); frame != "" {
			return frame
		}
	}
	return ""
}

// withFrame appends the code frame of stack (errorFrame) in dev, and leaves out the frames of jsroute's own
// glue (esbuild's module initialisers, the synthetic entry), which name no source file: the stack reads as
// the app's and its packages' frames only, as `next dev` ignore-lists its own.
func (w *worker) withFrame(stack string) string {
	if !w.dev {
		return stack
	}
	stack = glueFrame.ReplaceAllString(stack, "")
	if frame := errorFrame(w.root, stack); frame != "" {
		return stack + "\n" + frame
	}
	return stack
}

// acceptsHTML reports whether the request accepts text/html (a browser), per RFC 9110 §12.5.1: listed,
// and not with q=0.
func acceptsHTML(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept") {
		for _, part := range strings.Split(v, ",") {
			params := strings.Split(part, ";")
			if !strings.EqualFold(strings.TrimSpace(params[0]), "text/html") {
				continue
			}
			for _, p := range params[1:] {
				if k, v, _ := strings.Cut(strings.TrimSpace(p), "="); strings.EqualFold(k, "q") {
					if q, err := strconv.ParseFloat(v, 64); err == nil && q == 0 {
						return false
					}
				}
			}
			return true
		}
	}
	return false
}

// problemAnswer is the 500 of a route that does not build or load: text in start and for non-browser
// clients, an HTML page in dev for a browser.
func problemAnswer(r *http.Request, dev bool, text string) (http.Header, []byte) {
	if !dev || !acceptsHTML(r) {
		return http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, []byte(text)
	}
	return http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Cache-Control": {"no-store"}}, []byte(problemPage(text))
}

// writeProblem writes problemAnswer.
func writeProblem(w http.ResponseWriter, r *http.Request, dev bool, text string) {
	h, body := problemAnswer(r, dev, text)
	for k, v := range h {
		w.Header()[k] = v
	}
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(body)
}

// problemPage is the dev error page: the diagnostic as it is in the terminal, escaped, in a page that
// needs nothing else (no script, no stylesheet).
func problemPage(text string) string {
	title, _, _ := strings.Cut(text, "\n")
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>500: ")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title>\n<style>body{margin:2rem;font:15px/1.5 system-ui,sans-serif;color:#111;background:#fff}" +
		"h1{font-size:1.2rem;color:#b00020}pre{font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;background:#f5f5f5;" +
		"border-left:4px solid #b00020;padding:1rem;overflow:auto;white-space:pre}" +
		"@media (prefers-color-scheme:dark){body{color:#eee;background:#111}pre{background:#1c1c1c}}</style>\n</head><body>\n")
	b.WriteString("<h1>500: this route does not build or load</h1>\n<pre>")
	b.WriteString(html.EscapeString(text))
	b.WriteString("</pre>\n<p>jsroute dev: save the fixed file and reload this page.</p>\n</body></html>\n")
	return b.String()
}
