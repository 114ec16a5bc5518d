export default async () => { const m = await import('./generators.js'); return typeof m.default }
