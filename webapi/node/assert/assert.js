// node:assert and node:assert/strict as Node.js 20 (https://nodejs.org/docs/latest-v20.x/api/assert.html),
// with AssertionError messages in Node's format: the "+ actual - expected" line diff of the two
// values inspected one property per line, "a !== b" for short primitives, and the loose forms.
// Deep equality is internal/util/comparisons (shared with util.isDeepStrictEqual).
(function (host) {
  'use strict';

  const { isDeepEqual, isDeepStrictEqual } = host.require('internal/util/comparisons');

  const readable = {
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    strictEqual: 'Expected values to be strictly equal:',
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: 'Values have same structure but are not reference-equal:',
    notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
  };
  const SHORT = 12; // both sides this short or less: "a !== b"

  const inspectValue = (v) =>
    host.inspect(v, { compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false, showProxy: false, sorted: true, getters: true });
  const isObjectLike = (v) => (typeof v === 'object' && v !== null) || typeof v === 'function';

  // diffMessage is the "+ actual - expected" report: lines of the two inspections side by side,
  // identical runs shortened to their first two and last two lines (with "..." between when
  // more are hidden), diverging lines grouped as all + then all -, and a caret under the first
  // differing character of two single-line values that fit in 80 columns.
  function diffMessage(actual, expected, operator, header) {
    if (operator === 'strictEqual' && isObjectLike(actual) && isObjectLike(expected) && typeof actual === typeof expected) operator = 'strictEqualObject';
    const aText = inspectValue(actual);
    const a = aText.split('\n');
    const e = inspectValue(expected).split('\n');
    const title = header ?? readable[operator];
    let caret = '';
    if (a.length === 1 && e.length === 1 && a[0] !== e[0]) {
      const total = a[0].length + e[0].length;
      if (total <= SHORT) {
        if (!isObjectLike(actual) && !isObjectLike(expected) && (actual !== 0 || expected !== 0)) {
          return `${title}\n\n${a[0]} !== ${e[0]}\n`;
        }
      } else if (operator !== 'strictEqualObject' && total < 80) {
        let i = 0;
        while (a[0][i] === e[0][i]) i++;
        if (i > 2) caret = `\n  ${' '.repeat(i)}^`;
      }
    }
    // Common trailing lines: the last three are kept as context, and the first one after the
    // differences; "..." stands for the others when there are five or more.
    const tail = [];
    while (a.length && e.length && a[a.length - 1] === e[e.length - 1]) {
      tail.unshift(a.pop());
      e.pop();
    }
    if (a.length === 0 && e.length === 0) {
      let lines = aText.split('\n');
      if (lines.length > 50) lines = [...lines.slice(0, 46), '...'];
      return `${readable.notIdentical}\n\n${lines.join('\n')}\n`;
    }
    let end = '';
    if (tail.length <= 3) {
      for (const l of tail) end += `\n  ${l}`;
    } else {
      end = `\n  ${tail[0]}${tail.length >= 5 ? '\n...' : ''}`;
      for (const l of tail.slice(-3)) end += `\n  ${l}`;
    }
    let skipped = tail.length >= 5;
    let out = '';
    let pendingMinus = '';
    let same = [];
    let printed = 0; // lines shown so far: past 50 the rest is cut, as Node does
    const flushSame = () => {
      // identical lines before a difference: all when at most four, else the first two shown
      // already, "..." and the last two (the first two were printed as they came).
      if (same.length > 2) {
        const rest = same.slice(2);
        if (rest.length > 2) {
          if (rest.length === 3) {
            out += `\n  ${rest[0]}`;
            printed++;
          } else {
            out += '\n...';
            skipped = true;
          }
          out += `\n  ${rest[rest.length - 2]}\n  ${rest[rest.length - 1]}`;
          printed += 2;
        } else {
          for (const l of rest) out += `\n  ${l}`;
          printed += rest.length;
        }
      }
      same = [];
    };
    const n = Math.max(a.length, e.length);
    for (let i = 0; i < n; i++) {
      if (i >= a.length || i >= e.length) {
        flushSame();
        if (i < a.length) out += `\n+ ${a[i]}`;
        else pendingMinus += `\n- ${e[i]}`;
        printed++;
      } else {
        let al = a[i];
        const el = e[i];
        let differs = al !== el && !(al.endsWith(',') && al.slice(0, -1) === el);
        if (differs && el.endsWith(',') && el.slice(0, -1) === al) {
          differs = false;
          al += ',';
        }
        if (differs) {
          flushSame();
          out += `\n+ ${al}`;
          pendingMinus += `\n- ${el}`;
          printed += 2;
        } else {
          out += pendingMinus;
          pendingMinus = '';
          same.push(al);
          if (same.length <= 2) {
            out += `\n  ${al}`;
            printed++;
          }
        }
      }
      if (printed > 50 && i < n - 2) {
        return `${title}\n+ actual - expected ... Lines skipped\n${out}\n...${pendingMinus}\n...`;
      }
    }
    return `${title}\n+ actual - expected${skipped ? ' ... Lines skipped' : ''}\n${out}${pendingMinus}${end}${caret}`;
  }

  function copyError(source) {
    const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
    Object.defineProperty(target, 'message', { value: source.message });
    return target;
  }

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== 'object') throw host.invalidArgType('options', 'of type object', options);
      const { message, operator, stackStartFn, details } = options;
      let { actual, expected } = options;
      let text;
      if (message == null && isObjectLike(actual) && isObjectLike(expected) && actual instanceof Error && expected instanceof Error && 'stack' in actual && 'stack' in expected) {
        // Node shows two errors without their stacks: copies with the same prototype and keys.
        actual = copyError(actual);
        expected = copyError(expected);
      }
      if (message != null) {
        if (operator === 'deepStrictEqual' || operator === 'strictEqual') text = diffMessage(actual, expected, operator, String(message));
        else text = String(message);
      } else if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
        text = diffMessage(actual, expected, operator);
      } else if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
        let base = readable[operator];
        let lines = inspectValue(actual).split('\n');
        if (operator === 'notStrictEqual' && isObjectLike(actual)) base = readable.notStrictEqualObject;
        if (lines.length > 50) lines = [...lines.slice(0, 46), '...'];
        text = lines.length === 1 ? `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}` : `${base}\n\n${lines.join('\n')}\n`;
      } else {
        let res = inspectValue(actual);
        let other = inspectValue(expected);
        const known = readable[operator];
        if (operator === 'notDeepEqual' && res === other) {
          res = `${known}\n\n${res}`;
          if (res.length > 1024) res = `${res.slice(0, 1021)}...`;
          text = res;
        } else {
          if (res.length > 512) res = `${res.slice(0, 509)}...`;
          if (other.length > 512) other = `${other.slice(0, 509)}...`;
          if (operator === 'deepEqual') res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
          else if (readable[`${operator}Unequal`]) res = `${readable[`${operator}Unequal`]}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
          else other = ` ${operator} ${other}`;
          text = `${res}${other}`;
        }
      }
      super(text);
      this.generatedMessage = message == null;
      Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
      this.code = 'ERR_ASSERTION';
      if (details) {
        this.actual = undefined;
        this.expected = undefined;
        this.operator = undefined;
        for (let i = 0; i < details.length; i++) {
          this['message ' + i] = details[i].message;
          this['actual ' + i] = details[i].actual;
          this['expected ' + i] = details[i].expected;
          this['operator ' + i] = details[i].operator;
          this['stack trace ' + i] = details[i].stack;
        }
      } else {
        this.actual = actual;
        this.expected = expected;
        this.operator = operator;
      }
      if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, stackStartFn);
      void this.stack; // the stack names "AssertionError [ERR_ASSERTION]", as Node's does
      this.name = 'AssertionError';
    }
    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }

  function innerFail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }

  const missingArgs = (...names) => {
    const list = names.length === 2 ? `"${names[0]}" and "${names[1]}" arguments` : `"${names[0]}" argument`;
    return host.nodeError('TypeError', 'ERR_MISSING_ARGS', `The ${list} must be specified`);
  };

  function innerOk(fn, argLen, value, message, name) {
    if (value) return;
    let generatedMessage = false;
    if (argLen === 0) {
      generatedMessage = true;
      message = 'No value argument passed to `assert.ok()`';
    } else if (message == null) {
      generatedMessage = true;
      // Node prints the call's source text, read from the file at the caller's place; when that
      // cannot be found, the value stands in.
      const code = callSiteCode(fn);
      message = `The expression evaluated to a falsy value:\n\n  ${code === undefined ? `${name}(${host.inspect(value)})` : code}\n`;
    } else if (message instanceof Error) {
      throw message;
    }
    const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    err.generatedMessage = generatedMessage;
    throw err;
  }

  // callSiteCode is getErrMessage (lib/assert.js): the text of the call to fn in the caller's
  // source file, as the stack maps it back to the project's file, the lines after the first with
  // their indentation up to the call's column taken off. undefined when there is no such file or
  // the call cannot be told apart. Node parses the line with acorn; here a scan finds the call's
  // parentheses (strings, template literals and comments skipped) and the callee before them.
  function callSiteCode(fn) {
    const holder = {};
    Error.captureStackTrace(holder, fn);
    let place;
    for (const line of String(holder.stack).split('\n').slice(1)) {
      const m = /([^\s()]+):(\d+):(\d+)(?:\(\d+\))?\)?\s*$/.exec(line);
      if (m && !/^[a-z]+:/.test(m[1])) {
        place = m;
        break;
      }
    }
    if (!place) return undefined;
    const text = host.callSiteSource(place[1], Number(place[2]));
    if (typeof text !== 'string') return undefined;
    let i = Number(place[3]) - 1;
    while (i < text.length && text[i] !== '(' && text[i] !== '\n' && /[\w$.\s?]/.test(text[i])) i++;
    if (text[i] !== '(') return undefined;
    let start = i;
    while (start > 0 && /[\w$.?]/.test(text[start - 1])) start--;
    if (start === i) return undefined;
    const end = closingParen(text, i);
    if (end < 0) return undefined;
    const lines = text.slice(start, end + 1).split('\n');
    let code = lines.shift();
    for (const l of lines) {
      let pos = 0;
      while (pos < start && (l[pos] === ' ' || l[pos] === '\t')) pos++;
      code += `\n  ${l.slice(pos)}`;
    }
    return code;
  }
  function closingParen(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      const ch = text[i];
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (--depth === 0) return ch === ')' ? i : -1;
      } else if (ch === '"' || ch === "'" || ch === '`') {
        for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
      } else if (ch === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (ch === '/' && text[i + 1] === '*') {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return -1;
        i = close + 1;
      }
    }
    return -1;
  }

  function ok(...args) {
    innerOk(ok, args.length, args[0], args[1], 'assert.ok');
  }

  function fail(actual, expected, message, operator, stackStartFn) {
    const argsLen = arguments.length;
    let internalMessage = false;
    if (argsLen === 0) {
      internalMessage = 'Failed';
    } else if (argsLen === 1) {
      message = actual;
      actual = undefined;
    } else {
      if (argsLen === 2) operator = '!=';
    }
    if (message instanceof Error) throw message;
    const err = new AssertionError({ actual, expected, operator: operator === undefined ? 'fail' : operator, stackStartFn: stackStartFn || fail, message: internalMessage || message });
    if (internalMessage) err.generatedMessage = true;
    throw err;
  }

  function equal(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    // eslint-disable-next-line eqeqeq
    if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
  function notEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    // eslint-disable-next-line eqeqeq
    if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
  function deepEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    if (!isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual });
  }
  function notDeepEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    if (isDeepEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
  }
  function deepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    if (!isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
  }
  function notDeepStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    if (isDeepStrictEqual(actual, expected)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
  }
  function strictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
  }
  function notStrictEqual(actual, expected, message) {
    if (arguments.length < 2) throw missingArgs('actual', 'expected');
    if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
  }

  // ---- throws / rejects -----------------------------------------------------------------------
  const NO_EXCEPTION = {};

  class Comparison {
    constructor(obj, keys, actual) {
      for (const key of keys) {
        if (key in obj) {
          if (actual !== undefined && typeof actual[key] === 'string' && obj[key] instanceof RegExp && obj[key].exec(actual[key]) !== null) this[key] = actual[key];
          else this[key] = obj[key];
        }
      }
    }
  }

  function compareExceptionKey(actual, expected, key, message, keys, fn) {
    if (!(key in actual) || !isDeepStrictEqual(actual[key], expected[key])) {
      if (!message) {
        const a = new Comparison(actual, keys);
        const b = new Comparison(expected, keys, actual);
        const err = new AssertionError({ actual: a, expected: b, operator: 'deepStrictEqual', stackStartFn: fn });
        err.actual = actual;
        err.expected = expected;
        err.operator = fn.name;
        throw err;
      }
      innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn });
    }
  }

  function expectedException(actual, expected, message, fn) {
    let generatedMessage = false;
    let throwError = false;
    if (typeof expected !== 'function') {
      if (expected instanceof RegExp) {
        const str = String(actual);
        if (expected.exec(str) !== null) return;
        if (!message) {
          generatedMessage = true;
          message = `The input did not match the regular expression ${host.inspect(expected)}. Input:\n\n${host.inspect(str)}\n`;
        }
        throwError = true;
      } else if (typeof actual !== 'object' || actual === null) {
        const err = new AssertionError({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn });
        err.operator = fn.name;
        throw err;
      } else {
        const keys = Object.keys(expected);
        if (expected instanceof Error) keys.push('name', 'message');
        else if (keys.length === 0) {
          throw host.nodeError('TypeError', 'ERR_INVALID_ARG_VALUE', `The argument 'error' may not be an empty object. Received {}`);
        }
        for (const key of keys) {
          if (typeof actual[key] === 'string' && expected[key] instanceof RegExp && expected[key].exec(actual[key]) !== null) continue;
          compareExceptionKey(actual, expected, key, message, keys, fn);
        }
        return;
      }
    } else if (expected.prototype !== undefined && actual instanceof expected) {
      return;
    } else if (Error.isPrototypeOf(expected) || expected === Error) {
      if (!message) {
        generatedMessage = true;
        message = `The error is expected to be an instance of "${expected.name}". Received `;
        if (actual instanceof Error) message += `"${actual.constructor?.name}"`;
        else message += `"${host.inspect(actual, { depth: -1 })}"`;
        if (expected.name === actual?.constructor?.name) message += ' (different constructors)';
        if (actual instanceof Error) message += `\n\nError message:\n\n${actual.message}`;
      }
      throwError = true;
    } else {
      const res = Reflect.apply(expected, {}, [actual]);
      if (res !== true) {
        if (!message) {
          generatedMessage = true;
          const name = expected.name ? `"${expected.name}" ` : '';
          message = `The ${name}validation function is expected to return "true". Received ${host.inspect(res)}`;
          if (actual instanceof Error) message += `\n\nCaught error:\n\n${actual}`;
        }
        throwError = true;
      }
    }
    if (throwError) {
      const err = new AssertionError({ actual, expected, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generatedMessage;
      throw err;
    }
  }

  function getActual(fn) {
    if (typeof fn !== 'function') throw host.invalidArgType('fn', 'of type function', fn);
    try {
      fn();
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  const isThenable = (v) => v !== null && typeof v === 'object' && typeof v.then === 'function' && typeof v.catch === 'function';

  async function waitForActual(promiseFn) {
    let resultPromise;
    if (typeof promiseFn === 'function') {
      resultPromise = promiseFn();
      if (!isThenable(resultPromise)) {
        throw host.nodeError('TypeError', 'ERR_INVALID_RETURN_VALUE', `Expected instance of Promise to be returned from the "promiseFn" function but got ${host.received(resultPromise)}.`);
      }
    } else if (isThenable(promiseFn)) {
      resultPromise = promiseFn;
    } else {
      throw host.invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
    }
    try {
      await resultPromise;
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  function expectsError(stackStartFn, actual, error, message) {
    if (typeof error === 'string') {
      if (arguments.length === 4) throw host.invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
      if (typeof actual === 'object' && actual !== null && actual.message === error) {
        throw host.nodeError('TypeError', 'ERR_AMBIGUOUS_ARGUMENT', `The "error/message" argument is ambiguous. The error message "${actual.message}" is identical to the message.`);
      }
      if (actual === error) {
        throw host.nodeError('TypeError', 'ERR_AMBIGUOUS_ARGUMENT', `The "error/message" argument is ambiguous. The error "${actual}" is identical to the message.`);
      }
      message = error;
      error = undefined;
    } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
      throw host.invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
    }
    if (actual === NO_EXCEPTION) {
      let details = '';
      if (error && error.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : '.';
      const fnType = stackStartFn === assert.rejects ? 'rejection' : 'exception';
      innerFail({ actual: undefined, expected: error, operator: stackStartFn.name, message: `Missing expected ${fnType}${details}`, stackStartFn });
    }
    if (!error) return;
    expectedException(actual, error, message, stackStartFn);
  }

  function hasMatchingError(actual, expected) {
    if (typeof expected !== 'function') {
      if (expected instanceof RegExp) return expected.exec(String(actual)) !== null;
      throw host.invalidArgType('expected', 'of type function or an instance of RegExp', expected);
    }
    if (expected.prototype !== undefined && actual instanceof expected) return true;
    if (Error.isPrototypeOf(expected)) return false;
    return Reflect.apply(expected, {}, [actual]) === true;
  }

  function expectsNoError(stackStartFn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === 'string') {
      message = error;
      error = undefined;
    }
    if (!error || hasMatchingError(actual, error)) {
      const details = message ? `: ${message}` : '.';
      const fnType = stackStartFn === assert.doesNotReject ? 'rejection' : 'exception';
      innerFail({ actual, expected: error, operator: stackStartFn.name, message: `Got unwanted ${fnType}${details}\nActual message: "${actual && actual.message}"`, stackStartFn });
    }
    throw actual;
  }

  function throws(promiseFn, ...args) {
    expectsError(throws, getActual(promiseFn), ...args);
  }
  async function rejects(promiseFn, ...args) {
    expectsError(rejects, await waitForActual(promiseFn), ...args);
  }
  function doesNotThrow(fn, ...args) {
    expectsNoError(doesNotThrow, getActual(fn), ...args);
  }
  async function doesNotReject(fn, ...args) {
    expectsNoError(doesNotReject, await waitForActual(fn), ...args);
  }

  function ifError(err) {
    if (err !== null && err !== undefined) {
      let message = 'ifError got unwanted exception: ';
      if (typeof err === 'object' && typeof err.message === 'string') {
        if (err.message.length === 0 && err.constructor) message += err.constructor.name;
        else message += err.message;
      } else {
        message += host.inspect(err);
      }
      const e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
      throw e;
    }
  }

  function internalMatch(string, regexp, message, fn) {
    if (!(regexp instanceof RegExp)) throw host.invalidArgType('regexp', 'an instance of RegExp', regexp);
    const match = fn === assert.match;
    if (typeof string !== 'string' || (regexp.exec(string) !== null) !== match) {
      if (message instanceof Error) throw message;
      const generatedMessage = !message;
      message =
        message ||
        (typeof string !== 'string'
          ? `The "string" argument must be of type string. Received type ${typeof string} (${host.inspect(string)})`
          : (match ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') +
            `${host.inspect(regexp)}. Input:\n\n${host.inspect(string)}\n`);
      const err = new AssertionError({ actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = generatedMessage;
      throw err;
    }
  }
  function match(string, regexp, message) {
    internalMatch(string, regexp, message, match);
  }
  function doesNotMatch(string, regexp, message) {
    internalMatch(string, regexp, message, doesNotMatch);
  }

  function CallTracker() {
    throw host.notSupported('assert', 'CallTracker');
  }

  const assert = function assert(...args) {
    innerOk(assert, args.length, args[0], args[1], 'assert');
  };
  Object.assign(assert, {
    fail,
    AssertionError,
    ok,
    equal,
    notEqual,
    deepEqual,
    notDeepEqual,
    deepStrictEqual,
    notDeepStrictEqual,
    strictEqual,
    notStrictEqual,
    throws,
    rejects,
    doesNotThrow,
    doesNotReject,
    ifError,
    match,
    doesNotMatch,
    CallTracker,
  });

  function strict(...args) {
    innerOk(strict, args.length, args[0], args[1], 'assert');
  }
  Object.assign(strict, assert, { equal: strictEqual, deepEqual: deepStrictEqual, notEqual: notStrictEqual, notDeepEqual: notDeepStrictEqual });
  assert.strict = strict;
  assert.strict.strict = assert.strict;
  return assert;
});
