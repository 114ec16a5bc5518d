package dom_test

import (
	"testing"

	"github.com/jsroute/jsroute/webapi/dom"
	"github.com/jsroute/jsroute/webapi/streams"
	"github.com/jsroute/jsroute/webapi/timers"
	"github.com/jsroute/jsroute/webapi/webapitest"
)

func run(t *testing.T, tests []conformance) {
	t.Helper()
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			env := webapitest.New(t, webapitest.Options{}, timers.Install, dom.Install, streams.Install)
			if got := env.Run(prelude + c.script).String(); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
			checkNode(t, c)
		})
	}
}

func TestDOMException(t *testing.T) {
	run(t, []conformance{
		{name: "name, message and legacy code", script: `
			const e = new DOMException('m', 'AbortError');
			return [e.name, e.message, e.code, e instanceof DOMException, e instanceof Error].join()`,
			want: "AbortError,m,20,true,true"},
		{name: "defaults", script: `
			const e = new DOMException();
			return JSON.stringify([e.name, e.message, e.code, String(e)])`,
			want: `["Error","",0,"Error"]`},
		{name: "undefined arguments take the defaults, null is stringified", script: `
			const a = new DOMException(undefined, undefined), b = new DOMException(null, null);
			return [a.name, a.message, b.name, b.message].join()`,
			want: "Error,,null,null"},
		{name: "every legacy name maps to its code", script: `
			const names = ['IndexSizeError','HierarchyRequestError','WrongDocumentError','InvalidCharacterError','NoModificationAllowedError','NotFoundError','NotSupportedError','InUseAttributeError','InvalidStateError','SyntaxError','InvalidModificationError','NamespaceError','InvalidAccessError','TypeMismatchError','SecurityError','NetworkError','AbortError','URLMismatchError','QuotaExceededError','TimeoutError','InvalidNodeTypeError','DataCloneError'];
			return names.map(n => new DOMException('', n).code).join()`,
			want: "1,3,4,5,7,8,9,10,11,12,13,14,15,17,18,19,20,21,22,23,24,25"},
		{name: "names without a legacy code give 0", script: `
			return ['EncodingError','NotReadableError','DataError','OperationError','NotAllowedError','abortError','DOMStringSizeError','ValidationError'].map(n => new DOMException('', n).code).join()`,
			want: "0,0,0,0,0,0,0,0"},
		{name: "constants on the constructor and the prototype", script: `
			const d = Object.getOwnPropertyDescriptor(DOMException, 'ABORT_ERR');
			return [DOMException.INDEX_SIZE_ERR, DOMException.DATA_CLONE_ERR, DOMException.prototype.TIMEOUT_ERR, new DOMException().NETWORK_ERR, d.writable, d.enumerable, d.configurable].join()`,
			want: "1,25,23,19,false,true,false"},
		{name: "prototype chain and toStringTag", script: `
			return [Object.getPrototypeOf(DOMException.prototype) === Error.prototype, Object.prototype.toString.call(new DOMException()), DOMException.length, DOMException.name].join()`,
			want: "true,[object DOMException],0,DOMException"},
		{name: "name, message and code are enumerable prototype accessors", script: `
			const d = Object.getOwnPropertyDescriptor(DOMException.prototype, 'name');
			return [typeof d.get, d.set, d.enumerable, d.configurable, Object.getOwnPropertyNames(new DOMException('x')).join('|')].join()`,
			want: "function,,true,true,stack"},
		{name: "stack starts with name and message", script: `
			return new DOMException('boom', 'NotFoundError').stack.split('\n')[0]`,
			want: "NotFoundError: boom"},
		{name: "options object with name and cause", script: `
			const e = new DOMException('x', { name: 'DataCloneError', cause: 5 });
			const d = Object.getOwnPropertyDescriptor(e, 'cause');
			return [e.name, e.code, e.cause, d.enumerable, d.writable].join()`,
			want: "DataCloneError,25,5,false,true"},
		{name: "getters brand-check this", script: `
			return [thrown(() => DOMException.prototype.name), thrown(() => Object.getOwnPropertyDescriptor(DOMException.prototype, 'code').get.call({}))].join()`,
			want: "TypeError,TypeError"},
		{name: "call without new throws", script: `return thrown(() => DOMException('x'))`, want: "TypeError"},
		{name: "subclassing keeps the state", script: `
			class NotFound extends DOMException { constructor() { super('q', 'NotFoundError') } }
			const e = new NotFound();
			return [e.name, e.code, e.message, e instanceof DOMException, e instanceof NotFound].join()`,
			want: "NotFoundError,8,q,true,true"},
		{name: "toString comes from Error.prototype", script: `
			return [String(new DOMException('m', 'AbortError')), new DOMException('', 'AbortError').toString()].join()`,
			want: "AbortError: m,AbortError"},
		{name: "symbol message throws", script: `return thrown(() => new DOMException(Symbol()))`, want: "TypeError"},
	})
}

func TestEvent(t *testing.T) {
	run(t, []conformance{
		{name: "constructor defaults", script: `
			const e = new Event('x');
			return JSON.stringify([e.type, e.bubbles, e.cancelable, e.composed, e.defaultPrevented, e.eventPhase, e.target, e.currentTarget, e.srcElement, e.returnValue, e.cancelBubble, e.isTrusted, typeof e.timeStamp, e.composedPath()])`,
			want: `["x",false,false,false,false,0,null,null,null,true,false,false,"number",[]]`},
		{name: "init dictionary is converted to booleans", script: `
			const e = new Event('x', { bubbles: 1, cancelable: 'y', composed: {} });
			return [e.bubbles, e.cancelable, e.composed].join()`,
			want: "true,true,true"},
		{name: "type is stringified", script: `return [new Event(1).type, new Event(null).type, new Event(undefined).type].join()`, want: "1,null,undefined"},
		{name: "type is required", script: `return thrown(() => new Event())`, want: "TypeError"},
		{name: "a non-object init throws, null is fine", script: `return [thrown(() => new Event('x', 5)), new Event('z', null).bubbles].join()`, want: "TypeError,false"},
		{name: "preventDefault on a cancelable event", script: `
			const e = new Event('x', { cancelable: true }); e.preventDefault();
			return [e.defaultPrevented, e.returnValue].join()`,
			want: "true,false"},
		{name: "preventDefault on a non-cancelable event does nothing", script: `
			const e = new Event('x'); e.preventDefault(); e.returnValue = false;
			return [e.defaultPrevented, e.returnValue].join()`,
			want: "false,true"},
		// Node.js 20's shapes: phase constants on the constructor only, no initCustomEvent, a
		// non-configurable isTrusted, AbortSignal's reason and throwIfAborted not enumerable, and its
		// property order.
		{name: "Event and AbortSignal shapes are Node's", script: `
			const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return x ? [x.enumerable, x.configurable].join('/') : 'none' };
			return [Event.prototype.AT_TARGET, Event.AT_TARGET, 'initCustomEvent' in CustomEvent.prototype, d(Event.prototype, 'isTrusted'), d(AbortSignal.prototype, 'reason'), d(AbortSignal.prototype, 'throwIfAborted'), d(AbortSignal.prototype, 'aborted'), d(globalThis, 'structuredClone'),
				Object.getOwnPropertyNames(Event.prototype).join(' '), Object.getOwnPropertyNames(AbortSignal.prototype).join(' '), Object.getOwnPropertyNames(AbortController.prototype).join(' ')].join()`,
			want: ",2,false,true/false,false/true,false/true,true/true,true/true,constructor initEvent stopImmediatePropagation preventDefault target currentTarget srcElement type cancelable defaultPrevented timeStamp composedPath returnValue bubbles composed eventPhase cancelBubble stopPropagation isTrusted,constructor aborted reason throwIfAborted onabort,constructor signal abort"},
		{name: "an array or function init is a TypeError, as in Node.js", script: `
			return [thrown(() => new Event('x', [])), thrown(() => new Event('x', () => {})), thrown(() => new CustomEvent('x', [])), new DOMException('m', () => {}).name].join()`,
			want: "TypeError,TypeError,TypeError,() => {}"},
		// DOM §2.2 has a legacy returnValue setter; Node.js 20 has a getter only.
		{name: "returnValue is a getter only", script: `
			const e = new Event('x', { cancelable: true });
			const d = Object.getOwnPropertyDescriptor(Event.prototype, 'returnValue');
			const strict = thrown(() => { 'use strict'; e.returnValue = false });
			return [typeof d.get, typeof d.set, d.enumerable, strict, e.defaultPrevented, e.returnValue].join()`,
			want: "function,undefined,true,TypeError,false,true"},
		{name: "initEvent keeps the flags, as in Node.js", script: `
			const e = new Event('x'); e.preventDefault(); e.stopImmediatePropagation(); e.initEvent('y', true, true);
			return [e.type, e.bubbles, e.cancelable, e.defaultPrevented, e.returnValue, e.cancelBubble].join()`,
			want: "y,true,true,true,false,true"},
		{name: "cancelBubble can only be set to true", script: `
			const e = new Event('x'); e.cancelBubble = true; const a = e.cancelBubble; e.cancelBubble = false;
			return [a, e.cancelBubble].join()`,
			want: "true,true"},
		{name: "phase constants", script: `
			return [Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE, Event.length].join()`,
			want: "0,1,2,3,1"},
		{name: "accessors live on the prototype", script: `
			const e = new Event('x'); const names = Object.getOwnPropertyNames(Event.prototype);
			return [Object.getOwnPropertyNames(e).length, ['type','target','currentTarget','eventPhase','bubbles','cancelable','defaultPrevented','composed','isTrusted','timeStamp','preventDefault','stopPropagation','stopImmediatePropagation','composedPath','returnValue','cancelBubble','srcElement','initEvent'].every(n => names.includes(n))].join()`,
			want: "0,true"},
		{name: "brand checks", script: `
			return [thrown(() => Event.prototype.type), thrown(() => Event.prototype.preventDefault.call({})), thrown(() => Event('x'))].join()`,
			want: "TypeError,TypeError,TypeError"},
		{name: "toStringTag", script: `return [String(new Event('x')), Object.prototype.toString.call(new EventTarget())].join()`, want: "[object Event],[object EventTarget]"},
		{name: "timeStamp grows", script: `
			const a = new Event('x').timeStamp; await new Promise(r => setTimeout(r, 5)); const b = new Event('x').timeStamp;
			return [a >= 0, b > a].join()`,
			want: "true,true"},
		{name: "initEvent reinitializes", script: `
			const e = new Event('a'); e.initEvent('b', true, true);
			return [e.type, e.bubbles, e.cancelable, thrown(() => e.initEvent())].join()`,
			want: "b,true,true,TypeError"},
		{name: "CustomEvent detail", script: `
			const a = new CustomEvent('q', { detail: { a: 1 } }), b = new CustomEvent('q');
			return JSON.stringify([a.detail, b.detail, a instanceof Event, a.type, Object.getPrototypeOf(CustomEvent) === Event])`,
			want: `[{"a":1},null,true,"q",true]`},
		{name: "subclasses of Event", script: `
			class MyEvent extends Event { constructor() { super('mine', { cancelable: true }); this.extra = 1 } }
			const t = new EventTarget(); let seen;
			t.addEventListener('mine', e => { seen = e; e.preventDefault() });
			const e = new MyEvent();
			return [t.dispatchEvent(e), seen === e, e.extra, e instanceof MyEvent].join()`,
			want: "false,true,1,true"},
	})
}

func TestEventTarget(t *testing.T) {
	run(t, []conformance{
		{name: "dispatch sets target, currentTarget and phase", script: `
			const t = new EventTarget(); const log = [];
			t.addEventListener('a', function (e) { log.push(this === t, e.eventPhase, e.target === t, e.currentTarget === t, e.composedPath().length) });
			const e = new Event('a'); const r = t.dispatchEvent(e);
			log.push(r, e.eventPhase, e.target === t, e.currentTarget, e.composedPath().length);
			return JSON.stringify(log)`,
			want: `[true,2,true,true,1,true,0,true,null,0]`},
		{name: "the same listener and capture is added once", script: `
			const t = new EventTarget(); let n = 0; const f = () => n++;
			t.addEventListener('a', f); t.addEventListener('a', f); t.addEventListener('a', f, { capture: false });
			t.dispatchEvent(new Event('a'));
			return n`,
			want: "1"},
		{name: "capture is part of the listener's identity", script: `
			const t = new EventTarget(); let n = 0; const f = () => n++;
			t.addEventListener('a', f); t.addEventListener('a', f, true);
			t.dispatchEvent(new Event('a'));
			t.removeEventListener('a', f);
			t.dispatchEvent(new Event('a'));
			t.removeEventListener('a', f, { capture: true });
			t.dispatchEvent(new Event('a'));
			return n`,
			want: "3"},
		{name: "listeners run in order; removing one during dispatch skips it", script: `
			const t = new EventTarget(); const log = []; const c = () => log.push('c');
			t.addEventListener('a', () => log.push('a'));
			t.addEventListener('a', () => { log.push('b'); t.removeEventListener('a', c) });
			t.addEventListener('a', c);
			t.dispatchEvent(new Event('a'));
			return log.join()`,
			want: "a,b"},
		{name: "listeners added during dispatch wait for the next one", script: `
			const t = new EventTarget(); const log = [];
			t.addEventListener('a', () => { log.push(1); t.addEventListener('a', () => log.push(2)) }, { once: true });
			t.dispatchEvent(new Event('a')); t.dispatchEvent(new Event('a'));
			return log.join()`,
			want: "1,2"},
		{name: "once", script: `
			const t = new EventTarget(); let n = 0;
			t.addEventListener('c', () => n++, { once: true });
			t.dispatchEvent(new Event('c')); t.dispatchEvent(new Event('c'));
			return n`,
			want: "1"},
		{name: "signal removes the listener on abort", script: `
			const t = new EventTarget(); const ac = new AbortController(); let n = 0;
			t.addEventListener('d', () => n++, { signal: ac.signal });
			t.dispatchEvent(new Event('d')); ac.abort(); t.dispatchEvent(new Event('d'));
			return n`,
			want: "1"},
		{name: "an aborted signal adds nothing", script: `
			const t = new EventTarget(); let n = 0;
			t.addEventListener('e', () => n++, { signal: AbortSignal.abort() });
			t.dispatchEvent(new Event('e'));
			return n`,
			want: "0"},
		{name: "signal must be an AbortSignal", script: `
			const t = new EventTarget();
			return [thrown(() => t.addEventListener('a', () => {}, { signal: {} })), thrown(() => t.addEventListener('a', () => {}, { signal: null }))].join()`,
			want: "TypeError,TypeError"},
		{name: "stopImmediatePropagation stops later listeners", script: `
			const t = new EventTarget(); const log = [];
			t.addEventListener('g', e => { log.push(1); e.stopImmediatePropagation() });
			t.addEventListener('g', () => log.push(2));
			t.dispatchEvent(new Event('g'));
			return log.join()`,
			want: "1"},
		// DOM §2.9 clears the stop flags after a dispatch; Node.js 20 keeps them, so an event
		// stopped once reaches no listener again.
		{name: "the propagation flags stay set after dispatch", script: `
			const t = new EventTarget(); let n = 0;
			t.addEventListener('g', e => { n++; e.stopImmediatePropagation() });
			const e = new Event('g'); t.dispatchEvent(e); t.dispatchEvent(e);
			return [n, e.cancelBubble].join()`,
			want: "1,true"},
		{name: "stopPropagation does not stop listeners at the target", script: `
			const t = new EventTarget(); let n = 0;
			t.addEventListener('g', e => { n++; e.stopPropagation() }); t.addEventListener('g', () => n += 10);
			const e = new Event('g'); t.dispatchEvent(e); const pre = new Event('g'); pre.stopPropagation(); t.dispatchEvent(pre);
			return [n, e.cancelBubble].join()`,
			want: "22,true"},
		{name: "handler objects get handleEvent called with this = the object", script: `
			const t = new EventTarget(); const log = [];
			const h = { handleEvent(e) { log.push(this === h, e.type) } };
			t.addEventListener('b', h); t.dispatchEvent(new Event('b'));
			return log.join()`,
			want: "true,b"},
		{name: "handleEvent is looked up at each dispatch", script: `
			const t = new EventTarget(); const log = []; const h = {};
			t.addEventListener('b', h); t.dispatchEvent(new Event('b'));
			h.handleEvent = () => log.push('late'); t.dispatchEvent(new Event('b'));
			return log.join()`,
			want: "late"},
		{name: "a throwing listener does not stop the others or the dispatcher", script: `
			const t = new EventTarget(); const log = [];
			t.addEventListener('x', () => { throw new Error('boom') });
			t.addEventListener('x', () => log.push('after'));
			if (typeof process !== 'undefined') process.on('uncaughtException', () => {});
			return [t.dispatchEvent(new Event('x')), log.join()].join()`,
			want: "true,after"},
		{name: "dispatchEvent returns false when canceled", script: `
			const t = new EventTarget();
			t.addEventListener('a', e => e.preventDefault());
			return [t.dispatchEvent(new Event('a', { cancelable: true })), t.dispatchEvent(new Event('a'))].join()`,
			want: "false,true"},
		{name: "an event can be dispatched again after its dispatch", script: `
			const t = new EventTarget(); let n = 0; t.addEventListener('a', () => n++);
			const e = new Event('a'); t.dispatchEvent(e); t.dispatchEvent(e);
			return n`,
			want: "2"},
		// DOM §2.9 throws an "InvalidStateError" DOMException; Node.js 20 its own error.
		{name: "dispatching an event that is being dispatched throws ERR_EVENT_RECURSION", script: `
			const t = new EventTarget(); let r;
			t.addEventListener('a', e => { try { t.dispatchEvent(e) } catch (x) { r = [x.constructor.name, x.code, x.message, x instanceof DOMException].join() } });
			t.dispatchEvent(new Event('a'));
			return r`,
			want: `Error,ERR_EVENT_RECURSION,The event "a" is already being dispatched,false`},
		// Node.js 20 clears "being dispatched" when the first listener returns: the later ones see
		// eventPhase 0 and no currentTarget.
		{name: "only the first listener sees the event as being dispatched", script: `
			const t = new EventTarget(); const log = [];
			const l = e => log.push(e.eventPhase, e.currentTarget === t, e.composedPath().length);
			t.addEventListener('a', l); t.addEventListener('a', e => l(e));
			const e = new Event('a'); t.dispatchEvent(e); log.push(e.eventPhase, e.target === t, e.currentTarget);
			return log.join()`,
			want: "2,true,1,0,false,0,0,true,"},
		{name: "argument errors", script: `
			const t = new EventTarget();
			return [thrown(() => t.dispatchEvent({ type: 'a' })), thrown(() => t.dispatchEvent()), thrown(() => t.addEventListener('a', 5)), thrown(() => t.addEventListener('a')), thrown(() => t.removeEventListener('a'))].join()`,
			want: "TypeError,TypeError,TypeError,TypeError,TypeError"},
		{name: "a null listener is ignored", script: `
			const t = new EventTarget();
			return [t.addEventListener('a', null), t.removeEventListener('a', null), t.addEventListener('a', undefined)].join()`,
			want: ",,"},
		{name: "no listeners: dispatch still sets the target", script: `
			const t = new EventTarget(); const e = new Event('none');
			return [t.dispatchEvent(e), e.target === t, e.eventPhase].join()`,
			want: "true,true,0"},
		{name: "EventTarget can be subclassed", script: `
			class Emitter extends EventTarget { fire() { return this.dispatchEvent(new Event('fire')) } }
			const em = new Emitter(); let self;
			em.addEventListener('fire', function () { self = this });
			return [em.fire(), self === em, em instanceof EventTarget].join()`,
			want: "true,true,true"},
		{name: "methods brand-check this", script: `
			return [thrown(() => EventTarget.prototype.addEventListener.call({}, 'a', () => {})), thrown(() => EventTarget.prototype.dispatchEvent.call({}, new Event('a')))].join()`,
			want: "TypeError,TypeError"},
		// DOM §2.9 runs the capturing listeners first at the target; Node.js 20 keeps the order
		// they were added in.
		{name: "listeners run in registration order, capturing or not", script: `
			const t = new EventTarget(); const log = [];
			t.addEventListener('a', () => log.push('bubble')); t.addEventListener('a', () => log.push('capture'), true);
			t.addEventListener('a', () => log.push('bubble2'), { capture: false }); t.addEventListener('a', () => log.push('capture2'), { capture: true });
			t.dispatchEvent(new Event('a'));
			return log.join()`,
			want: "bubble,capture,bubble2,capture2"},
		// DOM §2.7 ignores preventDefault in a passive listener; Node.js 20 ignores passive.
		{name: "a passive listener can cancel, as in Node.js", script: `
			const t = new EventTarget();
			t.addEventListener('p', e => e.preventDefault(), { passive: true });
			const e = new Event('p', { cancelable: true });
			return [t.dispatchEvent(e), e.defaultPrevented].join()`,
			want: "false,true"},
		{name: "options: getters in Node's order; non-objects other than booleans throw", script: `
			const t = new EventTarget(); const log = []; const o = {};
			for (const k of ['capture', 'once', 'passive', 'signal']) Object.defineProperty(o, k, { get() { log.push(k) } });
			t.addEventListener('a', () => {}, o);
			return [log.join(' '), ...[null, undefined, false, 1, 'x'].map(v => thrown(() => t.addEventListener('b', () => {}, v)))].join()`,
			want: "once capture passive signal,none,none,none,TypeError,TypeError"},
		// Node.js 20 reads removeEventListener's capture as options?.capture === true.
		{name: "removeEventListener matches capture only from {capture: true}", script: `
			const t = new EventTarget(); let n = 0; const f = () => n++;
			t.addEventListener('a', f, true); t.removeEventListener('a', f, true); t.dispatchEvent(new Event('a'));
			t.addEventListener('b', f, true); t.removeEventListener('b', f, { capture: 1 }); t.dispatchEvent(new Event('b'));
			t.addEventListener('c', f, true); t.removeEventListener('c', f, { capture: true }); t.dispatchEvent(new Event('c'));
			t.addEventListener('d', f); t.removeEventListener('d', f, 'x'); t.dispatchEvent(new Event('d'));
			return n`,
			want: "2"},
	})
}

func TestAbort(t *testing.T) {
	run(t, []conformance{
		{name: "AbortSignal cannot be constructed", script: `return thrown(() => new AbortSignal())`, want: "TypeError"},
		{name: "a new controller's signal", script: `
			const ac = new AbortController();
			return [ac.signal === ac.signal, ac.signal.aborted, ac.signal.reason, ac.signal.onabort, ac.signal instanceof EventTarget, Object.getPrototypeOf(AbortSignal) === EventTarget].join()`,
			want: "true,false,,,true,true"},
		{name: "abort fires onabort then listeners, trusted, once", script: `
			const ac = new AbortController(); const log = [];
			ac.signal.onabort = function (e) { log.push(['onabort', this === ac.signal, e.type, e.isTrusted, e.bubbles, e.cancelable, e.constructor.name]) };
			ac.signal.addEventListener('abort', () => log.push(['listener', ac.signal.aborted]));
			ac.abort(); ac.abort('again');
			return JSON.stringify(log) + ' ' + ac.signal.reason.name`,
			want: `[["onabort",true,"abort",true,false,false,"Event"],["listener",true]] AbortError`},
		{name: "default reason is an AbortError DOMException", script: `
			const ac = new AbortController(); ac.abort();
			const r = ac.signal.reason;
			return [r instanceof DOMException, r.name, r.message, r.code].join()`,
			want: "true,AbortError,This operation was aborted,20"},
		{name: "explicit reasons are kept; undefined means the default", script: `
			const a = new AbortController(); a.abort('why');
			const b = new AbortController(); b.abort(undefined);
			const c = new AbortController(); c.abort(null);
			return [a.signal.reason, b.signal.reason.name, c.signal.reason].join()`,
			want: "why,AbortError,"},
		{name: "throwIfAborted throws the reason", script: `
			const ac = new AbortController(); ac.signal.throwIfAborted(); const r = new Error('r'); ac.abort(r);
			try { ac.signal.throwIfAborted() } catch (e) { return e === r }`,
			want: "true"},
		{name: "AbortSignal.abort", script: `
			const s = AbortSignal.abort(), t = AbortSignal.abort(5);
			return [s.aborted, s.reason.name, s.reason.message, t.reason].join()`,
			want: "true,AbortError,This operation was aborted,5"},
		{name: "the reason is set before listeners run", script: `
			const ac = new AbortController(); let seen;
			ac.signal.addEventListener('abort', () => { seen = [ac.signal.aborted, ac.signal.reason] });
			ac.abort('rr');
			return seen.join()`,
			want: "true,rr"},
		{name: "onabort keeps its place; non-objects are null", script: `
			const ac = new AbortController(); const order = [];
			ac.signal.addEventListener('abort', () => order.push(1));
			ac.signal.onabort = () => order.push(2);
			ac.signal.addEventListener('abort', () => order.push(3));
			ac.signal.onabort = () => order.push(4);
			ac.abort();
			const b = new AbortController(); b.signal.onabort = () => {}; const f = typeof b.signal.onabort; b.signal.onabort = null;
			return [order.join(''), f, b.signal.onabort].join()`,
			want: "143,function,"},
		{name: "brand checks", script: `
			return [thrown(() => AbortSignal.prototype.aborted), thrown(() => AbortController.prototype.signal), thrown(() => AbortController.prototype.abort.call({})), thrown(() => AbortSignal.prototype.throwIfAborted.call({}))].join()`,
			want: "TypeError,TypeError,TypeError,TypeError"},
		{name: "toStringTag and lengths", script: `
			return [String(new AbortController().signal), String(new AbortController()), AbortController.length, AbortSignal.any.length, AbortSignal.timeout.length, AbortSignal.abort.length].join()`,
			want: "[object AbortSignal],[object AbortController],0,1,1,0"},
		{name: "AbortSignal.timeout aborts with a TimeoutError", script: `
			const s = AbortSignal.timeout(5);
			const before = s.aborted;
			const keepAlive = setTimeout(() => {}, 1000); // Node.js unrefs the signal's timer
			await new Promise(r => s.onabort = r);
			clearTimeout(keepAlive);
			return [before, s.aborted, s.reason.name, s.reason.message, s.reason.code].join()`,
			want: "false,true,TimeoutError,The operation was aborted due to timeout,23"},
		{name: "AbortSignal.timeout argument errors", script: `
			return [thrown(() => AbortSignal.timeout(-1)), thrown(() => AbortSignal.timeout()), thrown(() => AbortSignal.timeout('x')), thrown(() => AbortSignal.timeout(1.5))].join()`,
			want: "RangeError,TypeError,TypeError,RangeError"},
		{name: "AbortSignal.any follows the first source to abort", script: `
			const a = new AbortController(), b = new AbortController();
			const any = AbortSignal.any([a.signal, b.signal]); let fired = 0;
			any.onabort = () => fired++;
			b.abort('b'); a.abort('a');
			return [any.aborted, any.reason, fired].join()`,
			want: "true,b,1"},
		{name: "AbortSignal.any with an aborted source is aborted at once", script: `
			const c = new AbortController();
			return [AbortSignal.any([AbortSignal.abort('pre'), c.signal]).reason, AbortSignal.any([]).aborted].join()`,
			want: "pre,false"},
		{name: "AbortSignal.any of a dependent signal follows its sources", script: `
			const a = new AbortController(); const dep = AbortSignal.any([a.signal]); const dep2 = AbortSignal.any([dep]);
			const o = [];
			a.signal.onabort = () => o.push('src'); dep.onabort = () => o.push('dep'); dep2.onabort = () => o.push('dep2:' + dep2.aborted);
			a.abort();
			return o.join()`,
			want: "src,dep,dep2:true"},
		{name: "AbortSignal.any argument errors", script: `
			return [thrown(() => AbortSignal.any()), thrown(() => AbortSignal.any([1]))].join()`,
			want: "TypeError,TypeError"},
		{name: "abort event listeners added after abort never fire", script: `
			const s = AbortSignal.abort(); let n = 0; s.addEventListener('abort', () => n++);
			return n`,
			want: "0"},
	})
}
