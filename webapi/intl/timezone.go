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
	lower map[string]string // any id, lower-cased → the canonical id
	names []string
}

func loadZones() {
	zones.once.Do(func() {
		zones.lower = map[string]string{}
		for canon, ids := range supplemental().Zones {
			if canon == "Etc/Unknown" {
				continue
			}
			c := canon
			if c == "Etc/UTC" || c == "Etc/GMT" {
				c = "UTC" // V8 reports every spelling of UTC and GMT as "UTC"
			}
			for _, id := range ids {
				zones.lower[strings.ToLower(id)] = c
			}
			if !strings.HasPrefix(canon, "Etc/") || strings.HasPrefix(canon, "Etc/GMT") && canon != "Etc/GMT" {
				zones.names = append(zones.names, c)
			}
		}
		zones.names = append(zones.names, "UTC")
		sort.Strings(zones.names)
	})
}

func timeZoneNames() []string {
	loadZones()
	return append([]string(nil), zones.names...)
}

// canonicalZone is CanonicalizeTimeZoneName (ECMA-402 §6.5.2) as ICU answers it: the
// case-insensitive match, resolved to ICU's canonical id (US/Pacific is America/Los_Angeles,
// Asia/Kolkata is Asia/Calcutta), and the Go location for it.
func canonicalZone(name string) (string, *time.Location, bool) {
	loadZones()
	id, ok := zones.lower[strings.ToLower(name)]
	if !ok {
		return "", nil, false
	}
	if id == "UTC" {
		return "UTC", time.UTC, true
	}
	ids := supplemental().Zones[id]
	// Go's tz database may know the zone by its IANA name only: try them all, IANA (last) first.
	for i := len(ids) - 1; i >= 0; i-- {
		if loc, err := time.LoadLocation(ids[i]); err == nil {
			return id, loc, true
		}
	}
	return "", nil, false
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
	if off == 0 && (letter == 'v' || id != "UTC") {
		// ICU's localized GMT format spells a zero offset "GMT+0"; only UTC itself is plain "GMT".
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
