// Parse time per byte of hostile XML answers as they grow from 100 KB to the 4 MiB size limit (issue 11 #3): a
// table, one row per shape, the time per byte at each size; linear parsing keeps each row flat. Each figure is the
// median wall time of a whole call (`getVpcPeeringInstanceList` with a `fetch` answering `new Response(body)`, so the
// Response, its arrayBuffer() and the copy into the wasm count too) divided by the body's size. A report, never a
// pass/fail: `make bench-hostile` (after `make pack`).
//
//   node bench/hostile-xml.mjs                      # the package installed in bench/node_modules
//   HOSTILE_PACKAGE=/path/to/pkg/node.mjs node bench/hostile-xml.mjs   # another build (the one before round two, say)
//
// A shape whose call takes longer than HOSTILE_MAX_SECONDS (default 5) at one size is not run at larger ones.
import { HOSTILE_XML } from '../tests/hardening/answer-shapes.mjs';

const api = await import(process.env.HOSTILE_PACKAGE ?? 'ncloud-vpc-wasm');
const SIZES = [100_000, 200_000, 400_000, 800_000, 1_600_000, 3_200_000, 4 * 1024 * 1024];
const MAX_MS = Number(process.env.HOSTILE_MAX_SECONDS ?? 5) * 1000;

async function timeCall(body) {
  const started = performance.now();
  await api.getVpcPeeringInstanceList({
    accessKey: 'NCPACCESSKEY00000000', secretKey: 'secretKey0000000000000000000000000000000', retries: 0, timeoutMs: 0,
    fetch: async () => new Response(body),
  }).catch(() => {});
  return performance.now() - started;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const label = (bytes) => (bytes % 1048576 === 0 ? `${bytes / 1048576} MiB` : bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1000} KB`);

console.log(`Parse time per byte, ns (median of runs; the wall time of a whole call ÷ the body's bytes), ${process.env.HOSTILE_PACKAGE ?? 'ncloud-vpc-wasm'}, Node ${process.version}\n`);
console.log(`| shape | ${SIZES.map(label).join(' | ')} | largest ÷ smallest |`);
console.log(`|---|${SIZES.map(() => '---:').join('|')}|---:|`);
for (const [name, make] of Object.entries(HOSTILE_XML)) {
  const cells = [];
  let tooSlow = false;
  for (const size of SIZES) {
    if (tooSlow) {
      cells.push('–');
      continue;
    }
    const body = Buffer.from(make(size));
    const first = await timeCall(body);
    const runs = [first];
    // About half a second of runs per size, at least three.
    while (first < MAX_MS && (runs.length < 3 || runs.reduce((a, b) => a + b, 0) < 500) && runs.length < 50) runs.push(await timeCall(body));
    const ms = median(runs);
    cells.push((ms * 1e6) / body.length);
    if (first >= MAX_MS) tooSlow = true;
  }
  const measured = cells.filter((c) => typeof c === 'number');
  const ratio = measured.length === SIZES.length ? `${(measured.at(-1) / measured[0]).toFixed(2)}×` : `> ${MAX_MS / 1000} s`;
  console.log(`| ${name} | ${cells.map((c) => (typeof c === 'number' ? c.toFixed(1) : c)).join(' | ')} | ${ratio} |`);
}
