/**
 * The console's forwarder: passes a signed NCP VPC peering request from the page's own origin to ONE configured
 * gateway, untouched, so the browser needs no CORS from NCP.
 *
 * Why this is safe to run in front of anyone's keys: API Gateway signature v2 signs `METHOD path?query`, the
 * timestamp and the access key, but not the host (ncp-api.md §1). A request signed for the page's origin is
 * therefore valid at the gateway as long as path and query reach it byte for byte. The forwarder never sees a
 * secret key, only the access key and a signature that is good for one request target and 5 minutes.
 *
 * What it forwards, and nothing else:
 *   - `GET` or `POST` to `/vpc/v2/<action>`, `<action>` one of the package's thirteen calls (ACTIONS);
 *   - the query exactly as received; a POST body (at most MAX_BODY_BYTES) byte for byte;
 *   - the headers `x-ncp-apigw-timestamp`, `x-ncp-iam-access-key`, `x-ncp-apigw-signature-v2`, and for a POST
 *     `content-type`. No cookie, no origin, no header of its own (fetch itself adds host and content-length).
 * The upstream URL is always `<NCLOUD_API_GW origin>/vpc/v2/<action>?<query>`: the request's own host, any
 * absolute-URL request target, `..` segments or encoded slashes can never steer it elsewhere (no open proxy).
 * Redirects are not followed. The answer goes back with its status, its body and its content-type.
 *
 * Pure: no globals touched, `fetchImpl` injected, so Node tests exercise exactly what the Worker runs.
 * @module forward
 */

/** The gateway used when `NCLOUD_API_GW` is not configured (ncp-api.md §2, site "public"). */
export const DEFAULT_GATEWAY = 'https://ncloud.apigw.ntruss.com';

/**
 * The actions the forwarder passes on: the package's calls (tests/node/surface.test.mjs checks them against its
 * table): the six VPC peering calls, and the VPC, route table and route calls a connection needs.
 */
export const ACTIONS = Object.freeze([
  'createVpcPeeringInstance',
  'getVpcPeeringInstanceList',
  'getVpcPeeringInstanceDetail',
  'acceptOrRejectVpcPeering',
  'deleteVpcPeeringInstance',
  'setVpcPeeringDescription',
  'getVpcList',
  'getVpcDetail',
  'getRouteTableList',
  'getRouteTableDetail',
  'getRouteList',
  'addRoute',
  'removeRoute',
]);

/** The request headers passed on, in this order. `content-type` only for a POST. */
export const FORWARDED_HEADERS = Object.freeze([
  'x-ncp-apigw-timestamp',
  'x-ncp-iam-access-key',
  'x-ncp-apigw-signature-v2',
]);

/** The largest POST body forwarded (the gateway's own limit is not documented; a peering call needs < 2 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;

const API_PREFIX = '/vpc/';
const ROUTE = /^\/vpc\/v2\/([A-Za-z]+)$/;

/** True when the forwarder, rather than the static files, should answer a request for `pathname`. */
export function isApiPath(pathname) {
  return pathname.startsWith(API_PREFIX);
}

/**
 * The configured gateway origin, e.g. `https://ncloud.apigw.ntruss.com`. Throws a `TypeError` when `value` is not
 * an absolute http(s) origin: a path prefix would change the signed request target, credentials or a query have
 * no place in it.
 */
export function gatewayOrigin(value) {
  const text = value === undefined || value === null || value === '' ? DEFAULT_GATEWAY : String(value).trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`NCLOUD_API_GW must be an absolute http(s) origin: got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`NCLOUD_API_GW must use http or https: got ${JSON.stringify(text)}`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new TypeError(`NCLOUD_API_GW must be an origin only (no path, query, fragment or credentials): got ${JSON.stringify(text)}`);
  }
  return url.origin;
}

/**
 * Forwards one request. Always resolves with a `Response`: the gateway's answer, or the forwarder's own plain-text
 * refusal (404 not an API path, 405 method, 413 body too large, 500 misconfigured, 502 gateway unreachable).
 *
 * @param {Request} request the incoming request
 * @param {{ NCLOUD_API_GW?: string }} env the Worker's environment
 * @param {typeof fetch} [fetchImpl] the fetch to reach the gateway with (default: the global one)
 * @returns {Promise<Response>}
 */
export async function forward(request, env, fetchImpl = globalThis.fetch) {
  const url = new URL(request.url);
  const route = ROUTE.exec(url.pathname);
  if (!route || !ACTIONS.includes(route[1])) {
    return refuse(404, `not forwarded: only /vpc/v2/<action> for the actions ${ACTIONS.join(', ')}`);
  }
  const action = route[1];
  const method = request.method;
  if (method !== 'GET' && method !== 'POST') {
    return refuse(405, 'not forwarded: only GET and POST', { allow: 'GET, POST' });
  }

  let origin;
  try {
    origin = gatewayOrigin(env?.NCLOUD_API_GW);
  } catch (e) {
    return refuse(500, `forwarder misconfigured: ${e.message}`);
  }
  // `url.search` is the query as received ("" or "?..."): the package encodes strictly (RFC 3986), so the URL
  // parser had nothing to rewrite and the signed target arrives unchanged.
  const upstream = `${origin}/vpc/v2/${action}${url.search}`;

  const headers = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  let body;
  if (method === 'POST') {
    const type = request.headers.get('content-type');
    if (type !== null) headers['content-type'] = type;
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_BODY_BYTES) return refuse(413, `not forwarded: the body exceeds ${MAX_BODY_BYTES} bytes`);
    body = await readLimited(request, MAX_BODY_BYTES);
    if (body === null) return refuse(413, `not forwarded: the body exceeds ${MAX_BODY_BYTES} bytes`);
  }

  let answer;
  try {
    answer = await fetchImpl(upstream, { method, headers, body, redirect: 'manual', signal: request.signal });
  } catch (e) {
    return refuse(502, `forwarder: the gateway ${origin} could not be reached (${e?.message ?? e})`);
  }
  const out = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  const type = answer.headers.get('content-type');
  if (type !== null) out['content-type'] = type;
  const nullBody = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(nullBody ? null : answer.body, { status: answer.status, headers: out });
}

/** The request body as bytes, or null when it is longer than `limit`. */
async function readLimited(request, limit) {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

function refuse(status, text, extra = {}) {
  return new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...extra },
  });
}
