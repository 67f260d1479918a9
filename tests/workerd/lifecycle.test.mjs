// The peering lifecycle with every call made inside workerd (rpc-worker.mjs), driven from Node against the emulator:
// same-account and cross-account lifecycles, reject, wait timeout and abort, retries on a list and none on a create,
// list paging and filters; routes across accounts, their validation and retries. Run by tests/workerd/run.mjs.
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

test('workerd: routes across accounts by hand (alice-data 10004 ↔ bob-data 20004): each account adds its route through its own RUN peering, reads it back, removes it', async () => {
  emu.reset();
  const sides = [
    { account: alice, other: bob, sourceVpcNo: 10004, targetVpcNo: 20004, targetVpcName: 'bob-data', table: { vpcNo: 10004, routeTableNo: 30007 }, to: '10.3.0.0/16' },
    { account: bob, other: alice, sourceVpcNo: 20004, targetVpcNo: 10004, targetVpcName: 'alice-data', table: { vpcNo: 20004, routeTableNo: 30015 }, to: '10.2.0.0/16' },
  ];
  for (const side of sides) {
    const created = await ok('createVpcPeeringInstance', {
      ...keys(side.account), sourceVpcNo: side.sourceVpcNo, targetVpcNo: side.targetVpcNo, targetVpcName: side.targetVpcName, targetVpcLoginId: side.other.loginId,
    });
    side.peeringNo = created.value.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
    await ok('acceptOrRejectVpcPeering', { ...keys(side.other), vpcPeeringInstanceNo: side.peeringNo, isAccept: true });
    const running = await ok('waitForVpcPeeringInstance', { ...keys(side.account), vpcPeeringInstanceNo: side.peeringNo, awaitAcceptance: true, ...FAST });
    assert.equal(running.value.vpcPeeringInstanceStatus.code, 'RUN');
    side.route = { destinationCidrBlock: side.to, targetTypeCode: 'VPCPEERING', targetNo: side.peeringNo };
    // POST for a mutation in Workers (README, Security: workerd's fetch may resend a GET).
    const added = await ok('addRoute', { ...keys(side.account), ...side.table, routeList: [side.route], method: 'POST' });
    assert.deepEqual(added.value.routeList.map((r) => [r.destinationCidrBlock, r.targetType.code, r.targetNo]),
      [[side.to === '10.3.0.0/16' ? '10.2.0.0/16' : '10.3.0.0/16', 'LOCAL', ''], [side.to, 'VPCPEERING', side.peeringNo]]);
  }
  for (const side of sides) {
    const read = await ok('getRouteList', { ...keys(side.account), ...side.table, responseFormatType: 'xml' });
    assert.deepEqual(read.value.routeList.at(-1).targetNo, side.peeringNo);
    // The other account sees neither the table nor its routes.
    const foreign = await call('getRouteList', { ...keys(side.other), ...side.table });
    assert.equal(foreign.error.code, 'ERR_NCP_API');
    assert.equal((await ok('getRouteTableDetail', { ...keys(side.other), routeTableNo: side.table.routeTableNo })).value.totalRows, 0);
  }
  for (const side of sides) {
    const removed = await ok('removeRoute', { ...keys(side.account), ...side.table, routeList: [side.route], method: 'POST' });
    assert.deepEqual(removed.value.routeList.map((r) => r.targetType.code), ['LOCAL']);
    await ok('deleteVpcPeeringInstance', { ...keys(side.account), vpcPeeringInstanceNo: side.peeringNo, method: 'POST' });
  }
  assert.ok(emu.requests.every((r) => r.signatureValid));
});

test('workerd: route validation before sending, and addRoute not retried after a 503 while getRouteList is', async () => {
  emu.reset();
  const table = { ...keys(alice), vpcNo: 10002, routeTableNo: 30003 };
  const invalid = await call('addRoute', { ...table, routeList: [{ destinationCidrBlock: '10.0.0.0/8', targetTypeCode: 'VPCPEERING' }] });
  assert.deepEqual([invalid.error.code, invalid.error.field, invalid.error.attempts], ['ERR_INVALID_OPTION', 'routeList[0].targetNo', 0]);
  assert.equal(emu.requests.length, 0);
  emu.injectFault({ kind: 'status503', count: 1 });
  const once = await call('addRoute', { ...table, method: 'POST', routeList: [{ destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNo: 1 }] });
  assert.deepEqual([once.error.code, once.error.status, once.error.attempts], ['ERR_NCP_API', 503, 1]);
  assert.equal(emu.requests.length, 1);
  emu.injectFault({ kind: 'status503', count: 2 });
  await ok('getRouteList', table);
  assert.deepEqual(emu.requests.slice(1).map((r) => [r.action, r.status]), [['getRouteList', 503], ['getRouteList', 503], ['getRouteList', 200]]);
});
