// A wasm trap, contained (issue 11 #2), in its own process so that the instance is fresh: its memory is grown
// from outside to the engine's limit, so that the next answer cannot fit and the allocator's failure traps
// (`RuntimeError: unreachable`), as a 67 MB gzip bomb did before the size limit existed. The call must reject
// with ERR_INTERNAL (never an uncaught exception), release its deadline and abort listener, and the instance must
// go on serving calls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { getEventListeners } from 'node:events';
import path from 'node:path';
import * as api from 'ncloud-vpc-wasm';
import { listAnswer } from './host-cases.mjs';
import { startHostileServers } from './hostile-server.mjs';

const keys = { accessKey: 'NCPHOSTILE000000001', secretKey: 'hostileSecretKey000000000000000000000000' };
let servers;
before(async () => { servers = await startHostileServers(); });
after(() => servers?.close());

/** The exports of the very wasm instance the package's Node entry uses (initSync() returns it once initialised). */
function wasmExports() {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('ncloud-vpc-wasm');
  return require(path.join(path.dirname(entry), 'ncloud_vpc_wasm.cjs')).initSync();
}

test('a wasm trap (out of memory) rejects its call with ERR_INTERNAL, releases its timer and listener, and the instance keeps working', async () => {
  // The engine's limit for a wasm32 memory is 4 GiB (65,536 pages). Grow the instance's memory from outside to 16
  // pages short of it (address space only, nothing is touched), so that copying a 3 MB answer in cannot fit and
  // the allocator's failure traps (`unreachable`), as a 67 MB gzip bomb did before the size limit existed.
  const memory = wasmExports().memory;
  const pages = memory.buffer.byteLength / 65536;
  try {
    memory.grow(65536 - pages - 16);
  } catch (error) {
    assert.fail(`could not grow the wasm memory to its limit: ${error.message}`);
  }
  const uncaught = [];
  const onUncaught = (error) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const controller = new AbortController();
    const body = listAnswer('xml', 3 * 1024 * 1024);
    const call = api.getVpcPeeringInstanceList({
      ...keys, retries: 0, timeoutMs: 60_000, signal: controller.signal, fetch: async () => new Response(body),
    });
    // Before the fix the trap escaped (caught above as uncaught) and the call never settled.
    let guard;
    const unsettled = new Promise((resolve) => { guard = setTimeout(resolve, 10_000, 'never settled'); });
    const err = await Promise.race([call.then(() => 'resolved', (e) => e), unsettled]);
    clearTimeout(guard);
    assert.ok(err instanceof Error, `${err}; uncaught: ${uncaught.map(String)}`);
    assert.equal(err.name, 'NcloudVpcError');
    assert.equal(err.code, 'ERR_INTERNAL', err.message);
    assert.equal(err.attempts, 1);
    assert.match(err.message, /^getVpcPeeringInstanceList failed inside the WebAssembly module \(RuntimeError: unreachable\)/);
    assert.ok(err.cause instanceof WebAssembly.RuntimeError);
    // Its 60 s deadline and its abort listener went with it.
    assert.ok(!process.getActiveResourcesInfo().includes('Timeout'), process.getActiveResourcesInfo().join());
    assert.equal(controller.signal.onabort, null);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    // The instance goes on: small calls fit in what the allocator already holds.
    for (let i = 0; i < 50; i += 1) {
      const result = await api.getVpcPeeringInstanceList({ ...keys, endpoint: `${servers.url}/ok`, retries: 0 });
      assert.equal(result.returnCode, '0');
    }
    const client = api.createClient(keys);
    assert.equal((await client.getVpcPeeringInstanceList({ endpoint: `${servers.url}/ok` })).returnCode, '0');
    client.free();
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  assert.deepEqual(uncaught, []);
});
