// connectVpcs / disconnectVpcs from CommonJS: `require('ncloud-vpc-wasm')` (the package's node.cjs) runs a share of
// the scenarios of ../browser/connect-scenarios.mjs against emulators started here (connect.test.mjs runs them all).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const api = require('ncloud-vpc-wasm');

const NAMES = [
  'same account: connect, again, disconnect, again',
  'cross account with both keys: connect, again, disconnect, again',
  'cross account, one account\'s keys, alice first then bob',
  'dry run: reads only, each planned request as its build…Request signs it',
  'faults: connectVpcs, truncated before each mutating request, then a rerun',
];

let env;
let runScenario;
before(async () => {
  assert.match(require.resolve('ncloud-vpc-wasm'), /node\.cjs$/, 'require resolves the CommonJS entry');
  ({ runScenario } = await import('../browser/connect-scenarios.mjs'));
  env = await (await import('../browser/connect-env.mjs')).connectEnv();
});
after(() => env?.close());

test('the CommonJS entry exports connectVpcs and disconnectVpcs, and no dry-run builder for them', () => {
  assert.equal(typeof api.connectVpcs, 'function');
  assert.equal(typeof api.disconnectVpcs, 'function');
  assert.equal(api.buildConnectVpcsRequest, undefined);
  const client = api.createClient({ accessKey: 'AK', secretKey: 'SK' });
  assert.equal(typeof client.connectVpcs, 'function');
  assert.equal(typeof client.disconnectVpcs, 'function');
  client.free();
});

for (const name of NAMES) {
  test(`CommonJS: ${name}`, async () => {
    const outcome = await runScenario(api, env.env, name);
    assert.ok(outcome.ok, outcome.error);
  });
}
