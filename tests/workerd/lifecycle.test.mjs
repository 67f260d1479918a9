// The peering lifecycle with every call made inside workerd (rpc-worker.mjs), driven from Node against the emulator:
// same-account and cross-account lifecycles, reject, wait timeout and abort, retries on a list and none on a create,
// list paging and filters. Run by tests/workerd/run.mjs.
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { ROOT, bundleLikeWrangler, compatibilityDate, startWorkerd } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const [alice, bob] = seed.accounts;
const FAST = { pollIntervalMs: 30, maxPollIntervalMs: 100 };

let emu;
let workerd;
before(async () => {
  emu = await startEmulator({ runDelayMs: 100, deleteDelayMs: 100 });
  const outdir = path.join(ROOT, '.scratch', 'workerd', 'rpc-worker');
  const bundle = await bundleLikeWrangler({ entry: path.join(here, 'rpc-worker.mjs'), outdir });
  workerd = await startWorkerd({ outdir, modules: bundle.modules, compatibilityDate: compatibilityDate('2026-04-01') });
});
after(async () => {
  await workerd?.close();
  await emu?.close();
});

const keys = (account) => ({ accessKey: account.accessKey, secretKey: account.secretKey, endpoint: emu.url });

/** Runs `fn(opts)` inside workerd; resolves with `{ok, value | error, polls}`. */
async function call(fn, opts, extra = {}) {
  const response = await fetch(workerd.url, { method: 'POST', body: JSON.stringify({ fn, opts, ...extra }) });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

async function ok(fn, opts) {
  const result = await call(fn, opts);
  assert.ok(result.ok, `${fn} failed in workerd: ${JSON.stringify(result.error)}`);
  return result;
}

test('workerd: same account create → wait RUN → list → describe → delete → wait GONE', async () => {
  emu.reset();
  const created = await ok('createVpcPeeringInstance', { ...keys(alice), sourceVpcNo: 10001, targetVpcNo: 10002 });
  const no = created.value.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  // Accepted but possibly still INIT, which looks like awaiting acceptance (nothing documented tells them apart):
  // the caller knows it was accepted and says so.
  const running = await ok('waitForVpcPeeringInstance', { ...keys(alice), vpcPeeringInstanceNo: no, awaitAcceptance: true, ...FAST });
  assert.equal(running.value.vpcPeeringInstanceStatus.code, 'RUN');
  assert.equal(running.polls.at(-1), 'RUN');
  assert.equal((await ok('getVpcPeeringInstanceList', keys(alice))).value.totalRows, 1);
  const described = await ok('setVpcPeeringDescription', { ...keys(alice), vpcPeeringInstanceNo: no, vpcPeeringDescription: '설명' });
  assert.equal(described.value.vpcPeeringInstanceList[0].vpcPeeringDescription, '설명');
  await ok('deleteVpcPeeringInstance', { ...keys(alice), vpcPeeringInstanceNo: no });
  const gone = await ok('waitForVpcPeeringInstance', { ...keys(alice), vpcPeeringInstanceNo: no, until: 'GONE', ...FAST });
  assert.equal(gone.value, null);
  assert.ok(emu.requests.every((r) => r.signatureValid));
});

test('workerd: cross account → ERR_AWAITING_ACCEPTANCE → accept with the other keys → RUN', async () => {
  emu.reset();
  const created = await ok('createVpcPeeringInstance', {
    ...keys(alice), sourceVpcNo: 10001, targetVpcNo: 20002, targetVpcName: 'bob-api', targetVpcLoginId: bob.loginId,
  });
  const no = created.value.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const waiting = await call('waitForVpcPeeringInstance', { ...keys(alice), vpcPeeringInstanceNo: no, ...FAST });
  assert.equal(waiting.ok, false);
  assert.equal(waiting.error.code, 'ERR_AWAITING_ACCEPTANCE');
  assert.equal(waiting.error.instance.vpcPeeringInstanceNo, no);
  await ok('acceptOrRejectVpcPeering', { ...keys(bob), vpcPeeringInstanceNo: no, isAccept: true });
  // Accepted but possibly still INIT, which looks like awaiting acceptance (nothing documented tells them apart):
  // the caller knows it was accepted and says so.
  const running = await ok('waitForVpcPeeringInstance', { ...keys(alice), vpcPeeringInstanceNo: no, awaitAcceptance: true, ...FAST });
  assert.equal(running.value.vpcPeeringInstanceStatus.code, 'RUN');
});

test('workerd: reject → GONE', async () => {
  emu.reset();
  const created = await ok('createVpcPeeringInstance', {
    ...keys(alice), sourceVpcNo: 10002, targetVpcNo: 20001, targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId,
  });
  const no = created.value.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  await ok('acceptOrRejectVpcPeering', { ...keys(bob), vpcPeeringInstanceNo: no, isAccept: false });
  const gone = await ok('waitForVpcPeeringInstance', { ...keys(alice), vpcPeeringInstanceNo: no, until: 'GONE', ...FAST });
  assert.equal(gone.value, null);
});

test('workerd: wait timeout and abort', async () => {
  emu.reset();
  const created = await ok('createVpcPeeringInstance', {
    ...keys(alice), sourceVpcNo: 10001, targetVpcNo: 20002, targetVpcName: 'bob-api', targetVpcLoginId: bob.loginId,
  });
  const no = created.value.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const patient = { ...keys(alice), vpcPeeringInstanceNo: no, awaitAcceptance: true, ...FAST };
  const timedOut = await call('waitForVpcPeeringInstance', { ...patient, timeoutMs: 200 });
  assert.equal(timedOut.error.code, 'ERR_TIMEOUT');
  const aborted = await call('waitForVpcPeeringInstance', patient, { abortAfterMs: 100 });
  assert.equal(aborted.error.code, 'ERR_ABORTED');
});

test('workerd: a list retries injected 503s and counts attempts; a create is not retried', async () => {
  emu.reset();
  emu.injectFault({ kind: 'status503', count: 2 });
  await ok('getVpcPeeringInstanceList', keys(alice));
  assert.equal(emu.requests.length, 3);
  emu.reset();
  emu.injectFault({ kind: 'status503', count: 10 });
  const exhausted = await call('getVpcPeeringInstanceList', { ...keys(alice), retries: 2 });
  assert.equal(exhausted.error.code, 'ERR_NCP_API');
  assert.equal(exhausted.error.attempts, 3);
  emu.reset();
  emu.injectFault({ kind: 'status503', count: 1 });
  const create = await call('createVpcPeeringInstance', { ...keys(alice), sourceVpcNo: 10001, targetVpcNo: 10002 });
  assert.equal(create.error.status, 503);
  assert.equal(create.error.attempts, 1);
  assert.equal(emu.requests.length, 1);
});

test('workerd: list paging and filters', async () => {
  emu.reset();
  for (const [source, target, name] of [[10001, 10002, 'zeta'], [10002, 10001, 'alpha'], [10002, 10003, 'mid']]) {
    await ok('createVpcPeeringInstance', { ...keys(alice), sourceVpcNo: source, targetVpcNo: target, vpcPeeringName: name });
  }
  const page = await ok('getVpcPeeringInstanceList', {
    ...keys(alice), sortedBy: 'vpcPeeringName', sortingOrder: 'ASC', pageNo: 1, pageSize: 2,
  });
  assert.equal(page.value.totalRows, 3);
  assert.deepEqual(page.value.vpcPeeringInstanceList.map((p) => p.vpcPeeringName), ['alpha', 'mid']);
  const filtered = await ok('getVpcPeeringInstanceList', { ...keys(alice), sourceVpcName: 'alice-app', responseFormatType: 'json' });
  assert.equal(filtered.value.totalRows, 2);
});
