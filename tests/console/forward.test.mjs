// Unit tests of the forwarder (www/forward.js) in Node: what it passes on, what it refuses, and that it can only
// ever reach the configured gateway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forward, gatewayOrigin, isApiPath, DEFAULT_GATEWAY, MAX_BODY_BYTES, ACTIONS } from '../../www/forward.js';

const GW = 'https://gw.example.test';
const ENV = { NCLOUD_API_GW: GW };
const SIGNED = {
  'x-ncp-apigw-timestamp': '1700000000000',
  'x-ncp-iam-access-key': 'AKIDEXAMPLE0000000',
  'x-ncp-apigw-signature-v2': 'e9YP/hiDqhqj2NC7CTAIp5/ZaojUhLSHZFQiQXxjuKY=',
};

/** A fetch that records its calls and answers `answer` (default: 200 JSON). */
function recorder(answer = () => new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' } })) {
  const calls = [];
  const fetchImpl = async (url, init) => {
    const body = init.body === undefined ? undefined : new TextDecoder().decode(init.body);
    calls.push({ url, init, body });
    return answer(url, init);
  };
  return { calls, fetchImpl };
}

function req(url, init = {}) {
  return new Request(url, init);
}

test('GET: method, path and query byte for byte, exactly the three x-ncp headers', async () => {
  const { calls, fetchImpl } = recorder();
  const query = '?regionCode=KR&vpcPeeringName=a%20b%7Ec&vpcPeeringInstanceNoList.1=1234&vpcPeeringDescription=%EA%B0%80%2F%3F%26&responseFormatType=json';
  const res = await forward(
    req(`http://console.local/vpc/v2/getVpcPeeringInstanceList${query}`, {
      headers: {
        ...SIGNED,
        cookie: 'session=1',
        authorization: 'Bearer x',
        origin: 'http://console.local',
        referer: 'http://console.local/',
        'user-agent': 'test',
        'x-forwarded-for': '10.0.0.1',
        'x-ncp-apigw-signature-v1': 'old',
        'x-ncp-something-else': 'x',
        accept: 'application/json',
      },
    }),
    ENV,
    fetchImpl,
  );
  assert.equal(res.status, 200);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, `${GW}/vpc/v2/getVpcPeeringInstanceList${query}`);
  assert.equal(calls[0].init.method, 'GET');
  assert.deepEqual(calls[0].init.headers, SIGNED);
  assert.equal(calls[0].init.body, undefined);
  assert.equal(calls[0].init.redirect, 'manual');
});

test('POST: the form body unchanged, with its content-type; the query unchanged', async () => {
  const { calls, fetchImpl } = recorder();
  const body = 'sourceVpcNo=10001&targetVpcNo=10002&vpcPeeringName=web-to-app&vpcPeeringDescription=%ED%95%9C%20x%2By';
  await forward(
    req('http://console.local/vpc/v2/createVpcPeeringInstance?responseFormatType=json', {
      method: 'POST',
      body,
      headers: { ...SIGNED, 'content-type': 'application/x-www-form-urlencoded', cookie: 'x=1' },
    }),
    ENV,
    fetchImpl,
  );
  assert.equal(calls[0].url, `${GW}/vpc/v2/createVpcPeeringInstance?responseFormatType=json`);
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].body, body);
  assert.deepEqual(calls[0].init.headers, { ...SIGNED, 'content-type': 'application/x-www-form-urlencoded' });
});

test('a request without the x-ncp headers is passed on as is: the gateway answers it', async () => {
  const { calls, fetchImpl } = recorder();
  await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceDetail?vpcPeeringInstanceNo=1'), ENV, fetchImpl);
  assert.deepEqual(calls[0].init.headers, {});
});

test('every one of the thirteen actions is forwarded', async () => {
  assert.equal(ACTIONS.length, 13);
  for (const action of ACTIONS) {
    const { calls, fetchImpl } = recorder();
    const res = await forward(req(`http://console.local/vpc/v2/${action}`, { headers: SIGNED }), ENV, fetchImpl);
    assert.equal(res.status, 200, action);
    assert.equal(calls[0].url, `${GW}/vpc/v2/${action}`);
  }
});

test('the answer: status, body and content-type pass back; no other upstream header does', async () => {
  const errorBody = '{"error":{"errorCode":"200","message":"Authentication Failed","details":"Signature mismatch"}}';
  const { fetchImpl } = recorder(
    () =>
      new Response(errorBody, {
        status: 401,
        headers: { 'content-type': 'application/json;charset=UTF-8', 'set-cookie': 'track=1', 'x-upstream': 'y', 'access-control-allow-origin': '*' },
      }),
  );
  const res = await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList', { headers: SIGNED }), ENV, fetchImpl);
  assert.equal(res.status, 401);
  assert.equal(await res.text(), errorBody);
  assert.equal(res.headers.get('content-type'), 'application/json;charset=UTF-8');
  assert.equal(res.headers.get('set-cookie'), null);
  assert.equal(res.headers.get('x-upstream'), null);
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

test('XML answers and an HTML 502 pass back unchanged', async () => {
  for (const [status, type, text] of [
    [200, 'application/xml;charset=UTF-8', '<?xml version="1.0"?><getVpcPeeringInstanceListResponse/>'],
    [502, 'text/html', '<html><body>502 Bad Gateway</body></html>'],
    [503, 'application/json', '{"error":{"errorCode":"500","message":"Endpoint Error"}}'],
  ]) {
    const { fetchImpl } = recorder(() => new Response(text, { status, headers: { 'content-type': type } }));
    const res = await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList'), ENV, fetchImpl);
    assert.equal(res.status, status);
    assert.equal(res.headers.get('content-type'), type);
    assert.equal(await res.text(), text);
  }
});

test('a redirect is not followed and its Location is not passed back', async () => {
  const { calls, fetchImpl } = recorder(() => new Response(null, { status: 302, headers: { location: 'https://evil.example/' } }));
  const res = await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList'), ENV, fetchImpl);
  assert.equal(calls.length, 1);
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), null);
});

test('other paths are refused with 404 and nothing is fetched', async () => {
  const targets = [
    'http://console.local/vpc/v2/',
    'http://console.local/vpc/v2',
    'http://console.local/vpc/v1/getVpcPeeringInstanceList',
    'http://console.local/vpc/v2/unknownAction',
    'http://console.local/vpc/v2/createVpcInstance',
    'http://console.local/vpc/v2/getVpcPeeringInstanceList/',
    'http://console.local/vpc/v2/getVpcPeeringInstanceList/x',
    'http://console.local/vpc/v2/getVpcPeeringInstanceList%2F..%2F..%2Fx',
    'http://console.local/vpc/v2/get%56pcPeeringInstanceList',
    'http://console.local/vpc/v2/getVpcPeeringInstanceList;x',
    'http://console.local/vpc/v2/getVpcPeeringInstanceList@evil.example',
    'http://console.local/vpc/v2/%2e%2e/%2e%2e/x',
    'http://console.local/vpc/v2/../../server/v2/getServerInstanceList',
    'http://console.local//evil.example/vpc/v2/getVpcPeeringInstanceList',
    'http://console.local/x/vpc/v2/getVpcPeeringInstanceList',
    'http://console.local/VPC/v2/getVpcPeeringInstanceList',
  ];
  for (const target of targets) {
    const { calls, fetchImpl } = recorder();
    const res = await forward(req(target, { headers: SIGNED }), ENV, fetchImpl);
    assert.equal(res.status, 404, target);
    assert.equal(calls.length, 0, target);
    assert.match(await res.text(), /^not forwarded/);
  }
});

test('no open proxy: the host of the request target never matters, the gateway is the only destination', async () => {
  // What a runtime hands over for an absolute-form request target (`GET http://evil.example/vpc/v2/... HTTP/1.1`),
  // for a Host header naming another site, for userinfo and ports: the path is kept, the host ignored.
  const targets = [
    'http://evil.example/vpc/v2/getVpcPeeringInstanceList?regionCode=KR',
    'https://evil.example:8443/vpc/v2/getVpcPeeringInstanceList?regionCode=KR',
    'http://user:pass@169.254.169.254/vpc/v2/getVpcPeeringInstanceList?regionCode=KR', // not a valid Request: duck-typed below
    'http://console.local/vpc/v2/../v2/getVpcPeeringInstanceList?regionCode=KR',
    'http://console.local/vpc\\v2\\getVpcPeeringInstanceList?regionCode=KR',
  ];
  for (const target of targets) {
    const { calls, fetchImpl } = recorder();
    const request = target.includes('@') ? { url: target, method: 'GET', headers: new Headers(SIGNED), body: null } : req(target, { headers: SIGNED });
    await forward(request, ENV, fetchImpl);
    assert.equal(calls.length, 1, target);
    assert.equal(calls[0].url, `${GW}/vpc/v2/getVpcPeeringInstanceList?regionCode=KR`, target);
  }
  // A query cannot smuggle a host in: it stays a query of the gateway's URL.
  const { calls, fetchImpl } = recorder();
  await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList?@evil.example/x#frag', { headers: SIGNED }), ENV, fetchImpl);
  assert.equal(new URL(calls[0].url).origin, GW);
  assert.equal(calls[0].url, `${GW}/vpc/v2/getVpcPeeringInstanceList?@evil.example/x`);
});

test('methods other than GET and POST are refused with 405', async () => {
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'CONNECT-ISH']) {
    const { calls, fetchImpl } = recorder();
    let request;
    try {
      request = req('http://console.local/vpc/v2/createVpcPeeringInstance', { method, headers: SIGNED });
    } catch {
      continue; // a method the Request constructor itself refuses
    }
    const res = await forward(request, ENV, fetchImpl);
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.get('allow'), 'GET, POST');
    assert.equal(calls.length, 0, method);
  }
});

test('a body over the limit is refused with 413, declared or streamed', async () => {
  const big = 'a='.padEnd(MAX_BODY_BYTES + 10, 'x');
  const { calls, fetchImpl } = recorder();
  const declared = await forward(
    req('http://console.local/vpc/v2/createVpcPeeringInstance', { method: 'POST', body: big, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    ENV,
    fetchImpl,
  );
  assert.equal(declared.status, 413);
  const stream = new ReadableStream({
    start(controller) {
      for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(MAX_BODY_BYTES / 4)));
      controller.close();
    },
  });
  const streamed = await forward(
    req('http://console.local/vpc/v2/createVpcPeeringInstance', { method: 'POST', body: stream, duplex: 'half' }),
    ENV,
    fetchImpl,
  );
  assert.equal(streamed.status, 413);
  assert.equal(calls.length, 0);
});

test('the gateway: default the public one; a path, query, credentials or another scheme is a 500 and nothing is fetched', async () => {
  const { calls, fetchImpl } = recorder();
  await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList'), {}, fetchImpl);
  assert.equal(calls[0].url, `${DEFAULT_GATEWAY}/vpc/v2/getVpcPeeringInstanceList`);
  assert.equal(gatewayOrigin('http://127.0.0.1:8787/'), 'http://127.0.0.1:8787');
  assert.equal(gatewayOrigin(' https://fin-ncloud.apigw.fin-ntruss.com '), 'https://fin-ncloud.apigw.fin-ntruss.com');
  for (const bad of ['https://gw.example.test/prefix', 'https://gw.example.test/?a=1', 'https://u:p@gw.example.test', 'ftp://gw.example.test', 'gw.example.test', 'https://gw.example.test/#x']) {
    const r = recorder();
    const res = await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList'), { NCLOUD_API_GW: bad }, r.fetchImpl);
    assert.equal(res.status, 500, bad);
    assert.match(await res.text(), /NCLOUD_API_GW/);
    assert.equal(r.calls.length, 0, bad);
  }
});

test('an unreachable gateway is a 502 from the forwarder, in plain text', async () => {
  const res = await forward(req('http://console.local/vpc/v2/getVpcPeeringInstanceList'), ENV, async () => {
    throw new TypeError('fetch failed');
  });
  assert.equal(res.status, 502);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.match(await res.text(), /could not be reached/);
});

test('isApiPath: everything under /vpc/ belongs to the forwarder (which refuses what is not an action)', () => {
  assert.equal(isApiPath('/vpc/v2/createVpcPeeringInstance'), true);
  assert.equal(isApiPath('/vpc/'), true);
  assert.equal(isApiPath('/index.html'), false);
  assert.equal(isApiPath('/vpcx'), false);
});
