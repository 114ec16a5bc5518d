// gen.mjs writes ../../cldr.pack (gzipped JSON per locale), the CLDR data webapi/intl embeds, from the pinned cldr-*-full
// packages in package.json (CLDR 48, the version ICU 78 in Node 20 ships). Run it with
// `go generate ./webapi/intl/` (which runs `npm ci` here first). Only the languages in LANGS are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// LANGS are the languages carried, each with every regional locale CLDR has for it; a regional
// locale is stored as its difference from its parent (CLDR parentLocales, else the shorter tag).
const LANGS = ['en', 'de', 'fr', 'es', 'it', 'nl', 'ja', 'ko', 'zh', 'pt', 'ru', 'ar'];
const nm = new URL('./node_modules/', import.meta.url);
const read = (p) => JSON.parse(readFileSync(new URL(p, nm), 'utf8'));
const LOCALES = read('cldr-core/availableLocales.json').availableLocales.full
  .filter((l) => LANGS.includes(l.split('-')[0]) && !['en-Dsrt', 'en-Shaw', 'zh-Latn'].includes(l));
const parentOf = (l) => {
  const p = read('cldr-core/supplemental/parentLocales.json').supplemental.parentLocales.parentLocale[l];
  if (p) return p === 'und' ? null : p;
  const i = l.lastIndexOf('-');
  return i < 0 ? null : l.slice(0, i);
};
// diff is what locale a differs from its parent b in, two levels deep: per section (numbers,
// dates, currencies, ...) the entries whose value changed, whole, and null for those a lacks.
function diff(a, b) {
  const r = {};
  for (const s of Object.keys(a)) {
    const d = {};
    for (const k of new Set([...Object.keys(a[s] ?? {}), ...Object.keys(b[s] ?? {})])) {
      const av = a[s]?.[k];
      if (JSON.stringify(av) !== JSON.stringify(b[s]?.[k])) d[k] = av === undefined ? null : av;
    }
    if (Object.keys(d).length) r[s] = d;
  }
  return r;
}
const main = (pkg, loc, file) => read(`${pkg}/main/${loc}/${file}.json`).main[loc];

const UNITS = ['acre', 'bit', 'byte', 'celsius', 'centimeter', 'day', 'degree', 'fahrenheit', 'fluid-ounce', 'foot',
  'gallon', 'gigabit', 'gigabyte', 'gram', 'hectare', 'hour', 'inch', 'kilobit', 'kilobyte', 'kilogram', 'kilometer',
  'liter', 'megabit', 'megabyte', 'meter', 'microsecond', 'mile', 'mile-scandinavian', 'milliliter', 'millimeter',
  'millisecond', 'minute', 'month', 'nanosecond', 'ounce', 'percent', 'petabyte', 'pound', 'second', 'stone', 'terabit',
  'terabyte', 'week', 'yard', 'year', 'kilometer-per-hour', 'mile-per-hour', 'meter-per-second', 'liter-per-kilometer',
  'mile-per-gallon'];

function pick(o, keys) { const r = {}; for (const k of keys) if (o[k] !== undefined) r[k] = o[k]; return r; }
function noAscii(o) { const r = {}; for (const [k, v] of Object.entries(o)) if (!k.includes('-alt-')) r[k] = v; return r; }

function locale(loc) {
  const out = {};
  const num = main('cldr-numbers-full', loc, 'numbers').numbers;
  const ns = num.defaultNumberingSystem;
  const nsOf = (k) => num[`${k}-numberSystem-${ns}`] ?? num[`${k}-numberSystem-latn`];
  const cf = nsOf('currencyFormats');
  const df = nsOf('decimalFormats');
  out.numbers = {
    ns, minGroup: +num.minimumGroupingDigits,
    sym: nsOf('symbols'), latnSym: num['symbols-numberSystem-latn'], arabSym: num['symbols-numberSystem-arab'],
    decimal: df.standard, percent: nsOf('percentFormats').standard, scientific: nsOf('scientificFormats').standard,
    currency: cf.standard, accounting: cf.accounting, currencyNoSym: cf['standard-noCurrency'] ?? cf.standard,
    currencySpacing: cf.currencySpacing,
    unitPattern: pick(cf, Object.keys(cf).filter((k) => k.startsWith('unitPattern-count'))),
    compactShort: (df.short ?? num['decimalFormats-numberSystem-latn'].short).decimalFormat,
    compactLong: (df.long ?? num['decimalFormats-numberSystem-latn'].long).decimalFormat,
    currencyShort: noAscii(cf.short?.standard ?? num['currencyFormats-numberSystem-latn'].short?.standard ?? {}),
    misc: nsOf('miscPatterns'),
  };
  if (num['currencyFormats-numberSystem-arab']) {
    const a = (k) => num[`${k}-numberSystem-arab`];
    out.numbers.arab = {
      decimal: a('decimalFormats').standard, percent: a('percentFormats').standard,
      scientific: a('scientificFormats').standard, currency: a('currencyFormats').standard,
      accounting: a('currencyFormats').accounting,
    };
  }
  const cur = main('cldr-numbers-full', loc, 'currencies').numbers.currencies;
  out.currencies = {};
  for (const [code, c] of Object.entries(cur)) {
    const e = { n: c.displayName };
    if (c.symbol !== code) e.s = c.symbol;
    if (c['symbol-alt-narrow'] && c['symbol-alt-narrow'] !== (c.symbol ?? code)) e.ns = c['symbol-alt-narrow'];
    const counts = {};
    for (const [k, v] of Object.entries(c)) if (k.startsWith('displayName-count-')) counts[k.slice(18)] = v;
    e.c = counts;
    out.currencies[code] = e;
  }
  const g = main('cldr-dates-full', loc, 'ca-gregorian').dates.calendars.gregorian;
  out.dates = {
    months: g.months, days: g.days, eras: g.eras,
    dayPeriods: { format: g.dayPeriods.format, 'stand-alone': g.dayPeriods['stand-alone'] },
    dateFormats: g.dateFormats, timeFormats: noAscii(g.timeFormats),
    dateTimeFormats: pick(g.dateTimeFormats, ['full', 'long', 'medium', 'short']),
    dateTimeFormatsAtTime: pick(g['dateTimeFormats-atTime']?.standard ?? {}, ['full', 'long', 'medium', 'short']),
    available: noAscii(g.dateTimeFormats.availableFormats),
    appendItems: g.dateTimeFormats.appendItems,
    interval: g.dateTimeFormats.intervalFormats,
  };
  for (const [k, v] of Object.entries(out.dates.interval)) if (typeof v === 'object') out.dates.interval[k] = noAscii(v);
  const tz = main('cldr-dates-full', loc, 'timeZoneNames').dates.timeZoneNames;
  out.zones = {
    hourFormat: tz.hourFormat, gmtFormat: tz.gmtFormat, gmtZeroFormat: tz.gmtZeroFormat,
    metazone: tz.metazone ?? {}, zone: tz.zone ?? {},
  };
  out.fields = main('cldr-dates-full', loc, 'dateFields').dates.fields;
  out.lists = main('cldr-misc-full', loc, 'listPatterns').listPatterns;
  const names = (f) => Object.fromEntries(Object.entries(main('cldr-localenames-full', loc, f).localeDisplayNames[f])
    .filter(([k]) => !k.includes('-alt-') || k.endsWith('-alt-short')));
  out.languages = names('languages');
  out.territories = names('territories');
  out.scripts = names('scripts');
  const ldn = main('cldr-localenames-full', loc, 'localeDisplayNames').localeDisplayNames;
  out.localePattern = ldn.localeDisplayPattern;
  out.calendars = noAscii(ldn.types?.calendar ?? {});
  const u = main('cldr-units-full', loc, 'units').units;
  out.units = {};
  for (const width of ['long', 'short', 'narrow']) {
    out.units[width] = { per: { pattern: u[width]['per']?.compoundUnitPattern } };
    for (const [k, v] of Object.entries(u[width])) {
      const name = k.replace(/^[a-z]+-/, '');
      if (!UNITS.includes(name)) continue;
      if (out.units[width][name] && k.startsWith('duration-') === false && name !== k) { /* first wins */ }
      const p = {};
      for (const [pk, pv] of Object.entries(v)) if (pk.startsWith('unitPattern-count-')) p[pk.slice(18)] = pv;
      if (v.perUnitPattern) p.per = v.perUnitPattern;
      if (!out.units[width][name] || k.startsWith('digital-') === false) if (!k.startsWith('graphics-')) out.units[width][name] = p;
    }
  }
  return out;
}

const sup = (f) => read(`cldr-core/supplemental/${f}.json`).supplemental;
const mz = sup('metaZones').metaZones;
const zoneToMeta = {};
(function walk(o, path) {
  for (const [k, v] of Object.entries(o)) {
    if (Array.isArray(v)) {
      const cur = v.map((e) => e.usesMetazone).find((u) => !u._to);
      if (cur) zoneToMeta[path + k] = cur._mzone;
    } else walk(v, path + k + '/');
  }
})(mz.metazoneInfo.timezone, '');
const metaRegion = {};
for (const e of mz.metazones) { const m = e.mapZone; if (m._territory === '001') metaRegion[m._other] = m._type; }

// zoneAliases maps each time zone ICU knows, by its canonical (first) id, to all its ids
// (cldr-bcp47 timezone.json; the IANA name last when it differs, e.g. Asia/Calcutta … Asia/Kolkata).
function zoneAliases() {
  const tz = read('cldr-bcp47/bcp47/timezone.json').keyword.u.tz;
  const r = {};
  for (const v of Object.values(tz)) {
    if (!v || typeof v !== 'object' || !v._alias || v._deprecated) continue;
    const ids = v._alias.split(' ');
    if (v._iana && !ids.includes(v._iana)) ids.push(v._iana);
    r[ids[0]] = ids;
  }
  return r;
}

// nsVariants lists the regional locales of our languages whose default numbering system differs
// from their language's (ar is latn but ar-EG is arab).
function nsVariants() {
  const r = {};
  for (const l of read('cldr-core/availableLocales.json').availableLocales.full) {
    const lang = l.split('-')[0];
    if (!LANGS.includes(lang) || l === lang) continue;
    const ns = (loc) => main('cldr-numbers-full', loc, 'numbers').numbers.defaultNumberingSystem;
    if (ns(l) !== ns(lang)) r[l] = ns(l);
  }
  return r;
}

// rules keeps the plural rules of our languages, without the @integer/@decimal samples.
function rules(all) {
  const r = {};
  for (const lang of LANGS) {
    r[lang] = Object.fromEntries(Object.entries(all[lang]).map(([k, v]) => [k.replace('pluralRule-count-', ''), v.split('@')[0].trim()]));
  }
  return r;
}

const out = {
  cldr: read('cldr-core/package.json').version,
  supplemental: {
    currencyDigits: Object.fromEntries(Object.entries(sup('currencyData').currencyData.fractions)
      .map(([k, v]) => [k, +v._digits])),
    timeData: Object.fromEntries(Object.entries(sup('timeData').timeData).map(([k, v]) => [k, v._preferred + '|' + v._allowed])),
    zoneToMeta, metaGolden: metaRegion,
    likely: sup('likelySubtags').likelySubtags,
    numberingSystems: nsVariants(),
    calendars: sup('calendarPreferenceData').calendarPreferenceData,
    weekData: (({ minDays, firstDay, weekendStart, weekendEnd }) => ({ minDays, firstDay, weekendStart, weekendEnd }))(sup('weekData').weekData),
    zones: zoneAliases(),
    dayPeriods: Object.fromEntries(LANGS.map((l) => [l, sup('dayPeriods').dayPeriodRuleSet[l]])),
    plurals: rules(sup('plurals')['plurals-type-cardinal']),
    ordinals: rules(sup('ordinals')['plurals-type-ordinal']),
    pluralRanges: Object.fromEntries(LANGS.map((l) => [l, Object.fromEntries(Object.entries(sup('pluralRanges').plurals[l] ?? {})
      .map(([k, v]) => [k.replace('pluralRange-start-', '').replace('-end-', '+'), v]))])),
  },
  parents: {},
  locales: {},
};
const full = Object.fromEntries(LOCALES.map((l) => [l, locale(l)]));
for (const l of LOCALES) {
  const p = parentOf(l);
  if (p && full[p]) {
    out.parents[l] = p;
    out.locales[l] = diff(full[l], full[p]);
  } else {
    out.locales[l] = full[l];
  }
}
// Trim likely subtags to the languages we carry plus "und".
out.supplemental.likely = Object.fromEntries(Object.entries(out.supplemental.likely).filter(([k]) => k.split('-')[0] === 'und' && k.length <= 7 || LANGS.includes(k.split('-')[0])));
// cldr.pack: "CLDRPACK" + uint32 (big-endian) index length + the index JSON ({name: [offset, length]},
// offsets from the end of the index) + one gzip member per entry, so a process inflates only the
// supplemental data and the locales it uses.
const members = [['supplemental', { cldr: out.cldr, supplemental: out.supplemental, parents: out.parents }],
  ...Object.entries(out.locales)];
const index = {};
const blobs = [];
let off = 0;
for (const [name, value] of members) {
  const z = gzipSync(JSON.stringify(value), { level: 9 });
  index[name] = [off, z.length];
  blobs.push(z);
  off += z.length;
}
const idx = Buffer.from(JSON.stringify(index));
const head = Buffer.alloc(12);
head.write('CLDRPACK', 0, 'latin1');
head.writeUInt32BE(idx.length, 8);
writeFileSync(new URL('../../cldr.pack', import.meta.url), Buffer.concat([head, idx, ...blobs]));
console.log('wrote cldr.pack:', members.length, 'members,', 12 + idx.length + off, 'bytes');
