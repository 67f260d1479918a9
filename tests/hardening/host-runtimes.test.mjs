// The host's hardening cases (host-cases.mjs) inside workerd and Chromium, where the runtime's fetch decides what a
// redirect, a compressed or endless body and a cancelled download look like. workerd runs worker-host.mjs, bundled
// as wrangler bundles it (tests/workerd/harness.mjs); Chromium (headless, playwright-core) opens host-page.html,
// which imports the installed package through an import map. Both call the hostile servers (hostile-server.mjs) in
// this process. Each case is one test; the records come from one run per runtime.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLikeWrangler, compatibilityDate, startWorkerd, ROOT } from '../workerd/harness.mjs';
import { serveStatic, launchChromium, pageResult } from '../browser/harness.mjs';
import { HOST_CASES, problemsOf } from './host-cases.mjs';
import { startHostileServers, HOSTILE_KEYS } from './hostile-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const keys = HOSTILE_KEYS;
let servers;
let env;
before(async () => {
  servers = await startHostileServers();
  env = { hostile: servers.url, ...keys };
});
after(() => servers?.close());

/** One test per case, each reading its record from the runtime's single run. */
function casesIn(runtime, run) {
  let records;
  const recordOf = async (name) => {
    records ??= run();
    const record = (await records).find((r) => r.name === name);
    assert.ok(record, `no record for ${name}`);
    return record;
  };
  for (const c of HOST_CASES) {
    test(`${c.issue ? `#${c.issue} ` : ''}${c.name}`, async () => {
      const record = await recordOf(c.name);
      const problems = problemsOf(record, runtime);
      assert.deepEqual(problems, [], `${problems.join('; ')}\n${JSON.stringify(record, null, 1)}`);
    });
  }
}

describe('workerd', () => {
  let workerd;
  before(async () => {
    const outdir = path.join(ROOT, '.scratch', 'hardening-host-workerd');
    const bundle = await bundleLikeWrangler({ entry: path.join(here, 'worker-host.mjs'), outdir });
    workerd = await startWorkerd({ outdir, modules: bundle.modules, compatibilityDate: compatibilityDate('2026-04-01') });
  });
  after(() => workerd?.close());
  casesIn('workerd', async () => {
    const response = await fetch(workerd.url, { method: 'POST', body: JSON.stringify({ env, only: null }) });
    const text = await response.text();
    assert.equal(response.status, 200, `the Worker answered ${response.status}: ${text}\n${workerd.log()}`);
    return JSON.parse(text);
  });
});

describe('Chromium', () => {
  let site;
  let browser;
  before(async () => {
    site = await serveStatic(here);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await site?.close();
  });
  casesIn('chromium', async () => {
    const url = `${site.url}/host-page.html?env=${encodeURIComponent(JSON.stringify(env))}`;
    const { value, page } = await pageResult(browser.context, url, { key: '__records', timeoutMs: 300_000 });
    await page.close();
    return value;
  });
});
