package intl

import (
	"encoding/json"
	"testing"
)

// BenchmarkLocaleData is the first use of a locale in a process: inflate its member (and its
// parent's) and decode it.
func BenchmarkLocaleData(b *testing.B) {
	for _, id := range []string{"de", "en-AU"} {
		b.Run(id, func(b *testing.B) {
			loadCLDR()
			for b.Loop() {
				cldr.mu.Lock()
				cldr.locales = map[string]*localeData{}
				cldr.sections = map[string]map[string]json.RawMessage{}
				cldr.own = map[string]map[string]map[string]json.RawMessage{}
				cldr.mu.Unlock()
				data(id)
			}
		})
	}
}

// TestEveryLocaleDecodes: every member of the pack inflates and decodes, and the regional ones
// resolve to data that differs from nothing essential (a decimal pattern and month names).
func TestEveryLocaleDecodes(t *testing.T) {
	loadCLDR()
	n := 0
	for id := range cldr.index {
		if id == "supplemental" {
			continue
		}
		n++
		if testing.Short() && n%10 != 0 {
			continue // -short: every tenth
		}
		d := data(id)
		if d.Numbers.Decimal == "" || d.Dates.Months["format"]["wide"]["1"] == "" || len(d.Currencies) < 100 {
			t.Errorf("%s: incomplete data (decimal %q, January %q, %d currencies)", id, d.Numbers.Decimal, d.Dates.Months["format"]["wide"]["1"], len(d.Currencies))
		}
	}
	if n < 250 {
		t.Errorf("only %d locales carried", n)
	}
}
