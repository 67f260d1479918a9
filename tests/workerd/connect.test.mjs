// connectVpcs / disconnectVpcs end to end in workerd: every scenario of ../browser/connect-scenarios.mjs runs inside
// the Worker connect-worker.mjs (the package bundled as wrangler bundles it), against emulators started here.
// workerd's fetch re-sends a GET whose (reused) connection closed without an answer (a `drop`): the scenarios are
// told so (`resendsDropped`) and check that the copy followed as it was and alone was processed; a POST is not
// re-sent, and fails as in Node.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from '../browser/connect-scenarios.mjs';
import { connectEnv } from '../browser/connect-env.mjs';
import { ROOT, bundleLikeWrangler, compatibilityDate, startWorkerd } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

let env;
let workerd;
before(async () => {
  env = await connectEnv();
  const outdir = path.join(ROOT, '.scratch', 'workerd', 'connect-worker');
  const bundle = await bundleLikeWrangler({ entry: path.join(here, 'connect-worker.mjs'), outdir });
  workerd = await startWorkerd({ outdir, modules: bundle.modules, compatibilityDate: compatibilityDate('2026-04-01') });
});
after(async () => {
  await workerd?.close();
  await env?.close();
});

for (const name of Object.keys(SCENARIOS)) {
  test(`workerd: ${name}`, async () => {
    const response = await fetch(workerd.url, { method: 'POST', body: JSON.stringify({ name, env: { ...env.env, resendsDropped: 'GET' } }) });
    const text = await response.text();
    assert.equal(response.status, 200, `the Worker answered ${response.status}: ${text}\n${workerd.log()}`);
    const outcome = JSON.parse(text);
    assert.ok(outcome.ok, outcome.error);
    console.log(`# ${name}: ${JSON.stringify(outcome.facts)}`);
  });
}
