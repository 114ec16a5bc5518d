const log = []
function logged(value, context) { log.push(context.kind + ':' + String(context.name)); if (context.kind === 'method') return function (...args) { return 'wrapped ' + value.apply(this, args) } }
@logged class D { @logged greet() { return 'hi' } @logged static s = 1 }
export default () => [new D().greet(), D.s, log]
