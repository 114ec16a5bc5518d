package dom_test

import (
	"os"
	"os/exec"
	"testing"
)

// conformance is one JavaScript check: script is the body of an async function whose result,
// as a string, must be want. Unless nodeDiffers says why, Node.js 20 gives want too: run the
// tests with JSROUTE_NODE=1 to check every expectation against the local node.
type conformance struct {
	name, script, want string
	nodeDiffers        string
}

// prelude is put before every script: thrown(f) names what f throws.
const prelude = `const thrown = f => { try { f() } catch (e) { return e instanceof DOMException ? 'DOMException:' + e.name + ':' + e.code : e.constructor.name } return 'none' };
const rejected = async p => { try { await p } catch (e) { return e instanceof DOMException ? 'DOMException:' + e.name + ':' + e.code : e.constructor.name } return 'none' };
`

// checkNode runs script in Node.js when JSROUTE_NODE=1 and compares its result with want.
func checkNode(t *testing.T, c conformance) {
	t.Helper()
	if os.Getenv("JSROUTE_NODE") != "1" || c.nodeDiffers != "" {
		return
	}
	src := "(async () => {\n" + prelude + c.script + "\n})().then(v => process.stdout.write(String(v)), e => process.stdout.write('rejected: ' + e))"
	out, err := exec.Command("node", "-e", src).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	if string(out) != c.want {
		t.Errorf("node gives %q, want %q", out, c.want)
	}
}
