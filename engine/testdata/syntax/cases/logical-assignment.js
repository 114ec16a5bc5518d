export default () => { let a = null, b = 0, c = 1; a ??= 'n'; b ||= 'o'; c &&= 'a'; const o = {}; o.x ??= 1; o.x ??= 2; return [a, b, c, o.x] }
