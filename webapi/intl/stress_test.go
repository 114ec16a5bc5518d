package intl_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/jsroute/jsroute/webapi/intl"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// TestRandomOptions builds formatters from random option bags (valid and invalid values, all
// locales carried and some that are not) and formats odd inputs: every failure must be a
// TypeError or RangeError raised as ECMA-402 does, never an internal error or a Go panic.
func TestRandomOptions(t *testing.T) {
	env := webapitest.New(t, webapitest.Options{}, intl.Install)
	n := 3000
	if testing.Short() {
		n = 500
	}
	got := env.Run(strings.Replace(`
		let seed = 42;
		const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
		const pick = (a) => a[rnd(a.length)];
		const locales = [undefined, 'en', 'en-US', 'de-CH', 'fr-CA', 'ar-EG', 'ar-SA-u-nu-latn', 'ja-JP-u-hc-h11', 'zh-Hant-HK', 'pt-AO', 'es-419', 'xx', 'en-u-nu-arab', ['ru', 'ko'], []];
		const vals = [undefined, 'long', 'short', 'narrow', 'numeric', '2-digit', 'bogus', true, false, 0, 1, 3, 25, -1, NaN, 'always', 'auto', 'never', 'min2', 'exceptZero', 'negative', 'compact', 'scientific', 'engineering', 'standard', 'EUR', 'JPY', 'kilometer', 'liter-per-kilometer', 'h11', 'h24', 'UTC', 'America/Sao_Paulo', 'Asia/Kathmandu', 'currency', 'percent', 'unit', 'decimal', 'code', 'name', 'narrowSymbol', 'accounting', 'morePrecision', 'lessPrecision', 'stripIfInteger', 'full', 'medium', 'shortOffset', 'longGeneric'];
		const numKeys = ['style', 'currency', 'currencyDisplay', 'currencySign', 'unit', 'unitDisplay', 'minimumIntegerDigits', 'minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits', 'useGrouping', 'notation', 'compactDisplay', 'signDisplay', 'roundingPriority', 'trailingZeroDisplay'];
		const dateKeys = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName', 'hour12', 'hourCycle', 'timeZone', 'dateStyle', 'timeStyle'];
		const inputs = [0, -0, 1.5, -1234.5678, 1e21, 1e-7, NaN, Infinity, -Infinity, 123456789012345680000, 2n ** 64n, '1.25', 0.5, 999999.5];
		const dates = [0, -1, 1e12, -62198755200000, 8.64e15, -8.64e15, 1709629623045, NaN];
		const bad = [];
		let ok = 0;
		const run = (what, fn) => {
			try { const r = fn(); if (typeof r !== 'string' && !Array.isArray(r)) bad.push(what + ': returned ' + typeof r); else ok++; }
			catch (e) { if (!(e instanceof RangeError || e instanceof TypeError)) bad.push(what + ': ' + (e && e.name) + ': ' + (e && e.message)); }
		};
		for (let i = 0; i < ${N}; i++) {
			const l = pick(locales);
			const no = {}; for (let k = rnd(5); k > 0; k--) no[pick(numKeys)] = pick(vals);
			const x = pick(inputs);
			run('NumberFormat ' + JSON.stringify([l, no]) + ' ' + String(x), () => { const f = new Intl.NumberFormat(l, no); return [f.format(x), f.formatToParts(x).map((p) => p.value).join(''), f.formatRange(0, 5)] });
			const dopt = {}; for (let k = rnd(5); k > 0; k--) dopt[pick(dateKeys)] = pick(vals);
			const d = pick(dates);
			run('DateTimeFormat ' + JSON.stringify([l, dopt]) + ' ' + d, () => { const f = new Intl.DateTimeFormat(l, dopt); return [f.format(d), f.formatToParts(d).map((p) => p.value).join(''), f.formatRange(0, d), JSON.stringify(f.resolvedOptions())] });
			run('toLocaleString ' + JSON.stringify([l, dopt]), () => new Date(d).toLocaleString(l, dopt));
			run('RelativeTimeFormat', () => new Intl.RelativeTimeFormat(l, { style: pick(['long', 'short', 'narrow']), numeric: pick(['auto', 'always']) }).format(Number(x) || 0, pick(['day', 'weeks', 'quarter', 'second', 'years'])));
			run('PluralRules', () => new Intl.PluralRules(l, { type: pick(['ordinal', 'cardinal']) }).select(Number(x)));
			run('ListFormat', () => new Intl.ListFormat(l, { type: pick(['conjunction', 'disjunction', 'unit']), style: pick(['long', 'short', 'narrow']) }).format(['a', 'b', 'c'].slice(rnd(4))));
			run('DisplayNames', () => String(new Intl.DisplayNames(l, { type: pick(['region', 'language', 'currency', 'script']) }).of(pick(['US', 'de-AT', 'EUR', 'Latn', 'zz', '419']))));
			run('Segmenter', () => Array.from(new Intl.Segmenter(l, { granularity: pick(['grapheme', 'word', 'sentence']) }).segment(pick(['Hello, world. Bye!', 'e\u0301👍🏽', '', '日本語', '\r\n\r\n']))).map((s) => s.segment));
		}
		return JSON.stringify({ ok, bad: bad.slice(0, 20), nbad: bad.length });
	`, "${N}", strconv.Itoa(n), 1))
	var res struct {
		OK   int      `json:"ok"`
		Bad  []string `json:"bad"`
		NBad int      `json:"nbad"`
	}
	if err := json.Unmarshal([]byte(got.String()), &res); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d calls answered, %d internal failures", res.OK, res.NBad)
	if res.NBad > 0 || res.OK < n {
		t.Fatalf("internal failures:\n%s", strings.Join(res.Bad, "\n"))
	}
}
