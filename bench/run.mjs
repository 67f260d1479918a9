// The side-by-side benchmark of issue 7: ours (the packed ncloud-vpc-wasm, installed here by `make pack`) against the
// JS a user would write instead (peer-node.mjs, peer-webcrypto.mjs), measured in the same run, one table per runtime
// (Node, workerd, headless Chromium), each figure next to its budget with PASS/MISS.
//
//   node bench/run.mjs            full run (a few minutes)
//   node bench/run.mjs --smoke    tiny counts: asserts every measurement runs and prints; never asserts speed
//   node bench/run.mjs --only=node,workerd,chromium
//   node bench/run.mjs --clock=wall   time the loops by wall clock instead of CPU time
//   node bench/run.mjs --write-docs   also put the tables into docs/performance.md (full runs only)
//
// It is a report: a MISS never fails it. It exits non-zero only when a measurement errors (or the peers disagree
// with ours, since then they would not be doing the same work). See docs/performance.md.
import { readFileSync, writeFileSync, mkdirSync, copyFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join, extname } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { measure, net, raw, median, nodeTimer } from './measure.mjs';
import { CREATE_OPTS, TIMESTAMP } from './fixtures.mjs';
import { startWorkerd, workerdVersion } from '../scripts/workerd.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, '.out');
const pkgDir = join(here, 'node_modules', 'ncloud-vpc-wasm');
const SMOKE = process.argv.includes('--smoke');
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '--only=node,workerd,chromium').slice(7).split(',');
const CLOCK = (process.argv.find((a) => a.startsWith('--clock=')) ?? '--clock=cpu').slice(8);
if (!['cpu', 'wall'].includes(CLOCK)) throw new Error('--clock must be cpu or wall');
const execFileP = promisify(execFile);

const C = SMOKE
  ? { rounds: 2, roundMs: 4, calibrateMs: 1, coldSpawns: 2, tputMs: 250, tputRounds: 1, tputWarmMs: 100, memSmall: 100, memLarge: 1000 }
  : { rounds: 7, roundMs: 150, calibrateMs: 20, coldSpawns: 10, tputMs: 1000, tputRounds: 7, tputWarmMs: 500, memSmall: 1000, memLarge: 100000 };
const CONCURRENCY = 64;
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

if (!existsSync(join(pkgDir, 'package.json'))) {
  console.error('bench: ncloud-vpc-wasm is not installed in bench/node_modules: run `make pack` first');
  process.exit(2);
}
const sample = readFileSync(join(root, 'tests', 'fixtures', 'create-sample.xml'), 'utf8');
const errors = [];
const rawResults = {}; // every round of every subject, written to bench/.out/last-run.json
const started = performance.now();
const log = (...args) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1)}s]`, ...args);

// ---------------------------------------------------------------------------------------------------------------
// Formatting and verdicts

const fmt = (x, unit = '') => {
  if (typeof x !== 'number' || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  const s = a >= 1000 ? x.toFixed(0) : a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
  return unit ? `${s} ${unit}` : s;
};
const times = (x) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×` : 'n/a');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

/** Asserts a measured figure is a finite number (what --smoke checks), and returns it. */
function must(x, what) {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${what}: not a finite number (${x})`);
  return x;
}

const row = (figure, ours, compared, ratio, budget = '—', verdict = '') => ({ figure, ours, compared, ratio, budget, verdict });
const errorRow = (figure, error) => row(figure, 'ERROR', String(error?.message ?? error).split('\n')[0], '', '—', 'ERROR');

function cpuVerdict(oursUs, peerUs) {
  const worst = Math.min(...peerUs.map((p) => p / oursUs));
  if (oursUs > 0 && worst >= 10) return 'PASS';
  const need = Math.min(...peerUs) / 10;
  return `MISS: ${times(worst)} not 10×; ours needs ≤ ${fmt(need)} µs (${times(oursUs / need)} over)`;
}

// ---------------------------------------------------------------------------------------------------------------
// CPU per call and signing, any runtime: `timer` runs subjects; `peers` is [[tag, label], …] present there.

const CPU_SUBJECTS = (peers) => [
  'canned-sample', 'canned-sample-bytes', 'ours-sample', 'ours-sample-nobudget', ...peers.map(([t]) => `${t}-sample`),
  'canned-list', 'canned-list-bytes', 'ours-list', ...peers.map(([t]) => `${t}-list`),
  'ours-build', ...peers.map(([t]) => `${t}-build`),
];

function cpuRows(r, peers, { hmacNode } = {}) {
  const rows = [];
  const label = Object.fromEntries(peers);
  for (const [answer, title] of [['sample', 'CPU per call, 2 KB sample answer'], ['list', 'CPU per call, 100-instance list answer']]) {
    const ours = must(net(r, `ours-${answer}`, `canned-${answer}`), `ours ${answer}`);
    const ps = peers.map(([t]) => must(net(r, `${t}-${answer}`, `canned-${answer}`), `${t} ${answer}`));
    rows.push(row(
      `${title} (µs, net of canned fetch)`,
      fmt(ours),
      peers.map(([t], i) => `${label[t]} ${fmt(ps[i])}`).join(' · '),
      peers.map(([t], i) => `${t}: ${times(ps[i] / ours)}`).join(' · '),
      '≤ 1/10 of peer',
      cpuVerdict(ours, ps),
    ));
  }
  const nb = must(net(r, 'ours-sample-nobudget', 'canned-sample'), 'ours nobudget');
  rows.push(row('… ours with timeoutMs: 0 (no timer, no AbortController), sample (µs)', fmt(nb), '', '', '—', 'info'));
  rows.push(row(
    '… canned fetch + text() alone, subtracted above (µs)',
    `sample ${fmt(must(raw(r, 'canned-sample'), 'canned sample'))} · list ${fmt(must(raw(r, 'canned-list'), 'canned list'))}`,
    '', '', '—', 'info',
  ));
  // Ours reads the body with arrayBuffer(), not text(): subtracting text() credits ours with the decoding it skips.
  // The same figures net of arrayBuffer() instead, the stricter comparison.
  rows.push(row(
    '… ours net of canned fetch + arrayBuffer() (what ours reads) instead, sample · list (µs)',
    `${fmt(must(net(r, 'ours-sample', 'canned-sample-bytes'), 'ours sample net of bytes'))} · ${fmt(must(net(r, 'ours-list', 'canned-list-bytes'), 'ours list net of bytes'))}`,
    `arrayBuffer() alone: sample ${fmt(must(raw(r, 'canned-sample-bytes'), 'canned sample bytes'))} · list ${fmt(must(raw(r, 'canned-list-bytes'), 'canned list bytes'))}`,
    '', '—', 'info',
  ));
  const oursBuild = must(raw(r, 'ours-build'), 'ours build');
  const pb = peers.map(([t]) => must(raw(r, `${t}-build`), `${t} build`));
  rows.push(row(
    'Dry run: validate + build + sign (µs)',
    fmt(oursBuild),
    peers.map(([t], i) => `${label[t]} ${fmt(pb[i])}`).join(' · '),
    peers.map(([t], i) => `${t}: ${times(pb[i] / oursBuild)}`).join(' · '),
    '—', 'info',
  ));
  const hmacs = [];
  if (r['hmac-node']) hmacs.push(['createHmac', must(raw(r, 'hmac-node'), 'createHmac')]);
  if (r['hmac-subtle']) hmacs.push(['crypto.subtle', must(raw(r, 'hmac-subtle'), 'crypto.subtle')]);
  if (hmacs.length) {
    const node = hmacs.find(([n]) => n === 'createHmac');
    rows.push(row(
      'Signing: ours (dry run, incl. validate + build) vs HMAC-SHA256 + base64 alone (µs)',
      fmt(oursBuild),
      hmacs.map(([n, v]) => `${n} ${fmt(v)}`).join(' · '),
      hmacs.map(([n, v]) => `${n}: ${times(v / oursBuild)}`).join(' · '),
      hmacNode && node ? '< createHmac' : '—',
      hmacNode && node ? (oursBuild < node[1] ? 'PASS' : `MISS: ${times(oursBuild / node[1])} slower (+${fmt(oursBuild - node[1])} µs)`) : 'info',
    ));
  }
  return rows;
}

function checkSame(res, tags, where) {
  for (const tag of tags) {
    for (const key of ['sample', 'list', 'requests', 'build']) {
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(res[tag][key])), JSON.parse(JSON.stringify(res.ours[key])))) {
        throw new Error(`${where}: peer (${tag}) ${key} differs from ours: the peers must do the same work`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Node

async function nodeCpu() {
  const ours = await import('ncloud-vpc-wasm');
  const a = await import('./peer-node.mjs');
  const b = await import('./peer-webcrypto.mjs');
  const { makeSubjects, results } = await import('./subjects.mjs');
  checkSame(await results({ ours, peers: { a, b }, sample }), ['a', 'b'], 'Node');
  const subjects = makeSubjects({ ours, peers: { a, b }, sample, extra: { createHmac } });
  // The machine may be shared: CPU time is what another process cannot inflate.
  const timer = nodeTimer(subjects, CLOCK);
  const peers = [['a', 'peer (a)'], ['b', 'peer (b)']];
  const r = await measure(timer, [...CPU_SUBJECTS(peers), 'hmac-node', 'hmac-subtle'], C);
  rawResults.node = r;
  return cpuRows(r, peers, { hmacNode: true });
}

/** The floors of bench/floor (a bare wasm-bindgen module, and the same job's core with the same crates), built once
 *  per run by bench/floor/build.sh into bench/.out/floor/ (cargo, wasm-bindgen and wasm-opt, as the package). */
let floorsBuilt;
function floors() {
  floorsBuilt ??= (log('building the floors (bench/floor/build.sh)'), execFileP(join(here, 'floor', 'build.sh')).then(() => join(out, 'floor')));
  return floorsBuilt;
}

async function coldStart() {
  await floors();
  const runs = { ours: [], a: [], b: [], 'wasm-ours': [], 'wasm-bare': [], 'wasm-job': [] };
  for (let i = 0; i < C.coldSpawns; i++) {
    for (const which of Object.keys(runs)) {
      const { stdout } = await execFileP(process.execPath, ['cold-child.mjs', which], { cwd: here });
      runs[which].push(JSON.parse(stdout.trim().split('\n').pop()));
    }
  }
  const ms = (w) => must(median(runs[w].map((x) => x.ms)), `cold ${w}`);
  /** A `wasm-…` cold start's median total and its steps: `total (glue + read + compile + instantiate + call)`. */
  const steps = (w) =>
    `${fmt(ms(w))} (${['glueMs', 'readMs', 'compileMs', 'instantiateMs', 'firstCallMs'].map((k) => fmt(part(w, k))).join(' + ')})`;
  const boot = (w) => median(runs[w].map((x) => x.sinceProcessStart));
  const cpu = (w) => median(runs[w].map((x) => x.cpuMs));
  const part = (w, key) => median(runs[w].map((x) => x[key]));
  const [o, a, b] = [ms('ours'), ms('a'), ms('b')];
  return [
    row(
      `Cold start: import → first signed request, fresh process (ms, median of ${C.coldSpawns})`,
      fmt(o),
      `peer (a) ${fmt(a)} · peer (b) ${fmt(b)}`,
      `a: ${times(a / o)} · b: ${times(b / o)}`,
      '≤ 5 ms',
      o <= 5 ? 'PASS' : `MISS: +${fmt(o - 5)} ms (${times(o / 5)} the budget)`,
    ),
    row('… of which the import, then the first call (ms)', `${fmt(part('ours', 'importMs'))} + ${fmt(part('ours', 'firstCallMs'))}`,
      `peer (a) ${fmt(part('a', 'importMs'))} + ${fmt(part('a', 'firstCallMs'))} · peer (b) ${fmt(part('b', 'importMs'))} + ${fmt(part('b', 'firstCallMs'))}`, '', '—', 'info'),
    row('… its CPU time, all threads (ms)', fmt(cpu('ours')), `peer (a) ${fmt(cpu('a'))} · peer (b) ${fmt(cpu('b'))}`, '', '—', 'info'),
    row('… wall time counted from process start (ms)', fmt(boot('ours')), `peer (a) ${fmt(boot('a'))} · peer (b) ${fmt(boot('b'))}`, '', '—', 'info'),
    // The wasm's own share, next to the floors: the same steps for a bare wasm-bindgen module and for the same job's
    // core (bench/floor).
    row(
      '… the wasm\'s share: load the glue + read the .wasm + compile + instantiate + first call (ms)',
      steps('wasm-ours'),
      `bare wasm-bindgen module ${steps('wasm-bare')} · same job's core, same crates ${steps('wasm-job')}`,
      `ours − bare: +${fmt(ms('wasm-ours') - ms('wasm-bare'))} ms`,
      '—', 'info',
    ),
  ];
}

async function throughput() {
  const server = spawn(process.execPath, ['server-child.mjs'], { cwd: here, stdio: ['pipe', 'pipe', 'inherit'] });
  try {
    const port = await new Promise((resolve, reject) => {
      let buf = '';
      server.stdout.on('data', (d) => {
        buf += d;
        const line = buf.split('\n')[0];
        if (buf.includes('\n')) resolve(JSON.parse(line).port);
      });
      server.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const ours = await import('ncloud-vpc-wasm');
    const a = await import('./peer-node.mjs');
    const signed = ours.buildCreateVpcPeeringInstanceRequest({ ...CREATE_OPTS, endpoint, timestamp: TIMESTAMP });
    const subjects = {
      raw: async () => {
        const response = await fetch(signed.url, { method: signed.method, headers: signed.headers });
        if (response.status !== 200 || (await response.text()).length !== sample.length) throw new Error('raw fetch: bad answer');
      },
      // What any time budget costs a fetch: the same raw fetch with an AbortController and a timer per request.
      rawBudget: async () => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 30000);
        try {
          const response = await fetch(signed.url, { method: signed.method, headers: signed.headers, signal: controller.signal });
          if (response.status !== 200 || (await response.text()).length !== sample.length) throw new Error('raw fetch: bad answer');
        } finally {
          clearTimeout(timer);
        }
      },
      ours: async () => {
        const result = await ours.createVpcPeeringInstance({ ...CREATE_OPTS, endpoint });
        if (result.totalRows !== 1) throw new Error('ours: bad answer');
      },
      a: async () => {
        const result = await a.createVpcPeeringInstance({ ...CREATE_OPTS, endpoint });
        if (result.totalRows !== 1) throw new Error('peer (a): bad answer');
      },
    };
    const cpuPerRequest = { raw: [], rawBudget: [], ours: [], a: [] };
    let lastCpu = 0;
    const drive = async (fn, ms) => {
      let count = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const end = t0 + ms;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < end) {
          await fn();
          count++;
        }
      }));
      const cpu = process.cpuUsage(c0);
      lastCpu = (cpu.user + cpu.system) / count;
      return count / ((performance.now() - t0) / 1000);
    };
    for (const fn of Object.values(subjects)) await drive(fn, C.tputWarmMs);
    const rps = { raw: [], rawBudget: [], ours: [], a: [] };
    for (let r = 0; r < C.tputRounds; r++) {
      for (const [k, fn] of Object.entries(subjects)) {
        rps[k].push(await drive(fn, C.tputMs));
        cpuPerRequest[k].push(lastCpu);
      }
    }
    const [rawRps, oursRps, aRps] = ['raw', 'ours', 'a'].map((k) => must(median(rps[k]), `throughput ${k}`));
    const [rawCpu, oursCpu, aCpu] = ['raw', 'ours', 'a'].map((k) => must(median(cpuPerRequest[k]), `client CPU ${k}`));
    // The ratio of each round's pair (raw and ours run back to back), then the median: steadier than the ratio of
    // medians on a shared machine.
    const ratio = median(rps.ours.map((x, i) => x / rps.raw[i]));
    const aRatio = median(rps.a.map((x, i) => x / rps.raw[i]));
    const budgetRatio = median(rps.rawBudget.map((x, i) => x / rps.raw[i]));
    const budgetCpu = must(median(cpuPerRequest.rawBudget), 'client CPU rawBudget');
    return [row(
      `Throughput, ${CONCURRENCY} concurrent, loopback node:http server in a child process (req/s, median of ${C.tputRounds} × ${C.tputMs / 1000} s)`,
      fmt(oursRps),
      `raw fetch of the same signed request ${fmt(rawRps)} · peer (a) ${fmt(aRps)} · raw fetch + AbortController + timer ${fmt(must(median(rps.rawBudget), 'throughput rawBudget'))}`,
      `ours/raw: ${ratio.toFixed(2)}× · a/raw: ${aRatio.toFixed(2)}× · raw+budget/raw: ${budgetRatio.toFixed(2)}× (medians of per-round ratios)`,
      '≥ 0.9× raw fetch',
      ratio >= 0.9
        ? 'PASS'
        : `MISS: ${ratio.toFixed(2)}× (${fmt(rawRps * 0.9 - oursRps)} req/s short; client-bound, 0.9× allows ≈ +${fmt(rawCpu / 0.9 - rawCpu)} µs of client CPU per request over raw fetch, ours adds +${fmt(oursCpu - rawCpu)} µs)`,
    ), row(
      '… client CPU per request in that run, all threads (µs)',
      fmt(oursCpu),
      `raw fetch ${fmt(rawCpu)} · peer (a) ${fmt(aCpu)} · raw fetch + AbortController + timer ${fmt(budgetCpu)}`,
      `ours − raw: +${fmt(oursCpu - rawCpu)} µs · a − raw: +${fmt(aCpu - rawCpu)} µs · client-bound ratio raw/ours: ${(rawCpu / oursCpu).toFixed(2)}×`,
      '—', 'info',
    )];
  } finally {
    server.kill();
  }
}

async function memory() {
  const child = async (which) => {
    const { stdout } = await execFileP(process.execPath, ['--expose-gc', 'memory-child.mjs', which, String(C.memSmall), String(C.memLarge)], {
      cwd: here,
      maxBuffer: 1 << 20,
    });
    return JSON.parse(stdout.trim().split('\n').pop());
  };
  const ours = await child('ours');
  const a = await child('a');
  const wasmGrowth = must(ours.after.wasm - ours.before.wasm, 'wasm growth');
  const heapGrowth = must(ours.after.heapUsed - ours.before.heapUsed, 'heap growth');
  must(ours.after.rss - ours.before.rss, 'rss growth');
  // RSS first grows while V8 sizes its heap for the garbage rate, then settles: judge the last decade of calls
  // (10^4 -> 10^5), where a leak would still grow and heap sizing no longer does.
  const settled = ours.points.length > 2 ? ours.points[ours.points.length - 2] : ours.before;
  const rssLate = ours.after.rss - settled.rss;
  const signed = (x, f) => `${x >= 0 ? '+' : '−'}${f(Math.abs(x))}`;
  const rssPath = (pts) => pts.map((p) => (p.rss / 1048576).toFixed(0)).join(' → ') + ' MiB';
  const wasmOk = wasmGrowth === 0;
  const heapOk = heapGrowth <= 1048576;
  const rssOk = rssLate <= 0.1 * settled.rss;
  const calls = ours.points.map((p) => p.calls.toLocaleString('en')).join(' / ');
  return [row(
    `Memory after ${calls} calls (canned fetch, sample; after a full GC)`,
    `wasm ${mib(ours.before.wasm)} → ${mib(ours.after.wasm)} (${signed(wasmGrowth, kb)}) · JS heap ${signed(heapGrowth, kb)} · RSS ${rssPath(ours.points)}`,
    `peer (a): JS heap ${signed(a.after.heapUsed - a.before.heapUsed, kb)} · RSS ${rssPath(a.points)}`,
    '',
    'flat: wasm +0, JS heap ≤ +1 MiB, RSS ≤ +10 % over the last decade',
    wasmOk && heapOk && rssOk
      ? 'PASS'
      : `MISS: ${[!wasmOk && `wasm ${signed(wasmGrowth, kb)}`, !heapOk && `JS heap ${signed(heapGrowth, kb)}`, !rssOk && `RSS ${signed(rssLate, mib)} over the last decade`].filter(Boolean).join(', ')}`,
  )];
}

// ---------------------------------------------------------------------------------------------------------------
// Bytes a browser downloads for one call

async function download() {
  const esbuild = await import('esbuild');
  const sizes = (buffers) => {
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const b of buffers) {
      total.raw += b.length;
      total.gzip += gzipSync(b, { level: 9 }).length;
      total.brotli += brotliCompressSync(b, {
        params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length },
      }).length;
    }
    return total;
  };
  // The .wasm, browser.mjs and every module it imports, followed from their import statements (today esm.mjs: the
  // API layer, the glue and its helpers in one minified module).
  const modules = [];
  const visit = (file) => {
    if (modules.includes(file)) return;
    modules.push(file);
    for (const [, spec] of readFileSync(join(pkgDir, file), 'utf8').matchAll(/\b(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      visit(join(dirname(file), spec));
    }
  };
  visit('browser.mjs');
  const files = ['ncloud_vpc_wasm_bg.wasm', ...modules].map((f) => readFileSync(join(pkgDir, f)));
  const ours = sizes(files);
  const wasmOnly = sizes([files[0]]);
  // What a bundler ships: the entry, the API layer, the glue and its snippets as one minified module.
  const glueMin = await esbuild.build({
    entryPoints: [join(pkgDir, 'browser.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const oursMin = sizes([files[0], Buffer.from(glueMin.outputFiles[0].contents)]);
  const peerBundle = await esbuild.build({
    entryPoints: [join(here, 'peer-webcrypto.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const peer = sizes([Buffer.from(peerBundle.outputFiles[0].contents)]);
  const floorDir = await floors();
  const floor = {};
  for (const kind of ['bare', 'job']) {
    const glue = await esbuild.build({
      entryPoints: [join(floorDir, kind, 'ncloud_vpc_floor.js')], bundle: true, minify: true, format: 'esm', write: false, logLevel: 'silent',
    });
    floor[kind] = sizes([readFileSync(join(floorDir, kind, 'ncloud_vpc_floor_bg.wasm')), Buffer.from(glue.outputFiles[0].contents)]);
  }
  must(ours.gzip, 'ours gzip');
  must(peer.gzip, 'peer gzip');
  return [
    row(
      `Download for one call: the .wasm + ${modules.join(', ')} (gzip -9 · brotli 11, each file on its own)`,
      `${kb(ours.gzip)} · ${kb(ours.brotli)}`,
      `peer (b) bundle, esbuild --minify: ${kb(peer.gzip)} · ${kb(peer.brotli)} (raw ${kb(peer.raw)})`,
      `gzip: ${times(ours.gzip / peer.gzip)} the peer`,
      "≤ peer's gzip",
      ours.gzip <= peer.gzip ? 'PASS' : `MISS: +${kb(ours.gzip - peer.gzip)} gzip (${times(ours.gzip / peer.gzip)})`,
    ),
    row(
      '… of which the .wasm (raw · gzip · brotli)',
      `${kb(wasmOnly.raw)} · ${kb(wasmOnly.gzip)} · ${kb(wasmOnly.brotli)}`,
      '', '', '—', 'info',
    ),
    row('… with the glue minified by a bundler (gzip · brotli)', `${kb(oursMin.gzip)} · ${kb(oursMin.brotli)}`, '', '', '—', 'info'),
    row(
      "… the floors (bench/floor): the .wasm + its glue minified (gzip · brotli)",
      `${kb(ours.gzip)} · ${kb(ours.brotli)}`,
      `bare wasm-bindgen module ${kb(floor.bare.gzip)} · ${kb(floor.bare.brotli)} · same job's core, same crates (HMAC-SHA256, base64, quick-xml, JSON by hand) ${kb(floor.job.gzip)} · ${kb(floor.job.brotli)}`,
      `ours − job's core: +${kb(ours.gzip - floor.job.gzip)} gzip`,
      '—', 'info',
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// workerd

/** CPU time of processes (every thread of each), from /proc/<pid>/task/<tid>/schedstat (ns precision), in ms. */
function processCpuMs(pids) {
  let ns = 0;
  for (const pid of pids) {
    let tids = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {} // the process ended
    for (const tid of tids) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {} // a thread that just ended
    }
  }
  return ns / 1e6;
}

async function workerd(meta) {
  const esbuild = await import('esbuild');
  const dir = join(out, 'workerd');
  mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: [join(here, 'workerd-worker.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['*.wasm'],
    loader: { '.xml': 'text' },
    outfile: join(dir, 'worker.js'),
    logLevel: 'silent',
  });
  copyFileSync(join(pkgDir, 'ncloud_vpc_wasm_bg.wasm'), join(dir, 'ncloud_vpc_wasm_bg.wasm'));
  meta.workerd = await workerdVersion();
  const worker = await startWorkerd({
    dir,
    modules: [{ name: 'worker.js', type: 'esModule' }, { name: 'ncloud_vpc_wasm_bg.wasm', type: 'wasm' }],
    compatibilityDate: '2025-01-01',
  });
  try {
    const base = worker.url;
    const res = await (await fetch(`${base}/results`)).json();
    checkSame(res, ['b'], 'workerd');
    const procCpu = () => processCpuMs([worker.pid]);
    const request = async (s, n) => {
      const c0 = procCpu();
      const t0 = performance.now();
      const response = await fetch(`${base}/run?s=${s}&n=${n}`);
      const text = await response.text();
      const wall = performance.now() - t0;
      if (response.status !== 200) throw new Error(`workerd ${s}: ${response.status} ${text}`);
      return { cpu: procCpu() - c0, wall };
    };
    // workerd's clocks stand still while a request executes: time each loop from outside (the workerd process's CPU
    // time, or the request's wall time with --clock=wall), minus the same for a request running an empty loop.
    const timer = async (s, n) => {
      const empty = await request('empty', n);
      const full = await request(s, n);
      const wall = Math.max(0, full.wall - empty.wall);
      return { ms: CLOCK === 'wall' ? wall : Math.max(0, full.cpu - empty.cpu), calibMs: wall };
    };
    const peers = [['b', 'peer (b)']];
    const r = await measure(timer, [...CPU_SUBJECTS(peers), 'hmac-subtle'], C);
    rawResults.workerd = r;
    return cpuRows(r, peers);
  } finally {
    await worker.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

async function chromium(meta) {
  const esbuild = await import('esbuild');
  const { chromium: launcher } = await import('playwright-core');
  const page = await esbuild.build({
    entryPoints: [join(here, 'browser-page.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    external: ['ncloud-vpc-wasm'],
    loader: { '.xml': 'text' },
    write: false,
    logLevel: 'silent',
  });
  const pageJs = Buffer.from(page.outputFiles[0].contents);
  const html = `<!doctype html><meta charset="utf-8"><title>ncloud-vpc-wasm bench</title>
<script type="importmap">{"imports":{"ncloud-vpc-wasm":"/pkg/browser.mjs"}}</script>
<script type="module" src="/page.js"></script>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    let body = null;
    if (path === '/') body = Buffer.from(html);
    else if (path === '/page.js') body = pageJs;
    else if (path.startsWith('/pkg/') && /^[\w-][\w.-]*(\/[\w-][\w.-]*)*$/.test(path.slice(5))) {
      const file = join(pkgDir, path.slice(5));
      if (existsSync(file) && statSync(file).isFile()) body = readFileSync(file);
    }
    const headers = {
      // Cross-origin isolation: finer performance.now() in the page (5 µs rather than 100 µs).
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    };
    if (!body) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': MIME[extname(path)] ?? 'text/html' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  let browser;
  try {
    browser = await launcher.launch({ executablePath: process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
    meta.chromium = browser.version();
    const tab = await browser.newPage();
    const pageErrors = [];
    tab.on('pageerror', (e) => pageErrors.push(e.message));
    await tab.goto(`http://127.0.0.1:${server.address().port}/`);
    await tab.waitForFunction(() => window.__ready === true, null, { timeout: 20000 }).catch(() => {
      throw new Error(`the page did not load: ${pageErrors.join('; ') || 'timeout'}`);
    });
    meta.chromiumIsolated = await tab.evaluate(() => window.__bench.isolated);
    checkSame(await tab.evaluate(() => window.__bench.results()), ['b'], 'Chromium');
    // CPU time of the renderer processes, every thread (WebCrypto and GC run off the main thread), from /proc; or
    // the page's own performance.now() with --clock=wall.
    const cdp = await browser.newBrowserCDPSession();
    const renderers = (await cdp.send('SystemInfo.getProcessInfo')).processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
    if (!renderers.length || processCpuMs(renderers) <= 0) throw new Error("cannot read the renderer processes' CPU time");
    const timer = async (s, n) => {
      const c0 = processCpuMs(renderers);
      const wall = await tab.evaluate(([s, n]) => window.__bench.time(s, n), [s, n]);
      const cpu = processCpuMs(renderers) - c0;
      return { ms: CLOCK === 'wall' ? wall : cpu, calibMs: wall };
    };
    const peers = [['b', 'peer (b)']];
    const r = await measure(timer, [...CPU_SUBJECTS(peers), 'hmac-subtle'], C);
    rawResults.chromium = r;
    return cpuRows(r, peers);
  } finally {
    await browser?.close();
    server.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function section(rows, figure, fn) {
  log(figure);
  try {
    rows.push(...(await fn()));
  } catch (error) {
    errors.push(`${figure}: ${error.stack ?? error}`);
    rows.push(errorRow(figure, error));
  }
}

function table(title, note, rows) {
  const head = ['figure', 'ours', 'compared with', 'ratio (them / ours)', 'budget', 'verdict'];
  const cells = rows.map((r) => [r.figure, r.ours, r.compared, r.ratio, r.budget, r.verdict].map((c) => String(c).replaceAll('|', '\\|')));
  const lines = [`### ${title}`, '', ...(note ? [note, ''] : [])];
  lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const c of cells) lines.push(`| ${c.join(' | ')} |`);
  return lines.join('\n');
}

const meta = {};
const cpuModel = (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? 'unknown';
let commit = 'unknown';
try {
  commit = (await execFileP('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).stdout.trim();
} catch {}
const installed = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

const tables = [];
if (only.includes('node')) {
  const rows = [];
  await section(rows, 'CPU per call and signing (Node)', nodeCpu);
  await section(rows, 'Cold start (Node)', coldStart);
  await section(rows, 'Throughput (Node)', throughput);
  await section(rows, 'Memory (Node)', memory);
  tables.push(table(`Node ${process.version}`,
    'peer (a) = peer-node.mjs (node:crypto createHmac + fast-xml-parser); peer (b) = peer-webcrypto.mjs (crypto.subtle + fast-xml-parser). ' +
      (CLOCK === 'cpu' ? 'Loops timed by this process\'s CPU time (process.cpuUsage(): user + system, all threads).' : 'Loops timed by wall clock (performance.now()).'),
    rows));
}
if (only.includes('workerd')) {
  const rows = [];
  await section(rows, 'CPU per call and signing (workerd)', () => workerd(meta));
  tables.push(table(`workerd ${meta.workerd ?? ''}`.trim(),
    "Timed from outside: workerd's Date.now()/performance.now() do not advance while a request executes (Spectre " +
      'mitigation), so each figure is ' +
      (CLOCK === 'cpu'
        ? "the workerd process's CPU time (/proc/<pid>/task/*/schedstat, all threads) over a request running N iterations"
        : 'the wall time of a request running N iterations') +
      ' minus the same for a request running an empty loop of N, divided by N. peer (b) = peer-webcrypto.mjs (no node:crypto there).',
    rows));
}
if (only.includes('chromium')) {
  const rows = [];
  await section(rows, 'CPU per call and signing (Chromium)', () => chromium(meta));
  await section(rows, 'Download (browser)', download);
  tables.push(table(`Chromium ${meta.chromium ?? ''} (headless)`.trim(),
    `Page from a loopback static server; ours = pkg's browser.mjs through an import map; peer (b) bundled by esbuild. ` +
      (CLOCK === 'cpu'
        ? "Loops timed by the CPU time of Chromium's renderer processes (/proc/<pid>/task/*/schedstat, all threads: WebCrypto runs off the main thread)."
        : `Loops timed by performance.now() in the page${meta.chromiumIsolated ? ' (cross-origin isolated: 5 µs resolution)' : ''}.`),
    rows));
}

const header = [
  `## ncloud-vpc-wasm benchmark${SMOKE ? ' — SMOKE RUN (tiny counts: the figures mean nothing)' : ''}`,
  '',
  `- machine: ${availableParallelism()} × ${cpuModel}; Node ${process.version}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- package: ${installed.name} ${installed.version} as installed in bench/node_modules (wasm ${statSync(join(pkgDir, 'ncloud_vpc_wasm_bg.wasm')).size} bytes), repository at ${commit}`,
  `- CPU figures: ${CLOCK === 'cpu' ? 'CPU time' : 'wall time'}, median of ${C.rounds} rounds of ~${C.roundMs} ms each, after calibration and warm-up; a call's CPU is net of a canned \`fetch\` (\`new Response(body)\`) plus its \`text()\`, measured alone in the same rounds (paired per round); ratios are peer ÷ ours, so > 1× means ours is faster or smaller`,
].join('\n');
const report = `${header}\n\n${tables.join('\n\n')}\n`;
console.log(report);
// --write-docs: replace the latest table in docs/performance.md (between its bench:start and bench:end markers).
if (process.argv.includes('--write-docs')) {
  if (SMOKE || errors.length) {
    console.error('bench: --write-docs ignored: only a full run without errors goes into docs/performance.md');
  } else {
    const docs = join(root, 'docs', 'performance.md');
    const text = readFileSync(docs, 'utf8');
    const [start, end] = ['<!-- bench:start -->', '<!-- bench:end -->'];
    if (!text.includes(start) || !text.includes(end)) throw new Error(`${docs} lacks the ${start} / ${end} markers`);
    writeFileSync(docs, `${text.slice(0, text.indexOf(start) + start.length)}\n${report.replace(/^### /gm, '#### ').replace(/^## /, '### ')}${text.slice(text.indexOf(end))}`);
    log('wrote the table into docs/performance.md');
  }
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'last-run.json'), JSON.stringify({ smoke: SMOKE, clock: CLOCK, config: C, rounds: rawResults }, null, 1));
log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; every round in bench/.out/last-run.json`);
if (errors.length) {
  console.error(`\nbench: ${errors.length} measurement(s) failed:\n${errors.join('\n\n')}`);
  process.exit(1);
}
