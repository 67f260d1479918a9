// The JS half of the encoder's round trip (the Rust half is tests/fuzz_encode.rs): for random strings, the URL the
// package builds is one that WHATWG `URL` (what `fetch` uses) leaves exactly as it is, so the query that was signed
// is the query that is sent; `URLSearchParams` and `decodeURIComponent` give the string back; and the signature
// matches an independent HMAC over the URL as parsed. ENCODE_CASES strings (default 5,000), seeded by ENCODE_SEED
// (printed, so a failure can be replayed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  buildCreateVpcPeeringInstanceRequest,
  buildGetVpcPeeringInstanceListRequest,
  createVpcPeeringInstance,
} from 'ncloud-vpc-wasm';

const CASES = Number(process.env.ENCODE_CASES ?? 5_000);
const SEED = Number(process.env.ENCODE_SEED ?? Date.now() % 1_000_000);
const keys = { accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000', timestamp: 1_700_000_000_000 };

/** mulberry32: a small seeded PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIALS = [...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}~-._', '%20', '%2', '%%', '+', '\u0000', '\t', '\n', '\r', '\u007f', '\u0080',
  '\u00a0', '\u00ff', '\u2028', '\ufeff', '\ufffd', '\uffff', '가', '피어링', '😀', '\u{10ffff}', '&a=b', '#frag', '?q'];

/** A random string: ASCII, reserved characters, escapes-looking text, and code points from every plane. */
function randomString(random, { lone = false } = {}) {
  const length = Math.floor(random() * 40);
  let out = '';
  for (let i = 0; i < length; i++) {
    const pick = random();
    if (pick < 0.35) out += String.fromCharCode(0x20 + Math.floor(random() * 95));
    else if (pick < 0.65) out += SPECIALS[Math.floor(random() * SPECIALS.length)];
    else if (pick < 0.8) out += String.fromCodePoint(Math.floor(random() * 0xd800));
    else if (pick < 0.9) out += String.fromCodePoint(0xe000 + Math.floor(random() * 0x2000));
    else out += String.fromCodePoint(0x10000 + Math.floor(random() * 0x100000));
    if (lone && random() < 0.05) out += String.fromCharCode(0xd800 + Math.floor(random() * 0x800));
  }
  return out;
}

const utf8Length = (s) => Buffer.byteLength(s, 'utf8');

function checkSigned(request, method) {
  const url = new URL(request.url);
  const target = url.pathname + url.search;
  const expected = crypto
    .createHmac('sha256', keys.secretKey)
    .update(`${method} ${target}\n${keys.timestamp}\n${keys.accessKey}`)
    .digest('base64');
  assert.equal(request.headers['x-ncp-apigw-signature-v2'], expected, 'the signature covers the URL as WHATWG parses it');
}

test(`random strings survive encode -> WHATWG URL -> decode unchanged (${CASES} cases, ENCODE_SEED=${SEED})`, () => {
  const random = prng(SEED);
  let checked = 0;
  for (let i = 0; i < CASES; i++) {
    let text = randomString(random);
    while (utf8Length(text) > 1000) text = [...text].slice(0, -1).join('');
    if (text === '') continue; // an empty value means "not given"
    const name = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '') || 'x'; // filter names refuse control characters

    const get = buildCreateVpcPeeringInstanceRequest({ ...keys, sourceVpcNo: 1, targetVpcNo: 2, vpcPeeringDescription: text });
    const url = new URL(get.url);
    assert.equal(url.href, get.url, 'WHATWG URL rewrote the URL');
    assert.equal(new Request(get.url).url, get.url, 'fetch\'s Request rewrote the URL');
    assert.match(url.search, /^\?[A-Za-z0-9\-._~%=&]*$/, 'only unreserved characters, %XX, = and &');
    assert.equal(url.searchParams.get('vpcPeeringDescription'), text);
    const raw = /[?&]vpcPeeringDescription=([^&]*)/.exec(url.search)[1];
    assert.equal(decodeURIComponent(raw), text);
    assert.equal(raw, encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
    checkSigned(get, 'GET');

    const post = buildCreateVpcPeeringInstanceRequest({ ...keys, method: 'POST', sourceVpcNo: 1, targetVpcNo: 2, vpcPeeringDescription: text });
    assert.equal(new URLSearchParams(post.body).get('vpcPeeringDescription'), text);
    assert.equal(new URL(post.url).href, post.url);
    checkSigned(post, 'POST');

    const list = buildGetVpcPeeringInstanceListRequest({ ...keys, sourceVpcName: name, vpcPeeringInstanceNoList: [1, '22'] });
    const listUrl = new URL(list.url);
    assert.equal(listUrl.href, list.url);
    assert.equal(listUrl.searchParams.get('sourceVpcName'), name);
    assert.deepEqual([...listUrl.searchParams.keys()], ['vpcPeeringInstanceNoList.1', 'vpcPeeringInstanceNoList.2', 'sourceVpcName', 'responseFormatType']);
    checkSigned(list, 'GET');
    checked += 1;
  }
  assert.ok(checked > CASES * 0.9, `only ${checked} strings checked`);
});

test('a lone surrogate is sent as U+FFFD (the UTF-8 every encoder produces), never as broken bytes', () => {
  const random = prng(SEED + 1);
  for (let i = 0; i < 500; i++) {
    const text = randomString(random, { lone: true }).slice(0, 300) || '\ud800';
    const request = buildCreateVpcPeeringInstanceRequest({ ...keys, sourceVpcNo: 1, targetVpcNo: 2, vpcPeeringDescription: text });
    const url = new URL(request.url);
    assert.equal(url.href, request.url);
    assert.equal(url.searchParams.get('vpcPeeringDescription'), text.toWellFormed());
  }
});

test('the URL a call actually fetches is the dry run\'s, byte for byte', async () => {
  const random = prng(SEED + 2);
  for (let i = 0; i < 200; i++) {
    const text = randomString(random).slice(0, 200) || 'x';
    const options = { ...keys, sourceVpcNo: 1, targetVpcNo: 2, vpcPeeringDescription: text, endpoint: 'http://127.0.0.1:9/prefix' };
    const dry = buildCreateVpcPeeringInstanceRequest(options);
    let sent;
    await createVpcPeeringInstance({
      ...options,
      fetch: async (url, init) => {
        sent = { url, headers: init.headers };
        return new Response('', { status: 503 });
      },
    }).catch(() => {});
    assert.equal(sent.url, dry.url);
    assert.equal(sent.headers['x-ncp-apigw-signature-v2'], dry.headers['x-ncp-apigw-signature-v2']);
  }
});
