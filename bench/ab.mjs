// Two builds of the package side by side in one Node process: CPU per call of each, in the same interleaved rounds,
// so that a change meant to shrink the .wasm can be checked for what it costs in speed (docs/performance.md, "What
// the download is made of"). A report for whoever changes the build, not a test.
//
//   node bench/ab.mjs OLD_PKG_DIR NEW_PKG_DIR [--rounds=15]
//
// Each directory is a built pkg/ (scripts/build.sh), loaded through its own node.cjs, so each has its own wasm
// instance. Subjects as in `make bench` (bench/subjects.mjs): the sample answer, the 100-instance list and the dry
// run, plus the canned fetch alone, subtracted round by round. Printed: each build's median µs per call, and the
// median over rounds of new ÷ old (paired by round, so the machine's load moves both alike).
import { createRequire } from 'node:module';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { measure, median, nodeTimer } from './measure.mjs';
import { makeSubjects } from './subjects.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [oldDir, newDir] = process.argv.slice(2).filter((a) => !a.startsWith('--')).map((d) => resolve(d));
if (!newDir) {
  console.error('usage: node bench/ab.mjs OLD_PKG_DIR NEW_PKG_DIR [--rounds=15]');
  process.exit(2);
}
const rounds = Number((process.argv.find((a) => a.startsWith('--rounds=')) ?? '--rounds=15').slice(9));
const require = createRequire(import.meta.url);
const sample = readFileSync(join(here, '..', 'tests', 'fixtures', 'create-sample.xml'), 'utf8');

const builds = { old: require(join(oldDir, 'node.cjs')), new: require(join(newDir, 'node.cjs')) };
const subjects = {};
for (const [tag, ours] of Object.entries(builds)) {
  const s = makeSubjects({ ours, peers: {}, sample });
  for (const key of ['ours-sample', 'ours-list', 'ours-build']) subjects[`${tag} ${key.slice(5)}`] = s[key];
  Object.assign(subjects, { 'canned-sample': s['canned-sample'], 'canned-list': s['canned-list'] });
}
// Each round runs, for each call, the canned fetch and then both builds, old first in even rounds and new first in
// odd ones: what a subject leaves behind (garbage, the engine's background compiling) then lands on each build alike.
const timer = nodeTimer(subjects);
const sized = await measure(timer, Object.keys(subjects), { rounds: 0, roundMs: 150, calibrateMs: 20 });
// Both builds run the same number of calls per round (the larger calibration): a round's fixed costs then weigh alike.
for (const what of ['sample', 'list', 'build']) {
  const n = Math.max(sized[`old ${what}`].n, sized[`new ${what}`].n);
  sized[`old ${what}`].n = sized[`new ${what}`].n = n;
}
const r = Object.fromEntries(Object.keys(subjects).map((s) => [s, { perCall: [] }]));
for (let round = 0; round < rounds; round++) {
  for (const what of ['sample', 'list', 'build']) {
    const order = round % 2 ? [`new ${what}`, `old ${what}`] : [`old ${what}`, `new ${what}`];
    for (const s of what === 'build' ? order : [`canned-${what}`, ...order]) {
      r[s].perCall.push(((await timer(s, sized[s].n)).ms * 1000) / sized[s].n);
    }
  }
}

const netOf = (subject, baseline) => r[subject].perCall.map((x, i) => x - (baseline ? r[baseline].perCall[i] : 0));
const size = (dir) => {
  const wasm = readFileSync(join(dir, 'ncloud_vpc_wasm_bg.wasm'));
  return `${statSync(join(dir, 'ncloud_vpc_wasm_bg.wasm')).size} B raw, ${gzipSync(wasm, { level: 9 }).length} B gzip`;
};
console.log(`old: ${oldDir} (${size(oldDir)})\nnew: ${newDir} (${size(newDir)})\nCPU time, ${rounds} rounds of ~150 ms per subject, the builds' order alternating; µs per call, net of the canned fetch + text() (the dry run: raw)`);
console.log(`${'call'.padEnd(10)} ${'old'.padStart(9)} ${'new'.padStart(9)}   new ÷ old (median of per-round ratios; min–max)`);
for (const [what, baseline] of [['sample', 'canned-sample'], ['list', 'canned-list'], ['build', null]]) {
  const o = netOf(`old ${what}`, baseline);
  const n = netOf(`new ${what}`, baseline);
  const ratios = o.map((x, i) => n[i] / x);
  console.log(`${what.padEnd(10)} ${median(o).toFixed(1).padStart(9)} ${median(n).toFixed(1).padStart(9)}   ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`);
}
