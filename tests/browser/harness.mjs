// What the Chromium runners share (tests/browser/run.mjs, tests/examples/run.mjs): a tiny static server on
// 127.0.0.1 and headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core with a fresh profile.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Serves `root` on a free loopback port (GET/HEAD only, no listing, nothing outside `root`); `mounts` maps URL
 * prefixes (`'/cdn/'`) to other directories. `served` records every path answered, so a test can say what the page
 * downloaded and how many bytes.
 */
export async function serveStatic(root, mounts = {}) {
  const served = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const pathname = decodeURIComponent(url.pathname);
    const mount = Object.keys(mounts).find((prefix) => pathname.startsWith(prefix));
    const base = path.resolve(mount ? mounts[mount] : root);
    let file = path.join(base, mount ? pathname.slice(mount.length) : pathname);
    if (!file.startsWith(base)) return void res.writeHead(403).end();
    try {
      if ((await fsp.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await fsp.readFile(file);
      served.push({ path: url.pathname, file, bytes: body.length });
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium with a fresh user-data-dir; `close()` also removes the profile. */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install chromium chromium-driver (or set CHROMIUM_PATH)`);
  }
  const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'ncloud-vpc-wasm-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await fsp.rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page, waits until `window[key]` is set (or a page error), and resolves with its value, the
 * console log and the responses the page received. The page's errors and console output go into the rejection, so a
 * failure says what the browser said.
 */
export async function pageResult(context, url, { key = '__checks', timeoutMs = 20000 } = {}) {
  const page = await context.newPage();
  const log = [];
  page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
  let failed;
  const thrown = new Promise((_, reject) => { failed = reject; });
  thrown.catch(() => {});
  page.on('pageerror', (e) => {
    log.push(`pageerror: ${e.stack ?? e}`);
    failed(new Error(`the page threw: ${e.message ?? e}`));
  });
  page.on('requestfailed', (r) => log.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  const responses = [];
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? '' }));
  try {
    await page.goto(url);
    const waiting = page.waitForFunction((k) => window[k] ?? window.__pageError, key, { timeout: timeoutMs });
    waiting.catch(() => {});
    const handle = await Promise.race([waiting, thrown]);
    const value = await handle.jsonValue();
    const pageError = await page.evaluate(() => window.__pageError);
    if (pageError) throw new Error(`the page failed: ${pageError}`);
    return { value, log, responses, page };
  } catch (error) {
    error.message += `\n--- ${url}\n${log.join('\n')}`;
    await page.close();
    throw error;
  }
}
