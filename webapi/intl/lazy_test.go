package intl_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/intl"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// TestLazyGlobal: Intl is an accessor until first touched, then a plain data property holding the
// same object; assigning to it replaces it, as any writable global.
func TestLazyGlobal(t *testing.T) {
	env := webapitest.New(t, webapitest.Options{}, intl.Install)
	got := env.Run(`
		const before = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
		const a = Intl, b = Intl;
		const after = Object.getOwnPropertyDescriptor(globalThis, 'Intl');
		return [typeof before.get, 'value' in before, a === b, after.value === a, after.enumerable, after.writable, Object.keys(globalThis).includes('Intl')].join();
	`).String()
	if want := "function,false,true,true,false,true,false"; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
	got = env.Run(`globalThis.Intl = 5; return String(Intl)`).String()
	if got != "5" {
		t.Fatalf("Intl after assignment: %s", got)
	}
	env2 := webapitest.New(t, webapitest.Options{}, intl.Install)
	got = env2.Run(`Intl = 7; return String(Intl)`).String()
	if got != "7" {
		t.Fatalf("assigning before first access: %s", got)
	}
}

// TestCachedDefaults: toLocaleString without options reuses one formatter per locale, and options
// still take effect after a cached call.
func TestCachedDefaults(t *testing.T) {
	env := webapitest.New(t, webapitest.Options{}, intl.Install)
	got := env.Run(`return [(1234.5).toLocaleString('de-DE'), (1234.5).toLocaleString('de-DE', { maximumFractionDigits: 0 }), (1234.5).toLocaleString('de-DE'), (5).toLocaleString()].join('|')`).String()
	if want := "1.234,5|1.235|1.234,5|5"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// BenchmarkInstall is what every worker's boot pays for this package: the Intl accessor and the
// seven prototype methods, no CLDR data.
func BenchmarkInstall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		env := webapitest.New(b, webapitest.Options{})
		b.StartTimer()
		intl.Install(env.Realm)
	}
}

func benchJS(b *testing.B, setup string) {
	env := webapitest.New(b, webapitest.Options{}, intl.Install)
	f, ok := assertFunction(env.Run(setup))
	if !ok {
		b.Fatal("not a function")
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := f(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNumberFormat is one NumberFormat.format call from JS on a made formatter.
func BenchmarkNumberFormat(b *testing.B) {
	benchJS(b, `const f = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }); return () => f.format(1234.5)`)
}

// BenchmarkDateTimeFormat is one DateTimeFormat.format call from JS on a made formatter.
func BenchmarkDateTimeFormat(b *testing.B) {
	benchJS(b, `const f = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' }); return () => f.format(1709629623045)`)
}

// BenchmarkToLocaleString is (x).toLocaleString('de-DE'): the cached default formatter.
func BenchmarkToLocaleString(b *testing.B) {
	benchJS(b, `return () => (1234.5).toLocaleString('de-DE')`)
}

// TestDefaultLocaleFromEnvironment: the default locale follows LC_ALL, LC_MESSAGES, LANG as in Node
// (answers recorded from node with those variables set).
func TestDefaultLocaleFromEnvironment(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANG": "de_DE.UTF-8"}, "de-DE 1.234,5"},
		{map[string]string{"LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8"}, "fr-FR 1\u202f234,5"},
		{map[string]string{"LANG": "C"}, "en-US 1,234.5"},
		{map[string]string{"LANG": "pt_BR"}, "pt-BR 1.234,5"},
		{map[string]string{"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "de_DE.UTF-8"}, "ja-JP 1,234.5"},
		{map[string]string{"LC_NUMERIC": "de_DE.UTF-8", "LANG": "en_GB.UTF-8"}, "en-GB 1,234.5"},
	} {
		for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LC_NUMERIC"} {
			t.Setenv(k, c.env[k])
		}
		env := webapitest.New(t, webapitest.Options{}, intl.Install)
		got := env.Run(`return new Intl.NumberFormat().resolvedOptions().locale + ' ' + (1234.5).toLocaleString()`).String()
		if got != c.want {
			t.Errorf("%v: got %q, want %q", c.env, got, c.want)
		}
	}
}

// BenchmarkFirstIntlAccess is what the first `Intl` in a runtime costs: the namespace and its
// eleven classes (no CLDR data yet).
func BenchmarkFirstIntlAccess(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		env := webapitest.New(b, webapitest.Options{}, intl.Install)
		b.StartTimer()
		if _, err := env.VM.RunString("Intl"); err != nil {
			b.Fatal(err)
		}
	}
}
