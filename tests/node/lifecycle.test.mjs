// The whole peering lifecycle against the emulator: list, detail, accept/reject, delete, describe, wait, the
// client, and the retry policy (read-only calls retry, mutating ones do not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createClient,
  createVpcPeeringInstance,
  getVpcPeeringInstanceList,
  getVpcPeeringInstanceDetail,
  acceptOrRejectVpcPeering,
  deleteVpcPeeringInstance,
  setVpcPeeringDescription,
  waitForVpcPeeringInstance,
  buildGetVpcPeeringInstanceListRequest,
} from 'ncloud-vpc-wasm';
import { emulator, keys, alice, bob, rejection } from './_setup.mjs';

let emu;
before(async () => { emu = await emulator(); });
after(() => emu.close());

const FAST = { pollIntervalMs: 30, maxPollIntervalMs: 100 };

test('same account: create → wait RUN → list → describe → delete → wait GONE', async () => {
  emu.reset();
  const created = await createVpcPeeringInstance({ ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002, vpcPeeringName: 'web-app' });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const polls = [];
  const running = await waitForVpcPeeringInstance({
    ...keys(alice, emu), vpcPeeringInstanceNo: no, ...FAST, onPoll: (p) => polls.push(p.vpcPeeringInstanceStatus.code),
  });
  assert.equal(running.vpcPeeringInstanceStatus.code, 'RUN');
  assert.equal(polls.at(-1), 'RUN');
  assert.ok(polls.length >= 1);

  const listed = await getVpcPeeringInstanceList({ ...keys(alice, emu) });
  assert.deepEqual(listed.vpcPeeringInstanceList.map((p) => p.vpcPeeringInstanceNo), [no]);

  const described = await setVpcPeeringDescription({ ...keys(alice, emu), vpcPeeringInstanceNo: no, vpcPeeringDescription: '웹 → 앱' });
  assert.equal(described.vpcPeeringInstanceList[0].vpcPeeringDescription, '웹 → 앱');
  const detail = await getVpcPeeringInstanceDetail({ ...keys(alice, emu), vpcPeeringInstanceNo: no });
  assert.equal(detail.vpcPeeringInstanceList[0].vpcPeeringDescription, '웹 → 앱');

  const deleted = await deleteVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no });
  assert.equal(deleted.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
  const gone = await waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, until: 'GONE', ...FAST });
  assert.equal(gone, null);
  const after = await getVpcPeeringInstanceDetail({ ...keys(alice, emu), vpcPeeringInstanceNo: no });
  assert.equal(after.totalRows, 0);
});

test('cross account: create → ERR_AWAITING_ACCEPTANCE → accept with the other keys → RUN', async () => {
  emu.reset();
  const created = await createVpcPeeringInstance({
    ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 20002, targetVpcName: 'bob-api', targetVpcLoginId: bob.loginId,
  });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  assert.equal(created.vpcPeeringInstanceList[0].isBetweenAccounts, true);
  const started = Date.now();
  const err = await rejection(waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, ...FAST }));
  assert.equal(err.code, 'ERR_AWAITING_ACCEPTANCE');
  assert.equal(err.instance.vpcPeeringInstanceNo, no);
  assert.match(err.message, /bob@example\.com/);
  assert.ok(Date.now() - started < 2000, 'does not hang');

  // the creator may choose to keep waiting while the other account accepts
  const patient = waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, awaitAcceptance: true, ...FAST });
  const wrong = await rejection(acceptOrRejectVpcPeering({ ...keys(alice, emu), vpcPeeringInstanceNo: no, isAccept: true }));
  assert.equal(wrong.code, 'ERR_NCP_API', 'the requester cannot accept its own request');
  await acceptOrRejectVpcPeering({ ...keys(bob, emu), vpcPeeringInstanceNo: no, isAccept: true });
  const running = await patient;
  assert.equal(running.vpcPeeringInstanceStatus.code, 'RUN');
});

test('cross account: reject makes the peering go away', async () => {
  emu.reset();
  const created = await createVpcPeeringInstance({
    ...keys(alice, emu), sourceVpcNo: 10002, targetVpcNo: 20001, targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId,
  });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  await acceptOrRejectVpcPeering({ ...keys(bob, emu), vpcPeeringInstanceNo: no, isAccept: false });
  assert.equal(await waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, until: 'GONE', ...FAST }), null);
  const notFound = await rejection(waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, ...FAST }));
  assert.equal(notFound.code, 'ERR_NOT_FOUND');
});

test('wait: timeout and abort', async () => {
  emu.reset();
  const created = await createVpcPeeringInstance({
    ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 20002, targetVpcName: 'bob-api', targetVpcLoginId: bob.loginId,
  });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const timedOut = await rejection(waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, awaitAcceptance: true, timeoutMs: 200, ...FAST }));
  assert.equal(timedOut.code, 'ERR_TIMEOUT');
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 100);
  const aborted = await rejection(waitForVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: no, awaitAcceptance: true, signal: controller.signal, ...FAST }));
  assert.equal(aborted.code, 'ERR_ABORTED');
});

test('retries: a list retries injected 503s and counts its attempts; a create does not', async () => {
  emu.reset();
  emu.injectFault({ kind: 'status503', count: 2 });
  const listed = await getVpcPeeringInstanceList({ ...keys(alice, emu) });
  assert.equal(listed.returnCode, '0');
  assert.equal(emu.requests.length, 3, 'two 503s, then success');

  emu.reset();
  emu.injectFault({ kind: 'status503', count: 10 });
  const exhausted = await rejection(getVpcPeeringInstanceList({ ...keys(alice, emu), retries: 2 }));
  assert.equal(exhausted.code, 'ERR_NCP_API');
  assert.equal(exhausted.status, 503);
  assert.equal(exhausted.attempts, 3);

  emu.reset();
  emu.injectFault({ kind: 'status503', count: 1 });
  const once = await rejection(createVpcPeeringInstance({ ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002 }));
  assert.equal(once.code, 'ERR_NCP_API');
  assert.equal(once.attempts, 1);
  assert.equal(emu.requests.length, 1, 'a create is never retried blindly');

  emu.reset();
  emu.injectFault({ kind: 'status429', count: 1 });
  const optedIn = await createVpcPeeringInstance({ ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002, retryMutations: true });
  assert.equal(optedIn.returnCode, '0');
  assert.equal(emu.requests.length, 2);

  emu.reset();
  emu.injectFault({ kind: 'status503', count: 1 });
  const noRetry = await rejection(getVpcPeeringInstanceList({ ...keys(alice, emu), retries: 0 }));
  assert.equal(noRetry.attempts, 1);
});

test('retries: service returnCode 1000 and network errors retry, an auth error does not', async () => {
  emu.reset();
  emu.injectFault({ kind: 'serviceError', returnCode: '1000', count: 1 });
  emu.injectFault({ kind: 'drop', count: 1 });
  const listed = await getVpcPeeringInstanceList({ ...keys(alice, emu) });
  assert.equal(listed.returnCode, '0');
  emu.reset();
  const denied = await rejection(getVpcPeeringInstanceList({ ...keys(alice, emu), secretKey: 'x'.repeat(40) }));
  assert.equal(denied.attempts, 1);
  assert.equal(emu.requests.length, 1);
});

test('list: filters, paging and sorting', async () => {
  emu.reset();
  const made = [];
  for (const [source, target, name] of [[10001, 10002, 'zeta'], [10002, 10001, 'alpha'], [10002, 10003, 'mid']]) {
    const r = await createVpcPeeringInstance({ ...keys(alice, emu), sourceVpcNo: source, targetVpcNo: target, vpcPeeringName: name });
    made.push(r.vpcPeeringInstanceList[0].vpcPeeringInstanceNo);
  }
  const sorted = await getVpcPeeringInstanceList({ ...keys(alice, emu), sortedBy: 'vpcPeeringName', sortingOrder: 'ASC' });
  assert.deepEqual(sorted.vpcPeeringInstanceList.map((p) => p.vpcPeeringName), ['alpha', 'mid', 'zeta']);
  const page = await getVpcPeeringInstanceList({ ...keys(alice, emu), sortedBy: 'vpcPeeringName', sortingOrder: 'DESC', pageNo: 2, pageSize: 2 });
  assert.equal(page.totalRows, 3);
  assert.deepEqual(page.vpcPeeringInstanceList.map((p) => p.vpcPeeringName), ['alpha']);
  const byNo = await getVpcPeeringInstanceList({ ...keys(alice, emu), vpcPeeringInstanceNoList: [made[0], Number(made[2])] });
  assert.deepEqual(byNo.vpcPeeringInstanceList.map((p) => p.vpcPeeringInstanceNo).sort(), [made[0], made[2]].sort());
  const byName = await getVpcPeeringInstanceList({ ...keys(alice, emu), vpcPeeringName: 'mid' });
  assert.equal(byName.totalRows, 1);
  const bySource = await getVpcPeeringInstanceList({ ...keys(alice, emu), sourceVpcName: 'alice-app' });
  assert.equal(bySource.totalRows, 2);
  const byStatus = await getVpcPeeringInstanceList({ ...keys(alice, emu), vpcPeeringInstanceStatusCode: 'TERMTING' });
  assert.equal(byStatus.totalRows, 0);
  const dry = buildGetVpcPeeringInstanceListRequest({ ...keys(alice, emu), vpcPeeringInstanceNoList: ['1', '2'], timestamp: 1 });
  assert.match(dry.url, /\?vpcPeeringInstanceNoList\.1=1&vpcPeeringInstanceNoList\.2=2&responseFormatType=json$/);
  const missingSize = await rejection(getVpcPeeringInstanceList({ ...keys(alice, emu), pageNo: 1 }));
  assert.equal(missingSize.field, 'pageSize');
});

test('createClient: configuration once, every call, typos caught at creation', async () => {
  emu.reset();
  const client = createClient({ ...keys(alice, emu), regionCode: 'KR', responseFormatType: 'json' });
  const created = await client.createVpcPeeringInstance({ sourceVpcNo: 10001, targetVpcNo: 10002 });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  assert.equal(emu.requests.at(-1).params.responseFormatType, 'json');
  assert.equal(emu.requests.at(-1).params.regionCode, 'KR');
  const running = await client.waitForVpcPeeringInstance({ vpcPeeringInstanceNo: no, ...FAST });
  assert.equal(running.vpcPeeringInstanceStatus.code, 'RUN');
  assert.equal((await client.getVpcPeeringInstanceList()).totalRows, 1);
  assert.equal((await client.getVpcPeeringInstanceDetail({ vpcPeeringInstanceNo: no })).totalRows, 1);
  await client.setVpcPeeringDescription({ vpcPeeringInstanceNo: no, vpcPeeringDescription: 'x' });
  await client.deleteVpcPeeringInstance({ vpcPeeringInstanceNo: no });
  assert.equal(await client.waitForVpcPeeringInstance({ vpcPeeringInstanceNo: no, until: 'GONE', ...FAST }), null);
  assert.match(client.buildDeleteVpcPeeringInstanceRequest({ vpcPeeringInstanceNo: no }).url, /deleteVpcPeeringInstance\?regionCode=KR&vpcPeeringInstanceNo=/);
  const other = await rejection(client.acceptOrRejectVpcPeering({ vpcPeeringInstanceNo: no, isAccept: 'maybe' }));
  assert.equal(other.field, 'isAccept');
  assert.throws(() => createClient({ ...keys(alice, emu), sourceVpcNo: 1 }), (e) => e.code === 'ERR_INVALID_OPTION' && e.field === 'sourceVpcNo');
  assert.throws(() => createClient({ ...keys(alice, emu), retries: 99 }), (e) => e.field === 'retries');
});
