// Every service rule gives its own responseError (JSON and XML), HTTP 400.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, call, callJson, parseXml, xmlToObject, alice, bob } from './_helpers.mjs';
import { readFileSync } from 'node:fs';
import { RETURN_CODES, NONZERO_RETURN_CODE, cidrsOverlap, parseCidr } from '../../emulator/server.js';

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
    await expectError('createVpcPeeringInstance', { targetVpcNo: '10002' }, 'EMU_REQUIRED', /^sourceVpcNo is required$/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001' }, 'EMU_REQUIRED', /^targetVpcNo is required$/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '', targetVpcNo: '10002' }, 'EMU_REQUIRED', /sourceVpcNo/);
  });

  test('VPC numbers must be numeric', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: 'abc', targetVpcNo: '10002' }, 'EMU_INVALID_VALUE', /sourceVpcNo/);
  });

  test('sourceVpcNo must belong to the calling account', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '20002', targetVpcNo: '10002' }, 'EMU_SOURCE_VPC_NOT_FOUND', /sourceVpcNo 20002/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '99999', targetVpcNo: '10002' }, 'EMU_SOURCE_VPC_NOT_FOUND', /sourceVpcNo/);
  });

  test('target VPC must exist', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '99999' }, 'EMU_TARGET_VPC_NOT_FOUND', /targetVpcNo 99999/);
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcNo: '20099' }, 'EMU_TARGET_VPC_NOT_FOUND', /targetVpcNo 20099/);
    // in alice's account, not bob's
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcNo: '10003', targetVpcName: 'alice-legacy' }, 'EMU_TARGET_VPC_NOT_FOUND', /targetVpcNo 10003/);
  });

  test('cross-account target needs targetVpcName and targetVpcLoginId', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '20002' }, 'EMU_CROSS_ACCOUNT_PARAMS_REQUIRED', /targetVpcName and targetVpcLoginId/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '20002', targetVpcName: 'bob-api' }, 'EMU_CROSS_ACCOUNT_PARAMS_REQUIRED', /^targetVpcLoginId is required/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10002', targetVpcNo: '20002', targetVpcLoginId: 'bob@example.com' }, 'EMU_CROSS_ACCOUNT_PARAMS_REQUIRED', /^targetVpcName is required/);
  });

  test('targetVpcLoginId must be a known account; targetVpcName must match', async () => {
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcLoginId: 'carol@example.com' }, 'EMU_TARGET_LOGIN_NOT_FOUND', /targetVpcLoginId "carol@example.com"/);
    await expectError('createVpcPeeringInstance', { ...cross, targetVpcName: 'bob-api' }, 'EMU_TARGET_NAME_MISMATCH', /targetVpcName "bob-api"/);
    // same account, explicit own loginId, wrong name
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', targetVpcLoginId: alice.loginId, targetVpcName: 'nope' }, 'EMU_TARGET_NAME_MISMATCH', /targetVpcName/);
  });

  test('same account with own loginId and the right name is fine', async () => {
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', targetVpcLoginId: alice.loginId, targetVpcName: 'alice-app' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.vpcPeeringInstanceList[0].isBetweenAccounts, false);
  });

  test('source and target must differ', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10001' }, 'EMU_SAME_VPC', /different/);
  });

  test('CIDR blocks must not overlap (within and across accounts)', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10003' }, 'EMU_CIDR_OVERLAP', /10\.0\.0\.0\/16.*10\.0\.128\.0\/20/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '20001', targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId }, 'EMU_CIDR_OVERLAP', /overlap/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '20001', targetVpcNo: '10003', targetVpcName: 'alice-legacy', targetVpcLoginId: alice.loginId }, 'EMU_CIDR_OVERLAP', /overlap/, { account: bob });
  });

  test('a second peering for the same pair is refused until the first is gone', async () => {
    const first = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    const no = first.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' }, 'EMU_DUPLICATE_PEERING', new RegExp(no));
    await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: no });
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' }, 'EMU_DUPLICATE_PEERING'); // TERMTING is not gone
  });

  test('vpcPeeringName: 3-30 chars, lowercase letters/digits/-, starts with a letter, ends alnum', async () => {
    for (const bad of ['ab', 'a'.repeat(31), '1abc', 'abc-', 'Abc', 'ab_c', 'ab c', '-abc', 'abç']) {
      await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: bad }, 'EMU_INVALID_PEERING_NAME', /vpcPeeringName/);
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
    await expectError('createVpcPeeringInstance', { ...base, vpcPeeringDescription: 'x'.repeat(1001) }, 'EMU_DESCRIPTION_TOO_LONG', /1000 bytes/);
    await expectError('createVpcPeeringInstance', { ...base, vpcPeeringDescription: '가'.repeat(334) }, 'EMU_DESCRIPTION_TOO_LONG', /1002/); // 334 chars, 1002 bytes
    const ok = await callJson(emu, 'createVpcPeeringInstance', { ...base, vpcPeeringDescription: '가'.repeat(333) + 'x' }); // 1000 bytes
    assert.equal(ok.status, 200, ok.text);
  });

  test('regionCode defaults to KR and must be known; VPCs are looked up in that region', async () => {
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', regionCode: 'XX' }, 'EMU_UNKNOWN_REGION', /regionCode "XX"/);
    await expectError('createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', regionCode: 'SGN' }, 'EMU_SOURCE_VPC_NOT_FOUND', /regionCode SGN/);
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', regionCode: 'KR' });
    assert.equal(r.status, 200);
  });

  test('errors also come as XML', async () => {
    const r = await call(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001' });
    assert.equal(r.status, 400);
    assert.match(r.headers.get('content-type'), /^application\/xml/);
    const root = parseXml(r.text);
    assert.equal(root.name, 'responseError');
    assert.deepEqual(xmlToObject(root), { returnCode: 'EMU_REQUIRED', returnMessage: 'targetVpcNo is required' });
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
      await expectError(action, {}, 'EMU_REQUIRED', /^vpcPeeringInstanceNo is required$/);
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
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no }, 'EMU_REQUIRED', /^isAccept is required$/, { account: bob });
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no, isAccept: 'yes' }, 'EMU_INVALID_VALUE', /isAccept/, { account: bob });
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no, isAccept: 'true' }, 'EMU_WRONG_ACCEPTOR', /bob@example.com/, { account: alice });
    const s = await same();
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: s, isAccept: 'true' }, 'EMU_NOT_AWAITING_ACCEPTANCE', /not a cross-account/);
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: '999999', isAccept: 'true' }, 'EMU_PEERING_NOT_FOUND', /999999/);
    await expectError('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: s, isAccept: 'true' }, 'EMU_NOT_OWNER', /calling account/, { account: bob });
    const ok = await callJson(emu, 'acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: no, isAccept: 'TRUE' }, { account: bob });
    assert.equal(ok.status, 200);
  });

  test('deleteVpcPeeringInstance: unknown, not owner, already terminating', async () => {
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: '999999' }, 'EMU_PEERING_NOT_FOUND');
    const s = await same();
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s }, 'EMU_NOT_OWNER', /calling account/, { account: bob });
    const d = await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s });
    assert.equal(d.status, 200);
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s }, 'EMU_TERMINATING', /already being deleted/);
  });

  test('setVpcPeeringDescription: length, owner, terminating', async () => {
    const s = await same();
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'é'.repeat(501) }, 'EMU_DESCRIPTION_TOO_LONG');
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'a\u0001b' }, 'EMU_INVALID_VALUE', /control characters/);
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'x' }, 'EMU_NOT_OWNER', undefined, { account: bob });
    await callJson(emu, 'deleteVpcPeeringInstance', { vpcPeeringInstanceNo: s });
    await expectError('setVpcPeeringDescription', { vpcPeeringInstanceNo: s, vpcPeeringDescription: 'x' }, 'EMU_TERMINATING');
  });

  test('every invented code has letters, so it cannot collide with a real (all-digit) NCP code', () => {
    assert.equal(RETURN_CODES.TRY_AGAIN_LATER, '1000');
    for (const [k, v] of Object.entries(RETURN_CODES)) if (k !== 'TRY_AGAIN_LATER') assert.equal(v, `EMU_${k}`);
    assert.match(NONZERO_RETURN_CODE, /^EMU_[A-Z_]+$/);
  });

  test('emulator/README.md has one row per code the server emits, and no other', () => {
    const readme = readFileSync(new URL('../../emulator/README.md', import.meta.url), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([0-9A-Z_]+)` \|/gm)].map((m) => m[1]));
    const emitted = new Set([...Object.values(RETURN_CODES), NONZERO_RETURN_CODE]);
    assert.deepEqual([...emitted].filter((c) => !documented.has(c)), [], 'emitted but not documented');
    const stale = [...documented].filter((c) => /^(EMU_|\d{4,})/.test(c) && !emitted.has(c));
    assert.deepEqual(stale, [], 'documented but not emitted');
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
