// The VPC and route actions' rules: every filter, every refusal with its EMU_* code, visibility per account, the
// cross-service rules (a route needs a RUN peering from its VPC; a routed peering cannot be deleted), reverse flags,
// the control API's state and reset, the seed's pairs.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { start, callJson, alice, bob, seed, routeParams, createPeering, waitForStatus, sleep, expectServiceError } from './_helpers.mjs';
import { RETURN_CODES, NONZERO_RETURN_CODE, cidrsOverlap } from '../../emulator/server.js';
import { seedTables } from '../../emulator/cli.js';

let emu;
before(async () => {
  emu = await start();
});
after(() => emu.close());
beforeEach(() => emu.reset());

function expectError(action, params, returnCode, messageRe, opts = {}) {
  return expectServiceError(emu, action, params, returnCode, messageRe, opts);
}

async function ok(action, params, opts = {}) {
  const r = await callJson(emu, action, params, opts);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

const numbersOf = (list, field) => list.map((x) => x[field]);
const CROSS = { sourceVpcNo: '10002', targetVpcNo: '20001', targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId };
const REVERSE_CROSS = { sourceVpcNo: '20001', targetVpcNo: '10002', targetVpcName: 'alice-app', targetVpcLoginId: alice.loginId };

/** A RUN peering alice-web (10001) -> alice-app (10002). */
async function webToApp(name = 'web-to-app') {
  const no = await createPeering(emu, { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: name });
  await waitForStatus(emu, no, 'RUN');
  return no;
}

const peeringRoute = (targetNo, extra = {}) => ({ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo, ...extra });

describe('getVpcList and getVpcDetail', () => {
  test('each account sees its own VPCs, by number, and no other', async () => {
    const a = await ok('getVpcList', {});
    assert.deepEqual(numbersOf(a.vpcList, 'vpcNo'), ['10001', '10002', '10003', '10004']);
    const b = await ok('getVpcList', {}, { account: bob });
    assert.deepEqual(numbersOf(b.vpcList, 'vpcNo'), ['20001', '20002', '20003', '20004']);
    assert.equal(b.totalRows, 4);
  });

  test('vpcStatusCode: every seeded VPC is RUN; the four documented codes filter; another is refused', async () => {
    assert.equal((await ok('getVpcList', { vpcStatusCode: 'RUN' })).totalRows, 4);
    for (const code of ['INIT', 'CREATING', 'TERMTING']) assert.equal((await ok('getVpcList', { vpcStatusCode: code })).totalRows, 0, code);
    await expectError('getVpcList', { vpcStatusCode: 'run' }, 'EMU_INVALID_VALUE', /vpcStatusCode must be one of INIT, CREATING, RUN, TERMTING/);
  });

  test('vpcName (exact) and vpcNoList.N filter; another account\'s number filters to nothing', async () => {
    assert.deepEqual(numbersOf((await ok('getVpcList', { vpcName: 'alice-legacy' })).vpcList, 'vpcNo'), ['10003']);
    assert.equal((await ok('getVpcList', { vpcName: 'alice' })).totalRows, 0);
    const some = await ok('getVpcList', { 'vpcNoList.1': '10004', 'vpcNoList.2': '10001', 'vpcNoList.3': '20001' });
    assert.deepEqual(numbersOf(some.vpcList, 'vpcNo'), ['10001', '10004']);
    await expectError('getVpcList', { 'vpcNoList.0': '10001' }, 'EMU_INVALID_VALUE', /vpcNoList indexes start at 1/);
    await expectError('getVpcList', { 'vpcNoList.1': 'x' }, 'EMU_INVALID_VALUE', /vpcNoList\.1 must be a numeric vpcNo/);
  });

  test('regionCode: another known region has no VPCs; an unknown one is refused', async () => {
    assert.equal((await ok('getVpcList', { regionCode: 'SGN' })).totalRows, 0);
    await expectError('getVpcList', { regionCode: 'XX' }, 'EMU_UNKNOWN_REGION');
    assert.equal((await ok('getVpcDetail', { vpcNo: '10001', regionCode: 'JPN' })).totalRows, 0);
  });

  test('getVpcDetail: vpcNo required and numeric; unknown or another account\'s -> an empty list', async () => {
    await expectError('getVpcDetail', {}, 'EMU_REQUIRED', /^vpcNo is required$/);
    await expectError('getVpcDetail', { vpcNo: 'abc' }, 'EMU_INVALID_VALUE', /vpcNo must be a number/);
    for (const [vpcNo, account] of [['99999', alice], ['20001', alice], ['10001', bob]]) {
      const d = await ok('getVpcDetail', { vpcNo }, { account });
      assert.deepEqual([d.totalRows, d.vpcList], [0, []], vpcNo);
    }
    assert.equal((await ok('getVpcDetail', { vpcNo: '20001' }, { account: bob })).vpcList[0].vpcName, 'bob-db');
  });
});

describe('getRouteTableList and getRouteTableDetail', () => {
  test('each VPC has a default PUBLIC and a default PRIVATE table, numbered from 30001 in seed order', async () => {
    const a = await ok('getRouteTableList', {});
    assert.equal(a.totalRows, 8);
    assert.deepEqual(numbersOf(a.routeTableList, 'routeTableNo'), ['30001', '30002', '30003', '30004', '30005', '30006', '30007', '30008']);
    alice.vpcs.forEach((vpc, i) => {
      assert.deepEqual(
        a.routeTableList.slice(2 * i, 2 * i + 2).map((t) => [t.vpcNo, t.supportedSubnetType.code, t.isDefault, t.routeTableStatus.code, t.routeTableName]),
        [
          [vpc.vpcNo, 'PUBLIC', true, 'RUN', `${vpc.vpcName}-default-public-table`],
          [vpc.vpcNo, 'PRIVATE', true, 'RUN', `${vpc.vpcName}-default-private-table`],
        ],
      );
    });
    const b = await ok('getRouteTableList', {}, { account: bob });
    assert.deepEqual(numbersOf(b.routeTableList, 'routeTableNo'), ['30009', '30010', '30011', '30012', '30013', '30014', '30015', '30016']);
  });

  test('filters: routeTableNoList.N, routeTableName, supportedSubnetTypeCode, vpcNo', async () => {
    const chosen = await ok('getRouteTableList', { 'routeTableNoList.1': '30004', 'routeTableNoList.2': '30001', 'routeTableNoList.3': '30009' });
    assert.deepEqual(numbersOf(chosen.routeTableList, 'routeTableNo'), ['30001', '30004']);
    assert.deepEqual(numbersOf((await ok('getRouteTableList', { routeTableName: 'alice-app-default-private-table' })).routeTableList, 'routeTableNo'), ['30004']);
    assert.deepEqual(numbersOf((await ok('getRouteTableList', { supportedSubnetTypeCode: 'PUBLIC' })).routeTableList, 'routeTableNo'), ['30001', '30003', '30005', '30007']);
    assert.deepEqual(numbersOf((await ok('getRouteTableList', { vpcNo: '10003' })).routeTableList, 'routeTableNo'), ['30005', '30006']);
    assert.equal((await ok('getRouteTableList', { vpcNo: '20001' })).totalRows, 0, "another account's VPC filters to nothing");
    const both = await ok('getRouteTableList', { vpcNo: '10002', supportedSubnetTypeCode: 'PRIVATE' });
    assert.deepEqual(numbersOf(both.routeTableList, 'routeTableNo'), ['30004']);
    await expectError('getRouteTableList', { supportedSubnetTypeCode: 'public' }, 'EMU_INVALID_VALUE', /supportedSubnetTypeCode must be one of PUBLIC, PRIVATE/);
    await expectError('getRouteTableList', { vpcNo: 'x' }, 'EMU_INVALID_VALUE', /vpcNo must be a number/);
    await expectError('getRouteTableList', { 'routeTableNoList.0': '30001' }, 'EMU_INVALID_VALUE', /routeTableNoList indexes start at 1/);
  });

  test('sorting by routeTableName both ways, by number otherwise; paging; totalRows counts before paging', async () => {
    const asc = await ok('getRouteTableList', { sortedBy: 'routeTableName', sortingOrder: 'ASC' });
    const names = numbersOf(asc.routeTableList, 'routeTableName');
    assert.deepEqual(names, [...names].sort());
    assert.equal(names[0], 'alice-app-default-private-table');
    const desc = await ok('getRouteTableList', { sortedBy: 'ROUTETABLENAME', sortingOrder: 'desc' });
    assert.deepEqual(numbersOf(desc.routeTableList, 'routeTableName'), [...names].reverse());
    const byNumberDesc = await ok('getRouteTableList', { sortingOrder: 'DESC' });
    assert.equal(byNumberDesc.routeTableList[0].routeTableNo, '30008');
    const page = await ok('getRouteTableList', { pageNo: 2, pageSize: 3 });
    assert.deepEqual([page.totalRows, numbersOf(page.routeTableList, 'routeTableNo')], [8, ['30004', '30005', '30006']]);
    const firstPage = await ok('getRouteTableList', { pageSize: 2 });
    assert.deepEqual(numbersOf(firstPage.routeTableList, 'routeTableNo'), ['30001', '30002']);
    await expectError('getRouteTableList', { pageNo: 1 }, 'EMU_PAGE_SIZE_REQUIRED', /pageSize is required when pageNo is given/);
    await expectError('getRouteTableList', { pageSize: 0 }, 'EMU_INVALID_VALUE', /pageSize must be a positive integer/);
    await expectError('getRouteTableList', { sortedBy: 'vpcNo' }, 'EMU_INVALID_VALUE', /sortedBy must be one of routeTableName$/);
    await expectError('getRouteTableList', { sortingOrder: 'UP' }, 'EMU_INVALID_VALUE', /sortingOrder must be ASC or DESC/);
  });

  test('getRouteTableDetail: routeTableNo required; unknown or another account\'s -> an empty list', async () => {
    await expectError('getRouteTableDetail', {}, 'EMU_REQUIRED', /^routeTableNo is required$/);
    await expectError('getRouteTableDetail', { routeTableNo: '3000x' }, 'EMU_INVALID_VALUE');
    for (const [routeTableNo, account] of [['39999', alice], ['30009', alice], ['30001', bob]]) {
      assert.equal((await ok('getRouteTableDetail', { routeTableNo }, { account })).totalRows, 0, routeTableNo);
    }
    const t = (await ok('getRouteTableDetail', { routeTableNo: '30016' }, { account: bob })).routeTableList[0];
    assert.deepEqual([t.vpcNo, t.supportedSubnetType.code, t.routeTableDescription], ['20004', 'PRIVATE', 'default PRIVATE route table of bob-data']);
  });
});

describe('getRouteList: the table belongs to the VPC and to the caller', () => {
  test('every table starts with its VPC\'s local route alone', async () => {
    for (const account of [alice, bob]) {
      for (const vpc of account.vpcs) {
        const tables = (await ok('getRouteTableList', { vpcNo: vpc.vpcNo }, { account })).routeTableList;
        for (const t of tables) {
          const routes = (await ok('getRouteList', { routeTableNo: t.routeTableNo, vpcNo: vpc.vpcNo }, { account })).routeList;
          assert.deepEqual(routes, [
            { destinationCidrBlock: vpc.ipv4CidrBlock, targetName: 'LOCAL', routeTableNo: t.routeTableNo, targetType: { code: 'LOCAL', codeName: 'Local' }, targetNo: '', isDefault: true },
          ]);
        }
      }
    }
  });

  test('routeTableNo and vpcNo are required (in that order), numeric', async () => {
    await expectError('getRouteList', {}, 'EMU_REQUIRED', /^routeTableNo is required$/);
    await expectError('getRouteList', { routeTableNo: '30001' }, 'EMU_REQUIRED', /^vpcNo is required$/);
    await expectError('getRouteList', { routeTableNo: '30001', vpcNo: 'web' }, 'EMU_INVALID_VALUE', /vpcNo must be a number/);
  });

  test('a VPC that is not the caller\'s -> EMU_VPC_NOT_FOUND; a table that is not -> EMU_ROUTE_TABLE_NOT_FOUND; another VPC\'s table -> EMU_ROUTE_TABLE_NOT_IN_VPC', async () => {
    await expectError('getRouteList', { routeTableNo: '30009', vpcNo: '20001' }, 'EMU_VPC_NOT_FOUND', /vpcNo 20001 was not found in the calling account/);
    await expectError('getRouteList', { routeTableNo: '30001', vpcNo: '99999' }, 'EMU_VPC_NOT_FOUND');
    await expectError('getRouteList', { routeTableNo: '30001', vpcNo: '10001', regionCode: 'SGN' }, 'EMU_VPC_NOT_FOUND', /regionCode SGN/);
    await expectError('getRouteList', { routeTableNo: '30009', vpcNo: '10001' }, 'EMU_ROUTE_TABLE_NOT_FOUND', /routeTableNo 30009 was not found in the calling account/);
    await expectError('getRouteList', { routeTableNo: '39999', vpcNo: '10001' }, 'EMU_ROUTE_TABLE_NOT_FOUND');
    await expectError('getRouteList', { routeTableNo: '30003', vpcNo: '10001' }, 'EMU_ROUTE_TABLE_NOT_IN_VPC', /routeTableNo 30003 belongs to vpcNo 10002, not to vpcNo 10001/);
    await expectError('getRouteList', { routeTableNo: '30001', vpcNo: '10001' }, 'EMU_VPC_NOT_FOUND', undefined, { account: bob });
  });
});

describe('addRoute', () => {
  test('a VPCPEERING route to a RUN peering from this VPC; targetName defaults to the peering\'s name', async () => {
    const no = await webToApp();
    const body = await ok('addRoute', routeParams('10001', '30002', [peeringRoute(no)]), { method: 'POST' });
    assert.equal(body.totalRows, 2);
    assert.deepEqual(body.routeList[1], {
      destinationCidrBlock: '10.1.0.0/16',
      targetName: 'web-to-app',
      routeTableNo: '30002',
      targetType: { code: 'VPCPEERING', codeName: 'VPC Peering' },
      targetNo: no,
      isDefault: false,
    });
    assert.deepEqual((await ok('getRouteList', { routeTableNo: '30002', vpcNo: '10001' })).routeList, body.routeList);
    assert.equal((await ok('getRouteList', { routeTableNo: '30001', vpcNo: '10001' })).totalRows, 1, 'the other table is untouched');
  });

  test('NATGW and VGW targets are taken as given (the emulator has no NAT gateways or VGWs); a wider block such as 0.0.0.0/0 is allowed', async () => {
    const body = await ok(
      'addRoute',
      routeParams('10001', '30001', [
        { destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNo: '777', targetName: 'my-nat' },
        { destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: '888' },
      ]),
    );
    assert.deepEqual(
      body.routeList.slice(1).map((r) => [r.destinationCidrBlock, r.targetType.code, r.targetType.codeName, r.targetNo, r.targetName]),
      [
        ['0.0.0.0/0', 'NATGW', 'NAT Gateway', '777', 'my-nat'],
        ['172.31.0.0/16', 'VGW', 'Virtual Private Gateway', '888', ''],
      ],
    );
  });

  test('routeList is required: each entry needs destinationCidrBlock, targetTypeCode, targetNo', async () => {
    const base = { vpcNo: '10001', routeTableNo: '30001' };
    await expectError('addRoute', base, 'EMU_REQUIRED', /^routeList\.1\.destinationCidrBlock is required$/);
    await expectError('addRoute', { ...base, 'routeList.1.destinationCidrBlock': '' }, 'EMU_REQUIRED', /^routeList\.1\.destinationCidrBlock is required$/);
    await expectError('addRoute', { ...base, 'routeList.1.targetTypeCode': 'NATGW', 'routeList.1.targetNo': '1' }, 'EMU_REQUIRED', /^routeList\.1\.destinationCidrBlock is required$/);
    await expectError('addRoute', { ...base, 'routeList.1.destinationCidrBlock': '172.31.0.0/16' }, 'EMU_REQUIRED', /^routeList\.1\.targetTypeCode is required$/);
    await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'NATGW' }]), 'EMU_REQUIRED', /^routeList\.1\.targetNo is required$/);
    await expectError('addRoute', { routeTableNo: '30001', 'routeList.1.destinationCidrBlock': '172.31.0.0/16' }, 'EMU_REQUIRED', /^vpcNo is required$/);
    await expectError('addRoute', { vpcNo: '10001' }, 'EMU_REQUIRED', /^routeTableNo is required$/);
  });

  test('indexes start at 1 and go in order, gaps allowed; the second entry\'s error names routeList.2', async () => {
    await expectError('addRoute', { vpcNo: '10001', routeTableNo: '30001', 'routeList.0.destinationCidrBlock': '172.31.0.0/16' }, 'EMU_INVALID_VALUE', /"routeList\.0\.destinationCidrBlock": routeList indexes start at 1/);
    await expectError(
      'addRoute',
      routeParams('10001', '30001', [
        { destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: '1' },
        { destinationCidrBlock: '172.32.0.0/16', targetTypeCode: 'IGW', targetNo: '1' },
      ]),
      'EMU_INVALID_VALUE',
      /^routeList\.2\.targetTypeCode must be one of NATGW, VPCPEERING, VGW/,
    );
    const gaps = { vpcNo: '10001', routeTableNo: '30001' };
    for (const [i, cidr] of [[7, '172.17.0.0/16'], [3, '172.13.0.0/16']]) Object.assign(gaps, { [`routeList.${i}.destinationCidrBlock`]: cidr, [`routeList.${i}.targetTypeCode`]: 'VGW', [`routeList.${i}.targetNo`]: String(i) });
    assert.deepEqual(numbersOf((await ok('addRoute', gaps)).routeList, 'destinationCidrBlock'), ['10.0.0.0/16', '172.13.0.0/16', '172.17.0.0/16']);
  });

  test('targetTypeCode is NATGW | VPCPEERING | VGW (LOCAL is not added by hand); targetNo is a number', async () => {
    for (const bad of ['LOCAL', 'vpcpeering', 'IGW']) {
      await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '172.31.0.0/16', targetTypeCode: bad, targetNo: '1' }]), 'EMU_INVALID_VALUE', /targetTypeCode must be one of NATGW, VPCPEERING, VGW/);
    }
    await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: 'vgw-1' }]), 'EMU_INVALID_VALUE', /routeList\.1\.targetNo must be a number/);
    await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: '1', targetName: 'a\u0001' }]), 'EMU_INVALID_VALUE', /control characters/);
  });

  test('destinationCidrBlock must be an IPv4 CIDR block written as its network address -> EMU_INVALID_CIDR', async () => {
    for (const bad of ['10.1.0.0', '10.1.5.0/16', '010.1.0.0/16', '300.0.0.0/8', '10.1.0.0/33', '10.1.0.0/-1', 'fd00::/8', 'any']) {
      await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: bad, targetTypeCode: 'NATGW', targetNo: '1' }]), 'EMU_INVALID_CIDR', /network address/);
    }
  });

  test('a destination within the VPC\'s own block -> EMU_ROUTE_WITHIN_VPC', async () => {
    for (const inside of ['10.0.0.0/16', '10.0.128.0/20', '10.0.5.0/24']) {
      await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: inside, targetTypeCode: 'NATGW', targetNo: '1' }]), 'EMU_ROUTE_WITHIN_VPC', /lies within the IPv4 CIDR block of vpcNo 10001 \(10\.0\.0\.0\/16\)/);
    }
  });

  test('no two routes to the same destination in a table -> EMU_DUPLICATE_ROUTE (also within one request)', async () => {
    const no = await webToApp();
    await ok('addRoute', routeParams('10001', '30001', [peeringRoute(no)]));
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(no)]), 'EMU_DUPLICATE_ROUTE', /routeTableNo 30001 already has a route to it/);
    await expectError('addRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'NATGW', targetNo: '5' }]), 'EMU_DUPLICATE_ROUTE');
    const twice = { destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: '1' };
    await expectError('addRoute', routeParams('10001', '30002', [twice, twice]), 'EMU_DUPLICATE_ROUTE', /routeList\.2\.destinationCidrBlock 172\.31\.0\.0\/16 is given twice/);
    await ok('addRoute', routeParams('10001', '30002', [peeringRoute(no)]), {});
  });

  test('a VPCPEERING target must be a peering of the caller -> EMU_ROUTE_TARGET_NOT_FOUND', async () => {
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute('424242')]), 'EMU_ROUTE_TARGET_NOT_FOUND', /routeList\.1\.targetNo 424242 is not a VPC peering of the calling account/);
    const bobs = await createPeering(emu, { sourceVpcNo: '20002', targetVpcNo: '20003' }, { account: bob });
    await waitForStatus(emu, bobs, 'RUN', { account: bob });
    await expectError('addRoute', routeParams('10001', '30001', [{ ...peeringRoute(bobs), destinationCidrBlock: '192.168.10.0/24' }]), 'EMU_ROUTE_TARGET_NOT_FOUND');
  });

  test('... whose source is this VPC -> EMU_PEERING_SOURCE_MISMATCH (the reverse peering, or a cross-account peering seen from its target)', async () => {
    const reverse = await createPeering(emu, { sourceVpcNo: '10002', targetVpcNo: '10001' });
    await waitForStatus(emu, reverse, 'RUN');
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(reverse)]), 'EMU_PEERING_SOURCE_MISMATCH', /goes from vpcNo 10002 to vpcNo 10001; a route in vpcNo 10001 needs a peering whose source is vpcNo 10001/);
    const forward = await createPeering(emu, CROSS);
    await ok('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: forward, isAccept: 'true' }, { account: bob });
    await waitForStatus(emu, forward, 'RUN');
    await expectError('addRoute', routeParams('20001', '30009', [{ ...peeringRoute(forward), destinationCidrBlock: '10.1.0.0/16' }]), 'EMU_PEERING_SOURCE_MISMATCH', undefined, { account: bob });
  });

  test('... which is RUN -> EMU_PEERING_NOT_RUNNING (INIT while creating, INIT awaiting acceptance, TERMTING)', async () => {
    const creating = await createPeering(emu, { sourceVpcNo: '10001', targetVpcNo: '10002' });
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(creating)]), 'EMU_PEERING_NOT_RUNNING', /the VPC peering is INIT, not RUN/);
    const awaiting = await createPeering(emu, CROSS);
    await sleep(100);
    await expectError('addRoute', routeParams('10002', '30003', [{ ...peeringRoute(awaiting), destinationCidrBlock: '10.0.0.0/16' }]), 'EMU_PEERING_NOT_RUNNING', /INIT, not RUN/);
    await waitForStatus(emu, creating, 'RUN');
    await ok('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: creating });
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(creating)]), 'EMU_PEERING_NOT_RUNNING', /TERMTING, not RUN/);
  });

  test('a targetName given for a VPCPEERING route must be the peering\'s name -> EMU_ROUTE_TARGET_NAME_MISMATCH', async () => {
    const no = await webToApp();
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(no, { targetName: 'app-to-web' })]), 'EMU_ROUTE_TARGET_NAME_MISMATCH', /"app-to-web" is not the name of VPC peering \d+ \("web-to-app"\)/);
    assert.equal((await ok('addRoute', routeParams('10001', '30001', [peeringRoute(no, { targetName: 'web-to-app' })]))).totalRows, 2);
  });

  test('all or nothing: one bad route and none of the request is added', async () => {
    const no = await webToApp();
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(no), { destinationCidrBlock: '10.0.1.0/24', targetTypeCode: 'NATGW', targetNo: '1' }]), 'EMU_ROUTE_WITHIN_VPC');
    assert.equal((await ok('getRouteList', { routeTableNo: '30001', vpcNo: '10001' })).totalRows, 1);
  });

  test('the table belongs to the VPC and to the caller', async () => {
    const no = await webToApp();
    await expectError('addRoute', routeParams('10001', '30003', [peeringRoute(no)]), 'EMU_ROUTE_TABLE_NOT_IN_VPC');
    await expectError('addRoute', routeParams('10001', '30001', [peeringRoute(no)]), 'EMU_VPC_NOT_FOUND', undefined, { account: bob });
    await expectError('addRoute', routeParams('20001', '30001', [{ destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: '1' }]), 'EMU_ROUTE_TABLE_NOT_FOUND', undefined, { account: bob });
  });
});

describe('removeRoute', () => {
  test('removes the routes named with their target; answers what is left', async () => {
    const no = await webToApp();
    const vgw = { destinationCidrBlock: '172.31.0.0/16', targetTypeCode: 'VGW', targetNo: '9', targetName: 'vgw' };
    await ok('addRoute', routeParams('10001', '30001', [peeringRoute(no), vgw]));
    const left = await ok('removeRoute', routeParams('10001', '30001', [peeringRoute(no)]), { method: 'POST' });
    assert.deepEqual(numbersOf(left.routeList, 'destinationCidrBlock'), ['10.0.0.0/16', '172.31.0.0/16']);
    const none = await ok('removeRoute', routeParams('10001', '30001', [{ ...vgw, targetName: 'another name is not checked' }]));
    assert.deepEqual(none.routeList.map((r) => r.targetType.code), ['LOCAL']);
  });

  test('a route that is not there, or not with that target, or the local route -> EMU_ROUTE_NOT_FOUND; nothing is removed', async () => {
    const no = await webToApp();
    await expectError('removeRoute', routeParams('10001', '30001', [peeringRoute(no)]), 'EMU_ROUTE_NOT_FOUND', /routeTableNo 30001 has no route to 10\.1\.0\.0\/16/);
    await ok('addRoute', routeParams('10001', '30001', [peeringRoute(no)]));
    await expectError('removeRoute', routeParams('10001', '30001', [peeringRoute('100999')]), 'EMU_ROUTE_NOT_FOUND', new RegExp(`targets VPCPEERING ${no}, not VPCPEERING 100999`));
    await expectError('removeRoute', routeParams('10001', '30001', [{ ...peeringRoute(no), targetTypeCode: 'NATGW' }]), 'EMU_ROUTE_NOT_FOUND', /not NATGW/);
    await expectError('removeRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '10.0.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: no }]), 'EMU_ROUTE_NOT_FOUND', /is its local route, which cannot be removed/);
    await expectError('removeRoute', routeParams('10001', '30001', [peeringRoute(no), { destinationCidrBlock: '172.99.0.0/16', targetTypeCode: 'VGW', targetNo: '1' }]), 'EMU_ROUTE_NOT_FOUND', /routeList\.2/);
    assert.equal((await ok('getRouteList', { routeTableNo: '30001', vpcNo: '10001' })).totalRows, 2, 'all or nothing');
  });

  test('the same parameter rules as addRoute; the table belongs to the VPC and to the caller', async () => {
    await expectError('removeRoute', { vpcNo: '10001', routeTableNo: '30001' }, 'EMU_REQUIRED', /routeList\.1\.destinationCidrBlock is required/);
    await expectError('removeRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.1/16', targetTypeCode: 'VGW', targetNo: '1' }]), 'EMU_INVALID_CIDR');
    await expectError('removeRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'LOCAL', targetNo: '1' }]), 'EMU_INVALID_VALUE');
    await expectError('removeRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VGW' }]), 'EMU_REQUIRED', /targetNo is required/);
    await expectError('removeRoute', routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VGW', targetNo: '1' }]), 'EMU_VPC_NOT_FOUND', undefined, { account: bob });
    await expectError('removeRoute', routeParams('10001', '30004', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VGW', targetNo: '1' }]), 'EMU_ROUTE_TABLE_NOT_IN_VPC');
  });
});

describe('peerings and routes together', () => {
  test('a peering a route targets cannot be deleted (EMU_PEERING_HAS_ROUTES, by either account); after removeRoute it can', async () => {
    const forward = await createPeering(emu, CROSS);
    await ok('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: forward, isAccept: 'true' }, { account: bob });
    await waitForStatus(emu, forward, 'RUN');
    const route = { destinationCidrBlock: '10.0.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: forward };
    await ok('addRoute', routeParams('10002', '30003', [route]));
    await ok('addRoute', routeParams('10002', '30004', [route]));
    for (const account of [alice, bob]) {
      await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: forward }, 'EMU_PEERING_HAS_ROUTES', /target of routes in routeTableNo 30003, 30004: remove them \(removeRoute\)/, { account });
    }
    await ok('removeRoute', routeParams('10002', '30003', [route]));
    await expectError('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: forward }, 'EMU_PEERING_HAS_ROUTES', /routeTableNo 30004:/);
    await ok('removeRoute', routeParams('10002', '30004', [route]));
    const deleted = await ok('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: forward });
    assert.equal(deleted.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
  });

  test('a whole cross-account connection: both peerings RUN, flagged as each other\'s reverse for both accounts, a route in every table of both VPCs', async () => {
    const forward = await createPeering(emu, { ...CROSS, vpcPeeringName: 'app-to-db' });
    const reverse = await createPeering(emu, { ...REVERSE_CROSS, vpcPeeringName: 'db-to-app' }, { account: bob });
    await ok('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: forward, isAccept: 'true' }, { account: bob });
    await ok('acceptOrRejectVpcPeering', { vpcPeeringInstanceNo: reverse, isAccept: 'true' }, { account: alice });
    for (const account of [alice, bob]) {
      const f = await waitForStatus(emu, forward, 'RUN', { account });
      const r = await waitForStatus(emu, reverse, 'RUN', { account });
      assert.deepEqual([f.hasReverseVpcPeering, f.reverseVpcPeeringInstanceNo], [true, reverse]);
      assert.deepEqual([r.hasReverseVpcPeering, r.reverseVpcPeeringInstanceNo], [true, forward]);
      const listed = await ok('getVpcPeeringInstanceList', {}, { account });
      assert.deepEqual(numbersOf(listed.vpcPeeringInstanceList, 'reverseVpcPeeringInstanceNo'), [reverse, forward]);
    }
    for (const table of ['30003', '30004']) {
      await ok('addRoute', routeParams('10002', table, [{ destinationCidrBlock: '10.0.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: forward, targetName: 'app-to-db' }]));
    }
    for (const table of ['30009', '30010']) {
      await ok('addRoute', routeParams('20001', table, [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: reverse, targetName: 'db-to-app' }]), { account: bob });
    }
    const tables = emu.state().routeTables.filter((t) => ['10002', '20001'].includes(t.vpcNo));
    assert.deepEqual(
      tables.map((t) => [t.routeTableNo, t.account, t.routes.map((r) => `${r.destinationCidrBlock}>${r.targetType.code}${r.targetNo}`)]),
      [
        ['30003', 'alice', ['10.1.0.0/16>LOCAL', `10.0.0.0/16>VPCPEERING${forward}`]],
        ['30004', 'alice', ['10.1.0.0/16>LOCAL', `10.0.0.0/16>VPCPEERING${forward}`]],
        ['30009', 'bob', ['10.0.0.0/16>LOCAL', `10.1.0.0/16>VPCPEERING${reverse}`]],
        ['30010', 'bob', ['10.0.0.0/16>LOCAL', `10.1.0.0/16>VPCPEERING${reverse}`]],
      ],
    );
  });

  test('a peering without its reverse is not flagged; the flag goes when the reverse is gone', async () => {
    const forward = await webToApp();
    const alone = await waitForStatus(emu, forward, 'RUN');
    assert.deepEqual([alone.hasReverseVpcPeering, alone.reverseVpcPeeringInstanceNo], [false, '']);
    const reverse = await createPeering(emu, { sourceVpcNo: '10002', targetVpcNo: '10001' });
    assert.equal((await waitForStatus(emu, forward, 'RUN')).reverseVpcPeeringInstanceNo, reverse);
    await ok('deleteVpcPeeringInstance', { vpcPeeringInstanceNo: reverse });
    await sleep(150);
    assert.equal((await waitForStatus(emu, forward, 'RUN')).hasReverseVpcPeering, false);
  });
});

describe('the control API and the seed', () => {
  test('state() lists every route table with its account and routes (JSON spellings); reset() leaves only the local routes, numbers unchanged', async () => {
    const no = await webToApp();
    await ok('addRoute', routeParams('10001', '30001', [peeringRoute(no)]));
    const before = emu.state();
    assert.deepEqual(Object.keys(before), ['now', 'accounts', 'peerings', 'routeTables', 'faults']);
    assert.equal(before.routeTables.length, 16);
    assert.deepEqual(Object.keys(before.routeTables[0]), [
      'routeTableNo', 'routeTableName', 'regionCode', 'vpcNo', 'supportedSubnetType', 'isDefault', 'routeTableStatus', 'routeTableDescription', 'account', 'routes',
    ]);
    assert.equal(before.routeTables[0].routes.length, 2);
    const viaHttp = await (await fetch(`${emu.url}/__emulator/state`)).json();
    assert.deepEqual(viaHttp.routeTables, before.routeTables);
    const reset = await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
    assert.equal(reset.status, 200);
    const after = emu.state();
    assert.deepEqual(after.routeTables.map((t) => t.routeTableNo), before.routeTables.map((t) => t.routeTableNo));
    for (const t of after.routeTables) assert.deepEqual(t.routes.map((r) => r.targetType.code), ['LOCAL'], t.routeTableNo);
    assert.equal((await ok('getRouteList', { routeTableNo: '30001', vpcNo: '10001' })).totalRows, 1);
  });

  test('the start-up table shows each VPC\'s default route tables with the numbers the API answers', async () => {
    const rows = seedTables(seed).vpcs.split('\n');
    assert.match(rows[0], /route tables \(public, private\)/);
    for (const account of [alice, bob]) {
      for (const t of (await ok('getRouteTableList', { supportedSubnetTypeCode: 'PUBLIC' }, { account })).routeTableList) {
        const row = rows.find((r) => r.includes(` ${t.vpcNo} `));
        assert.match(row, new RegExp(` ${t.routeTableNo}, ${Number(t.routeTableNo) + 1} `), row);
      }
    }
  });

  test('the seed: each account has same-account pairs and every account cross-account pairs without overlap, both ways; the overlapping pairs stay', () => {
    const [a, b] = seed.accounts;
    const free = (x, y) => !cidrsOverlap(x.ipv4CidrBlock, y.ipv4CidrBlock);
    const pairs = (xs, ys) => xs.flatMap((x) => ys.filter((y) => y !== x && free(x, y)).map((y) => `${x.vpcName}>${y.vpcName}`));
    assert.ok(pairs(a.vpcs, a.vpcs).includes('alice-web>alice-app') && pairs(a.vpcs, a.vpcs).includes('alice-data>alice-web'));
    assert.ok(pairs(b.vpcs, b.vpcs).includes('bob-data>bob-db'));
    assert.ok(pairs(a.vpcs, b.vpcs).includes('alice-data>bob-data') && pairs(b.vpcs, a.vpcs).includes('bob-data>alice-data'));
    assert.ok(pairs(a.vpcs, b.vpcs).includes('alice-app>bob-db'));
    const data = [...a.vpcs, ...b.vpcs].filter((v) => v.vpcName.endsWith('-data'));
    for (const v of data) for (const o of [...a.vpcs, ...b.vpcs]) if (o !== v) assert.ok(free(v, o), `${v.vpcName} / ${o.vpcName}`);
    const overlapping = (x, y) => !free(a.vpcs.find((v) => v.vpcName === x), [...a.vpcs, ...b.vpcs].find((v) => v.vpcName === y));
    assert.ok(overlapping('alice-web', 'alice-legacy') && overlapping('alice-web', 'bob-db') && overlapping('alice-legacy', 'bob-db'));
    // The numbers, names and blocks other tests depend on are unchanged; the new VPCs come after them.
    const brief = (vpcs) => vpcs.map((v) => `${v.vpcNo} ${v.vpcName} ${v.ipv4CidrBlock}`);
    assert.deepEqual(brief(a.vpcs).slice(0, 3), ['10001 alice-web 10.0.0.0/16', '10002 alice-app 10.1.0.0/16', '10003 alice-legacy 10.0.128.0/20']);
    assert.deepEqual(brief(b.vpcs).slice(0, 3), ['20001 bob-db 10.0.0.0/16', '20002 bob-api 172.16.0.0/16', '20003 bob-batch 192.168.10.0/24']);
  });
});

test('every code the emulator emits is triggered by a test in tests/emulator', () => {
  const dir = new URL('./', import.meta.url);
  const text = readdirSync(dir)
    .filter((f) => f.endsWith('.test.mjs'))
    .map((f) => readFileSync(new URL(f, dir), 'utf8'))
    .join('\n');
  const untested = [...Object.values(RETURN_CODES), NONZERO_RETURN_CODE].filter((c) => !text.includes(`'${c}'`));
  assert.deepEqual(untested, []);
});
