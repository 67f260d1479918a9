// Node-side assertions on what checks.mjs gathered in a runtime: one node:test test per behaviour, so each runtime's
// runner reports the same names (workerd, the import-map page, Vite, webpack, esbuild).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';

/** The public API every runtime must expose (besides the entry's own init functions). */
export const API = [
  'acceptOrRejectVpcPeering',
  'buildAcceptOrRejectVpcPeeringRequest',
  'buildCreateVpcPeeringInstanceRequest',
  'buildDeleteVpcPeeringInstanceRequest',
  'buildGetVpcPeeringInstanceDetailRequest',
  'buildGetVpcPeeringInstanceListRequest',
  'buildSetVpcPeeringDescriptionRequest',
  'createClient',
  'createVpcPeeringInstance',
  'deleteVpcPeeringInstance',
  'getVpcPeeringInstanceDetail',
  'getVpcPeeringInstanceList',
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

  test(`${label}: lifecycle: wait RUN -> delete -> wait GONE`, () => {
    const results = getResults();
    const running = resolved(results.waitRun, 'waitRun');
    assert.equal(running.vpcPeeringInstanceStatus.code, 'RUN');
    const deleted = resolved(results.deleted, 'deleted');
    assert.equal(deleted.vpcPeeringInstanceList[0].vpcPeeringInstanceStatus.code, 'TERMTING');
    assert.equal(resolved(results.waitGone, 'waitGone'), null);
  });
}
