// Load: LOAD_CREATES (default 10,000) createVpcPeeringInstance calls at concurrency LOAD_CONCURRENCY (default 64)
// over real HTTP against the emulator, run in its own process so this process's RSS is the client's alone; then
// LOAD_CANNED (default 50,000) more through a `fetch` that answers a canned Response, to push the wasm side hard
// without the network. Zero failures; the wasm instance's linear memory and the process RSS stay flat (figures
// printed); no timer is left pending and an AbortSignal shared by every call has no listener left.
//
// The emulator refuses a second live peering for the same (source, target) pair, so it gets a generated seed of
// LOAD_VPCS VPCs (default: enough ordered pairs for every create) with disjoint /24 CIDR blocks, and every create
// uses its own pair.
//
//   LOAD_CREATES=100000 node --test tests/hardening/load.test.mjs    # the long run
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { getEventListeners, setMaxListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import * as api from 'ncloud-vpc-wasm';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.join(here, '..', '..');
const CREATES = Number(process.env.LOAD_CREATES ?? 10_000);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 64);
const CANNED = Number(process.env.LOAD_CANNED ?? 50_000);
const WARMUP = 1_000;
const VPCS = Number(process.env.LOAD_VPCS ?? Math.ceil(Math.sqrt(CREATES + WARMUP)) + 2);
const MB = 1024 * 1024;

// A full collection before each measurement, without requiring `node --expose-gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** The exports of the very wasm instance the package's Node entry uses: initSync() returns it once initialised. */
function wasmExports() {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('ncloud-vpc-wasm'); // …/node_modules/ncloud-vpc-wasm/node.cjs
  return require(path.join(path.dirname(entry), 'ncloud_vpc_wasm.cjs')).initSync();
}

const account = {
  name: 'loader',
  loginId: 'loader@example.com',
  accessKey: 'NCPLOADTEST00000KEY9',
  secretKey: 'loadTestSecret00000000000000000000000009',
  vpcs: Array.from({ length: VPCS }, (_, i) => ({
    vpcNo: String(50_000 + i),
    vpcName: `vpc-${i}`,
    ipv4CidrBlock: `10.${i >> 8}.${i & 255}.0/24`,
    regionCode: 'KR',
  })),
};

/** The i-th ordered pair of distinct VPCs. */
function pair(i) {
  const source = Math.floor(i / (VPCS - 1));
  let target = i % (VPCS - 1);
  if (target >= source) target += 1;
  assert.ok(source < VPCS, `not enough VPCs for ${i + 1} pairs`);
  return { sourceVpcNo: account.vpcs[source].vpcNo, targetVpcNo: account.vpcs[target].vpcNo };
}

/** The emulator CLI in a child process, on a free port. */
async function startEmulatorProcess() {
  const seedPath = path.join(ROOT, '.scratch', 'load-seed.json');
  fs.mkdirSync(path.dirname(seedPath), { recursive: true });
  fs.writeFileSync(seedPath, JSON.stringify({ accounts: [account] }));
  const child = spawn(process.execPath, [path.join(ROOT, 'emulator', 'cli.js'), '--port', '0', '--quiet', '--data', seedPath], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start:\n${out}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.stderr.on('data', (chunk) => { out += chunk; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited (${code}):\n${out}`));
    });
  });
  child.stdout.resume();
  return {
    url,
    close: () => new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

/** Runs `count` jobs with at most `concurrency` in flight; resolves with the failures. */
async function pool(count, concurrency, job) {
  let next = 0;
  const failures = [];
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        await job(i);
      } catch (err) {
        failures.push(`#${i}: ${err.code}: ${err.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return failures;
}

function snapshot(label) {
  gc();
  gc();
  const wasm = wasmExports().memory.buffer.byteLength;
  const { rss, heapUsed } = process.memoryUsage();
  return { label, wasm, rss, heapUsed };
}

const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const fmt = (s) => `wasm ${(s.wasm / MB).toFixed(2)} MB, RSS ${(s.rss / MB).toFixed(1)} MB, JS heap ${(s.heapUsed / MB).toFixed(1)} MB`;

let emu;
before(async () => { emu = await startEmulatorProcess(); });
after(() => emu?.close());

test(`${CREATES} creates at concurrency ${CONCURRENCY} over HTTP, then ${CANNED} through a canned fetch: no failure, flat memory, nothing left pending`, async () => {
  const controller = new AbortController();
  const { signal } = controller;
  setMaxListeners(CONCURRENCY + 1, signal); // one listener per call in flight is expected, not a leak warning
  const options = (i) => ({
    accessKey: account.accessKey,
    secretKey: account.secretKey,
    endpoint: emu.url,
    signal,
    timeoutMs: 60_000,
    ...pair(i),
  });
  const timersBefore = timeouts();

  // Warm-up: the allocator, the JIT and undici's connection pool reach their working size.
  const warmFailures = await pool(WARMUP, CONCURRENCY, async (i) => {
    const result = await api.createVpcPeeringInstance(options(CREATES + i));
    assert.equal(result.vpcPeeringInstanceList.length, 1);
  });
  assert.deepEqual(warmFailures, []);
  const start = snapshot('after warm-up');

  let peakListeners = 0;
  let created = 0;
  const started = performance.now();
  const failures = await pool(CREATES, CONCURRENCY, async (i) => {
    const call = api.createVpcPeeringInstance(options(i));
    peakListeners = Math.max(peakListeners, getEventListeners(signal, 'abort').length);
    const result = await call;
    assert.equal(result.returnCode, '0');
    assert.equal(result.vpcPeeringInstanceList[0].sourceVpcNo, pair(i).sourceVpcNo);
    created += 1;
  });
  const httpSeconds = (performance.now() - started) / 1000;
  const afterHttp = snapshot(`after ${CREATES} creates over HTTP`);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} failures`);
  assert.equal(created, CREATES);

  // The wasm side alone, much harder: a canned answer, no network.
  const body = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'create-sample.xml'), 'utf8');
  const cannedFetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/xml' } });
  const cannedStarted = performance.now();
  const cannedFailures = await pool(CANNED, CONCURRENCY, async (i) => {
    const result = await api.createVpcPeeringInstance({ ...options(i % CREATES), fetch: cannedFetch });
    assert.equal(result.vpcPeeringInstanceList[0].vpcPeeringInstanceNo, '16212');
  });
  const cannedSeconds = (performance.now() - cannedStarted) / 1000;
  const end = snapshot(`after ${CANNED} more through a canned fetch`);
  assert.deepEqual(cannedFailures.slice(0, 10), [], `${cannedFailures.length} failures`);

  console.log(`load: ${CREATES} creates over HTTP at concurrency ${CONCURRENCY} in ${httpSeconds.toFixed(1)} s ` +
    `(${Math.round(CREATES / httpSeconds)}/s), 0 failures; ${CANNED} canned in ${cannedSeconds.toFixed(1)} s ` +
    `(${Math.round(CANNED / cannedSeconds)}/s), 0 failures`);
  for (const s of [start, afterHttp, end]) console.log(`load: ${s.label}: ${fmt(s)}`);
  console.log(`load: abort listeners on the shared signal: peak ${peakListeners} while in flight, ${getEventListeners(signal, 'abort').length} after`);

  // Flat: the linear memory never shrinks, so growth after warm-up is what would betray a leak: at most one doubling
  // (a few allocator pages), for 1,000 warm-up calls against 10^4 + 5·10^4 measured ones.
  assert.ok(end.wasm <= Math.max(2 * start.wasm, start.wasm + 2 * MB), `wasm memory grew: ${fmt(start)} -> ${fmt(end)}`);
  assert.ok(end.rss - start.rss < 100 * MB, `RSS grew by ${((end.rss - start.rss) / MB).toFixed(1)} MB`);

  // Released: each call removed its abort listener and cleared its timeoutMs timer when it settled.
  assert.ok(peakListeners > 0, 'the shared signal was listened to while calls were in flight');
  assert.equal(getEventListeners(signal, 'abort').length, 0, 'abort listeners left on the shared signal');
  assert.equal(timeouts(), timersBefore, `Timeouts pending: ${process.getActiveResourcesInfo().join(', ')}`);
});

test('timers and listeners are released on the failure paths too: network error, bad answer, timeout, abort', async () => {
  const timersBefore = timeouts();
  const controller = new AbortController();
  const { signal } = controller;
  setMaxListeners(1000, signal);
  const base = { accessKey: account.accessKey, secretKey: account.secretKey, endpoint: 'http://127.0.0.1:9', signal, ...pair(0) };
  const never = (url, init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal.reason)));
  const kinds = {
    ERR_NETWORK: { fetch: async () => { throw new TypeError('fetch failed'); } },
    ERR_BAD_RESPONSE: { fetch: async () => new Response('\u0000garbage', { status: 200 }) },
    ERR_HTTP: { fetch: async () => new Response('<html>502</html>', { status: 502 }) },
    ERR_TIMEOUT: { fetch: never, timeoutMs: 20 },
  };
  const codes = {};
  const failures = await pool(2_000, CONCURRENCY, async (i) => {
    const [want, extra] = Object.entries(kinds)[i % 4];
    const err = await api.createVpcPeeringInstance({ ...base, ...extra }).then(() => null, (e) => e);
    assert.equal(err?.code, want);
    codes[want] = (codes[want] ?? 0) + 1;
  });
  assert.deepEqual(failures.slice(0, 5), []);
  // Aborts: 500 calls in flight on one signal, then one abort() rejects them all.
  const pending = Array.from({ length: 500 }, () => api.createVpcPeeringInstance({ ...base, fetch: never }).then(() => null, (e) => e));
  await new Promise((resolve) => setTimeout(resolve, 50)); // every call has started and is waiting on its fetch
  assert.equal(getEventListeners(signal, 'abort').length, 500, 'one listener from each call in flight');
  controller.abort(new Error('all at once'));
  const aborted = await Promise.all(pending);
  assert.ok(aborted.every((e) => e?.code === 'ERR_ABORTED' && e.cause.message === 'all at once'));
  console.log(`load: failure paths: ${JSON.stringify(codes)}, ERR_ABORTED ${aborted.length}; listeners left ${getEventListeners(signal, 'abort').length}`);
  assert.equal(getEventListeners(signal, 'abort').length, 0);
  assert.equal(timeouts(), timersBefore, `Timeouts pending: ${process.getActiveResourcesInfo().join(', ')}`);
});
