// The console by keyboard alone, for screen readers, and on a phone (issue 15), in Chromium behind the forwarder in
// workerd: real forms (Enter submits), the focus on the result and on the first invalid field in page order,
// aria-invalid="true", aria-required, live regions, buttons named after their peering; at 390×844 no sideways
// scrolling in any view, rows as cards, the logo whole.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { keysOf } from '../../scripts/console-browser.mjs';
import { consoleInChromium, pickVpcs } from './_helpers.mjs';

const T = { timeout: 15000 };
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const WRONG_SECRET = 'wrongSecretWrongSecretWrongSecret0000000';
const PEERINGS = [
  { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'web tier to app tier' },
  { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'web-to-bob-api' },
  { as: 'bob', sourceVpcNo: '20003', targetVpcNo: '10002', targetVpcName: 'alice-app', targetVpcLoginId: 'alice@example.com', vpcPeeringName: 'batch-to-alice-app' },
];

const suite = consoleInChromium({ viewport: LAPTOP, peerings: PEERINGS });
let c; // the console in Chromium (scripts/console-browser.mjs)
let page;
let seeded; // the peerings of PEERINGS, as created
beforeEach(() => ({ c, page, seeded } = suite));

const focused = () => page.evaluate(() => ({ id: document.activeElement.id, cls: document.activeElement.className, text: document.activeElement.textContent, action: document.activeElement.dataset.action }));

/** Presses Tab until `selector` has the focus (at most `max` times); fails if it never does. */
async function tabTo(selector, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}

async function listed(name) {
  await page.click(`button[data-account="${name}"]`);
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
}

test('a create by keyboard alone: Tab to the keys and the fields, Enter submits, the focus lands on the result', async () => {
  await page.evaluate(() => document.activeElement?.blur());
  await tabTo('button[data-account="alice"]');
  await page.keyboard.press('Enter');
  await tabTo('#sourceVpcNo');
  // A select picks by typing the start of an option: the VPC's name.
  await page.keyboard.type('alice-app');
  assert.equal(await page.inputValue('#sourceVpcNo'), '10002');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'targetVpcNo');
  await page.keyboard.type('alice-legacy');
  assert.equal(await page.inputValue('#targetVpcNo'), '10003');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'vpcPeeringName');
  await page.keyboard.type('app-to-legacy');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#output-body [data-kind="result"] .peering-card', T);
  const now = await focused();
  assert.match(now.cls, /result-title/);
  assert.equal(now.text, 'Peering created');
  assert.match(await page.textContent('#output-body .peering-card'), /app-to-legacy[\s\S]*alice-app[\s\S]*alice-legacy/);
});

test('Enter in the keys lists the peerings; an Enter with a key missing focuses it and sends nothing', async () => {
  const { accessKey, secretKey } = keysOf(c.demo, 'alice');
  await page.fill('#accessKey', accessKey);
  const mark = c.demo.emulator.requests.length;
  await page.press('#accessKey', 'Enter');
  assert.equal((await focused()).id, 'secretKey');
  assert.equal(await page.getAttribute('#secretKey', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#err-secretKey'), 'Secret key is required');
  assert.equal(c.demo.emulator.requests.length, mark);
  await page.keyboard.type(secretKey);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`#peering-rows tr[data-no="${seeded[0].vpcPeeringInstanceNo}"]`, T);
  assert.equal((await focused()).id, 'peerings-title');
  assert.equal(await page.getAttribute('#secretKey', 'aria-invalid'), null);
});

test('invalid fields: aria-invalid="true", required ones aria-required, the focus on the first invalid field in page order', async () => {
  for (const id of ['accessKey', 'secretKey', 'sourceVpcNo', 'targetVpcNo']) assert.equal(await page.getAttribute(`#${id}`, 'aria-required'), 'true', id);
  await listed('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api' });
  await page.fill('#vpcPeeringDescription', 'é'.repeat(501));
  const mark = c.demo.emulator.requests.length;
  await page.click('#createBtn');
  // The validator names the description first; on the page the login ID comes first.
  assert.equal((await focused()).id, 'targetVpcLoginId');
  assert.equal(await page.getAttribute('#targetVpcLoginId', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#vpcPeeringDescription', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#err-targetVpcLoginId'), 'Target owner’s login ID is required with target VPC name: a cross-account peering needs both');
  assert.match(await page.getAttribute('#targetVpcLoginId', 'aria-describedby'), /\berr-targetVpcLoginId\b/);
  assert.equal(c.demo.emulator.requests.length, mark, 'nothing sent');
  await page.fill('#targetVpcLoginId', 'bob@example.com');
  assert.equal(await page.getAttribute('#targetVpcLoginId', 'aria-invalid'), null, 'valid again: the attribute goes');
});

test('screen readers: live regions, every row button named after its peering, the focus on a row action\'s result', async () => {
  assert.equal(await page.getAttribute('#live-summary', 'aria-live'), 'polite');
  assert.equal(await page.getAttribute('#live-summary', 'role'), 'status');
  assert.equal(await page.getAttribute('#output', 'aria-live'), 'polite');
  await listed('alice');
  await page.waitForSelector('#peering-rows tr[data-side="incoming"] button[data-action="accept"]', T);
  const names = await page.$$eval('#peering-rows button', (buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  assert.ok(names.length >= 8, names.join('\n'));
  for (const name of names) assert.match(name ?? '', /^(Accept|Reject|Edit description of|Delete|Watch) peering [a-z][a-z0-9-]+ \(#\d+\)$/);
  const [webToApp] = seeded;
  assert.ok(names.includes(`Delete peering web-to-app (#${webToApp.vpcPeeringInstanceNo})`));
  assert.ok(names.includes(`Accept peering batch-to-alice-app (#${seeded[2].vpcPeeringInstanceNo})`));
  await page.click(`button[aria-label="Delete peering web-to-app (#${webToApp.vpcPeeringInstanceNo})"]`);
  await page.waitForSelector('#output-body [data-kind="result"]', T);
  const now = await focused();
  assert.match(now.cls, /result-title/);
  assert.equal(now.text, 'Peering deletion started');
});

/** The page is no wider than the phone. */
async function noSidewaysScroll(view) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  assert.ok(widths.page <= PHONE.width, `${view}: the page is ${widths.page} px wide`);
  assert.ok(widths.body <= PHONE.width, `${view}: the body is ${widths.body} px wide`);
}

test('a phone, 390×844: no sideways scrolling in any view, rows become cards, the logo keeps its size', async () => {
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', T);
  await noSidewaysScroll('the empty page');
  const logo = await page.locator('.logo').boundingBox();
  assert.equal(Math.round(logo.width), 34);
  assert.equal(Math.round(logo.height), 34);
  await listed('alice');
  await page.waitForSelector('#peering-rows tr[data-side="incoming"] button[data-action="accept"]', T);
  await noSidewaysScroll('the peerings');
  assert.equal(await page.isVisible('table.peerings thead'), false, 'no table head: each row is a card');
  const cards = await page.$$eval('#peering-rows tr[data-no]', (rows) =>
    rows.map((tr) => ({ display: getComputedStyle(tr).display, right: tr.getBoundingClientRect().right, labels: [...tr.cells].map((td) => getComputedStyle(td, '::before').content) })),
  );
  for (const card of cards) {
    assert.equal(card.display, 'grid');
    assert.ok(card.right <= PHONE.width, `a card ends at ${card.right}`);
    assert.deepEqual(card.labels, ['"Peering"', '"Source → target"', '"Direction"', '"Status"', '"Actions"']);
  }
  for (const button of await page.$$('#peering-rows button')) assert.ok(await button.isVisible(), 'every action can be reached');
  const [webToApp] = seeded;
  await page.click(`#peering-rows tr[data-no="${webToApp.vpcPeeringInstanceNo}"] button[data-action="edit-description"]`);
  await noSidewaysScroll('the description editor');
  await page.click(`#peering-rows tr[data-no="${webToApp.vpcPeeringInstanceNo}"] a.peering-link`);
  await page.waitForSelector('#details-body .details', T);
  await noSidewaysScroll('a peering\'s details');
  await page.click('#details-back');
  await page.click('button[data-example="cross-account"]');
  await page.waitForFunction(() => document.getElementById('targetVpcName').value === 'bob-api', null, T);
  await page.fill('#otherVpcNo', '20003');
  await page.fill('#targetVpcName', 'bob-batch');
  await page.click('#dryRun');
  await page.waitForSelector('#output-body [data-kind="signed-request"]', T);
  await noSidewaysScroll('the signed request');
  await page.click('#createBtn');
  await page.waitForSelector('#live[data-state="awaiting"]', T);
  await page.click('#output-body details.raw summary');
  await page.click('#demo details.vpcs summary');
  await noSidewaysScroll('a created peering with its raw JSON, live status, the seeded VPCs');
  await page.fill('#secretKey', WRONG_SECRET);
  await page.press('#secretKey', 'Enter');
  await page.waitForSelector('#peerings-error [data-kind="error"]', T);
  await noSidewaysScroll('an error');
});

test('nothing thrown, no CSP violation, no request to another origin', async () => {
  assert.deepEqual(c.requests.filter((u) => new URL(u).origin !== c.origin), []);
  assert.deepEqual(c.cspViolations, []);
  assert.deepEqual(c.pageErrors, []);
  assert.deepEqual(c.consoleErrors, []);
});
