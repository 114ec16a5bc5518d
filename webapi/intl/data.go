package intl

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"io"
	"sync"
)

//go:generate sh -c "cd internal/cldrgen && npm ci --no-audit --no-fund && node gen.mjs"

// cldrGz is CLDR 48 (the version ICU 78 in Node 20 carries), cut down to the locales and fields
// this package uses by internal/cldrgen/gen.mjs from the pinned cldr-*-full npm packages.
//
//go:embed cldr.json.gz
var cldrGz []byte

// numbersData is one locale's number symbols and patterns (CLDR main/<loc>/numbers.json).
type numbersData struct {
	NS              string                       `json:"ns"`
	MinGroup        int                          `json:"minGroup"`
	Sym             map[string]string            `json:"sym"`
	LatnSym         map[string]string            `json:"latnSym"`
	ArabSym         map[string]string            `json:"arabSym"`
	Decimal         string                       `json:"decimal"`
	Percent         string                       `json:"percent"`
	Scientific      string                       `json:"scientific"`
	Currency        string                       `json:"currency"`
	Accounting      string                       `json:"accounting"`
	CurrencySpacing map[string]map[string]string `json:"currencySpacing"`
	UnitPattern     map[string]string            `json:"unitPattern"`
	CompactShort    map[string]string            `json:"compactShort"`
	CompactLong     map[string]string            `json:"compactLong"`
	CurrencyShort   map[string]string            `json:"currencyShort"`
	Arab            *numberPatterns              `json:"arab"`
	Misc            map[string]string            `json:"misc"`
}

// numberPatterns are the patterns of a second numbering system (arab for ar).
type numberPatterns struct {
	Decimal, Percent, Scientific, Currency, Accounting string
}

type currencyData struct {
	Name   string            `json:"n"`
	Symbol string            `json:"s"`
	Narrow string            `json:"ns"`
	Counts map[string]string `json:"c"`
}

// widths is a CLDR name set by context (format, stand-alone) then width (abbreviated, wide, narrow).
type widths map[string]map[string]map[string]string

type datesData struct {
	Months          widths                       `json:"months"`
	Days            widths                       `json:"days"`
	Eras            map[string]map[string]string `json:"eras"`
	DayPeriods      widths                       `json:"dayPeriods"`
	DateFormats     map[string]string            `json:"dateFormats"`
	TimeFormats     map[string]string            `json:"timeFormats"`
	DateTimeFormats map[string]string            `json:"dateTimeFormats"`
	AtTime          map[string]string            `json:"dateTimeFormatsAtTime"`
	Available       map[string]string            `json:"available"`
	Interval        map[string]json.RawMessage   `json:"interval"`
}

type zoneNames struct {
	Long  map[string]string `json:"long"`
	Short map[string]string `json:"short"`
}

type zonesData struct {
	HourFormat    string                     `json:"hourFormat"`
	GMTFormat     string                     `json:"gmtFormat"`
	GMTZeroFormat string                     `json:"gmtZeroFormat"`
	Metazone      map[string]zoneNames       `json:"metazone"`
	Zone          map[string]json.RawMessage `json:"zone"`
}

type fieldData struct {
	DisplayName string            `json:"displayName"`
	Future      map[string]string `json:"relativeTime-type-future"`
	Past        map[string]string `json:"relativeTime-type-past"`
	Minus2      string            `json:"relative-type--2"`
	Plus2       string            `json:"relative-type-2"`
	Minus1      string            `json:"relative-type--1"`
	Zero        string            `json:"relative-type-0"`
	Plus1       string            `json:"relative-type-1"`
}

type unitData map[string]string // count → pattern; "per" → per-unit pattern

// localeData is everything one CLDR locale contributes.
type localeData struct {
	Numbers     numbersData                    `json:"numbers"`
	Currencies  map[string]currencyData        `json:"currencies"`
	Dates       datesData                      `json:"dates"`
	Zones       zonesData                      `json:"zones"`
	Fields      map[string]fieldData           `json:"fields"`
	Lists       map[string]map[string]string   `json:"lists"`
	Languages   map[string]string              `json:"languages"`
	Territories map[string]string              `json:"territories"`
	Scripts     map[string]string              `json:"scripts"`
	LocalePat   map[string]string              `json:"localePattern"`
	Units       map[string]map[string]unitData `json:"units"`
}

type supplementalData struct {
	CurrencyDigits map[string]int                          `json:"currencyDigits"`
	TimeData       map[string]string                       `json:"timeData"`
	ZoneToMeta     map[string]string                       `json:"zoneToMeta"`
	MetaGolden     map[string]string                       `json:"metaGolden"`
	NumberingSys   map[string]string                       `json:"numberingSystems"`
	DayPeriods     map[string]map[string]map[string]string `json:"dayPeriods"`
	Likely         map[string]string                       `json:"likely"`
	Plurals        map[string]map[string]string            `json:"plurals"`
	Ordinals       map[string]map[string]string            `json:"ordinals"`
}

var cldr struct {
	once         sync.Once
	supplemental supplementalData
	raw          map[string]json.RawMessage
	parents      map[string]string // regional locale → the locale it is stored as a difference from
	mu           sync.Mutex
	locales      map[string]*localeData
	trees        map[string]map[string]any // resolved JSON trees, to merge children over
}

func loadCLDR() {
	cldr.once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(cldrGz))
		if err != nil {
			panic(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			panic(err)
		}
		var top struct {
			Supplemental supplementalData           `json:"supplemental"`
			Parents      map[string]string          `json:"parents"`
			Locales      map[string]json.RawMessage `json:"locales"`
		}
		if err := json.Unmarshal(b, &top); err != nil {
			panic(err)
		}
		cldr.supplemental = top.Supplemental
		cldr.parents = top.Parents
		cldr.raw = top.Locales
		cldr.locales = map[string]*localeData{}
		cldr.trees = map[string]map[string]any{}
	})
}

// supplemental returns the locale-independent CLDR data.
func supplemental() *supplementalData {
	loadCLDR()
	return &cldr.supplemental
}

// dataLocales reports whether CLDR data for id is carried.
func hasData(id string) bool {
	loadCLDR()
	_, ok := cldr.raw[id]
	return ok
}

// data returns the decoded data of a carried locale (id as in gen.mjs's LOCALES), decoding it
// on first use. Locale data is shared, read-only, by every runtime.
func data(id string) *localeData {
	loadCLDR()
	cldr.mu.Lock()
	defer cldr.mu.Unlock()
	if d, ok := cldr.locales[id]; ok {
		return d
	}
	b, err := json.Marshal(tree(id))
	if err != nil {
		panic(err)
	}
	d := new(localeData)
	if err := json.Unmarshal(b, d); err != nil {
		panic(err)
	}
	cldr.locales[id] = d
	return d
}

// tree is the resolved JSON of a locale: its stored difference merged over its parent's tree.
// Called with cldr.mu held.
func tree(id string) map[string]any {
	if t, ok := cldr.trees[id]; ok {
		return t
	}
	var own map[string]any
	if err := json.Unmarshal(cldr.raw[id], &own); err != nil {
		panic(err)
	}
	if p, ok := cldr.parents[id]; ok {
		own = merge(tree(p), own)
	}
	cldr.trees[id] = own
	return own
}

// merge returns base with over laid on it, object by object; neither is modified.
func merge(base, over map[string]any) map[string]any {
	out := make(map[string]any, len(base))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		if v == nil {
			delete(out, k) // the child has no such entry
			continue
		}
		if bm, ok := out[k].(map[string]any); ok {
			if om, ok := v.(map[string]any); ok {
				out[k] = merge(bm, om)
				continue
			}
		}
		out[k] = v
	}
	return out
}
