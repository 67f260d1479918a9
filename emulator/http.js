/**
 * The transport under everything the emulator answers: a request's context, sending an answer (or cutting it short
 * for the `truncated` / `dropMidBody` faults), CORS on every answer, reading a body with a limit, the request log's
 * callback.
 *
 * @module emulator/http
 */
import http from 'node:http';
import { JSON_CT } from './wire.js';

/** `Access-Control-Allow-Origin`: the request's Origin, or `*`. */
export function corsHeaders(req) {
  const origin = req.headers.origin;
  return origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : { 'access-control-allow-origin': '*' };
}

/** What every step of a request shares: the request, the answer, its log entry (or null), the emulator's state. */
export function makeCtx(req, res, entry, shared = null) {
  return { req, res, entry, shared, cut: null };
}

/** Sends an answer; honours a pending `truncated` / `dropMidBody` fault on the context. */
export function send(ctx, status, headers, body) {
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

/** A control-API answer: JSON, never cached. */
export function sendJson(ctx, status, value) {
  send(ctx, status, { 'content-type': JSON_CT, 'cache-control': 'no-store' }, JSON.stringify(value, null, 2));
}

/** Calls the emulator's `log` option with one line per answered (or dropped) /vpc/v2 request. */
export function logEntry(ctx) {
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

/** Reads the body up to `limit` bytes. Resolves `{ body, tooLarge, aborted }`. */
export function readBody(req, limit) {
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
