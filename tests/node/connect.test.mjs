// connectVpcs / disconnectVpcs end to end in Node (ESM), against emulators started here: every scenario of
// ../browser/connect-scenarios.mjs (shared with CJS, workerd and Chromium), on the package installed by name.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as api from 'ncloud-vpc-wasm';
import { SCENARIOS, runScenario } from '../browser/connect-scenarios.mjs';
import { connectEnv } from '../browser/connect-env.mjs';

let env;
before(async () => { env = await connectEnv(); });
after(() => env.close());

for (const name of Object.keys(SCENARIOS)) {
  test(name, async () => {
    const outcome = await runScenario(api, env.env, name);
    assert.ok(outcome.ok, outcome.error);
    console.log(`# ${name}: ${JSON.stringify(outcome.facts)}`);
  });
}
