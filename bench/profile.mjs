// Where ours spends its time per call: a V8 CPU profile (node:inspector, 100 µs sampling) of the Node loop of
// run.mjs (createVpcPeeringInstance with a canned fetch answering the sample, getVpcPeeringInstanceList with the
// 100-instance answer, or the dry run buildCreateVpcPeeringInstanceRequest), summarised by self time: wasm by Rust module, the wasm-bindgen glue, the canned
// Response/text(), GC, the rest.
//
//   node bench/profile.mjs [--answer=sample|list|dry] [--seconds=4] [--top=25] [--named] [--dir=DIR]
//
// The shipped .wasm has no name section (wasm-opt --strip-debug), so its functions show as wasm-function[N].
// --named profiles a build with names instead: wasm-bindgen run on target/wasm32-unknown-unknown/release/
// ncloud_vpc_wasm.wasm (whatever `cargo build --release --target wasm32-unknown-unknown` last produced, before
// wasm-opt: close to, not the same as, the shipped binary) into bench/.out/named, whose ES-module glue keeps host.js
// apart (snippets/). --dir=DIR loads the glue and ncloud_vpc_wasm_bg.wasm from DIR: the ES-module glue
// (ncloud_vpc_wasm.js) if DIR has it, or else the CommonJS glue Node's entries use (ncloud_vpc_wasm.cjs, host.js
// bundled in, so counted as glue). Default: the package installed in bench/node_modules (whose ES-module glue is
// bundled into esm.mjs, so the CommonJS glue).
import { Session } from 'node:inspector/promises';
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { makeListAnswer, CREATE_OPTS, LIST_OPTS } from './fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => (process.argv.find((a) => a.startsWith(`--${name}=`)) ?? `=${fallback}`).split('=').slice(1).join('=');
const answer = arg('answer', 'sample');
const seconds = Number(arg('seconds', 4));
const top = Number(arg('top', 25));
let dir = arg('dir', join(here, 'node_modules', 'ncloud-vpc-wasm'));
if (process.argv.includes('--named')) {
  dir = join(here, '.out', 'named');
  mkdirSync(dir, { recursive: true });
  const input = join(here, '..', 'target', 'wasm32-unknown-unknown', 'release', 'ncloud_vpc_wasm.wasm');
  execFileSync('wasm-bindgen', ['--target', 'web', '--out-dir', dir, '--out-name', 'ncloud_vpc_wasm', '--no-typescript', input], {
    env: { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` },
  });
}
const glue = existsSync(join(dir, 'ncloud_vpc_wasm.js'))
  ? await import(pathToFileURL(join(dir, 'ncloud_vpc_wasm.js')).href)
  : createRequire(import.meta.url)(join(dir, 'ncloud_vpc_wasm.cjs'));
glue.initSync({ module: readFileSync(join(dir, 'ncloud_vpc_wasm_bg.wasm')) });

const sample = readFileSync(join(here, '..', 'tests', 'fixtures', 'create-sample.xml'), 'utf8');
const body = answer === 'list' ? makeListAnswer(sample, 100) : sample;
const canned = async () => new Response(body);
const calls_ = {
  // The glue's generic exports, which the package's named functions call (pkg-template/api.mjs).
  list: () => glue.call('getVpcPeeringInstanceList', { ...LIST_OPTS, fetch: canned }),
  sample: () => glue.call('createVpcPeeringInstance', { ...CREATE_OPTS, fetch: canned }),
  // The dry run: validate + build + sign, nothing sent.
  dry: async () => glue.buildRequest('createVpcPeeringInstance', { ...CREATE_OPTS, timestamp: 1700000000000 }),
};
const call = calls_[answer];
if (!call) throw new Error('--answer must be sample, list or dry');

// Warm up, then profile a fixed stretch.
for (let end = performance.now() + 1000; performance.now() < end; ) await call();
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
let calls = 0;
const c0 = process.cpuUsage();
for (let end = performance.now() + seconds * 1000; performance.now() < end; calls++) await call();
const cpu = process.cpuUsage(c0);
const { profile } = await session.post('Profiler.stop');
session.disconnect();
mkdirSync(join(here, '.out'), { recursive: true });
writeFileSync(join(here, '.out', `profile-${answer}.cpuprofile`), JSON.stringify(profile));

// Self time per node, from the sample timeline.
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

// Coarse buckets: what a call of ours is made of.
const BUCKETS = [
  ['ours: time budget (AbortController + setTimeout per call)', /^node:(internal\/abort_controller|internal\/event_target|internal\/timers|timers)$/],
  ['ours: host.js (fetch init, the race against the budget, reading the Response)', /^host\.js$/],
  ['ours: glue JS and the JS↔wasm boundary (wasm-bindgen, strings)', /^(glue|node:internal\/encoding)$|^wasm (js_sys|web_sys|wasm_bindgen|wasm_bindgen_futures|__wbindgen|__externref|ncloud_vpc_wasm::js::(send|read|mod|read_call)|Closure|createVpcPeeringInstance|getVpcPeeringInstanceList|js)\b/],
  ['ours wasm: result → JS objects (serialisation)', /^wasm (serde_wasm_bindgen|serde|miniserde|serde_json|ncloud_vpc_wasm::js::to_js|itoa|ryu)\b/],
  ['ours wasm: XML parse → model', /^wasm (quick_xml|memchr|ncloud_vpc_wasm::(response|model)|<\*const T as memchr)/],
  ['ours wasm: signing (HMAC-SHA256 + base64)', /^wasm (sha2|hmac|digest|base64|block_buffer|ncloud_vpc_wasm::sign)\b/],
  ['ours wasm: validate + encode + build', /^wasm ncloud_vpc_wasm::(options|encode|request|action|error|retry|wait)\b/],
  ['ours wasm, all of it (no names in this build: use --named to split it)', /^wasm unnamed$/],
  ['ours wasm: allocator, memcpy, core/alloc generics', /^wasm /],
  // Node 20's ReadableStream makes itself transferable (js_transferable): the canned Response's body stream.
  ['canned fetch: new Response + text()', /^node:(internal\/deps\/undici|internal\/webstreams|internal\/streams|internal\/buffer|buffer|internal\/blob|internal\/worker\/js_transferable)/],
  ['GC', /^GC$/],
  ['bench loop', /^bench$/],
];
const frameKey = (frame) => {
  const { url, functionName } = frame;
  if (url.startsWith('wasm://') || /wasm-function/.test(functionName)) {
    const clean = functionName.replace(/^\$/, '').replace(/\[[0-9a-f]{16}\]/g, '').replace(/::h[0-9a-f]{16}$/, '');
    if (/^wasm-function\[\d+\]$/.test(clean)) return 'wasm unnamed';
    if (/^(wasm-to-js|js-to-wasm):/.test(clean)) return 'wasm js_sys (wasm↔JS call stubs)';
    // The leftmost known crate or module in the (demangled) name: `<alloc::vec::Vec<X> as Drop>::drop` is alloc's.
    const m = clean.match(/(ncloud_vpc_wasm::js::\w+|ncloud_vpc_wasm::\w+|quick_xml|memchr|sha2|hmac|digest|base64|block_buffer|serde_wasm_bindgen|miniserde|serde_json|serde|itoa|ryu|js_sys|web_sys|wasm_bindgen_futures|wasm_bindgen|dlmalloc|alloc::\w+|core::\w+|std::\w+|__rustc)/);
    if (m) return `wasm ${m[1]}`;
    if (/^(memcpy|memmove|memset|memcmp|bcmp)$/.test(clean)) return `wasm core::${clean}`;
    if (/^(__wbindgen|__externref|__wbg)/.test(clean)) return 'wasm wasm_bindgen';
    if (/^<(char|str|u\d+|i\d+|usize|bool|\[)/.test(clean)) return 'wasm core::primitive';
    return `wasm ${clean.slice(0, 60)}`;
  }
  if (/ncloud_vpc_wasm\.c?js$/.test(url)) return 'glue';
  if (/\/snippets\/.*\/host\.js$/.test(url)) return 'host.js';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)') return functionName;
  if (/\/bench\/|profile\.mjs|subjects\.mjs/.test(url)) return 'bench';
  // TextEncoder/TextDecoder and performance.now() serve several callers (the glue, undici, the loop): charge them,
  // like V8 builtins and natives without a script, to their caller.
  if (url.startsWith('node:') && !/^node:internal\/(encoding|perf\/performance)$/.test(url)) return url;
  return null;
};
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
const keyOf = (node) => {
  for (let n = node; n; n = nodeById.get(parent.get(n.id))) {
    const key = frameKey(n.callFrame);
    if (key) return key;
  }
  return '(unattributed)';
};
const bucketOf = (key) => (BUCKETS.find(([, re]) => re.test(key)) ?? [key === 'wasm unnamed' ? 'ours wasm (unnamed functions: use --named)' : `other: ${key}`])[0];

const byBucket = new Map();
const byKey = new Map();
const byFunction = new Map();
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0;
  if (!us) continue;
  const key = keyOf(node);
  const bucket = bucketOf(key);
  byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + us);
  byKey.set(key, (byKey.get(key) ?? 0) + us);
  const f = node.callFrame;
  const fn = `${f.functionName || '(anonymous)'}  [${f.url.split('/').pop() || 'native'}${f.url && !f.url.startsWith('wasm') ? `:${f.lineNumber + 1}` : ''}]`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
}
const perCall = (us) => (us / calls).toFixed(2).padStart(8);
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)} %`;
console.log(`${answer} answer: ${calls} calls in ${seconds} s, ${((cpu.user + cpu.system) / calls).toFixed(1)} µs CPU per call ` +
  `(incl. the canned fetch, and the profiler's own overhead); glue and wasm from ${dir}`);
console.log('shares are of the sampled time; µs/call are inflated by the profiler alike, so read the shares');
console.log(`profile: bench/.out/profile-${answer}.cpuprofile (open in Chrome DevTools)\n`);
const list = (map, width, limit = Infinity) => {
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`  ${name.slice(0, width).padEnd(width)} ${perCall(us)} ${pct(us)}`);
};
console.log(`${'self time by bucket'.padEnd(68)} µs/call   share`);
list(byBucket, 66);
console.log(`\n${'self time by module (wasm by Rust crate/module, JS by script)'.padEnd(68)} µs/call   share`);
list(byKey, 66, top);
console.log(`\n${`top ${top} functions by self time`.padEnd(68)} µs/call   share`);
list(byFunction, 66, top);
