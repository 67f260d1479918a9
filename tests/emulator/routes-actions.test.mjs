// The seven VPC and route actions in GET and POST, XML and JSON: answer shape, field names and order, types.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, call, callJson, parseXml, xmlToObject, routeParams, createPeering, waitForStatus, authHeaders, alice } from './_helpers.mjs';
import { ACTIONS } from '../../emulator/server.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0900$/;

/** Each resource as the reference lists it: list, XML item element, fields in order, which are codes and flags. */
const RESOURCES = {
  vpc: { list: 'vpcList', item: 'vpc', fields: ['vpcNo', 'vpcName', 'ipv4CidrBlock', 'vpcStatus', 'regionCode', 'createDate'], codes: ['vpcStatus'], flags: [] },
  routeTable: {
    list: 'routeTableList',
    item: 'routeTable',
    fields: ['routeTableNo', 'routeTableName', 'regionCode', 'vpcNo', 'supportedSubnetType', 'isDefault', 'routeTableStatus', 'routeTableDescription'],
    codes: ['supportedSubnetType', 'routeTableStatus'],
    flags: ['isDefault'],
  },
  route: {
    list: 'routeList',
    item: 'route',
    fields: ['destinationCidrBlock', 'targetName', 'routeTableNo', 'targetType', 'targetNo', 'isDefault'],
    codes: ['targetType'],
    flags: ['isDefault'],
  },
};

let emu;
before(async () => {
  emu = await start();
});
after(() => emu.close());
beforeEach(() => emu.reset());

/** A RUN peering alice-web (10001) -> alice-app (10002), named web-to-app. */
async function runningPeering() {
  const no = await createPeering(emu, { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-to-app' });
  await waitForStatus(emu, no, 'RUN');
  return no;
}

/** Each action: its parameters given a fresh state, its resource, how many rows it answers, what one row says. */
const SCENARIOS = {
  getVpcList: {
    resource: 'vpc',
    setup: async () => ({ vpcName: 'alice-app' }),
    rows: 1,
    check: (v) => assert.deepEqual([v.vpcNo, v.vpcName, v.ipv4CidrBlock, v.vpcStatus.code, v.regionCode], ['10002', 'alice-app', '10.1.0.0/16', 'RUN', 'KR']),
  },
  getVpcDetail: {
    resource: 'vpc',
    setup: async () => ({ vpcNo: '10001' }),
    rows: 1,
    check: (v) => assert.deepEqual([v.vpcNo, v.vpcName, v.ipv4CidrBlock], ['10001', 'alice-web', '10.0.0.0/16']),
  },
  getRouteTableList: {
    resource: 'routeTable',
    setup: async () => ({ vpcNo: '10001', supportedSubnetTypeCode: 'PRIVATE' }),
    rows: 1,
    check: (t) => assert.deepEqual([t.routeTableNo, t.vpcNo, t.supportedSubnetType.code, t.routeTableStatus.code], ['30002', '10001', 'PRIVATE', 'RUN']),
  },
  getRouteTableDetail: {
    resource: 'routeTable',
    setup: async () => ({ routeTableNo: '30001' }),
    rows: 1,
    check: (t) => assert.deepEqual([t.routeTableNo, t.routeTableName, t.vpcNo, t.supportedSubnetType.code], ['30001', 'alice-web-default-public-table', '10001', 'PUBLIC']),
  },
  getRouteList: {
    resource: 'route',
    setup: async () => ({ routeTableNo: '30001', vpcNo: '10001' }),
    rows: 1,
    check: (r) => assert.deepEqual([r.destinationCidrBlock, r.targetName, r.routeTableNo, r.targetType.code, r.targetType.codeName, r.targetNo], ['10.0.0.0/16', 'LOCAL', '30001', 'LOCAL', 'Local', '']),
  },
  addRoute: {
    resource: 'route',
    setup: async () => {
      const no = await runningPeering();
      return routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: no, targetName: 'web-to-app' }]);
    },
    rows: 2, // the table's routes after the change: the local route and the new one
    check: (r) => assert.equal(r.destinationCidrBlock, '10.0.0.0/16'),
  },
  removeRoute: {
    resource: 'route',
    setup: async () => {
      const no = await runningPeering();
      const route = { destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: no };
      assert.equal((await callJson(emu, 'addRoute', routeParams('10001', '30001', [route]))).status, 200);
      return routeParams('10001', '30001', [route]);
    },
    rows: 1, // the local route is left
    check: (r) => assert.deepEqual([r.destinationCidrBlock, r.targetType.code], ['10.0.0.0/16', 'LOCAL']),
  },
};

function checkItem(item, resource, format) {
  const spec = RESOURCES[resource];
  assert.deepEqual(Object.keys(item), spec.fields);
  for (const c of spec.codes) {
    assert.deepEqual(Object.keys(item[c]), ['code', 'codeName'], c);
    assert.ok(item[c].code && item[c].codeName, c);
  }
  for (const f of spec.flags) {
    if (format === 'json') assert.equal(typeof item[f], 'boolean', f);
    else assert.match(item[f], /^(true|false)$/, f);
  }
  if (resource === 'vpc') assert.match(item.createDate, DATE_RE);
}

describe('the VPC and route actions answer in GET/POST x XML/JSON', () => {
  for (const [action, scenario] of Object.entries(SCENARIOS)) {
    const spec = RESOURCES[scenario.resource];
    for (const method of ['GET', 'POST']) {
      test(`${action} ${method} json`, async () => {
        const params = await scenario.setup();
        const r = await callJson(emu, action, params, { method });
        assert.equal(r.status, 200, r.text);
        assert.match(r.headers.get('content-type'), /^application\/json/);
        assert.deepEqual(Object.keys(r.json), [`${action}Response`]);
        assert.equal(r.text, JSON.stringify(r.json, null, 2), 'pretty-printed with 2 spaces, no trailing newline');
        assert.deepEqual(Object.keys(r.body), ['requestId', 'returnCode', 'returnMessage', 'totalRows', spec.list]);
        assert.match(r.body.requestId, UUID_RE);
        assert.deepEqual([r.body.returnCode, r.body.returnMessage, r.body.totalRows], ['0', 'success', scenario.rows]);
        assert.equal(r.body[spec.list].length, scenario.rows);
        for (const item of r.body[spec.list]) checkItem(item, scenario.resource, 'json');
        scenario.check(r.body[spec.list][0]);
      });

      test(`${action} ${method} xml (default)`, async () => {
        const params = await scenario.setup();
        const r = await call(emu, action, params, { method });
        assert.equal(r.status, 200, r.text);
        assert.match(r.headers.get('content-type'), /^application\/xml/);
        assert.ok(r.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
        const root = parseXml(r.text);
        assert.equal(root.name, `${action}Response`);
        const list = root.children.at(-1);
        assert.equal(list.name, spec.list);
        assert.deepEqual(list.children.map((c) => c.name), Array(scenario.rows).fill(spec.item));
        const b = xmlToObject(root);
        assert.deepEqual(Object.keys(b), ['requestId', 'returnCode', 'returnMessage', 'totalRows', spec.list]);
        assert.deepEqual([b.returnCode, b.totalRows], ['0', String(scenario.rows)]);
        for (const item of b[spec.list]) checkItem(item, scenario.resource, 'xml');
        scenario.check(b[spec.list][0]);
      });
    }
  }

  test('the local route in XML is as the getRouteList page shows it (an empty <targetNo></targetNo>)', async () => {
    const r = await call(emu, 'getRouteList', { routeTableNo: '30002', vpcNo: '10001' });
    assert.ok(r.text.includes('      <targetName>LOCAL</targetName>\n'));
    assert.ok(r.text.includes('      <targetType>\n        <code>LOCAL</code>\n        <codeName>Local</codeName>\n      </targetType>\n'));
    assert.ok(r.text.includes('      <targetNo></targetNo>\n      <isDefault>true</isDefault>\n'));
  });

  test('an empty answer is an empty list in both formats', async () => {
    const x = xmlToObject(parseXml((await call(emu, 'getVpcDetail', { vpcNo: '20001' })).text));
    assert.deepEqual([x.totalRows, x.vpcList], ['0', []]);
    const j = await callJson(emu, 'getRouteTableDetail', { routeTableNo: '30009' });
    assert.deepEqual([j.body.totalRows, j.body.routeTableList], [0, []]);
  });

  test('errors of the new actions come in NCP\'s shapes, JSON and XML', async () => {
    const j = await callJson(emu, 'getRouteList', { vpcNo: '10001' });
    assert.equal(j.status, 400);
    assert.deepEqual(j.json, { responseError: { returnCode: 'EMU_REQUIRED', returnMessage: 'routeTableNo is required' } });
    const x = await call(emu, 'addRoute', { vpcNo: '10001', routeTableNo: '30001' }, { method: 'POST' });
    assert.equal(x.status, 400);
    assert.match(x.headers.get('content-type'), /^application\/xml/);
    assert.deepEqual(xmlToObject(parseXml(x.text)), { returnCode: 'EMU_REQUIRED', returnMessage: 'routeList.1.destinationCidrBlock is required' });
  });

  test('both signature headers work for the new actions (an official SDK signs with -v1)', async () => {
    const target = '/vpc/v2/getVpcList?responseFormatType=json';
    const v2 = authHeaders(alice, 'GET', target);
    const v1 = { ...v2, 'x-ncp-apigw-signature-v1': v2['x-ncp-apigw-signature-v2'] };
    delete v1['x-ncp-apigw-signature-v2'];
    for (const headers of [v2, v1]) {
      const res = await fetch(emu.url + target, { headers });
      assert.equal(res.status, 200, await res.clone().text());
      assert.equal((await res.json()).getVpcListResponse.totalRows, 4);
    }
  });

  test('ACTIONS lists the six peering actions, then the two VPC and the five route table actions', () => {
    assert.deepEqual(ACTIONS.slice(6), ['getVpcList', 'getVpcDetail', 'getRouteTableList', 'getRouteTableDetail', 'getRouteList', 'addRoute', 'removeRoute']);
    assert.equal(ACTIONS[0], 'createVpcPeeringInstance');
  });

  test('a returnCodeNonZero fault answers with the action\'s own (empty) list, in both formats; nothing is added', async () => {
    const no = await runningPeering();
    emu.injectFault({ kind: 'returnCodeNonZero', count: 2 });
    const params = routeParams('10001', '30001', [{ destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: no }]);
    const j = await callJson(emu, 'addRoute', params);
    assert.deepEqual([j.status, j.body.returnCode, j.body.totalRows, j.body.routeList], [200, 'EMU_RETURN_CODE_NONZERO', 0, []]);
    const x = xmlToObject(parseXml((await call(emu, 'getVpcList', {})).text));
    assert.deepEqual([x.returnCode, x.vpcList], ['EMU_RETURN_CODE_NONZERO', []]);
    assert.equal((await callJson(emu, 'getRouteList', { routeTableNo: '30001', vpcNo: '10001' })).body.totalRows, 1);
  });
});
