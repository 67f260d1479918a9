// Shared by the console tests: signing with node:crypto (independently of the package), raw HTTP requests, the
// demo CLI as a child process, and the console in Chromium for a test file.
import crypto from 'node:crypto';
import net from 'node:net';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, beforeEach } from 'node:test';
import { seed } from '../../emulator/seed.js';
import { openConsole, seedPeerings } from '../../scripts/console-browser.mjs';

export { pickVpcs, CREATE_PICKER, CONNECT_PICKER } from '../../scripts/console-browser.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const [alice, bob] = seed.accounts;

/** The three signature v2 headers for `METHOD target` (target = path?query as sent). */
export function signedHeaders(account, method, target, timestamp = Date.now()) {
  const ts = String(timestamp);
  const signature = crypto.createHmac('sha256', account.secretKey).update(`${method} ${target}\n${ts}\n${account.accessKey}`).digest('base64');
  return { 'x-ncp-apigw-timestamp': ts, 'x-ncp-iam-access-key': account.accessKey, 'x-ncp-apigw-signature-v2': signature };
}

/**
 * Sends one raw HTTP/1.1 request (any request target, any header) and resolves with `{ status, headers, body }`
 * of the answer.
 */
export function rawRequest(port, { method = 'GET', target, headers = {}, body = '' }) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    socket.on('connect', () => {
      const lines = [`${method} ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      if (body) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
    });
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const text = data.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split).split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head[0])?.[1] ?? 0);
      const out = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const rest = data.subarray(Buffer.byteLength(text.slice(0, split + 4)));
      const body = /chunked/i.test(out['transfer-encoding'] ?? '') ? dechunk(rest) : rest;
      resolve({ status, headers: out, body: body.toString('utf8') });
    });
    socket.setTimeout(10000, () => socket.destroy(new Error('raw request timed out')));
  });
}

/** Decodes an HTTP/1.1 chunked body. */
function dechunk(buf) {
  const parts = [];
  let at = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(buf.subarray(at, eol).toString('latin1'), 16);
    if (!size) break;
    parts.push(buf.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * Runs `node scripts/demo.mjs args` and resolves, once it printed its `console:` line, with
 * `{ child, url, output() }`.
 */
export function spawnDemo(args, env = {}) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'demo.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the demo printed no console: line within 30 s:\n${out}`));
    }, 30000);
    const onData = (chunk) => {
      out += chunk;
      const m = /^ {2}console: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited (${code}) before printing its URL:\n${out}`));
    });
  });
}

/** Resolves with the exit code of `child` (or rejects after `ms`). */
export function exitOf(child, ms = 10000) {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the process did not exit in time')), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? signal);
    });
  });
}

/** True when something answers HTTP at `url`. */
export async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1500) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers a test file's hooks: the console in Chromium for the whole file (scripts/console-browser.mjs); before
 * each test the emulator forgets everything, `peerings` are made again, the page is reloaded at `viewport`. Returns
 * `{c, page, seeded}` (the console, its page, the peerings as created), filled in by the hooks.
 */
export function consoleInChromium({ viewport, peerings }) {
  const suite = {};
  before(async () => {
    suite.c = await openConsole({ viewport });
    suite.page = suite.c.page;
  });
  after(async () => {
    await suite.c?.close();
  });
  beforeEach(async () => {
    suite.c.demo.emulator.reset();
    suite.seeded = await seedPeerings(suite.c.demo, peerings);
    await suite.page.setViewportSize(viewport);
    await suite.c.open();
  });
  return suite;
}


/** Waits until the connect form lists the route tables of `sides` (www/public/table-choice.js). */
export async function waitForTables(page, sides = ['source', 'target']) {
  for (const side of sides) await page.waitForSelector(`#connect-${side}-tables[data-state="listed"]`, { timeout: 20000 });
}
