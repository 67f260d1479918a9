/**
 * A local emulator of NAVER Cloud Platform's VPC API (`/vpc/v2/<action>`): VPC peerings, VPCs, route tables and routes.
 * Node 20, standard library only.
 *
 * It is written from the reference (`ncp-api.md`, the createVpcPeeringInstance page), independently of the
 * project's Rust code, so that each cross-checks the other. Two layers, as the real service:
 *   1. gateway (gateway.js): routing, CORS, body limits, percent-decoding, API Gateway signature v2
 *      (`{"error":{...}}`); faults (faults.js) are taken before it;
 *   2. service (services/): the actions over an in-memory state (`{"responseError":{...}}` or XML), answers rendered
 *      by wire.js from each action's resource.
 * State transitions are evaluated lazily from `Date.now()` on every read, so no timers run in the background.
 * This file starts the server and runs each request through those layers; control.js serves `/__emulator/*`.
 *
 * @module emulator/server
 */
import http from 'node:http';
import { seed as builtinSeed } from './seed.js';
import { RETURN_CODES, NONZERO_RETURN_CODE, ServiceError } from './codes.js';
import { handleControl } from './control.js';
import { FAULT_KINDS, applyFault, normalizeFault, takeFault } from './faults.js';
import {
  BadEncoding,
  GW,
  HEADER_ACCESS_KEY,
  MAX_BODY_BYTES,
  answerPreflight,
  authenticate,
  headerValue,
  isSignatureValid,
  malformedRequestAnswer,
  parseParams,
  redactHeaders,
  sendGatewayError,
} from './gateway.js';
import { makeCtx, readBody, send } from './http.js';
import { ACTIONS, ACTION_TABLE, createState, resourceOf } from './services/index.js';
import { optional } from './params.js';
import { JSON_CT, XML_CT, formatDate, quote, renderAnswer, renderServiceError } from './wire.js';
import { REGIONS, buildWorld, cidrsOverlap, deepFreeze, parseCidr, publicAccount } from './world.js';

export { ACTIONS, FAULT_KINDS, NONZERO_RETURN_CODE, REGIONS, RETURN_CODES, cidrsOverlap, formatDate, parseCidr };

const REQUEST_LOG_LIMIT = 1000;

/**
 * Starts the emulator.
 *
 * @param {object} [options]
 * @param {number} [options.port=0] TCP port; 0 picks a free one
 * @param {string} [options.host='127.0.0.1'] interface to bind
 * @param {object} [options.seed] accounts and VPCs (see seed.js); defaults to the built-in seed
 * @param {number} [options.runDelayMs=1500] INIT -> RUN delay after a same-account create or an accept
 * @param {number} [options.deleteDelayMs=1500] TERMTING -> gone delay after a delete or a reject
 * @param {number} [options.clockSkewToleranceMs=300000] accepted distance between x-ncp-apigw-timestamp and now
 * @param {((line: string, entry: object) => void) | null} [options.log=null] called once per /vpc/v2 request
 * @returns {Promise<Emulator>}
 */
export async function startEmulator(options = {}) {
  if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
  const port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  const runDelayMs = options.runDelayMs ?? 1500;
  const deleteDelayMs = options.deleteDelayMs ?? 1500;
  const clockSkewToleranceMs = options.clockSkewToleranceMs ?? 300000;
  const log = options.log ?? null;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TypeError('port must be an integer 0-65535');
  if (typeof host !== 'string' || !host) throw new TypeError('host must be a non-empty string');
  for (const [name, v] of Object.entries({ runDelayMs, deleteDelayMs, clockSkewToleranceMs })) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new TypeError(`${name} must be a number >= 0`);
  }
  if (log !== null && typeof log !== 'function') throw new TypeError('log must be a function or null');
  const world = buildWorld(options.seed ?? builtinSeed);

  const services = createState(world, { runDelayMs, deleteDelayMs });
  const requests = [];
  const faults = [];
  const sockets = new Set();
  const timers = new Set();
  let closing = null;

  function injectFault(fault) {
    const f = normalizeFault(fault);
    faults.push(f);
    return { ...f };
  }

  function reset() {
    services.reset();
    faults.length = 0;
    requests.length = 0;
  }

  function state() {
    const now = Date.now();
    services.advance(now);
    return {
      now: formatDate(now),
      accounts: world.accounts.map(publicAccount),
      ...services.snapshot(),
      faults: faults.map((f) => ({ ...f })),
    };
  }

  const shared = { world, services, requests, faults, timers, clockSkewToleranceMs, log, injectFault, reset, state };
  const server = http.createServer((req, res) => {
    handle(req, res, shared).catch((err) => {
      // Last resort: never let a bad request take the process down.
      try {
        if (!res.headersSent && !res.destroyed) {
          sendGatewayError(makeCtx(req, res, null), GW.unexpected, `unexpected emulator error: ${err?.message ?? err}`);
        } else {
          res.destroy();
        }
      } catch {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err, socket) => {
    if (socket.writable && !socket.destroyed) {
      socket.end(malformedRequestAnswer());
    } else {
      socket.destroy();
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const boundPort = server.address().port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  /** @typedef {object} Emulator */
  const emulator = {
    /** Base URL, e.g. `http://127.0.0.1:8787`; the API is at `${url}/vpc/v2/<action>`. */
    url: `http://${urlHost}:${boundPort}`,
    port: boundPort,
    /** Stops listening, abandons pending slow answers, destroys open sockets. Idempotent. */
    close() {
      if (!closing) {
        closing = new Promise((resolve) => server.close(() => resolve()));
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.closeAllConnections?.();
      }
      return closing;
    },
    /** Forgets every peering, added route, pending fault and logged request (the seed, its VPCs and tables stay). */
    reset,
    /** Queues a fault for the next `count` requests to /vpc/v2; returns the normalized fault. */
    injectFault,
    /** The request log (newest last, at most 1000 entries); the same array for the emulator's lifetime. */
    requests,
    /** The seed accounts, including their secret keys (in-process use only; never served over HTTP). */
    accounts: deepFreeze(structuredClone(world.seedAccounts)),
    /** Seed accounts without secrets, the peerings and route tables (with routes) as seen now, pending faults. */
    state,
  };
  /** Alias matching docs/design.md (`{ url, port, close(), control }`). */
  emulator.control = Object.freeze({ reset, injectFault, requests, state });
  return emulator;
}

/** The answer format a fault uses before the service has checked `responseFormatType`. */
function guessFormat(params) {
  return typeof params?.responseFormatType === 'string' && params.responseFormatType.toLowerCase() === 'json' ? 'json' : 'xml';
}

/** One request: preflight, control API, or /vpc/v2 (logged; faults, then the gateway, then the service). */
async function handle(req, res, shared) {
  req.on('error', () => {});
  res.on('error', () => {});
  const rawTarget = req.url ?? '/';
  const qi = rawTarget.indexOf('?');
  const path = qi < 0 ? rawTarget : rawTarget.slice(0, qi);
  const rawQuery = qi < 0 ? '' : rawTarget.slice(qi + 1);

  if (req.method === 'OPTIONS') return answerPreflight(req, res);

  const control = /\/__emulator\/([A-Za-z]+)\/?$/.exec(path);
  if (control) return handleControl(req, res, shared, control[1]);

  const route = /\/vpc\/v2\/([^/]*)$/.exec(path);
  if (!route) {
    req.resume();
    return sendGatewayError(makeCtx(req, res, null, shared), GW.notFound, `no API at ${quote(path)}: expected .../vpc/v2/<action>`);
  }
  const action = route[1];
  const entry = {
    time: new Date().toISOString(),
    method: req.method,
    rawTarget,
    path,
    action,
    headers: redactHeaders(req.headers),
    query: null,
    form: null,
    params: null,
    signatureValid: false,
    accessKey: headerValue(req, HEADER_ACCESS_KEY) ?? null,
    status: null,
  };
  shared.requests.push(entry);
  if (shared.requests.length > REQUEST_LOG_LIMIT) shared.requests.splice(0, shared.requests.length - REQUEST_LOG_LIMIT);
  const ctx = makeCtx(req, res, entry, shared);

  // Body first (needed for the answer format and the log), then faults, then the gateway, then the service.
  let body = Buffer.alloc(0);
  if (req.method === 'POST') {
    const r = await readBody(req, MAX_BODY_BYTES);
    if (r.aborted) return;
    if (r.tooLarge) return sendGatewayError(ctx, GW.tooLarge, `the request body exceeds ${MAX_BODY_BYTES} bytes`, { connection: 'close' });
    body = r.body;
  } else {
    req.resume();
  }

  let badEncoding = null;
  try {
    entry.query = parseParams(rawQuery, false, 'query');
  } catch (e) {
    if (!(e instanceof BadEncoding)) throw e;
    badEncoding = e.message;
  }
  if (req.method === 'POST') {
    try {
      entry.form = parseParams(body.toString('utf8'), true, 'form body');
    } catch (e) {
      if (!(e instanceof BadEncoding)) throw e;
      badEncoding ??= e.message;
    }
  }
  entry.params = { ...(entry.query ?? {}), ...(entry.form ?? {}) };
  entry.signatureValid = isSignatureValid(req, shared.world);

  const fault = takeFault(shared.faults);
  if (fault) {
    entry.fault = fault.kind;
    const handled = await applyFault(ctx, fault, action, resourceOf(action), guessFormat(entry.params));
    if (handled) return;
  }
  return serve(ctx, action, body, badEncoding);
}

/** The gateway's checks in order, then the action. */
function serve(ctx, action, body, badEncoding) {
  const { req, entry, shared } = ctx;
  if (req.method !== 'GET' && req.method !== 'POST') {
    return sendGatewayError(ctx, GW.methodNotAllowed, `method ${req.method} is not allowed: use GET or POST`, { allow: 'GET, POST, OPTIONS' });
  }
  if (!Object.hasOwn(ACTION_TABLE, action)) {
    return sendGatewayError(ctx, GW.notFound, `unknown action ${quote(action)}: expected one of ${ACTIONS.join(', ')}`);
  }
  if (badEncoding) return sendGatewayError(ctx, GW.badRequest, badEncoding);
  if (req.method === 'POST' && body.length > 0) {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return sendGatewayError(ctx, GW.badRequest, `a POST body must be application/x-www-form-urlencoded (content-type was ${quote(type || 'absent')})`);
    }
  }
  const auth = authenticate(req, shared.world, shared.clockSkewToleranceMs, entry.signatureValid);
  if (!auth.account) return sendGatewayError(ctx, GW.auth, auth.details);

  const params = entry.params;
  const formatRaw = optional(params, 'responseFormatType');
  const format = formatRaw === undefined ? 'xml' : formatRaw.toLowerCase();
  if (format !== 'xml' && format !== 'json') {
    return sendServiceError(ctx, 'xml', new ServiceError(RETURN_CODES.INVALID_VALUE, `responseFormatType must be xml or json (got ${quote(formatRaw)})`));
  }
  const now = Date.now();
  shared.services.advance(now);
  const { resource, run } = ACTION_TABLE[action];
  let answer;
  try {
    answer = run(shared.services, auth.account, params, now);
  } catch (e) {
    if (e instanceof ServiceError) return sendServiceError(ctx, format, e);
    throw e;
  }
  const text = renderAnswer(action, format, resource, answer.items, answer.totalRows);
  return send(ctx, 200, { 'content-type': format === 'json' ? JSON_CT : XML_CT }, text);
}

function sendServiceError(ctx, format, err) {
  send(ctx, err.httpStatus, { 'content-type': format === 'json' ? JSON_CT : XML_CT }, renderServiceError(format, err.returnCode, err.message));
}
