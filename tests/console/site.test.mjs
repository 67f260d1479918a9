// The Worker's routing and static files in Node (www/router.js, www/site.js), and static checks of the page
// itself: its CSP meta tag matches the header, no inline script or style, no storage but the opted-in one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { handle, DEMO_ACCOUNTS_PATH } from '../../www/router.js';
import { CSP, CSP_DIRECTIVES, SECURITY_HEADERS } from '../../www/site.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PUBLIC = path.join(ROOT, 'www', 'public');

/** An ASSETS binding over a map of files, answering as workerd's disk service does (octet-stream). */
function assets(files) {
  const seen = [];
  return {
    seen,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      seen.push(`${request.method} ${pathname}`);
      if (!(pathname in files)) return new Response(null, { status: 404 });
      return new Response(files[pathname], { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    },
  };
}

const FILES = { '/index.html': '<!doctype html>', '/app.js': 'export {}', '/style.css': 'body{}', '/pkg/ncloud_vpc_wasm_bg.wasm': new Uint8Array([0, 97, 115, 109]) };

test('static files: content type by extension, the CSP and security headers, / is index.html', async () => {
  const env = { ASSETS: assets(FILES) };
  for (const [p, type] of [
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/pkg/ncloud_vpc_wasm_bg.wasm', 'application/wasm'],
  ]) {
    const res = await handle(new Request(`http://console.local${p}`), env);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers.get('content-type'), type, p);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(res.headers.get(name), value, `${p} ${name}`);
  }
  const head = await handle(new Request('http://console.local/app.js', { method: 'HEAD' }), env);
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('static files: unknown files, directories and other extensions are 404; other methods 405', async () => {
  const env = { ASSETS: assets({ ...FILES, '/wrangler.toml': 'x', '/pkg': '[]', '/.env': 'SECRET=1' }) };
  for (const p of ['/nope.js', '/pkg', '/pkg/', '/wrangler.toml', '/.env', '/index.html.bak', '//index.html', '/a\\b.js']) {
    const res = await handle(new Request(`http://console.local${p}`), env);
    assert.equal(res.status, 404, p);
    assert.equal(res.headers.get('content-security-policy'), CSP, p);
  }
  const post = await handle(new Request('http://console.local/index.html', { method: 'POST', body: 'x' }), env);
  assert.equal(post.status, 405);
});

test('the demo accounts are served only when DEMO_ACCOUNTS is configured', async () => {
  const none = await handle(new Request(`http://console.local${DEMO_ACCOUNTS_PATH}`), { ASSETS: assets(FILES) });
  assert.equal(none.status, 404);
  const data = { gateway: 'http://127.0.0.1:1', accounts: [{ name: 'alice', accessKey: 'A', secretKey: 'S', vpcs: [] }] };
  for (const DEMO_ACCOUNTS of [JSON.stringify(data), data]) {
    const res = await handle(new Request(`http://console.local${DEMO_ACCOUNTS_PATH}`), { DEMO_ACCOUNTS });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(await res.json(), data);
  }
});

test('/vpc/ goes to the forwarder, and only there', async () => {
  const calls = [];
  const fetchImpl = async (url) => {
    calls.push(url);
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const env = { NCLOUD_API_GW: 'http://127.0.0.1:9', ASSETS: assets(FILES) };
  assert.equal((await handle(new Request('http://console.local/vpc/v2/getVpcPeeringInstanceList?a=1'), env, fetchImpl)).status, 200);
  assert.equal((await handle(new Request('http://console.local/vpc/index.html'), env, fetchImpl)).status, 404);
  assert.equal((await handle(new Request('http://console.local/index.html'), env, fetchImpl)).status, 200);
  assert.deepEqual(calls, ['http://127.0.0.1:9/vpc/v2/getVpcPeeringInstanceList?a=1']);
});

test('index.html: its CSP meta tag is the header minus frame-ancestors; no inline script, style or handler', async () => {
  const html = await readFile(path.join(PUBLIC, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'the CSP meta tag');
  assert.equal(meta[1], CSP_DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; '));
  assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<script'), 'the policy comes before any script');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1], /\bsrc="\/[^"]+"/, 'scripts load from this origin');
    assert.equal(m[2].trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /<style\b/i);
  assert.doesNotMatch(html, /\sstyle=/i);
  assert.doesNotMatch(html, /\son[a-z]+=/i);
  assert.doesNotMatch(html, /https?:\/\/(?!ncloud\.apigw|fin-ncloud\.apigw|[a-z.]*example\.com)/, 'no third-party URL');
  assert.doesNotMatch(html, /<input[^>]*\bname=/, 'no input can be submitted');
});

test('the page scripts: no innerHTML, eval, inline style, localStorage or cookie', async () => {
  const files = (await readdir(PUBLIC)).filter((f) => f.endsWith('.js'));
  assert.ok(files.includes('app.js'));
  for (const f of files) {
    const js = await readFile(path.join(PUBLIC, f), 'utf8');
    for (const [pattern, what] of [
      [/\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write/, 'HTML from strings'],
      [/\beval\(|new Function\b|setTimeout\(\s*['"`]/, 'eval'],
      [/\.style\.|setAttribute\(\s*['"]style/, 'inline style'],
      [/localStorage/, 'localStorage'],
      [/document\.cookie/, 'cookies'],
      [/https?:\/\/(?!ncloud\.apigw|fin-ncloud\.apigw)/, 'a third-party URL'],
    ]) {
      assert.doesNotMatch(js, pattern, `${f}: ${what}`);
    }
  }
  const keys = await readFile(path.join(PUBLIC, 'keys.js'), 'utf8');
  assert.match(keys, /sessionStorage\.setItem/, 'the opt-in writes sessionStorage');
  const app = await readFile(path.join(PUBLIC, 'app.js'), 'utf8');
  assert.equal((app.match(/keepKeys\(/g) ?? []).length, 1, 'the keys are kept from one place');
  assert.match(app, /if \(el\('keepKeys'\)\.checked\) keepKeys\(/, 'only while the opt-in is ticked');
});
