// The secret key on the error paths the fault matrix does not cover: refused options, the dry run, createClient,
// validateOptions, the waits' own errors (ERR_AWAITING_ACCEPTANCE, ERR_NOT_FOUND, a timeout, an abort), and a
// Client object itself. Same scan as matrix.mjs: every reachable text of the error, util.inspect, and everything
// printed meanwhile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import * as api from 'ncloud-vpc-wasm';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { textsOf, leaksIn } from './matrix.mjs';
import { captureWrites } from './_helpers.mjs';

const [alice, bob] = seed.accounts;
let emu;
before(async () => { emu = await startEmulator({ runDelayMs: 50, deleteDelayMs: 50 }); });
after(() => emu?.close());

const keys = (account = alice) => ({ accessKey: account.accessKey, secretKey: account.secretKey, endpoint: emu.url });
const SECRETS = { 'alice secret': alice.secretKey, 'bob secret': bob.secretKey };

/** Runs `make`, returns [what it threw or rejected with, everything printed meanwhile]. */
async function caught(make) {
  const printed = [];
  const stop = captureWrites((where, text) => printed.push([where, text]));
  try {
    await make();
  } catch (err) {
    return [err, printed];
  } finally {
    stop();
  }
  return [null, printed];
}

function assertNoLeak(err, printed, label) {
  assert.ok(err instanceof Error, `${label}: expected an error`);
  const leaks = [...leaksIn(textsOf(err, util.inspect), SECRETS), ...leaksIn(printed, SECRETS)];
  assert.deepEqual(leaks, [], label);
}

test('refused options: the keys are named, never echoed, in every way an error can be read', async () => {
  const cases = {
    'secret with a space': { ...keys(), secretKey: `${alice.secretKey} `, sourceVpcNo: 1, targetVpcNo: 2 },
    'secret with a newline': { ...keys(), secretKey: `${alice.secretKey}\n`, sourceVpcNo: 1, targetVpcNo: 2 },
    'secret as a number': { ...keys(), secretKey: 12345678901234567890, sourceVpcNo: 1, targetVpcNo: 2 },
    'secret in an array': { ...keys(), secretKey: [alice.secretKey], sourceVpcNo: 1, targetVpcNo: 2 },
    'access key with a tab': { ...keys(), accessKey: `${alice.accessKey}\t`, sourceVpcNo: 1, targetVpcNo: 2 },
    'other field wrong, keys fine': { ...keys(), sourceVpcNo: 'x', targetVpcNo: 2 },
    'unknown option': { ...keys(), secretkey: alice.secretKey, sourceVpcNo: 1, targetVpcNo: 2 },
  };
  for (const [label, options] of Object.entries(cases)) {
    const [rejected, printed] = await caught(() => api.createVpcPeeringInstance(options));
    if (label !== 'unknown option') assertNoLeak(rejected, printed, `${label} (call)`);
    assert.equal(rejected.code, 'ERR_INVALID_OPTION');
    const [thrown, printed2] = await caught(() => api.buildCreateVpcPeeringInstanceRequest(options));
    if (label !== 'unknown option') assertNoLeak(thrown, printed2, `${label} (dry run)`);
    const problems = api.validateOptions('createVpcPeeringInstance', options);
    if (label !== 'unknown option') assert.deepEqual(leaksIn(problems.map((p) => ['problem', p.message]), SECRETS), [], label);
  }
  // The secret pasted into the wrong field: a refused value is quoted up to 40 characters, the length of an NCP
  // secret key. Regression (src/options.rs scrub_secret): it was echoed whole.
  for (const field of ['sourceVpcNo', 'targetVpcNo', 'regionCode', 'vpcPeeringName', 'targetVpcLoginId']) {
    const options = { ...keys(), sourceVpcNo: 1, targetVpcNo: 2, [field]: alice.secretKey };
    const [pasted, printed] = await caught(() => api.createVpcPeeringInstance(options));
    assert.equal(pasted.field, field);
    assert.match(pasted.message, /\[redacted\]/);
    assertNoLeak(pasted, printed, `secret pasted into ${field}`);
    const problems = api.validateOptions('createVpcPeeringInstance', options);
    assert.deepEqual(leaksIn(problems.map((p) => ['problem', p.message]), SECRETS), [], field);
  }
  // An option the caller misnamed holds the secret as its value: the message names the key, not the value.
  const [err] = await caught(() => api.createVpcPeeringInstance(cases['unknown option']));
  assert.equal(err.field, 'secretkey');
  assert.ok(!err.message.includes(alice.secretKey));
});

test('createClient refusals and the Client object hold no readable secret', async () => {
  const [err, printed] = await caught(() => api.createClient({ ...keys(), secretKey: `${alice.secretKey} x` }));
  assertNoLeak(err, printed, 'createClient');
  const client = api.createClient(keys());
  const views = [util.inspect(client, { showHidden: true, depth: 10 }), JSON.stringify(client) ?? '', String(client), Object.keys(client).join()];
  assert.deepEqual(leaksIn(views.map((v) => ['client', v]), SECRETS), []);
  const [callErr, printed2] = await caught(() => client.getVpcPeeringInstanceList({ sourceVpcName: 'a\u0000b' }));
  assertNoLeak(callErr, printed2, 'client call');
  client.free();
});

test('the dry run shows the signature (that is its purpose) but never the secret', () => {
  const request = api.buildCreateVpcPeeringInstanceRequest({ ...keys(), sourceVpcNo: 10001, targetVpcNo: 10002, method: 'POST' });
  assert.equal(request.headers['x-ncp-apigw-signature-v2'].length, 44);
  assert.deepEqual(leaksIn(textsOf(request, util.inspect), SECRETS), []);
});

test('the waits\' own errors: awaiting acceptance, not found, timeout, abort', async () => {
  const created = await api.createVpcPeeringInstance({
    ...keys(), sourceVpcNo: 10002, targetVpcNo: 20001, targetVpcName: 'bob-db', targetVpcLoginId: bob.loginId,
  });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const wait = (extra) => api.waitForVpcPeeringInstance({ ...keys(), vpcPeeringInstanceNo: no, pollIntervalMs: 10, ...extra });

  const [awaiting, p1] = await caught(() => wait({}));
  assert.equal(awaiting.code, 'ERR_AWAITING_ACCEPTANCE');
  assert.equal(awaiting.instance.vpcPeeringInstanceNo, no);
  assertNoLeak(awaiting, p1, 'ERR_AWAITING_ACCEPTANCE');

  const [timeout, p2] = await caught(() => wait({ awaitAcceptance: true, timeoutMs: 100 }));
  assert.equal(timeout.code, 'ERR_TIMEOUT');
  assertNoLeak(timeout, p2, 'wait ERR_TIMEOUT');

  const [aborted, p3] = await caught(() => wait({ awaitAcceptance: true, signal: AbortSignal.timeout(60) }));
  assert.equal(aborted.code, 'ERR_ABORTED');
  assertNoLeak(aborted, p3, 'wait ERR_ABORTED');

  await api.acceptOrRejectVpcPeering({ ...keys(bob), vpcPeeringInstanceNo: no, isAccept: false });
  const [gone, p4] = await caught(() => wait({ until: 'RUN', pollIntervalMs: 200 }));
  assert.equal(gone.code, 'ERR_NOT_FOUND');
  assertNoLeak(gone, p4, 'ERR_NOT_FOUND');

  // The other account's key on a 401: bob's secret, wrong for alice's access key.
  const [wrong, p5] = await caught(() => api.getVpcPeeringInstanceList({ ...keys(), secretKey: bob.secretKey }));
  assert.equal(wrong.status, 401);
  assertNoLeak(wrong, p5, 'another account\'s secret');
});
