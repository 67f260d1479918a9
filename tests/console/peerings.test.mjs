// The console as people use cloud consoles (issue 15), in Chromium at 1280×900 behind the forwarder in workerd:
// the peerings table first (filters, sort, pages, refreshing itself while a peering changes), a details view, the
// direction and side-aware Accept/Reject, one consistent state after actions and key changes, errors in the page's
// words with advice fitting where requests go, and the description editor.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { seedPeerings, keysOf } from '../../scripts/console-browser.mjs';
import { consoleInChromium, pickVpcs } from './_helpers.mjs';
import * as api from '../../pkg/node.mjs';

const T = { timeout: 15000 };
const WRONG_SECRET = 'wrongSecretWrongSecretWrongSecret0000000';

/** Alice's two same-account peerings (each the other's reverse), her request to bob, and bob's request to her. */
const PEERINGS = [
  { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'web tier to app tier' },
  { as: 'alice', sourceVpcNo: '10002', targetVpcNo: '10001', vpcPeeringName: 'app-to-web' },
  { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'web-to-bob-api' },
  { as: 'bob', sourceVpcNo: '20003', targetVpcNo: '10002', targetVpcName: 'alice-app', targetVpcLoginId: 'alice@example.com', vpcPeeringName: 'batch-to-alice-app' },
];

const suite = consoleInChromium({ viewport: { width: 1280, height: 900 }, peerings: PEERINGS });
let c; // the console in Chromium (scripts/console-browser.mjs)
let page;
let seeded; // the peerings of PEERINGS, as created
beforeEach(() => ({ c, page, seeded } = suite));

const byName = (name) => seeded.find((p) => p.vpcPeeringName === name);
const rowOf = (p) => `#peering-rows tr[data-no="${p.vpcPeeringInstanceNo}"]`;
const listCalls = () => c.demo.emulator.requests.filter((r) => r.action === 'getVpcPeeringInstanceList');

/** Picks a demo account's keys and waits for its list. */
async function useKeys(name) {
  await page.click(`button[data-account="${name}"]`);
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
}

/** Types a demo account's keys and presses Enter (the keys' form lists), then waits for the list. */
async function typeKeys(name) {
  const { accessKey, secretKey } = keysOf(c.demo, name);
  await page.fill('#accessKey', accessKey);
  await page.fill('#secretKey', secretKey);
  await page.press('#secretKey', 'Enter');
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
}

/** Waits until the table lists exactly `names` (in this order). */
async function rowsAre(names) {
  await page.waitForFunction(
    (want) => JSON.stringify([...document.querySelectorAll('#peering-rows tr[data-no] .peering-link')].map((a) => a.textContent)) === JSON.stringify(want),
    names,
    T,
  );
}

test('the peerings table is the landing view: the first panel under the keys, in the first screen', async () => {
  const panels = await page.$$eval('main section.panel', (sections) => sections.map((s) => s.id));
  assert.equal(panels[0], 'peerings');
  assert.ok((await page.locator('#peerings-title').boundingBox()).y < 900, 'its heading is in the first screen at 1280×900');
  await useKeys('alice');
  await rowsAre(['web-to-app', 'app-to-web', 'web-to-bob-api', 'batch-to-alice-app']);
  assert.match(await page.textContent('#one-way'), /one-way[\s\S]*no traffic until routes exist/);
});

test('filters by status and by name, sorts, each sent as the list call asks', async () => {
  await useKeys('alice');
  await page.selectOption('#filter-status', 'RUN');
  await rowsAre(['web-to-app', 'app-to-web']);
  assert.equal(listCalls().at(-1).params.vpcPeeringInstanceStatusCode, 'RUN');
  await page.selectOption('#filter-status', '');
  await page.fill('#filter-name', 'app-to-web');
  await page.press('#filter-name', 'Enter');
  await rowsAre(['app-to-web']);
  assert.equal(listCalls().at(-1).params.vpcPeeringName, 'app-to-web');
  await page.fill('#filter-name', 'no-such-peering');
  await page.press('#filter-name', 'Enter');
  await rowsAre([]);
  assert.equal(await page.textContent('#peerings-empty'), 'No peering matches the filter.');
  await page.click('#filter-clear');
  await rowsAre(['web-to-app', 'app-to-web', 'web-to-bob-api', 'batch-to-alice-app']);
  await page.selectOption('#sort-by', 'vpcPeeringName');
  await page.selectOption('#sort-order', 'DESC');
  await rowsAre(['web-to-bob-api', 'web-to-app', 'batch-to-alice-app', 'app-to-web']);
  const { params } = listCalls().at(-1);
  assert.equal(params.sortedBy, 'vpcPeeringName');
  assert.equal(params.sortingOrder, 'DESC');
});

test('pages: pageNo and pageSize sent, the range shown, previous and next', async () => {
  await seedPeerings(c.demo, [
    { as: 'alice', sourceVpcNo: '10002', targetVpcNo: '10003', vpcPeeringName: 'app-to-legacy' },
    { as: 'alice', sourceVpcNo: '10003', targetVpcNo: '10002', vpcPeeringName: 'legacy-to-app' },
    { as: 'alice', sourceVpcNo: '10001', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'web-to-bob-batch' },
  ]);
  await useKeys('alice');
  assert.equal(await page.inputValue('#page-size'), '10');
  assert.equal(await page.isVisible('#peerings-pager'), false, 'one page: no pager');
  await page.selectOption('#page-size', '5');
  await rowsAre(['web-to-app', 'app-to-web', 'web-to-bob-api', 'batch-to-alice-app', 'app-to-legacy']);
  assert.equal(await page.textContent('#peerings-pager .pager-info'), '1–5 of 7 peerings · page 1 of 2');
  assert.equal(await page.isDisabled('#peerings-pager button[aria-label="Previous page"]'), true);
  await page.click('#peerings-pager button[aria-label="Next page"]');
  await rowsAre(['legacy-to-app', 'web-to-bob-batch']);
  assert.equal(await page.textContent('#peerings-pager .pager-info'), '6–7 of 7 peerings · page 2 of 2');
  assert.equal(await page.isDisabled('#peerings-pager button[aria-label="Next page"]'), true);
  const { params } = listCalls().at(-1);
  assert.equal(params.pageNo, '2');
  assert.equal(params.pageSize, '5');
});

test('refreshes by itself while a peering is INIT or TERMTING, and stops once none is', async () => {
  await useKeys('alice');
  await page.waitForSelector('#peerings-auto:not(:empty)', T);
  assert.match(await page.textContent('#peerings-auto'), /^Refreshing by itself in \d+ s: a peering is INIT or TERMTING\.$/);
  // Both requests are accepted outside the page; the page shows RUN without a click.
  await api.acceptOrRejectVpcPeering({ ...keysOf(c.demo, 'bob'), vpcPeeringInstanceNo: byName('web-to-bob-api').vpcPeeringInstanceNo, isAccept: true });
  await api.acceptOrRejectVpcPeering({ ...keysOf(c.demo, 'alice'), vpcPeeringInstanceNo: byName('batch-to-alice-app').vpcPeeringInstanceNo, isAccept: true });
  await page.waitForFunction(() => [...document.querySelectorAll('#peering-rows tr[data-no]')].every((tr) => tr.dataset.status === 'RUN'), null, { timeout: 30000 });
  assert.equal(await page.textContent('#peerings-auto'), '');
  const calls = listCalls().length;
  await page.waitForTimeout(3000);
  assert.equal(listCalls().length, calls, 'no list call once nothing is changing');
});

test('a details view: every field, the direction, the one-way note, the reverse linked both ways', async () => {
  await useKeys('alice');
  const webToApp = byName('web-to-app');
  const appToWeb = byName('app-to-web');
  await page.click(`${rowOf(webToApp)} a.peering-link`);
  await page.waitForSelector('#details-body .details', T);
  assert.equal(new URL(page.url()).hash, `#/peering/${webToApp.vpcPeeringInstanceNo}`);
  assert.equal(await page.isVisible('#peerings'), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'details-heading');
  const [fresh] = (await api.getVpcPeeringInstanceDetail({ ...keysOf(c.demo, 'alice'), vpcPeeringInstanceNo: webToApp.vpcPeeringInstanceNo })).vpcPeeringInstanceList;
  const text = await page.innerText('#details-body .facts');
  for (const label of ['Peering number', 'Name', 'Status', 'Operation', 'Region', 'Across accounts', 'Source VPC', 'Source owner', 'Target VPC', 'Target owner', 'Reverse peering', 'Description', 'Created', 'Last modified']) {
    assert.match(text, new RegExp(`^${label}\\b`, 'm'), label);
  }
  for (const value of [fresh.vpcPeeringInstanceNo, fresh.regionCode, fresh.createDate, fresh.lastModifyDate, fresh.sourceVpcIpv4CidrBlock, fresh.targetVpcIpv4CidrBlock, fresh.sourceVpcLoginId, fresh.vpcPeeringDescription, fresh.vpcPeeringInstanceStatusName]) {
    assert.ok(text.includes(value), `the details show ${value}`);
  }
  const raw = JSON.parse(await page.textContent('#details-body details.raw pre'));
  assert.deepEqual(Object.keys(raw).sort(), Object.keys(fresh).sort(), 'the raw answer has every field');
  assert.equal(await page.getAttribute('#details-body [data-direction]', 'data-direction'), 'same-account');
  assert.match(await page.textContent('#details-body [data-note="one-way"]'), /alice-web reach alice-app, not the other way[\s\S]*10\.1\.0\.0\/16[\s\S]*10\.0\.0\.0\/16/);
  // The reverse, named, and back again.
  assert.equal(await page.textContent('#details-body a[data-reverse]'), `app-to-web (#${appToWeb.vpcPeeringInstanceNo})`);
  await page.click('#details-body a[data-reverse]');
  await page.waitForFunction((no) => document.querySelector('#details-body .details')?.dataset.no === no, appToWeb.vpcPeeringInstanceNo, T);
  assert.match(await page.textContent('#details-heading'), /^app-to-web/);
  assert.equal(await page.getAttribute('#details-body a[data-reverse]', 'data-reverse'), webToApp.vpcPeeringInstanceNo);
  await page.click('#details-back');
  await page.waitForSelector('#peerings:not([hidden])', T);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'peerings-title');
  assert.equal(await page.getAttribute(`${rowOf(webToApp)} a[data-reverse]`, 'data-reverse'), appToWeb.vpcPeeringInstanceNo);
});

test('side-aware: only the accepting account may accept or reject; the requester reads whom it waits for', async () => {
  const out = byName('web-to-bob-api');
  const incoming = byName('batch-to-alice-app');
  await useKeys('alice');
  await page.waitForSelector(`${rowOf(out)}[data-side="outgoing"]`, T);
  assert.equal(await page.$(`${rowOf(out)} button[data-action="accept"]`), null);
  assert.equal(await page.$(`${rowOf(out)} button[data-action="reject"]`), null);
  assert.equal(await page.textContent(`${rowOf(out)} .waiting`), 'Waiting for bob@example.com');
  assert.equal(await page.textContent(`${rowOf(out)} [data-direction]`), 'Outgoing · to bob@example.com');
  assert.equal(await page.getAttribute(`${rowOf(incoming)}`, 'data-side'), 'incoming');
  assert.equal(await page.textContent(`${rowOf(incoming)} [data-direction]`), 'Incoming · from bob@example.com');
  assert.ok(await page.$(`${rowOf(incoming)} button[data-action="accept"]`));
  assert.ok(await page.$(`${rowOf(incoming)} button[data-action="reject"]`));
  // The same peerings seen by bob: the sides swap.
  await useKeys('bob');
  await page.waitForSelector(`${rowOf(out)}[data-side="incoming"]`, T);
  assert.equal(await page.textContent(`${rowOf(incoming)} .waiting`), 'Waiting for alice@example.com');
  // Bob accepts: at once the row offers Accept no more (the answer is still INIT).
  await page.click(`${rowOf(out)} button[data-action="accept"]`);
  await page.waitForSelector('#output-body [data-kind="result"]', T);
  assert.equal(await page.$(`${rowOf(out)} button[data-action="accept"]`), null);
  await page.waitForSelector(`${rowOf(out)}[data-status="RUN"]`, T);
});

test('without the demo VPC table the side comes from getVpcList; while it fails, from the answers (same-account peerings)', async () => {
  await seedPeerings(c.demo, [{ as: 'alice', sourceVpcNo: '10003', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com', vpcPeeringName: 'legacy-to-bob-batch' }]);
  const legacy = (await api.getVpcPeeringInstanceList({ ...keysOf(c.demo, 'alice'), vpcPeeringName: 'legacy-to-bob-batch' })).vpcPeeringInstanceList[0];
  // The same forwarder as a custom endpoint: the demo's table of VPCs is not used then. The VPC list is refused, as
  // for keys without the permission to read VPCs.
  const vpcListCall = /\/vpc\/v2\/getVpcList/;
  await page.route(vpcListCall, (route) => route.fulfill({ status: 403, contentType: 'application/json', body: '{"error":{"errorCode":"210","message":"Permission Denied"}}' }));
  try {
    await page.selectOption('#target', 'custom');
    await page.fill('#endpoint', c.origin);
    await typeKeys('alice');
    // web-to-app is a same-account peering of alice-web and alice-app: both are alice's.
    await page.waitForSelector(`${rowOf(byName('web-to-bob-api'))}[data-side="outgoing"]`, T);
    await page.waitForSelector(`${rowOf(byName('batch-to-alice-app'))}[data-side="incoming"]`, T);
    // Nothing proves alice-legacy alice's: the console says who may decide, and leaves the buttons.
    assert.equal(await page.getAttribute(rowOf(legacy), 'data-side'), 'unknown');
    assert.match(await page.textContent(`${rowOf(legacy)} .col-direction`), /Only bob@example\.com can accept or reject it\./);
    assert.match(await page.textContent('#sourceVpcNo option'), /^Your VPCs could not be listed: Permission Denied/);
  } finally {
    await page.unroute(vpcListCall);
  }
  // Listing again lists the VPCs too: alice-legacy is one of alice's.
  await page.press('#secretKey', 'Enter');
  await page.waitForSelector(`${rowOf(legacy)}[data-side="outgoing"]`, T);
  assert.equal(await page.$(`${rowOf(legacy)} button[data-action="accept"]`), null);
});

test('one state: the Created card follows the polls to RUN; a confirmed delete shows TERMTING at once, without Delete', async () => {
  await useKeys('alice');
  await pickVpcs(page, { sourceVpcNo: '10002', targetVpcNo: '10003' });
  await page.fill('#vpcPeeringName', 'app-to-legacy');
  await page.click('#createBtn');
  await page.waitForSelector('#output-body .peering-card', T);
  const no = await page.getAttribute('#output-body .peering-card', 'data-no');
  await page.waitForFunction((n) => document.getElementById('live').dataset.no === n && document.getElementById('live-final').textContent === 'RUN', no, T);
  assert.equal(await page.getAttribute('#output-body .peering-card', 'data-status'), 'RUN');
  assert.equal(await page.textContent('#output-body .peering-card .card-title .badge'), 'RUN');
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"][data-status="RUN"]`, T);
  // Polls and lists are held back: what the row shows after Delete comes from the delete's own answer.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/vpc\/v2\/(getVpcPeeringInstanceDetail|getVpcPeeringInstanceList)/, async (route) => {
    await held;
    await route.continue();
  });
  try {
    await page.click(`#peering-rows tr[data-no="${no}"] button[data-action="delete"]`);
    // The Created card already matches [data-kind="result"]; wait for the row itself to change.
    await page.waitForSelector(`#peering-rows tr[data-no="${no}"][data-status="TERMTING"]`, T);
    assert.equal(await page.textContent(`#peering-rows tr[data-no="${no}"] .status-cell .badge`), 'TERMTING');
    assert.equal(await page.$(`#peering-rows tr[data-no="${no}"] button[data-action="delete"]`), null);
  } finally {
    release();
    await page.unroute(/\/vpc\/v2\/(getVpcPeeringInstanceDetail|getVpcPeeringInstanceList)/);
  }
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"]`, { state: 'detached', ...T });
});

test('new keys or endpoint: the rows, cards and live status of the old ones go; a failed list leaves no rows', async () => {
  await useKeys('alice');
  await page.click(`${rowOf(byName('web-to-app'))} button[data-action="watch"]`);
  await page.waitForSelector('#live[data-state="done"]', T);
  await pickVpcs(page, { sourceVpcNo: '10002', targetVpcNo: '10003' });
  await page.click('#dryRun');
  await page.waitForSelector('#output-body [data-kind="signed-request"]', T);
  // Another endpoint (this origin with a path the forwarder does not serve).
  await page.selectOption('#target', 'custom');
  await page.fill('#endpoint', `${c.origin}/elsewhere`);
  assert.equal(await page.$$eval('#peering-rows tr', (rows) => rows.length), 0, 'the rows are gone');
  assert.equal(await page.$('#output-body [data-kind]'), null, 'the result card is gone');
  assert.equal(await page.getAttribute('#live', 'data-state'), 'idle');
  assert.equal(await page.textContent('#live-polls'), '');
  assert.equal(await page.inputValue('#sourceVpcNo'), '', 'the VPCs of the old ones are no longer offered');
  assert.equal(await page.$('#sourceVpcNo option[value="10002"]'), null);
  await page.press('#endpoint', 'Enter');
  const card = await page.waitForSelector('#peerings-error [data-kind="error"]', T);
  assert.equal(await page.$$eval('#peering-rows tr', (rows) => rows.length), 0, 'no rows under the error');
  const advice = await card.innerText();
  assert.match(advice, /HTTP 404/);
  assert.match(advice, /check the endpoint and its path/);
  assert.doesNotMatch(advice, /forwarder/i, 'no forwarder advice for a custom endpoint');
  // Back to the forwarder, bob's keys: bob's peerings only.
  await page.selectOption('#target', 'forwarder');
  await useKeys('bob');
  await rowsAre(['web-to-bob-api', 'batch-to-alice-app']);
});

test('errors in the page\'s words: each detail once, no library advice, advice that fits the mode', async () => {
  await page.fill('#accessKey', keysOf(c.demo, 'alice').accessKey);
  await page.fill('#secretKey', WRONG_SECRET);
  await page.press('#secretKey', 'Enter');
  const unauthorized = await (await page.waitForSelector('#peerings-error [data-kind="error"][data-status="401"]', T)).innerText();
  assert.equal(unauthorized.split('Signature mismatch').length - 1, 1, 'the details once');
  assert.equal(unauthorized.split('Authentication Failed').length - 1, 1, 'the message once');
  assert.doesNotMatch(unauthorized, /timestamp`|pass `/, 'no advice meant for the library\'s callers');
  // A network error through the forwarder asks whether the forwarder runs…
  await page.fill('#secretKey', keysOf(c.demo, 'alice').secretKey);
  await page.press('#secretKey', 'Enter');
  await page.waitForSelector('#sourceVpcNo option[value="10001"]', { state: 'attached', ...T });
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' });
  await page.route(/\/vpc\/v2\//, (route) => route.abort());
  try {
    await page.click('#createBtn');
    const viaForwarder = await (await page.waitForSelector('#output-body [data-code="ERR_NETWORK"]', T)).innerText();
    assert.match(viaForwarder, /forwarder on this page’s own origin did not answer/);
    // …one sent directly to NCP's gateway speaks of CORS, not of a forwarder. (The request is stopped in the browser.)
    await page.selectOption('#target', 'public');
    const direct = await (await page.waitForSelector('#peerings-error [data-code="ERR_NETWORK"]', T)).innerText();
    assert.match(direct, /ncloud\.apigw\.ntruss\.com/);
    assert.match(direct, /CORS/);
    assert.doesNotMatch(direct, /running|did not answer/);
  } finally {
    await page.unroute(/\/vpc\/v2\//);
  }
});

test('Edit description: named for what it does, a labelled input, a UTF-8 byte counter, Enter saves', async () => {
  await useKeys('alice');
  const p = byName('app-to-web');
  const button = `${rowOf(p)} button[data-action="edit-description"]`;
  assert.equal(await page.textContent(button), 'Edit description');
  assert.equal(await page.getAttribute(button, 'aria-label'), `Edit description of peering app-to-web (#${p.vpcPeeringInstanceNo})`);
  await page.click(button);
  const input = `#peering-rows tr.edit-description-row[data-for="${p.vpcPeeringInstanceNo}"] input`;
  assert.equal(await page.evaluate(() => document.activeElement.id), `edit-description-${p.vpcPeeringInstanceNo}`);
  assert.match(await page.$eval(input, (i) => i.labels[0].textContent), new RegExp(`^Description of peering app-to-web \\(#${p.vpcPeeringInstanceNo}\\)0 / 1000 bytes$`));
  const counter = `#edit-description-${p.vpcPeeringInstanceNo}-bytes`;
  await page.fill(input, '한글');
  assert.equal(await page.textContent(counter), '6 / 1000 bytes');
  const mark = c.demo.emulator.requests.length;
  await page.fill(input, 'é'.repeat(501));
  assert.equal(await page.textContent(counter), '1002 / 1000 bytes');
  assert.equal(await page.getAttribute(input, 'aria-invalid'), 'true');
  await page.press(input, 'Enter');
  assert.match(await page.textContent(`#edit-description-${p.vpcPeeringInstanceNo}-error`), /^Description must be at most 1000 bytes/);
  assert.equal(c.demo.emulator.requests.length, mark, 'nothing sent');
  await page.fill(input, 'app tier back to web tier');
  await page.press(input, 'Enter');
  await page.waitForSelector('#output-body [data-kind="result"]', T);
  assert.equal(await page.textContent('#output-title'), 'Description saved');
  assert.equal(await page.textContent(`${rowOf(p)} .desc`), 'app tier back to web tier');
});

test('no request left the page\'s origin but the one stopped in the browser; no CSP violation; nothing thrown', async () => {
  const foreign = c.requests.filter((u) => new URL(u).origin !== c.origin);
  assert.ok(foreign.every((u) => u.startsWith('https://ncloud.apigw.ntruss.com/vpc/v2/')), foreign.join('\n'));
  assert.deepEqual(c.cspViolations, []);
  assert.deepEqual(c.pageErrors, []);
  assert.deepEqual(c.consoleErrors, []);
});
