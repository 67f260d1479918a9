#!/usr/bin/env node
// `make screenshots`: the console's main views at a laptop's 1280×900 and a phone's 390×844, into docs/screenshots/
// (README and docs/console.md show them). It starts the demo, makes a few peerings with the package itself (both
// directions, across accounts, a pair with its reverse), and drives the page in headless Chromium: the peerings, a
// peering's details, a create, the plan of a cross-account connection and the connection made (with both accounts'
// demo keys), and a VPC's route tables with one table's routes open.
//   node scripts/screenshots.mjs [--out DIR]
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openConsole, seedPeerings, pickVpcs, CONNECT_PICKER } from './console-browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [
  ['1280', { width: 1280, height: 900 }],
  ['390', { width: 390, height: 844 }],
];
const T = { timeout: 15000 };

/**
 * The peerings every picture shows, made as each account: alice's two same-account peerings (each the other's
 * reverse) and her request to bob; bob's own peering and his request to alice.
 */
const PEERINGS = [
  { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'web tier to app tier' },
  { as: 'alice', sourceVpcNo: '10002', targetVpcNo: '10001', vpcPeeringName: 'app-to-web' },
  { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'web-to-bob-api' },
  { as: 'bob', sourceVpcNo: '20002', targetVpcNo: '20003', vpcPeeringName: 'api-to-batch' },
  { as: 'bob', sourceVpcNo: '20003', targetVpcNo: '10002', targetVpcName: 'alice-app', targetVpcLoginId: 'alice@example.com', vpcPeeringName: 'batch-to-alice-app' },
];

/** What the create view sends at each width (a pair not peered yet). */
const CREATED = {
  1280: { sourceVpcNo: '10002', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'app-to-bob-api' },
  390: { sourceVpcNo: '10003', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'legacy-to-bob-batch' },
};

/** What the connect view connects at each width (pairs apart, across accounts; not peered by PEERINGS). */
const CONNECTED = {
  1280: { sourceVpcNo: '10004', targetVpcNo: '20004', targetVpcName: 'bob-data', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'data-share' },
  390: { sourceVpcNo: '10002', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'app-batch' },
};

/** A picture of the window (not the whole page), with `selector` scrolled to the top. */
async function shoot(page, file, selector) {
  await page.evaluate((sel) => {
    document.activeElement?.blur();
    if (sel) document.querySelector(sel).scrollIntoView({ block: 'start' });
    else window.scrollTo(0, 0);
  }, selector);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'docs', 'screenshots') } } });
  const out = path.resolve(values.out);
  await mkdir(out, { recursive: true });
  const browser = await openConsole({ viewport: SIZES[0][1] });
  try {
    const { page } = browser;
    const [webToApp] = await seedPeerings(browser.demo, PEERINGS);
    for (const [width, viewport] of SIZES) {
      await page.setViewportSize(viewport);
      await browser.open();
      await page.click('button[data-account="alice"]');
      await page.waitForSelector('#peering-rows tr[data-side="incoming"] button[data-action="accept"]', T);
      await shoot(page, path.join(out, `peerings-${width}.png`), width === '390' ? '#peerings' : null);

      await page.click(`#peering-rows tr[data-no="${webToApp.vpcPeeringInstanceNo}"] a.peering-link`);
      await page.waitForSelector('#details-body .details', T);
      await shoot(page, path.join(out, `details-${width}.png`), width === '390' ? '#details' : null);

      await page.goBack();
      await page.waitForSelector('#peerings:not([hidden])', T);
      const { vpcPeeringName: created, ...createdPair } = CREATED[width];
      await pickVpcs(page, createdPair);
      await page.fill('#vpcPeeringName', created);
      await page.selectOption('#method', 'POST');
      await page.click('#createBtn');
      await page.waitForSelector('#live[data-state="awaiting"]', T);
      await page.selectOption('#method', 'GET');
      await shoot(page, path.join(out, `create-${width}.png`), '#create');

      // Connect two VPCs across accounts, with bob's demo keys for his part: the plan, then the connection made.
      await page.click('#nav-connect');
      const { vpcPeeringName, ...pair } = CONNECTED[width];
      await pickVpcs(page, pair, CONNECT_PICKER);
      await page.click('button[data-target-account="bob"]');
      // Both VPCs' route tables listed to choose from (bob's read with his keys), all checked.
      for (const side of ['source', 'target']) await page.waitForSelector(`#connect-${side}-tables[data-state="listed"]`, T);
      await page.fill('#connect-name', vpcPeeringName);
      await page.click('#connect-plan');
      await page.waitForSelector('#connect-output[data-state="planned"]', T);
      await shoot(page, path.join(out, `connect-plan-${width}.png`), width === '390' ? '#connect-output' : '#view-connect');
      await page.click('#connect-apply');
      await page.waitForSelector('#connect-output[data-state="done"]', { timeout: 60000 });
      await shoot(page, path.join(out, `connect-done-${width}.png`), '#connect-output');

      // The source VPC's route tables, the first one's routes open (its new route through the forward peering).
      await page.click(`#connect-body a[href="#/route-tables/${pair.sourceVpcNo}"]`);
      await page.waitForSelector('#rt-rows tr[data-no] button[data-action="routes"]', T);
      await page.click('#rt-rows tr[data-no] button[data-action="routes"]');
      await page.waitForSelector('#rt-rows tr.routes-row table.routes', T);
      await shoot(page, path.join(out, `route-tables-${width}.png`), '#route-tables');
      await page.click('#nav-peerings');
    }
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
