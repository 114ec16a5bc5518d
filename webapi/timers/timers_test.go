package timers_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func TestTimers(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   string
	}{
		{"same delay fires in order", `
			const out = [];
			await new Promise(res => { for (let i = 0; i < 5; i++) setTimeout(() => { out.push(i); if (i == 4) res() }, 5) });
			return out.join()`, "0,1,2,3,4"},
		{"shorter delay first", `
			const out = [];
			await new Promise(res => { setTimeout(() => { out.push('b'); res() }, 20); setTimeout(() => out.push('a'), 1) });
			return out.join()`, "a,b"},
		// HTML returns numbers; Node.js 20 returns Timeout objects that convert to one.
		{"handles are Node's Timeout objects", `
			const a = setTimeout(() => {}, 1), b = setTimeout(() => {}, 1);
			return [typeof a, a.constructor.name, Object.prototype.toString.call(a), Number.isInteger(+a), +a > 0, +b > +a, a.hasRef(), a.unref() === a, a.hasRef(), a.ref().hasRef(), typeof a[Symbol.toPrimitive]].join()`,
			"object,Timeout,[object Object],true,true,true,true,true,false,true,function"},
		{"Timeout: this, refresh, close, clear by number", `
			const wait = ms => new Promise(r => setTimeout(r, ms)); const out = [];
			let self; const c = setTimeout(function () { self = this }, 1); await wait(5); out.push(self === c);
			let n = 0; const d = setTimeout(() => n++, 1); await wait(5); d.refresh(); await wait(5); out.push(n);
			let m = 0; const e = setTimeout(() => m++, 1); clearTimeout(e); e.refresh(); await wait(5); out.push(m);
			let k = 0; const f = setTimeout(() => k++, 1); clearTimeout(+f); await wait(5); out.push(k);
			let j = 0; const g = setTimeout(() => j++, 1); const gid = g[Symbol.toPrimitive](); clearTimeout(gid + 100); clearTimeout(String(gid)); await wait(5); out.push(j);
			let q = 0; const h = setTimeout(() => q++, 1); h.close(); await wait(5); out.push(q);
			let iv = 0; const i = setInterval(function () { if (++iv === 2) this.close() }, 1); await wait(20); out.push(iv);
			return out.join(' | ')`, "true | 2 | 0 | 0 | 0 | 0 | 2"},
		// HTML makes a delay under 1 (or NaN) 0; Node.js makes it 1, so these run in order.
		{"delays under 1 ms are 1 ms", `
			const l = []; setTimeout(() => l.push('a'), 1); setTimeout(() => l.push('b'), 0); setTimeout(() => l.push('c'), -1); setTimeout(() => l.push('d'), NaN); setTimeout(() => l.push('e'), 2 ** 31); setTimeout(() => l.push('f'), '1');
			await new Promise(r => setTimeout(r, 30));
			return [l.join(''), [1n, Symbol()].map(v => { try { setTimeout(() => {}, v); return 'ok' } catch (e) { return e.name } })].join()`, "abcdef,TypeError,TypeError"},
		{"clearTimeout cancels", `
			let fired = false;
			const id = setTimeout(() => fired = true, 1);
			clearTimeout(id);
			await new Promise(res => setTimeout(res, 10));
			return fired`, "false"},
		{"clearing unknown ids and intervals is harmless", `
			clearTimeout(12345); clearTimeout(undefined); clearTimeout(null); clearInterval('x');
			let n = 0;
			await new Promise(res => { const id = setInterval(() => { if (++n == 3) { clearTimeout(id); res() } }, 1) });
			return n`, "3"},
		{"extra arguments are passed", `
			return await new Promise(res => setTimeout((a, b) => res(a + b), 1, 'x', 'y'))`, "xy"},
		{"negative and NaN delays are 0", `
			return await new Promise(res => setTimeout(() => res('ok'), -5))`, "ok"},
		{"queueMicrotask runs before timers", `
			const out = [];
			setTimeout(() => out.push('timer'), 0);
			queueMicrotask(() => out.push('micro'));
			await new Promise(res => setTimeout(res, 5));
			return out.join()`, "micro,timer"},
		{"clearTimeout looks up numbers and strings only, converting nothing", `
			let n = 0; const a = setTimeout(() => n++, 1), b = setTimeout(() => n += 10, 1), c = setTimeout(() => n += 100, 1);
			clearTimeout(String(+a)); clearTimeout(+b + 0.5); clearTimeout('0' + (+c)); clearTimeout(1n); clearTimeout(Symbol()); clearTimeout({ toString() { throw new Error() } });
			await new Promise(res => setTimeout(res, 10));
			return n`, "110"},
		{"lengths are Node's", `return [setTimeout.length, setInterval.length, clearTimeout.length, clearInterval.length, queueMicrotask.length].join()`, "5,5,1,1,1"},
		{"queueMicrotask rejects non-functions", `
			try { queueMicrotask(1) } catch (e) { return [e instanceof TypeError, e.code, e.message].join() }`,
			`true,ERR_INVALID_ARG_TYPE,The "callback" argument must be of type function. Received type number (1)`},
		// HTML would compile a string handler; Node.js 20 (the reference) throws at the call.
		{"non-function handlers throw ERR_INVALID_ARG_TYPE as in Node", `
			const t = f => { try { f(); return 'none' } catch (e) { return String(e) + ' | ' + e.code + ' ' + (e instanceof TypeError) } };
			return [t(() => setTimeout('1+1')), t(() => setTimeout()), t(() => setInterval(null, 1)), t(() => setTimeout({})), t(() => setTimeout('a'.repeat(40))), t(() => setTimeout(Object.create(null))), t(() => setTimeout("it's"))].join('\n')`,
			`TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type string ('1+1') | ERR_INVALID_ARG_TYPE true
TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received undefined | ERR_INVALID_ARG_TYPE true
TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received null | ERR_INVALID_ARG_TYPE true
TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received an instance of Object | ERR_INVALID_ARG_TYPE true
TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type string ('aaaaaaaaaaaaaaaaaaaaaaaaa...') | ERR_INVALID_ARG_TYPE true
TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received [Object: null prototype] {} | ERR_INVALID_ARG_TYPE true
TypeError [ERR_INVALID_ARG_TYPE]: The "callback" argument must be of type function. Received type string ("it's") | ERR_INVALID_ARG_TYPE true`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := webapitest.New(t, webapitest.Options{}, timers.Install)
			if got := env.Run(tt.script).String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
