// cases.mjs lists the expressions record.mjs evaluates in Node and intl_test.go in goja. Each is a
// JavaScript expression whose JSON.stringify'd value (or the name of the error it throws) must match.
const L = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'zh-CN', 'pt-BR', 'ar', 'ar-EG'];
const j = JSON.stringify;

export function cases() {
  const out = [];
  const nf = (l, o, x) => out.push(`new Intl.NumberFormat(${j(l)}, ${j(o)}).format(${x})`);
  const nfp = (l, o, x) => out.push(`new Intl.NumberFormat(${j(l)}, ${j(o)}).formatToParts(${x})`);
  for (const l of L) {
    for (const x of ['1234.5', '-1234.567', '0', '1000000', '0.000123', '12', '-0', 'NaN', 'Infinity', '123456789.123']) nf(l, {}, x);
    for (const x of ['0.256', '-0.5', '1']) nf(l, { style: 'percent' }, x);
    for (const [c, d] of [['EUR', 'symbol'], ['USD', 'symbol'], ['JPY', 'symbol'], ['USD', 'code'], ['EUR', 'name'], ['USD', 'narrowSymbol'], ['GBP', 'name']]) {
      nf(l, { style: 'currency', currency: c, currencyDisplay: d }, '1234.5');
      nf(l, { style: 'currency', currency: c, currencyDisplay: d }, '-1');
    }
    nf(l, { style: 'currency', currency: 'USD', currencySign: 'accounting' }, '-5.5');
    for (const x of ['999', '1234', '12345', '999999', '1500000', '1234567890', '-45678']) {
      nf(l, { notation: 'compact' }, x);
      nf(l, { notation: 'compact', compactDisplay: 'long' }, x);
    }
    nf(l, { style: 'unit', unit: 'kilometer' }, '12.5');
    nf(l, { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }, '50');
    nf(l, { style: 'unit', unit: 'megabyte', unitDisplay: 'narrow' }, '1.5');
    nf(l, { style: 'unit', unit: 'liter', unitDisplay: 'long' }, '1');
    nf(l, { notation: 'scientific' }, '123456');
    nf(l, { notation: 'engineering' }, '0.000123456');
    nfp(l, { style: 'currency', currency: 'EUR' }, '-1234.5');
    out.push(`(1234.5).toLocaleString(${j(l)})`);
    out.push(`(123456789n).toLocaleString(${j(l)})`);
    out.push(`new Intl.NumberFormat(${j(l)}).resolvedOptions()`);
  }
  for (const o of [{ minimumFractionDigits: 2 }, { maximumFractionDigits: 0 }, { maximumSignificantDigits: 3 },
    { minimumSignificantDigits: 5 }, { minimumIntegerDigits: 3 }, { useGrouping: false }, { signDisplay: 'always' },
    { signDisplay: 'exceptZero' }, { signDisplay: 'never' }, { signDisplay: 'negative' }, { maximumFractionDigits: 2, minimumFractionDigits: 2 },
    { maximumSignificantDigits: 2, maximumFractionDigits: 3, roundingPriority: 'lessPrecision' }, { trailingZeroDisplay: 'stripIfInteger', minimumFractionDigits: 2 },
    { useGrouping: 'min2' }, { useGrouping: 'always' }]) {
    for (const x of ['1.005', '-0', '0', '1234.5678', '-0.0001', '99.995', '9999']) nf('en-US', o, x);
  }
  for (const x of ['1000', '10000', '1234.5']) nf('es', {}, x);
  for (const m of ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'])
    out.push(`[1.25, -1.25, 1.35, -1.35, 1.251, 0.001, -0.001, 9.96, 0.05].map((x) => new Intl.NumberFormat('en', { maximumFractionDigits: 1, roundingMode: ${j(m)} }).format(x))`);
  for (const o of [{ roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { roundingIncrement: 25, maximumFractionDigits: 2, minimumFractionDigits: 2 },
    { roundingIncrement: 5, maximumFractionDigits: 2 }, { roundingIncrement: 3, maximumFractionDigits: 2, minimumFractionDigits: 2 }, { roundingIncrement: 5, maximumSignificantDigits: 2 },
    { roundingMode: 'bogus' }, { roundingIncrement: 50, maximumFractionDigits: 2, minimumFractionDigits: 2, roundingMode: 'ceil' }, { roundingIncrement: 5, maximumFractionDigits: 0, minimumFractionDigits: 0, style: 'currency', currency: 'JPY' },
    { roundingIncrement: 5000, maximumFractionDigits: 0, minimumFractionDigits: 0, roundingMode: 'halfEven' }, { maximumSignificantDigits: 2, roundingMode: 'floor' }])
    out.push(`(() => { const f = new Intl.NumberFormat('en', ${j(o)}); return [[1.234, 1.3, 1.26, -1.26, 1234, 7500, 12500, 0.024].map(f.format), f.resolvedOptions().roundingIncrement, f.resolvedOptions().roundingMode] })()`);
  nfp('en-US', { notation: 'compact', compactDisplay: 'long' }, '-1234');
  nfp('en-US', { notation: 'scientific' }, '-0.00012345');
  nfp('en-US', { style: 'currency', currency: 'USD', currencyDisplay: 'name' }, '1');
  nfp('en-US', { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }, '1');
  nfp('de-DE', { style: 'percent' }, '0.5');
  out.push(`new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).resolvedOptions()`);
  out.push(`new Intl.NumberFormat('de', { notation: 'compact' }).resolvedOptions()`);
  out.push(`new Intl.NumberFormat('en', { maximumSignificantDigits: 3 }).resolvedOptions()`);
  out.push(`new Intl.NumberFormat('en', { style: 'bogus' })`);
  out.push(`new Intl.NumberFormat('en', { style: 'currency' })`);
  out.push(`new Intl.NumberFormat('en', { style: 'currency', currency: 'xx' })`);
  out.push(`new Intl.NumberFormat('en', { maximumFractionDigits: 200 })`);
  out.push(`new Intl.NumberFormat('xx-&&')`);
  out.push(`(1234.5).toLocaleString()`);
  out.push(`(1234.5).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' })`);
  out.push(`[1234.5, 'x', null, 7].toLocaleString('de-DE')`);
  out.push(`Intl.NumberFormat.supportedLocalesOf(['de-DE', 'tlh', 'fr'])`);
  out.push(`Intl.getCanonicalLocales(['EN-us', 'zh-hant-tw', 'de'])`);
  out.push(`Intl.getCanonicalLocales('en_US')`);
  return out;
}

export function dateCases() {
  const out = [];
  const D = ['Date.UTC(2024, 2, 5, 9, 7, 3, 45)', 'Date.UTC(2024, 6, 14, 0, 30, 0)', 'Date.UTC(1999, 11, 31, 23, 59, 59, 999)', 'Date.UTC(2024, 0, 1, 12, 0, 0)'];
  const dtf = (l, o, d) => out.push(`new Intl.DateTimeFormat(${j(l)}, ${j(o)}).format(${d})`);
  const opts = [{}, { dateStyle: 'full' }, { dateStyle: 'long' }, { dateStyle: 'medium' }, { dateStyle: 'short' },
    { timeStyle: 'full' }, { timeStyle: 'long' }, { timeStyle: 'medium' }, { timeStyle: 'short' },
    { dateStyle: 'full', timeStyle: 'short' }, { dateStyle: 'long', timeStyle: 'medium' }, { dateStyle: 'medium', timeStyle: 'short' }, { dateStyle: 'short', timeStyle: 'short' },
    { year: 'numeric', month: 'long', day: 'numeric' }, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
    { weekday: 'short', month: 'short', day: 'numeric' }, { year: 'numeric', month: 'short' }, { month: 'long' }, { year: '2-digit', month: '2-digit', day: '2-digit' },
    { hour: 'numeric', minute: '2-digit' }, { hour: '2-digit', minute: '2-digit', second: '2-digit' }, { hour: 'numeric' },
    { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric' },
    { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' },
    { hour12: false }, { hour12: true }, { hourCycle: 'h23', hour: 'numeric', minute: 'numeric' },
    { timeZone: 'America/New_York', timeZoneName: 'short' }, { timeZone: 'Europe/Berlin', timeZoneName: 'long' },
    { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'long' }, { timeZone: 'Asia/Kolkata', timeZoneName: 'short', hour: 'numeric', minute: 'numeric' },
    { era: 'short', year: 'numeric' }, { weekday: 'narrow' }, { minute: '2-digit', second: '2-digit' }, { second: 'numeric', fractionalSecondDigits: 3 }];
  for (const l of L) for (const o of opts) for (const d of D.slice(0, 2)) dtf(l, o, d);
  for (const l of ['en-US', 'de-DE', 'ja-JP']) for (const d of D) {
    out.push(`new Date(${d}).toLocaleString(${j(l)})`);
    out.push(`new Date(${d}).toLocaleDateString(${j(l)})`);
    out.push(`new Date(${d}).toLocaleTimeString(${j(l)})`);
  }
  for (const d of D) {
    out.push(`new Date(${d}).toLocaleString()`);
    out.push(`new Date(${d}).toLocaleString('en-US', { timeZone: 'America/Los_Angeles' })`);
    out.push(`new Date(${d}).toLocaleDateString('en-US', { month: 'long', day: 'numeric' })`);
    out.push(`new Date(${d}).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' })`);
  }
  out.push(`new Date(NaN).toLocaleString()`);
  for (const l of L) out.push(`new Intl.DateTimeFormat(${j(l)}, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).formatToParts(${D[0]})`);
  out.push(`new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: 2 }).formatToParts(${D[0]})`);
  for (const o of [{}, { dateStyle: 'short', timeStyle: 'short', timeZone: 'asia/tokyo' }, { year: 'numeric', hour: 'numeric' },
    { hour: '2-digit', minute: 'numeric', month: 'long' }, { hour12: false, hour: 'numeric' }, { timeZone: 'Etc/GMT' }, { timeZone: 'Asia/Kolkata' }, { hourCycle: 'h11', hour: 'numeric' }])
    out.push(`new Intl.DateTimeFormat('en-US', ${j(o)}).resolvedOptions()`);
  out.push(`new Intl.DateTimeFormat('de-DE').resolvedOptions()`);
  out.push(`new Intl.DateTimeFormat('en', { timeZone: 'Foo/Bar' })`);
  out.push(`new Intl.DateTimeFormat('en', { dateStyle: 'short', hour: 'numeric' })`);
  out.push(`new Intl.DateTimeFormat('en').format(NaN)`);
  for (const l of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'zh-CN', 'es-ES', 'pt-BR'])
    for (const o of [{ dateStyle: 'medium', timeStyle: 'short' }, { year: 'numeric', month: 'long', day: 'numeric' }, { month: 'short', day: 'numeric' },
      { hour: 'numeric', minute: '2-digit' }, { dateStyle: 'long' }, { weekday: 'short', month: 'short', day: 'numeric' }, { year: 'numeric', month: 'short' }])
      for (const [a, b] of [[D[0], 'Date.UTC(2024, 2, 6, 15, 0)'], [D[0], 'Date.UTC(2024, 3, 5, 9, 7)'], [D[0], 'Date.UTC(2024, 2, 5, 9, 45)'], [D[0], 'Date.UTC(2024, 2, 5, 21, 0)']])
        out.push(`new Intl.DateTimeFormat(${j(l)}, ${j({ ...o, timeZone: 'UTC' })}).formatRange(${a}, ${b})`);
  for (const l of ['en-US', 'de-DE', 'ja-JP']) {
    out.push(`new Intl.DateTimeFormat(${j(l)}, { dateStyle: 'medium' }).formatRangeToParts(${D[0]}, Date.UTC(2024, 2, 7))`);
    out.push(`new Intl.DateTimeFormat(${j(l)}).formatRangeToParts(${D[0]}, Date.UTC(2025, 2, 7))`);
    out.push(`new Intl.DateTimeFormat(${j(l)}, { hour: 'numeric', minute: 'numeric' }).formatRangeToParts(${D[0]}, Date.UTC(2024, 2, 5, 15, 0))`);
    out.push(`new Intl.DateTimeFormat(${j(l)}).formatRangeToParts(${D[0]}, ${D[0]})`);
  }
  for (const l of ['en-US', 'de-DE', 'ja-JP', 'fr-FR']) for (const [o, a, b] of [[{}, 3, 5], [{ style: 'currency', currency: 'USD' }, 3, 5],
    [{ style: 'currency', currency: 'EUR' }, 3, 5], [{}, 3, 3], [{ style: 'percent' }, 0.1, 0.2], [{ notation: 'compact' }, 1000, 2000],
    [{ style: 'unit', unit: 'kilometer' }, 1, 2], [{}, -3, 5], [{ maximumFractionDigits: 0 }, 2.9, 3.1]]) {
    out.push(`new Intl.NumberFormat(${j(l)}, ${j(o)}).formatRange(${a}, ${b})`);
    out.push(`new Intl.NumberFormat(${j(l)}, ${j(o)}).formatRangeToParts(${a}, ${b})`);
  }
  for (const [a, b, o] of [[D[0], 'Date.UTC(2024, 2, 7)', { dateStyle: 'medium' }], [D[0], 'Date.UTC(2025, 2, 7)', {}], [D[0], 'Date.UTC(2024, 4, 7)', { year: 'numeric', month: 'short', day: 'numeric' }], [D[0], D[0], {}],
    [D[0], 'Date.UTC(2024, 2, 5, 15, 0)', { hour: 'numeric', minute: 'numeric' }]])
    for (const l of ['en-US', 'de-DE', 'fr-FR']) out.push(`new Intl.DateTimeFormat(${j(l)}, ${j(o)}).formatRange(${a}, ${b})`);
  return out;
}

export function otherCases() {
  const out = [];
  const push = (s) => out.push(s);
  for (const l of L) {
    for (const x of [0, 1, 2, 3, 5, 11, 21, 100, 1.5, 1000000]) push(`new Intl.PluralRules(${j(l)}).select(${x})`);
    for (const x of [1, 2, 3, 4, 11, 22, 103]) push(`new Intl.PluralRules(${j(l)}, { type: 'ordinal' }).select(${x})`);
    push(`new Intl.PluralRules(${j(l)}).resolvedOptions().pluralCategories`);
    for (const [v, u] of [[-1, 'day'], [0, 'day'], [1, 'day'], [3, 'days'], [-2, 'hour'], [1, 'month'], [-5, 'year'], [2, 'week'], [-1, 'quarter'], [30, 'second'], [1.5, 'minute']]) {
      push(`new Intl.RelativeTimeFormat(${j(l)}).format(${v}, ${j(u)})`);
      push(`new Intl.RelativeTimeFormat(${j(l)}, { numeric: 'auto' }).format(${v}, ${j(u)})`);
      push(`new Intl.RelativeTimeFormat(${j(l)}, { style: 'short' }).format(${v}, ${j(u)})`);
      push(`new Intl.RelativeTimeFormat(${j(l)}, { style: 'narrow' }).format(${v}, ${j(u)})`);
    }
    for (const o of [{}, { type: 'disjunction' }, { type: 'unit' }, { style: 'short' }, { type: 'unit', style: 'narrow' }])
      for (const items of [['A'], ['A', 'B'], ['A', 'B', 'C'], ['A', 'B', 'C', 'D']]) push(`new Intl.ListFormat(${j(l)}, ${j(o)}).format(${j(items)})`);
    for (const code of ['US', 'DE', 'GB', 'JP', 'BR', '419', 'ZZ']) push(`new Intl.DisplayNames(${j(l)}, { type: 'region' }).of(${j(code)})`);
    for (const code of ['en', 'en-US', 'en-GB', 'de', 'fr-CA', 'zh-Hant', 'pt-BR', 'ja', 'ar', 'es-419', 'de-AT']) push(`new Intl.DisplayNames(${j(l)}, { type: 'language' }).of(${j(code)})`);
    for (const code of ['USD', 'EUR', 'JPY', 'GBP']) push(`new Intl.DisplayNames(${j(l)}, { type: 'currency' }).of(${j(code)})`);
    push(`['b', 'a', 'ä', 'A', 'z', 'é', 'e'].sort(new Intl.Collator(${j(l)}).compare)`);
  }
  push(`new Intl.RelativeTimeFormat('en').formatToParts(100, 'day')`);
  push(`new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).formatToParts(-1, 'day')`);
  push(`new Intl.RelativeTimeFormat('de').formatToParts(-1234.5, 'hour')`);
  push(`new Intl.RelativeTimeFormat('en').format(-0, 'day')`);
  push(`new Intl.RelativeTimeFormat('en').format(1, 'fortnight')`);
  push(`new Intl.RelativeTimeFormat('en', { style: 'short' }).resolvedOptions()`);
  push(`new Intl.ListFormat('es').format(['agua', 'hielo'])`);
  push(`new Intl.ListFormat('es').format(['uno', 'dos', 'Irene'])`);
  push(`new Intl.ListFormat('es', { type: 'disjunction' }).format(['siete', 'ocho'])`);
  push(`new Intl.ListFormat('en').formatToParts(['x', 'y', 'z'])`);
  push(`new Intl.ListFormat('en').resolvedOptions()`);
  push(`new Intl.DisplayNames('en', { type: 'region', style: 'short' }).of('GB')`);
  push(`new Intl.DisplayNames('en', { type: 'region', fallback: 'none' }).of('XY')`);
  push(`new Intl.DisplayNames('en', { type: 'script' }).of('latn')`);
  push(`new Intl.DisplayNames('en', { type: 'language', languageDisplay: 'standard' }).of('en-US')`);
  push(`new Intl.DisplayNames('en', { type: 'region' }).resolvedOptions()`);
  for (const l of ['en', 'de', 'ja', 'fr', 'ar', 'es'])
    for (const st of ['long', 'short', 'narrow'])
      push(`['era', 'year', 'quarter', 'month', 'weekOfYear', 'weekday', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'timeZoneName'].map((f) => new Intl.DisplayNames(${j(l)}, { type: 'dateTimeField', style: ${j(st)} }).of(f))`);
  push(`new Intl.DisplayNames('en', { type: 'dateTimeField' }).of('fortnight')`);
  for (const l of ['en', 'de', 'ja', 'ar']) push(`['gregory', 'japanese', 'islamic-umalqura', 'buddhist', 'iso8601', 'ethioaa', 'roc', 'nope'].map((c) => new Intl.DisplayNames(${j(l)}, { type: 'calendar' }).of(c))`);
  push(`new Intl.DisplayNames('en', { type: 'calendar' }).of('Gregory')`);
  push(`new Intl.DisplayNames('en')`);
  push(`new Intl.DisplayNames('en', { type: 'region' }).of('not a code')`);
  push(`new Intl.PluralRules('en', { minimumFractionDigits: 2 }).select(1)`);
  for (const l of ['en', 'fr', 'ar', 'ru', 'pt', 'de', 'ja'])
    push(`[[1, 2], [0, 1], [1, 1], [2, 5], [3, 11], [0, 2], [1, 100], [2, 3]].map(([a, b]) => new Intl.PluralRules(${j(l)}).selectRange(a, b))`);
  push(`new Intl.PluralRules('en').selectRange(NaN, 1)`);
  push(`new Intl.PluralRules('en').resolvedOptions()`);
  push(`new Intl.PluralRules('fr', { type: 'ordinal' }).resolvedOptions()`);
  for (const [a, b] of [['a', 'b'], ['a', 'A'], ['a', 'á'], ['item2', 'item10'], ['résumé', 'resume'], ['Z', 'a'], ['', 'a']]) {
    push(`${j(a)}.localeCompare(${j(b)})`);
    push(`${j(a)}.localeCompare(${j(b)}, 'en', { sensitivity: 'base' })`);
    push(`${j(a)}.localeCompare(${j(b)}, 'en', { sensitivity: 'accent' })`);
    push(`${j(a)}.localeCompare(${j(b)}, 'en', { sensitivity: 'case' })`);
    push(`${j(a)}.localeCompare(${j(b)}, 'en', { numeric: true })`);
  }
  push(`['item10', 'item2', 'item1'].sort(new Intl.Collator('en', { numeric: true }).compare)`);
  push(`['Ähre', 'Zebra', 'Apfel', 'ähnlich'].sort(new Intl.Collator('de').compare)`);
  push(`['b', 'B', 'a', 'A'].sort(new Intl.Collator('en', { caseFirst: 'upper' }).compare)`);
  push(`new Intl.Collator('en').resolvedOptions()`);
  for (const [l, words] of [['es', ['ñu', 'nube', 'oso', 'llama', 'luz', 'chico', 'cosa']], ['fr', ['côte', 'cote', 'coté', 'côté', 'Cote']], ['de', ['Müller', 'Mueller', 'Muller', 'mull', 'Maß', 'Masse']],
    ['ja', ['さくら', 'サクラ', 'あい', 'カキ', '漢字', 'ひらがな', 'abc']], ['zh', ['中国', '北京', '上海', '广州', '安徽', 'abc']], ['ru', ['яблоко', 'ёж', 'ель', 'арбуз', 'Ёлка']], ['ar', ['ب', 'أ', 'ت', 'ا', 'آ']],
    ['en', ['a-b', 'ab', 'a b', 'A', 'a', '_a', '1', '10', '2', 'é', 'e', 'z', 'Z']], ['ko', ['나', '가', '다', '라']], ['pt', ['ação', 'acao', 'açúcar', 'abacate']]])
    push(`${j(words)}.sort(new Intl.Collator(${j(l)}).compare)`);
  push(`['a-b', 'ab', 'a b', 'a.b'].sort(new Intl.Collator('en', { ignorePunctuation: true }).compare)`);
  push(`['résumé', 'resume', 'Resume', 'RÉSUMÉ'].map((w) => new Intl.Collator('en', { usage: 'search', sensitivity: 'base' }).compare(w, 'resume'))`);
  push(`new Intl.Collator('de', { sensitivity: 'base', numeric: true }).resolvedOptions()`);
  const seg = (l, g, s) => push(`Array.from(new Intl.Segmenter(${j(l)}, { granularity: ${j(g)} }).segment(${j(s)}), (x) => [x.segment, x.index, x.isWordLike])`);
  for (const s of ['Hello', 'e\u0301a', '👍🏽👨‍👩‍👧🇯🇵🇺🇸', '한국어', 'a\r\nb']) seg('en', 'grapheme', s);
  for (const s of ["Hello, world! It's 3.5 o'clock.", 'foo_bar  baz\tqux', 'Wie geht’s dir?', 'e.g. U.S.A. 1,234.56']) seg('en', 'word', s);
  for (const s of ['Hello world. How are you? Fine!  Thanks.', 'Mr. Smith went to Washington. He left.', 'no break. here', 'Line one\nLine two']) seg('en', 'sentence', s);
  push(`new Intl.Segmenter('en', { granularity: 'word' }).segment('hello world').containing(7)`);
  for (const s of ['Visit https://example.com/a?b=c now!', 'Email me: jane.doe@example.org.', 'state-of-the-art, well-known', 'Price: $1,234.56 (approx.)', 'Hello 👋🏽 world 🇫🇷!', "l'homme d'état", 'C++ and C# and .NET', '“Quoted” — dash… end', 'über Straße', 'tab\tnew\nline\r\nend', 'ĐÀ NẴNG 2024', 'x=1;y=2', '100%', '#hashtag @mention', 'don’t won’t'])
    push(`Array.from(new Intl.Segmenter('en', { granularity: 'word' }).segment(${j(s)}), (x) => [x.segment, x.isWordLike])`);
  for (const s of ['Dr. Smith arrived. He sat down.', 'Wait... what?! Really.', 'He said "Stop." Then left.', 'Version 2.0 is out. Try it!', 'a.b.c. d', 'Ünïcödé. Ölçek! Bien?'])
    push(`Array.from(new Intl.Segmenter('en', { granularity: 'sentence' }).segment(${j(s)}), (x) => x.segment)`);
  for (const s of ['👨‍👩‍👧‍👦', '🏳️‍🌈', 'नमस्ते', 'ก่อน', '각', 'Ǆ̈', '\u0915\u094D\u0937'])
    push(`Array.from(new Intl.Segmenter('en').segment(${j(s)}), (x) => x.segment)`);
  push(`new Intl.Segmenter('en').segment('abc').containing(5)`);
  push(`new Intl.Segmenter('fr', { granularity: 'sentence' }).resolvedOptions()`);
  for (const t of ['en-US', 'zh-Hant-TW', 'de-u-co-phonebk', 'EN-gb-u-hc-h23-nu-arab', 'ar', 'ja-JP-u-ca-japanese']) {
    push(`(() => { const l = new Intl.Locale(${j(t)}); return [l.toString(), l.baseName, l.language, l.script, l.region, l.calendar, l.hourCycle, l.numberingSystem, l.numeric] })()`);
  }
  for (const t of ['en', 'zh', 'zh-TW', 'ja', 'ar', 'pt', 'en-GB', 'sr']) {
    push(`new Intl.Locale(${j(t)}).maximize().toString()`);
    push(`new Intl.Locale(${j(t)}).maximize().minimize().toString()`);
  }
  push(`new Intl.Locale('en', { region: 'GB', hourCycle: 'h12', numeric: true }).toString()`);
  for (const t of ['en-US', 'de-DE', 'ar-EG', 'ja-JP', 'en-GB', 'fr', 'pt-BR', 'ar-SA', 'he', 'en-u-hc-h23', 'es-MX', 'zh-TW', 'ru'])
    push(`(() => { const l = new Intl.Locale(${j(t)}); return [l.weekInfo, l.textInfo, l.hourCycles, l.calendars, l.numberingSystems] })()`);
  push(`new Intl.Locale('')`);
  push(`new Intl.Locale()`);
  push(`new Intl.NumberFormat(new Intl.Locale('de-DE')).format(1234.5)`);
  push(`Intl.getCanonicalLocales(new Intl.Locale('en-us'))`);
  for (const k of ['calendar', 'collation', 'numberingSystem', 'bogus']) push(`Intl.supportedValuesOf(${j(k)}).includes('latn') || Intl.supportedValuesOf(${j(k)}).length > 0`);
  push(`Intl.supportedValuesOf('timeZone').includes('Europe/Berlin')`);
  push(`Intl.supportedValuesOf('currency').includes('EUR')`);
  push(`Intl.supportedValuesOf('unit').includes('kilometer')`);
  push(`Object.prototype.toString.call(Intl)`);
  push(`typeof Intl.NumberFormat.prototype.format`);
  push(`Intl.DateTimeFormat.supportedLocalesOf(['en-US', 'de', 'xx'])`);
  push(`Intl.Collator.supportedLocalesOf('fr-FR')`);
  push(`Intl.NumberFormat('en').format(5)`);
  push(`[1, 2, 3].map(new Intl.NumberFormat('de', { minimumFractionDigits: 1 }).format)`);
  for (const l of ['en-IN', 'es-MX', 'es-AR', 'es-US', 'fr-CA', 'de-CH', 'de-AT', 'pt-PT', 'zh-TW', 'en-AU', 'it', 'ko', 'ru', 'nl']) {
    out.push(`[1234567.891, -0.5].map((x) => x.toLocaleString(${j(l)}))`);
    out.push(`new Intl.NumberFormat(${j(l)}, { style: 'currency', currency: 'EUR' }).format(1234.5)`);
    out.push(`new Intl.NumberFormat(${j(l)}, { notation: 'compact' }).format(1234567)`);
    out.push(`new Date(Date.UTC(2024, 2, 5, 13, 7, 3)).toLocaleString(${j(l)}, { timeZone: 'UTC' })`);
    out.push(`new Intl.DateTimeFormat(${j(l)}, { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 2, 5, 13, 7, 3))`);
    out.push(`new Intl.RelativeTimeFormat(${j(l)}, { numeric: 'auto' }).format(-2, 'day')`);
    out.push(`new Intl.ListFormat(${j(l)}).format(['a', 'b', 'c'])`);
    out.push(`new Intl.PluralRules(${j(l)}).select(2)`);
  }
  out.push(`(12345678901234567890n).toLocaleString('en-IN')`);
  return out;
}

// edgeCases are rarer option combinations; the ones this package answers differently are listed,
// with the reason, in known-differences.json.
export function edgeCases() {
  const out = [];
  const d = 'Date.UTC(2024, 2, 5, 13, 7, 3, 45)';
  for (const o of [{ era: 'long' }, { timeZoneName: 'shortGeneric' }, { timeZoneName: 'longGeneric', timeZone: 'America/Chicago' },
    { timeZoneName: 'shortOffset', timeZone: 'Asia/Kolkata' }, { timeZoneName: 'longOffset', timeZone: 'America/New_York' },
    { dayPeriod: 'narrow' }, { dayPeriod: 'short', hour: 'numeric' }, { weekday: 'long', hour: 'numeric' }, { year: 'numeric', weekday: 'short' },
    { month: 'narrow' }, { weekday: 'long', era: 'short' }, { year: 'numeric', month: 'numeric' }, { month: 'numeric', day: 'numeric' },
    { hour: 'numeric', hourCycle: 'h24' }, { hour: 'numeric', minute: 'numeric', hour12: false }, { timeStyle: 'short', hour12: false },
    { timeStyle: 'medium', hourCycle: 'h11' }, { dateStyle: 'full', timeZone: 'Pacific/Auckland' }, { second: '2-digit' }, { minute: 'numeric' }])
    for (const l of ['en-US', 'de-DE', 'ja-JP', 'fr-FR', 'zh-CN']) out.push(`new Intl.DateTimeFormat(${j(l)}, ${j(o)}).format(${d})`);
  for (const [x, o] of [['1e21', {}], ['-1e-7', { maximumSignificantDigits: 2 }], ['123.456', { notation: 'compact', maximumFractionDigits: 2 }],
    ['0.5', { style: 'percent', signDisplay: 'exceptZero' }], ['1234', { style: 'currency', currency: 'EUR', currencyDisplay: 'code' }],
    ['2n ** 70n', {}], ['-5', { style: 'currency', currency: 'EUR', currencySign: 'accounting' }], ['1234.5', { style: 'unit', unit: 'celsius' }],
    ['3', { style: 'unit', unit: 'hour', unitDisplay: 'long' }], ['1', { style: 'unit', unit: 'gigabyte-per-second' }], ['12345678', { notation: 'compact', style: 'currency', currency: 'USD' }]])
    for (const l of ['en-US', 'de-DE', 'ja-JP', 'ar-EG']) out.push(`new Intl.NumberFormat(${j(l)}, ${j(o)}).format(${x})`);
  for (const o of [{ style: 'currency', currency: 'USD', currencyDisplay: 'name', notation: 'compact' }, { style: 'percent', notation: 'compact' },
    { style: 'unit', unit: 'meter', notation: 'scientific' }, { style: 'currency', currency: 'EUR', currencySign: 'accounting', signDisplay: 'always' },
    { style: 'currency', currency: 'USD', maximumSignificantDigits: 3 }, { style: 'currency', currency: 'EUR', notation: 'engineering' },
    { style: 'percent', minimumFractionDigits: 1 }, { style: 'currency', currency: 'CHF' }, { style: 'currency', currency: 'BRL' }, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol' }])
    for (const l of ['en-US', 'de-CH', 'pt-BR', 'zh-CN', 'fr-FR'])
      out.push(`[1234567.891, -0.5, 0].map((x) => new Intl.NumberFormat(${j(l)}, ${j(o)}).format(x))`);
  for (const z of ['+05:30', 'EST', 'PST8PDT', 'US/Pacific', 'Europe/Kiev', 'Europe/Kyiv', 'Asia/Calcutta', 'America/Buenos_Aires', 'Etc/GMT+5', 'etc/gmt-14', 'CET', 'America/Indiana/Indianapolis', 'Antarctica/Troll', 'GMT', 'Etc/UTC', 'Etc/Unknown'])
    out.push(`(() => { const f = new Intl.DateTimeFormat('en-US', { timeZone: ${j(z)}, timeZoneName: 'short', hour: 'numeric' }); return [f.resolvedOptions().timeZone, f.format(0)] })()`);
  for (const s of ['12345678901234567890.123456', ' 1e3 ', '0x10', 'abc', '', '-0', '1.005', '  -12.50  ', 'Infinity', '-Infinity', '1e-7', '.5'])
    out.push(`new Intl.NumberFormat('en', { maximumFractionDigits: 20 }).format(${j(s)})`);
  for (const [ctor, tag, arg] of [['NumberFormat', 'en-u-nu-arab', '1234.5'], ['NumberFormat', 'ar-EG-u-nu-latn', '1234.5'], ['NumberFormat', 'de-DE-u-nu-bogus', '1'],
    ['DateTimeFormat', 'en-US-u-hc-h23', 'Date.UTC(2024, 2, 5, 13, 7)'], ['DateTimeFormat', 'ja-JP-u-ca-japanese', 'Date.UTC(2024, 2, 5, 13, 7)'], ['DateTimeFormat', 'en-GB-u-hc-h12', 'Date.UTC(2024, 2, 5, 13, 7)'],
    ['Collator', 'de-u-co-phonebk', null], ['Collator', 'en-u-kn-true', null], ['NumberFormat', 'zh-Hans-CN', '1234.5'], ['NumberFormat', 'sr-Latn', '1234.5']]) {
    out.push(`new Intl.${ctor}(${j(tag)}, ${ctor === 'DateTimeFormat' ? "{ timeZone: 'UTC', hour: 'numeric', minute: 'numeric' }" : '{}'}).resolvedOptions().locale`);
    if (arg) out.push(`new Intl.${ctor}(${j(tag)}, ${ctor === 'DateTimeFormat' ? "{ timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' }" : '{}'}).format(${arg})`);
  }
  for (const z of ['Europe/London', 'Europe/Berlin', 'Europe/Paris', 'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo', 'America/Los_Angeles', 'America/New_York', 'America/Denver', 'Pacific/Honolulu', 'Asia/Shanghai', 'Asia/Dubai', 'Africa/Cairo', 'Europe/Moscow'])
    for (const l of ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'es-MX', 'pt-BR'])
      for (const n of ['short', 'long'])
        out.push(`[Date.UTC(2024, 0, 15, 12), Date.UTC(2024, 6, 15, 12)].map((d) => new Intl.DateTimeFormat(${j(l)}, { timeZone: ${j(z)}, timeZoneName: ${j(n)}, hour: 'numeric' }).format(d))`);
  for (const [u, d] of [['byte', 'narrow'], ['kilobyte', 'short'], ['percent', 'long'], ['celsius', 'narrow'], ['fahrenheit', 'long'], ['mile-per-hour', 'short'], ['second', 'narrow'], ['day', 'long'], ['month', 'short']])
    for (const l of ['en-US', 'de-DE', 'ja-JP', 'fr-FR'])
      out.push(`[1, 2.5, 1234567].map((x) => new Intl.NumberFormat(${j(l)}, { style: 'unit', unit: ${j(u)}, unitDisplay: ${j(d)} }).format(x))`);
  for (const l of ['en-US', 'de-DE']) out.push(`[1234, 1234567].map((x) => new Intl.NumberFormat(${j(l)}, { style: 'unit', unit: 'byte', notation: 'compact', unitDisplay: 'narrow' }).format(x))`);
  for (const s of ['日本語のテキストです。', '我爱北京天安门']) out.push(`Array.from(new Intl.Segmenter('ja', { granularity: 'word' }).segment(${j(s)}), (x) => x.segment)`);
  return out;
}

// errorCases must throw the same kind of error as Node, and never escape as a Go panic.
export function errorCases() {
  return [
    `new Intl.NumberFormat().format(Symbol())`,
    `new Intl.DateTimeFormat().format(Symbol())`,
    `Intl.NumberFormat.prototype.format.call({})`,
    `Intl.DateTimeFormat.prototype.formatToParts.call(1, 0)`,
    `String.prototype.localeCompare.call(null, 'a')`,
    `Number.prototype.toLocaleString.call('1')`,
    `Date.prototype.toLocaleString.call({})`,
    `new Intl.DateTimeFormat('en', { hour: 'bogus' })`,
    `new Intl.DateTimeFormat('en', { fractionalSecondDigits: 4 })`,
    `new Intl.DateTimeFormat('en').formatRange(1)`,
    `new Intl.NumberFormat('en', { style: 'unit', unit: 'furlong' })`,
    `new Intl.NumberFormat('en', { style: 'unit' })`,
    `new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 1 })`,
    `new Intl.NumberFormat(['en', 5])`,
    `new Intl.NumberFormat('en', null)`,
    `new Intl.Collator('en', { sensitivity: 'none' })`,
    `new Intl.ListFormat('en').format(['a', 1])`,
    `new Intl.RelativeTimeFormat('en').format(Infinity, 'day')`,
    `new Intl.PluralRules('en', { type: 'cardinals' })`,
    `new Intl.Segmenter('en', { granularity: 'line' })`,
    `Intl.supportedValuesOf('bogus')`,
    `new Intl.DateTimeFormat('en', { timeZone: 'Mars/Olympus' }).format(0)`,
    `new Date(8.64e15 + 1).toLocaleString()`,
    `Object.getOwnPropertyNames(Intl).sort()`,
    `Object.keys(Intl)`,
    `Object.keys(Intl.NumberFormat.prototype)`,
    `Object.getOwnPropertyNames(Intl.NumberFormat.prototype).sort()`,
    `Object.getOwnPropertyNames(Intl.DateTimeFormat.prototype).sort()`,
    `Object.keys(new Intl.NumberFormat())`,
    `[Intl.NumberFormat.name, Intl.NumberFormat.length, Intl.DateTimeFormat.prototype.formatRange.length, (0).toLocaleString.name, String.prototype.localeCompare.length]`,
    `Object.keys(Number.prototype)`,
    `Object(123456n).toLocaleString('de')`,
    `BigInt.prototype.toLocaleString.call(5)`,
    `(() => { const a = [1, 2000]; a.push(a, [3000, a]); return a.toLocaleString('de') })()`,
    `Number.prototype.toLocaleString.call(Object(1234.5), 'fr')`,
    `Object.prototype.toString.call(new Intl.Collator())`,
    `new Intl.NumberFormat().format === new Intl.NumberFormat().format`,
    `(() => { const f = new Intl.NumberFormat(); return f.format === f.format })()`,
    `new Intl.DateTimeFormat('en').format(8.64e15 + 1)`,
  ];
}

// randomCases are option bags drawn with a fixed seed over the valid values, for the locales of
// the brief: the differential part of the table.
export function randomCases() {
  let seed = 7;
  const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const pick = (a) => a[rnd(a.length)];
  const out = [];
  const dateOpts = {
    weekday: ['narrow', 'short', 'long'], era: ['short', 'long'], year: ['numeric', '2-digit'], month: ['numeric', '2-digit', 'short', 'long', 'narrow'],
    day: ['numeric', '2-digit'], hour: ['numeric', '2-digit'], minute: ['numeric', '2-digit'], second: ['numeric', '2-digit'],
    timeZoneName: ['short', 'long', 'shortOffset', 'longOffset'], hour12: [true, false],
  };
  const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo', 'America/Sao_Paulo', 'Asia/Kolkata'];
  for (let i = 0; i < 700; i++) {
    const o = { timeZone: pick(zones) };
    const keys = Object.keys(dateOpts);
    for (let k = 1 + rnd(4); k > 0; k--) { const key = pick(keys); o[key] = pick(dateOpts[key]); }
    out.push(`new Intl.DateTimeFormat(${JSON.stringify(pick(L))}, ${JSON.stringify(o)}).format(${pick(['0', 'Date.UTC(2024, 11, 31, 23, 59, 59)', 'Date.UTC(2025, 5, 15, 12, 30)', 'Date.UTC(1999, 0, 1, 6, 5, 4)'])})`);
  }
  const numOpts = {
    style: ['decimal', 'percent', 'currency', 'unit'], currencyDisplay: ['symbol', 'code', 'name', 'narrowSymbol'], currencySign: ['standard', 'accounting'],
    unitDisplay: ['short', 'long', 'narrow'], minimumFractionDigits: [0, 1, 2, 3], maximumFractionDigits: [0, 2, 4], maximumSignificantDigits: [1, 3, 6],
    useGrouping: [false, 'always', 'min2'], notation: ['standard', 'compact', 'scientific', 'engineering'], compactDisplay: ['short', 'long'],
    signDisplay: ['auto', 'always', 'exceptZero', 'negative', 'never'],
  };
  for (let i = 0; i < 700; i++) {
    const o = {};
    const keys = Object.keys(numOpts);
    for (let k = 1 + rnd(4); k > 0; k--) { const key = pick(keys); o[key] = pick(numOpts[key]); }
    if (o.style === 'currency') o.currency = pick(['EUR', 'USD', 'JPY', 'BRL']);
    if (o.style === 'unit') o.unit = pick(['kilometer', 'liter', 'megabyte', 'hour', 'kilometer-per-hour', 'celsius']);
    if (o.minimumFractionDigits > (o.maximumFractionDigits ?? 99)) delete o.minimumFractionDigits;
    out.push(`[${pick(['1234.5678', '-0.015', '999999', '42'])}, ${pick(['0', '-1e6', '0.5', '123456789.1'])}].map(new Intl.NumberFormat(${JSON.stringify(pick(L))}, ${JSON.stringify(o)}).format)`);
  }
  return out;
}

// randomCases2 draws over the regional locales, the styles and the range methods.
export function randomCases2() {
  let seed = 12345;
  const rnd = (k) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % k; };
  const pick = (a) => a[rnd(a.length)];
  const locs = ['en-AU', 'en-IN', 'en-CA', 'es-MX', 'es-AR', 'fr-CA', 'fr-CH', 'de-AT', 'de-CH', 'it', 'nl', 'ko', 'ru', 'zh-TW', 'zh-HK', 'pt-PT', 'ar-SA', 'ar-MA', 'ja', 'en-ZA', 'en-SG', 'es-CO', 'it-CH', 'nl-BE', 'fr-BE'];
  const dates = ['0', 'Date.UTC(2024, 11, 31, 23, 59, 59)', 'Date.UTC(2025, 5, 15, 12, 30)', 'Date.UTC(2024, 1, 29, 6, 5, 4)'];
  const out = [];
  for (let i = 0; i < 400; i++) {
    const l = pick(locs);
    const o = { timeZone: pick(['UTC', 'Europe/Paris', 'America/Mexico_City', 'Asia/Seoul', 'Australia/Sydney']) };
    if (rnd(2)) { if (rnd(3)) o.dateStyle = pick(['full', 'long', 'medium', 'short']); if (rnd(3)) o.timeStyle = pick(['full', 'long', 'medium', 'short']); if (!o.dateStyle && !o.timeStyle) o.dateStyle = 'short'; }
    else { for (const [k, v] of [['year', ['numeric', '2-digit']], ['month', ['numeric', 'short', 'long']], ['day', ['numeric', '2-digit']], ['weekday', ['short', 'long']], ['hour', ['numeric', '2-digit']], ['minute', ['2-digit']]]) if (rnd(2)) o[k] = pick(v); }
    const m = pick(['format', 'formatToParts', 'formatRange']);
    const a = pick(dates), b = pick(dates);
    out.push(m === 'formatRange' ? `new Intl.DateTimeFormat(${JSON.stringify(l)}, ${JSON.stringify(o)}).formatRange(${a < b ? a : b}, ${a < b ? b : a})` : `new Intl.DateTimeFormat(${JSON.stringify(l)}, ${JSON.stringify(o)}).${m}(${a})`);
  }
  for (let i = 0; i < 300; i++) {
    const l = pick(locs);
    const o = pick([{}, { style: 'currency', currency: pick(['EUR', 'USD', 'CHF', 'INR', 'KRW']) }, { style: 'percent' }, { notation: 'compact', compactDisplay: pick(['short', 'long']) }, { style: 'unit', unit: pick(['kilogram', 'mile', 'gigabyte']), unitDisplay: pick(['long', 'narrow']) }]);
    const x = pick(['1234567.891', '-42.5', '0.0042', '1e9']);
    out.push(`new Intl.NumberFormat(${JSON.stringify(l)}, ${JSON.stringify(o)}).${pick(['format', 'formatToParts'])}(${x})`);
    out.push(`new Intl.RelativeTimeFormat(${JSON.stringify(l)}, { numeric: ${JSON.stringify(pick(['auto', 'always']))}, style: ${JSON.stringify(pick(['long', 'short', 'narrow']))} }).format(${pick([-2, -1, 0, 1, 3, -14])}, ${JSON.stringify(pick(['day', 'week', 'month', 'year', 'hour', 'minute', 'quarter']))})`);
  }
  return out;
}
