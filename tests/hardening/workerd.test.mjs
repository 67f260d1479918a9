// The fault matrix inside workerd (the npm `workerd` binary), on the installed package imported by name: the Worker
// (worker-faults.mjs) is bundled the way wrangler bundles it (tests/workerd/harness.mjs: esbuild with the conditions
// workerd/worker/browser, the .wasm an external CompiledWasm module, outbound fetch through a network service that
// may reach 127.0.0.1) and runs matrix.mjs against the emulator in this process. Same expectations as in Node
// (expected.mjs) unless a case names a workerd difference; workerd's own output is scanned for secrets too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { bundleLikeWrangler, compatibilityDate, startWorkerd, ROOT } from '../workerd/harness.mjs';
import { CASES } from './matrix.mjs';
import { problemsOf, markdownTable } from './expected.mjs';
import { matrixEnv } from './_helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [alice] = seed.accounts;
let emu;
let workerd;
let env;
before(async () => {
  emu = await startEmulator({ runDelayMs: 50, deleteDelayMs: 50 });
  const outdir = path.join(ROOT, '.scratch', 'hardening-workerd');
  const bundle = await bundleLikeWrangler({ entry: path.join(here, 'worker-faults.mjs'), outdir });
  const inputs = Object.keys(bundle.metafile.inputs);
  assert.ok(inputs.some((p) => p.endsWith('node_modules/ncloud-vpc-wasm/workerd.mjs')), `the workerd entry was not bundled: ${inputs}`);
  workerd = await startWorkerd({ outdir, modules: bundle.modules, compatibilityDate: compatibilityDate('2026-04-01') });
  env = await matrixEnv(emu, alice);
});
after(async () => {
  await workerd?.close();
  await emu?.close();
});

async function runInWorkerd(only) {
  const response = await fetch(workerd.url, { method: 'POST', body: JSON.stringify({ env, only }) });
  const text = await response.text();
  assert.equal(response.status, 200, `the Worker answered ${response.status}: ${text}\n${workerd.log()}`);
  return JSON.parse(text);
}

let matrix;
test('the fault matrix in workerd: documented codes and properties, no secret anywhere, the next call succeeds', async () => {
  matrix = await runInWorkerd(null);
  if (process.env.HARDENING_PRINT_TABLE) console.log(markdownTable(matrix));
  assert.equal(matrix.length, CASES.length);
  const failures = matrix.map((r) => [r.name, problemsOf(r, 'workerd')]).filter(([, p]) => p.length > 0);
  assert.deepEqual(failures, [], `\n${failures.map(([n, p]) => `${n}: ${p.join('; ')}`).join('\n')}`);
});

test('workerd printed neither the secret key nor a signature', () => {
  const log = workerd.log();
  assert.ok(!log.includes(alice.secretKey), 'the secret key is in workerd\'s output');
  assert.ok(!log.includes(env.wrongSecretKey));
  assert.doesNotMatch(log, /x-ncp-apigw-signature-v2/i);
});

