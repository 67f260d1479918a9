// Every documented error code, produced for real: by the emulator's rules and faults, a closed port, a timer and
// an abort. Each error is a real Error with a stable code and the documented properties.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createVpcPeeringInstance, buildCreateVpcPeeringInstanceRequest } from 'ncloud-vpc-wasm';
import { emulator, keys, alice, rejection } from './_setup.mjs';

let emu;
before(async () => { emu = await emulator(); });
after(() => emu.close());

const create = (extra = {}) => createVpcPeeringInstance({ ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002, ...extra });

function assertShape(err, code) {
  assert.ok(err instanceof Error, 'a real Error');
  assert.equal(err.name, 'NcloudVpcError');
  assert.equal(err.code, code, err.message);
  assert.equal(typeof err.message, 'string');
  assert.equal(typeof err.attempts, 'number');
}

test('ERR_INVALID_OPTION names the field, and nothing is sent', async () => {
  emu.reset();
  const cases = [
    [{ vpcPeeringName: 'Bad_Name' }, 'vpcPeeringName'],
    [{ sourceVpcNO: 1 }, 'sourceVpcNO'],
    [{ sourceVpcNo: undefined }, 'sourceVpcNo'],
    [{ targetVpcNo: 10001 }, 'targetVpcNo'],
    [{ vpcPeeringDescription: '가'.repeat(334) }, 'vpcPeeringDescription'],
    [{ targetVpcName: 'bob-api' }, 'targetVpcLoginId'],
    [{ site: 'moon' }, 'site'],
    [{ method: 'PUT' }, 'method'],
    [{ responseFormatType: 'yaml' }, 'responseFormatType'],
    [{ endpoint: 'ftp://x' }, 'endpoint'],
    [{ timeoutMs: -5 }, 'timeoutMs'],
    [{ secretKey: '' }, 'secretKey'],
    [{ accessKey: 'has space' }, 'accessKey'],
    [{ fetch: 'not a function' }, 'fetch'],
  ];
  for (const [extra, field] of cases) {
    const err = await rejection(create(extra));
    assertShape(err, 'ERR_INVALID_OPTION');
    assert.equal(err.field, field, err.message);
    assert.match(err.message, new RegExp(field));
    assert.equal(err.attempts, 0);
  }
  assert.equal(emu.requests.length, 0, 'validation failures send nothing');
  const err = await rejection(createVpcPeeringInstance('not an object'));
  assert.equal(err.field, 'options');
  assert.throws(() => buildCreateVpcPeeringInstanceRequest({}), (e) => e.code === 'ERR_INVALID_OPTION' && e.field === 'accessKey');
});

test('ERR_NCP_API: the gateway 401 explained, verbatim facts kept', async () => {
  const err = await rejection(create({ secretKey: 'wrongSecret00000000000000000000000000000' }));
  assertShape(err, 'ERR_NCP_API');
  assert.equal(err.status, 401);
  assert.equal(err.returnCode, '200');
  assert.equal(err.returnMessage, 'Authentication Failed');
  assert.equal(typeof err.details, 'string');
  assert.match(err.message, /secret key|signature/);
  assert.match(err.message, /5 minutes/);
  assert.equal(err.attempts, 1);
});

test('ERR_NCP_API: a skewed clock is the gateway 401', async () => {
  const err = await rejection(create({ timestamp: Date.now() - 6 * 60 * 1000 }));
  assertShape(err, 'ERR_NCP_API');
  assert.equal(err.status, 401);
  assert.equal(err.returnCode, '200');
});

test('ERR_NCP_API: a service responseError in XML and JSON', async () => {
  for (const responseFormatType of ['xml', 'json']) {
    // 10001 and 10003 overlap (10.0.0.0/16 and 10.0.128.0/20)
    const err = await rejection(create({ targetVpcNo: 10003, responseFormatType }));
    assertShape(err, 'ERR_NCP_API');
    assert.equal(err.status, 400);
    assert.equal(err.returnCode, 'EMU_CIDR_OVERLAP'); // the emulator's invention (emulator/README.md, Codes)
    assert.match(err.returnMessage, /overlap/i);
    assert.match(err.message, /^createVpcPeeringInstance failed with returnCode EMU_CIDR_OVERLAP: /);
  }
});

test('ERR_NCP_API: a 2xx whose returnCode is not 0', async () => {
  emu.reset();
  emu.injectFault({ kind: 'returnCodeNonZero' });
  const err = await rejection(create());
  assertShape(err, 'ERR_NCP_API');
  assert.equal(err.status, 200);
  assert.equal(err.returnCode, 'EMU_RETURN_CODE_NONZERO');
  assert.equal(typeof err.requestId, 'string');
  assert.ok(err.requestId.length > 0);
});

test('ERR_HTTP: an HTML 502 page', async () => {
  emu.injectFault({ kind: 'html502' });
  const err = await rejection(create());
  assertShape(err, 'ERR_HTTP');
  assert.equal(err.status, 502);
  assert.match(err.bodySnippet, /<html|<!DOCTYPE/i);
  assert.ok(err.bodySnippet.length <= 200);
});

test('ERR_BAD_RESPONSE: empty 200 and binary garbage', async () => {
  for (const kind of ['empty200', 'garbage']) {
    emu.injectFault({ kind });
    const err = await rejection(create());
    assertShape(err, 'ERR_BAD_RESPONSE');
    assert.equal(err.status, 200);
    assert.equal(typeof err.bodySnippet, 'string');
  }
});

test('ERR_NETWORK: connection refused, with fetch\'s error as cause', async () => {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  const err = await rejection(create({ endpoint: `http://127.0.0.1:${port}` }));
  assertShape(err, 'ERR_NETWORK');
  assert.ok(err.cause instanceof Error);
  assert.match(err.message, /could not reach http:\/\/127\.0\.0\.1:\d+\/vpc\/v2\/createVpcPeeringInstance/);
});

test('ERR_NETWORK: the connection dropped mid-body', async () => {
  emu.injectFault({ kind: 'dropMidBody' });
  const err = await rejection(create({ sourceVpcNo: 10002, targetVpcNo: 10001 }));
  assertShape(err, 'ERR_NETWORK');
  assert.equal(err.status, 200);
});

test('ERR_TIMEOUT: an answer slower than timeoutMs', async () => {
  emu.injectFault({ kind: 'slow', delayMs: 2000 });
  const started = Date.now();
  const err = await rejection(create({ timeoutMs: 150 }));
  assertShape(err, 'ERR_TIMEOUT');
  assert.match(err.message, /timed out after 150 ms/);
  assert.ok(Date.now() - started < 1500, 'gave up at the deadline');
});

test('ERR_ABORTED: the caller aborts mid-flight, or before', async () => {
  emu.injectFault({ kind: 'slow', delayMs: 2000 });
  const controller = new AbortController();
  const pending = create({ signal: controller.signal });
  setTimeout(() => controller.abort(new Error('user went away')), 50);
  const err = await rejection(pending);
  assertShape(err, 'ERR_ABORTED');
  assert.equal(err.cause.message, 'user went away');
  emu.reset();
  const early = await rejection(create({ signal: AbortSignal.abort('no') }));
  assertShape(early, 'ERR_ABORTED');
  assert.equal(early.cause, 'no');
  assert.equal(early.attempts, 0, 'nothing was sent');
  assert.equal(emu.requests.length, 0, 'an aborted signal sends nothing');
});

test('after every failure the same module instance still works', async () => {
  emu.reset();
  const result = await create();
  assert.equal(result.returnCode, '0');
});
