export default () => [/\p{L}+/u.exec('123 héllo')[0], /[\p{Lu}]/u.test('a'), 'a b\u00a0c'.split(/[\p{Z}]+/u), /\P{N}/u.test('5'), /\p{Script=Cyrillic}/u.test('д')]
