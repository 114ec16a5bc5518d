package intl

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"sync"
)

//go:generate sh -c "cd internal/cldrgen && npm ci --no-audit --no-fund && node gen.mjs"

// cldrPack is CLDR 48 (the version ICU 78 in Node 20 carries), cut down to the languages and
// fields this package uses by internal/cldrgen/gen.mjs from the pinned cldr-*-full npm packages:
// one gzipped JSON member per locale (regional locales as their difference from their parent) and
// one for the supplemental data, behind an index.
//
//go:embed cldr.pack
var cldrPack []byte

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
	AppendItems     map[string]string            `json:"appendItems"`
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
	Calendars   map[string]string              `json:"calendars"`
	Units       map[string]map[string]unitData `json:"units"`
}

type supplementalData struct {
	CurrencyDigits map[string]int                          `json:"currencyDigits"`
	TimeData       map[string]string                       `json:"timeData"`
	ZoneToMeta     map[string]string                       `json:"zoneToMeta"`
	MetaGolden     map[string]string                       `json:"metaGolden"`
	NumberingSys   map[string]string                       `json:"numberingSystems"`
	DayPeriods     map[string]map[string]map[string]string `json:"dayPeriods"`
	Zones          map[string][]string                     `json:"zones"`
	CalendarPrefs  map[string][]string                     `json:"calendars"` // region → CLDR calendar types, preferred first
	WeekData       map[string]map[string]string            `json:"weekData"`  // minDays, firstDay, weekendStart, weekendEnd → region → value
	Likely         map[string]string                       `json:"likely"`
	Plurals        map[string]map[string]string            `json:"plurals"`
	Ordinals       map[string]map[string]string            `json:"ordinals"`
	PluralRanges   map[string]map[string]string            `json:"pluralRanges"` // "one+other" → "other"
}

var cldr struct {
	once         sync.Once
	supplemental supplementalData
	index        map[string][2]int // member → offset, length in cldrPack's body
	body         []byte
	parents      map[string]string // regional locale → the locale it is stored as a difference from
	mu           sync.Mutex
	locales      map[string]*localeData
	isParent     map[string]bool                                  // locales others are stored against
	own          map[string]map[string]map[string]json.RawMessage // their stored members, decoded
	sections     map[string]map[string]json.RawMessage            // "id\x00section" → resolved entries
}

// loadCLDR reads the pack's index and its supplemental member; locales are inflated on demand.
func loadCLDR() {
	cldr.once.Do(func() {
		if len(cldrPack) < 12 || string(cldrPack[:8]) != "CLDRPACK" {
			panic("intl: cldr.pack is damaged")
		}
		n := int(binary.BigEndian.Uint32(cldrPack[8:12]))
		if err := json.Unmarshal(cldrPack[12:12+n], &cldr.index); err != nil {
			panic(err)
		}
		cldr.body = cldrPack[12+n:]
		var top struct {
			Supplemental supplementalData  `json:"supplemental"`
			Parents      map[string]string `json:"parents"`
		}
		if err := json.Unmarshal(member("supplemental"), &top); err != nil {
			panic(err)
		}
		cldr.supplemental = top.Supplemental
		cldr.parents = top.Parents
		cldr.locales = map[string]*localeData{}
		cldr.sections = map[string]map[string]json.RawMessage{}
		cldr.own = map[string]map[string]map[string]json.RawMessage{}
		cldr.isParent = map[string]bool{}
		for _, p := range cldr.parents {
			cldr.isParent[p] = true
		}
	})
}

// member inflates one member of the pack.
func member(name string) []byte {
	at, ok := cldr.index[name]
	if !ok {
		return nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(cldr.body[at[0] : at[0]+at[1]]))
	if err != nil {
		panic(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic(err)
	}
	return b
}

// supplemental returns the locale-independent CLDR data.
func supplemental() *supplementalData {
	loadCLDR()
	return &cldr.supplemental
}

// hasData reports whether CLDR data for id is carried.
func hasData(id string) bool {
	loadCLDR()
	_, ok := cldr.index[id]
	return ok && id != "supplemental"
}

// data returns the decoded data of a carried locale, decoding it on first use. Locale data is
// shared, read-only, by every runtime.
func data(id string) *localeData {
	loadCLDR()
	cldr.mu.Lock()
	defer cldr.mu.Unlock()
	return dataLocked(id)
}

// dataLocked decodes a locale. A regional locale starts as a copy of its parent's data, sharing
// every section it does not change (most of them), and decodes only the sections its stored
// difference touches. Called with cldr.mu held.
func dataLocked(id string) *localeData {
	if d, ok := cldr.locales[id]; ok {
		return d
	}
	own := ownSections(id)
	d := new(localeData)
	p, hasParent := cldr.parents[id]
	if hasParent {
		*d = *dataLocked(p)
	}
	targets := map[string]any{
		"numbers": &d.Numbers, "currencies": &d.Currencies, "dates": &d.Dates, "zones": &d.Zones,
		"fields": &d.Fields, "lists": &d.Lists, "languages": &d.Languages, "territories": &d.Territories,
		"scripts": &d.Scripts, "localePattern": &d.LocalePat, "units": &d.Units, "calendars": &d.Calendars,
	}
	var b []byte
	for name, entries := range own {
		target, ok := targets[name]
		if !ok {
			continue
		}
		if hasParent {
			entries = overlay(sectionLocked(p, name), entries)
		}
		// A fresh value: the parent's stays as it is.
		v := reflect.ValueOf(target).Elem()
		v.Set(reflect.Zero(v.Type()))
		// Rebuild the section's object from its entries (already valid JSON) and decode it.
		b = append(b[:0], '{')
		for k, v := range entries {
			if len(b) > 1 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, k)
			b = append(b, ':')
			b = append(b, v...)
		}
		b = append(b, '}')
		if err := json.Unmarshal(b, target); err != nil {
			panic(fmt.Sprintf("intl: CLDR %s/%s: %v", id, name, err))
		}
	}
	cldr.locales[id] = d
	return d
}

// overlay lays a child's entries over its parent's: a null entry removes the parent's.
func overlay(base, own map[string]json.RawMessage) map[string]json.RawMessage {
	m := make(map[string]json.RawMessage, len(base)+len(own))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range own {
		if string(v) == "null" {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

// ownSections is a locale's stored member two levels deep (section → entry → JSON), kept for
// the locales other locales are stored against. Called with cldr.mu held.
func ownSections(id string) map[string]map[string]json.RawMessage {
	if s, ok := cldr.own[id]; ok {
		return s
	}
	var own map[string]map[string]json.RawMessage
	if err := json.Unmarshal(member(id), &own); err != nil {
		panic(err)
	}
	if cldr.isParent[id] {
		cldr.own[id] = own
	}
	return own
}

// sectionLocked is one section of a parent locale, resolved: its own entries laid over its
// parent's; computed only for the sections a child changes. Called with cldr.mu held.
func sectionLocked(id, name string) map[string]json.RawMessage {
	key := id + "\x00" + name
	if s, ok := cldr.sections[key]; ok {
		return s
	}
	s := ownSections(id)[name]
	if p, ok := cldr.parents[id]; ok {
		s = overlay(sectionLocked(p, name), s)
	}
	cldr.sections[key] = s
	return s
}
