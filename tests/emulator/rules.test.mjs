// Every service rule gives its own responseError (JSON and XML), HTTP 400.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, call, callJson, parseXml, xmlToObject, alice, bob } from './_helpers.mjs';
import { RETURN_CODES, cidrsOverlap, parseCidr } from '../../emulator/server.js';

let emu;
before(async () => {
  emu = await start();
});
after(() => emu.close());
beforeEach(() => emu.reset());

async function expectError(action, params, returnCode, messageRe, opts = {}) {
  const r = await callJson(emu, action, params, opts);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(Object.keys(r.json), ['responseError']);
  assert.equal(r.error.returnCode, returnCode, r.error.returnMessage);
  if (messageRe) assert.match(r.error.returnMessage, messageRe);
  return r.error;
}

const cross = { sourceVpcNo: '10002', targetVpcNo: '20001', targetVpcName: 'bob-db', targetVpcLoginId: 'bob@example.com' };

describe('createVpcPeeringInstance rules', () => {
  test('sourceVpcNo and targetVpcNo are required', async () => {
    await expectError('createVpcPeeringInstance', { targetVpcNo: '10002' }, '1007001', /^sourceVpcNo is required$/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001' }, '1007001', /^targetVpcNo is required$/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '', targetVpcNo: '10002' }, '1007001', /sourceVpcNo/);
  });

  test('VPC numbers must be numeric', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: 'abc', targetVpcNo: '10002' }, '1007002', /sourceVpcNo/);
  });

  test('sourceVpcNo must belong to the calling account', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '20002', targetVpcNo: '10002' }, '1007010', /sourceVpcNo 20002/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '99999', targetVpcNo: '10002' }, '1007010', /sourceVpcNo/);
  });

  test('target VPC must exist', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '99999' }, '1007011', /targetVpcNo 99999/);
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcNo: '20099' }, '1007011', /targetVpcNo 20099/);
    // in alice's account, not bob's
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcNo: '10003', targetVpcName: 'alice-legacy' }, '1007011', /targetVpcNo 10003/);
  });

  test('cross-account target needs targetVpcName and targetVpcLoginId', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '20002' }, '1007014', /targetVpcName and targetVpcLoginId/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '20002', targetVpcName: 'bob-api' }, '1007014', /^targetVpcLoginId is required/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '20002', targetVpcLoginId: 'bob@example.com' }, '1007014', /^targetVpcName is required/);
  });

  test('targetVpcLoginId must be a known account; targetVpcName must match', async () => {
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcLoginId: 'carol@example.com' }, '1007012', /targetVpcLoginId "carol@example.com"/);
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcName: 'bob-api' }, '1007013', /targetVpcName "bob-api"/);
    // same account, explicit own loginId, wrong name
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', targetVpcLoginId: alice.loginId, targetVpcName: 'nope' }, '1007013', /targetVpcName/);
  });

  test('same account with own loginId and the right name is fine', async () => {
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', targetVpcLoginId: alice.loginId, targetVpcName: 'alice-app' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.vpcPeeringInstanceList[0].isBetweenAccounts, false);
  });

  test('source and target must differ', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10001' }, '1007015', /different/);
  });

  test('CIDR blocks must not overlap (within and across accounts)', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10003' }, '1007016', /10\.0\.0\.0\/16.*10\.0\.128\.0\/20/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '20001', targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId }, '1007016', /overlap/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '20001', targetVpcNo: '10003', targetVpcName: 'alice-legacy', targetVpcLoginId: alice.loginId }, '1007016', /overlap/, { account: bob });
  });

  test('a second peering for the same pair is refused until the first is gone', async () => {
    const first = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    const no = first.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' }, '1007017', new RegExp(no));
    await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: no });
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' }, '1007017'); // TERMTING is not gone
  });

  test('vpcPeeringName: 3-30 chars, lowercase letters/digits/-, starts with a letter, ends alnum', async () => {
    for (const bad of ['ab', 'a'.repeat(31), '1abc', 'abc-', 'Abc', 'ab_c', 'ab c', '-abc', 'abç']) {
      await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: bad }, '1007003', /vpcPeeringName/);
    }
    for (const good of ['abc', 'a'.repeat(30), 'a-1', 'web-to-app-2']) {
      emu.reset();
      const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: good });
      assert.equal(r.status, 200, `${good}: ${r.text}`);
      assert.equal(r.body.vpcPeeringInstanceList[0].vpcPeeringName, good);
    }
  });

  test('vpcPeeringDescription is limited to 1000 UTF-8 bytes, not characters', async () => {
    const base = { sourceVpcNo: '10001', targetVpcNo: '10002' };
    await expectError('createVpcPeeringInstance', { ...base, vpcPeeringDescription: 'x'.repeat(1001) }, '1007004', /1000 bytes/);
    await expectError('createVpcPeeringInstance', { ...base, vpcPeeringDescription: '가'.repeat(334) }, '1007004', /1002/); // 334 chars, 1002 bytes
    const ok = await callJson(emu, 'createVpcPeeringInstance', { ...base, vpcPeeringDescription: '가'.repeat(333) + 'x' }); // 1000 bytes
    assert.equal(ok.status, 200, ok.text);
  });

  test('regionCode defaults to KR and must be known; VPCs are looked up in that region', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', regionCode: 'XX' }, '1007005', /regionCode "XX"/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', regionCode: 'SGN' }, '1007010', /regionCode SGN/);
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', regionCode: 'KR' });
    assert.equal(r.status, 200);
  });

  test('errors also come as XML', async () => {
    const r = await call(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001' });
    assert.equal(r.status, 400);
    assert.match(r.headers.get('content-type'), /^application\/xml/);
    const root = parseXml(r.text);
    assert.equal(root.name, 'responseError');
    assert.deepEqual(xmlToObject(root), { returnCode: '1007001', returnMessage: 'targetVpcNo is required' });
  });
});

describe('other actions', () => {
  async function same() {
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    return r.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  }
  async function crossNo() {
    const r = await callJson(emu, 'createVpcPeeringInstance', cross);
    return r.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  }

  test('vpcPeeringInstanceNo is required by detail, accept, delete, setDescription', async () => {
    for (const action of ['getVpcPeeringInstanceDetail', 'acceptOrRejectVpcPeering', 'deleteVpcPeeringInstance', 'setVpcPeeringDescription']) {
      await expectError(action, {}, '1007001', /^vpcPeeringInstanceNo is required$/);
    }
  });

  test('detail of an unknown or foreign peering is an empty list, not an error', async () => {
    const d = await callJson(emu, 'getVpcPeeringInstanceDetail', { vpcPeeringInstanceNo: '424242' });
    assert.equal(d.status, 200);
    assert.equal(d.body.returnCode, '0');
    assert.equal(d.body.totalRows, 0);
    assert.deepEqual(d.body.vpcPeeringInstanceList, []);
  });

  test('acceptOrRejectVpcPeering: isAccept required and boolean; wrong account; not cross-account', async () => {
    const no = await crossNo();
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no }, '1007001', /^isAccept is required$/, { account: bob });
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no, isAccept: 'yes' }, '1007002', /isAccept/, { account: bob });
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no, isAccept: 'true' }, '1007022', /bob@example.com/, { account: alice });
    const s = await same();
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: s, isAccept: 'true' }, '1007023', /not a cross-account/);
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: '999999', isAccept: 'true' }, '1007020', /999999/);
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: s, isAccept: 'true' }, '1007021', /calling account/, { account: bob });
    const ok = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no, isAccept: 'TRUE' }, { account: bob });
    assert.equal(ok.status, 200);
  });

  test('deleteVpcPeeringInstance: unknown, not owner, already terminating', async () => {
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: '999999' }, '1007020');
    const s = await same();
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s }, '1007021', /calling account/, { account: bob });
    const d = await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s });
    assert.equal(d.status, 200);
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s }, '1007024', /already being deleted/);
  });

  test('setVpcPeeringDescription: length, owner, terminating', async () => {
    const s = await same();
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'é'.repeat(501) }, '1007004');
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'a\u0001b' }, '1007002', /control characters/);
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'x' }, '1007021', undefined, { account: bob });
    await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s });
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'x' }, '1007024');
  });

  test('the documented code table is what the server uses', () => {
    assert.equal(RETURN_CODES.TRY_AGAIN_LATER, '1000');
    for (const [k, v] of Object.entries(RETURN_CODES)) if (k !== 'TRY_AGAIN_LATER') assert.match(v, /^1007\d{3}$/);
  });
});

describe('CIDR arithmetic', () => {
  test('parseCidr normalises host bits and rejects junk', () => {
    assert.deepEqual(parseCidr('10.0.0.0/16'), { start: 167772160, end: 167837695 });
    assert.deepEqual(parseCidr('10.0.5.7/16'), parseCidr('10.0.0.0/16'));
    assert.deepEqual(parseCidr('0.0.0.0/0'), { start: 0, end: 2 ** 32 - 1 });
    assert.deepEqual(parseCidr('255.255.255.255/32'), { start: 2 ** 32 - 1, end: 2 ** 32 - 1 });
    for (const bad of ['10.0.0.0', '10.0.0.256/8', '10.0.0.0/33', 'x/8', '', null]) assert.equal(parseCidr(bad), null, String(bad));
  });
  test('overlap', () => {
    assert.equal(cidrsOverlap('10.0.0.0/16', '10.0.128.0/20'), true);
    assert.equal(cidrsOverlap('10.0.128.0/20', '10.0.0.0/16'), true);
    assert.equal(cidrsOverlap('10.0.0.0/16', '10.1.0.0/16'), false);
    assert.equal(cidrsOverlap('10.0.0.0/15', '10.1.0.0/16'), true);
    assert.equal(cidrsOverlap('192.168.0.0/24', '192.168.1.0/24'), false);
    assert.equal(cidrsOverlap('192.168.0.255/32', '192.168.0.0/24'), true);
    assert.equal(cidrsOverlap('0.0.0.0/0', '172.16.0.0/12'), true);
  });
});
