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
		{"ids are positive integers", `
			const a = setTimeout(() => {}, 1), b = setTimeout(() => {}, 1);
			return [Number.isInteger(a), a > 0, b > a].join()`, "true,true,true"},
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
		{"queueMicrotask rejects non-functions", `
			try { queueMicrotask(1) } catch (e) { return e instanceof TypeError }`, "true"},
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
