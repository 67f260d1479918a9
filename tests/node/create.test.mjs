// createVpcPeeringInstance from the installed tarball, against the emulator, which recomputes every signature with
// node:crypto from the raw request target it received.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  createVpcPeeringInstance,
  buildCreateVpcPeeringInstanceRequest,
  getVpcPeeringInstanceDetail,
} from 'ncloud-vpc-wasm';
import { emulator, keys, alice, since } from './_setup.mjs';

let emu;
before(async () => { emu = await emulator(); });
after(() => emu.close());

const INSTANCE_FIELDS = [
  'vpcPeeringInstanceNo', 'vpcPeeringName', 'regionCode', 'createDate', 'lastModifyDate',
  'vpcPeeringInstanceStatus', 'vpcPeeringInstanceStatusName', 'vpcPeeringInstanceOperation',
  'sourceVpcNo', 'sourceVpcName', 'sourceVpcIpv4CidrBlock', 'sourceVpcLoginId',
  'targetVpcNo', 'targetVpcName', 'targetVpcIpv4CidrBlock', 'targetVpcLoginId',
  'vpcPeeringDescription', 'hasReverseVpcPeering', 'isBetweenAccounts', 'reverseVpcPeeringInstanceNo',
];

test('creates a peering and returns the documented object', async () => {
  emu.reset();
  const result = await createVpcPeeringInstance({
    ...keys(alice, emu), regionCode: 'KR', sourceVpcNo: '10001', targetVpcNo: 10002, vpcPeeringName: 'web-to-app',
  });
  assert.deepEqual(Object.keys(result).sort(), ['requestId', 'returnCode', 'returnMessage', 'totalRows', 'vpcPeeringInstanceList']);
  assert.equal(result.returnCode, '0');
  assert.equal(result.totalRows, 1);
  const [peering] = result.vpcPeeringInstanceList;
  assert.deepEqual(Object.keys(peering).sort(), [...INSTANCE_FIELDS].sort());
  assert.equal(peering.vpcPeeringName, 'web-to-app');
  assert.equal(peering.sourceVpcNo, '10001');
  assert.equal(peering.targetVpcNo, '10002');
  assert.deepEqual(peering.vpcPeeringInstanceStatus, { code: 'INIT', codeName: 'init' });
  assert.equal(typeof peering.isBetweenAccounts, 'boolean');
  assert.match(peering.createDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/);
  const [logged] = since(emu, 0);
  assert.equal(logged.signatureValid, true);
  assert.equal(logged.method, 'GET');
  assert.deepEqual(logged.params, {
    regionCode: 'KR', sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-to-app', responseFormatType: 'json',
  }, 'JSON by default, as NCP\'s own SDKs ask');
});

test('Korean text and reserved characters arrive decoded exactly, in GET and POST', async () => {
  const description = '피어링 설명: a&b=c+d/e?f#g%h ~ "quoted" \'single\' <tag> 😀';
  for (const method of ['GET', 'POST']) {
    emu.reset();
    const result = await createVpcPeeringInstance({
      ...keys(alice, emu), method, sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringDescription: description,
    });
    assert.equal(result.vpcPeeringInstanceList[0].vpcPeeringDescription, description, method);
    const [logged] = since(emu, 0);
    assert.equal(logged.signatureValid, true, method);
    assert.equal(logged.method, method);
    assert.equal(logged.params.vpcPeeringDescription, description);
    if (method === 'POST') {
      assert.equal(logged.form.vpcPeeringDescription, description);
      assert.equal(logged.query.responseFormatType, 'json');
    }
  }
});

test('XML and JSON answers of the same peering give deep-equal results (but for requestId)', async () => {
  emu.reset();
  const created = await createVpcPeeringInstance({ ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002, responseFormatType: 'json' });
  const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
  const asXml = await getVpcPeeringInstanceDetail({ ...keys(alice, emu), vpcPeeringInstanceNo: no, timestamp: Date.now() });
  const asJson = await getVpcPeeringInstanceDetail({ ...keys(alice, emu), vpcPeeringInstanceNo: no, responseFormatType: 'json' });
  const asPost = await getVpcPeeringInstanceDetail({ ...keys(alice, emu), vpcPeeringInstanceNo: no, method: 'POST', responseFormatType: 'json' });
  const strip = ({ requestId, ...rest }) => rest;
  assert.deepEqual(strip(asXml), strip(asJson));
  assert.deepEqual(strip(asJson), strip(asPost));
  assert.equal(asXml.vpcPeeringInstanceList[0].vpcPeeringInstanceNo, no);
});

test('the dry run is exactly what is sent', async () => {
  emu.reset();
  const opts = {
    ...keys(alice, emu), sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'dry-run-1',
    vpcPeeringDescription: '한 줄 & more', timestamp: Date.now(),
  };
  const dry = buildCreateVpcPeeringInstanceRequest(opts);
  assert.equal(dry.method, 'GET');
  assert.equal(dry.body, null);
  assert.deepEqual(Object.keys(dry.headers), ['x-ncp-apigw-timestamp', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2']);
  assert.equal(dry.headers['x-ncp-apigw-signature-v2'].length, 44);
  assert.equal(emu.requests.length, 0, 'a dry run sends nothing');
  await createVpcPeeringInstance(opts);
  const [logged] = emu.requests;
  assert.equal(emu.url + logged.rawTarget, dry.url);
  assert.equal(logged.headers['x-ncp-apigw-timestamp'], dry.headers['x-ncp-apigw-timestamp']);
  assert.equal(logged.headers['x-ncp-iam-access-key'], alice.accessKey);
  assert.equal(logged.signatureValid, true);
  // URL parsers leave the signed query alone
  assert.equal(new URL(dry.url).href, dry.url);
});

test('POST dry run carries a form body and signs only the query it sends', () => {
  const dry = buildCreateVpcPeeringInstanceRequest({
    accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000',
    sourceVpcNo: '1234', targetVpcNo: '5678', method: 'POST', responseFormatType: 'json', timestamp: 1700000000000,
  });
  assert.equal(dry.url, 'https://ncloud.apigw.ntruss.com/vpc/v2/createVpcPeeringInstance?responseFormatType=json');
  assert.equal(dry.body, 'sourceVpcNo=1234&targetVpcNo=5678');
  assert.equal(dry.headers['content-type'], 'application/x-www-form-urlencoded');
  // ncp-api.md §1, first vector (Python hmac and Node crypto agree)
  assert.equal(dry.headers['x-ncp-apigw-signature-v2'], 'e9YP/hiDqhqj2NC7CTAIp5/ZaojUhLSHZFQiQXxjuKY=');
});

test('site picks the documented gateway and endpoint keeps a path prefix', () => {
  const base = { accessKey: 'a', secretKey: 'b', sourceVpcNo: 1, targetVpcNo: 2, timestamp: 1 };
  assert.match(buildCreateVpcPeeringInstanceRequest({ ...base, site: 'gov' }).url, /^https:\/\/ncloud\.apigw\.gov-ntruss\.com\/vpc\/v2\//);
  assert.match(buildCreateVpcPeeringInstanceRequest({ ...base, site: 'fin' }).url, /^https:\/\/fin-ncloud\.apigw\.fin-ntruss\.com\/vpc\/v2\//);
  assert.match(buildCreateVpcPeeringInstanceRequest(base).url, /^https:\/\/ncloud\.apigw\.ntruss\.com\/vpc\/v2\/createVpcPeeringInstance\?/);
  assert.match(buildCreateVpcPeeringInstanceRequest({ ...base, endpoint: 'http://127.0.0.1:9/ncp/' }).url, /^http:\/\/127\.0\.0\.1:9\/ncp\/vpc\/v2\//);
});

test('a path prefix is signed and accepted end to end', async () => {
  emu.reset();
  const result = await createVpcPeeringInstance({ ...keys(alice, emu), endpoint: `${emu.url}/some/prefix`, sourceVpcNo: 10001, targetVpcNo: 10002 });
  assert.equal(result.returnCode, '0');
  assert.match(emu.requests[0].rawTarget, /^\/some\/prefix\/vpc\/v2\/createVpcPeeringInstance\?/);
});

test('the fetch option replaces the global fetch', async () => {
  emu.reset();
  const seen = [];
  const result = await createVpcPeeringInstance({
    ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002,
    fetch: (url, init) => { seen.push([url, init.method, Object.keys(init.headers)]); return fetch(url, init); },
  });
  assert.equal(result.returnCode, '0');
  assert.equal(seen.length, 1);
  assert.equal(seen[0][1], 'GET');
  assert.deepEqual(seen[0][2], ['x-ncp-apigw-timestamp', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2']);
});

test('the body is read as bytes: a BOM dropped, a text()-only Response-like works, and a body that is not UTF-8 refused with a snippet decoded as text() would', async () => {
  const sample = readFileSync(new URL('../fixtures/create-sample.xml', import.meta.url));
  const options = { ...keys(alice, emu), sourceVpcNo: 10001, targetVpcNo: 10002 };
  const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sample]);
  const viaBytes = await createVpcPeeringInstance({ ...options, fetch: async () => new Response(withBom) });
  assert.equal(viaBytes.vpcPeeringInstanceList[0].vpcPeeringName, 'test-peer');
  const textOnly = { status: 200, text: async () => new Response(withBom).text() };
  assert.deepEqual(await createVpcPeeringInstance({ ...options, fetch: async () => textOnly }), viaBytes);
  // An invalid byte (0xFF) at the start: NCP answers in UTF-8, and a replaced byte would be a silent substitute
  // (issue 11: each would also grow the wasm's memory by 18 bytes once escaped for JS).
  const damaged = Buffer.concat([Buffer.from([0xff]), sample]);
  const err = await createVpcPeeringInstance({ ...options, fetch: async () => new Response(damaged) }).catch((e) => e);
  assert.equal(err.code, 'ERR_BAD_RESPONSE');
  assert.match(err.message, /with a body that is not UTF-8 text$/);
  assert.ok(err.bodySnippet.startsWith('\uFFFD<createVpcPeeringInstanceResponse>'), err.bodySnippet);
});
