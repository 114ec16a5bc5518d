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
