// Fault injection (programmatic and over HTTP), the control API, reset, close() with pending requests.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, call, callJson, parseXml, xmlToObject, authHeaders, alice, sleep } from './_helpers.mjs';
import { FAULT_KINDS } from '../../emulator/server.js';

let emu;
before(async () => {
  emu = await start();
});
after(() => emu.close());
beforeEach(() => emu.reset());

const LIST_JSON = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';

async function listJson() {
  return callJson(emu, 'getVpcPeeringInstanceList');
}

function gwOf(r) {
  return JSON.parse(r.text).error;
}

describe('gateway-shaped faults', () => {
  for (const [kind, status, errorCode, message] of [
    ['status429', 429, '420', 'Rate Limited'],
    ['status503', 503, '500', 'Endpoint Error'],
    ['status504', 504, '510', 'Endpoint Timeout'],
  ]) {
    test(`${kind} -> ${status} / ${errorCode} ${message}`, async () => {
      emu.injectFault({ kind });
      const r = await listJson();
      assert.equal(r.status, status);
      assert.match(r.headers.get('content-type'), /^application\/json/);
      assert.equal(r.headers.get('access-control-allow-origin'), '*');
      const e = gwOf(r);
      assert.equal(e.errorCode, errorCode);
      assert.equal(e.message, message);
      assert.match(e.details, new RegExp(kind));
      assert.equal((await listJson()).status, 200, 'count defaults to 1');
    });
  }

  test('faults come before the gateway checks (even an unsigned request gets one)', async () => {
    emu.injectFault({ kind: 'status503' });
    const res = await fetch(emu.url + LIST_JSON);
    assert.equal(res.status, 503);
    assert.equal(emu.requests.at(-1).fault, 'status503');
  });

  test('html502 -> 502 text/html', async () => {
    emu.injectFault({ kind: 'html502' });
    const r = await listJson();
    assert.equal(r.status, 502);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.match(r.text, /<html>[\s\S]*502 Bad Gateway/);
    assert.equal(r.json, undefined);
  });

  test('xmlGatewayError -> 401 with the gateway error in XML', async () => {
    emu.injectFault({ kind: 'xmlGatewayError' });
    const r = await listJson();
    assert.equal(r.status, 401);
    assert.match(r.headers.get('content-type'), /^application\/xml/);
    const root = parseXml(r.text);
    assert.equal(root.name, 'Message');
    const e = xmlToObject(root).error;
    assert.equal(e.errorCode, '200');
    assert.equal(e.message, 'Authentication Failed');
    assert.equal(typeof e.details, 'string');
  });
});

describe('service-shaped faults', () => {
  test('serviceError: 500 / 1000 in the requested format by default', async () => {
    emu.injectFault({ kind: 'serviceError', count: 2 });
    const j = await listJson();
    assert.equal(j.status, 500);
    assert.deepEqual(j.json, { responseError: { returnCode: '1000', returnMessage: 'Please try your call again later' } });
    const x = await call(emu, 'getVpcPeeringInstanceList');
    assert.equal(x.status, 500);
    assert.deepEqual(xmlToObject(parseXml(x.text)), { returnCode: '1000', returnMessage: 'Please try your call again later' });
    assert.equal((await listJson()).status, 200);
  });

  test('serviceError with a chosen status and returnCode', async () => {
    emu.injectFault({ kind: 'serviceError', status: 400, returnCode: '1007009' });
    const r = await listJson();
    assert.equal(r.status, 400);
    assert.equal(r.error.returnCode, '1007009');
  });

  test('returnCodeNonZero: 200 with a normal-looking answer and the invented returnCode EMU_RETURN_CODE_NONZERO', async () => {
    emu.injectFault({ kind: 'returnCodeNonZero' });
    const r = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    assert.equal(r.status, 200);
    assert.equal(r.body.returnCode, 'EMU_RETURN_CODE_NONZERO');
    assert.notEqual(r.body.returnMessage, 'success');
    assert.equal(r.body.totalRows, 0);
    assert.deepEqual(r.body.vpcPeeringInstanceList, []);
    assert.equal((await listJson()).body.totalRows, 0, 'nothing was created');
    emu.injectFault({ kind: 'returnCodeNonZero', returnCode: '1234' });
    const x = await call(emu, 'getVpcPeeringInstanceList');
    const root = parseXml(x.text);
    assert.equal(root.name, 'getVpcPeeringInstanceListResponse');
    assert.equal(xmlToObject(root).returnCode, '1234');
  });

  test('empty200 -> 200 with an empty body', async () => {
    emu.injectFault({ kind: 'empty200' });
    const r = await listJson();
    assert.equal(r.status, 200);
    assert.equal(r.text, '');
    assert.equal(r.headers.get('content-length'), '0');
  });

  test('garbage -> 200 application/octet-stream random bytes', async () => {
    emu.injectFault({ kind: 'garbage' });
    const res = await fetch(emu.url + LIST_JSON, { headers: authHeaders(alice, 'GET', LIST_JSON) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/octet-stream');
    const buf = Buffer.from(await res.arrayBuffer());
    assert.equal(buf.length, 256);
  });
});

describe('transport faults', () => {
  test('drop: the socket is destroyed without an answer; nothing is processed', async () => {
    emu.injectFault({ kind: 'drop' });
    await assert.rejects(callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' }), (e) => {
      assert.equal(e.name, 'TypeError');
      return true;
    });
    assert.equal(emu.requests.at(-1).status, null);
    assert.equal(emu.requests.at(-1).fault, 'drop');
    assert.equal((await listJson()).body.totalRows, 0);
  });

  test('truncated: full Content-Length, half the body, then FIN -> fetch body read fails; the action did happen', async () => {
    emu.injectFault({ kind: 'truncated' });
    const t = '/vpc/v2/createVpcPeeringInstance?sourceVpcNo=10001&targetVpcNo=10002&responseFormatType=json';
    const res = await fetch(emu.url + t, { headers: authHeaders(alice, 'GET', t) });
    assert.equal(res.status, 200);
    const full = Number(res.headers.get('content-length'));
    assert.ok(full > 100);
    const reader = res.body.getReader();
    let got = 0;
    const err = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return null;
          got += value.length;
        }
      } catch (e) {
        return e;
      }
    })();
    assert.ok(err, 'reading the body fails');
    assert.equal(err.name, 'TypeError');
    assert.equal(err.message, 'terminated');
    assert.equal(err.cause?.code, 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH');
    assert.equal(got, Math.floor(full / 2));
    // the create went through: a blind retry would hit the duplicate rule
    const l = await listJson();
    assert.equal(l.body.totalRows, 1);
    const retry = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    assert.equal(retry.error.returnCode, 'EMU_DUPLICATE_PEERING');
  });

  test('truncated via res.text() rejects', async () => {
    emu.injectFault({ kind: 'truncated' });
    await assert.rejects(listJson(), { name: 'TypeError', message: 'terminated' });
  });

  test('dropMidBody: chunked headers and half the body, then the socket is destroyed', async () => {
    emu.injectFault({ kind: 'dropMidBody' });
    const res = await fetch(emu.url + LIST_JSON, { headers: authHeaders(alice, 'GET', LIST_JSON) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-length'), null);
    await assert.rejects(res.text(), (e) => {
      assert.equal(e.name, 'TypeError');
      assert.equal(e.message, 'terminated');
      return true;
    });
    assert.equal(emu.requests.at(-1).status, 200);
  });

  test('slow: waits delayMs then answers normally', async () => {
    emu.injectFault({ kind: 'slow', delayMs: 150 });
    const t0 = Date.now();
    const r = await listJson();
    assert.ok(Date.now() - t0 >= 140, `took ${Date.now() - t0} ms`);
    assert.equal(r.status, 200);
    assert.equal(r.body.returnCode, '0');
  });

  test('slow: a client that gives up is abandoned (no processing, no answer)', async () => {
    emu.injectFault({ kind: 'slow', delayMs: 300 });
    const t = '/vpc/v2/createVpcPeeringInstance?sourceVpcNo=10001&targetVpcNo=10002&responseFormatType=json';
    await assert.rejects(fetch(emu.url + t, { headers: authHeaders(alice, 'GET', t), signal: AbortSignal.timeout(50) }), { name: 'TimeoutError' });
    await sleep(400);
    assert.equal((await listJson()).body.totalRows, 0);
    assert.equal(emu.requests.find((e) => e.fault === 'slow').status, null);
  });
});

describe('fault queue', () => {
  test('count applies a fault to that many requests; faults queue in order', async () => {
    emu.injectFault({ kind: 'status503', count: 2 });
    emu.injectFault({ kind: 'status429' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await listJson()).status);
    assert.deepEqual(statuses, [503, 503, 429, 200]);
  });

  test('injectFault validates its input', () => {
    assert.throws(() => emu.injectFault({ kind: 'nope' }), TypeError);
    assert.throws(() => emu.injectFault({ kind: 'status503', count: 0 }), TypeError);
    assert.throws(() => emu.injectFault({ kind: 'slow', delayMs: -1 }), TypeError);
    assert.throws(() => emu.injectFault({ kind: 'serviceError', status: 99 }), TypeError);
    assert.throws(() => emu.injectFault({ kind: 'returnCodeNonZero', returnCode: '0' }), TypeError);
    assert.throws(() => emu.injectFault(null), TypeError);
    assert.deepEqual(emu.injectFault({ kind: 'slow' }), { kind: 'slow', count: 1, delayMs: 5000 });
    emu.reset();
  });

  test('every documented kind is accepted', () => {
    for (const kind of FAULT_KINDS) emu.injectFault({ kind });
    assert.equal(emu.state().faults.length, FAULT_KINDS.length);
    emu.reset();
    assert.equal(emu.state().faults.length, 0);
  });
});

describe('control API over HTTP', () => {
  test('POST /__emulator/faults, GET faults, then the fault fires', async () => {
    let res = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify({ kind: 'status504', count: 1 }) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual((await res.json()).pending, [{ kind: 'status504', count: 1 }]);
    res = await fetch(`${emu.url}/__emulator/faults`);
    assert.deepEqual((await res.json()).pending, [{ kind: 'status504', count: 1 }]);
    assert.equal((await listJson()).status, 504);
    res = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify([{ kind: 'status429' }, { kind: 'html502' }]) });
    assert.equal((await res.json()).pending.length, 2);
    res = await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
    assert.deepEqual((await res.json()).pending, []);
  });

  test('bad fault bodies -> 400 with a message', async () => {
    for (const body of ['not json', JSON.stringify({ kind: 'nope' }), '']) {
      const res = await fetch(`${emu.url}/__emulator/faults`, { method: 'POST', body });
      assert.equal(res.status, 400);
      assert.equal(typeof (await res.json()).error, 'string');
    }
  });

  test('GET /__emulator/state: accounts without secrets, the peerings, the faults', async () => {
    await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-app' });
    const res = await fetch(`${emu.url}/__emulator/state`);
    const text = await res.text();
    const s = JSON.parse(text);
    assert.equal(s.accounts.length, 2);
    assert.deepEqual(Object.keys(s.accounts[0]), ['name', 'loginId', 'accessKey', 'vpcs']);
    for (const a of emu.accounts) assert.ok(!text.includes(a.secretKey));
    assert.equal(s.peerings.length, 1);
    assert.equal(s.peerings[0].vpcPeeringName, 'web-app');
    assert.equal(s.peerings[0].sourceAccount, 'alice');
  });

  test('POST /__emulator/reset clears peerings, faults and the log; numbering restarts', async () => {
    const a = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    emu.injectFault({ kind: 'status503' });
    const requests = emu.requests;
    const res = await fetch(`${emu.url}/__emulator/reset`, { method: 'POST' });
    assert.deepEqual(await res.json(), { ok: true });
    assert.equal(emu.requests, requests, 'same array');
    assert.equal(emu.requests.length, 0);
    const log = await (await fetch(`${emu.url}/__emulator/requests`)).json();
    assert.deepEqual(log, []);
    const b = await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002' });
    assert.equal(b.status, 200, 'no fault left, no duplicate left');
    assert.equal(b.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo, a.body.vpcPeeringInstanceList[0].vpcPeeringInstanceNo);
  });

  test('control requests are not logged; unknown endpoints and methods answer 404 / 405', async () => {
    assert.equal((await fetch(`${emu.url}/__emulator/nope`)).status, 404);
    assert.equal((await fetch(`${emu.url}/__emulator/reset`)).status, 405);
    assert.equal((await fetch(`${emu.url}/__emulator/requests`, { method: 'POST', body: '{}' })).status, 405);
    assert.equal(emu.requests.length, 0);
  });

  test('the control object of docs/design.md is the same API', () => {
    assert.equal(emu.control.requests, emu.requests);
    assert.equal(emu.control.reset, emu.reset);
    assert.equal(emu.control.injectFault, emu.injectFault);
  });
});

describe('close()', () => {
  test('resolves with a slow request pending, and the client sees an error', async () => {
    const e = await start();
    e.injectFault({ kind: 'slow', delayMs: 60_000 });
    const pending = callJson(e, 'getVpcPeeringInstanceList').then(
      () => 'answered',
      (err) => err.name,
    );
    await sleep(50);
    const t0 = Date.now();
    await e.close();
    assert.ok(Date.now() - t0 < 1000, 'close() does not wait for the slow answer');
    assert.equal(await pending, 'TypeError');
    await e.close(); // idempotent
  });

  test('resolves with idle keep-alive connections open', async () => {
    const e = await start();
    await callJson(e, 'getVpcPeeringInstanceList'); // fetch keeps the socket alive
    await e.close();
    await assert.rejects(fetch(`${e.url}/__emulator/state`));
  });

  test('startEmulator validates its options', async () => {
    const { startEmulator } = await import('../../emulator/server.js');
    await assert.rejects(startEmulator({ port: -1 }), TypeError);
    await assert.rejects(startEmulator({ runDelayMs: -5 }), TypeError);
    await assert.rejects(startEmulator({ log: 'yes' }), TypeError);
    await assert.rejects(startEmulator({ seed: { accounts: [] } }), TypeError);
    await assert.rejects(startEmulator({ seed: { accounts: [{ loginId: 'a', accessKey: 'b', secretKey: 'c', vpcs: [{ vpcNo: '1', vpcName: 'x', ipv4CidrBlock: '10.0.0.0/33' }] }] } }), /ipv4CidrBlock/);
  });

  test('a custom seed works', async () => {
    const e = await start({
      seed: { accounts: [{ name: 'carol', loginId: 'carol@example.com', accessKey: 'CAROLKEY', secretKey: 'carolsecret', vpcs: [{ vpcNo: '1', vpcName: 'c-one', ipv4CidrBlock: '10.0.0.0/24' }, { vpcNo: '2', vpcName: 'c-two', ipv4CidrBlock: '10.0.1.0/24' }] }] },
    });
    try {
      const carol = e.accounts[0];
      assert.equal(carol.secretKey, 'carolsecret');
      const r = await callJson(e, 'createVpcPeeringInstance', { sourceVpcNo: '1', targetVpcNo: '2' }, { account: carol });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.vpcPeeringInstanceList[0].sourceVpcLoginId, 'carol@example.com');
    } finally {
      await e.close();
    }
  });
});
