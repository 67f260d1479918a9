/**
 * A local emulator of NAVER Cloud Platform's VPC peering API (`/vpc/v2/<action>`), Node 20, standard library only.
 *
 * It is written from the reference (`ncp-api.md`, the createVpcPeeringInstance page), independently of the
 * project's Rust code, so that each cross-checks the other. Two layers, as the real service:
 *   1. gateway: routing, CORS, body limits, percent-decoding, API Gateway signature v2 (JSON `{"error":{...}}`);
 *   2. service: the six peering actions over an in-memory state (`{"responseError":{...}}` or XML).
 * State transitions are evaluated lazily from `Date.now()` on every read, so no timers run in the background.
 *
 * @module emulator/server
 */
import http from 'node:http';
import crypto from 'node:crypto';
import { seed as builtinSeed } from './seed.js';

/** The six actions served under `/vpc/v2/`. */
export const ACTIONS = Object.freeze([
  'createVpcPeeringInstance',
  'getVpcPeeringInstanceList',
  'getVpcPeeringInstanceDetail',
  'acceptOrRejectVpcPeering',
  'deleteVpcPeeringInstance',
  'setVpcPeeringDescription',
]);

/** Region codes the emulator knows (KR is the default). */
export const REGIONS = Object.freeze(['KR', 'SGN', 'JPN', 'USWN', 'DEN', 'FKR']);

/** Fault kinds accepted by `injectFault` and `POST /__emulator/faults`. */
export const FAULT_KINDS = Object.freeze([
  'status429',
  'status503',
  'status504',
  'html502',
  'slow',
  'truncated',
  'drop',
  'dropMidBody',
  'empty200',
  'garbage',
  'serviceError',
  'returnCodeNonZero',
  'xmlGatewayError',
]);

/**
 * Service-layer returnCodes. `1000` is NCP's documented "Please try your call again later" (ncp-api.md §5). Every
 * other code is this emulator's own invention, spelled `EMU_<NAME>`: every returnCode in NCP's public sources (the
 * API docs, terraform-provider-ncloud, the official SDKs) is a string of decimal digits, so a code with letters can
 * never be mistaken for a real one. The real codes for these rules are not public.
 */
export const RETURN_CODES = Object.freeze({
  TRY_AGAIN_LATER: '1000',
  REQUIRED: 'EMU_REQUIRED',
  INVALID_VALUE: 'EMU_INVALID_VALUE',
  INVALID_PEERING_NAME: 'EMU_INVALID_PEERING_NAME',
  DESCRIPTION_TOO_LONG: 'EMU_DESCRIPTION_TOO_LONG',
  UNKNOWN_REGION: 'EMU_UNKNOWN_REGION',
  SOURCE_VPC_NOT_FOUND: 'EMU_SOURCE_VPC_NOT_FOUND',
  TARGET_VPC_NOT_FOUND: 'EMU_TARGET_VPC_NOT_FOUND',
  TARGET_LOGIN_NOT_FOUND: 'EMU_TARGET_LOGIN_NOT_FOUND',
  TARGET_NAME_MISMATCH: 'EMU_TARGET_NAME_MISMATCH',
  CROSS_ACCOUNT_PARAMS_REQUIRED: 'EMU_CROSS_ACCOUNT_PARAMS_REQUIRED',
  SAME_VPC: 'EMU_SAME_VPC',
  CIDR_OVERLAP: 'EMU_CIDR_OVERLAP',
  DUPLICATE_PEERING: 'EMU_DUPLICATE_PEERING',
  PEERING_NOT_FOUND: 'EMU_PEERING_NOT_FOUND',
  NOT_OWNER: 'EMU_NOT_OWNER',
  WRONG_ACCEPTOR: 'EMU_WRONG_ACCEPTOR',
  NOT_AWAITING_ACCEPTANCE: 'EMU_NOT_AWAITING_ACCEPTANCE',
  TERMINATING: 'EMU_TERMINATING',
  PAGE_SIZE_REQUIRED: 'EMU_PAGE_SIZE_REQUIRED',
});

/** The default returnCode of the `returnCodeNonZero` fault: an invention, in the same letters-only-NCP-never-uses form. */
export const NONZERO_RETURN_CODE = 'EMU_RETURN_CODE_NONZERO';

// Gateway errors: [HTTP status, errorCode, message] (ncp-api.md §5).
const GW = Object.freeze({
  badRequest: [400, '100', 'Bad Request Exception'],
  auth: [401, '200', 'Authentication Failed'],
  notFound: [404, '300', 'Not Found Exception'],
  // No 405 row exists in the reference: the emulator's own choice (the real gateway may answer 404).
  methodNotAllowed: [405, '300', 'Not Found Exception'],
  tooLarge: [413, '430', 'Request Entity Too Large'],
  rateLimited: [429, '420', 'Rate Limited'],
  endpointError: [503, '500', 'Endpoint Error'],
  endpointTimeout: [504, '510', 'Endpoint Timeout'],
  unexpected: [500, '900', 'Unexpected Error'],
});

const HEADER_TIMESTAMP = 'x-ncp-apigw-timestamp';
const HEADER_ACCESS_KEY = 'x-ncp-iam-access-key';
// The docs and the Java SDK send the signature as -v2; the Go, Python and JS SDKs send the same value as -v1
// (ncp-api.md §1: the gateway accepts both). Either name carries it; when both are sent, both must verify.
const SIGNATURE_HEADERS = Object.freeze(['x-ncp-apigw-signature-v2', 'x-ncp-apigw-signature-v1']);
const REDACTED_HEADERS = new Set([...SIGNATURE_HEADERS, 'authorization', 'cookie']);

const JSON_CT = 'application/json;charset=UTF-8';
const XML_CT = 'application/xml;charset=UTF-8';
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_CONTROL_BODY_BYTES = 64 * 1024;
const REQUEST_LOG_LIMIT = 1000;
const FIRST_PEERING_NO = 100001;
const KST_OFFSET_MS = 9 * 3600 * 1000;
const PEERING_NAME_RE = /^[a-z][a-z0-9-]*[a-z0-9]$/;
// Characters XML 1.0 cannot carry even escaped; stored strings must not contain them.
const XML_INVALID_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_INVALID_RE_G = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// What each lifecycle phase looks like on the wire. Facts: the status codes INIT, RUN, TERMTING (the SDKs' request
// docs, terraform's ncloud_vpc_peering); INIT/init "Creating" with operation NULL/"NULL OP" for a same-account
// peering just created (the createVpcPeeringInstance page's sample). Which operation code a peering shows in any
// other phase is not public: the emulator shows NULL in every phase, so the operation never carries a signal a
// client could come to depend on (a cross-account INIT peering awaiting acceptance looks like any other INIT one).
// The codeNames run/terminating and the status names other than "Creating" are inventions.
const NULL_OPERATION = Object.freeze({ code: 'NULL', codeName: 'NULL OP' });
const PHASES = Object.freeze({
  creating: { code: 'INIT', codeName: 'init', name: 'Creating' },
  awaiting: { code: 'INIT', codeName: 'init', name: 'Awaiting acceptance' },
  accepting: { code: 'INIT', codeName: 'init', name: 'Creating' },
  run: { code: 'RUN', codeName: 'run', name: 'Running' },
  terminating: { code: 'TERMTING', codeName: 'terminating', name: 'Terminating' },
});
/**
 * The name of the last-change date in each answer format: the API page's XML sample says `lastModifyDate`; every
 * official SDK model (generated from NCP's API description) reads `lastModifiyDate` from JSON (ncp-api.md §4).
 */
const LAST_MODIFIED_KEY = Object.freeze({ xml: 'lastModifyDate', json: 'lastModifiyDate' });
// The values of getVpcPeeringInstanceList's vpcPeeringInstanceStatusCode (ncp-api.md §3), plus CREATING, which
// terraform's ncloud_vpc_peering treats as pending: accepted as a filter, though no emulated peering is ever in it.
const STATUS_CODES = ['INIT', 'CREATING', 'RUN', 'TERMTING'];
const SORT_FIELDS = { vpcpeeringname: 'vpcPeeringName', sourcevpcname: 'sourceVpcName', targetvpcname: 'targetVpcName' };

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

  const store = new PeeringStore(world, { runDelayMs, deleteDelayMs });
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
    store.reset();
    faults.length = 0;
    requests.length = 0;
  }

  function state() {
    const now = Date.now();
    store.advance(now);
    return {
      now: formatDate(now),
      accounts: world.accounts.map(publicAccount),
      peerings: store.all().map((p) => ({
        ...store.view(p, 'json'),
        sourceAccount: p.source.account.name,
        targetAccount: p.target.account.name,
      })),
      faults: faults.map((f) => ({ ...f })),
    };
  }

  const ctxShared = { world, store, requests, faults, timers, clockSkewToleranceMs, log, injectFault, reset, state };
  const server = http.createServer((req, res) => {
    handle(req, res, ctxShared).catch((err) => {
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
      const body = prettyJson({ error: { errorCode: '100', message: 'Bad Request Exception', details: 'malformed HTTP request' } });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: ${JSON_CT}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n${body}`,
      );
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
    /** Forgets every peering, pending fault and logged request (the seed accounts stay). */
    reset,
    /** Queues a fault for the next `count` requests to /vpc/v2; returns the normalized fault. */
    injectFault,
    /** The request log (newest last, at most 1000 entries); the same array for the emulator's lifetime. */
    requests,
    /** The seed accounts, including their secret keys (in-process use only; never served over HTTP). */
    accounts: deepFreeze(structuredClone(world.seedAccounts)),
    /** Seed accounts without secrets, the peerings as seen now, pending faults. */
    state,
  };
  /** Alias matching docs/design.md (`{ url, port, close(), control }`). */
  emulator.control = Object.freeze({ reset, injectFault, requests, state });
  return emulator;
}

// ---------------------------------------------------------------------------------------------------------------
// Seed and world

function buildWorld(seed) {
  if (!seed || typeof seed !== 'object' || !Array.isArray(seed.accounts) || seed.accounts.length === 0) {
    throw new TypeError('seed.accounts must be a non-empty array');
  }
  const accounts = [];
  const byAccessKey = new Map();
  const byLoginId = new Map();
  const vpcNos = new Set();
  seed.accounts.forEach((a, i) => {
    const where = `seed.accounts[${i}]`;
    for (const k of ['loginId', 'accessKey', 'secretKey']) {
      if (typeof a?.[k] !== 'string' || !a[k]) throw new TypeError(`${where}.${k} must be a non-empty string`);
    }
    if (byAccessKey.has(a.accessKey)) throw new TypeError(`${where}.accessKey is not unique`);
    if (byLoginId.has(a.loginId)) throw new TypeError(`${where}.loginId is not unique`);
    if (!Array.isArray(a.vpcs)) throw new TypeError(`${where}.vpcs must be an array`);
    const account = { name: typeof a.name === 'string' && a.name ? a.name : a.loginId, loginId: a.loginId, accessKey: a.accessKey, secretKey: a.secretKey, vpcs: [] };
    a.vpcs.forEach((v, j) => {
      const vw = `${where}.vpcs[${j}]`;
      if (typeof v?.vpcNo !== 'string' || !/^\d+$/.test(v.vpcNo)) throw new TypeError(`${vw}.vpcNo must be a numeric string`);
      if (vpcNos.has(v.vpcNo)) throw new TypeError(`${vw}.vpcNo ${v.vpcNo} is not unique`);
      if (typeof v.vpcName !== 'string' || !v.vpcName) throw new TypeError(`${vw}.vpcName must be a non-empty string`);
      if (!parseCidr(v.ipv4CidrBlock)) throw new TypeError(`${vw}.ipv4CidrBlock must be an IPv4 CIDR block`);
      const regionCode = v.regionCode ?? 'KR';
      if (!REGIONS.includes(regionCode)) throw new TypeError(`${vw}.regionCode must be one of ${REGIONS.join(', ')}`);
      vpcNos.add(v.vpcNo);
      account.vpcs.push({ vpcNo: v.vpcNo, vpcName: v.vpcName, ipv4CidrBlock: v.ipv4CidrBlock, regionCode, account });
    });
    accounts.push(account);
    byAccessKey.set(account.accessKey, account);
    byLoginId.set(account.loginId, account);
  });
  const seedAccounts = accounts.map((a) => ({
    name: a.name,
    loginId: a.loginId,
    accessKey: a.accessKey,
    secretKey: a.secretKey,
    vpcs: a.vpcs.map(({ vpcNo, vpcName, ipv4CidrBlock, regionCode }) => ({ vpcNo, vpcName, ipv4CidrBlock, regionCode })),
  }));
  return { accounts, byAccessKey, byLoginId, seedAccounts };
}

function publicAccount(a) {
  return {
    name: a.name,
    loginId: a.loginId,
    accessKey: a.accessKey,
    vpcs: a.vpcs.map(({ vpcNo, vpcName, ipv4CidrBlock, regionCode }) => ({ vpcNo, vpcName, ipv4CidrBlock, regionCode })),
  };
}

function findVpc(account, vpcNo, regionCode) {
  return account.vpcs.find((v) => v.vpcNo === vpcNo && v.regionCode === regionCode) ?? null;
}

/** Parses `a.b.c.d/n` into an inclusive [start, end] range of 32-bit addresses, or null. */
export function parseCidr(text) {
  if (typeof text !== 'string') return null;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return null;
  const addr = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  const size = 2 ** (32 - bits);
  const start = Math.floor(addr / size) * size;
  return { start, end: start + size - 1 };
}

/** True when two IPv4 CIDR blocks share at least one address. */
export function cidrsOverlap(a, b) {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  return x.start <= y.end && y.start <= x.end;
}

// ---------------------------------------------------------------------------------------------------------------
// State

class ServiceError extends Error {
  constructor(returnCode, message, httpStatus = returnCode === RETURN_CODES.TRY_AGAIN_LATER ? 500 : 400) {
    super(message);
    this.returnCode = returnCode;
    this.httpStatus = httpStatus;
  }
}

class PeeringStore {
  constructor(world, { runDelayMs, deleteDelayMs }) {
    this.world = world;
    this.runDelayMs = runDelayMs;
    this.deleteDelayMs = deleteDelayMs;
    this.reset();
  }

  reset() {
    this.peerings = new Map();
    this.nextNo = FIRST_PEERING_NO;
  }

  /** Applies every transition due by `now`: INIT -> RUN, TERMTING -> gone. */
  advance(now) {
    for (const [no, p] of this.peerings) {
      if ((p.phase === 'creating' || p.phase === 'accepting') && now >= p.runAt) {
        p.phase = 'run';
        p.modifiedAt = p.runAt;
      } else if (p.phase === 'terminating' && now >= p.goneAt) {
        this.peerings.delete(no);
      }
    }
  }

  all() {
    return [...this.peerings.values()];
  }

  visibleTo(account, regionCode) {
    return this.all().filter((p) => p.regionCode === regionCode && isOwner(p, account));
  }

  /** The wire model of one peering, in the order of the reference sample, its date spelled as `format` does. */
  view(p, format = 'xml') {
    const phase = PHASES[p.phase];
    const reverse = this.all().find((q) => q !== p && q.source.vpc === p.target.vpc && q.target.vpc === p.source.vpc);
    return {
      vpcPeeringInstanceNo: p.no,
      vpcPeeringName: p.name,
      regionCode: p.regionCode,
      createDate: formatDate(p.createdAt),
      [LAST_MODIFIED_KEY[format]]: formatDate(p.modifiedAt),
      vpcPeeringInstanceStatus: { code: phase.code, codeName: phase.codeName },
      vpcPeeringInstanceStatusName: phase.name,
      vpcPeeringInstanceOperation: { ...NULL_OPERATION },
      sourceVpcNo: p.source.vpc.vpcNo,
      sourceVpcName: p.source.vpc.vpcName,
      sourceVpcIpv4CidrBlock: p.source.vpc.ipv4CidrBlock,
      sourceVpcLoginId: p.source.account.loginId,
      targetVpcNo: p.target.vpc.vpcNo,
      targetVpcName: p.target.vpc.vpcName,
      targetVpcIpv4CidrBlock: p.target.vpc.ipv4CidrBlock,
      targetVpcLoginId: p.target.account.loginId,
      vpcPeeringDescription: p.description,
      hasReverseVpcPeering: Boolean(reverse),
      isBetweenAccounts: p.betweenAccounts,
      reverseVpcPeeringInstanceNo: reverse ? reverse.no : '',
    };
  }

  // --- actions: each returns the affected peerings -------------------------------------------------------------

  createVpcPeeringInstance(caller, params, now) {
    const regionCode = region(params);
    const sourceVpcNo = numeric(params, 'sourceVpcNo', true);
    const targetVpcNo = numeric(params, 'targetVpcNo', true);
    let name = optional(params, 'vpcPeeringName');
    if (name !== undefined) checkPeeringName(name);
    const description = description_(params);
    const targetLoginId = optional(params, 'targetVpcLoginId');
    const targetName = optional(params, 'targetVpcName');

    const source = findVpc(caller, sourceVpcNo, regionCode);
    if (!source) {
      throw new ServiceError(RETURN_CODES.SOURCE_VPC_NOT_FOUND, `sourceVpcNo ${sourceVpcNo} was not found in the calling account (regionCode ${regionCode})`);
    }
    if (sourceVpcNo === targetVpcNo) {
      throw new ServiceError(RETURN_CODES.SAME_VPC, `sourceVpcNo and targetVpcNo must be different VPCs (both are ${sourceVpcNo})`);
    }
    let target;
    if (targetLoginId !== undefined && targetLoginId !== caller.loginId) {
      const owner = this.world.byLoginId.get(targetLoginId);
      if (!owner) throw new ServiceError(RETURN_CODES.TARGET_LOGIN_NOT_FOUND, `targetVpcLoginId ${quote(targetLoginId)} is not a known account`);
      if (targetName === undefined) {
        throw new ServiceError(RETURN_CODES.CROSS_ACCOUNT_PARAMS_REQUIRED, 'targetVpcName is required when the target VPC belongs to another account');
      }
      target = findVpc(owner, targetVpcNo, regionCode);
      if (!target) {
        throw new ServiceError(RETURN_CODES.TARGET_VPC_NOT_FOUND, `targetVpcNo ${targetVpcNo} was not found in the account of targetVpcLoginId ${quote(targetLoginId)} (regionCode ${regionCode})`);
      }
    } else {
      target = findVpc(caller, targetVpcNo, regionCode);
      if (!target) {
        const elsewhere = this.world.accounts.some((a) => a !== caller && findVpc(a, targetVpcNo, regionCode));
        if (elsewhere) {
          const missing = [targetName === undefined && 'targetVpcName', targetLoginId === undefined && 'targetVpcLoginId'].filter(Boolean);
          throw new ServiceError(RETURN_CODES.CROSS_ACCOUNT_PARAMS_REQUIRED, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required when targetVpcNo ${targetVpcNo} belongs to another account`);
        }
        throw new ServiceError(RETURN_CODES.TARGET_VPC_NOT_FOUND, `targetVpcNo ${targetVpcNo} was not found (regionCode ${regionCode})`);
      }
    }
    if (targetName !== undefined && targetName !== target.vpcName) {
      throw new ServiceError(RETURN_CODES.TARGET_NAME_MISMATCH, `targetVpcName ${quote(targetName)} does not match the name of targetVpcNo ${targetVpcNo}`);
    }
    if (cidrsOverlap(source.ipv4CidrBlock, target.ipv4CidrBlock)) {
      throw new ServiceError(
        RETURN_CODES.CIDR_OVERLAP,
        `the IPv4 CIDR blocks of sourceVpcNo ${sourceVpcNo} (${source.ipv4CidrBlock}) and targetVpcNo ${targetVpcNo} (${target.ipv4CidrBlock}) overlap`,
      );
    }
    const existing = this.all().find((p) => p.source.vpc === source && p.target.vpc === target);
    if (existing) {
      throw new ServiceError(RETURN_CODES.DUPLICATE_PEERING, `a VPC peering from sourceVpcNo ${sourceVpcNo} to targetVpcNo ${targetVpcNo} already exists (vpcPeeringInstanceNo ${existing.no})`);
    }
    if (name === undefined) name = `peer-${crypto.randomBytes(4).toString('hex')}`;
    const betweenAccounts = target.account !== caller;
    const p = {
      no: String(this.nextNo++),
      name,
      regionCode,
      createdAt: now,
      modifiedAt: now,
      source: { account: caller, vpc: source },
      target: { account: target.account, vpc: target },
      description,
      betweenAccounts,
      phase: betweenAccounts ? 'awaiting' : 'creating',
      runAt: betweenAccounts ? null : now + this.runDelayMs,
      goneAt: null,
    };
    this.peerings.set(p.no, p);
    return [p];
  }

  getVpcPeeringInstanceList(caller, params) {
    const regionCode = region(params);
    const nos = [];
    for (const [key, value] of Object.entries(params)) {
      const m = /^vpcPeeringInstanceNoList\.(.*)$/.exec(key);
      if (!m) continue;
      if (!/^[1-9]\d*$/.test(m[1])) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${quote(key)}: vpcPeeringInstanceNoList indexes start at 1`);
      if (value === '') continue;
      if (!/^\d+$/.test(value)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${key} must be a numeric vpcPeeringInstanceNo`);
      nos.push(value);
    }
    const sourceVpcName = optional(params, 'sourceVpcName');
    const targetVpcName = optional(params, 'targetVpcName');
    const peeringName = optional(params, 'vpcPeeringName');
    const statusCode = optional(params, 'vpcPeeringInstanceStatusCode');
    if (statusCode !== undefined && !STATUS_CODES.includes(statusCode)) {
      throw new ServiceError(RETURN_CODES.INVALID_VALUE, `vpcPeeringInstanceStatusCode must be one of ${STATUS_CODES.join(', ')}`);
    }
    const pageNo = positiveInt(params, 'pageNo');
    const pageSize = positiveInt(params, 'pageSize');
    if (pageNo !== undefined && pageSize === undefined) {
      throw new ServiceError(RETURN_CODES.PAGE_SIZE_REQUIRED, 'pageSize is required when pageNo is given');
    }
    const sortedByRaw = optional(params, 'sortedBy');
    const sortedBy = sortedByRaw === undefined ? undefined : Object.hasOwn(SORT_FIELDS, sortedByRaw.toLowerCase()) ? SORT_FIELDS[sortedByRaw.toLowerCase()] : null;
    if (sortedByRaw !== undefined && !sortedBy) {
      throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'sortedBy must be one of vpcPeeringName, sourceVpcName, targetVpcName');
    }
    const orderRaw = optional(params, 'sortingOrder');
    if (orderRaw !== undefined && !/^(asc|desc)$/i.test(orderRaw)) {
      throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'sortingOrder must be ASC or DESC');
    }
    const descending = orderRaw !== undefined && orderRaw.toUpperCase() === 'DESC';

    let items = this.visibleTo(caller, regionCode).map((p) => ({ p, v: this.view(p) }));
    if (nos.length) items = items.filter(({ p }) => nos.includes(p.no));
    if (sourceVpcName !== undefined) items = items.filter(({ v }) => v.sourceVpcName === sourceVpcName);
    if (targetVpcName !== undefined) items = items.filter(({ v }) => v.targetVpcName === targetVpcName);
    if (peeringName !== undefined) items = items.filter(({ v }) => v.vpcPeeringName === peeringName);
    if (statusCode !== undefined) items = items.filter(({ v }) => v.vpcPeeringInstanceStatus.code === statusCode);
    const byNo = (a, b) => Number(a.p.no) - Number(b.p.no);
    items.sort((a, b) => {
      if (sortedBy) {
        const x = a.v[sortedBy];
        const y = b.v[sortedBy];
        if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
        return byNo(a, b);
      }
      return byNo(a, b) * (descending ? -1 : 1);
    });
    const totalRows = items.length;
    if (pageSize !== undefined) {
      const start = ((pageNo ?? 1) - 1) * pageSize;
      items = items.slice(start, start + pageSize);
    }
    return { peerings: items.map(({ p }) => p), totalRows };
  }

  getVpcPeeringInstanceDetail(caller, params) {
    const regionCode = region(params);
    const no = numeric(params, 'vpcPeeringInstanceNo', true);
    const p = this.peerings.get(no);
    // Unknown, gone or someone else's: an empty list, not an error (terraform reads this as "gone").
    return p && p.regionCode === regionCode && isOwner(p, caller) ? [p] : [];
  }

  acceptOrRejectVpcPeering(caller, params, now) {
    const p = this.owned(caller, params);
    const isAccept = optional(params, 'isAccept');
    if (isAccept === undefined) throw new ServiceError(RETURN_CODES.REQUIRED, 'isAccept is required');
    if (!/^(true|false)$/i.test(isAccept)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'isAccept must be true or false');
    if (!p.betweenAccounts) {
      throw new ServiceError(RETURN_CODES.NOT_AWAITING_ACCEPTANCE, `vpcPeeringInstanceNo ${p.no} is not a cross-account peering: there is nothing to accept or reject`);
    }
    if (p.target.account !== caller) {
      throw new ServiceError(RETURN_CODES.WRONG_ACCEPTOR, `vpcPeeringInstanceNo ${p.no} can only be accepted or rejected by the target account (${p.target.account.loginId}), not by the requesting account`);
    }
    if (p.phase !== 'awaiting') {
      throw new ServiceError(RETURN_CODES.NOT_AWAITING_ACCEPTANCE, `vpcPeeringInstanceNo ${p.no} is not awaiting acceptance (status ${PHASES[p.phase].code})`);
    }
    if (isAccept.toLowerCase() === 'true') {
      p.phase = 'accepting';
      p.runAt = now + this.runDelayMs;
    } else {
      p.phase = 'terminating';
      p.goneAt = now + this.deleteDelayMs;
    }
    p.modifiedAt = now;
    return [p];
  }

  deleteVpcPeeringInstance(caller, params, now) {
    const p = this.owned(caller, params);
    if (p.phase === 'terminating') throw new ServiceError(RETURN_CODES.TERMINATING, `vpcPeeringInstanceNo ${p.no} is already being deleted`);
    p.phase = 'terminating';
    p.goneAt = now + this.deleteDelayMs;
    p.modifiedAt = now;
    return [p];
  }

  setVpcPeeringDescription(caller, params, now) {
    const p = this.owned(caller, params);
    const description = description_(params);
    if (p.phase === 'terminating') throw new ServiceError(RETURN_CODES.TERMINATING, `vpcPeeringInstanceNo ${p.no} is being deleted`);
    p.description = description;
    p.modifiedAt = now;
    return [p];
  }

  /** The peering named by vpcPeeringInstanceNo, which the caller must own (source or target side). */
  owned(caller, params) {
    const regionCode = region(params);
    const no = numeric(params, 'vpcPeeringInstanceNo', true);
    const p = this.peerings.get(no);
    if (!p || p.regionCode !== regionCode) {
      throw new ServiceError(RETURN_CODES.PEERING_NOT_FOUND, `vpcPeeringInstanceNo ${no} was not found (regionCode ${regionCode})`);
    }
    if (!isOwner(p, caller)) {
      throw new ServiceError(RETURN_CODES.NOT_OWNER, `vpcPeeringInstanceNo ${no} belongs to neither the source nor the target VPC of the calling account`);
    }
    return p;
  }
}

function isOwner(p, account) {
  return p.source.account === account || p.target.account === account;
}

// --- parameter helpers (an empty value counts as absent) ----------------------------------------------------------

function optional(params, name) {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
}

function numeric(params, name, required) {
  const v = optional(params, name);
  if (v === undefined) {
    if (required) throw new ServiceError(RETURN_CODES.REQUIRED, `${name} is required`);
    return undefined;
  }
  if (!/^\d+$/.test(v)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${name} must be a number (got ${quote(v)})`);
  return v;
}

function positiveInt(params, name) {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(v)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${name} must be a positive integer (got ${quote(v)})`);
  return Number(v);
}

function region(params) {
  const v = optional(params, 'regionCode') ?? 'KR';
  if (!REGIONS.includes(v)) throw new ServiceError(RETURN_CODES.UNKNOWN_REGION, `regionCode ${quote(v)} is not a known region (${REGIONS.join(', ')})`);
  return v;
}

function checkPeeringName(name) {
  if (name.length < 3 || name.length > 30 || !PEERING_NAME_RE.test(name)) {
    throw new ServiceError(
      RETURN_CODES.INVALID_PEERING_NAME,
      `vpcPeeringName must be 3-30 characters of lowercase letters, digits and "-", start with a letter and end with a letter or digit (got ${quote(name)})`,
    );
  }
}

function description_(params) {
  const d = params.vpcPeeringDescription ?? '';
  const bytes = Buffer.byteLength(d, 'utf8');
  if (bytes > 1000) throw new ServiceError(RETURN_CODES.DESCRIPTION_TOO_LONG, `vpcPeeringDescription must be at most 1000 bytes of UTF-8 (got ${bytes})`);
  if (XML_INVALID_RE.test(d)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'vpcPeeringDescription must not contain control characters');
  return d;
}

function quote(v) {
  const s = String(v);
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

/** `2020-08-07T17:53:06+0900`: KST, no colon in the offset (as the reference sample). */
export function formatDate(ms) {
  const d = new Date(ms + KST_OFFSET_MS);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+0900`;
}

const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
function xmlText(v) {
  return String(v).replace(XML_INVALID_RE_G, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

function xmlElement(name, value, indent, itemName) {
  const pad = '  '.repeat(indent);
  if (Array.isArray(value)) {
    const inner = value.map((item) => xmlElement(itemName, item, indent + 1)).join('');
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => xmlElement(k, v, indent + 1)).join('');
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  return `${pad}<${name}>${xmlText(value ?? '')}</${name}>\n`;
}

/**
 * JSON as NCP's samples print it: two-space indent, no trailing newline. The Go SDK depends on both: it cuts the
 * outer `<action>Response` key out by byte offset (one byte before the second `{`, up to the last byte).
 */
function prettyJson(value) {
  return JSON.stringify(value, null, 2);
}

function renderAnswer(action, format, body) {
  if (format === 'json') return prettyJson({ [`${action}Response`]: body });
  const inner = Object.entries(body)
    .map(([k, v]) => xmlElement(k, v, 1, 'vpcPeeringInstance'))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response>\n${inner}</${action}Response>\n`;
}

function renderServiceError(format, returnCode, returnMessage) {
  if (format === 'json') return prettyJson({ responseError: { returnCode, returnMessage } });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<responseError>\n  <returnCode>${xmlText(returnCode)}</returnCode>\n` +
    `  <returnMessage>${xmlText(returnMessage)}</returnMessage>\n</responseError>\n`
  );
}

function answerBody(list, totalRows, returnCode = '0', returnMessage = 'success') {
  return {
    requestId: crypto.randomUUID(),
    returnCode,
    returnMessage,
    totalRows,
    vpcPeeringInstanceList: list,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

function corsHeaders(req) {
  const origin = req.headers.origin;
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { 'access-control-allow-origin': '*' };
}

function makeCtx(req, res, entry, shared = null) {
  return { req, res, entry, shared, cut: null };
}

/** Sends an answer; honours a pending `truncated` / `dropMidBody` fault on the context. */
function send(ctx, status, headers, body) {
  const { req, res, entry } = ctx;
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const all = { ...corsHeaders(req), ...headers };
  if (entry) {
    entry.status = status;
    logEntry(ctx);
  }
  if (ctx.cut) {
    writeCut(ctx, status, all, buf);
    return;
  }
  all['content-length'] = String(buf.length);
  res.writeHead(status, all);
  res.end(buf);
}

function writeCut(ctx, status, headers, buf) {
  const socket = ctx.req.socket;
  const half = buf.subarray(0, Math.floor(buf.length / 2));
  const lines = [`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  if (ctx.cut === 'truncated') {
    lines.push('connection: close');
    // Full Content-Length, half the bytes, then a clean FIN: the client sees the connection end early.
    lines.push(`content-length: ${buf.length}`);
    socket.end(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), half]));
  } else {
    // dropMidBody: chunked, one chunk with half the body, then the socket is destroyed (no terminating chunk).
    lines.push('transfer-encoding: chunked');
    const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n${half.length.toString(16)}\r\n`);
    socket.write(Buffer.concat([head, half, Buffer.from('\r\n')]), () => socket.destroy());
  }
}

function sendGatewayError(ctx, [status, errorCode, message], details, extraHeaders = {}) {
  send(ctx, status, { 'content-type': JSON_CT, ...extraHeaders }, prettyJson({ error: { errorCode, message, details } }));
}

function sendJson(ctx, status, value) {
  send(ctx, status, { 'content-type': JSON_CT, 'cache-control': 'no-store' }, JSON.stringify(value, null, 2));
}

function logEntry(ctx) {
  const log = ctx.shared?.log;
  const e = ctx.entry;
  if (!log || !e) return;
  try {
    const who = e.accessKey ? ` key=${e.accessKey}` : '';
    const fault = e.fault ? ` fault=${e.fault}` : '';
    log(`${e.method} ${e.rawTarget} -> ${e.status ?? 'no answer'}${who}${fault}`, e);
  } catch {
    // A throwing logger must not break the answer.
  }
}

function redactHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k] = REDACTED_HEADERS.has(k) ? '<redacted>' : v;
  return out;
}

/** Reads the body up to `limit` bytes. Resolves `{ body, tooLarge, aborted }`. */
function readBody(req, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (r) => {
      if (!done) {
        done = true;
        resolve(r);
      }
    };
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ body: null, tooLarge: true, aborted: false });
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => finish({ body: Buffer.concat(chunks), tooLarge: false, aborted: false }));
    req.on('error', () => finish({ body: null, tooLarge: false, aborted: true }));
    req.on('close', () => finish({ body: Buffer.concat(chunks), tooLarge: false, aborted: !req.complete }));
  });
}

class BadEncoding extends Error {}

/**
 * Splits `a=1&b=2` on `&` and the first `=`, then percent-decodes names and values.
 * `plusIsSpace` is true for form bodies (x-www-form-urlencoded); in the query `+` stays a `+`.
 */
function parseParams(raw, plusIsSpace, where) {
  const map = new Map();
  for (const piece of raw.split('&')) {
    if (!piece) continue;
    const eq = piece.indexOf('=');
    let name = eq < 0 ? piece : piece.slice(0, eq);
    let value = eq < 0 ? '' : piece.slice(eq + 1);
    if (plusIsSpace) {
      name = name.replace(/\+/g, ' ');
      value = value.replace(/\+/g, ' ');
    }
    try {
      map.set(decodeURIComponent(name), decodeURIComponent(value));
    } catch {
      throw new BadEncoding(`malformed percent-encoding in the ${where} near ${quote(piece)}`);
    }
  }
  return Object.fromEntries(map);
}

function signatureOf(secretKey, method, rawTarget, timestamp, accessKey) {
  return crypto.createHmac('sha256', secretKey).update(`${method} ${rawTarget}\n${timestamp}\n${accessKey}`, 'utf8').digest('base64');
}

function signatureMatches(given, expected) {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function headerValue(req, name) {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The signature headers the request carries, as `[name, value]` pairs (v2 first). */
function signaturesSent(req) {
  return SIGNATURE_HEADERS.map((h) => [h, headerValue(req, h)]).filter(([, v]) => v !== undefined);
}

/** The gateway's authentication. Returns `{ account }` or `{ details }` (never the expected signature). */
function authenticate(req, shared, signatureValid) {
  const missing = [HEADER_TIMESTAMP, HEADER_ACCESS_KEY].filter((h) => headerValue(req, h) === undefined);
  if (signaturesSent(req).length === 0) missing.push(SIGNATURE_HEADERS.join(' or '));
  if (missing.length) return { details: `missing required header${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` };
  const account = shared.world.byAccessKey.get(headerValue(req, HEADER_ACCESS_KEY));
  if (!account) return { details: 'Invalid access key: the x-ncp-iam-access-key is not known' };
  const ts = headerValue(req, HEADER_TIMESTAMP);
  if (!/^\d{1,16}$/.test(ts)) return { details: 'Invalid timestamp: x-ncp-apigw-timestamp must be milliseconds since the epoch as a decimal integer' };
  const skew = Number(ts) - Date.now();
  if (Math.abs(skew) > shared.clockSkewToleranceMs) {
    return {
      details: `Timestamp out of range: x-ncp-apigw-timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the server clock (allowed: ${shared.clockSkewToleranceMs / 1000} s)`,
    };
  }
  if (!signatureValid) {
    const expected = signatureOf(account.secretKey, req.method, req.url, ts, account.accessKey);
    const wrong = signaturesSent(req).filter(([, given]) => !signatureMatches(given, expected)).map(([h]) => h);
    const both = signaturesSent(req).length > 1 ? ' (both signature headers were sent: each must match)' : '';
    return {
      details: `Signature mismatch: ${wrong.join(' and ')} ${wrong.length > 1 ? 'do' : 'does'} not match base64(HMAC-SHA256(secretKey, METHOD + " " + path?query + "\\n" + timestamp + "\\n" + accessKey)) over the request target as sent${both}`,
    };
  }
  return { account };
}

/** True when at least one signature header is sent and every one sent matches. */
function computeSignatureValid(req, shared) {
  const ts = headerValue(req, HEADER_TIMESTAMP);
  const ak = headerValue(req, HEADER_ACCESS_KEY);
  const sent = signaturesSent(req);
  if (ts === undefined || ak === undefined || sent.length === 0) return false;
  const account = shared.world.byAccessKey.get(ak);
  if (!account) return false;
  const expected = signatureOf(account.secretKey, req.method, req.url, ts, ak);
  return sent.every(([, given]) => signatureMatches(given, expected));
}

function guessFormat(params) {
  return typeof params?.responseFormatType === 'string' && params.responseFormatType.toLowerCase() === 'json' ? 'json' : 'xml';
}

async function handle(req, res, shared) {
  req.on('error', () => {});
  res.on('error', () => {});
  const rawTarget = req.url ?? '/';
  const qi = rawTarget.indexOf('?');
  const path = qi < 0 ? rawTarget : rawTarget.slice(0, qi);
  const rawQuery = qi < 0 ? '' : rawTarget.slice(qi + 1);

  if (req.method === 'OPTIONS') {
    req.resume();
    res.writeHead(204, {
      ...corsHeaders(req),
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': ['content-type', HEADER_TIMESTAMP, HEADER_ACCESS_KEY, ...SIGNATURE_HEADERS].join(', '),
      'access-control-max-age': '600',
      'content-length': '0',
    });
    res.end();
    return;
  }

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
  entry.signatureValid = computeSignatureValid(req, shared);

  const fault = takeFault(shared.faults);
  if (fault) {
    entry.fault = fault.kind;
    const handled = await applyFault(ctx, fault, action, guessFormat(entry.params));
    if (handled) return;
  }
  return serve(ctx, action, body, badEncoding);
}

function serve(ctx, action, body, badEncoding) {
  const { req, entry, shared } = ctx;
  if (req.method !== 'GET' && req.method !== 'POST') {
    return sendGatewayError(ctx, GW.methodNotAllowed, `method ${req.method} is not allowed: use GET or POST`, { allow: 'GET, POST, OPTIONS' });
  }
  if (!ACTIONS.includes(action)) {
    return sendGatewayError(ctx, GW.notFound, `unknown action ${quote(action)}: expected one of ${ACTIONS.join(', ')}`);
  }
  if (badEncoding) return sendGatewayError(ctx, GW.badRequest, badEncoding);
  if (req.method === 'POST' && body.length > 0) {
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return sendGatewayError(ctx, GW.badRequest, `a POST body must be application/x-www-form-urlencoded (content-type was ${quote(type || 'absent')})`);
    }
  }
  const auth = authenticate(req, shared, entry.signatureValid);
  if (!auth.account) return sendGatewayError(ctx, GW.auth, auth.details);

  const params = entry.params;
  const formatRaw = optional(params, 'responseFormatType');
  const format = formatRaw === undefined ? 'xml' : formatRaw.toLowerCase();
  if (format !== 'xml' && format !== 'json') {
    return sendServiceError(ctx, 'xml', new ServiceError(RETURN_CODES.INVALID_VALUE, `responseFormatType must be xml or json (got ${quote(formatRaw)})`));
  }
  const now = Date.now();
  const store = shared.store;
  store.advance(now);
  let result;
  try {
    result = store[action](auth.account, params, now);
  } catch (e) {
    if (e instanceof ServiceError) return sendServiceError(ctx, format, e);
    throw e;
  }
  const peerings = Array.isArray(result) ? result : result.peerings;
  const totalRows = Array.isArray(result) ? result.length : result.totalRows;
  const text = renderAnswer(action, format, answerBody(peerings.map((p) => store.view(p, format)), totalRows));
  return send(ctx, 200, { 'content-type': format === 'json' ? JSON_CT : XML_CT }, text);
}

function sendServiceError(ctx, format, err) {
  send(ctx, err.httpStatus, { 'content-type': format === 'json' ? JSON_CT : XML_CT }, renderServiceError(format, err.returnCode, err.message));
}

// ---------------------------------------------------------------------------------------------------------------
// Faults

function normalizeFault(fault) {
  if (!fault || typeof fault !== 'object') throw new TypeError('fault must be an object with a kind');
  const { kind } = fault;
  if (!FAULT_KINDS.includes(kind)) throw new TypeError(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  const count = fault.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new TypeError('fault.count must be an integer >= 1');
  const f = { kind, count };
  if (kind === 'slow') {
    const delayMs = fault.delayMs ?? 5000;
    if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) throw new TypeError('fault.delayMs must be a number >= 0');
    f.delayMs = delayMs;
  }
  if (kind === 'serviceError') {
    const status = fault.status ?? 500;
    if (!Number.isInteger(status) || status < 200 || status > 599) throw new TypeError('fault.status must be an HTTP status 200-599');
    f.status = status;
  }
  if (kind === 'serviceError' || kind === 'returnCodeNonZero') {
    const rc = String(fault.returnCode ?? (kind === 'serviceError' ? RETURN_CODES.TRY_AGAIN_LATER : NONZERO_RETURN_CODE));
    if (!/^[0-9A-Za-z_]{1,40}$/.test(rc)) throw new TypeError('fault.returnCode must be 1-40 letters, digits or _');
    if (kind === 'returnCodeNonZero' && rc === '0') throw new TypeError('fault.returnCode must not be 0 for returnCodeNonZero');
    f.returnCode = rc;
  }
  return f;
}

function takeFault(faults) {
  const head = faults[0];
  if (!head) return null;
  head.count -= 1;
  if (head.count <= 0) faults.shift();
  return head;
}

/** Applies a fault. Resolves true when the fault fully answered (or dropped) the request. */
async function applyFault(ctx, fault, action, format) {
  const { req, res, shared } = ctx;
  const details = `fault injected by the emulator (${fault.kind})`;
  const ct = format === 'json' ? JSON_CT : XML_CT;
  switch (fault.kind) {
    case 'status429':
      sendGatewayError(ctx, GW.rateLimited, details);
      return true;
    case 'status503':
      sendGatewayError(ctx, GW.endpointError, details);
      return true;
    case 'status504':
      sendGatewayError(ctx, GW.endpointTimeout, details);
      return true;
    case 'html502':
      send(
        ctx,
        502,
        { 'content-type': 'text/html' },
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      );
      return true;
    case 'slow': {
      const completed = await new Promise((resolve) => {
        const onClose = () => {
          clearTimeout(timer);
          shared.timers.delete(timer);
          resolve(false);
        };
        const timer = setTimeout(() => {
          shared.timers.delete(timer);
          res.off('close', onClose);
          resolve(!res.destroyed);
        }, fault.delayMs);
        shared.timers.add(timer);
        res.once('close', onClose);
      });
      return !completed; // answered normally when the wait completed; abandoned otherwise
    }
    case 'truncated':
    case 'dropMidBody':
      ctx.cut = fault.kind; // the request is processed; its answer is cut on the way out
      return false;
    case 'drop':
      ctx.entry.status = null;
      logEntry(ctx);
      req.socket.destroy();
      return true;
    case 'empty200':
      send(ctx, 200, { 'content-type': ct }, '');
      return true;
    case 'garbage':
      send(ctx, 200, { 'content-type': 'application/octet-stream' }, crypto.randomBytes(256));
      return true;
    case 'serviceError': {
      const msg = fault.returnCode === RETURN_CODES.TRY_AGAIN_LATER ? 'Please try your call again later' : 'fault injected by the emulator (serviceError)';
      send(ctx, fault.status, { 'content-type': ct }, renderServiceError(format, fault.returnCode, msg));
      return true;
    }
    case 'returnCodeNonZero':
      send(ctx, 200, { 'content-type': ct }, renderAnswer(action, format, answerBody([], 0, fault.returnCode, 'fault injected by the emulator (returnCodeNonZero)')));
      return true;
    case 'xmlGatewayError':
      send(
        ctx,
        401,
        { 'content-type': XML_CT },
        '<?xml version="1.0" encoding="UTF-8"?>\n<Message><error><errorCode>200</errorCode><message>Authentication Failed</message>' +
          `<details>${xmlText(details)}</details></error></Message>\n`,
      );
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Control API (/__emulator/...): unauthenticated, for tests and the demo console

async function handleControl(req, res, shared, name) {
  const ctx = makeCtx(req, res, null, shared);
  const route = `${req.method} ${name}`;
  let body = Buffer.alloc(0);
  if (req.method === 'POST') {
    const r = await readBody(req, MAX_CONTROL_BODY_BYTES);
    if (r.aborted) return;
    if (r.tooLarge) return sendJson(ctx, 413, { error: 'control request body too large' });
    body = r.body;
  } else {
    req.resume();
  }
  switch (route) {
    case 'POST faults': {
      let value;
      try {
        value = body.length ? JSON.parse(body.toString('utf8')) : null;
      } catch {
        return sendJson(ctx, 400, { error: 'the body must be JSON: {"kind": ..., "count": ...} or an array of those' });
      }
      const list = Array.isArray(value) ? value : [value];
      let normalized;
      try {
        normalized = list.map(normalizeFault);
      } catch (e) {
        return sendJson(ctx, 400, { error: e.message });
      }
      for (const f of normalized) shared.faults.push(f);
      return sendJson(ctx, 200, { ok: true, pending: shared.faults });
    }
    case 'GET faults':
      return sendJson(ctx, 200, { pending: shared.faults });
    case 'DELETE faults':
      shared.faults.length = 0;
      return sendJson(ctx, 200, { ok: true, pending: [] });
    case 'POST reset':
      shared.reset();
      return sendJson(ctx, 200, { ok: true });
    case 'GET requests':
      return sendJson(ctx, 200, shared.requests);
    case 'GET state':
      return sendJson(ctx, 200, shared.state());
    default: {
      const known = ['faults', 'reset', 'requests', 'state'];
      if (known.includes(name)) return sendJson(ctx, 405, { error: `${req.method} is not allowed on /__emulator/${name}` });
      return sendJson(ctx, 404, { error: `unknown control endpoint /__emulator/${name}; known: ${known.join(', ')}` });
    }
  }
}

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
