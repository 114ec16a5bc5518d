const events = []
const res = (name) => ({ [Symbol.dispose]() { events.push('dispose ' + name) } })
const ares = (name) => ({ async [Symbol.asyncDispose]() { await null; events.push('async dispose ' + name) } })
export default async () => { { using a = res('a'); using b = res('b'); events.push('body') } { await using c = ares('c'); events.push('body2') } return events }
