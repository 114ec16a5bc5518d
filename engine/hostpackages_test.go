package engine_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/engine"
)

// Expected hashes: the real packages in Node 20 (fixtures/npm-compute/expected-passwords.json, cases
// "bcrypt.hashSync ascii a4" and "bcryptjs.hashSync ascii b4").
const (
	bcryptA4   = "$2a$04$abcdefghijklmnopqrstuu7EJV7kdjBBQxyb0HjTh9KS7.Lah/6CG"
	bcryptjsB4 = "$2b$04$AAAAAAAAAAAAAAAAAAAAA.dqOeqC1X6TXXIUh1UaxfbZDgf4FlUIu"
)

var hostPackageApp = map[string]string{
	"app/bcrypt/route.ts": `import bcrypt from 'bcrypt';
export async function GET() {
  const h = await bcrypt.hash('correct horse battery staple', '$2a$04$abcdefghijklmnopqrstuu');
  return Response.json({ h, ok: await bcrypt.compare('correct horse battery staple', h) });
}`,
	"app/argon/route.ts": `import * as argon2 from 'argon2';
export async function GET() {
  const h = await argon2.hash('pw', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  return Response.json({ ok: await argon2.verify(h, 'pw'), bad: await argon2.verify(h, 'pW') });
}`,
	"app/js/route.ts": `import bcrypt from 'bcryptjs';
export function GET() {
  return new Response(bcrypt.hashSync('correct horse battery staple', '$2b$04$AAAAAAAAAAAAAAAAAAAAAA'));
}`,
}

func TestHostPackagesWithoutNodeModules(t *testing.T) {
	dir := writeApp(t, hostPackageApp)
	srv, logs := serve(t, engine.Options{Dir: dir, Workers: 1})
	if code, _, body := get(t, srv.URL+"/bcrypt"); code != 200 || body != `{"h":"`+bcryptA4+`","ok":true}` {
		t.Errorf("/bcrypt: %d %s", code, body)
	}
	if code, _, body := get(t, srv.URL+"/argon"); code != 200 || body != `{"ok":true,"bad":false}` {
		t.Errorf("/argon: %d %s", code, body)
	}
	if code, _, body := get(t, srv.URL+"/js"); code != 200 || body != bcryptjsB4 {
		t.Errorf("/js: %d %s", code, body)
	}
	log := logs.String()
	for _, want := range []string{"npm packages provided by jsroute", "argon2 (native addon", "bcrypt (native addon", "bcryptjs (accelerated"} {
		if !strings.Contains(log, want) {
			t.Errorf("start-up log lacks %q:\n%s", want, log)
		}
	}
}

// With NoAccelerate the real bcryptjs runs in goja (copied from the npm ci'd fixture) and gives the
// same hash; the log no longer names it.
func TestNoAccelerateRunsThePackage(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm not on PATH")
	}
	fixture, _ := filepath.Abs("../fixtures/npm-compute")
	if out, err := exec.Command(filepath.Join(fixture, "setup.sh")).CombinedOutput(); err != nil {
		t.Fatalf("setup.sh: %v\n%s", err, out)
	}
	dir := writeApp(t, map[string]string{"app/js/route.ts": hostPackageApp["app/js/route.ts"]})
	if err := os.CopyFS(filepath.Join(dir, "node_modules/bcryptjs"), os.DirFS(filepath.Join(fixture, "node_modules/bcryptjs"))); err != nil {
		t.Fatal(err)
	}
	srv, logs := serve(t, engine.Options{Dir: dir, Workers: 1, NoAccelerate: true})
	if code, _, body := get(t, srv.URL+"/js"); code != 200 || body != bcryptjsB4 {
		t.Errorf("/js: %d %s", code, body)
	}
	if strings.Contains(logs.String(), "bcryptjs (accelerated") {
		t.Errorf("NoAccelerate still names bcryptjs:\n%s", logs.String())
	}
}
