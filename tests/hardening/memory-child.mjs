// One measurement of the wasm's memory for one answer, in a fresh process (wasm memory never shrinks, so each answer
// needs its own instance): `node memory-child.mjs <shape> <xml|json> <bytes>` prints
// `{ bytes, before, after, code, message }`: the instance's memory.buffer.byteLength after a warm-up call and after
// the call that parsed the answer, and the error it rejected with (code null when it resolved). Run by
// memory.test.mjs.
import { readFileSync } from 'node:fs';
import { SHAPES } from './answer-shapes.mjs';

const [name, format, size] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const shape = SHAPES[name];
const api = await import('ncloud-vpc-wasm/init');
const { memory } = api.initSync({ module: readFileSync(new URL(import.meta.resolve('ncloud-vpc-wasm/ncloud_vpc_wasm_bg.wasm'))) });
const action = shape.action ?? 'getVpcPeeringInstanceList';
const call = (body) => api[action]({
  accessKey: 'NCPACCESSKEY00000000', secretKey: 'secretKey0000000000000000000000000000000', retries: 0, timeoutMs: 0,
  responseFormatType: format, ...(action === 'getVpcPeeringInstanceList' ? {} : { vpcPeeringInstanceNo: '1' }),
  fetch: async () => new Response(body, { status: shape.status ?? 200 }),
});
// Warm-up: a small answer of the same shape, so the instance's fixed allocations are made before `before`.
await call(Buffer.from(shape.make(format, 4096))).catch(() => {});
const body = Buffer.from(shape.make(format, size));
const before = memory.buffer.byteLength;
let error = null;
await call(body).catch((err) => { error = err; });
console.log(JSON.stringify({ bytes: body.length, before, after: memory.buffer.byteLength, code: error?.code ?? null, message: error?.message?.slice(0, 300) }));
