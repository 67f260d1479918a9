// The I/O of a call, in plain JS: its deadline, the caller's signal, one `fetch` + body read per attempt, and the
// polling of the call's Rust future. Rust drives the call (retries, polls, every error); it waits on one `Pending`
// per attempt or pause, and these never fail. Doing this here instead of through js-sys saves most of the per-call
// boundary crossings, promise glue and closures (see README "Performance"): the fetch init, the race against the
// deadline and the Response's reading become ordinary JS.
//
// Every entry into the wasm made while a call runs is `Task.run`'s, inside a try/catch: a trap (an out-of-memory
// `unreachable`, say) rejects that call with ERR_INTERNAL and releases its timer and listener, instead of escaping
// as an uncaught exception and leaving the call unsettled (docs/security.md, "Round two — the host").

/** `Budget.state`: still running, stopped by the deadline, stopped by the caller's signal. */
const RUNNING = 0;
const TIMED_OUT = 1;
const ABORTED = 2;

/** `Attempt.kind`: answered; `fetch` threw; its promise rejected; it gave no Response; reading the body failed;
 *  the budget stopped first; a redirect; a body over the size limit. Mirrored by `attempt_kind` in send.rs. */
const ANSWERED = 0;
const THREW = 1;
const UNREACHED = 2;
const NOT_A_RESPONSE = 3;
const UNREAD = 4;
const STOPPED = 5;
const REDIRECTED = 6;
const TOO_LARGE = 7;
const STOPPED_ATTEMPT = Object.freeze({ kind: STOPPED });

/** The statuses a `fetch` following redirects would follow (Fetch standard, "redirect status"). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The task being polled: a Budget made now belongs to it, and a Pending made now wakes it. */
let current;
/** The wasm's poll function (one for the instance), given by the first spawn. */
let poller;

/**
 * One call's Rust future, polled by `run()` whenever something it waits on settles. The wasm calls `done` when the
 * future finishes; if the poll traps instead, `abandon` settles the call and releases what it held.
 */
export class Task {
  /** @param {number} id the future's slot in the wasm  @param {string} what the call's name, for messages
   *  @param {(id: number) => void} poll the wasm's poll function */
  constructor(id, what, poll) {
    poller = poll;
    this.id = id;
    this.what = what;
    this.settled = false;
    this.queued = false;
    /** Requests sent, for `attempts` of an ERR_INTERNAL. */
    this.sent = 0;
    /** Budgets made by this call and not yet disposed. */
    this.budgets = new Set();
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.schedule();
  }

  /** Polls the future on a later microtask (once, however many things settle meanwhile). */
  schedule() {
    if (this.queued || this.settled) return;
    this.queued = true;
    queueMicrotask(() => this.run());
  }

  run() {
    this.queued = false;
    if (this.settled) return;
    const outer = current;
    current = this;
    try {
      poller(this.id);
    } catch (trap) {
      this.abandon(trap);
    } finally {
      current = outer;
    }
  }

  /** The future finished: `ok` with its value, or rejected with it. */
  done(ok, value) {
    this.settled = true;
    if (ok) this.resolve(value);
    else this.reject(value);
  }

  /** The wasm trapped while polling: the future is gone, so settle here and release its budgets. */
  abandon(trap) {
    this.settled = true;
    for (const budget of this.budgets) budget.abandon();
    const detail = trap instanceof Error ? `${trap.name}: ${trap.message}` : String(trap);
    const error = new Error(
      `${this.what} failed inside the WebAssembly module (${detail}), so it was abandoned; the module keeps serving other calls. ` +
        'This is a bug, or the runtime ran out of memory: please report it.',
    );
    error.name = 'NcloudVpcError';
    this.reject(Object.assign(error, { code: 'ERR_INTERNAL', attempts: this.sent, cause: trap }));
  }
}

/**
 * What Rust waits on: `done` and `value` once `promise` settles, and the task that made it woken. The promises
 * given never reject; should one, it reads as a body that could not be read rather than a wait without end.
 */
class Pending {
  constructor(promise) {
    this.done = false;
    this.value = undefined;
    const task = current;
    const settle = (value) => {
      this.done = true;
      this.value = value;
      task?.schedule();
    };
    promise.then(settle, (error) => settle({ kind: UNREAD, error }));
  }
}

/** The time budget and cancellation of one call or one wait. `dispose()` leaves no timer or listener behind. */
export class Budget {
  /** @param {number} timeoutMs 0 for no deadline  @param {AbortSignal | undefined} signal */
  constructor(timeoutMs, signal) {
    this.state = RUNNING;
    this.signal = signal;
    this.controller = undefined;
    this.timer = undefined;
    this.onAbort = undefined;
    /** Settles the attempt or pause in flight when the budget stops: Rust waits on one at a time. */
    this.wake = undefined;
    /** The body being read, cancelled when the budget stops (a custom Response may ignore the fetch's signal). */
    this.reader = undefined;
    /** What a trap of a Proxy around the caller's signal threw: the abort reason instead. */
    this.trapped = undefined;
    this.task = current;
    this.task?.budgets.add(this);
    if (signal !== undefined) {
      // A JS exception thrown from here would escape through the wasm, so a signal that throws (a Proxy's trap)
      // stops the call like an abort, with what it threw as the reason.
      try {
        if (signal.aborted) {
          this.state = ABORTED;
          return;
        }
        const onAbort = () => this.stop(ABORTED);
        signal.addEventListener('abort', onAbort);
        this.onAbort = onAbort;
        // A Proxy's `aborted` getter may abort the signal itself before the listener was there to hear it.
        if (signal.aborted) {
          this.state = ABORTED;
          return;
        }
      } catch (error) {
        this.trapped = { error };
        this.state = ABORTED;
        return;
      }
    }
    if (timeoutMs > 0) this.timer = setTimeout(() => this.stop(TIMED_OUT), timeoutMs);
  }

  /** Only a deadline or a signal can stop the budget; without either, nothing is raced or aborted. */
  get stoppable() {
    return this.timer !== undefined || this.onAbort !== undefined;
  }

  /** The caller's abort reason, for `err.cause`. */
  get reason() {
    if (this.trapped !== undefined) return this.trapped.error;
    try {
      return this.signal?.reason;
    } catch (error) {
      return error;
    }
  }

  /** Stops the budget once: aborts the fetch in flight, cancels its body and settles what Rust waits on. */
  stop(state) {
    if (this.state !== RUNNING) return;
    this.state = state;
    this.controller?.abort(state === ABORTED ? this.reason : undefined);
    cancel(this.reader);
    this.reader = undefined;
    this.wake?.();
  }

  /**
   * One attempt: `fetch(url, init)` and the whole body, under the budget, the body at most `maxBytes` long.
   * Returns a `Pending` of an `Attempt` `{ kind, status, bytes, text, error, location, followed, size, source }`, which
   * never fails (`error` is what fetch or the body read threw).
   * @param {string} headerLines `name\nvalue\n…`, the signed request's headers
   */
  send(fetch, thisArg, url, method, headerLines, body, maxBytes) {
    if (this.state !== RUNNING) return new Pending(Promise.resolve(STOPPED_ATTEMPT));
    if (this.task !== undefined) this.task.sent += 1;
    const headers = {};
    const lines = headerLines.split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) headers[lines[i]] = lines[i + 1];
    // `manual`: a redirect comes back as the answer (an opaque one in browsers) and is refused, never followed
    // with the signed request. `error` would do in Node and browsers, but workerd refuses it outright.
    const init = { method, headers, redirect: 'manual' };
    if (body !== undefined) init.body = body;
    if (!this.stoppable) return new Pending(fetchBody(fetch, thisArg, url, init, maxBytes, this));
    this.controller ??= new AbortController();
    init.signal = this.controller.signal;
    // The race against the budget: a fetch that ignores its signal still cannot outlive the deadline, and a stop
    // landing while the attempt settles still wins (the caller asked for it). The wake-up is in place before
    // `fetch` runs, since a custom fetch may abort the caller's signal from inside.
    return new Pending(
      new Promise((resolve) => {
        this.wake = () => resolve(STOPPED_ATTEMPT);
        fetchBody(fetch, thisArg, url, init, maxBytes, this).then((attempt) => {
          resolve(this.state === RUNNING ? attempt : STOPPED_ATTEMPT);
        });
      }),
    );
  }

  /** Waits `ms`, or less when the budget stops first (Rust then reads `state`). */
  sleep(ms) {
    if (this.state !== RUNNING) return new Pending(Promise.resolve());
    return new Pending(
      new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    );
  }

  /** Clears the deadline and the listener on the caller's signal. */
  dispose() {
    this.task?.budgets.delete(this);
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      if (this.onAbort !== undefined) this.signal.removeEventListener('abort', this.onAbort);
    } catch {
      // A Proxy's trap: nothing more can be done, and the call's outcome stands.
    }
    this.onAbort = undefined;
  }

  /** The call was abandoned (a trap): nobody will read what is in flight, so stop it, and release everything. */
  abandon() {
    this.controller?.abort();
    cancel(this.reader);
    this.reader = undefined;
    this.wake?.();
    this.dispose();
  }
}

/** Cancels a body reader or stream, ignoring what it throws or rejects with (it may be anyone's object). */
function cancel(readerOrStream) {
  if (readerOrStream === undefined || readerOrStream === null) return;
  try {
    Promise.resolve(readerOrStream.cancel()).catch(() => {});
  } catch {
    // Not cancellable: the budget's race still settles the call.
  }
}

/**
 * Where a redirect points, as a message may quote it: the target's origin only. Its path and query are the
 * sender's to fill, with the signature percent-encoded say, which no redaction of the plain text would catch.
 */
function redirectTarget(location, url) {
  if (location === null) return undefined;
  try {
    const target = new URL(location, url);
    if (target.origin === 'null') return `a ${target.protocol} URL`;
    return target.origin === new URL(url).origin ? 'another path of the same origin' : target.origin;
  } catch {
    return 'an unreadable location';
  }
}

/** Cancels the body of a Response nobody will read (a getter that throws is ignored); the attempt was stopped. */
function discard(response) {
  try {
    cancel(response?.body);
  } catch {
    // Not a Response after all: nothing to release.
  }
  return STOPPED_ATTEMPT;
}

/** `ArrayBuffer.prototype.byteLength`'s getter: genuine for an ArrayBuffer of any realm, throws for anything else. */
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;

/** The byte length of `value` if it is an ArrayBuffer (of this realm or another), else -1. */
function arrayBufferLength(value) {
  try {
    return arrayBufferByteLength.call(value);
  } catch {
    return -1;
  }
}

/** A header of a Response, `null` when it has none or no readable headers. */
function header(response, name) {
  const headers = response.headers;
  if (headers === null || typeof headers !== 'object' || typeof headers.get !== 'function') return null;
  const value = headers.get(name);
  return typeof value === 'string' ? value : null;
}

/**
 * `fetch` and the body. A redirect is refused unread. The body is read from `response.body`'s reader, counting
 * bytes as they arrive (decoded, when the runtime inflates gzip/deflate/br), and cancelled past `maxBytes`; a
 * Content-Length over the limit is refused before reading. A Response-like object without a `body` stream is read
 * with `arrayBuffer()` (bytes go into the wasm as they are) or else `text()`, and its size checked once it is read.
 */
async function fetchBody(fetch, thisArg, url, init, maxBytes, budget) {
  let pending;
  try {
    pending = Reflect.apply(fetch, thisArg, [url, init]);
  } catch (error) {
    return { kind: THREW, error };
  }
  let response;
  try {
    response = await pending;
  } catch (error) {
    return { kind: UNREACHED, error };
  }
  // Stopped meanwhile (the race has settled the attempt already): leave the body unread.
  if (budget.state !== RUNNING) return discard(response);
  // Everything read off the Response may be a getter or Proxy trap that throws: it is then no Response.
  let status;
  let stream;
  let asBytes;
  try {
    status = response.status;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 999) return { kind: NOT_A_RESPONSE };
    if (response.type === 'opaqueredirect') return { kind: REDIRECTED };
    if (REDIRECT_STATUSES.has(status)) {
      const location = redirectTarget(header(response, 'location'), url);
      cancel(response.body);
      return { kind: REDIRECTED, status, location };
    }
    // A custom fetch that followed a redirect anyway: its answer comes from wherever the redirect pointed.
    if (response.redirected === true) {
      cancel(response.body);
      return { kind: REDIRECTED, status, followed: true };
    }
    stream = response.body;
    asBytes = typeof response.arrayBuffer === 'function';
    const readable = stream !== null && typeof stream === 'object' && typeof stream.getReader === 'function';
    if (!readable && !asBytes && typeof response.text !== 'function') return { kind: NOT_A_RESPONSE };
    // Content-Length counts the bytes on the wire: with a Content-Encoding they are the compressed ones, so it
    // says nothing of the decoded size then (browsers hide Content-Encoding across origins: a compressed answer
    // whose compressed size already passes the limit is refused too, and its text would be larger still).
    const length = header(response, 'content-length');
    const encoding = header(response, 'content-encoding');
    if (length !== null && /^\d+$/.test(length.trim()) && (encoding === null || /^\s*identity\s*$/i.test(encoding))) {
      const declared = Number(length.trim());
      if (declared > maxBytes) {
        cancel(stream);
        return { kind: TOO_LARGE, status, size: declared, source: 'content-length' };
      }
    }
    if (budget.state !== RUNNING) return discard(response);
    if (readable) return await readStream(stream, status, maxBytes, budget);
  } catch (error) {
    return { kind: NOT_A_RESPONSE, error };
  }
  let reading;
  try {
    reading = asBytes ? response.arrayBuffer() : response.text();
  } catch (error) {
    return { kind: UNREAD, status, error };
  }
  try {
    const body = await reading;
    if (typeof body === 'string') {
      // `length` counts UTF-16 units, each at least one byte of UTF-8: over the limit here is over it in bytes.
      // (Rust checks the exact byte count of what it is given.)
      if (body.length > maxBytes) return { kind: TOO_LARGE, status, size: body.length, source: 'text' };
      return { kind: ANSWERED, status, text: body };
    }
    const size = arrayBufferLength(body);
    if (size > maxBytes) return { kind: TOO_LARGE, status, size, source: 'arrayBuffer' };
    if (size >= 0) return { kind: ANSWERED, status, bytes: new Uint8Array(body) };
    return { kind: ANSWERED, status, text: '' };
  } catch (error) {
    return { kind: UNREAD, status, error };
  }
}

/** How many chunks the body's read loop takes before it lets timers run (a real answer has far fewer). */
const READS_BETWEEN_YIELDS = 1024;

/** Reads `stream` to its end, or until it passes `maxBytes` (then cancels it). */
async function readStream(stream, status, maxBytes, budget) {
  let reader;
  try {
    reader = stream.getReader();
  } catch (error) {
    return { kind: UNREAD, status, error };
  }
  budget.reader = reader;
  const chunks = [];
  let size = 0;
  try {
    for (let reads = 1; ; reads += 1) {
      const { done, value } = await reader.read();
      if (done) break;
      // Reads that all settle at once (a stream of empty chunks, say) keep this loop on the microtask queue, where
      // no timer can fire, and in workerd not even the clock moves: now and then, let the deadline's timer run.
      if (reads % READS_BETWEEN_YIELDS === 0) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (budget.state !== RUNNING) return STOPPED_ATTEMPT;
      }
      // A Response's body yields Uint8Arrays; a hand-made stream may yield anything.
      if (!ArrayBuffer.isView(value)) throw new TypeError('the body stream yielded a chunk that is not bytes');
      size += value.byteLength;
      if (size > maxBytes) {
        cancel(reader);
        return { kind: TOO_LARGE, status, size, source: 'stream' };
      }
      chunks.push(value instanceof Uint8Array ? value : new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
  } catch (error) {
    return { kind: UNREAD, status, error };
  } finally {
    if (budget.reader === reader) budget.reader = undefined;
  }
  if (chunks.length === 1) return { kind: ANSWERED, status, bytes: chunks[0] };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { kind: ANSWERED, status, bytes };
}
