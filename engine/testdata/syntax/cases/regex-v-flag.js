export default () => { try { return [new RegExp('[\\p{L}--[a-z]]', 'v').test('A'), new RegExp('[\\p{L}--[a-z]]', 'v').test('a')] } catch (e) { return e.name } }
