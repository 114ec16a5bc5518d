class S { static log = []; static { S.log.push('a') } static x = 1; static { S.log.push('b' + S.x) } }
export default () => S.log
