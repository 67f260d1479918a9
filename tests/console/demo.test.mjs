// `make demo` (scripts/demo.mjs): the forwarder in workerd and in the Node fallback, end to end against the
// emulator, at the level of raw HTTP; the CLI as a child process (URL line, NCLOUD_API_GW, Ctrl-C).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo } from '../../scripts/demo.mjs';
import { startEmulator } from '../../emulator/server.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { alice, signedHeaders, rawRequest, spawnDemo, exitOf, answers } from './_helpers.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Headers a forwarded request may carry at the gateway: the allowed ones, plus what any HTTP request needs. */
const ALLOWED_UPSTREAM = new Set([
  'x-ncp-apigw-timestamp',
  'x-ncp-iam-access-key',
  'x-ncp-apigw-signature-v2',
  'content-type',
  'host',
  'content-length',
  'connection',
]);

for (const runtime of ['workerd', 'node']) {
  describe(`forwarder in ${runtime}`, () => {
    let demo;
    let port;
    before(async () => {
      demo = await startDemo({ port: 0, runtime, runDelayMs: 50, deleteDelayMs: 50 });
      port = Number(new URL(demo.url).port);
      assert.equal(demo.runtime, runtime);
    });
    after(() => demo?.close());

    test('a signed GET arrives byte for byte: the emulator verifies the signature over the raw target', async () => {
      const target =
        '/vpc/v2/getVpcPeeringInstanceList?regionCode=KR&vpcPeeringName=a~b%7Ec%2Fd%20e&sourceVpcName=%EA%B0%80%2B&vpcPeeringInstanceNoList.1=1&responseFormatType=json';
      const mark = demo.emulator.requests.length;
      const res = await rawRequest(port, {
        target,
        headers: { ...signedHeaders(alice, 'GET', target), cookie: 'session=secret', origin: 'http://evil.example', 'user-agent': 'ua', 'x-forwarded-for': '1.2.3.4', authorization: 'Bearer t' },
      });
      assert.equal(res.status, 200, res.body);
      assert.match(res.headers['content-type'], /^application\/json/);
      assert.ok(JSON.parse(res.body).getVpcPeeringInstanceListResponse);
      const seen = demo.emulator.requests.slice(mark);
      assert.equal(seen.length, 1);
      assert.equal(seen[0].rawTarget, target);
      assert.equal(seen[0].signatureValid, true);
      for (const name of Object.keys(seen[0].headers)) assert.ok(ALLOWED_UPSTREAM.has(name), `forwarded header ${name}`);
    });

    test('a signed POST: query and form body unchanged, content-type passed', async () => {
      const target = '/vpc/v2/createVpcPeeringInstance?responseFormatType=json';
      const body = 'regionCode=KR&sourceVpcNo=10001&targetVpcNo=10002&vpcPeeringName=raw-post&vpcPeeringDescription=%ED%95%9C%20x';
      const mark = demo.emulator.requests.length;
      const res = await rawRequest(port, {
        method: 'POST',
        target,
        body,
        headers: { ...signedHeaders(alice, 'POST', target), 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.status, 200, res.body);
      const created = JSON.parse(res.body).createVpcPeeringInstanceResponse.vpcPeeringInstanceList[0];
      assert.equal(created.vpcPeeringDescription, '한 x');
      const [seen] = demo.emulator.requests.slice(mark);
      assert.equal(seen.rawTarget, target);
      assert.equal(seen.headers['content-type'], 'application/x-www-form-urlencoded');
      assert.equal(seen.form.vpcPeeringName, 'raw-post');
      for (const name of Object.keys(seen.headers)) assert.ok(ALLOWED_UPSTREAM.has(name), `forwarded header ${name}`);
    });

    test('the gateway answers unchanged: a wrong secret is its 401 JSON', async () => {
      const target = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';
      const res = await rawRequest(port, { target, headers: signedHeaders({ ...alice, secretKey: 'wrong' }, 'GET', target) });
      assert.equal(res.status, 401);
      assert.equal(JSON.parse(res.body).error.errorCode, '200');
    });

    test('no open proxy: absolute-form targets, //host, dot segments and encoded slashes reach nothing else', async () => {
      const mark = demo.emulator.requests.length;
      const refused = ['//evil.example/vpc/v2/getVpcPeeringInstanceList', '/vpc/v2/%2e%2e/%2e%2e/x', '/vpc/v2/get%2FVpc', '/vpc/v2/getVpcPeeringInstanceList/..%2f..%2fx', '/vpc/v1/x', '/__emulator/state', '/__emulator/reset'];
      for (const target of refused) {
        const res = await rawRequest(port, { target });
        assert.ok(res.status === 404 || res.status === 400, `${target}: ${res.status}`);
      }
      assert.equal(demo.emulator.requests.length, mark, 'nothing reached the emulator');
      // These name a valid action: they go to the configured gateway, with the path normalised, never elsewhere.
      for (const target of ['http://evil.example/vpc/v2/getVpcPeeringInstanceList?x=1', '/vpc/v2/../../vpc/v2/getVpcPeeringInstanceList?x=1']) {
        const res = await rawRequest(port, { target });
        assert.equal(res.status, 401, target);
      }
      assert.deepEqual(
        demo.emulator.requests.slice(mark).map((r) => r.rawTarget),
        ['/vpc/v2/getVpcPeeringInstanceList?x=1', '/vpc/v2/getVpcPeeringInstanceList?x=1'],
      );
      for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
        const res = await rawRequest(port, { method, target: '/vpc/v2/getVpcPeeringInstanceList' });
        assert.equal(res.status, 405, method);
      }
      assert.equal(demo.emulator.requests.length, mark + 2);
    });

    test('the page: CSP header, content types, the demo accounts', async () => {
      const page = await fetch(demo.url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-security-policy'), /default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
      assert.match(page.headers.get('content-security-policy'), /frame-ancestors 'none'/);
      assert.equal((await fetch(`${demo.url}pkg/ncloud_vpc_wasm_bg.wasm`)).headers.get('content-type'), 'application/wasm');
      assert.match((await fetch(`${demo.url}pkg/browser.mjs`)).headers.get('content-type'), /^text\/javascript/);
      assert.equal((await fetch(`${demo.url}pkg/`)).status, 404);
      const accounts = await (await fetch(`${demo.url}__demo/accounts`)).json();
      assert.equal(accounts.gateway, demo.emulator.url);
      assert.deepEqual(accounts.accounts.map((a) => a.name), ['alice', 'bob']);
    });
  });
}

test('CLI: prints the console URL and the demo keys, serves, and stops cleanly on SIGINT', async () => {
  const { child, url, output } = await spawnDemo(['--port', '0', '--quiet', '--run-delay-ms', '100']);
  try {
    assert.match(output(), /\(workerd\)/);
    assert.match(output(), /NCPDEMOALICE0000KEY1\s+aliceDemoSecret0000000000000000000000001/);
    assert.match(output(), /forwards \/vpc\/v2\/<action> to http:\/\/127\.0\.0\.1:\d+ \(the local NCP emulator\)/);
    const res = await fetch(url);
    assert.equal(res.status, 200);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exitOf(child), 0);
  assert.match(output(), /SIGINT: stopping/);
  assert.equal(await answers(url), false, 'the console (workerd) is gone');
});

test('CLI: one line per emulator request, none with --quiet (make demo QUIET=1 passes --quiet)', async () => {
  for (const quiet of [false, true]) {
    const { child, url, output } = await spawnDemo(['--port', '0', ...(quiet ? ['--quiet'] : [])]);
    try {
      const res = await fetch(`${url}vpc/v2/getVpcPeeringInstanceList?responseFormatType=json`, { headers: signedHeaders(alice, 'GET', '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json') });
      assert.equal(res.status, 200, await res.text());
      const logged = /^emulator: GET \/vpc\/v2\/getVpcPeeringInstanceList\?responseFormatType=json -> 200 key=NCPDEMOALICE0000KEY1$/m;
      if (!quiet) for (let i = 0; i < 50 && !logged.test(output()); i++) await new Promise((r) => setTimeout(r, 20));
      if (quiet) assert.doesNotMatch(output(), /^emulator: /m);
      else assert.match(output(), logged);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exitOf(child), 0);
  }
  const make = spawnSync('make', ['--no-print-directory', '-n', 'demo', 'QUIET=1'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(make.stdout, /^node scripts\/demo\.mjs --quiet$/m);
  const loud = spawnSync('make', ['--no-print-directory', '-n', 'demo'], { cwd: ROOT, encoding: 'utf8' });
  assert.match(loud.stdout, /^node scripts\/demo\.mjs\s*$/m);
});

test('CLI with NCLOUD_API_GW: no emulator, no demo keys, forwards to that gateway', async () => {
  const upstream = await startEmulator({ runDelayMs: 50, deleteDelayMs: 50 });
  const { child, url, output } = await spawnDemo(['--port', '0', '--quiet'], { NCLOUD_API_GW: upstream.url });
  try {
    assert.match(output(), new RegExp(`forwards /vpc/v2/<action> to ${upstream.url} \\(NCLOUD_API_GW\\)`));
    assert.doesNotMatch(output(), /aliceDemoSecret/);
    assert.equal((await fetch(`${url}__demo/accounts`)).status, 404);
    const target = '/vpc/v2/getVpcPeeringInstanceList?responseFormatType=json';
    const res = await fetch(new URL(target, url), { headers: signedHeaders(alice, 'GET', target) });
    assert.equal(res.status, 200);
    assert.equal(upstream.requests.at(-1).rawTarget, target);
  } finally {
    child.kill('SIGTERM');
    await exitOf(child);
    await upstream.close();
  }
});

test('CLI refuses a gateway with a path: it would change the signed target', async () => {
  const run = spawnDemo(['--port', '0', '--quiet'], { NCLOUD_API_GW: 'https://gw.example.com/prefix' });
  await assert.rejects(run, /exited \(1\)[\s\S]*NCLOUD_API_GW must be an origin only/);
});
