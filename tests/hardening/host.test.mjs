// The host's hardening cases (host-cases.mjs) in Node, on the installed package imported by name, against the
// hostile servers (hostile-server.mjs); plus no timer or handle left in `process.getActiveResourcesInfo()`.
// host-runtimes.test.mjs runs the same cases in workerd and Chromium; trap.test.mjs contains a wasm trap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as api from 'ncloud-vpc-wasm';
import { HOST_CASES, runHostCases, problemsOf } from './host-cases.mjs';
import { startHostileServers, HOSTILE_KEYS } from './hostile-server.mjs';

const keys = HOSTILE_KEYS;
let servers;
let env;
before(async () => {
  servers = await startHostileServers();
  env = { hostile: servers.url, ...keys };
});
after(() => servers?.close());

for (const c of HOST_CASES) {
  test(`${c.issue ? `#${c.issue} ` : ''}${c.name}`, async () => {
    const [record] = await runHostCases(api, env, 'node', [c.name]);
    const problems = problemsOf(record, 'node');
    assert.deepEqual(problems, [], `${problems.join('; ')}\n${JSON.stringify(record, null, 1)}`);
  });
}

test('no timer or other handle is left once the cases have settled', async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const controller = new AbortController();
  const calls = ['size-5000000-chunked', 'endless-gzip', 'drip', 'redirect-307'].map((scenario) => api.getVpcPeeringInstanceList({
    ...keys, endpoint: `${servers.url}/${scenario}`, retries: 0, timeoutMs: 400, signal: controller.signal,
  }).catch((e) => e.code));
  assert.deepEqual(await Promise.all(calls), ['ERR_BAD_RESPONSE', 'ERR_BAD_RESPONSE', 'ERR_TIMEOUT', 'ERR_HTTP']);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(timers(), before, process.getActiveResourcesInfo().join());
});

test('#2 dry runs accept maxResponseBytes and ignore it; validateOptions checks it', () => {
  const options = { ...keys, timestamp: 1_700_000_000_000 };
  assert.deepEqual(api.buildGetVpcPeeringInstanceListRequest({ ...options, maxResponseBytes: 2048 }), api.buildGetVpcPeeringInstanceListRequest(options));
  assert.deepEqual(api.validateOptions('waitForVpcPeeringInstance', { ...keys, vpcPeeringInstanceNo: '1', maxResponseBytes: 1023 }), [
    { field: 'maxResponseBytes', message: 'maxResponseBytes must be an integer from 1024 to 33554432 (bytes): got 1023' },
  ]);
  const client = api.createClient({ ...keys, maxResponseBytes: 2048 });
  assert.deepEqual(client.buildGetVpcPeeringInstanceListRequest({ timestamp: 1_700_000_000_000 }), api.buildGetVpcPeeringInstanceListRequest(options));
  client.free();
  assert.throws(() => api.createClient({ ...keys, maxResponseBytes: '4096' }), { code: 'ERR_INVALID_OPTION', field: 'maxResponseBytes' });
});
