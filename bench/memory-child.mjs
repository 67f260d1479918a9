// wasm memory and process RSS after `small` calls and after `large` calls (canned fetch, the sample answer), in a
// fresh process run with --expose-gc. Usage: node --expose-gc memory-child.mjs ours|a small large
import { readFileSync } from 'node:fs';
import { CREATE_OPTS } from './fixtures.mjs';

const [which, small, large] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const sample = readFileSync(new URL('../tests/fixtures/create-sample.xml', import.meta.url), 'utf8');
let client;
let memory = null;
if (which === 'ours') {
  // The glue itself (the package's ./init entry re-exports ncloud_vpc_wasm.js), instantiated here so that its
  // exports, and so its memory, are in hand.
  client = await import('ncloud-vpc-wasm/init');
  const wasm = readFileSync(new URL(import.meta.resolve('ncloud-vpc-wasm/ncloud_vpc_wasm_bg.wasm')));
  memory = client.initSync({ module: wasm }).memory;
} else {
  client = await import('./peer-node.mjs');
}
const opts = { ...CREATE_OPTS, fetch: async () => new Response(sample) };
const snapshot = (calls) => {
  globalThis.gc();
  globalThis.gc();
  const usage = process.memoryUsage();
  return { calls, wasm: memory ? memory.buffer.byteLength : null, rss: usage.rss, heapUsed: usage.heapUsed };
};
let done = 0;
const run = async (upTo) => {
  for (; done < upTo; done++) {
    const result = await client.createVpcPeeringInstance(opts);
    if (result.totalRows !== 1) throw new Error('unexpected result');
  }
};
// Checkpoints between the two, to tell a leak (growing with calls) from the heap settling at its working size.
const checkpoints = [small];
for (let c = small * 10; c < large; c *= 10) checkpoints.push(c);
checkpoints.push(large);
const points = [];
for (const c of checkpoints) {
  await run(c);
  points.push(snapshot(done));
}
console.log(JSON.stringify({ before: points[0], after: points[points.length - 1], points }));
