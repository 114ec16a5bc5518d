package fs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi"
	"github.com/jsroute/jsroute/webapi/console"
	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/encoding"
	"github.com/jsroute/jsroute/webapi/node"
	_ "github.com/jsroute/jsroute/webapi/node/asynchooks"
	_ "github.com/jsroute/jsroute/webapi/node/fs"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/url"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// The behaviour Node shows is covered by the node-fs conformance area (run in Node 20 and in
// jsroute); these tests cover what only jsroute has: the project root as cwd, the embedder's
// NoFS and FSRoot, and completions in the caller's async context.

func env(t *testing.T, cfg *webapi.FSConfig) *webapitest.Env {
	return webapitest.New(t, webapitest.Options{FS: cfg}, console.Install, timers.Install, dom.Install, encoding.Install, url.Install, node.Install)
}

func TestRelativePathsStartAtTheProjectRoot(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "content.md"), []byte("# hello"), 0o644)
	os.Mkdir(filepath.Join(root, "posts"), 0o755)
	e := env(t, &webapi.FSConfig{Cwd: root})
	got := e.Run(`const fs = __jsrouteRequire('fs');
		fs.writeFileSync('posts/a.md', 'A');
		const viaPromise = await __jsrouteRequire('fs/promises').readFile('./content.md', 'utf8');
		return [fs.readFileSync('content.md', 'utf8'), viaPromise, fs.readdirSync('posts').join(), fs.existsSync('nope'),
			fs.statSync('.').isDirectory()].join('|')`).String()
	if got != "# hello|# hello|a.md|false|true" {
		t.Errorf("got %s", got)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "posts", "a.md")); string(b) != "A" {
		t.Errorf("posts/a.md: %q", b)
	}
}

func TestConfinedToRoot(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret"), []byte("s"), 0o644)
	os.WriteFile(filepath.Join(root, "ok"), []byte("ok"), 0o644)
	os.Symlink(outside, filepath.Join(root, "escape"))
	e := env(t, &webapi.FSConfig{Cwd: root, Root: root})
	e.VM.Set("outside", outside)
	got := e.Run(`const fs = __jsrouteRequire('fs'); const out = [];
		const tryIt = (f) => { try { return String(f()) } catch (e) { return e.code + ' ' + e.syscall + ' ' + e.message.split(',')[0] } };
		out.push(tryIt(() => fs.readFileSync('ok', 'utf8')));
		out.push(tryIt(() => fs.readFileSync(outside + '/secret', 'utf8')));
		out.push(tryIt(() => fs.readFileSync('escape/secret', 'utf8')));
		out.push(tryIt(() => fs.readFileSync('../' + outside.split('/').pop() + '/secret')));
		out.push(tryIt(() => fs.writeFileSync('escape/new', 'x')));
		out.push(tryIt(() => fs.writeFileSync('fresh/../made', 'x')));
		out.push(String(fs.existsSync(outside + '/secret')));
		out.push(await __jsrouteRequire('fs/promises').readFile(outside + '/secret').catch(e => e.code));
		return out.join('\n')`).String()
	want := strings.Join([]string{
		"ok",
		"EACCES open EACCES: permission denied",
		"EACCES open EACCES: permission denied",
		"EACCES open EACCES: permission denied",
		"EACCES open EACCES: permission denied",
		"undefined",
		"false",
		"EACCES",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := os.Stat(filepath.Join(outside, "new")); err == nil {
		t.Error("a write escaped the root through a symlink")
	}
}

func TestSwitchedOff(t *testing.T) {
	e := env(t, nil)
	got := e.Run(`const fs = __jsrouteRequire('fs'); const out = [];
		try { fs.readFileSync('x') } catch (e) { out.push(e.code + ': ' + e.message) }
		out.push(await fs.promises.readFile('x').catch(e => e.code), String(fs.existsSync('/')));
		try { fs.watch('.') } catch (e) { out.push(e.code + ': ' + e.message) }
		return out.join('\n')`).String()
	want := "ERR_NOT_SUPPORTED: node:fs readFileSync() is switched off by the embedder (engine.Options.NoFS)\nERR_NOT_SUPPORTED\nfalse\nERR_NOT_SUPPORTED: node:fs watch() is not supported by jsroute"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// Callback and promise completions run in the async context of the call (AsyncLocalStorage).
func TestCompletionsKeepTheAsyncContext(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "f"), []byte("x"), 0o644)
	e := env(t, &webapi.FSConfig{Cwd: root})
	got := e.Run(`const fs = __jsrouteRequire('fs'); const { AsyncLocalStorage } = __jsrouteRequire('async_hooks');
		const als = new AsyncLocalStorage();
		const one = (id) => als.run(id, () => new Promise((res) => fs.readFile('f', () => res(als.getStore()))));
		const two = (id) => als.run(id, async () => { await fs.promises.stat('f'); await fs.promises.readFile('f'); return als.getStore() });
		return (await Promise.all([one('a'), two('b'), one('c'), two('d')])).join()`).String()
	if got != "a,b,c,d" {
		t.Errorf("got %s", got)
	}
}
