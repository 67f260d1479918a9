#!/usr/bin/env node
/**
 * `make demo`: the console behind its forwarder on 127.0.0.1, talking to the local NCP emulator.
 *
 *   node scripts/demo.mjs [--port 8080] [--runtime auto|workerd|node] [--run-delay-ms N] [--delete-delay-ms N] [--quiet]
 *
 * 1. Starts the emulator (emulator/server.js) on a free loopback port, unless NCLOUD_API_GW is set: then the
 *    console forwards to that gateway instead and no demo keys exist.
 * 2. Stages the page (www/public/) and the browser build (pkg/) in a temporary directory.
 * 3. Runs www/worker.js in workerd (scripts/workerd.mjs, the runner the tests and the bench share): the worker's
 *    modules, the staged files as a read-only disk service bound as ASSETS, NCLOUD_API_GW a text binding, the demo
 *    accounts a text binding, and a network service that may reach local and private addresses (the emulator is on
 *    127.0.0.1).
 *    Where workerd cannot run, the same handler (www/router.js `handle`) runs in a Node http server.
 * 4. Prints `console: http://127.0.0.1:PORT/` and the demo keys; Ctrl-C stops everything.
 *
 * Tests import `startDemo()` instead (or run this file and read the `console:` line).
 */
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/server.js';
import { seedTables } from '../emulator/cli.js';
import { gatewayOrigin } from '../www/forward.js';
import { handle } from '../www/router.js';
import { startWorkerd } from './workerd.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const PKG = path.join(ROOT, 'pkg');
/** The worker's modules, as workerd loads them (the same files wrangler deploys). */
const WORKER_MODULES = ['worker.js', 'router.js', 'forward.js', 'site.js'];
/** The browser build: the entry, the API layer bundled with the glue and its helpers (esm.mjs, and its source
 *  map), and the wasm. */
const PKG_FILES = ['browser.mjs', 'esm.mjs', 'esm.mjs.map', 'ncloud_vpc_wasm_bg.wasm'];
const COMPATIBILITY_DATE = '2024-09-23';
const HOST = '127.0.0.1';

/**
 * Starts the demo stack.
 * @param {object} [options]
 * @param {number} [options.port=8080] console port; 0 picks a free one
 * @param {string} [options.gateway] gateway origin; default `process.env.NCLOUD_API_GW`; unset: the emulator
 * @param {'auto'|'workerd'|'node'} [options.runtime='auto'] where the Worker runs; auto falls back to Node
 * @param {number} [options.runDelayMs=1500] emulator INIT -> RUN delay
 * @param {number} [options.deleteDelayMs=1500] emulator TERMTING -> gone delay
 * @param {(line: string) => void} [options.log] progress and runtime output (default: nothing)
 * @param {(line: string) => void} [options.requestLog] one line per request the emulator receives
 * @returns {Promise<{ url: string, gateway: string, emulator: object|null, runtime: string, close(): Promise<void> }>}
 */
export async function startDemo(options = {}) {
  const log = options.log ?? (() => {});
  const runtime = options.runtime ?? 'auto';
  if (!['auto', 'workerd', 'node'].includes(runtime)) throw new TypeError('runtime must be auto, workerd or node');
  const gatewayEnv = options.gateway ?? process.env.NCLOUD_API_GW ?? '';
  for (const f of PKG_FILES) {
    if (!existsSync(path.join(PKG, f))) throw new Error(`pkg/${f} is missing: run make build first`);
  }

  const cleanups = [];
  const close = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (e) {
        log(`cleanup: ${e.message}`);
      }
    }
  };
  try {
    let emulator = null;
    let gateway;
    if (gatewayEnv) {
      gateway = gatewayOrigin(gatewayEnv);
    } else {
      emulator = await startEmulator({
        host: HOST,
        runDelayMs: options.runDelayMs ?? 1500,
        deleteDelayMs: options.deleteDelayMs ?? 1500,
        log: options.requestLog ? (line) => options.requestLog(line) : null,
      });
      cleanups.push(() => emulator.close());
      gateway = emulator.url;
    }
    const demoAccounts = emulator ? JSON.stringify({ gateway, accounts: emulator.accounts }) : null;

    const port = options.port ?? 8080;
    if (port !== 0) await assertPortFree(port);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ncloud-vpc-console-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const site = path.join(dir, 'site');
    await stageSite(site);

    let started = null;
    if (runtime !== 'node') {
      try {
        started = await startConsoleInWorkerd({ dir, site, gateway, demoAccounts, port, log });
      } catch (e) {
        if (runtime === 'workerd') throw e;
        log(`workerd could not run the console (${e.message}); using the Node fallback`);
      }
    }
    if (!started) started = await startNode({ site, gateway, demoAccounts, port });
    cleanups.push(started.stop);
    return { url: `http://${HOST}:${started.port}/`, gateway, emulator, runtime: started.runtime, exited: started.exited, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Copies www/public/ (without dotfiles or a deploy-time pkg/) and the browser build into `site`. */
async function stageSite(site) {
  const pub = path.join(WWW, 'public');
  await mkdir(path.join(site, 'pkg'), { recursive: true });
  for (const name of await readdir(pub)) {
    if (name.startsWith('.') || name === 'pkg') continue;
    await cp(path.join(pub, name), path.join(site, name), { recursive: true });
  }
  for (const f of PKG_FILES) await cp(path.join(PKG, f), path.join(site, 'pkg', f), { recursive: true });
}

/** Fails early, and plainly, when the console's port is taken. */
async function assertPortFree(port) {
  const server = net.createServer();
  try {
    server.listen(port, HOST);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  } catch (e) {
    throw new Error(e.code === 'EADDRINUSE' ? `${HOST}:${port} is in use: pass --port N (0 picks a free one)` : `cannot listen on ${HOST}:${port}: ${e.message}`);
  }
  await new Promise((resolve) => server.close(resolve));
}

/** The console in workerd (scripts/workerd.mjs), with the bindings described in the file comment. */
async function startConsoleInWorkerd({ dir, site, gateway, demoAccounts, port, log }) {
  // workerd embeds files relative to its config (in `dir`): the modules are copied next to it (worker/).
  await mkdir(path.join(dir, 'worker'), { recursive: true });
  for (const m of WORKER_MODULES) await cp(path.join(WWW, m), path.join(dir, 'worker', m));
  const bindings = { NCLOUD_API_GW: gateway, ASSETS: { disk: site } };
  if (demoAccounts) {
    await writeFile(path.join(dir, 'demo-accounts.json'), demoAccounts, { mode: 0o600 });
    bindings.DEMO_ACCOUNTS = { textFile: 'demo-accounts.json' };
  }
  const workerd = await startWorkerd({
    dir,
    modules: WORKER_MODULES.map((name) => ({ name, type: 'esModule', file: `worker/${name}` })),
    bindings,
    compatibilityDate: COMPATIBILITY_DATE,
    port,
    onOutput: (line) => log(`workerd: ${line}`),
  });
  return { port: workerd.port, runtime: 'workerd', stop: workerd.close, exited: workerd.exited };
}

/** The staged files as an ASSETS binding for the Node fallback: files only, never outside `root`. */
function diskAssets(root) {
  return {
    async fetch(request) {
      let rel;
      try {
        rel = decodeURIComponent(new URL(request.url).pathname);
      } catch {
        return new Response(null, { status: 404 });
      }
      const file = path.resolve(root, `.${rel}`);
      if (!file.startsWith(root + path.sep) || rel.includes('\0')) return new Response(null, { status: 404 });
      try {
        if (!(await stat(file)).isFile()) return new Response(null, { status: 404 });
        return new Response(await readFile(file), { status: 200 });
      } catch {
        return new Response(null, { status: 404 });
      }
    },
  };
}

/**
 * The Node fallback's way to the gateway: sends exactly the headers it is given, plus the host and content-length
 * any HTTP request needs, as workerd's fetch does. (Node's global fetch would add accept, accept-language,
 * accept-encoding, sec-fetch-mode and user-agent of its own.) Never follows a redirect.
 */
export function plainFetch(url, init = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const body = init.body ? Buffer.from(init.body) : null;
    const headers = { ...init.headers };
    if (body) headers['content-length'] = String(body.byteLength);
    const transport = target.protocol === 'https:' ? https : http;
    const req = transport.request(target, { method: init.method ?? 'GET', headers, signal: init.signal ?? undefined }, (res) => {
      const out = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const nullBody = res.statusCode === 204 || res.statusCode === 205 || res.statusCode === 304;
      if (nullBody) res.resume();
      resolve(new Response(nullBody ? null : Readable.toWeb(res), { status: res.statusCode, headers: out }));
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** The Node fallback: www/router.js `handle` behind node:http, with the same bindings as in workerd. */
async function startNode({ site, gateway, demoAccounts, port }) {
  const env = { NCLOUD_API_GW: gateway, ASSETS: diskAssets(path.resolve(site)) };
  if (demoAccounts) env.DEMO_ACCOUNTS = demoAccounts;
  let origin;
  const server = http.createServer(async (req, res) => {
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    try {
      let target = req.url ?? '/';
      // An absolute-form target (`GET http://host/path`) keeps only its path: the host is ours.
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
        const u = new URL(target);
        target = `${u.pathname}${u.search}`;
      }
      if (!target.startsWith('/')) {
        res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request target\n');
        return;
      }
      const headers = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const request = new Request(origin + target, {
        method: req.method,
        headers,
        body: hasBody ? Readable.toWeb(req) : undefined,
        duplex: 'half',
        signal: controller.signal,
      });
      const response = await handle(request, env, plainFetch);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body && req.method !== 'HEAD') {
        for await (const chunk of response.body) res.write(chunk);
      }
      res.end();
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`console server error: ${e?.message ?? e}\n`);
    }
  });
  server.listen(port, HOST);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  const bound = server.address().port;
  origin = `http://${HOST}:${bound}`;
  const stop = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { port: bound, runtime: 'node', stop, exited: new Promise(() => {}) };
}

/** What the demo prints once it runs. */
export function banner(demo) {
  const lines = [
    `ncloud-vpc-wasm console (${demo.runtime === 'workerd' ? 'workerd' : 'Node fallback'})`,
    `  console: ${demo.url}`,
    `  forwards /vpc/v2/<action> to ${demo.gateway}${demo.emulator ? ' (the local NCP emulator)' : ' (NCLOUD_API_GW)'}`,
    '',
  ];
  if (!demo.emulator) {
    lines.push('No emulator: sign in the console with your own NCP API keys. The forwarder never sees the secret key.', '');
    return lines.join('\n');
  }
  const tables = seedTables({ accounts: demo.emulator.accounts });
  const indent = (text) => text.replace(/^/gm, '  ');
  lines.push('Demo accounts (their keys work only against this emulator; the console offers them as buttons):');
  lines.push(indent(tables.accounts), '');
  lines.push('VPCs:');
  lines.push(indent(tables.vpcs), '');
  lines.push('Try: alice 10001 -> 10002 (same account, RUN shortly), alice 10001 -> 20002 with targetVpcName bob-api and');
  lines.push('targetVpcLoginId bob@example.com (cross-account: accept it with bob\'s keys), 10001 -> 10003 (CIDRs overlap).', '');
  return lines.join('\n');
}

const USAGE = `usage: node scripts/demo.mjs [options]
  --port N              console port on 127.0.0.1 (default 8080; 0 picks a free one)
  --runtime R           auto (default: workerd, else Node), workerd or node
  --run-delay-ms N      emulator INIT -> RUN delay (default 1500)
  --delete-delay-ms N   emulator TERMTING -> gone delay (default 1500)
  --quiet               do not print each request the emulator receives (make demo QUIET=1)
environment:
  NCLOUD_API_GW         forward to this gateway origin instead of starting the emulator`;

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        runtime: { type: 'string' },
        'run-delay-ms': { type: 'string' },
        'delete-delay-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const int = (name, fallback) => {
    if (values[name] === undefined) return fallback;
    if (!/^\d+$/.test(values[name])) {
      process.stderr.write(`--${name} must be a non-negative integer\n${USAGE}\n`);
      process.exit(2);
    }
    return Number(values[name]);
  };
  const say = (line) => process.stdout.write(`${line}\n`);
  // The handlers come first: a Ctrl+C (or a test's SIGINT right after the banner) during start-up must stop cleanly,
  // not kill the process with workerd still running.
  let demo;
  let stopping = false;
  const stop = async (why, code) => {
    if (stopping) return;
    stopping = true;
    say(`\n${why}: stopping`);
    if (demo === undefined) return; // still starting: closed as soon as it has started, below
    await demo.close();
    process.exit(code);
  };
  process.on('SIGINT', () => stop('SIGINT', 0));
  process.on('SIGTERM', () => stop('SIGTERM', 0));
  try {
    demo = await startDemo({
      port: int('port', 8080),
      runtime: values.runtime ?? 'auto',
      runDelayMs: int('run-delay-ms', 1500),
      deleteDelayMs: int('delete-delay-ms', 1500),
      log: say,
      requestLog: values.quiet ? null : (line) => say(`emulator: ${line}`),
    });
  } catch (e) {
    process.stderr.write(`demo: ${e.message}\n`);
    process.exit(1);
  }
  if (stopping) {
    // Stopped while starting: what started is closed now.
    await demo.close();
    process.exit(0);
  }
  say(`${banner(demo)}Press Ctrl+C to stop.`);
  demo.exited.then((r) => stop(`workerd exited (${r.error?.message ?? r.code ?? r.signal})`, 1));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
