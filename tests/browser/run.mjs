// Chromium: headless Debian chromium, driven by playwright-core, loads the same app (app/main.mjs, which imports
// ncloud-vpc-wasm by name from this folder's node_modules: the packed tarball installed by scripts/pack.sh) seven
// ways:
//   import map  a static page mapping "ncloud-vpc-wasm" to the package's browser.mjs, no build step
//   init        the same through "ncloud-vpc-wasm/init", the page passing the .wasm URL (a CDN's, say)
//   Vite        `vite build` with no config at all, and the Vite dev server (no config either)
//   webpack     webpack 5 with a config that says nothing about wasm
//   esbuild     `esbuild --bundle --format=esm`, plus the one extra step: copy the .wasm beside the bundle; and the
//               alternative without it: ncloud-vpc-wasm/init with `--loader:.wasm=file`
// Each page runs the shared checks (checks.mjs) against the emulator, which answers CORS; this file asserts them.
//   node tests/browser/run.mjs
import { describe, before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../emulator/server.js';
import { seed } from '../../emulator/seed.js';
import { registerChecks, checkEnv } from './expect.mjs';
import { serveStatic, launchChromium, pageResult } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const scratch = path.join(root, '.scratch', 'browser');
const pkgDir = path.join(here, 'node_modules', 'ncloud-vpc-wasm');
const [alice] = seed.accounts;

let emu;
let browser;

before(async () => {
  assert.ok(fs.existsSync(path.join(pkgDir, 'package.json')), 'ncloud-vpc-wasm is not installed in tests/browser: run `make pack` first');
  emu = await startEmulator({ runDelayMs: 100, deleteDelayMs: 100 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await emu?.close();
});

/**
 * Builders: each returns the directory to serve and the page (relative URL) that runs the app, or a running
 * `server` ({url, close}) of its own.
 */
const builds = {
  'import map': async () => ({ dir: here, page: '/app/index.html' }),

  // The host places the .wasm itself (here: a copy under another path, as a CDN would hold it).
  'ncloud-vpc-wasm/init': async () => {
    fs.mkdirSync(path.join(scratch, 'cdn'), { recursive: true });
    fs.copyFileSync(path.join(pkgDir, 'ncloud_vpc_wasm_bg.wasm'), path.join(scratch, 'cdn', 'vpc-0.1.0.wasm'));
    const server = await serveStatic(here, { '/cdn/': path.join(scratch, 'cdn') });
    return { server, page: '/app/init.html', query: { wasm: '/cdn/vpc-0.1.0.wasm' } };
  },

  'Vite dev server': async () => {
    const { createServer } = await import('vite');
    const server = await createServer({
      root: path.join(here, 'vite'),
      logLevel: 'warn',
      cacheDir: path.join(scratch, 'vite-cache'),
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    });
    await server.listen();
    return { server: { url: server.resolvedUrls.local[0].replace(/\/$/, ''), close: () => server.close() }, page: '/index.html' };
  },

  Vite: async () => {
    const { build } = await import('vite');
    const outDir = path.join(scratch, 'vite');
    await build({ root: path.join(here, 'vite'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    return { dir: outDir, page: '/index.html' };
  },

  webpack: async () => {
    const { default: webpack } = await import('webpack');
    const { default: config } = await import('./webpack/webpack.config.mjs');
    const outDir = path.join(scratch, 'webpack');
    const stats = await new Promise((resolve, reject) =>
      webpack({ ...config, output: { ...config.output, path: outDir } }, (err, s) => (err ? reject(err) : resolve(s))),
    );
    assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
    assert.ok(!stats.hasWarnings(), stats.toString('errors-warnings'));
    fs.writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script src="main.js"></script>\n');
    return { dir: outDir, page: '/index.html' };
  },

  esbuild: async () => {
    const outDir = path.join(scratch, 'esbuild');
    fs.rmSync(outDir, { recursive: true, force: true });
    // Exactly what docs/runtimes.md tells esbuild users: bundle as ESM, then put the .wasm beside the bundle
    // (esbuild leaves `new URL('./ncloud_vpc_wasm_bg.wasm', import.meta.url)` alone, so the URL is the bundle's).
    execFileSync(path.join(root, 'node_modules/.bin/esbuild'),
      ['app/main.mjs', '--bundle', '--format=esm', `--outfile=${path.join(outDir, 'main.js')}`, '--log-level=warning'],
      { cwd: here, stdio: 'inherit' });
    fs.copyFileSync(path.join(pkgDir, 'ncloud_vpc_wasm_bg.wasm'), path.join(outDir, 'ncloud_vpc_wasm_bg.wasm'));
    fs.writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="main.js"></script>\n');
    return { dir: outDir, page: '/index.html' };
  },

  'esbuild, ncloud-vpc-wasm/init': async () => {
    const outDir = path.join(scratch, 'esbuild-init');
    fs.rmSync(outDir, { recursive: true, force: true });
    // The alternative docs/runtimes.md gives: esbuild places the .wasm itself (file loader), the app passes its URL.
    execFileSync(path.join(root, 'node_modules/.bin/esbuild'),
      ['app/esbuild-init.mjs', '--bundle', '--format=esm', '--loader:.wasm=file', `--outdir=${outDir}`, '--log-level=warning'],
      { cwd: here, stdio: 'inherit' });
    fs.writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="esbuild-init.js"></script>\n');
    return { dir: outDir, page: '/index.html' };
  },
};

for (const [label, make] of Object.entries(builds)) {
  describe(label, () => {
    let server;
    let results;
    let requests;
    let env;
    let log;
    let responses;

    before(async () => {
      const built = await make();
      server = built.server ?? (await serveStatic(built.dir));
      const { page, query = {} } = built;
      emu.reset();
      env = await checkEnv(emu, alice);
      const search = new URLSearchParams({ ...query, env: JSON.stringify(env) });
      const url = `${server.url}${page}?${search}`;
      const outcome = await pageResult(browser.context, url);
      ({ value: results, log, responses } = outcome);
      await outcome.page.close();
      requests = [...emu.requests];
    });

    after(() => server?.close());

    test(`${label}: the page fetched the .wasm once, as application/wasm (no streaming fallback)`, () => {
      const wasm = responses.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
      assert.equal(wasm.length, 1, JSON.stringify(responses, null, 1));
      assert.equal(wasm[0].status, 200);
      assert.match(wasm[0].type, /^application\/wasm/);
      assert.ok(!log.some((l) => /instantiateStreaming|MIME/.test(l)), log.join('\n'));
      if (!server.served) return;
      const js = server.served.filter((s) => /\.(m?js)$/.test(s.path));
      const files = server.served.filter((s) => s.path.endsWith('.wasm'));
      const bytes = (list) => list.reduce((n, s) => n + s.bytes, 0);
      const gzipped = (list) => list.reduce((n, s) => n + zlib.gzipSync(fs.readFileSync(s.file), { level: 9 }).length, 0);
      console.log(`# ${label} downloads: ${js.length} JS file(s) ${bytes(js)} B (${gzipped(js)} B gzipped), wasm ${bytes(files)} B (${gzipped(files)} B gzipped)`);
    });

    registerChecks(label, () => results, () => ({ requests, env }));
  });
}
