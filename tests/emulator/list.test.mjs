// getVpcPeeringInstanceList: visibility, filters, paging, sorting.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, callJson, alice, bob, sleep } from './_helpers.mjs';

let emu;
const nos = {};

// Fixture (alice's view): four peerings in different states.
//   web-app   alice-web   -> alice-app     same account, RUN
//   app-lgc   alice-app   -> alice-legacy  same account, TERMTING (deleted)
//   zz-cross  alice-app   -> bob-db        cross-account, INIT (awaiting)
//   lgc-api   alice-legacy -> bob-api      cross-account, accepted -> RUN
// Bob also owns bob-api -> bob-batch (invisible to alice).
before(async () => {
  emu = await start({ runDelayMs: 30, deleteDelayMs: 60_000 });
  const mk = async (account, params) => {
    const r = await callJson(emu, 'createVpcPeeringInstance', params, { account });
    assert.equal(r.status, 200, r.text);
    nos[params.vpcPeeringName] = r.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  };
  await mk(alice, { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-app' });
  await mk(alice, { sourceVpcNo: '10002', targetVpcNo: '10003', vpcPeeringName: 'app-lgc' });
  await mk(alice, { sourceVpcNo: '10002', targetVpcNo: '20001', targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId, vpcPeeringName: 'zz-cross' });
  await mk(alice, { sourceVpcNo: '10003', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: bob.loginId, vpcPeeringName: 'lgc-api' });
  await mk(bob, { sourceVpcNo: '20002', targetVpcNo: '20003', vpcPeeringName: 'bob-only' });
  const acc = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: nos['lgc-api'], isAccept: 'true' }, { account: bob });
  assert.equal(acc.status, 200, acc.text);
  await sleep(60);
  const del = await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: nos['app-lgc'] });
  assert.equal(del.status, 200, del.text);
});
after(() => emu.close());

async function names(params = {}, account = alice, opts = {}) {
  const r = await callJson(emu, 'getVpcPeeringInstanceList', params, { account, ...opts });
  assert.equal(r.status, 200, r.text);
  return { names: r.body.vpcPeeringInstanceList.map((p) => p.vpcPeeringName), total: r.body.totalRows };
}

describe('visibility', () => {
  test('alice sees her four, bob sees the two cross-account ones and his own', async () => {
    assert.deepEqual(await names(), { names: ['web-app', 'app-lgc', 'zz-cross', 'lgc-api'], total: 4 });
    assert.deepEqual(await names({}, bob), { names: ['zz-cross', 'lgc-api', 'bob-only'], total: 3 });
  });

  test('another region shows nothing', async () => {
    assert.deepEqual(await names({ regionCode: 'JPN' }), { names: [], total: 0 });
  });
});

describe('filters', () => {
  test('vpcPeeringInstanceNoList.N (1-based)', async () => {
    assert.deepEqual((await names({ 'vpcPeeringInstanceNoList.1': nos['lgc-api'] })).names, ['lgc-api']);
    assert.deepEqual((await names({ 'vpcPeeringInstanceNoList.1': nos['web-app'], 'vpcPeeringInstanceNoList.2': nos['zz-cross'] })).names, ['web-app', 'zz-cross']);
    // someone else's number simply does not match
    assert.deepEqual((await names({ 'vpcPeeringInstanceNoList.1': nos['bob-only'] })).names, []);
    const r = await callJson(emu, 'getVpcPeeringInstanceList', { 'vpcPeeringInstanceNoList.0': nos['web-app'] });
    assert.equal(r.status, 400);
    assert.equal(r.error.returnCode, 'EMU_INVALID_VALUE');
    assert.match(r.error.returnMessage, /start at 1/);
  });

  test('the list filter works in POST too', async () => {
    assert.deepEqual((await names({ 'vpcPeeringInstanceNoList.1': nos['zz-cross'] }, alice, { method: 'POST' })).names, ['zz-cross']);
  });

  test('by names', async () => {
    assert.deepEqual((await names({ sourceVpcName: 'alice-app' })).names, ['app-lgc', 'zz-cross']);
    assert.deepEqual((await names({ targetVpcName: 'bob-api' })).names, ['lgc-api']);
    assert.deepEqual((await names({ vpcPeeringName: 'web-app' })).names, ['web-app']);
    assert.deepEqual((await names({ vpcPeeringName: 'web' })).names, [], 'exact match, not a substring');
    assert.deepEqual((await names({ sourceVpcName: 'alice-app', targetVpcName: 'bob-db' })).names, ['zz-cross']);
  });

  test('by status code', async () => {
    assert.deepEqual((await names({ vpcPeeringInstanceStatusCode: 'RUN' })).names, ['web-app', 'lgc-api']);
    assert.deepEqual((await names({ vpcPeeringInstanceStatusCode: 'INIT' })).names, ['zz-cross']);
    assert.deepEqual((await names({ vpcPeeringInstanceStatusCode: 'TERMTING' })).names, ['app-lgc']);
    // CREATING (terraform's pending list) is a valid filter that matches nothing: no emulated peering is in it.
    assert.deepEqual(await names({ vpcPeeringInstanceStatusCode: 'CREATING' }), { names: [], total: 0 });
    const r = await callJson(emu, 'getVpcPeeringInstanceList', { vpcPeeringInstanceStatusCode: 'DELETED' });
    assert.equal(r.error.returnCode, 'EMU_INVALID_VALUE');
    assert.match(r.error.returnMessage, /vpcPeeringInstanceStatusCode/);
  });
});

describe('paging', () => {
  test('pageNo + pageSize; totalRows counts before paging', async () => {
    assert.deepEqual(await names({ pageNo: 1, pageSize: 3 }), { names: ['web-app', 'app-lgc', 'zz-cross'], total: 4 });
    assert.deepEqual(await names({ pageNo: 2, pageSize: 3 }), { names: ['lgc-api'], total: 4 });
    assert.deepEqual(await names({ pageNo: 3, pageSize: 3 }), { names: [], total: 4 });
    assert.deepEqual(await names({ pageSize: 2 }), { names: ['web-app', 'app-lgc'], total: 4 });
    assert.deepEqual(await names({ pageNo: 1, pageSize: 1, vpcPeeringInstanceStatusCode: 'RUN' }), { names: ['web-app'], total: 2 });
  });

  test('pageNo without pageSize is an error; bad numbers are errors', async () => {
    let r = await callJson(emu, 'getVpcPeeringInstanceList', { pageNo: 1 });
    assert.equal(r.status, 400);
    assert.equal(r.error.returnCode, 'EMU_PAGE_SIZE_REQUIRED');
    assert.match(r.error.returnMessage, /pageSize is required/);
    for (const bad of [{ pageNo: 0, pageSize: 1 }, { pageNo: 1, pageSize: 'x' }, { pageNo: -1, pageSize: 2 }]) {
      r = await callJson(emu, 'getVpcPeeringInstanceList', bad);
      assert.equal(r.error.returnCode, 'EMU_INVALID_VALUE', JSON.stringify(bad));
    }
  });
});

describe('sorting', () => {
  test('sortedBy each field, ASC and DESC (case-insensitive)', async () => {
    assert.deepEqual((await names({ sortedBy: 'vpcPeeringName' })).names, ['app-lgc', 'lgc-api', 'web-app', 'zz-cross']);
    assert.deepEqual((await names({ sortedBy: 'vpcPeeringName', sortingOrder: 'desc' })).names, ['zz-cross', 'web-app', 'lgc-api', 'app-lgc']);
    assert.deepEqual((await names({ sortedBy: 'vpcPeeringName', sortingOrder: 'DESC' })).names, ['zz-cross', 'web-app', 'lgc-api', 'app-lgc']);
    // ties broken by vpcPeeringInstanceNo
    assert.deepEqual((await names({ sortedBy: 'sourceVpcName', sortingOrder: 'ASC' })).names, ['app-lgc', 'zz-cross', 'lgc-api', 'web-app']);
    assert.deepEqual((await names({ sortedBy: 'targetVpcName', sortingOrder: 'Asc' })).names, ['web-app', 'app-lgc', 'lgc-api', 'zz-cross']);
  });

  test('sorting then paging', async () => {
    assert.deepEqual(await names({ sortedBy: 'vpcPeeringName', sortingOrder: 'DESC', pageNo: 2, pageSize: 2 }), { names: ['lgc-api', 'app-lgc'], total: 4 });
  });

  test('unknown sortedBy / sortingOrder are errors', async () => {
    let r;
    for (const sortedBy of ['createDate', 'constructor', '__proto__']) {
      r = await callJson(emu, 'getVpcPeeringInstanceList', { sortedBy });
      assert.equal(r.error?.returnCode, 'EMU_INVALID_VALUE', sortedBy);
      assert.match(r.error.returnMessage, /sortedBy/);
    }
    r = await callJson(emu, 'getVpcPeeringInstanceList', { sortedBy: 'vpcPeeringName', sortingOrder: 'UP' });
    assert.equal(r.error.returnCode, 'EMU_INVALID_VALUE');
    assert.match(r.error.returnMessage, /sortingOrder/);
  });
});
