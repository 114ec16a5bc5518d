package intl_test

import (
	"sync"
	"testing"

	"github.com/jsroute/jsroute/webapi/intl"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

// TestRuntimesInParallel: runtimes on their own goroutines (as the engine's workers) share the
// CLDR data; first uses of the same and different locales race for it (run with -race).
func TestRuntimesInParallel(t *testing.T) {
	locales := []string{"de-DE", "fr-CA", "ja-JP", "ar-EG", "de-DE", "es-MX", "pt-BR", "zh-TW"}
	var wg sync.WaitGroup
	results := make([]string, len(locales))
	for i, l := range locales {
		wg.Add(1)
		go func() {
			defer wg.Done()
			env := webapitest.New(t, webapitest.Options{}, intl.Install)
			results[i] = env.Run(`return [(1234.5).toLocaleString('` + l + `'), new Date(0).toLocaleString('` + l + `', { timeZone: 'America/New_York' }), new Intl.RelativeTimeFormat('` + l + `').format(-1, 'day')].join(' | ')`).String()
		}()
	}
	wg.Wait()
	if results[0] != results[4] {
		t.Errorf("de-DE answered twice differently: %q, %q", results[0], results[4])
	}
	for i, r := range results {
		if r == "" {
			t.Errorf("%s: no answer", locales[i])
		}
	}
}
