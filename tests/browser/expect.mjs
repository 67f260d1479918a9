// Node-side assertions on what checks.mjs gathered in a runtime: one node:test test per behaviour, so each runtime's
// runner reports the same names (workerd, the import-map page, Vite, webpack, esbuild).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';
import { VARIANTS, ROUTE_READS, ROUTE_INVALID, LEGACY_TABLE } from './checks.mjs';

/** The public API every runtime must expose (besides the entry's own init functions). */
export const API = [
  'acceptOrRejectVpcPeering',
  'addRoute',
  'buildAcceptOrRejectVpcPeeringRequest',
  'buildAddRouteRequest',
  'buildCreateVpcPeeringInstanceRequest',
  'buildDeleteVpcPeeringInstanceRequest',
  'buildGetRouteListRequest',
  'buildGetRouteTableDetailRequest',
  'buildGetRouteTableListRequest',
  'buildGetVpcDetailRequest',
  'buildGetVpcListRequest',
  'buildGetVpcPeeringInstanceDetailRequest',
  'buildGetVpcPeeringInstanceListRequest',
  'buildRemoveRouteRequest',
  'buildSetVpcPeeringDescriptionRequest',
  'createClient',
  'createVpcPeeringInstance',
  'deleteVpcPeeringInstance',
  'getRouteList',
  'getRouteTableDetail',
  'getRouteTableList',
  'getVpcDetail',
  'getVpcList',
  'getVpcPeeringInstanceDetail',
  'getVpcPeeringInstanceList',
  'removeRoute',
  'setVpcPeeringDescription',
  'validateOptions',
  'waitForVpcPeeringInstance',
];

/** A loopback port that was free a moment ago and has nothing listening: the network-error target. */
export async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** What the runtime needs to run checks.mjs: the emulator, a closed port, alice's demo keys. */
export async function checkEnv(emu, account) {
  return {
    endpoint: emu.url,
    closedEndpoint: `http://127.0.0.1:${await closedPort()}`,
    accessKey: account.accessKey,
    secretKey: account.secretKey,
    pollIntervalMs: 20,
  };
}

function rejected(fact, label) {
  assert.equal(fact.ok, false, `${label}: expected a rejection, got ${JSON.stringify(fact.value)}`);
  const { error } = fact;
  assert.equal(error.isError, true, `${label}: not an Error instance`);
  assert.equal(error.name, 'NcloudVpcError');
  assert.equal(error.leaksSecret, false, `${label}: the secret key is in the error`);
  return error;
}

function resolved(fact, label) {
  assert.equal(fact.ok, true, `${label}: ${JSON.stringify(fact.error)}`);
  return fact.value;
}

/**
 * Registers one test per behaviour, reading the facts from `getResults()` (called inside each test, so the runtime
 * can be driven in a `before` hook).
 * @param {string} label the runtime, in test names
 * @param {() => object} getResults the facts checks.mjs returned
 * @param {() => {requests: object[], env: object}} getContext the emulator's request log while the runtime ran (a
 *   snapshot: the emulator is reset between runtimes) and the env given to the runtime
 */
export function registerChecks(label, getResults, getContext) {
  test(`${label}: exports the whole API`, () => {
    const { exports } = getResults();
    for (const name of API) assert.ok(exports.includes(name), `${label}: missing export ${name}`);
  });

  test(`${label}: creates a peering (alice 10001 -> 10002)`, () => {
    const result = resolved(getResults().created, 'created');
    assert.equal(result.returnCode, '0');
    assert.equal(result.totalRows, 1);
    const [peering] = result.vpcPeeringInstanceList;
    assert.equal(peering.sourceVpcNo, '10001');
    assert.equal(peering.targetVpcNo, '10002');
    assert.equal(peering.vpcPeeringName, 'runtime-check');
    assert.equal(peering.vpcPeeringInstanceStatus.code, 'INIT');
    assert.equal(peering.isBetweenAccounts, false);
    const logged = getContext().requests.find((r) => r.action === 'createVpcPeeringInstance' && r.status === 200);
    assert.ok(logged, 'the emulator saw the create');
    assert.equal(logged.signatureValid, true);
    assert.equal(logged.params.responseFormatType, 'json', 'JSON by default, as NCP\'s own SDKs ask');
  });

  test(`${label}: a missing option rejects with ERR_INVALID_OPTION naming the field, nothing sent`, () => {
    const error = rejected(getResults().validation, 'validation');
    assert.equal(error.code, 'ERR_INVALID_OPTION');
    assert.equal(error.field, 'sourceVpcNo');
    assert.equal(error.message, 'sourceVpcNo is required');
    assert.equal(error.attempts, 0);
    const problems = resolved(getResults().validateOptions, 'validateOptions');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'sourceVpcNo');
    const thrown = rejected(getResults().buildThrows, 'buildThrows');
    assert.equal(thrown.code, 'ERR_INVALID_OPTION');
    assert.equal(thrown.field, 'vpcPeeringName');
  });

  test(`${label}: a dry run signs exactly as node:crypto does`, () => {
    const request = resolved(getResults().dryRun, 'dryRun');
    const { env } = getContext();
    const target = '/vpc/v2/createVpcPeeringInstance?sourceVpcNo=10001&targetVpcNo=10002&responseFormatType=json';
    assert.equal(request.method, 'GET');
    assert.equal(request.url, env.endpoint + target);
    assert.equal(request.body, null);
    const expected = crypto
      .createHmac('sha256', env.secretKey)
      .update(`GET ${target}\n1700000000000\n${env.accessKey}`)
      .digest('base64');
    assert.equal(request.headers['x-ncp-apigw-signature-v2'], expected);
    assert.equal(request.headers['x-ncp-apigw-timestamp'], '1700000000000');
    assert.equal(request.headers['x-ncp-iam-access-key'], env.accessKey);
  });

  test(`${label}: a wrong secret rejects with ERR_NCP_API, status 401, returnCode 200`, () => {
    const error = rejected(getResults().authError, 'authError');
    assert.equal(error.code, 'ERR_NCP_API');
    assert.equal(error.status, 401);
    assert.equal(error.returnCode, '200');
    assert.equal(error.returnMessage, 'Authentication Failed');
    assert.equal(error.attempts, 1);
  });

  test(`${label}: overlapping CIDRs (10001 -> 10003) reject with ERR_NCP_API and the service's returnCode`, () => {
    const error = rejected(getResults().serviceError, 'serviceError');
    assert.equal(error.code, 'ERR_NCP_API');
    assert.equal(error.status, 400);
    assert.equal(error.returnCode, 'EMU_CIDR_OVERLAP');
    assert.match(error.returnMessage, /overlap/);
  });

  test(`${label}: a closed port rejects with ERR_NETWORK, the create sent once`, () => {
    const error = rejected(getResults().networkError, 'networkError');
    assert.equal(error.code, 'ERR_NETWORK');
    assert.equal(error.attempts, 1);
    assert.equal(error.hasCause, true);
  });

  test(`${label}: createClient (POST, XML, the API's own default) reads the peering back`, () => {
    const result = resolved(getResults().client, 'client');
    assert.equal(result.totalRows, 1);
    assert.equal(result.vpcPeeringInstanceList[0].vpcPeeringName, 'runtime-check');
    const logged = getContext().requests.find((r) => r.action === 'getVpcPeeringInstanceDetail' && r.method === 'POST');
    assert.ok(logged, 'the emulator saw a POST detail call');
    assert.equal(logged.signatureValid, true);
    assert.equal(logged.params.responseFormatType, 'xml');
  });

  registerRouteChecks(label, () => getResults().routes, getContext);

  test(`${label}: lifecycle: wait RUN -> delete -> wait GONE`, () => {
    const results = getResults();
    const running = resolved(results.waitRun, 'waitRun');
    assert.equal(running.vpcPeeringInstanceStatus.code, 'RUN');
    const deleted = resolved(results.deleted, 'deleted');
    assert.equal(deleted.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
    assert.equal(resolved(results.waitGone, 'waitGone'), null);
  });
}

const withoutRequestId = ({ requestId, ...rest }) => rest;

/** The tests of the VPC, route table and route calls, on the facts checks.mjs's routeChecks gathered. */
function registerRouteChecks(label, getFacts, getContext) {
  const facts = () => {
    const value = getFacts();
    assert.equal(value?.crashed, undefined, `${label}: the route checks crashed`);
    return value;
  };

  test(`${label}: the five VPC and route table reads give one object in GET and POST, XML and JSON`, () => {
    const { reads } = facts();
    const { requests } = getContext();
    assert.deepEqual(Object.keys(reads), ROUTE_READS.map(([action]) => action));
    for (const [action, results] of Object.entries(reads)) {
      const values = results.map((fact, index) => withoutRequestId(resolved(fact, `${action} ${JSON.stringify(VARIANTS[index])}`)));
      for (const value of values.slice(1)) assert.deepEqual(value, values[0], action);
      assert.equal(values[0].returnCode, '0');
      const sent = requests.filter((r) => r.action === action).slice(0, VARIANTS.length);
      assert.deepEqual(sent.map((r) => [r.method, r.params.responseFormatType, r.signatureValid]),
        VARIANTS.map((v) => [v.method, v.responseFormatType, true]), action);
    }
    const first = (action) => withoutRequestId(resolved(reads[action][0], action));
    assert.deepEqual(first('getVpcList').vpcList.map((v) => [v.vpcNo, v.ipv4CidrBlock, v.vpcStatus.code]), [['10002', '10.1.0.0/16', 'RUN'], ['10004', '10.2.0.0/16', 'RUN']]);
    assert.equal(first('getVpcDetail').vpcList[0].vpcName, 'alice-data');
    assert.deepEqual(first('getRouteTableList').routeTableList.map((t) => [t.routeTableNo, t.supportedSubnetType.code, t.isDefault]), [['30008', 'PRIVATE', true]]);
    assert.equal(first('getRouteTableDetail').routeTableList[0].supportedSubnetType.code, 'PUBLIC');
    assert.deepEqual(first('getRouteList').routeList, [{
      destinationCidrBlock: '10.2.0.0/16', targetName: 'LOCAL', routeTableNo: '30008', targetType: { code: 'LOCAL', codeName: 'Local' }, targetNo: '', isDefault: true,
    }]);
    assert.deepEqual(requests.find((r) => r.action === 'getVpcList').params, { 'vpcNoList.1': '10004', 'vpcNoList.2': '10002', responseFormatType: 'json' });
  });

  test(`${label}: route options are refused before sending: a bad CIDR, a bad targetTypeCode, a peering route without targetNo, a missing param`, () => {
    const { validation, validationBuild, sentDuringValidation } = facts();
    const expected = {
      badCidr: ['routeList[0].destinationCidrBlock', 'routeList[0].destinationCidrBlock must be written as its network address, 10.0.128.0/20: got "10.0.128.1/20"'],
      badTargetType: ['routeList[0].targetTypeCode', 'routeList[0].targetTypeCode must be one of "NATGW", "VPCPEERING", "VGW": got "IGW"'],
      peeringWithoutTargetNo: ['routeList[0].targetNo', 'routeList[0].targetNo is required when routeList[0].targetTypeCode is VPCPEERING'],
      missingRouteTableNo: ['routeTableNo', 'routeTableNo is required'],
      missingRouteList: ['routeList', 'routeList is required'],
    };
    assert.deepEqual(Object.keys(validation), Object.keys(ROUTE_INVALID));
    for (const [name, [field, message]] of Object.entries(expected)) {
      for (const fact of [validation[name], validationBuild[name]]) {
        const error = rejected(fact, name);
        assert.equal(error.code, 'ERR_INVALID_OPTION', name);
        assert.equal(error.field, field, name);
        assert.equal(error.message, message);
        assert.equal(error.attempts, 0);
      }
    }
    assert.equal(sentDuringValidation, 0, 'nothing was sent');
  });

  test(`${label}: addRoute -> getRouteList -> removeRoute through a RUN peering (alice 10002 -> 10003), one object in GET and POST, XML and JSON`, () => {
    const { peering, roundTrips, peeringDeleted } = facts();
    const { requests } = getContext();
    const no = resolved(peering, 'peering').vpcPeeringInstanceNo;
    assert.equal(peering.value.vpcPeeringInstanceStatus.code, 'RUN');
    assert.equal(roundTrips.length, VARIANTS.length);
    const shape = (fact, what) => withoutRequestId(resolved(fact, what));
    const routes = { added: [], listed: [], removed: [] };
    for (const [index, trip] of roundTrips.entries()) {
      for (const step of Object.keys(routes)) routes[step].push(shape(trip[step], `${step} ${JSON.stringify(VARIANTS[index])}`));
    }
    for (const step of Object.keys(routes)) for (const value of routes[step].slice(1)) assert.deepEqual(value, routes[step][0], step);
    const peeringRoute = {
      destinationCidrBlock: '10.0.128.0/20', targetName: 'route-check', routeTableNo: String(LEGACY_TABLE.routeTableNo),
      targetType: { code: 'VPCPEERING', codeName: 'VPC Peering' }, targetNo: no, isDefault: false,
    };
    assert.deepEqual(routes.added[0].routeList.at(-1), peeringRoute);
    assert.deepEqual(routes.listed[0].routeList.map((r) => r.destinationCidrBlock), ['10.1.0.0/16', '10.0.128.0/20']);
    assert.deepEqual(routes.listed[0].routeList[1], peeringRoute);
    assert.deepEqual(routes.removed[0].routeList.map((r) => r.targetType.code), ['LOCAL']);
    const changes = requests.filter((r) => (r.action === 'addRoute' || r.action === 'removeRoute') && r.fault === undefined);
    assert.deepEqual(changes.map((r) => [r.action, r.method, r.params.responseFormatType, r.params['routeList.1.targetNo'], r.status]),
      VARIANTS.flatMap((v) => [['addRoute', v.method, v.responseFormatType, no, 200], ['removeRoute', v.method, v.responseFormatType, no, 200]]));
    resolved(peeringDeleted, 'peeringDeleted');
  });

  test(`${label}: a read is retried after a 503; addRoute and removeRoute are sent once`, () => {
    const { readRetried, addNotRetried, removeNotRetried, pendingFaults, afterFaults } = facts();
    const { requests } = getContext();
    assert.equal(resolved(readRetried, 'readRetried').routeTableList[0].routeTableNo, '30004');
    const reads = requests.filter((r) => r.action === 'getRouteTableDetail' && r.params.routeTableNo === '30004');
    assert.deepEqual(reads.map((r) => [r.fault ?? null, r.status]), [['status503', 503], [null, 200]]);
    for (const [action, fact] of [['addRoute', addNotRetried], ['removeRoute', removeNotRetried]]) {
      const error = rejected(fact, action);
      assert.equal(error.code, 'ERR_NCP_API');
      assert.equal(error.status, 503);
      assert.equal(error.attempts, 1, action);
      const faulted = requests.findIndex((r) => r.action === action && r.fault === 'status503');
      assert.notEqual(faulted, -1, `${action} met the fault`);
      assert.notEqual(requests[faulted + 1]?.action, action, `${action} was not sent again`);
    }
    assert.equal(pendingFaults, 0);
    assert.deepEqual(resolved(afterFaults, 'afterFaults').routeList.map((r) => r.targetType.code), ['LOCAL'], 'no route was added');
  });

  test(`${label}: buildAddRouteRequest: routeList.N.<field> in wire order, signed as node:crypto signs`, () => {
    const request = resolved(facts().dryRun, 'dryRun');
    const { env } = getContext();
    const target = '/vpc/v2/addRoute?vpcNo=10002&routeTableNo=30004'
      + '&routeList.1.destinationCidrBlock=10.0.128.0%2F20&routeList.1.targetTypeCode=VPCPEERING&routeList.1.targetNo=5&routeList.1.targetName=route-check'
      + '&routeList.2.destinationCidrBlock=0.0.0.0%2F0&routeList.2.targetTypeCode=NATGW&responseFormatType=json';
    assert.equal(request.url, env.endpoint + target);
    const expected = crypto.createHmac('sha256', env.secretKey).update(`GET ${target}\n1700000000000\n${env.accessKey}`).digest('base64');
    assert.equal(request.headers['x-ncp-apigw-signature-v2'], expected);
  });
}
