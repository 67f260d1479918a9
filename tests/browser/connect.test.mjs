// connectVpcs / disconnectVpcs end to end in Chromium (headless, playwright-core): every scenario of
// connect-scenarios.mjs runs in a page that imports the installed package by name through an import map
// (app/connect.html), against emulators started here (the emulator answers CORS, the page's origin is another port).
// Chromium re-sends a request, whatever its method, whose reused connection closed without an answer (a `drop`):
// the scenarios are told so (`resendsDropped`) and check that the copy followed as it was and alone was processed.
//   node --test tests/browser/connect.test.mjs
import { before, after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCENARIOS } from './connect-scenarios.mjs';
import { connectEnv } from './connect-env.mjs';
import { serveStatic, launchChromium, pageResult } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

let env;
let browser;
let server;
let page;
let log;
before(async () => {
  assert.ok(fs.existsSync(path.join(here, 'node_modules', 'ncloud-vpc-wasm', 'package.json')), 'run `make pack` first');
  env = await connectEnv();
  browser = await launchChromium();
  server = await serveStatic(here);
  ({ page, log } = await pageResult(browser.context, `${server.url}/app/connect.html`, { key: '__connectReady' }));
});
after(async () => {
  await page?.close();
  await browser?.close();
  await server?.close();
  await env?.close();
});

for (const name of Object.keys(SCENARIOS)) {
  test(`Chromium: ${name}`, async () => {
    const outcome = await page.evaluate(([n, e]) => window.runConnectScenario(n, e), [name, { ...env.env, resendsDropped: 'any' }]);
    assert.ok(outcome.ok, `${outcome.error}\n${log.join('\n')}`);
    console.log(`# ${name}: ${JSON.stringify(outcome.facts)}`);
  });
}
