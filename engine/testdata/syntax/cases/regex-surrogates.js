export default () => ['a\uD834\uDF06b'.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, 'X'), ('x\uD834\uDF06'.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g) || []).length]
