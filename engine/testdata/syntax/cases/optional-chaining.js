export default () => { const o = { a: { b: () => 'call', arr: [1] } }; const n = null; return [o?.a?.b(), n?.a.b.c, o.a.nope?.(), o.a?.['arr']?.[0], n?.[0], o.a.b?.call?.(null), typeof n?.x] }
