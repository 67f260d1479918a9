// The fault matrix in Node, on the installed package (imported by name): every case of matrix.mjs against the
// emulator gives its documented code and properties (expected.mjs), leaks neither the secret key nor the signature
// (error properties, nested causes, stack, String, JSON.stringify, util.inspect, console and stdout/stderr), and the
// next call on the same module instance succeeds. Set HARDENING_PRINT_TABLE=1 to print the table for the docs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import * as api from 'ncloud-vpc-wasm';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { CASES, runMatrix } from './matrix.mjs';
import { EXPECTED, problemsOf, markdownTable } from './expected.mjs';
import { matrixEnv, captureWrites } from './_helpers.mjs';

const [alice] = seed.accounts;
let emu;
let env;
before(async () => {
  emu = await startEmulator({ runDelayMs: 50, deleteDelayMs: 50 });
  env = await matrixEnv(emu, alice);
});
after(() => emu?.close());

test('every case has an expectation, and every expectation a case', () => {
  assert.deepEqual(CASES.map((c) => c.name).sort(), Object.keys(EXPECTED).sort());
});

let matrix;
test('the fault matrix in Node: documented codes and properties, no secret anywhere, the next call succeeds', async () => {
  const results = await runMatrix(api, env, { inspect: util.inspect, captureWrites });
  matrix = results;
  if (process.env.HARDENING_PRINT_TABLE) console.log(markdownTable(results));
  const failures = results.map((r) => [r.name, problemsOf(r, 'node')]).filter(([, p]) => p.length > 0);
  assert.deepEqual(failures, [], `\n${failures.map(([n, p]) => `${n}: ${p.join('; ')}`).join('\n')}`);
  assert.equal(results.length, CASES.length);
});

test('the matrix again through createClient: the same codes, the same instance keeps working', async () => {
  // The client merges its configuration under each call's options; failures must not poison it.
  const client = api.createClient({ accessKey: alice.accessKey, secretKey: alice.secretKey, endpoint: emu.url, retries: 0 });
  const viaClient = new Proxy(api, {
    get: (target, key) => (typeof client[key] === 'function' && key !== 'free' ? client[key].bind(client) : target[key]),
  });
  const results = await runMatrix(viaClient, env, { inspect: util.inspect, captureWrites });
  const failures = results.map((r) => [r.name, problemsOf(r, 'node')]).filter(([, p]) => p.length > 0);
  assert.deepEqual(failures, [], `\n${failures.map(([n, p]) => `${n}: ${p.join('; ')}`).join('\n')}`);
  client.free();
});

