// The fault matrix, runtime-agnostic: run in Node by faults.test.mjs and inside workerd by worker-faults.mjs.
// Each case provokes one failure against the emulator (a fault injected through its HTTP control API, a rule it
// enforces, a closed port, a timer, an abort, or a `fetch` answering a canned Response), records the error's code
// and properties, scans everything the error exposes and everything printed for the secret key and the signature,
// then makes the next call on the same module instance and records whether it succeeded.
//
// `runMatrix(api, env, hooks)` returns plain JSON-able records; the expectations live in expected.mjs.

/** The cases, in order. `call` makes the failing call with `opts` (connection options, retries 0, a fixed timestamp). */
export const CASES = [
  {
    name: 'gateway 401: bad signature',
    call: (api, o, env) => api.getVpcPeeringInstanceList({ ...o, secretKey: env.wrongSecretKey }),
  },
  {
    name: 'gateway 401: skewed clock',
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, timestamp: o.timestamp - 10 * 60 * 1000 }),
  },
  {
    name: 'gateway 401: unknown key',
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, accessKey: 'NCPUNKNOWNKEY0000000' }),
  },
  { name: 'gateway 401 in XML (<Message> wrapper)', fault: { kind: 'xmlGatewayError' } },
  { name: 'gateway 429', fault: { kind: 'status429' } },
  { name: 'gateway 503', fault: { kind: 'status503' } },
  { name: 'gateway 504', fault: { kind: 'status504' } },
  {
    name: 'service responseError, XML',
    // 10001 and 10003 overlap (10.0.0.0/16 and 10.0.128.0/20): the emulator's rule, a real service error.
    call: (api, o) => api.createVpcPeeringInstance({ ...o, sourceVpcNo: 10001, targetVpcNo: 10003, responseFormatType: 'xml' }),
  },
  {
    name: 'service responseError, JSON',
    call: (api, o) => api.createVpcPeeringInstance({ ...o, sourceVpcNo: 10001, targetVpcNo: 10003, responseFormatType: 'json' }),
  },
  { name: 'service responseError 1000 (HTTP 500), XML', fault: { kind: 'serviceError' }, format: 'xml' },
  { name: 'service responseError 1000 (HTTP 500), JSON', fault: { kind: 'serviceError' }, format: 'json' },
  { name: '2xx with non-zero returnCode, XML', fault: { kind: 'returnCodeNonZero' }, format: 'xml' },
  { name: '2xx with non-zero returnCode, JSON', fault: { kind: 'returnCodeNonZero' }, format: 'json' },
  { name: 'HTML 502 page', fault: { kind: 'html502' } },
  { name: 'empty 200', fault: { kind: 'empty200' } },
  { name: 'truncated body (Content-Length not reached)', fault: { kind: 'truncated' } },
  { name: 'binary garbage', fault: { kind: 'garbage' } },
  {
    name: 'answer slower than timeoutMs',
    fault: { kind: 'slow', delayMs: 3000 },
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, timeoutMs: 200 }),
  },
  {
    name: 'abort by the caller, mid-flight',
    fault: { kind: 'slow', delayMs: 3000 },
    call: (api, o) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('the caller gave up')), 100);
      return api.getVpcPeeringInstanceList({ ...o, signal: controller.signal });
    },
  },
  {
    name: 'abort by the caller, before the call',
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, signal: AbortSignal.abort(new Error('aborted up front')) }),
  },
  {
    name: 'connection refused',
    call: (api, o, env) => api.getVpcPeeringInstanceList({ ...o, endpoint: env.closedEndpoint }),
  },
  {
    name: 'connection dropped before the answer',
    // Twice: workerd's fetch silently resends a GET whose pooled keep-alive connection closed without an answer (a
    // stale connection, as far as it can tell); the second drop reaches the caller. Node reports the first.
    fault: { kind: 'drop', count: 2 },
  },
  {
    name: 'connection dropped before the answer, POST',
    // Once: no runtime resends a POST.
    fault: { kind: 'drop' },
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, method: 'POST' }),
  },
  { name: 'connection dropped mid-body', fault: { kind: 'dropMidBody' } },
  {
    // A hostile or broken server that echoes the secret key and the signature back: every text the error keeps
    // must come out scrubbed. (No real gateway does this; the emulator cannot, so a `fetch` answers it.)
    name: 'answer echoing the secret key and signature (HTTP 502)',
    call: (api, o, env) => api.getVpcPeeringInstanceList({ ...o, fetch: echoingFetch(env, 502) }),
  },
  {
    name: 'gateway error echoing the secret key and signature (HTTP 401)',
    call: (api, o, env) => api.getVpcPeeringInstanceList({ ...o, fetch: echoingFetch(env, 401) }),
  },
  {
    // Round two (host-cases.mjs has the rest): a redirect is refused and its target quoted, so a target that
    // repeats the secret and the signature must come out scrubbed too.
    name: 'redirect whose Location echoes the secret key and signature (HTTP 302)',
    call: (api, o, env) => api.getVpcPeeringInstanceList({
      ...o,
      fetch: async (url, init) => new Response('moved', {
        status: 302,
        headers: { location: `https://elsewhere.example/?s=${env.secretKey}&sig=${encodeURIComponent(init.headers['x-ncp-apigw-signature-v2'])}&raw=${init.headers['x-ncp-apigw-signature-v2']}` },
      }),
    }),
  },
  {
    name: 'answer over maxResponseBytes',
    call: (api, o, env) => api.getVpcPeeringInstanceList({ ...o, endpoint: env.emulator, maxResponseBytes: 1024, fetch: async () => new Response(' '.repeat(4096)) }),
  },
  // Round two, the core (issue 11): answers a hostile gateway could send, each a `fetch` answering it.
  {
    name: 'totalRows out of range (4294967296)',
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, fetch: canned(200, listAnswer('"totalRows":4294967296', '')) }),
  },
  {
    name: 'an instance number beyond 2^53, as a JSON number',
    call: (api, o) => api.getVpcPeeringInstanceList({
      ...o, fetch: canned(200, listAnswer('"totalRows":1', '{"vpcPeeringInstanceNo":9007199254740993,"vpcPeeringInstanceStatus":{"code":"RUN"}}')),
    }),
  },
  {
    name: 'a create answer without its peering (returnCode 0, no list)',
    call: (api, o) => api.createVpcPeeringInstance({
      ...o, sourceVpcNo: 10001, targetVpcNo: 10002, fetch: canned(200, '{"createVpcPeeringInstanceResponse":{"returnCode":"0","returnMessage":"success"}}'),
    }),
  },
  {
    name: 'a field given twice (returnCode "0", then "1")',
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, fetch: canned(200, listAnswer('"returnCode":"1","totalRows":0', '')) }),
  },
  {
    name: 'XML with a DOCTYPE that declares an entity',
    call: (api, o) => api.getVpcPeeringInstanceList({
      ...o,
      fetch: canned(200, '<!DOCTYPE r [<!ENTITY e "x">]><getVpcPeeringInstanceListResponse><requestId>&e;</requestId><returnCode>0</returnCode></getVpcPeeringInstanceListResponse>'),
    }),
  },
  {
    name: 'an answer in UTF-16',
    call: (api, o) => api.getVpcPeeringInstanceList({ ...o, fetch: canned(200, utf16(listAnswer('"totalRows":0', ''))) }),
  },
  {
    name: 'gateway 401 with 3 MB of details',
    call: (api, o) => api.getVpcPeeringInstanceList({
      ...o, fetch: canned(401, `{"error":{"errorCode":"200","message":"Authentication Failed","details":"${'denied '.repeat(3 * 1024 * 1024 / 7)}"}}`),
    }),
  },
  {
    name: 'gateway 401 echoing the signature JSON-escaped and percent-encoded',
    call: (api, o) => api.getVpcPeeringInstanceList({
      ...o,
      fetch: async (url, init) => {
        const signature = init.headers['x-ncp-apigw-signature-v2'];
        const echo = `${signature.replaceAll('/', '\\/')} ${encodeURIComponent(signature)} ${lowerHex(encodeURIComponent(signature))}`;
        return new Response(JSON.stringify({ error: { errorCode: '200', message: `bad ${echo}`, details: echo } }), { status: 401 });
      },
    }),
  },
];

/** A getVpcPeeringInstanceList answer in JSON: returnCode "0", then `fields`, then a list of `items`. */
const listAnswer = (fields, items) =>
  `{"getVpcPeeringInstanceListResponse":{"returnCode":"0",${fields},"vpcPeeringInstanceList":[${items}]}}`;

/** A percent-encoded text with lower-case hex digits. */
const lowerHex = (text) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** A fetch answering `status` with `body` every time. */
const canned = (status, body) => async () => new Response(body, { status });

/** `text` as UTF-16 (little-endian, with its byte-order mark). */
function utf16(text) {
  const bytes = new Uint8Array(2 + 2 * text.length);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

/** A fetch answering `status` with a body that repeats the secret key and the signature it was sent. */
function echoingFetch(env, status) {
  return async (url, init) => {
    const signature = init.headers['x-ncp-apigw-signature-v2'];
    const echo = `secret=${env.secretKey} signature=${signature}`;
    const body = status === 401
      ? JSON.stringify({ error: { errorCode: '200', message: `Authentication Failed ${echo}`, details: echo } })
      : `<html><body>${echo} ${url}</body></html>`;
    return new Response(body, { status, headers: { 'content-type': status === 401 ? 'application/json' : 'text/html' } });
  };
}

/** The error's facts as JSON-able data. */
function facts(err) {
  if (!(err instanceof Error)) return { notAnError: String(err) };
  const out = { name: err.name, code: err.code, message: err.message, attempts: err.attempts };
  for (const key of ['field', 'status', 'returnCode', 'returnMessage', 'details', 'requestId', 'bodySnippet']) {
    if (err[key] !== undefined) out[key] = err[key];
  }
  if (err.cause !== undefined) {
    const cause = err.cause;
    out.cause = cause instanceof Error
      ? { name: cause.name, message: cause.message, code: cause.code ?? cause.cause?.code }
      : { value: String(cause) };
  }
  out.ownKeys = Reflect.ownKeys(err).map(String).sort();
  return out;
}

/**
 * Every text reachable from `value`: own properties (enumerable or not, symbols too, getters read), recursively
 * through `cause`, `instance` and any nested object, plus `message`, `stack` and `String()` of each error, and
 * `JSON.stringify` of the whole.
 */
export function textsOf(value, inspect) {
  const out = [];
  const seen = new Set();
  const walk = (v, path, depth) => {
    if (typeof v === 'string') {
      out.push([path, v]);
      return;
    }
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v) || depth > 8) return;
    seen.add(v);
    if (v instanceof Error || typeof v.message === 'string') {
      for (const [key, read] of [['message', () => v.message], ['stack', () => v.stack], ['String()', () => String(v)]]) {
        try {
          const text = read();
          if (typeof text === 'string') out.push([`${path}.${key}`, text]);
        } catch {}
      }
    }
    for (const key of Reflect.ownKeys(v)) {
      let child;
      try {
        const descriptor = Object.getOwnPropertyDescriptor(v, key);
        child = descriptor && ('value' in descriptor ? descriptor.value : descriptor.get?.call(v));
      } catch {
        continue;
      }
      walk(child, `${path}.${String(key)}`, depth + 1);
    }
  };
  walk(value, 'err', 0);
  try {
    out.push(['String(err)', String(value)]);
  } catch {}
  try {
    out.push(['JSON.stringify(err)', JSON.stringify(value) ?? '']);
  } catch (e) {
    out.push(['JSON.stringify(err) threw', String(e)]);
  }
  if (inspect) out.push(['inspect(err)', inspect(value, { depth: 10, showHidden: true })]);
  return out;
}

/** Where any of `secrets` occurs in `texts` ([where, text] pairs). */
export function leaksIn(texts, secrets) {
  const found = [];
  for (const [where, text] of texts) {
    for (const [label, secret] of Object.entries(secrets)) {
      if (secret && text.includes(secret)) found.push(`${label} in ${where}`);
    }
  }
  return found;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'];

/** Captures console.* output (and whatever `hooks.captureWrites` adds) until the returned stop() is called. */
function captureOutput(hooks) {
  const lines = [];
  const originals = CONSOLE_METHODS.map((m) => [m, console[m]]);
  for (const [method, original] of originals) {
    console[method] = (...args) => {
      lines.push([`console.${method}`, args.map((a) => (typeof a === 'string' ? a : safeString(a))).join(' ')]);
      return original.apply(console, args);
    };
  }
  const stopWrites = hooks.captureWrites?.((where, text) => lines.push([where, text]));
  return () => {
    for (const [method, original] of originals) console[method] = original;
    stopWrites?.();
    return lines;
  };
}

function safeString(value) {
  try {
    return `${String(value)} ${JSON.stringify(value)}`;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

async function control(env, method, name, body) {
  const response = await fetch(`${env.emulator}/__emulator/${name}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator control ${method} ${name}: ${response.status} ${text}`);
  return text;
}

const capitalized = (s) => s[0].toUpperCase() + s.slice(1);

/**
 * Runs every case (or those named in `only`) in order. `env`: { emulator, accessKey, secretKey, wrongSecretKey,
 * closedEndpoint }. `hooks`: { inspect?, captureWrites? } from the host.
 */
export async function runMatrix(api, env, hooks = {}, only = null) {
  const results = [];
  for (const c of CASES) {
    if (only && !only.includes(c.name)) continue;
    await control(env, 'DELETE', 'faults');
    if (c.fault) await control(env, 'POST', 'faults', c.fault);
    const timestamp = Date.now();
    const opts = {
      accessKey: env.accessKey,
      secretKey: env.secretKey,
      endpoint: env.emulator,
      retries: 0,
      timestamp,
      ...(c.format ? { responseFormatType: c.format } : {}),
    };
    const call = c.call ?? ((a, o) => a.getVpcPeeringInstanceList(o));

    // The secret used and the signature sent: the dry run of the same options signs the same string.
    let usedSecret = env.secretKey;
    let signature = '';
    const dryRun = (action, options) => {
      usedSecret = options.secretKey;
      const { signal, fetch: _f, timeoutMs: _t, ...rest } = options;
      signature = api[`build${capitalized(action)}Request`](rest).headers['x-ncp-apigw-signature-v2'];
      return new Promise(() => {});
    };
    const spy = Object.fromEntries(Object.keys(api).map((key) => [key, (o) => dryRun(key, o)]));
    // Pre-aborted signals and timers inside `call` are harmless here: the dry run never settles and is dropped.
    call(spy, opts, env);

    const stop = captureOutput(hooks);
    const started = Date.now();
    let outcome;
    try {
      outcome = { resolved: await call(api, opts, env) };
    } catch (err) {
      outcome = { err };
    }
    const elapsedMs = Date.now() - started;
    const printed = stop();
    const record = { name: c.name, elapsedMs };
    if ('resolved' in outcome) {
      record.resolved = true;
    } else {
      record.error = facts(outcome.err);
      record.isError = outcome.err instanceof Error;
      // The signature as a server could echo it too: JSON-escaped (`\/`), percent-encoded (either case of hex).
      const encoded = encodeURIComponent(signature);
      const secrets = {
        'secret key': usedSecret, signature, 'signature, JSON-escaped': signature.replaceAll('/', '\\/'),
        'signature, percent-encoded': encoded, 'signature, percent-encoded in lower-case hex': lowerHex(encoded),
      };
      record.leaks = [...leaksIn(textsOf(outcome.err, hooks.inspect), secrets), ...leaksIn(printed, secrets)];
      record.checkedSignature = signature.length === 44;
    }
    record.printed = printed.length;

    // The next call on the same instance, with nothing injected, succeeds.
    await control(env, 'DELETE', 'faults');
    try {
      const next = await api.getVpcPeeringInstanceList({ accessKey: env.accessKey, secretKey: env.secretKey, endpoint: env.emulator });
      record.nextOk = next.returnCode === '0';
    } catch (err) {
      record.nextOk = false;
      record.nextError = `${err.code}: ${err.message}`;
    }
    results.push(record);
  }
  return results;
}
