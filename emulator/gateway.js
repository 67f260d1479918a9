/**
 * The API Gateway in front of the service: its errors (`{"error":{errorCode, message, details}}`, ncp-api.md §5),
 * CORS preflights, percent-decoding of the query and the form body, and authentication: the access key, the
 * timestamp's clock window, and the signature (v2 algorithm) under either header name the official clients use.
 *
 * @module emulator/gateway
 */
import crypto from 'node:crypto';
import { corsHeaders, send } from './http.js';
import { JSON_CT, prettyJson, quote } from './wire.js';

/** Gateway errors: [HTTP status, errorCode, message] (ncp-api.md §5). */
export const GW = Object.freeze({
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

export const HEADER_TIMESTAMP = 'x-ncp-apigw-timestamp';
export const HEADER_ACCESS_KEY = 'x-ncp-iam-access-key';
// The docs and the Java SDK send the signature as -v2; the Go, Python and JS SDKs send the same value as -v1
// (ncp-api.md §1: the gateway accepts both). Either name carries it; when both are sent, both must verify.
export const SIGNATURE_HEADERS = Object.freeze(['x-ncp-apigw-signature-v2', 'x-ncp-apigw-signature-v1']);
const REDACTED_HEADERS = new Set([...SIGNATURE_HEADERS, 'authorization', 'cookie']);

/** The largest /vpc/v2 request body the gateway reads (an invention: the real limit is not public). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request's headers for the log: lowercased, signatures and credentials replaced by `<redacted>`. */
export function redactHeaders(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) out[k] = REDACTED_HEADERS.has(k) ? '<redacted>' : v;
  return out;
}

/** Answers a CORS preflight: 204 with the methods and every header a signed call sends. */
export function answerPreflight(req, res) {
  req.resume();
  res.writeHead(204, {
    ...corsHeaders(req),
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': ['content-type', HEADER_TIMESTAMP, HEADER_ACCESS_KEY, ...SIGNATURE_HEADERS].join(', '),
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
}

/** The raw HTTP answer to a request Node's parser rejects (the server's `clientError`): 400 / 100. */
export function malformedRequestAnswer() {
  const body = prettyJson({ error: { errorCode: '100', message: 'Bad Request Exception', details: 'malformed HTTP request' } });
  return (
    `HTTP/1.1 400 Bad Request\r\nContent-Type: ${JSON_CT}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
    `Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n${body}`
  );
}

/** Sends a gateway error, one row of `GW`, with its `details`. */
export function sendGatewayError(ctx, [status, errorCode, message], details, extraHeaders = {}) {
  send(ctx, status, { 'content-type': JSON_CT, ...extraHeaders }, prettyJson({ error: { errorCode, message, details } }));
}

/** Malformed percent-encoding (or bytes that are not UTF-8) in the query or the form body. */
export class BadEncoding extends Error {}

/**
 * Splits `a=1&b=2` on `&` and the first `=`, then percent-decodes names and values.
 * `plusIsSpace` is true for form bodies (x-www-form-urlencoded); in the query `+` stays a `+`.
 */
export function parseParams(raw, plusIsSpace, where) {
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

/** A header's value, or undefined when it is absent or empty. */
export function headerValue(req, name) {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The signature headers the request carries, as `[name, value]` pairs (v2 first). */
function signaturesSent(req) {
  return SIGNATURE_HEADERS.map((h) => [h, headerValue(req, h)]).filter(([, v]) => v !== undefined);
}

/**
 * The gateway's authentication, in the order of its checks. Returns `{ account }` or `{ details }` (never the
 * expected signature).
 */
export function authenticate(req, world, clockSkewToleranceMs, signatureValid) {
  const missing = [HEADER_TIMESTAMP, HEADER_ACCESS_KEY].filter((h) => headerValue(req, h) === undefined);
  if (signaturesSent(req).length === 0) missing.push(SIGNATURE_HEADERS.join(' or '));
  if (missing.length) return { details: `missing required header${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` };
  const account = world.byAccessKey.get(headerValue(req, HEADER_ACCESS_KEY));
  if (!account) return { details: 'Invalid access key: the x-ncp-iam-access-key is not known' };
  const ts = headerValue(req, HEADER_TIMESTAMP);
  if (!/^\d{1,16}$/.test(ts)) return { details: 'Invalid timestamp: x-ncp-apigw-timestamp must be milliseconds since the epoch as a decimal integer' };
  const skew = Number(ts) - Date.now();
  if (Math.abs(skew) > clockSkewToleranceMs) {
    return {
      details: `Timestamp out of range: x-ncp-apigw-timestamp is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'behind' : 'ahead of'} the server clock (allowed: ${clockSkewToleranceMs / 1000} s)`,
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

/**
 * True when at least one signature header is sent and every one sent matches, recomputed over the raw request
 * target exactly as received (`req.url`: no decoding, no re-encoding, no reordering).
 */
export function isSignatureValid(req, world) {
  const ts = headerValue(req, HEADER_TIMESTAMP);
  const ak = headerValue(req, HEADER_ACCESS_KEY);
  const sent = signaturesSent(req);
  if (ts === undefined || ak === undefined || sent.length === 0) return false;
  const account = world.byAccessKey.get(ak);
  if (!account) return false;
  const expected = signatureOf(account.secretKey, req.method, req.url, ts, ak);
  return sent.every(([, given]) => signatureMatches(given, expected));
}
