package loader

import (
	"cmp"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// LoadEnv reads the project's .env files as Next.js does (@next/env 16: dotenv 16.3.1 parsing plus its bundled
// dotenv-expand), for mode "development" (dev), "production" (start) or "test".
//
// Files are read from root in Next's order, first definition wins: `.env.$(mode).local`, `.env.local` (not
// when mode is "test"), `.env.$(mode)`, `.env`; the real environment (environ, "KEY=value" entries as from
// os.Environ) beats them all. Values are `$VAR`/`${VAR}`/`${VAR:-default}` expanded against the real
// environment and the files read so far, and `\$` stays a literal `$`.
//
// The result holds exactly the names the files define, each with the value process.env has for it in Next
// (for a name the real environment also sets, that is the real value, expanded like a file value: @next/env
// does that too). The engine builds process.env from this map plus whatever part of the real environment it
// chooses to expose. Unreadable files are skipped, as @next/env logs and skips them.
func LoadEnv(root string, mode string, environ []string) map[string]string {
	names := []string{".env." + mode + ".local", ".env.local", ".env." + mode, ".env"}
	if mode == "test" {
		names = slices.Delete(names, 1, 2)
	}
	// env plays process.env: expansion reads it and writes every parsed name back into it.
	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	fromEnviron := maps.Clone(env)
	out := map[string]string{}
	for _, name := range names {
		p := filepath.Join(root, name)
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		parsed := parseDotenv(string(data))
		if !expandDotenv(parsed, env) {
			continue // @next/env logs "Failed to load env from <file>" and goes on without the file
		}
		for _, k := range parsed.keys {
			if _, ok := out[k]; !ok {
				out[k] = parsed.values[k]
			}
		}
	}
	for k := range out {
		if _, ok := fromEnviron[k]; ok {
			out[k] = env[k] // the real value, as expansion left it in process.env
		}
	}
	return out
}

// dotenv is an ordered string map: JS object key order (integer-like keys first, ascending, then insertion
// order), which decides the order dotenv-expand walks the names in.
type dotenv struct {
	keys   []string
	values map[string]string
}

func (d *dotenv) set(k, v string) {
	if _, ok := d.values[k]; !ok {
		d.keys = append(d.keys, k)
	}
	d.values[k] = v
}

// jsOrder puts array-index keys ("0" to "4294967294", canonical) first in numeric order, as JS objects do.
func (d *dotenv) jsOrder() {
	var idx, rest []string
	for _, k := range d.keys {
		if n, err := strconv.ParseUint(k, 10, 32); err == nil && n < 1<<32-1 && strconv.FormatUint(n, 10) == k {
			idx = append(idx, k)
		} else {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(idx, func(a, b string) int { // canonical numbers: shorter is smaller
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	})
	d.keys = append(idx, rest...)
}

// jsSpace is JavaScript's \s (WhiteSpace and LineTerminator), which dotenv's regexp and String.prototype.trim
// use; Go's \s is ASCII only.
const jsSpace = `[\t\n\v\f\r \x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}\x{feff}]`

func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// dotenvLine is dotenv 16.3.1's LINE regexp, with \s spelled out as JS means it. (JS's multi-line `$` also
// matches before U+2028 and U+2029, Go's does not: a difference only for values holding those characters.)
var dotenvLine = regexp.MustCompile(strings.ReplaceAll(
	`(?m)(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`+"`"+`(?:\\`+"`"+`|[^`+"`"+`])*`+"`"+`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)`,
	`\s`, jsSpace))

// parseDotenv is dotenv.parse: KEY=value lines, `export ` prefixes, `#` comments, single, double and backtick
// quotes (multi-line allowed), `\n` and `\r` escapes inside double quotes only; a repeated name keeps its
// last value.
func parseDotenv(src string) *dotenv {
	d := &dotenv{values: map[string]string{}}
	src = strings.ToValidUTF8(src, "\uFFFD")
	src = strings.ReplaceAll(src, "\r\n", "\n")
	src = strings.ReplaceAll(src, "\r", "\n")
	for _, m := range dotenvLine.FindAllStringSubmatch(src, -1) {
		value := strings.TrimFunc(m[2], isJSSpace)
		quote := byte(0)
		if value != "" {
			quote = value[0]
		}
		// value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2'): a value that starts and ends with the same quote.
		if len(value) >= 2 && (quote == '\'' || quote == '"' || quote == '`') && value[len(value)-1] == quote {
			value = value[1 : len(value)-1]
		}
		if quote == '"' {
			value = strings.ReplaceAll(value, `\n`, "\n")
			value = strings.ReplaceAll(value, `\r`, "\r")
		}
		d.set(m[1], value)
	}
	d.jsOrder()
	return d
}

// expandGroup is dotenv-expand's pattern for the right-most `$` of a value: `$NAME`, `${NAME}`,
// `${NAME:-default}` (each brace optional on its own).
var expandGroup = regexp.MustCompile(`^\$\{?(\w+)(?::-([^}\\]*))?\}?`)

// expandDotenv is the dotenv-expand bundled in @next/env: each value (or, for a name env already has, env's
// value) is interpolated, `\$` becomes `$`, and then every name is written into env. It reports false, leaving
// env alone, when a value refers to itself without end (in JS: a stack overflow, and Next skips the file).
func expandDotenv(d *dotenv, env map[string]string) bool {
	for _, k := range d.keys {
		v, ok := env[k]
		if !ok {
			v = d.values[k]
		}
		v, ok = interpolate(v, env, d)
		if !ok {
			return false
		}
		d.values[k] = strings.ReplaceAll(v, `\$`, "$")
	}
	for _, k := range d.keys {
		env[k] = d.values[k]
	}
	return true
}

// maxExpansions bounds interpolate: far more `$` than any real value holds, far less than a runaway.
const maxExpansions = 1000

// interpolate replaces the right-most unescaped `$NAME` and repeats until none is left (or the right-most `$`
// starts no name: then the rest stays as it is). The value comes from env, else the default, else the file
// itself; empty counts as missing. As in JS, the first occurrence of the matched text is replaced, and `$$`,
// "$&", "$`" and "$'" in the value are replacement patterns.
func interpolate(value string, env map[string]string, d *dotenv) (string, bool) {
	for range maxExpansions {
		last := -1
		for i := len(value) - 1; i >= 0; i-- {
			if value[i] == '$' && (i == 0 || value[i-1] != '\\') {
				last = i
				break
			}
		}
		if last < 0 {
			return value, true
		}
		m := expandGroup.FindStringSubmatch(value[last:])
		if m == nil {
			return value, true
		}
		group, name, def := m[0], m[1], m[2]
		repl := env[name]
		if repl == "" {
			repl = def
		}
		if repl == "" {
			repl = d.values[name]
		}
		value = jsReplaceFirst(value, group, repl)
	}
	return "", false
}

// jsReplaceFirst is String.prototype.replace with a string pattern.
func jsReplaceFirst(s, pattern, repl string) string {
	i := strings.Index(s, pattern)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for j := 0; j < len(repl); j++ {
		if repl[j] != '$' || j+1 == len(repl) {
			b.WriteByte(repl[j])
			continue
		}
		switch repl[j+1] {
		case '$':
			b.WriteByte('$')
		case '&':
			b.WriteString(pattern)
		case '`':
			b.WriteString(s[:i])
		case '\'':
			b.WriteString(s[i+len(pattern):])
		default:
			b.WriteByte('$')
			continue
		}
		j++
	}
	b.WriteString(s[i+len(pattern):])
	return b.String()
}
