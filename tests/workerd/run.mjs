// workerd: the real runtime from the npm `workerd` package runs a Worker that imports ncloud-vpc-wasm by name from
// this folder's node_modules (the packed tarball, installed by scripts/pack.sh), bundled the way wrangler bundles it
// (harness.mjs). Two Workers: worker.mjs (the package's `workerd` entry) and worker-init.mjs (`ncloud-vpc-wasm/init`
// with the .wasm subpath imported as a module). Each runs the shared checks (../browser/checks.mjs) against the
// emulator; this file asserts their facts.
//   node tests/workerd/run.mjs
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { registerChecks, checkEnv } from '../browser/expect.mjs';
import { ROOT, bundleLikeWrangler, compatibilityDate, startWorkerd } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [alice] = seed.accounts;

let emu;
before(async () => {
  assert.ok(
    fs.existsSync(path.join(here, 'node_modules', 'ncloud-vpc-wasm', 'package.json')),
    'ncloud-vpc-wasm is not installed in tests/workerd: run `make pack` first',
  );
  emu = await startEmulator({ runDelayMs: 100, deleteDelayMs: 100 });
});
after(() => emu?.close());

const workers = {
  workerd: { entry: 'worker.mjs', bundled: 'ncloud-vpc-wasm/workerd.mjs' },
  'workerd, ncloud-vpc-wasm/init': { entry: 'worker-init.mjs', bundled: 'ncloud-vpc-wasm/init.mjs' },
};

for (const [label, { entry, bundled }] of Object.entries(workers)) {
  describe(label, () => {
    let workerd;
    let bundle;
    let env;
    let results;
    let requests;

    before(async () => {
      const outdir = path.join(ROOT, '.scratch', 'workerd', path.basename(entry, '.mjs'));
      bundle = await bundleLikeWrangler({ entry: path.join(here, entry), outdir });
      workerd = await startWorkerd({ outdir, modules: bundle.modules, compatibilityDate: compatibilityDate('2026-04-01') });
      emu.reset();
      env = await checkEnv(emu, alice);
      const response = await fetch(workerd.url, { method: 'POST', body: JSON.stringify(env) });
      const text = await response.text();
      assert.equal(response.status, 200, `the Worker answered ${response.status}: ${text}\n${workerd.log()}`);
      results = JSON.parse(text);
      requests = [...emu.requests];
    });
    after(() => workerd?.close());

    test(`${label}: the bundle holds ${bundled} and keeps the .wasm as a CompiledWasm module`, () => {
      const inputs = Object.keys(bundle.metafile.inputs);
      assert.ok(inputs.some((p) => p.endsWith(bundled)), `${bundled} not bundled: ${inputs}`);
      assert.ok(!inputs.some((p) => /ncloud-vpc-wasm\/(browser|node)\.mjs$/.test(p)), 'another entry was bundled');
      const wasm = bundle.modules.filter((m) => m.type === 'wasm');
      assert.equal(wasm.length, 1);
      assert.match(wasm[0].name, /^[0-9a-f]{40}-ncloud_vpc_wasm_bg\.wasm$/);
      console.log(`# ${label} bundle: worker.js ${bundle.modules[0].bytes} B, ${wasm[0].name.slice(41)} ${wasm[0].bytes} B`);
    });

    registerChecks(label, () => results, () => ({ requests, env }));
  });
}
