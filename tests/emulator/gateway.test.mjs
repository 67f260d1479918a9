// The gateway layer: routing, authentication (headers, key, clock, signature), encoding, CORS, the request log.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { start, call, callJson, rawRequest, authHeaders, sign, alice, bob } from './_helpers.mjs';

let emu;
before(async () => {
  emu = await start();
});
after(() => emu.close());
beforeEach(() => emu.reset());

function gw(r, status, errorCode, message, detailsRe) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers['content-type'] ?? r.headers.get?.('content-type'), /^application\/json/);
  const j = JSON.parse(r.text);
  assert.equal(r.text, JSON.stringify(j, null, 2), 'pretty-printed as NCP prints JSON');
  assert.deepEqual(Object.keys(j), ['error']);
  assert.equal(j.error.errorCode, errorCode);
  assert.equal(j.error.message, message);
  assert.equal(typeof j.error.details, 'string');
  if (detailsRe) assert.match(j.error.details, detailsRe);
  return j.error;
}

const LIST = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';

describe('signing', () => {
  test('the reference vectors (ncp-api.md §1) match this helper', () => {
    const ak = 'AKIDEXAMPLE0000000';
    const sk = 'SECRETEXAMPLE000000000000000000000000000';
    const ts = '1700000000000';
    assert.equal(sign(sk, 'POST', '/vpc/v2/createVpcPeeringInstance?responseFormatType=json', ts, ak), 'e9YP/hiDqhqj2NC7CTAIp5/ZaojUhLSHZFQiQXxjuKY=');
    assert.equal(
      sign(sk, 'GET', '/vpc/v2/createVpcPeeringInstance?regionCode=KR&sourceVpcNo=1234&targetVpcNo=5678&vpcPeeringName=test-peer&responseFormatType=json', ts, ak),
      '4BrmPXS0msLgWTN/Y7BctBBNcyoqg+lrw0nk3YWr9uc=',
    );
    assert.equal(
      sign(sk, 'GET', '/vpc/v2/getVpcPeeringInstanceList?regionCode=KR&vpcPeeringInstanceNoList.1=1234&responseFormatType=json', ts, ak),
      '0RZcEwA0J2Pa+UGgVyt6Nxq+veIn8QrBQRqd91dbQPE=',
    );
  });

  test('a seed-signed request succeeds for both accounts', async () => {
    for (const account of [alice, bob]) {
      const r = await callJson(emu, 'getVpcPeeringInstanceList', {}, { account });
      assert.equal(r.status, 200, r.text);
    }
  });
});

describe('authentication', () => {
  const SIGNATURE_EITHER = 'x-ncp-apigw-signature-v2 or x-ncp-apigw-signature-v1';
  for (const missing of ['x-ncp-apigw-timestamp', 'x-ncp-iam-access-key']) {
    test(`missing ${missing} -> 401 / 200 naming it`, async () => {
      const r = await call(emu, 'getVpcPeeringInstanceList', {}, { headers: { [missing]: undefined } });
      gw({ ...r, headers: Object.fromEntries(r.headers) }, 401, '200', 'Authentication Failed', new RegExp(`missing required header: ${missing}$`));
    });
  }

  test('neither signature header -> 401 / 200 naming both', async () => {
    const r = await call(emu, 'getVpcPeeringInstanceList', {}, { headers: { 'x-ncp-apigw-signature-v2': undefined } });
    const e = gw({ ...r, headers: Object.fromEntries(r.headers) }, 401, '200', 'Authentication Failed');
    assert.equal(e.details, `missing required header: ${SIGNATURE_EITHER}`);
  });

  test('all headers missing -> all named', async () => {
    const r = await rawRequest(emu, { path: LIST });
    const e = gw(r, 401, '200', 'Authentication Failed');
    assert.equal(e.details, `missing required headers: x-ncp-apigw-timestamp, x-ncp-iam-access-key, ${SIGNATURE_EITHER}`);
  });

  /** The three headers with the signature under the given names (what the Go, Python and JS SDKs send: -v1). */
  function signedAs(names, { signature } = {}) {
    const h = authHeaders(alice, 'GET', LIST);
    const value = signature ?? h['x-ncp-apigw-signature-v2'];
    const out = { 'x-ncp-apigw-timestamp': h['x-ncp-apigw-timestamp'], 'x-ncp-iam-access-key': alice.accessKey };
    for (const n of names) out[n] = typeof value === 'function' ? value(n, h['x-ncp-apigw-signature-v2']) : value;
    return out;
  }

  test('the -v1 header alone is accepted (the official Go, Python and JS SDKs send only it)', async () => {
    const r = await rawRequest(emu, { path: LIST, headers: signedAs(['x-ncp-apigw-signature-v1']) });
    assert.equal(r.status, 200, r.text);
    assert.equal(emu.requests.at(-1).signatureValid, true);
    assert.equal(emu.requests.at(-1).headers['x-ncp-apigw-signature-v1'], '<redacted>');
  });

  test('the -v2 header alone is accepted (the docs and the Java SDK)', async () => {
    const r = await rawRequest(emu, { path: LIST, headers: signedAs(['x-ncp-apigw-signature-v2']) });
    assert.equal(r.status, 200, r.text);
  });

  test('both headers, both right -> 200', async () => {
    const r = await rawRequest(emu, { path: LIST, headers: signedAs(['x-ncp-apigw-signature-v2', 'x-ncp-apigw-signature-v1']) });
    assert.equal(r.status, 200, r.text);
  });

  test('a wrong -v1 -> 401 / 200 Signature mismatch naming -v1', async () => {
    const r = await rawRequest(emu, { path: LIST, headers: signedAs(['x-ncp-apigw-signature-v1'], { signature: 'AAAA' + 'B'.repeat(40) }) });
    const e = gw(r, 401, '200', 'Authentication Failed', /^Signature mismatch: x-ncp-apigw-signature-v1 does not match/);
    assert.equal(emu.requests.at(-1).signatureValid, false);
    assert.ok(!e.details.includes('-v2'));
  });

  test('both headers, one wrong -> 401: each one sent must match, whichever it is', async () => {
    // Its first character changed to another one (a signature that starts with "x" must not stay good: 1 in 64).
    const wrongFirst = (good) => `${good[0] === 'x' ? 'y' : 'x'}${good.slice(1)}`;
    for (const bad of ['x-ncp-apigw-signature-v1', 'x-ncp-apigw-signature-v2']) {
      const headers = signedAs(['x-ncp-apigw-signature-v2', 'x-ncp-apigw-signature-v1'], { signature: (n, good) => (n === bad ? wrongFirst(good) : good) });
      const r = await rawRequest(emu, { path: LIST, headers });
      const e = gw(r, 401, '200', 'Authentication Failed', new RegExp(`^Signature mismatch: ${bad} does not match`));
      assert.match(e.details, /both signature headers were sent: each must match/);
    }
  });

  test('unknown access key -> 401 / 200 Invalid access key', async () => {
    const stranger = { accessKey: 'NCPUNKNOWN0000000000', secretKey: alice.secretKey };
    const r = await rawRequest(emu, { path: LIST, headers: authHeaders(stranger, 'GET', LIST) });
    gw(r, 401, '200', 'Authentication Failed', /Invalid access key/);
  });

  test('bad signature -> 401 / 200 Signature mismatch, and neither the expected signature nor the secret is echoed', async () => {
    const h = authHeaders(alice, 'GET', LIST);
    const expected = h['x-ncp-apigw-signature-v2'];
    for (const sig of ['AAAA' + expected.slice(4), 'short', expected + 'x', sign(bob.secretKey, 'GET', LIST, h['x-ncp-apigw-timestamp'], alice.accessKey)]) {
      const r = await rawRequest(emu, { path: LIST, headers: { ...h, 'x-ncp-apigw-signature-v2': sig } });
      gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
      assert.ok(!r.text.includes(expected));
      assert.ok(!r.text.includes(alice.secretKey));
    }
    const logged = JSON.stringify(emu.requests);
    assert.ok(!logged.includes(expected));
    assert.ok(!logged.includes(alice.secretKey));
  });

  test('the signature binds the method, the timestamp and the access key', async () => {
    const ts = String(Date.now());
    const wrongMethod = sign(alice.secretKey, 'POST', LIST, ts, alice.accessKey);
    let r = await rawRequest(emu, { path: LIST, headers: { 'x-ncp-apigw-timestamp': ts, 'x-ncp-iam-access-key': alice.accessKey, 'x-ncp-apigw-signature-v2': wrongMethod } });
    gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
    const otherTs = sign(alice.secretKey, 'GET', LIST, String(Number(ts) - 1), alice.accessKey);
    r = await rawRequest(emu, { path: LIST, headers: { 'x-ncp-apigw-timestamp': ts, 'x-ncp-iam-access-key': alice.accessKey, 'x-ncp-apigw-signature-v2': otherTs } });
    gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
  });

  test('a signature over a re-encoded target fails (no canonicalisation)', async () => {
    // The client signed the strict form but the wire carries another spelling of the same parameters.
    const sent = '/vpc/v2/getVpcPeeringInstanceList?vpcPeeringName=a~b&sourceVpcName=x%20y&responseFormatType=json';
    const signed = '/vpc/v2/getVpcPeeringInstanceList?vpcPeeringName=a%7Eb&sourceVpcName=x%20y&responseFormatType=json';
    let r = await rawRequest(emu, { path: sent, headers: authHeaders(alice, 'GET', sent, { signTarget: signed }) });
    gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
    // + vs %20, and a different parameter order
    const plus = '/vpc/v2/getVpcPeeringInstanceList?sourceVpcName=x+y&responseFormatType=json';
    r = await rawRequest(emu, { path: plus, headers: authHeaders(alice, 'GET', plus, { signTarget: plus.replace('+', '%20') }) });
    gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
    const reordered = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json&regionCode=KR';
    r = await rawRequest(emu, { path: reordered, headers: authHeaders(alice, 'GET', reordered, { signTarget: '/vpc/v2/getVpcPeeringInstanceList?regionCode=KR&responseFormatType=json' }) });
    gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
    // lowercase hex escapes are a different string from uppercase ones
    const lower = '/vpc/v2/getVpcPeeringInstanceList?vpcPeeringName=a%7eb&responseFormatType=json';
    r = await rawRequest(emu, { path: lower, headers: authHeaders(alice, 'GET', lower, { signTarget: lower.replace('%7e', '%7E') }) });
    gw(r, 401, '200', 'Authentication Failed', /Signature mismatch/);
    // ...and each of those spellings is accepted when it is what was signed
    for (const t of [sent, plus, reordered, lower]) {
      const ok = await rawRequest(emu, { path: t, headers: authHeaders(alice, 'GET', t) });
      assert.equal(ok.status, 200, `${t}: ${ok.text}`);
    }
  });

  test('the path prefix is part of the signed target', async () => {
    const t = '/prefix/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';
    const bad = await rawRequest(emu, { path: t, headers: authHeaders(alice, 'GET', t, { signTarget: LIST }) });
    gw(bad, 401, '200', 'Authentication Failed', /Signature mismatch/);
    const ok = await rawRequest(emu, { path: t, headers: authHeaders(alice, 'GET', t) });
    assert.equal(ok.status, 200);
  });

  test('clock skew: just inside 5 minutes passes, just outside fails, both directions', async () => {
    const minute = 60_000;
    for (const offset of [-5 * minute + 2000, 5 * minute - 2000]) {
      const r = await callJson(emu, 'getVpcPeeringInstanceList', {}, { timestamp: Date.now() + offset });
      assert.equal(r.status, 200, `offset ${offset}: ${r.text}`);
    }
    for (const [offset, word] of [
      [-5 * minute - 2000, 'behind'],
      [5 * minute + 2000, 'ahead of'],
      [-24 * 60 * minute, 'behind'],
    ]) {
      const r = await callJson(emu, 'getVpcPeeringInstanceList', {}, { timestamp: Date.now() + offset });
      const e = gw({ ...r, headers: Object.fromEntries(r.headers) }, 401, '200', 'Authentication Failed', /Timestamp out of range/);
      assert.ok(e.details.includes(word), e.details);
    }
  });

  test('a timestamp that is not a decimal integer fails', async () => {
    for (const ts of ['abc', '1.7e12', '-1700000000000', String(Date.now() / 1000) + '.5', ' 1']) {
      const h = authHeaders(alice, 'GET', LIST, { timestamp: ts });
      const r = await rawRequest(emu, { path: LIST, headers: h });
      gw(r, 401, '200', 'Authentication Failed', /timestamp/i);
    }
  });

  test('seconds instead of milliseconds is out of range', async () => {
    const r = await callJson(emu, 'getVpcPeeringInstanceList', {}, { timestamp: Math.floor(Date.now() / 1000) });
    assert.equal(r.status, 401);
    assert.match(r.gw.details, /out of range/);
  });
});

describe('routing and parsing', () => {
  test('unknown action -> 404 / 300', async () => {
    // createVpc is an NCP action the emulator does not serve (it serves getVpcList since the VPC actions came).
    const r = await callJson(emu, 'createVpc');
    gw({ ...r, headers: Object.fromEntries(r.headers) }, 404, '300', 'Not Found Exception', /createVpc/);
  });

  test('a path outside /vpc/v2 -> 404 / 300', async () => {
    for (const path of ['/', '/vpc/v1/getVpcPeeringInstanceList', '/vpc/v2/a/b']) {
      gw(await rawRequest(emu, { path }), 404, '300', 'Not Found Exception');
    }
  });

  test('other methods -> 405 / 300 with Allow', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const h = authHeaders(alice, method, LIST);
      const r = await rawRequest(emu, { method, path: LIST, headers: h });
      gw(r, 405, '300', 'Not Found Exception', new RegExp(method));
      assert.equal(r.headers.allow, 'GET, POST, OPTIONS');
    }
  });

  test('malformed percent-encoding -> 400 / 100 (query and form body)', async () => {
    const t = '/vpc/v2/getVpcPeeringInstanceList?vpcPeeringName=%zz&responseFormatType=json';
    gw(await rawRequest(emu, { path: t, headers: authHeaders(alice, 'GET', t) }), 400, '100', 'Bad Request Exception', /percent-encoding in the query/);
    const bad = '/vpc/v2/getVpcPeeringInstanceList?vpcPeeringName=%C3%28'; // invalid UTF-8
    gw(await rawRequest(emu, { path: bad, headers: authHeaders(alice, 'GET', bad) }), 400, '100', 'Bad Request Exception');
    const p = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';
    const r = await rawRequest(emu, {
      method: 'POST',
      path: p,
      headers: { ...authHeaders(alice, 'POST', p), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'vpcPeeringName=%E0%A4%A',
    });
    gw(r, 400, '100', 'Bad Request Exception', /form body/);
  });

  test('a POST body that is not form-urlencoded -> 400 / 100', async () => {
    const p = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';
    const r = await rawRequest(emu, { method: 'POST', path: p, headers: { ...authHeaders(alice, 'POST', p), 'content-type': 'application/json' }, body: '{"a":1}' });
    gw(r, 400, '100', 'Bad Request Exception', /x-www-form-urlencoded/);
  });

  test('a POST without a body and an empty query works', async () => {
    const p = '/vpc/v2/getVpcPeeringInstanceList';
    const r = await rawRequest(emu, { method: 'POST', path: p, headers: authHeaders(alice, 'POST', p) });
    assert.equal(r.status, 200, r.text);
    assert.match(r.text, /<getVpcPeeringInstanceListResponse>/);
  });

  test('a body over 1 MiB -> 413 / 430', async () => {
    const p = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';
    const r = await rawRequest(emu, {
      method: 'POST',
      path: p,
      headers: { ...authHeaders(alice, 'POST', p), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=' + 'x'.repeat(1024 * 1024 + 10),
    }).catch((e) => ({ error: e }));
    if (r.error) {
      assert.match(r.error.code, /EPIPE|ECONNRESET/); // the server may close before the whole body is written
    } else {
      gw(r, 413, '430', 'Request Entity Too Large');
    }
  });

  test('a request line Node cannot parse does not crash the server', async () => {
    const net = await import('node:net');
    const answer = await new Promise((resolve) => {
      const s = net.connect(emu.port, '127.0.0.1', () => s.write('GARBAGE\r\n\r\n'));
      let data = '';
      s.on('data', (d) => (data += d));
      s.on('close', () => resolve(data));
      s.on('error', () => resolve(data));
    });
    assert.match(answer, /^HTTP\/1\.1 400/);
    const ok = await callJson(emu, 'getVpcPeeringInstanceList');
    assert.equal(ok.status, 200);
  });
});

describe('CORS', () => {
  test('OPTIONS preflight -> 204 with the allow headers', async () => {
    for (const path of ['/vpc/v2/createVpcPeeringInstance', '/__emulator/faults']) {
      const res = await fetch(emu.url + path, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-ncp-apigw-timestamp' },
      });
      assert.equal(res.status, 204);
      assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
      assert.equal(res.headers.get('access-control-allow-methods'), 'GET, POST, OPTIONS');
      const allowed = res.headers.get('access-control-allow-headers').split(/,\s*/);
      for (const h of ['content-type', 'x-ncp-apigw-timestamp', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2', 'x-ncp-apigw-signature-v1']) assert.ok(allowed.includes(h), h);
      assert.ok(Number(res.headers.get('access-control-max-age')) > 0);
    }
    const noOrigin = await fetch(emu.url + '/vpc/v2/createVpcPeeringInstance', { method: 'OPTIONS' });
    assert.equal(noOrigin.headers.get('access-control-allow-origin'), '*');
    assert.equal(emu.requests.length, 0, 'preflights are not logged');
  });

  test('every answer carries Access-Control-Allow-Origin', async () => {
    const ok = await callJson(emu, 'getVpcPeeringInstanceList', {}, { headers: { origin: 'http://example.test' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://example.test');
    const svc = await callJson(emu, 'createVpcPeeringInstance', {});
    assert.equal(svc.headers.get('access-control-allow-origin'), '*');
    const unauth = await rawRequest(emu, { path: LIST });
    assert.equal(unauth.headers['access-control-allow-origin'], '*');
    const notFound = await rawRequest(emu, { path: '/nope' });
    assert.equal(notFound.headers['access-control-allow-origin'], '*');
    const ctl = await fetch(emu.url + '/__emulator/state', { headers: { origin: 'http://x.test' } });
    assert.equal(ctl.headers.get('access-control-allow-origin'), 'http://x.test');
  });
});

describe('request log', () => {
  test('entries carry the raw target, decoded parameters and a redacted signature', async () => {
    await callJson(emu, 'createVpcPeeringInstance', { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringDescription: 'a b&c' }, { method: 'POST' });
    await callJson(emu, 'getVpcPeeringInstanceList', { sourceVpcName: 'alice web' });
    await rawRequest(emu, { path: LIST, headers: { ...authHeaders(alice, 'GET', LIST), 'x-ncp-apigw-signature-v2': 'bogus' } });
    assert.equal(emu.requests.length, 3);
    const [post, get, bad] = emu.requests;
    assert.equal(post.method, 'POST');
    assert.equal(post.rawTarget, '/vpc/v2/createVpcPeeringInstance?responseFormatType=json');
    assert.equal(post.path, '/vpc/v2/createVpcPeeringInstance');
    assert.equal(post.action, 'createVpcPeeringInstance');
    assert.deepEqual(post.query, { responseFormatType: 'json' });
    assert.deepEqual(post.form, { sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringDescription: 'a b&c' });
    assert.deepEqual(post.params, { responseFormatType: 'json', sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringDescription: 'a b&c' });
    assert.equal(post.signatureValid, true);
    assert.equal(post.accessKey, alice.accessKey);
    assert.equal(post.status, 200);
    assert.equal(post.headers['x-ncp-apigw-signature-v2'], '<redacted>');
    assert.equal(post.headers['x-ncp-iam-access-key'], alice.accessKey);
    assert.equal(get.form, null);
    assert.equal(get.rawTarget, '/vpc/v2/getVpcPeeringInstanceList?sourceVpcName=alice%20web&responseFormatType=json');
    assert.deepEqual(get.query, { sourceVpcName: 'alice web', responseFormatType: 'json' });
    assert.equal(bad.signatureValid, false);
    assert.equal(bad.status, 401);
    assert.equal(bad.headers['x-ncp-apigw-signature-v2'], '<redacted>');
    assert.ok(!JSON.stringify(emu.requests).includes('bogus'));

    const over = await fetch(emu.url + '/__emulator/requests');
    const list = await over.json();
    assert.equal(list.length, 3);
    assert.equal(list[0].headers['x-ncp-apigw-signature-v2'], '<redacted>');
  });

  test('the log keeps the last 1000 requests and the log option sees each one', async () => {
    const lines = [];
    const e = await start({ log: (line) => lines.push(line) });
    try {
      const path = '/vpc/v2/getVpcPeeringInstanceList';
      await Promise.all(Array.from({ length: 1005 }, () => rawRequest(e, { path })));
      assert.equal(e.requests.length, 1000);
      assert.equal(lines.length, 1005);
      assert.match(lines[0], /^GET \/vpc\/v2\/getVpcPeeringInstanceList -> 401/);
    } finally {
      await e.close();
    }
  });
});
