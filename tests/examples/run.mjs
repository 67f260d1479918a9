// The examples, run unchanged against the emulator, each on the packed tarball that scripts/pack.sh installed by
// name into its folder:
//   examples/node     index.mjs (ESM) and index.cjs (CommonJS `require`), keys from the environment
//   examples/worker   built by its own wrangler (`wrangler deploy --dry-run --outdir`, from wrangler.toml), run in the
//                     real workerd with the keys as secret (text) bindings
//   examples/browser  index.html (an import map, no build) in headless Chromium, the form filled and submitted
//   node tests/examples/run.mjs
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { ROOT, bundleLikeWrangler, compatibilityDate, startWorkerd } from '../workerd/harness.mjs';
import { serveStatic, launchChromium } from '../browser/harness.mjs';
import { closedPort } from '../browser/expect.mjs';

const run = promisify(execFile);
const examples = path.join(ROOT, 'examples');
const [alice] = seed.accounts;

let emu;
before(async () => {
  for (const name of ['node', 'worker', 'browser']) {
    assert.ok(
      fs.existsSync(path.join(examples, name, 'node_modules', 'ncloud-vpc-wasm', 'package.json')),
      `ncloud-vpc-wasm is not installed in examples/${name}: run \`make pack\` first`,
    );
  }
  emu = await startEmulator({ runDelayMs: 100, deleteDelayMs: 100 });
});
after(() => emu?.close());

describe('examples/node', () => {
  const cwd = path.join(examples, 'node');
  const env = () => ({
    ...process.env,
    NCLOUD_ACCESS_KEY: alice.accessKey,
    NCLOUD_SECRET_KEY: alice.secretKey,
    NCLOUD_API_GW: emu.url,
  });

  test('index.mjs (ESM import) creates a peering and prints it', async () => {
    emu.reset();
    const { stdout } = await run('node', ['index.mjs', '10001', '10002', 'example-esm'], { cwd, env: env() });
    const peering = JSON.parse(stdout);
    assert.equal(peering.vpcPeeringName, 'example-esm');
    assert.equal(peering.sourceVpcNo, '10001');
    assert.equal(peering.targetVpcNo, '10002');
    assert.equal(peering.vpcPeeringInstanceStatus.code, 'INIT');
    assert.equal(emu.requests.at(-1).signatureValid, true);
  });

  test('index.cjs (CommonJS require) creates a peering and prints it', async () => {
    emu.reset();
    const { stdout } = await run('node', ['index.cjs', '10001', '10002', 'example-cjs'], { cwd, env: env() });
    assert.equal(JSON.parse(stdout).vpcPeeringName, 'example-cjs');
  });

  test('require and import resolve to the node entries, and share one instance', async () => {
    const script = `
      const viaRequire = require.resolve('ncloud-vpc-wasm');
      import('ncloud-vpc-wasm').then((esm) => {
        const cjs = require('ncloud-vpc-wasm');
        console.log(JSON.stringify({ viaRequire, same: esm.createVpcPeeringInstance === cjs.createVpcPeeringInstance }));
      });`;
    const { stdout } = await run('node', ['--input-type=commonjs', '-e', script], { cwd });
    const facts = JSON.parse(stdout);
    assert.match(facts.viaRequire, /examples\/node\/node_modules\/ncloud-vpc-wasm\/node\.cjs$/);
    assert.equal(facts.same, true);
  });

  test('errors print their code and exit 1: a missing key, a wrong secret, a closed port', async () => {
    const cases = [
      [{ NCLOUD_SECRET_KEY: '' }, /^ERR_INVALID_OPTION: secretKey is required/],
      [{ NCLOUD_SECRET_KEY: 'wrong' }, /^ERR_NCP_API: .*HTTP 401/],
      [{ NCLOUD_API_GW: `http://127.0.0.1:${await closedPort()}` }, /^ERR_NETWORK: /],
    ];
    for (const [overrides, expected] of cases) {
      for (const file of ['index.mjs', 'index.cjs']) {
        const failure = await run('node', [file, '10001', '10002'], { cwd, env: { ...env(), ...overrides } }).then(
          () => assert.fail(`${file} ${JSON.stringify(overrides)} exited 0`),
          (error) => error,
        );
        assert.equal(failure.code, 1);
        assert.match(failure.stderr, expected, `${file} ${JSON.stringify(overrides)}`);
        assert.ok(!failure.stderr.includes(alice.secretKey), 'the secret key was printed');
      }
    }
  });
});

/** The few top-level keys of wrangler.toml that matter here: `key = "string"` and `key = ["string", …]`. */
function readWranglerToml(file) {
  const config = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (/^\s*\[/.test(line)) break;
    const match = /^\s*([A-Za-z_]+)\s*=\s*(.+?)\s*(#.*)?$/.exec(line);
    if (match) config[match[1]] = JSON.parse(match[2]);
  }
  return config;
}

describe('examples/worker', () => {
  const dir = path.join(examples, 'worker');
  const token = 'example-worker-token';
  let workerd;
  let wranglerWasm;

  before(async () => {
    const toml = readWranglerToml(path.join(dir, 'wrangler.toml'));
    assert.equal(toml.main, 'src/index.js');
    // The example's own build: `wrangler deploy --dry-run --outdir` (its `npm run build`), wrangler from its devDependencies.
    const wrangler = path.join(dir, 'node_modules', '.bin', 'wrangler');
    assert.ok(fs.existsSync(wrangler), 'wrangler is not installed in examples/worker: run `make pack` first');
    const outdir = path.join(ROOT, '.scratch', 'examples-worker');
    fs.rmSync(outdir, { recursive: true, force: true });
    await run(wrangler, ['deploy', '--dry-run', '--outdir', outdir], {
      cwd: dir,
      env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1' },
    });
    const files = fs.readdirSync(outdir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
    const modules = files.map((name) => ({ name, type: name.endsWith('.wasm') ? 'wasm' : 'esModule' }));
    modules.sort((a, b) => (a.type === 'esModule' ? -1 : b.type === 'esModule' ? 1 : 0));
    assert.deepEqual(modules.map((m) => m.type), ['esModule', 'wasm'], files.join(', '));
    assert.equal(modules[0].name, 'index.js');
    assert.match(fs.readFileSync(path.join(outdir, 'index.js'), 'utf8'), new RegExp(`from "\\./${modules[1].name}"`));
    wranglerWasm = modules[1].name;
    workerd = await startWorkerd({
      outdir,
      modules,
      compatibilityDate: compatibilityDate(toml.compatibility_date),
      compatibilityFlags: toml.compatibility_flags ?? [],
      bindings: {
        NCLOUD_ACCESS_KEY: alice.accessKey,
        NCLOUD_SECRET_KEY: alice.secretKey,
        NCLOUD_API_GW: emu.url,
        WORKER_TOKEN: token,
      },
    });
  });
  after(() => workerd?.close());

  const post = (body, headers = { authorization: `Bearer ${token}` }) =>
    fetch(workerd.url, { method: 'POST', headers, body: JSON.stringify(body) });

  test('POST creates a peering with the secret bindings (201)', async () => {
    emu.reset();
    const response = await post({ sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'example-worker', accessKey: 'ignored' });
    const peering = await response.json();
    assert.equal(response.status, 201, JSON.stringify(peering));
    assert.equal(peering.vpcPeeringName, 'example-worker');
    assert.equal(peering.sourceVpcLoginId, alice.loginId);
    const logged = emu.requests.at(-1);
    assert.equal(logged.signatureValid, true);
    assert.equal(logged.accessKey, alice.accessKey, 'the body cannot choose the keys');
  });

  test('a bad option answers 400 with ERR_INVALID_OPTION and the field; an NCP error 502 with its returnCode', async () => {
    let response = await post({ targetVpcNo: '10002' });
    let { error } = await response.json();
    assert.equal(response.status, 400);
    assert.equal(error.code, 'ERR_INVALID_OPTION');
    assert.equal(error.field, 'sourceVpcNo');
    response = await post({ sourceVpcNo: '10001', targetVpcNo: '10003' });
    ({ error } = await response.json());
    assert.equal(response.status, 502);
    assert.equal(error.code, 'ERR_NCP_API');
    assert.equal(error.returnCode, 'EMU_CIDR_OVERLAP');
  });

  test("tests/workerd's wrangler-like bundle names the .wasm module as wrangler does", async () => {
    const { modules } = await bundleLikeWrangler({ entry: path.join(dir, 'src/index.js'), outdir: path.join(ROOT, '.scratch', 'examples-worker-like') });
    assert.deepEqual(modules.filter((m) => m.type === 'wasm').map((m) => m.name), [wranglerWasm]);
  });

  test('without the bearer token: 401; GET: 405', async () => {
    assert.equal((await post({ sourceVpcNo: '10001', targetVpcNo: '10002' }, {})).status, 401);
    const get = await fetch(workerd.url, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(get.status, 405);
  });
});

describe('examples/browser', () => {
  let server;
  let browser;
  before(async () => {
    server = await serveStatic(path.join(examples, 'browser'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function submit(fields) {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    try {
      await page.goto(`${server.url}/`);
      await page.waitForSelector('button:not([disabled])', { timeout: 10000 });
      for (const [name, value] of Object.entries(fields)) await page.fill(`[name=${name}]`, value);
      await page.click('button');
      await page.waitForSelector('#result[data-done]', { timeout: 10000 });
      const text = await page.textContent('#result');
      assert.deepEqual(errors, []);
      return JSON.parse(text);
    } finally {
      await page.close();
    }
  }

  const keys = () => ({ accessKey: alice.accessKey, secretKey: alice.secretKey, endpoint: emu.url });

  test('the page creates a peering from the form', async () => {
    emu.reset();
    const peering = await submit({ ...keys(), sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'example-page' });
    assert.equal(peering.vpcPeeringName, 'example-page');
    assert.equal(peering.vpcPeeringInstanceStatus.code, 'INIT');
    assert.equal(emu.requests.at(-1).signatureValid, true);
    assert.ok(server.served.some((s) => s.path === '/node_modules/ncloud-vpc-wasm/ncloud_vpc_wasm_bg.wasm'));
  });

  test('the page shows the error code: ERR_INVALID_OPTION with the field, ERR_NCP_API with the status', async () => {
    let error = await submit({ ...keys(), targetVpcNo: '10002' });
    assert.equal(error.code, 'ERR_INVALID_OPTION');
    assert.equal(error.field, 'sourceVpcNo');
    error = await submit({ ...keys(), secretKey: 'wrong', sourceVpcNo: '10001', targetVpcNo: '10002' });
    assert.equal(error.code, 'ERR_NCP_API');
    assert.equal(error.status, 401);
  });
});
