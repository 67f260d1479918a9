// The host's hardening cases, runtime-agnostic: run in Node by host.test.mjs and in workerd and Chromium by
// host-runtimes.test.mjs. Each case makes one call against the hostile servers (hostile-server.mjs) or through a
// hostile `fetch`, and records how it settled (code, status, message, attempts, time), what the servers saw (a
// request that reached the other origin, a download cancelled), and whether the call left a timer or an abort
// listener behind; then the next call on the same instance must succeed. Expectations live with each case
// (`expect`, overridden per runtime in `runtimes`); `problemsOf` checks a record against them.
//
// Issue 11: #1 redirects, #2 the answer size limit, #4 the deadline, and beyond: compressed bodies, drips, lying
// statuses, everything at once.

/** A valid empty list answer in `format`, padded with spaces to exactly `size` bytes when given. */
export function listAnswer(format, size = 0) {
  const json = '{"getVpcPeeringInstanceListResponse":{"requestId":"hostile-0001","returnCode":"0","returnMessage":"success","totalRows":0,"vpcPeeringInstanceList":[]}}';
  const xml = '<?xml version="1.0" encoding="UTF-8"?><getVpcPeeringInstanceListResponse><requestId>hostile-0001</requestId>' +
    '<returnCode>0</returnCode><returnMessage>success</returnMessage><totalRows>0</totalRows><vpcPeeringInstanceList/>' +
    '</getVpcPeeringInstanceListResponse>';
  const text = format === 'json' ? json : xml;
  return size > text.length ? text + ' '.repeat(size - text.length) : text;
}

/** A detail answer for peering 1, status INIT (a wait for RUN keeps polling it). */
const DETAIL_INIT = JSON.stringify({
  getVpcPeeringInstanceDetailResponse: {
    totalRows: 1,
    vpcPeeringInstanceList: [{
      vpcPeeringInstanceNo: '1', vpcPeeringName: 'hostile', regionCode: 'KR',
      vpcPeeringInstanceStatus: { code: 'INIT', codeName: 'init' }, vpcPeeringInstanceStatusName: 'Creating',
      vpcPeeringInstanceOperation: { code: 'CREAT', codeName: 'create' },
      sourceVpcNo: '2', targetVpcNo: '3', hasReverseVpcPeering: false, isBetweenAccounts: false,
    }],
    requestId: 'hostile-0002', returnCode: '0', returnMessage: 'success',
  },
});

// Captured before any case patches the globals: the cases' own timers are not the package's.
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
const later = (ms) => new Promise((resolve) => realSetTimeout(resolve, ms));
const never = () => new Promise(() => {});

/** A 200 Response whose body stream is `source` (an underlying source of a ReadableStream). */
const streamed = (source) => new Response(new ReadableStream(source), { status: 200 });

const REDIRECTS = [301, 302, 303, 307, 308].flatMap((status) => ['GET', 'POST'].map((method) => ({
  name: `redirect ${status}, ${method}: refused, nothing sent to the other origin`,
  issue: 1,
  call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at(`redirect-${status}`), method }),
  expect: {
    code: 'ERR_HTTP', status, attempts: 1, other: 0,
    message: new RegExp(`answered ${status} \\(a redirect to http://127\\.0\\.0\\.1:\\d+\\); the API never redirects, so it was not followed`),
  },
  // `redirect: 'manual'` in a browser gives an opaque answer: status 0, no Location.
  runtimes: { chromium: { status: undefined, message: /answered a redirect \(the browser hides its status and target\); the API never redirects/ } },
})));

/** Every case, in order. `call(api, c)` makes the call; `c` is the case's context (see `runHostCases`). */
export const HOST_CASES = [
  ...REDIRECTS,
  {
    name: 'redirect 302 with retries 3: not retried',
    issue: 1,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('redirect-302'), retries: 3 }),
    expect: { code: 'ERR_HTTP', attempts: 1, other: 0, requests: 1 },
  },
  {
    name: 'a custom fetch that follows redirects: its answer is refused',
    issue: 1,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      endpoint: c.at('redirect-307'),
      fetch: (url, init) => fetch(url, { ...init, redirect: 'follow' }),
    }),
    // The custom fetch itself went there (the package cannot stop someone else's fetch), but the forged answer is
    // not accepted.
    expect: { code: 'ERR_HTTP', status: 200, attempts: 1, other: 1, message: /fetch followed a redirect from http:\/\/127\.0\.0\.1:\d+\/redirect-307\/vpc\/v2\/getVpcPeeringInstanceList .*was not accepted/ },
  },
  {
    name: 'a custom fetch answering a 308 Response: only the target\'s origin is quoted',
    issue: 1,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      fetch: async () => new Response('moved', { status: 308, headers: { location: `https://elsewhere.example/${'x'.repeat(300)}?sig=a%2Bb` } }),
    }),
    expect: { code: 'ERR_HTTP', status: 308, attempts: 1, message: /answered 308 \(a redirect to https:\/\/elsewhere\.example\); the API never redirects/ },
  },
  {
    name: 'a custom fetch answering a 303 to a path of the same origin',
    issue: 1,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      fetch: async () => new Response('see other', { status: 303, headers: { location: '/login?next=%2Fvpc' } }),
    }),
    expect: { code: 'ERR_HTTP', status: 303, attempts: 1, message: /answered 303 \(a redirect to another path of the same origin\)/ },
  },
  {
    name: 'a Response-like that says it was redirected',
    issue: 1,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      fetch: async () => ({ status: 200, redirected: true, text: async () => listAnswer('xml') }),
    }),
    expect: { code: 'ERR_HTTP', status: 200, attempts: 1, message: /followed a redirect/ },
  },

  // --- #2: the answer's size ----------------------------------------------------------------------------------
  {
    name: 'Content-Length over maxResponseBytes: refused before reading',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('size-5000000-length') }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, attempts: 1, message: /is larger than maxResponseBytes \(4194304 bytes\): its Content-Length says 5000000 bytes, so it was not downloaded/ },
  },
  {
    name: 'a chunked answer over maxResponseBytes: cancelled while downloading',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('size-5000000-chunked') }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, attempts: 1, message: /is larger than maxResponseBytes \(4194304 bytes\): the download was cancelled at \d+ bytes/ },
  },
  {
    name: 'maxResponseBytes 2048: an answer of exactly 2048 bytes passes (chunked and with Content-Length)',
    issue: 2,
    call: async (api, c) => {
      await api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('size-2048-chunked'), maxResponseBytes: 2048 });
      return api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('size-2048-length'), maxResponseBytes: 2048 });
    },
    expect: { resolved: true },
  },
  {
    name: 'maxResponseBytes 2048: 2049 bytes are refused (chunked)',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('size-2049-chunked'), maxResponseBytes: 2048 }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, message: /maxResponseBytes \(2048 bytes\): the download was cancelled at 2049 bytes/ },
  },
  {
    name: 'maxResponseBytes 2048 from createClient: 2049 bytes with Content-Length are refused',
    issue: 2,
    call: (api, c) => {
      const client = api.createClient({ accessKey: c.opts.accessKey, secretKey: c.opts.secretKey, maxResponseBytes: 2048, retries: 0 });
      return client.getVpcPeeringInstanceList({ endpoint: c.at('size-2049-length') }).finally(() => client.free());
    },
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, message: /maxResponseBytes \(2048 bytes\): its Content-Length says 2049 bytes/ },
  },
  {
    name: 'maxResponseBytes out of range',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, maxResponseBytes: 64 * 1024 * 1024 }),
    expect: { code: 'ERR_INVALID_OPTION', field: 'maxResponseBytes', attempts: 0, message: /^maxResponseBytes must be an integer from 1024 to 33554432 \(bytes\): got 67108864$/ },
  },
  ...['xml', 'json'].map((format) => ({
    name: `gzip bomb: 66 KB inflating to 67 MB, ${format}`,
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('gzip-bomb'), responseFormatType: format }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, attempts: 1, message: /the download was cancelled at \d+ bytes/ },
  })),
  ...['gzip', 'deflate', 'br', 'identity'].map((encoding) => ({
    name: `an endless ${encoding} answer: stopped at the limit, the download cancelled`,
    issue: 2,
    // A deadline of its own, so that a build without the limit fails this case in a second instead of inflating
    // gigabytes until the default 30 s.
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at(`endless-${encoding}`), timeoutMs: 1000 }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, attempts: 1, cancelled: true, message: /the download was cancelled at \d+ bytes/ },
    runtimes: {
      // workerd decodes gzip and br only: deflate arrives as it was sent, ~1000× smaller than the spaces it holds,
      // so the deadline comes first (and cancels the download).
      workerd: encoding === 'deflate' ? { code: 'ERR_TIMEOUT', status: undefined, message: /timed out after 1000 ms/ } : {},
      // Chromium hands the page nothing more, but its network stack drains the rest of a cancelled body for a few
      // seconds (~4 s here) to reuse the connection; brotli is so dense that the server sees the close only then.
      chromium: encoding === 'br' ? { cancelled: false } : {},
    },
  })),
  {
    name: 'a Response whose stream never ends: stopped at the limit, the stream cancelled',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      timeoutMs: 2000,
      fetch: async () => streamed({
        pull: (controller) => controller.enqueue(new Uint8Array(64 * 1024).fill(0x20)),
        cancel: () => { c.flags.cancelled = true; },
      }),
    }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, flags: { cancelled: true }, message: /the download was cancelled at \d+ bytes/ },
  },
  {
    name: 'a Response-like with only text(): 5 MB refused once read',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, fetch: async () => ({ status: 200, text: async () => ' '.repeat(5e6) }) }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, message: /maxResponseBytes \(4194304 bytes\): it is 5000000 characters/ },
  },
  {
    name: 'a Response-like with only text(): under the limit in characters, over it in UTF-8 bytes',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, maxResponseBytes: 2048, fetch: async () => ({ status: 200, text: async () => '가'.repeat(1000) }) }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, message: /maxResponseBytes \(2048 bytes\): it is 3000 bytes/ },
  },
  {
    name: 'a Response-like with only arrayBuffer(): 5 MB refused once read',
    issue: 2,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, fetch: async () => ({ status: 200, arrayBuffer: async () => new ArrayBuffer(5e6) }) }),
    expect: { code: 'ERR_BAD_RESPONSE', status: 200, message: /maxResponseBytes \(4194304 bytes\): it is 5000000 bytes/ },
  },

  // --- #4: the deadline holds, whatever fetch, the Response, its body or the signal do ----------------------------
  {
    name: 'the signal aborts inside fetch, which never settles',
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      signal: c.signal,
      timeoutMs: 300,
      fetch: () => {
        c.controller.abort(new Error('the caller gave up'));
        return never();
      },
    }),
    expect: { code: 'ERR_ABORTED', attempts: 1, cause: /the caller gave up/, settledWithinMs: 250 },
  },
  {
    name: 'the signal aborts inside fetch, with no deadline at all',
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      signal: c.signal,
      timeoutMs: 0,
      fetch: () => {
        c.controller.abort(new Error('the caller gave up'));
        return never();
      },
    }),
    expect: { code: 'ERR_ABORTED', attempts: 1, settledWithinMs: 250 },
  },
  ...[
    ['fetch never settles', () => never()],
    ['fetch returns a thenable that never calls back', () => ({ then() {} })],
    ['the Response is a thenable that never calls back', async () => ({ status: 200, text: async () => '', then() {} })],
    ['arrayBuffer() never settles', async () => ({ status: 200, arrayBuffer: never })],
    ['text() never settles', async () => ({ status: 200, text: never })],
  ].map(([what, fetch]) => ({
    name: `${what}: ERR_TIMEOUT at the deadline`,
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, signal: c.signal, timeoutMs: 300, fetch }),
    expect: { code: 'ERR_TIMEOUT', attempts: 1, settledAtMs: 300 },
  })),
  {
    name: 'the body stream never yields: ERR_TIMEOUT at the deadline, the stream cancelled',
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      signal: c.signal,
      timeoutMs: 300,
      fetch: async () => streamed({ pull: never, cancel: () => { c.flags.cancelled = true; } }),
    }),
    expect: { code: 'ERR_TIMEOUT', attempts: 1, settledAtMs: 300, flags: { cancelled: true } },
  },
  {
    name: 'a body stream yielding empty chunks without end: ERR_TIMEOUT at the deadline, the stream cancelled',
    issue: 4,
    // Each read settles at once, so the reading loop runs on microtasks alone and no timer can fire in between:
    // the deadline has to be checked by the loop itself.
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      signal: c.signal,
      timeoutMs: 300,
      fetch: async () => streamed({ pull: (controller) => controller.enqueue(new Uint8Array(0)), cancel: () => { c.flags.cancelled = true; } }),
    }),
    expect: { code: 'ERR_TIMEOUT', attempts: 1, settledAtMs: 300, flags: { cancelled: true } },
  },
  {
    name: 'a body that drips a byte every 100 ms: ERR_TIMEOUT at the deadline, the download cancelled',
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('drip'), signal: c.signal, timeoutMs: 500 }),
    expect: { code: 'ERR_TIMEOUT', attempts: 1, settledAtMs: 500, cancelled: true },
  },
  ...[
    ['the status getter throws', { get status() { throw new Error('status'); }, text: async () => '' }],
    ['the body getter throws', { status: 200, get body() { throw new Error('body'); }, text: async () => '' }],
    ['the headers getter throws', { status: 200, get headers() { throw new Error('headers'); }, text: async () => '' }],
    ['headers.get throws', { status: 200, headers: { get() { throw new Error('get'); } }, text: async () => '' }],
    ['the redirected getter throws', { status: 200, get redirected() { throw new Error('redirected'); }, text: async () => '' }],
    ['getReader throws', { status: 200, body: { getReader() { throw new Error('getReader'); } }, text: async () => '' }],
    ['reader.read throws', { status: 200, body: { getReader: () => ({ read() { throw new Error('read'); }, cancel() {} }) } }],
    ['the stream yields a string', { status: 200, body: { getReader: () => ({ read: async () => ({ done: false, value: 'text' }), cancel() {} }) } }],
  ].map(([what, response]) => ({
    name: `${what}: settles at once`,
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, signal: c.signal, timeoutMs: 5000, fetch: async () => response }),
    expect: { code: /^ERR_(BAD_RESPONSE|NETWORK)$/, attempts: 1, settledWithinMs: 1000 },
  })),
  ...[
    ['inside fetch, which then answers', (c) => async () => { c.controller.abort(new Error('now')); return new Response(listAnswer('xml')); }],
    ['in the status getter', (c) => async () => ({ get status() { c.controller.abort(new Error('now')); return 200; }, text: async () => listAnswer('xml') })],
    ['in the body getter', (c) => async () => ({ status: 200, get body() { c.controller.abort(new Error('now')); return null; }, text: async () => listAnswer('xml') })],
    ['in headers.get', (c) => async () => ({ status: 200, headers: { get() { c.controller.abort(new Error('now')); return null; } }, text: async () => listAnswer('xml') })],
    ['while the body streams', (c) => async () => streamed({ pull() { c.controller.abort(new Error('now')); return never(); } })],
    ['inside arrayBuffer()', (c) => async () => ({ status: 200, arrayBuffer() { c.controller.abort(new Error('now')); return never(); } })],
    ['inside text(), which then answers', (c) => async () => ({ status: 200, text: async () => { c.controller.abort(new Error('now')); return listAnswer('xml'); } })],
  ].map(([when, makeFetch]) => ({
    name: `the signal aborts ${when}: ERR_ABORTED at once`,
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, signal: c.signal, timeoutMs: 5000, fetch: makeFetch(c) }),
    expect: { code: 'ERR_ABORTED', attempts: 1, cause: /now/, settledWithinMs: 1000 },
  })),
  {
    name: 'the signal aborts in the status getter: the body is left unread, its stream cancelled',
    issue: 4,
    call: (api, c) => api.getVpcPeeringInstanceList({
      ...c.opts,
      signal: c.signal,
      timeoutMs: 5000,
      fetch: async () => ({
        get status() { c.controller.abort(new Error('now')); return 200; },
        body: {
          getReader() { c.flags.read = true; return { read: never, cancel() {} }; },
          cancel() { c.flags.cancelled = true; },
        },
      }),
    }),
    expect: { code: 'ERR_ABORTED', attempts: 1, settledWithinMs: 1000, flags: { read: undefined, cancelled: true } },
  },
  {
    name: 'the signal aborts during the pause before a retry: ERR_ABORTED at once',
    issue: 4,
    call: (api, c) => {
      let calls = 0;
      return api.getVpcPeeringInstanceList({
        ...c.opts,
        signal: c.signal,
        retries: 3,
        timeoutMs: 5000,
        fetch: async () => {
          calls += 1;
          if (calls === 1) realSetTimeout(() => c.controller.abort(new Error('now')), 1);
          return calls === 1 ? new Response('busy', { status: 503 }) : never();
        },
      });
    },
    expect: { code: 'ERR_ABORTED', cause: /now/, settledWithinMs: 1000 },
  },
  {
    name: 'the signal aborts inside onPoll of a wait: ERR_ABORTED at once',
    issue: 4,
    call: (api, c) => api.waitForVpcPeeringInstance({
      ...c.opts,
      vpcPeeringInstanceNo: '1',
      signal: c.signal,
      timeoutMs: 5000,
      pollIntervalMs: 1,
      onPoll: () => c.controller.abort(new Error('now')),
      fetch: async () => new Response(DETAIL_INIT, { status: 200 }),
    }),
    expect: { code: 'ERR_ABORTED', cause: /now/, settledWithinMs: 1000 },
  },

  // --- beyond the list: compressed bodies, lying statuses ----------------------------------------------------------
  ...['gzip', 'deflate', 'br'].map((encoding) => ({
    name: `a ${encoding} answer is read as the runtime decodes it`,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at(`encoded-${encoding}`) }),
    expect: { resolved: true },
    // workerd's fetch does not decode deflate: the compressed bytes are no answer.
    runtimes: { workerd: encoding === 'deflate' ? { resolved: false, code: 'ERR_BAD_RESPONSE', status: 200, message: /not UTF-8 text|neither XML nor JSON/ } : {} },
  })),
  {
    name: 'Content-Encoding: gzip, gzip (encoded twice)',
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('encoded-gzip-gzip') }),
    // Node (undici) and Chromium decode both layers; workerd decodes none (it knows `gzip`, not a list).
    expect: { resolved: true },
    runtimes: { workerd: { resolved: false, code: 'ERR_BAD_RESPONSE', status: 200, message: /not UTF-8 text|neither XML nor JSON/ } },
  },
  {
    name: 'Content-Encoding says gzip, the body is plain',
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, endpoint: c.at('encoding-lie') }),
    expect: { code: 'ERR_NETWORK', status: 200, attempts: 1, message: /could not read the whole answer/ },
  },
  ...[
    ['status 200.5', 200.5, 'ERR_BAD_RESPONSE', undefined],
    ['status -1', -1, 'ERR_BAD_RESPONSE', undefined],
    ['status 0 (not an opaque redirect)', 0, 'ERR_HTTP', 0],
    ['status 101', 101, 'ERR_HTTP', 101],
    ['status 304', 304, 'ERR_HTTP', 304],
    ['status 500 with a success body', 500, 'ERR_HTTP', 500],
  ].map(([what, status, code, expected]) => ({
    name: `a Response-like with ${what} and a good body`,
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, fetch: async () => ({ status, statusText: 'OK', text: async () => listAnswer('xml') }) }),
    expect: { code, status: expected, attempts: 1 },
  })),
  {
    name: 'status 204 and 205: no body, a bad answer',
    call: async (api, c) => {
      const codes = [];
      for (const status of [204, 205]) {
        await api.getVpcPeeringInstanceList({ ...c.opts, fetch: async () => new Response(null, { status }) }).catch((e) => codes.push(e.code));
      }
      if (codes.join() !== 'ERR_BAD_RESPONSE,ERR_BAD_RESPONSE') throw new Error(`got ${codes}`);
      return 'both refused';
    },
    expect: { resolved: true },
  },
  {
    name: 'statusText says "Bad Gateway" on a 200 with a good body: the body decides',
    call: (api, c) => api.getVpcPeeringInstanceList({ ...c.opts, fetch: async () => new Response(listAnswer('xml'), { status: 200, statusText: 'Bad Gateway' }) }),
    expect: { resolved: true },
  },
];

/** The cases run together by the concurrent case: every kind above, each with its own signal. */
const MIXED = [
  'redirect 307, POST: refused, nothing sent to the other origin',
  'a chunked answer over maxResponseBytes: cancelled while downloading',
  'gzip bomb: 66 KB inflating to 67 MB, xml',
  'an endless gzip answer: stopped at the limit, the download cancelled',
  'the signal aborts inside fetch, which never settles',
  'fetch never settles: ERR_TIMEOUT at the deadline',
  'a body that drips a byte every 100 ms: ERR_TIMEOUT at the deadline, the download cancelled',
  'the status getter throws: settles at once',
  'the signal aborts while the body streams: ERR_ABORTED at once',
  'a Response-like with status 200.5 and a good body',
  'a gzip answer is read as the runtime decodes it',
];

HOST_CASES.push({
  name: 'all of it at once: 11 hostile calls and 20 good ones concurrently, each settling on its own',
  call: async (api, c) => {
    const runs = MIXED.map((name) => {
      const hostile = HOST_CASES.find((x) => x.name === name);
      const own = { ...c, ...trackedController(), flags: {} };
      return settle(() => hostile.call(api, own)).then((outcome) => ({ name, outcome, expect: expectationOf(hostile, c.runtime) }));
    });
    const good = Array.from({ length: 20 }, (_, i) => settle(() => api.getVpcPeeringInstanceList({
      ...c.opts, endpoint: c.at(i % 2 ? 'ok' : 'encoded-gzip'), responseFormatType: i % 3 ? 'xml' : 'json',
    })));
    const mixed = await Promise.all(runs);
    const wrong = mixed.filter(({ outcome, expect }) => (expect.resolved ? !('resolved' in outcome) : !codeMatches(outcome.err?.code, expect.code)))
      .map(({ name, outcome }) => `${name}: ${outcome.err ? `${outcome.err.code} ${outcome.err.message}` : 'resolved'}`);
    const failedGood = (await Promise.all(good)).filter((o) => !('resolved' in o)).map((o) => `${o.err.code} ${o.err.message}`);
    if (wrong.length + failedGood.length > 0) throw new Error(`cross-talk: ${[...wrong, ...failedGood].join(' | ')}`);
    return 'each settled as on its own';
  },
  expect: { resolved: true },
});

/** The expectation of `c` in `runtime` ('node', 'workerd', 'chromium'). */
export function expectationOf(c, runtime) {
  return { other: 0, ...c.expect, ...(c.runtimes?.[runtime] ?? {}) };
}

function codeMatches(code, expected) {
  return expected instanceof RegExp ? expected.test(code ?? '') : code === expected;
}

/** A controller whose signal counts its abort listeners (added minus removed). */
function trackedController() {
  const controller = new AbortController();
  const { signal } = controller;
  let listeners = 0;
  const add = signal.addEventListener;
  const remove = signal.removeEventListener;
  signal.addEventListener = function addEventListener(type, ...rest) {
    if (type === 'abort') listeners += 1;
    return add.call(this, type, ...rest);
  };
  signal.removeEventListener = function removeEventListener(type, ...rest) {
    if (type === 'abort') listeners -= 1;
    return remove.call(this, type, ...rest);
  };
  return { controller, signal, listeners: () => listeners };
}

/**
 * Counts the package's timers still pending: those set through the globals from inside a wasm call (the package's
 * host.js runs when the wasm calls it). The runtime's own (undici's keep-alive timers, say) are not the call's.
 */
function trackTimers() {
  const live = new Set();
  const original = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const fromWasm = () => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    return /wasm-function|wasm:\/\//.test(stack);
  };
  globalThis.setTimeout = function setTimeout(callback, ms, ...args) {
    const id = realSetTimeout((...a) => {
      live.delete(id);
      callback(...a);
    }, ms, ...args);
    if (fromWasm()) live.add(id);
    return id;
  };
  globalThis.clearTimeout = function clearTimeout(id) {
    live.delete(id);
    return realClearTimeout(id);
  };
  return {
    live: () => live.size,
    restore() {
      Object.assign(globalThis, original);
    },
  };
}

/** Runs `make`, resolving `{ resolved }` or `{ err }`, or `{ unsettled: true }` after 15 s. */
async function settle(make) {
  let timer;
  const guard = new Promise((resolve) => { timer = realSetTimeout(() => resolve({ unsettled: true }), 15000); });
  const run = (async () => {
    try {
      return { resolved: await make() };
    } catch (err) {
      return { err };
    }
  })();
  const outcome = await Promise.race([run, guard]);
  realClearTimeout(timer);
  return outcome;
}

async function hostile(env, path) {
  const response = await fetch(`${env.hostile}${path}`);
  return response.json();
}

/**
 * Runs the cases (all, or those named in `only`) one after another in `runtime`, and returns JSON-able records.
 * `env`: { hostile, accessKey, secretKey }.
 */
export async function runHostCases(api, env, runtime, only = null) {
  const records = [];
  const base = { accessKey: env.accessKey, secretKey: env.secretKey, endpoint: `${env.hostile}/ok`, retries: 0 };
  // Warm up: whatever the runtime's fetch sets up once (a connection pool's timers) is not the call's.
  await api.getVpcPeeringInstanceList(base);
  for (const c of HOST_CASES) {
    if (only && !only.includes(c.name)) continue;
    await hostile(env, '/__reset');
    const tracked = trackedController();
    const context = { ...tracked, runtime, flags: {}, opts: base, at: (scenario) => `${env.hostile}/${scenario}` };
    const timers = trackTimers();
    const started = Date.now();
    let outcome;
    try {
      outcome = await settle(() => c.call(api, context));
    } finally {
      timers.restore();
    }
    const elapsedMs = Date.now() - started;
    const timersLeft = timers.live();
    // Give a cancelled download time to reach the server.
    await later(150);
    const stats = await hostile(env, '/__stats');
    const scenarios = Object.values(stats.scenarios);
    const record = {
      name: c.name,
      elapsedMs,
      timersLeft,
      listenersLeft: tracked.listeners(),
      other: stats.other,
      requests: scenarios.reduce((n, s) => n + s.requests, 0),
      cancelled: scenarios.some((s) => s.cancelled > 0),
      flags: context.flags,
    };
    if (outcome.unsettled) record.unsettled = true;
    else if ('resolved' in outcome) record.resolved = true;
    else record.error = facts(outcome.err);
    try {
      const next = await api.getVpcPeeringInstanceList(base);
      record.nextOk = next.returnCode === '0';
    } catch (err) {
      record.nextOk = false;
      record.nextError = `${err.code}: ${err.message}`;
    }
    records.push(record);
  }
  return records;
}

function facts(err) {
  if (!(err instanceof Error)) return { notAnError: String(err) };
  const out = { name: err.name, code: err.code, message: err.message, attempts: err.attempts };
  for (const key of ['field', 'status']) if (err[key] !== undefined) out[key] = err[key];
  if (err.cause !== undefined) out.cause = err.cause instanceof Error ? `${err.cause.name}: ${err.cause.message}` : String(err.cause);
  return out;
}

/** What is wrong with `record` against its case's expectation in `runtime`; empty when nothing is. */
export function problemsOf(record, runtime) {
  const c = HOST_CASES.find((x) => x.name === record.name);
  const expect = expectationOf(c, runtime);
  const problems = [];
  if (record.unsettled) return ['never settled (15 s)'];
  if (expect.resolved) {
    if (!record.resolved) problems.push(`rejected: ${record.error?.code} ${record.error?.message}`);
  } else if (record.resolved) {
    problems.push(`resolved, expected ${expect.code}`);
  } else {
    const e = record.error;
    if (e.name !== 'NcloudVpcError') problems.push(`name ${e.name}: ${e.notAnError ?? e.message}`);
    if (!codeMatches(e.code, expect.code)) problems.push(`code ${e.code}, expected ${expect.code}: ${e.message}`);
    if ('status' in expect && e.status !== expect.status) problems.push(`status ${e.status}, expected ${expect.status}`);
    if (expect.attempts !== undefined && e.attempts !== expect.attempts) problems.push(`attempts ${e.attempts}, expected ${expect.attempts}`);
    if (expect.field !== undefined && e.field !== expect.field) problems.push(`field ${e.field}`);
    if (expect.message && !expect.message.test(e.message)) problems.push(`message ${JSON.stringify(e.message)} does not match ${expect.message}`);
    if (expect.cause && !expect.cause.test(e.cause ?? '')) problems.push(`cause ${e.cause} does not match ${expect.cause}`);
  }
  if (expect.settledWithinMs !== undefined && record.elapsedMs > expect.settledWithinMs) problems.push(`settled after ${record.elapsedMs} ms, expected within ${expect.settledWithinMs}`);
  if (expect.settledAtMs !== undefined && (record.elapsedMs < expect.settledAtMs - 5 || record.elapsedMs > expect.settledAtMs + 1000)) {
    problems.push(`settled after ${record.elapsedMs} ms, expected at the ${expect.settledAtMs} ms deadline`);
  }
  if (record.other !== expect.other) problems.push(`${record.other} request(s) reached the other origin, expected ${expect.other}`);
  if (expect.requests !== undefined && record.requests !== expect.requests) problems.push(`${record.requests} request(s) sent, expected ${expect.requests}`);
  if (expect.cancelled && !record.cancelled) problems.push('the server saw no cancelled download');
  for (const [flag, value] of Object.entries(expect.flags ?? {})) if (record.flags[flag] !== value) problems.push(`flag ${flag} is ${record.flags[flag]}`);
  if (record.timersLeft !== 0) problems.push(`${record.timersLeft} timer(s) left pending`);
  if (record.listenersLeft !== 0) problems.push(`${record.listenersLeft} abort listener(s) left on the signal`);
  if (!record.nextOk) problems.push(`the next call failed: ${record.nextError}`);
  return problems;
}
