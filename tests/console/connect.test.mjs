// Connecting two VPCs in the console (issue 15, items 3 and 4), in Chromium behind the forwarder in workerd: VPCs
// picked from getVpcList with their blocks, another account's VPC typed in, an overlap said before anything is sent;
// the plan (a dry run sending only reads), then applied with each step shown as it settles, the routes per route
// table; disconnecting the same way; across accounts with both keys; the route tables view; by keyboard alone; at
// 390 px; and no secret or signature kept or shown.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { keysOf } from '../../scripts/console-browser.mjs';
import { consoleInChromium, pickVpcs, waitForTables, CONNECT_PICKER, alice, bob } from './_helpers.mjs';
import * as api from '../../pkg/node.mjs';

const T = { timeout: 20000 };
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** What a plan may send: reads only. */
const READS = new Set(['getVpcList', 'getVpcDetail', 'getVpcPeeringInstanceList', 'getVpcPeeringInstanceDetail', 'getRouteTableList', 'getRouteTableDetail', 'getRouteList']);
/** A signature as the gateway's header carries it (base64 of an HMAC-SHA256). */
const SIGNATURE = /[A-Za-z0-9+/]{43}=/;

const suite = consoleInChromium({ viewport: LAPTOP, peerings: [] });
let c; // the console in Chromium (scripts/console-browser.mjs)
let page;
beforeEach(() => ({ c, page } = suite));

const requests = () => c.demo.emulator.requests;
const actionsSince = (mark) => requests().slice(mark).map((r) => r.action);
const focused = () => page.evaluate(() => ({ id: document.activeElement.id, cls: document.activeElement.className, text: document.activeElement.textContent }));
const state = () => page.getAttribute('#connect-output', 'data-state');

/** Uses a demo account's keys, waits for its VPCs and peerings, and opens the connect view. */
async function connectAs(name) {
  await page.click(`button[data-account="${name}"]`);
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
  await page.click('#nav-connect');
  await page.waitForSelector('#view-connect:not([hidden])', T);
}

/** Plans (`connect` or `disconnect`) and waits for the plan. */
async function plan(goal = 'connect') {
  await page.click(goal === 'connect' ? '#connect-plan' : '#disconnect-plan');
  await page.waitForSelector(`#connect-body [data-kind="plan"][data-goal="${goal}"]`, T);
}

/** The steps shown in `list` as `status action account`. */
function stepsIn(list) {
  return page.$$eval(`${list} > li.step`, (items) => items.map((li) => `${li.dataset.status} ${li.dataset.action} ${li.dataset.account}`));
}

/** The routes of one route table, read by the package outside the page, as `destination → target type #no`. */
async function routesOf(account, vpcNo, routeTableNo) {
  const { routeList } = await api.getRouteList({ ...keysOf(c.demo, account), vpcNo, routeTableNo });
  return routeList.map((r) => `${r.destinationCidrBlock} → ${r.targetType.code}${r.targetNo ? ` #${r.targetNo}` : ''}`);
}

/** The page is no wider than the phone. */
async function noSidewaysScroll(view) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  assert.ok(widths.page <= PHONE.width, `${view}: the page is ${widths.page} px wide`);
  assert.ok(widths.body <= PHONE.width, `${view}: the body is ${widths.body} px wide`);
}

test('the pickers list the account\'s VPCs with number and block; another account\'s VPC is typed in, its block unknown', async () => {
  await connectAs('alice');
  const offered = ['alice-web · #10001 · 10.0.0.0/16', 'alice-app · #10002 · 10.1.0.0/16', 'alice-legacy · #10003 · 10.0.128.0/20', 'alice-data · #10004 · 10.2.0.0/16'];
  const options = (select) => page.$$eval(`${select} option`, (o) => o.filter((x) => x.value).map((x) => x.textContent));
  assert.deepEqual(await options('#connect-source'), offered);
  assert.deepEqual(await options('#connect-target'), [...offered, 'Another account’s VPC…']);
  assert.deepEqual(await options('#sourceVpcNo'), offered, 'the create form picks from the same list');
  assert.ok(actionsSince(0).includes('getVpcList'));
  assert.equal(await page.isVisible('#connect-other'), false);
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  assert.equal(await page.textContent('#connect-blocks'), '10.0.0.0/16 and 10.1.0.0/16 do not overlap.');
  await page.selectOption('#connect-target', 'other');
  for (const id of ['#connect-other-no', '#connect-target-name', '#connect-target-login', '#connect-target-access', '#connect-target-secret']) assert.equal(await page.isVisible(id), true, id);
  assert.match(await page.textContent('#connect-blocks'), /^Another account’s VPC: its address block is unknown to your keys, so the console cannot check it for an overlap\./);
  // Bob's VPCs are not alice's: they are never offered to her.
  assert.equal(await page.$('#connect-target option[value="20002"]'), null);
});

test('an overlap is said beside the target as soon as both are picked, and neither the plan nor a create sends anything', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10003' }, CONNECT_PICKER);
  await waitForTables(page); // their route tables, read once picked: before the mark
  const said = 'Address blocks overlap: alice-web (10.0.0.0/16) and alice-legacy (10.0.128.0/20) share addresses, and peered VPCs need blocks apart; pick another pair';
  assert.equal(await page.textContent('#connect-err-targetVpcNo'), said);
  assert.equal(await page.getAttribute('#connect-target', 'aria-invalid'), 'true');
  const mark = requests().length;
  await page.click('#connect-plan');
  assert.equal((await focused()).id, 'connect-target', 'the focus goes to the target at fault');
  await page.fill('#connect-name', 'web-legacy');
  await page.press('#connect-name', 'Enter');
  assert.equal(await state(), 'idle');
  assert.equal(await page.$('#connect-body [data-kind]'), null, 'no plan');
  // The same pair in the create form.
  await page.click('#nav-peerings');
  await pickVpcs(page, { sourceVpcNo: '10003', targetVpcNo: '10001' });
  assert.match(await page.textContent('#err-targetVpcNo'), /^Address blocks overlap: alice-legacy \(10\.0\.128\.0\/20\) and alice-web \(10\.0\.0\.0\/16\)/);
  await page.click('#createBtn');
  await page.click('#dryRun');
  assert.deepEqual(actionsSince(mark), [], 'nothing was sent');
  // Another pair: the warning goes.
  await pickVpcs(page, { sourceVpcNo: '10003', targetVpcNo: '10002' });
  assert.equal(await page.textContent('#err-targetVpcNo'), '');
  assert.equal(await page.getAttribute('#targetVpcNo', 'aria-invalid'), null);
});

test('the plan: every step with the parameters it will send and its signed request\'s method and URL; only reads sent', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await page.fill('#connect-name', 'web-app');
  const mark = requests().length;
  await plan();
  const sent = actionsSince(mark);
  assert.ok(sent.length > 0 && sent.every((a) => READS.has(a)), `only reads: ${sent.join(', ')}`);
  assert.ok(sent.includes('getVpcDetail') && sent.includes('getRouteList'));
  assert.deepEqual(await stepsIn('#connect-body [data-kind="plan"] ol.steps'), [
    'planned createVpcPeeringInstance source',
    'planned createVpcPeeringInstance target',
    'planned waitForVpcPeeringInstance source',
    'planned waitForVpcPeeringInstance source',
    'planned addRoute source',
    'planned addRoute source',
    'planned addRoute target',
    'planned addRoute target',
  ]);
  const first = await page.innerText('#connect-body [data-kind="plan"] li.step:first-child');
  assert.match(first, /Request a peering/);
  assert.match(first, /sourceVpcNo=10001[\s\S]*targetVpcNo=10002[\s\S]*vpcPeeringName=web-app-fwd/);
  assert.match(first, new RegExp(`Signed: GET ${c.origin}/vpc/v2/createVpcPeeringInstance\\?regionCode=KR&sourceVpcNo=10001&targetVpcNo=10002&vpcPeeringName=web-app-fwd&responseFormatType=json`));
  const route = await page.innerText('#connect-body [data-kind="plan"] li.step[data-action="addRoute"]');
  assert.match(route, /routeList\.1\.destinationCidrBlock=10\.1\.0\.0\/16/);
  assert.match(route, /routeList\.1\.targetNo=<forward peering's number>/);
  assert.doesNotMatch(route, /Signed:/, 'a step whose values are not known yet is not signed');
  const html = await page.innerHTML('#connect-output');
  assert.doesNotMatch(html, SIGNATURE, 'no signature shown');
  assert.doesNotMatch(html, /x-ncp-apigw-signature-v2|x-ncp-iam-access-key/);
  assert.equal((await focused()).text, 'Plan: connect alice-web and alice-app');
  assert.equal(await page.getAttribute('#connect-apply', 'aria-label'), 'Connect: apply the plan for alice-web and alice-app');
  assert.match(await page.textContent('#connect-body [data-kind="plan"] .caption'), /^8 steps: 8 to do, 0 already so, 0 awaiting the other account\. Only reads were sent\./);
  assert.equal(await page.textContent('#connect-status'), 'Plan ready: nothing changed yet.');
  // A change to the form takes the plan's Apply away.
  await page.fill('#connect-name', 'web-app2');
  assert.equal(await page.$('#connect-apply'), null);
  assert.match(await page.textContent('#connect-apply-box'), /form changed after this plan/);
  assert.deepEqual(actionsSince(mark).filter((a) => !READS.has(a)), []);
});

test('connect: applied with each step shown as it settles, then both peerings and the routes per route table', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await page.fill('#connect-name', 'web-app');
  await plan();
  await page.click('#connect-apply');
  // The creates show while the waits still run.
  await page.waitForSelector('#connect-progress li[data-action="createVpcPeeringInstance"][data-status="done"]', T);
  assert.equal(await state(), 'applying');
  assert.equal(await page.isVisible('#connect-stop'), true);
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  assert.equal((await focused()).text, 'Connected both ways: alice-web and alice-app');
  assert.deepEqual(await stepsIn('#connect-body details.steps-all ol.steps'), [
    'done createVpcPeeringInstance source',
    'done createVpcPeeringInstance target',
    'done waitForVpcPeeringInstance source',
    'done waitForVpcPeeringInstance source',
    'done addRoute source',
    'done addRoute source',
    'done addRoute target',
    'done addRoute target',
  ]);
  const cards = await page.$$eval('#connect-body .peering-card', (a) => a.map((x) => `${x.querySelector('h3 a').textContent} ${x.dataset.status}`));
  assert.deepEqual(cards, ['web-app-fwd RUN', 'web-app-rev RUN']);
  const { vpcPeeringInstanceList: made } = await api.getVpcPeeringInstanceList({ ...keysOf(c.demo, 'alice'), sortedBy: 'vpcPeeringName' });
  const [fwd, rev] = made.map((p) => p.vpcPeeringInstanceNo);
  const groups = await page.$$eval('#connect-body section.route-group', (s) =>
    s.map((g) => [g.querySelector('h5').textContent, ...[...g.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((td) => td.textContent).join(' | '))]),
  );
  assert.deepEqual(groups, [
    ['Route table #30001 · alice-web', `10.1.0.0/16 | web-app-fwd (#${fwd}) | VPCPEERING`],
    ['Route table #30002 · alice-web', `10.1.0.0/16 | web-app-fwd (#${fwd}) | VPCPEERING`],
    ['Route table #30003 · alice-app', `10.0.0.0/16 | web-app-rev (#${rev}) | VPCPEERING`],
    ['Route table #30004 · alice-app', `10.0.0.0/16 | web-app-rev (#${rev}) | VPCPEERING`],
  ]);
  // What the page says is what the service holds.
  assert.deepEqual(await routesOf('alice', '10001', '30001'), ['10.0.0.0/16 → LOCAL', `10.1.0.0/16 → VPCPEERING #${fwd}`]);
  assert.deepEqual(await routesOf('alice', '10002', '30004'), ['10.1.0.0/16 → LOCAL', `10.0.0.0/16 → VPCPEERING #${rev}`]);
  // The peerings table lists them, each the other's reverse.
  await page.click('#nav-peerings');
  await page.waitForSelector(`#peering-rows tr[data-no="${fwd}"] a[data-reverse="${rev}"]`, T);
});

test('disconnect the same way: the plan, then routes removed, both peerings deleted and gone', async () => {
  await api.connectVpcs({ ...keysOf(c.demo, 'alice'), sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'web-app', pollIntervalMs: 50 });
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  const mark = requests().length;
  await plan('disconnect');
  assert.ok(actionsSince(mark).every((a) => READS.has(a)), 'the plan sent only reads');
  assert.deepEqual(await stepsIn('#connect-body [data-kind="plan"] ol.steps'), [
    'planned removeRoute source',
    'planned removeRoute source',
    'planned removeRoute target',
    'planned removeRoute target',
    'planned deleteVpcPeeringInstance source',
    'planned deleteVpcPeeringInstance target',
    'planned waitForVpcPeeringInstance source',
    'planned waitForVpcPeeringInstance source',
  ]);
  assert.match(await page.innerText('#connect-body li.step[data-action="removeRoute"]'), /Signed: GET .*\/vpc\/v2\/removeRoute\?/);
  assert.equal(await page.textContent('#connect-apply'), 'Disconnect: apply the plan');
  await page.click('#connect-apply'); // the console's confirm() is accepted by the harness
  await page.waitForSelector('#connect-progress li[data-action="removeRoute"][data-status="done"]', T);
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  assert.equal((await focused()).text, 'Disconnected: alice-web and alice-app');
  const steps = await stepsIn('#connect-body details.steps-all ol.steps');
  assert.equal(steps.length, 8);
  assert.ok(steps.every((s) => s.startsWith('done ')), steps.join('\n'));
  assert.deepEqual((await api.getVpcPeeringInstanceList(keysOf(c.demo, 'alice'))).vpcPeeringInstanceList, []);
  assert.deepEqual(await routesOf('alice', '10001', '30001'), ['10.0.0.0/16 → LOCAL']);
});

test('across accounts: without the other keys its steps await it (explained), the rest is done; with both keys the run completes', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com' }, CONNECT_PICKER);
  await page.fill('#connect-name', 'web-api');
  await plan();
  const alone = await stepsIn('#connect-body [data-kind="plan"] ol.steps');
  assert.ok(alone.includes('awaiting createVpcPeeringInstance target') && alone.includes('awaiting acceptOrRejectVpcPeering target'), alone.join('\n'));
  const note = await page.textContent('#connect-body [data-note="awaiting"]');
  assert.match(note, /Only bob@example\.com can do the steps marked so/);
  assert.match(note, /run the same from that account/);
  assert.match(await page.innerText('#connect-body li.step[data-status="awaiting"]'), /with bob@example\.com’s keys \(not given\)/);
  assert.doesNotMatch(await page.innerText('#connect-body'), /targetAccessKey|connectVpcs/, 'no advice meant for the library\'s callers');
  // Applied with alice's keys alone: her request is made, the rest awaits bob, said so.
  await page.click('#connect-apply');
  await page.waitForSelector('#connect-output[data-state="partial"]', T);
  assert.equal(await page.getAttribute('#connect-body [data-kind="connection"]', 'data-complete'), 'false');
  assert.match(await page.textContent('#connect-body .result-title'), /^Partly connected: alice-web and bob-api$/);
  assert.ok(await page.$('#connect-body [data-note="awaiting"]'));
  // Bob's keys (the demo's button fills them in), then plan again: alice's request is there already.
  await page.click('button[data-target-account="bob"]');
  assert.equal(await page.inputValue('#connect-target-access'), bob.accessKey);
  await plan();
  const both = await stepsIn('#connect-body [data-kind="plan"] ol.steps');
  assert.equal(both[0], 'skipped createVpcPeeringInstance source');
  assert.ok(!both.some((s) => s.startsWith('awaiting')), both.join('\n'));
  const mark = requests().length;
  await page.click('#connect-apply');
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  assert.equal(await page.getAttribute('#connect-body [data-kind="connection"]', 'data-complete'), 'true');
  // Each account did its part with its own keys: bob requested the reverse, accepted alice's request and routed
  // his tables; alice accepted his and routed hers.
  const byKey = (action) => requests().slice(mark).filter((r) => r.action === action).map((r) => r.accessKey);
  assert.deepEqual(byKey('createVpcPeeringInstance'), [bob.accessKey]);
  assert.deepEqual(byKey('acceptOrRejectVpcPeering'), [bob.accessKey, alice.accessKey]);
  assert.deepEqual(byKey('addRoute'), [alice.accessKey, alice.accessKey, bob.accessKey, bob.accessKey]);
  const tables = await page.$$eval('#connect-body section.route-group h5', (h) => h.map((x) => x.textContent));
  assert.deepEqual(tables, ['Route table #30001 · alice-web', 'Route table #30002 · alice-web', 'Route table #30011 · bob-api', 'Route table #30012 · bob-api']);
  const reverse = await page.getAttribute('#connect-body .peering-card:nth-of-type(2)', 'data-no');
  assert.equal((await routesOf('bob', '20002', '30011')).at(-1), `10.0.0.0/16 → VPCPEERING #${reverse}`);
});

test('no secret in storage or in the page, and no signature on it, after a cross-account connect (keys kept by opt-in)', async () => {
  await page.check('#keepKeys');
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10004', targetVpcNo: '20004', targetVpcName: 'bob-data', targetVpcLoginId: 'bob@example.com' }, CONNECT_PICKER);
  await page.fill('#connect-target-access', bob.accessKey);
  await page.fill('#connect-target-secret', bob.secretKey);
  await plan();
  await page.click('#connect-apply');
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  const kept = await page.evaluate(() => ({ session: JSON.stringify({ ...sessionStorage }), local: JSON.stringify({ ...localStorage }), cookie: document.cookie }));
  assert.ok(kept.session.includes(alice.secretKey), 'the opted-in keys, and only those, are in sessionStorage');
  assert.ok(!kept.session.includes(bob.secretKey) && !kept.session.includes(bob.accessKey), 'the other account’s keys are never stored');
  assert.equal(kept.local, '{}');
  assert.equal(kept.cookie, '');
  await page.click('#connect-body details.steps-all summary');
  const html = await page.content();
  const text = await page.evaluate(() => document.body.innerText);
  for (const secret of [alice.secretKey, bob.secretKey]) {
    assert.ok(!html.includes(secret), 'a secret key is in the page HTML');
    assert.ok(!text.includes(secret), 'a secret key is in the page text');
  }
  assert.doesNotMatch(html, SIGNATURE, 'no signature anywhere on the page');
  await page.uncheck('#keepKeys');
});

test('the route tables view: one VPC\'s tables from the address, each table\'s routes under it, read again on refresh', async () => {
  await page.click('button[data-account="alice"]');
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
  await page.evaluate(() => (location.hash = '#/route-tables/10001'));
  await page.waitForFunction(() => document.querySelectorAll('#rt-rows tr[data-no]').length === 2, null, T);
  assert.equal(await page.inputValue('#rt-vpc'), '10001');
  assert.equal(await page.getAttribute('#nav-route-tables', 'aria-current'), 'page');
  const listCall = requests().filter((r) => r.action === 'getRouteTableList').at(-1);
  assert.equal(listCall.params.vpcNo, '10001');
  const button = '#rt-rows tr[data-no="30001"] button[data-action="routes"]';
  assert.equal(await page.getAttribute(button, 'aria-label'), 'Routes of route table alice-web-default-public-table (#30001)');
  await page.click(button);
  assert.equal(await page.getAttribute(button, 'aria-expanded'), 'true');
  await page.waitForSelector('#rt-rows tr.routes-row[data-for="30001"] table.routes', T);
  assert.deepEqual(await page.$$eval('#rt-rows tr.routes-row tbody tr', (r) => r.map((tr) => tr.textContent)), ['10.0.0.0/16this VPC (local)LOCAL · default']);
  // A route added elsewhere shows at the next refresh, in the row still open.
  await api.connectVpcs({ ...keysOf(c.demo, 'alice'), sourceVpcNo: '10001', targetVpcNo: '10004', vpcPeeringName: 'web-data', pollIntervalMs: 50 });
  await page.click('#rt-refresh');
  await page.waitForFunction(() => document.querySelectorAll('#rt-rows tr.routes-row tbody tr').length === 2, null, T);
  assert.match(await page.textContent('#rt-rows tr.routes-row tbody tr:last-child'), /^10\.2\.0\.0\/16web-data-fwd \(#\d+\)VPCPEERING$/);
  // All of alice's VPCs: eight tables.
  await page.selectOption('#rt-vpc', '');
  await page.waitForFunction(() => location.hash === '#/route-tables' && document.querySelectorAll('#rt-rows tr[data-no]').length === 8, null, T);
});

test('new keys drop the plan, the pickers\' VPCs and the route tables of the old ones', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await plan();
  await page.click('#nav-route-tables');
  await page.waitForSelector('#rt-rows tr[data-no]', T);
  await page.click('button[data-account="bob"]');
  await page.waitForFunction(() => document.querySelector('#rt-rows tr[data-no]')?.dataset.vpc === '20001', null, T);
  await page.click('#nav-connect');
  assert.equal(await page.$('#connect-body [data-kind]'), null, 'alice\'s plan is gone');
  assert.equal(await state(), 'idle');
  assert.equal(await page.$('#connect-source option[value="10001"]'), null);
  assert.ok(await page.$('#connect-source option[value="20001"]'), 'bob\'s VPCs are offered');
});

test('keyboard alone: to the connect view, pick both VPCs, Enter plans, the focus on the plan, then apply it', async () => {
  await page.evaluate(() => document.activeElement?.blur());
  const tabTo = async (selector) => {
    for (let i = 0; i < 120; i++) {
      if (await page.evaluate((sel) => document.activeElement?.matches(sel), selector)) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`Tab never reached ${selector}`);
  };
  await tabTo('button[data-account="alice"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
  await tabTo('#nav-connect');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'connect-title', null, T);
  await tabTo('#connect-source');
  await page.keyboard.type('alice-data');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'connect-target');
  await page.keyboard.type('alice-app');
  assert.equal(await page.inputValue('#connect-target'), '10002');
  await waitForTables(page);
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'connect-source-table-30007', 'the other account\'s fields are hidden: next are the route tables');
  for (const id of ['connect-source-table-30008', 'connect-target-table-30003', 'connect-target-table-30004', 'connect-name']) {
    await page.keyboard.press('Tab');
    assert.equal((await focused()).id, id);
  }
  await page.keyboard.type('data-app');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#connect-body [data-kind="plan"]', T);
  assert.equal((await focused()).text, 'Plan: connect alice-data and alice-app');
  await tabTo('#connect-apply');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  const now = await focused();
  assert.match(now.cls, /result-title/);
  assert.equal(now.text, 'Connected both ways: alice-data and alice-app');
});

test('a phone, 390×844: the connect form, its plan and result, and the route tables scroll nowhere sideways', async () => {
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', T);
  await connectAs('alice');
  await noSidewaysScroll('the connect form');
  await pickVpcs(page, { sourceVpcNo: '10002', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com' }, CONNECT_PICKER);
  await page.click('button[data-target-account="bob"]');
  await page.fill('#connect-name', 'app-batch');
  await noSidewaysScroll('another account’s VPC and its keys');
  await plan();
  await noSidewaysScroll('the plan, with its signed URLs');
  await page.click('#connect-apply');
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  await page.click('#connect-body details.steps-all summary');
  await noSidewaysScroll('the result with its routes and every step');
  await page.click('#nav-route-tables');
  await page.waitForSelector('#rt-rows tr[data-no="30003"]', T);
  await page.click('#rt-rows tr[data-no="30003"] button[data-action="routes"]');
  await page.waitForSelector('#rt-rows tr.routes-row table.routes', T);
  await noSidewaysScroll('the route tables with routes open');
  assert.equal(await page.isVisible('table.route-tables thead'), false, 'rows become cards');
});

test('nothing thrown, no CSP violation, no request to another origin', async () => {
  assert.deepEqual(c.requests.filter((u) => new URL(u).origin !== c.origin), []);
  assert.deepEqual(c.cspViolations, []);
  assert.deepEqual(c.pageErrors, []);
  assert.deepEqual(c.consoleErrors, []);
});
