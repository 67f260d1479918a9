// The VPC, route table and route calls (getVpcList, getVpcDetail, getRouteTableList, getRouteTableDetail,
// getRouteList, addRoute, removeRoute) from the installed tarball, through `import` and through `require`, against the
// emulator: one object whatever the method and format, validation before sending, routes to real RUN peerings added
// and removed in both accounts, reads retried and route changes not, the dry runs in wire order, the fixture answers.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as esm from 'ncloud-vpc-wasm';
import { emulator, keys, alice, bob, since, rejection } from './_setup.mjs';

const cjs = createRequire(import.meta.url)('ncloud-vpc-wasm');

let emu;
before(async () => { emu = await emulator(); });
after(() => emu.close());

const FAST = { pollIntervalMs: 20, maxPollIntervalMs: 60 };
const VARIANTS = [
  { method: 'GET', responseFormatType: 'json' },
  { method: 'GET', responseFormatType: 'xml' },
  { method: 'POST', responseFormatType: 'json' },
  { method: 'POST', responseFormatType: 'xml' },
];
const withoutRequestId = ({ requestId, ...rest }) => {
  assert.match(requestId, /\S/);
  return rest;
};

/** A peering of `account` from `sourceVpcNo` to `targetVpcNo` (of `target`, accepting it, when another account's), RUN. */
async function runningPeering(api, { account, sourceVpcNo, targetVpcNo, target, name }) {
  const across = target === undefined ? {} : { targetVpcName: target.vpcName, targetVpcLoginId: target.account.loginId };
  const created = await api.createVpcPeeringInstance({ ...keys(account, emu), sourceVpcNo, targetVpcNo, vpcPeeringName: name, ...across });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  if (target !== undefined) await api.acceptOrRejectVpcPeering({ ...keys(target.account, emu), vpcPeeringInstanceNo: no, isAccept: true });
  const running = await api.waitForVpcPeeringInstance({ ...keys(account, emu), vpcPeeringInstanceNo: no, awaitAcceptance: true, ...FAST });
  assert.equal(running.vpcPeeringInstanceStatus.code, 'RUN');
  return running;
}

const ROUTE_FIELDS = ['destinationCidrBlock', 'targetName', 'routeTableNo', 'targetType', 'targetNo', 'isDefault'];

for (const [label, api] of [['ESM import', esm], ['CommonJS require', cjs]]) {
  describe(label, () => {
    test(`${label}: the five reads give one object in GET and POST, XML and JSON, and send what they were given`, async () => {
      emu.reset();
      const reads = [
        ['getVpcList', { vpcNoList: [10004, '10002'], vpcStatusCode: 'RUN' }],
        ['getVpcDetail', { vpcNo: 10004 }],
        ['getRouteTableList', { vpcNo: '10004', supportedSubnetTypeCode: 'PRIVATE', pageNo: 1, pageSize: 5, sortedBy: 'routeTableName', sortingOrder: 'DESC' }],
        ['getRouteTableDetail', { routeTableNo: 30007 }],
        ['getRouteList', { vpcNo: 10004, routeTableNo: '30008' }],
      ];
      const results = {};
      for (const [action, options] of reads) {
        const seen = [];
        for (const variant of VARIANTS) {
          const mark = emu.requests.length;
          seen.push(withoutRequestId(await api[action]({ ...keys(alice, emu), ...options, ...variant })));
          const [logged, ...more] = since(emu, mark);
          assert.deepEqual(more, [], 'one request');
          assert.equal(logged.action, action);
          assert.equal(logged.method, variant.method);
          assert.equal(logged.signatureValid, true);
          assert.equal(logged.params.responseFormatType, variant.responseFormatType);
        }
        for (const other of seen.slice(1)) assert.deepEqual(other, seen[0], action);
        results[action] = seen[0];
      }
      assert.deepEqual(emu.requests.find((r) => r.action === 'getVpcList').params,
        { 'vpcNoList.1': '10004', 'vpcNoList.2': '10002', vpcStatusCode: 'RUN', responseFormatType: 'json' });
      assert.deepEqual(results.getVpcList.vpcList.map((v) => [v.vpcNo, v.vpcName, v.ipv4CidrBlock, v.vpcStatus.code]),
        [['10002', 'alice-app', '10.1.0.0/16', 'RUN'], ['10004', 'alice-data', '10.2.0.0/16', 'RUN']]);
      assert.equal(results.getVpcList.totalRows, 2);
      assert.deepEqual(results.getVpcDetail.vpcList.map((v) => v.ipv4CidrBlock), ['10.2.0.0/16']);
      assert.deepEqual(Object.keys(results.getVpcDetail.vpcList[0]), ['vpcNo', 'vpcName', 'ipv4CidrBlock', 'vpcStatus', 'regionCode', 'createDate']);
      const [privateTable] = results.getRouteTableList.routeTableList;
      assert.equal(results.getRouteTableList.totalRows, 1);
      assert.deepEqual([privateTable.routeTableNo, privateTable.vpcNo, privateTable.supportedSubnetType.code, privateTable.isDefault, privateTable.routeTableStatus.code],
        ['30008', '10004', 'PRIVATE', true, 'RUN']);
      assert.deepEqual(Object.keys(privateTable),
        ['routeTableNo', 'routeTableName', 'regionCode', 'vpcNo', 'supportedSubnetType', 'isDefault', 'routeTableStatus', 'routeTableDescription']);
      assert.equal(results.getRouteTableDetail.routeTableList[0].supportedSubnetType.code, 'PUBLIC');
      const [local] = results.getRouteList.routeList;
      assert.deepEqual(Object.keys(local), ROUTE_FIELDS);
      assert.deepEqual(local, {
        destinationCidrBlock: '10.2.0.0/16', targetName: 'LOCAL', routeTableNo: '30008', targetType: { code: 'LOCAL', codeName: 'Local' }, targetNo: '', isDefault: true,
      });
      // Unknown or another account's: an empty list, no error.
      for (const [action, options] of [['getVpcDetail', { vpcNo: 20004 }], ['getRouteTableDetail', { routeTableNo: 30015 }]]) {
        const empty = await api[action]({ ...keys(alice, emu), ...options });
        assert.equal(empty.totalRows, 0, action);
      }
    });

    test(`${label}: addRoute and removeRoute give one object in GET and POST, XML and JSON: the table's routes after the change`, async () => {
      emu.reset();
      const peering = await runningPeering(api, { account: alice, sourceVpcNo: 10002, targetVpcNo: 10003, name: 'app-to-legacy' });
      const route = { destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING', targetNo: peering.vpcPeeringInstanceNo, targetName: 'app-to-legacy' };
      const table = { vpcNo: 10002, routeTableNo: 30004 };
      const added = [];
      const removed = [];
      for (const variant of VARIANTS) {
        const mark = emu.requests.length;
        added.push(withoutRequestId(await api.addRoute({ ...keys(alice, emu), ...table, routeList: [route], ...variant })));
        removed.push(withoutRequestId(await api.removeRoute({ ...keys(alice, emu), ...table, routeList: [route], ...variant })));
        const logged = since(emu, mark);
        assert.deepEqual(logged.map((r) => [r.action, r.method, r.params.responseFormatType, r.signatureValid]),
          [['addRoute', variant.method, variant.responseFormatType, true], ['removeRoute', variant.method, variant.responseFormatType, true]]);
        const form = variant.method === 'POST' ? logged[0].form : logged[0].query;
        assert.equal(form['routeList.1.destinationCidrBlock'], '10.0.128.0/20');
        assert.equal(form['routeList.1.targetNo'], peering.vpcPeeringInstanceNo);
      }
      for (const other of added.slice(1)) assert.deepEqual(other, added[0]);
      for (const other of removed.slice(1)) assert.deepEqual(other, removed[0]);
      assert.deepEqual(added[0].routeList.map((r) => [r.destinationCidrBlock, r.targetType.code, r.targetNo, r.targetName, r.isDefault]),
        [['10.1.0.0/16', 'LOCAL', '', 'LOCAL', true], ['10.0.128.0/20', 'VPCPEERING', peering.vpcPeeringInstanceNo, 'app-to-legacy', false]]);
      assert.deepEqual(removed[0].routeList.map((r) => r.destinationCidrBlock), ['10.1.0.0/16']);
    });

    test(`${label}: validation before sending: a bad CIDR, target type, a peering route without targetNo, a missing param, each named, nothing sent`, async () => {
      emu.reset();
      const table = { ...keys(alice, emu), vpcNo: 10002, routeTableNo: 30003 };
      const good = { destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING', targetNo: 1 };
      const cases = [
        ['addRoute', { ...table, routeList: [{ ...good, destinationCidrBlock: '10.0.128.1/20' }] }, 'routeList[0].destinationCidrBlock',
          'routeList[0].destinationCidrBlock must be written as its network address, 10.0.128.0/20: got "10.0.128.1/20"'],
        ['addRoute', { ...table, routeList: [good, { ...good, destinationCidrBlock: '10.0.0.0/33' }] }, 'routeList[1].destinationCidrBlock',
          'routeList[1].destinationCidrBlock must be an IPv4 CIDR block such as 10.0.0.0/16: got "10.0.0.0/33"'],
        ['removeRoute', { ...table, routeList: [{ ...good, targetTypeCode: 'IGW' }] }, 'routeList[0].targetTypeCode',
          'routeList[0].targetTypeCode must be one of "NATGW", "VPCPEERING", "VGW": got "IGW"'],
        ['addRoute', { ...table, routeList: [{ destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING', targetName: 'x' }] }, 'routeList[0].targetNo',
          'routeList[0].targetNo is required when routeList[0].targetTypeCode is VPCPEERING'],
        ['addRoute', { ...table, routeList: [{ ...good, targetNO: 1 }] }, 'routeList[0].targetNO',
          'unknown option "routeList[0].targetNO": did you mean "routeList[0].targetNo"?'],
        ['addRoute', { ...table, routeList: [] }, 'routeList', 'routeList is required'],
        ['addRoute', { ...table, routeList: good }, 'routeList', 'routeList must be an array of objects: got object'],
        ['removeRoute', { ...keys(alice, emu), vpcNo: 10002, routeList: [good] }, 'routeTableNo', 'routeTableNo is required'],
        ['getRouteList', { ...keys(alice, emu), routeTableNo: 30003 }, 'vpcNo', 'vpcNo is required'],
        ['getVpcDetail', { ...keys(alice, emu) }, 'vpcNo', 'vpcNo is required'],
        ['getRouteTableDetail', { ...keys(alice, emu), routeTableNo: 'thirty' }, 'routeTableNo', 'routeTableNo must be a number of decimal digits: got "thirty"'],
        ['getRouteTableList', { ...keys(alice, emu), pageNo: 2 }, 'pageSize', 'pageSize is required with pageNo'],
        ['getRouteTableList', { ...keys(alice, emu), supportedSubnetTypeCode: 'BOTH' }, 'supportedSubnetTypeCode',
          'supportedSubnetTypeCode must be one of "PUBLIC", "PRIVATE": got "BOTH"'],
        ['getVpcList', { ...keys(alice, emu), vpcNoList: 10001 }, 'vpcNoList', 'vpcNoList must be an array of instance numbers: got 10001'],
      ];
      for (const [action, options, field, message] of cases) {
        const error = await rejection(api[action](options));
        assert.equal(error.name, 'NcloudVpcError');
        assert.equal(error.code, 'ERR_INVALID_OPTION', `${action}: ${error.message}`);
        assert.equal(error.field, field, action);
        assert.equal(error.message, message);
        assert.equal(error.attempts, 0);
        const dryRun = `build${action[0].toUpperCase()}${action.slice(1)}Request`;
        assert.throws(() => api[dryRun](options), (e) => e.code === 'ERR_INVALID_OPTION' && e.field === field, dryRun);
        assert.ok(api.validateOptions(action, options).some((p) => p.field === field && p.message === message), `validateOptions(${action})`);
      }
      assert.equal(emu.requests.length, 0, 'nothing was sent');
    });
  });
}

test('a connection by hand, routes in both accounts: alice-data 10004 ↔ bob-data 20004, added, read back, removed', async () => {
  emu.reset();
  const forward = await runningPeering(esm, {
    account: alice, sourceVpcNo: 10004, targetVpcNo: 20004, target: { account: bob, vpcName: 'bob-data' }, name: 'data-to-bob',
  });
  assert.equal(forward.isBetweenAccounts, true);
  const aliceData = { vpcNo: 10004, routeTableNo: 30008 };
  const toBob = { destinationCidrBlock: '10.3.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: forward.vpcPeeringInstanceNo };
  const added = await esm.addRoute({ ...keys(alice, emu), ...aliceData, routeList: [toBob] });
  // The emulator fills in the peering's name when none is given (its invention); the route reads back as added.
  const expected = { destinationCidrBlock: '10.3.0.0/16', targetName: 'data-to-bob', routeTableNo: '30008', targetType: { code: 'VPCPEERING', codeName: 'VPC Peering' }, targetNo: forward.vpcPeeringInstanceNo, isDefault: false };
  assert.deepEqual(added.routeList.at(-1), expected);
  const read = await esm.getRouteList({ ...keys(alice, emu), ...aliceData });
  assert.deepEqual(read.routeList.map((r) => r.destinationCidrBlock), ['10.2.0.0/16', '10.3.0.0/16']);
  assert.deepEqual(read.routeList[1], expected);

  // Bob's side needs its own peering (a peering is one-way): his route to alice through alice's peering is refused
  // by the emulator (its invention, EMU_PEERING_SOURCE_MISMATCH), as an ERR_NCP_API.
  const bobData = { vpcNo: 20004, routeTableNo: 30016 };
  const toAlice = { destinationCidrBlock: '10.2.0.0/16', targetTypeCode: 'VPCPEERING' };
  const refused = await rejection(esm.addRoute({ ...keys(bob, emu), ...bobData, routeList: [{ ...toAlice, targetNo: forward.vpcPeeringInstanceNo }] }));
  assert.equal(refused.code, 'ERR_NCP_API');
  assert.equal(refused.returnCode, 'EMU_PEERING_SOURCE_MISMATCH');
  const reverse = await runningPeering(esm, {
    account: bob, sourceVpcNo: 20004, targetVpcNo: 10004, target: { account: alice, vpcName: 'alice-data' }, name: 'bob-to-data',
  });
  const bobClient = esm.createClient({ ...keys(bob, emu), method: 'POST' });
  const back = await bobClient.addRoute({ ...bobData, routeList: [{ ...toAlice, targetNo: reverse.vpcPeeringInstanceNo, targetName: 'bob-to-data' }] });
  assert.deepEqual(back.routeList.map((r) => [r.destinationCidrBlock, r.targetType.code, r.targetNo]),
    [['10.3.0.0/16', 'LOCAL', ''], ['10.2.0.0/16', 'VPCPEERING', reverse.vpcPeeringInstanceNo]]);
  // Each account sees only its own tables.
  assert.equal((await esm.getRouteTableDetail({ ...keys(alice, emu), routeTableNo: 30016 })).totalRows, 0);
  assert.deepEqual((await bobClient.getRouteTableList({ vpcNo: 20004 })).routeTableList.map((t) => t.routeTableNo), ['30015', '30016']);

  // Undo: routes first (a routed peering cannot be deleted in the emulator), then the peerings.
  const emptied = await esm.removeRoute({ ...keys(alice, emu), ...aliceData, routeList: [toBob] });
  assert.deepEqual(emptied.routeList.map((r) => r.targetType.code), ['LOCAL']);
  await bobClient.removeRoute({ ...bobData, routeList: [{ ...toAlice, targetNo: reverse.vpcPeeringInstanceNo }] });
  assert.deepEqual((await bobClient.getRouteList(bobData)).routeList.map((r) => r.targetType.code), ['LOCAL']);
  await esm.deleteVpcPeeringInstance({ ...keys(alice, emu), vpcPeeringInstanceNo: forward.vpcPeeringInstanceNo });
  await bobClient.deleteVpcPeeringInstance({ vpcPeeringInstanceNo: reverse.vpcPeeringInstanceNo });
  bobClient.free();
  assert.ok(emu.requests.every((r) => r.signatureValid));
});

test('retries: each read retries an injected 503 and a returnCode 1000; addRoute and removeRoute are sent once, unless retryMutations', async () => {
  emu.reset();
  const reads = [
    ['getVpcList', {}],
    ['getVpcDetail', { vpcNo: 10002 }],
    ['getRouteTableList', { vpcNo: 10002 }],
    ['getRouteTableDetail', { routeTableNo: 30003 }],
    ['getRouteList', { vpcNo: 10002, routeTableNo: 30003 }],
  ];
  for (const [action, options] of reads) {
    emu.reset();
    emu.injectFault({ kind: 'status503', count: 1 });
    emu.injectFault({ kind: 'serviceError', returnCode: '1000', count: 1 });
    const result = await esm[action]({ ...keys(alice, emu), ...options });
    assert.equal(result.returnCode, '0', action);
    assert.deepEqual(emu.requests.map((r) => [r.action, r.fault ?? null]), [[action, 'status503'], [action, 'serviceError'], [action, null]], action);
  }

  emu.reset();
  const peering = await runningPeering(esm, { account: alice, sourceVpcNo: 10002, targetVpcNo: 10003, name: 'retry-check' });
  const change = { ...keys(alice, emu), vpcNo: 10002, routeTableNo: 30003, routeList: [{ destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING', targetNo: peering.vpcPeeringInstanceNo }] };
  for (const action of ['addRoute', 'removeRoute']) {
    for (const fault of [{ kind: 'status503' }, { kind: 'serviceError', returnCode: '1000' }, { kind: 'drop' }]) {
      const mark = emu.requests.length;
      emu.injectFault(fault);
      const error = await rejection(esm[action](change));
      assert.equal(error.attempts, 1, `${action} ${fault.kind}`);
      assert.deepEqual(since(emu, mark).map((r) => r.action), [action], `${action} ${fault.kind}: sent once`);
    }
    const mark = emu.requests.length;
    emu.injectFault({ kind: 'status503' });
    const retried = await esm[action]({ ...change, retryMutations: true });
    assert.equal(retried.returnCode, '0');
    assert.deepEqual(since(emu, mark).map((r) => [r.action, r.fault ?? null]), [[action, 'status503'], [action, null]]);
  }

  // Why: an answer lost after the route was added (`truncated`: processed, then cut). A blind retry would be refused
  // as a duplicate; the table already holds the route, as a read shows.
  emu.injectFault({ kind: 'truncated' });
  const lost = await rejection(esm.addRoute(change));
  assert.ok(['ERR_NETWORK', 'ERR_BAD_RESPONSE'].includes(lost.code), lost.code);
  assert.equal(lost.attempts, 1);
  const duplicate = await rejection(esm.addRoute(change));
  assert.equal(duplicate.returnCode, 'EMU_DUPLICATE_ROUTE');
  const routes = await esm.getRouteList({ ...keys(alice, emu), vpcNo: 10002, routeTableNo: 30003 });
  assert.deepEqual(routes.routeList.map((r) => r.destinationCidrBlock), ['10.1.0.0/16', '10.0.128.0/20']);
});

test('buildAddRouteRequest: routeList.N.destinationCidrBlock, .targetTypeCode, .targetNo, .targetName in wire order, whatever the options\' order; exactly what addRoute sends', async () => {
  emu.reset();
  const peering = await runningPeering(esm, { account: alice, sourceVpcNo: 10002, targetVpcNo: 10003, name: 'dry-run' });
  const no = peering.vpcPeeringInstanceNo;
  const options = {
    routeList: [
      { targetName: 'dry-run', targetNo: no, targetTypeCode: 'VPCPEERING', destinationCidrBlock: '10.0.128.0/20' },
      { targetTypeCode: 'NATGW', destinationCidrBlock: '0.0.0.0/0', targetNo: '77', targetName: null },
    ],
    routeTableNo: 30004,
    vpcNo: '10002',
    regionCode: 'KR',
    ...keys(alice, emu),
    timestamp: Date.now(),
  };
  const before = emu.requests.length;
  const dry = esm.buildAddRouteRequest(options);
  const query = [
    'regionCode=KR', 'vpcNo=10002', 'routeTableNo=30004',
    'routeList.1.destinationCidrBlock=10.0.128.0%2F20', 'routeList.1.targetTypeCode=VPCPEERING', `routeList.1.targetNo=${no}`, 'routeList.1.targetName=dry-run',
    'routeList.2.destinationCidrBlock=0.0.0.0%2F0', 'routeList.2.targetTypeCode=NATGW', 'routeList.2.targetNo=77',
    'responseFormatType=json',
  ].join('&');
  assert.equal(dry.url, `${emu.url}/vpc/v2/addRoute?${query}`);
  assert.equal(dry.method, 'GET');
  assert.equal(dry.body, null);
  assert.equal(emu.requests.length, before, 'the dry run sent nothing');
  assert.deepEqual(cjs.buildAddRouteRequest(options), dry, 'require gives the same request');

  // Sent: the emulator (NATGW targets taken as given) receives that very target, signed as the dry run says.
  const mark = emu.requests.length;
  await esm.addRoute(options);
  const [logged] = since(emu, mark);
  assert.equal(emu.url + logged.rawTarget, dry.url);
  assert.equal(logged.headers['x-ncp-apigw-timestamp'], dry.headers['x-ncp-apigw-timestamp']);
  assert.equal(logged.signatureValid, true);

  // POST: the same parameters, in the same order, as a form body; only responseFormatType in the signed query.
  const post = esm.buildRemoveRouteRequest({ ...options, method: 'POST' });
  assert.equal(post.url, `${emu.url}/vpc/v2/removeRoute?responseFormatType=json`);
  assert.equal(post.body, query.replace('&responseFormatType=json', ''));
  assert.equal(post.headers['content-type'], 'application/x-www-form-urlencoded');
  const removed = await esm.removeRoute({ ...options, method: 'POST', timestamp: undefined });
  assert.deepEqual(removed.routeList.map((r) => r.targetType.code), ['LOCAL']);

  // The reads' dry runs: lists as name.N, in the table's order.
  const reads = esm.buildGetRouteTableListRequest({ ...keys(alice, emu), vpcNo: 1, routeTableNoList: [3, '4'], supportedSubnetTypeCode: 'PUBLIC', timestamp: 1 });
  assert.match(reads.url, /\/getRouteTableList\?routeTableNoList\.1=3&routeTableNoList\.2=4&supportedSubnetTypeCode=PUBLIC&vpcNo=1&responseFormatType=json$/);
  assert.match(esm.buildGetRouteListRequest({ ...keys(alice, emu), vpcNo: 1, routeTableNo: 2, timestamp: 1 }).url, /\/getRouteList\?routeTableNo=2&vpcNo=1&responseFormatType=json$/);
});

test('createClient: the seven as methods, configuration given once', async () => {
  emu.reset();
  const client = cjs.createClient({ ...keys(alice, emu), regionCode: 'KR', responseFormatType: 'xml' });
  assert.equal((await client.getVpcList()).totalRows, 4);
  assert.equal((await client.getVpcDetail({ vpcNo: 10001 })).vpcList[0].vpcName, 'alice-web');
  assert.equal((await client.getRouteTableList()).totalRows, 8);
  assert.equal((await client.getRouteTableDetail({ routeTableNo: 30002 })).routeTableList[0].routeTableName, 'alice-web-default-private-table');
  assert.equal((await client.getRouteList({ vpcNo: 10001, routeTableNo: 30002 })).routeList[0].destinationCidrBlock, '10.0.0.0/16');
  const nat = { destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNo: '9' };
  assert.equal((await client.addRoute({ vpcNo: 10001, routeTableNo: 30002, routeList: [nat] })).routeList.length, 2);
  assert.equal((await client.removeRoute({ vpcNo: 10001, routeTableNo: 30002, routeList: [nat] })).routeList.length, 1);
  assert.ok(emu.requests.every((r) => r.params.regionCode === 'KR' && r.params.responseFormatType === 'xml'));
  assert.match(client.buildRemoveRouteRequest({ vpcNo: 1, routeTableNo: 2, routeList: [nat], timestamp: 1 }).url,
    /\/removeRoute\?regionCode=KR&vpcNo=1&routeTableNo=2&routeList\.1\.destinationCidrBlock=0\.0\.0\.0%2F0&routeList\.1\.targetTypeCode=NATGW&routeList\.1\.targetNo=9&responseFormatType=xml$/);
  client.free();
});

test('the fixture answers (tests/fixtures) replayed: XML and JSON give one object, every schema field filled, empty ones too', async () => {
  const fixture = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  const options = {
    getVpcList: {},
    getRouteTableList: {},
    getRouteList: { vpcNo: 1, routeTableNo: 2 },
    addRoute: { vpcNo: 1, routeTableNo: 2, routeList: [{ destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW' }] },
    removeRoute: { vpcNo: 1, routeTableNo: 2, routeList: [{ destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW' }] },
  };
  const replay = async (action, stem, listAction) => {
    const results = [];
    for (const format of ['xml', 'json']) {
      const body = fixture(`${stem}.${format}`).replaceAll(`${listAction}Response`, `${action}Response`);
      results.push(await esm[action]({ accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000', ...options[action], fetch: async () => new Response(body) }));
    }
    assert.deepEqual(results[0], results[1], `${stem} as ${action}`);
    return results[0];
  };
  const vpcs = await replay('getVpcList', 'vpc-list', 'getVpcList');
  assert.deepEqual(vpcs, {
    requestId: 'req-vpcs', returnCode: '0', returnMessage: 'success', totalRows: 2,
    vpcList: [
      { vpcNo: '75658', vpcName: 'web-vpc', ipv4CidrBlock: '10.0.0.0/16', vpcStatus: { code: 'RUN', codeName: 'run' }, regionCode: 'KR', createDate: '2026-10-01T09:30:00+0900' },
      { vpcNo: '75659', vpcName: 'app-vpc', ipv4CidrBlock: '172.16.0.0/16', vpcStatus: { code: 'CREATING', codeName: 'creating' }, regionCode: 'KR', createDate: '2026-11-28T18:04:12+0900' },
    ],
  });
  const tables = await replay('getRouteTableList', 'route-table-list', 'getRouteTableList');
  assert.equal(tables.totalRows, 5);
  assert.deepEqual(tables.routeTableList.map((t) => [t.routeTableNo, t.supportedSubnetType.code, t.isDefault, t.routeTableDescription]), [
    ['30001', 'PUBLIC', true, '기본 <public> & "default"'],
    ['30002', 'PRIVATE', true, ''],
    ['30017', 'PRIVATE', false, 'batch subnets'],
  ]);
  for (const action of ['getRouteList', 'addRoute', 'removeRoute']) {
    const routes = await replay(action, 'route-list', 'getRouteList');
    assert.deepEqual(routes.routeList[0], {
      destinationCidrBlock: '10.0.0.0/16', targetName: 'LOCAL', routeTableNo: '30002', targetType: { code: 'LOCAL', codeName: 'Local' }, targetNo: '', isDefault: true,
    }, action);
    assert.deepEqual(routes.routeList.map((r) => [r.targetType.code, r.targetNo, r.isDefault]), [['LOCAL', '', true], ['VPCPEERING', '16212', false], ['NATGW', '8843', false]]);
  }
});
