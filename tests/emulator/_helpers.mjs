// Shared helpers for the emulator tests: independent signing (node:crypto), strict encoding, a tiny XML reader.
import crypto from 'node:crypto';
import http from 'node:http';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';

export { seed };
export const alice = seed.accounts[0];
export const bob = seed.accounts[1];

/** RFC 3986 strict: only unreserved characters stay; space is %20. */
export function enc(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function encodeParams(params) {
  return Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join('&');
}

export function sign(secretKey, method, target, timestamp, accessKey) {
  return crypto.createHmac('sha256', secretKey).update(`${method} ${target}\n${timestamp}\n${accessKey}`).digest('base64');
}

export function authHeaders(account, method, target, { timestamp = Date.now(), signTarget = target } = {}) {
  const ts = String(timestamp);
  return {
    'x-ncp-apigw-timestamp': ts,
    'x-ncp-iam-access-key': account.accessKey,
    'x-ncp-apigw-signature-v2': sign(account.secretKey, method, signTarget, ts, account.accessKey),
  };
}

export async function start(options = {}) {
  return startEmulator({ runDelayMs: 60, deleteDelayMs: 60, ...options });
}

/**
 * Calls an action, signed. GET: every parameter in the query. POST: responseFormatType in the query, the rest
 * in a form body (as docs/design.md).
 */
export async function call(emu, action, params = {}, { method = 'GET', account = alice, format, prefix = '', headers = {}, timestamp, signTarget } = {}) {
  const all = { ...params };
  if (format) all.responseFormatType = format;
  let target;
  let body;
  if (method === 'POST') {
    const { responseFormatType, ...rest } = all;
    target = `${prefix}/vpc/v2/${action}${responseFormatType ? `?responseFormatType=${enc(responseFormatType)}` : ''}`;
    body = encodeParams(rest);
  } else {
    const q = encodeParams(all);
    target = `${prefix}/vpc/v2/${action}${q ? `?${q}` : ''}`;
  }
  const h = {
    ...authHeaders(account, method, target, { timestamp: timestamp ?? Date.now(), signTarget: signTarget ?? target }),
    ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...headers,
  };
  for (const [k, v] of Object.entries(h)) if (v === undefined) delete h[k];
  const res = await fetch(emu.url + target, { method, headers: h, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, target, json: tryJson(text) };
}

/** Same as call() with JSON answers; returns the `<action>Response` body (or the error object). */
export async function callJson(emu, action, params = {}, opts = {}) {
  const r = await call(emu, action, params, { format: 'json', ...opts });
  const key = `${action}Response`;
  return { ...r, body: r.json?.[key], error: r.json?.responseError, gw: r.json?.error };
}

function tryJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A raw HTTP request with an exact request target (no URL parsing). */
export function rawRequest(emu, { method = 'GET', path, headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: emu.port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/**
 * Minimal XML reader for the tests: elements and text only (what NCP sends), entities decoded.
 * Returns { name, children: [...], text }.
 */
export function parseXml(text) {
  let s = text.replace(/^<\?xml[^>]*\?>/, '');
  const stack = [{ name: '#root', children: [], text: '' }];
  const re = /<\/?([A-Za-z_][\w.-]*)\s*(\/?)>|([^<]+)/g;
  let m;
  s = s.trim();
  let consumed = 0;
  while ((m = re.exec(s))) {
    if (m.index !== consumed) throw new Error(`unexpected XML at ${consumed}`);
    consumed = re.lastIndex;
    if (m[3] !== undefined) {
      stack.at(-1).text += m[3].replace(/&(lt|gt|amp|quot|apos);/g, (_, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]);
    } else if (m[0].startsWith('</')) {
      const node = stack.pop();
      if (node.name !== m[1]) throw new Error(`mismatched </${m[1]}> for <${node.name}>`);
      stack.at(-1).children.push(node);
    } else if (m[2] === '/') {
      stack.at(-1).children.push({ name: m[1], children: [], text: '' });
    } else {
      stack.push({ name: m[1], children: [], text: '' });
    }
  }
  if (consumed !== s.length || stack.length !== 1) throw new Error('unterminated XML');
  const [root] = stack[0].children;
  return root;
}

/** Turns the XML answer into the same shape as the JSON one (lists by element name, flags as booleans). */
export function xmlToObject(node) {
  if (node.children.length === 0) {
    return node.text.trim() === '' && /List$/.test(node.name) ? [] : node.text;
  }
  if (/List$/.test(node.name)) return node.children.map(xmlToObject);
  const out = {};
  for (const c of node.children) out[c.name] = xmlToObject(c);
  return out;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** addRoute / removeRoute parameters: `vpcNo`, `routeTableNo` and each route as `routeList.N.<field>` (1-based). */
export function routeParams(vpcNo, routeTableNo, routes) {
  const params = { vpcNo, routeTableNo };
  routes.forEach((route, i) => {
    for (const [field, value] of Object.entries(route)) params[`routeList.${i + 1}.${field}`] = value;
  });
  return params;
}

/** Creates a peering (JSON) and returns its number; fails the test on an error. */
export async function createPeering(emu, params, opts = {}) {
  const r = await callJson(emu, 'createVpcPeeringInstance', params, opts);
  if (r.status !== 200) throw new Error(`create failed: ${r.text}`);
  return r.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
}

/** Polls a peering's detail until it shows `status` (at most `timeoutMs`). */
export async function waitForStatus(emu, vpcPeeringInstanceNo, status, { account = alice, timeoutMs = 3000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo }, { account });
    if (r.body?.vpcPeeringInstanceList?.[0]?.vpcPeeringInstanceStatus.code === status) return r.body.vpcPeeringInstanceList[0];
    if (Date.now() > deadline) throw new Error(`peering ${vpcPeeringInstanceNo} did not reach ${status}: ${r.text}`);
    await sleep(20);
  }
}

/** Calls an action (JSON) and checks it is refused with HTTP 400, `returnCode` and a message matching `messageRe`. */
export async function expectServiceError(emu, action, params, returnCode, messageRe, opts = {}) {
  const r = await callJson(emu, action, params, opts);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(Object.keys(r.json), ['responseError']);
  assert.equal(r.error.returnCode, returnCode, r.error.returnMessage);
  if (messageRe) assert.match(r.error.returnMessage, messageRe);
  return r.error;
}
