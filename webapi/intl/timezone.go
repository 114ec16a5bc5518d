package intl

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // zones work on machines without a zoneinfo database
)

var zones struct {
	once  sync.Once
	lower map[string]string // lower-case id → canonical id
	names []string
}

// utcAliases are the ids V8 reports as "UTC".
var utcAliases = []string{"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Etc/UCT", "UCT", "Universal", "Zulu", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "GMT0", "GMT+0", "GMT-0", "Etc/Greenwich", "Greenwich"}

// zoneLinks maps IANA names to the ids ICU (CLDR) keeps as canonical, for the common renames.
var zoneLinks = map[string]string{
	"Asia/Kolkata": "Asia/Calcutta", "Asia/Kathmandu": "Asia/Katmandu", "Asia/Ho_Chi_Minh": "Asia/Saigon",
	"Asia/Yangon": "Asia/Rangoon", "Europe/Kyiv": "Europe/Kiev", "America/Nuuk": "America/Godthab",
	"Atlantic/Faroe": "Atlantic/Faeroe", "Pacific/Chuuk": "Pacific/Truk", "Pacific/Pohnpei": "Pacific/Ponape",
	"America/Atikokan": "America/Coral_Harbour", "Pacific/Kanton": "Pacific/Enderbury",
}

func loadZones() {
	zones.once.Do(func() {
		zones.lower = map[string]string{}
		for id := range supplemental().ZoneToMeta {
			zones.lower[strings.ToLower(id)] = id
			zones.names = append(zones.names, id)
		}
		for _, a := range utcAliases {
			zones.lower[strings.ToLower(a)] = "UTC"
		}
		for from, to := range zoneLinks {
			zones.lower[strings.ToLower(from)] = to
		}
		zones.names = append(zones.names, "UTC")
		sort.Strings(zones.names)
	})
}

func timeZoneNames() []string {
	loadZones()
	return append([]string(nil), zones.names...)
}

// canonicalZone is CanonicalizeTimeZoneName (ECMA-402 §6.5.2): the case-insensitive match, as ICU
// names it, and the Go location for it.
func canonicalZone(name string) (string, *time.Location, bool) {
	loadZones()
	id, ok := zones.lower[strings.ToLower(name)]
	if !ok {
		// Zones CLDR has no metazone for (Etc/GMT+5, ...): as the tz database spells them.
		for _, try := range []string{name, strings.ToUpper(name[:1]) + name[1:]} {
			if strings.HasPrefix(strings.ToLower(try), "etc/gmt") {
				try = "Etc/GMT" + try[7:]
			}
			if loc, err := time.LoadLocation(try); err == nil && try != "Local" && try != "" {
				return try, loc, true
			}
		}
		return "", nil, false
	}
	if id == "UTC" {
		return "UTC", time.UTC, true
	}
	goName := id
	for from, to := range zoneLinks {
		if to == id {
			goName = from
		}
	}
	loc, err := time.LoadLocation(goName)
	if err != nil {
		if loc, err = time.LoadLocation(id); err != nil {
			return "", nil, false
		}
	}
	return id, loc, true
}

// defaultZone is DefaultTimeZone (ECMA-402 §6.5.3): the process's TZ, else UTC.
func defaultZone() (string, *time.Location) {
	if tz := os.Getenv("TZ"); tz != "" {
		if id, loc, ok := canonicalZone(strings.TrimPrefix(tz, ":")); ok {
			return id, loc
		}
	}
	return "UTC", time.UTC
}

// zoneName is the display name of a zone at t (UTS #35 Part 4 §7 "Using Time Zone Names"), for
// the pattern letters z (short), zzzz (long), O (short offset), OOOO (long offset), v, vvvv.
func (l *locale) zoneName(id string, t time.Time, letter byte, n int) string {
	_, off := t.Zone()
	z := &l.d.Zones
	long := n >= 4
	if letter == 'z' || letter == 'v' {
		dst := t.IsDST()
		kind := "standard"
		if dst {
			kind = "daylight"
		}
		if letter == 'v' {
			kind = "generic"
		}
		pick := func(names zoneNames) string {
			m := names.Short
			if long {
				m = names.Long
			}
			return m[kind]
		}
		lookupID := id
		if id == "UTC" {
			lookupID = "Etc/UTC"
		}
		if zn, ok := l.zoneSpecific(lookupID); ok {
			if s := pick(zn); s != "" {
				return s
			}
		}
		if meta, ok := supplemental().ZoneToMeta[lookupID]; ok {
			if s := pick(z.Metazone[meta]); s != "" {
				return s
			}
		}
	}
	if letter == 'v' && off == 0 {
		// A generic name ICU lacks falls back to the localized GMT format, which spells zero ("GMT+0").
		return l.gmtOffsetSigned(0, long)
	}
	return l.gmtOffset(off, long)
}

func (l *locale) zoneSpecific(id string) (zoneNames, bool) {
	var zn zoneNames
	parts := strings.Split(id, "/")
	raw, ok := l.d.Zones.Zone[parts[0]]
	if !ok {
		return zn, false
	}
	for _, p := range parts[1:] {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return zn, false
		}
		if raw, ok = m[p]; !ok {
			return zn, false
		}
	}
	return zn, json.Unmarshal(raw, &zn) == nil
}

// gmtOffset is the localized GMT format ("GMT+5:30" short, "GMT+05:30" long).
func (l *locale) gmtOffset(off int, long bool) string {
	if off == 0 {
		return l.d.Zones.GMTZeroFormat
	}
	return l.gmtOffsetSigned(off, long)
}

func (l *locale) gmtOffsetSigned(off int, long bool) string {
	z := &l.d.Zones
	pos, neg, _ := strings.Cut(z.HourFormat, ";")
	p := pos
	if off < 0 {
		p, off = neg, -off
	}
	h, m, s := off/3600, off/60%60, off%60
	if !long {
		// Short: hours without padding, minutes only when not zero.
		p = strings.Replace(p, "HH", "H", 1)
		if m == 0 && s == 0 {
			i := strings.Index(p, "H")
			j := strings.LastIndex(p, "mm")
			if j > i {
				p = p[:i+1] + p[j+2:]
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		switch {
		case strings.HasPrefix(p[i:], "HH"):
			b.WriteString(pad2(h))
			i++
		case p[i] == 'H':
			b.WriteString(itoa(h))
		case strings.HasPrefix(p[i:], "mm"):
			b.WriteString(pad2(m))
			i++
		default:
			b.WriteByte(p[i])
		}
	}
	return strings.Replace(z.GMTFormat, "{0}", b.String(), 1)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}
