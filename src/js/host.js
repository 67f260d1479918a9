// The I/O of a call, in plain JS: its deadline, the caller's signal, and one `fetch` + body read per attempt.
// Rust drives the call (retries, polls, every error); it awaits one promise per attempt or pause, and these never
// reject. Doing this here instead of through js-sys saves most of the per-call boundary crossings, promise glue and
// closures (see README "Performance"): the fetch init, the race against the deadline and the Response's reading
// become ordinary JS.

/** `Budget.state`: still running, stopped by the deadline, stopped by the caller's signal. */
const RUNNING = 0;
const TIMED_OUT = 1;
const ABORTED = 2;

/** `Attempt.kind`: answered; `fetch` threw; its promise rejected; it gave no Response; reading the body failed;
 *  the budget stopped first. Mirrored by `attempt_kind` in send.rs. */
const ANSWERED = 0;
const THREW = 1;
const UNREACHED = 2;
const NOT_A_RESPONSE = 3;
const UNREAD = 4;
const STOPPED = 5;
const STOPPED_ATTEMPT = Object.freeze({ kind: STOPPED });

/** The time budget and cancellation of one call or one wait. `dispose()` leaves no timer or listener behind. */
export class Budget {
  /** @param {number} timeoutMs 0 for no deadline  @param {AbortSignal | undefined} signal */
  constructor(timeoutMs, signal) {
    this.state = RUNNING;
    this.signal = signal;
    this.controller = undefined;
    this.timer = undefined;
    this.onAbort = undefined;
    /** Settles the attempt or pause in flight when the budget stops: Rust awaits one at a time. */
    this.wake = undefined;
    /** What a trap of a Proxy around the caller's signal threw: the abort reason instead. */
    this.trapped = undefined;
    if (signal !== undefined) {
      // A JS exception thrown from here would escape through the wasm as an uncaught exception and leave the call
      // unsettled, so a signal that throws (a Proxy's trap) stops the call like an abort, with what it threw as the
      // reason.
      try {
        if (signal.aborted) {
          this.state = ABORTED;
          return;
        }
        const onAbort = () => this.stop(ABORTED);
        signal.addEventListener('abort', onAbort);
        this.onAbort = onAbort;
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

  /** Stops the budget once: aborts the fetch in flight and settles the attempt or pause being awaited. */
  stop(state) {
    if (this.state !== RUNNING) return;
    this.state = state;
    this.controller?.abort(state === ABORTED ? this.reason : undefined);
    this.wake?.();
  }

  /**
   * One attempt: `fetch(url, init)` and the whole body, under the budget. Resolves an `Attempt`
   * `{ kind, status, bytes, text, error }`; never rejects (`error` is what fetch or the body read threw).
   * @param {string} headerLines `name\nvalue\n…`, the signed request's headers
   */
  send(fetch, thisArg, url, method, headerLines, body) {
    if (this.state !== RUNNING) return Promise.resolve(STOPPED_ATTEMPT);
    const headers = {};
    const lines = headerLines.split('\n');
    for (let i = 0; i + 1 < lines.length; i += 2) headers[lines[i]] = lines[i + 1];
    const init = { method, headers };
    if (body !== undefined) init.body = body;
    if (this.stoppable) {
      this.controller ??= new AbortController();
      init.signal = this.controller.signal;
    }
    const work = fetchBody(fetch, thisArg, url, init);
    if (!this.stoppable) return work;
    // The race against the budget: a fetch that ignores its signal still cannot outlive the deadline, and a stop
    // landing while the attempt settles still wins (the caller asked for it).
    return new Promise((resolve) => {
      this.wake = () => resolve(STOPPED_ATTEMPT);
      work.then((attempt) => resolve(this.state === RUNNING ? attempt : STOPPED_ATTEMPT));
    });
  }

  /** Waits `ms`, or less when the budget stops first (Rust then reads `state`). */
  sleep(ms) {
    if (this.state !== RUNNING) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Clears the deadline and the listener on the caller's signal. */
  dispose() {
    clearTimeout(this.timer);
    try {
      if (this.onAbort !== undefined) this.signal.removeEventListener('abort', this.onAbort);
    } catch {
      // A Proxy's trap: nothing more can be done, and the call's outcome stands.
    }
  }
}

/** Whether `value` is an ArrayBuffer, from this realm or another (a Response made in a `vm` context, say). */
const isArrayBuffer = (value) => value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';

/**
 * `fetch` and the body. The body is read as bytes where the Response can (`arrayBuffer()`): they are copied into
 * the wasm as they are, where `text()` would decode UTF-8 into a JS string that the glue then encodes back to UTF-8
 * (the dearest step of a large answer). A Response-like object with only `text()` is read as text.
 */
async function fetchBody(fetch, thisArg, url, init) {
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
  let status;
  let asBytes;
  try {
    status = response.status;
    asBytes = typeof response.arrayBuffer === 'function';
    if (typeof status !== 'number' || (!asBytes && typeof response.text !== 'function')) return { kind: NOT_A_RESPONSE };
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
    if (typeof body === 'string') return { kind: ANSWERED, status, text: body };
    if (isArrayBuffer(body)) return { kind: ANSWERED, status, bytes: new Uint8Array(body) };
    return { kind: ANSWERED, status, text: '' };
  } catch (error) {
    return { kind: UNREAD, status, error };
  }
}
