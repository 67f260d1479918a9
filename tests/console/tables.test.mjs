// Choosing the route tables a connection routes, in the console's Connect VPCs view (Chromium, the forwarder in
// workerd, the emulator): each picked VPC's tables listed as checkboxes, all checked; the checked ones sent as
// sourceRouteTableNoList / targetRouteTableNoList (the emulator's log shows the plan's reads asking for them and the
// routes added only to them); none checked refused before anything is sent; another account's tables only with its
// keys; the lists dropped with the keys; by keyboard; at 390 px.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { keysOf } from '../../scripts/console-browser.mjs';
import { consoleInChromium, pickVpcs, waitForTables, CONNECT_PICKER, alice, bob } from './_helpers.mjs';
import * as api from '../../pkg/node.mjs';

const T = { timeout: 20000 };
const LAPTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

const suite = consoleInChromium({ viewport: LAPTOP, peerings: [] });
let c;
let page;
beforeEach(() => ({ c, page } = suite));

const requests = () => c.demo.emulator.requests;
const since = (mark, action) => requests().slice(mark).filter((r) => r.action === action);
/** The route table numbers a request asked for (`routeTableNoList.N`), in order. */
const tableNoList = (r) => Object.keys(r.params).filter((k) => k.startsWith('routeTableNoList.')).sort().map((k) => r.params[k]);
const focusedId = () => page.evaluate(() => document.activeElement?.id);

async function connectAs(name) {
  await page.click(`button[data-account="${name}"]`);
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
  await page.click('#nav-connect');
  await page.waitForSelector('#view-connect:not([hidden])', T);
}

/** Each checkbox of `side`'s group as `[checked] its label`, the label as a screen reader names it. */
function checkboxes(side) {
  return page.$$eval(`#connect-${side}-tables input[type="checkbox"]`, (boxes) =>
    boxes.map((b) => `${b.checked ? '[x]' : '[ ]'} ${[...b.labels].map((l) => l.textContent).join('')}`),
  );
}

async function plan(goal = 'connect') {
  await page.click(goal === 'connect' ? '#connect-plan' : '#disconnect-plan');
  await page.waitForSelector(`#connect-body [data-kind="plan"][data-goal="${goal}"]`, T);
}

/** The plan's steps adding a route, as `account routeTableNo`. */
function plannedRoutes() {
  return page.$$eval('#connect-body [data-kind="plan"] li.step[data-action="addRoute"]', (items) =>
    items.map((li) => `${li.dataset.account} ${/routeTableNo=(\d+)/.exec(li.textContent)?.[1]}`),
  );
}

async function routesOf(account, vpcNo, routeTableNo) {
  const { routeList } = await api.getRouteList({ ...keysOf(c.demo, account), vpcNo, routeTableNo });
  return routeList.map((r) => `${r.destinationCidrBlock} → ${r.targetType.code}`);
}

test('each picked VPC\'s route tables are listed as checkboxes in a labelled group, all checked: name, number, subnet type, default', async () => {
  await connectAs('alice');
  assert.equal(await page.textContent('#connect-source-tables legend'), 'Source VPC’s route tables');
  assert.equal(await page.textContent('#connect-target-tables legend'), 'Target VPC’s route tables');
  assert.equal(await page.textContent('#connect-source-tables-list'), 'Pick the source VPC to choose which of its route tables get the route.');
  const mark = requests().length;
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await waitForTables(page);
  assert.deepEqual(await checkboxes('source'), ['[x] alice-web-default-public-table #30001 PUBLIC default', '[x] alice-web-default-private-table #30002 PRIVATE default']);
  assert.deepEqual(await checkboxes('target'), ['[x] alice-app-default-public-table #30003 PUBLIC default', '[x] alice-app-default-private-table #30004 PRIVATE default']);
  // Read with the caller's keys, one VPC at a time.
  const reads = since(mark, 'getRouteTableList');
  assert.deepEqual(reads.map((r) => `${r.accessKey} ${r.params.vpcNo}`).sort(), [`${alice.accessKey} 10001`, `${alice.accessKey} 10002`]);
  // The group is announced with the hint and its error line.
  assert.equal(await page.getAttribute('#connect-source-tables', 'aria-describedby'), 'connect-tables-hint connect-err-sourceRouteTableNoList');
  // All checked: no list is passed, so the plan reads every table (the package's default) and routes them all.
  const before = requests().length;
  await plan();
  assert.deepEqual(since(before, 'getRouteTableList').map(tableNoList), [[], []]);
  assert.deepEqual(await plannedRoutes(), ['source 30001', 'source 30002', 'target 30003', 'target 30004']);
  // Another target: its tables replace the old ones, all checked again.
  await page.uncheck('#connect-source-table-30002');
  await page.selectOption('#connect-target', '10004');
  await page.waitForSelector('#connect-target-table-30007', T);
  assert.deepEqual(await checkboxes('target'), ['[x] alice-data-default-public-table #30007 PUBLIC default', '[x] alice-data-default-private-table #30008 PRIVATE default']);
  assert.deepEqual((await checkboxes('source'))[1], '[ ] alice-web-default-private-table #30002 PRIVATE default', 'the source\'s choice stays');
});

test('unchecked tables: the plan asks only for the checked ones, and the routes go only into them', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await waitForTables(page);
  await page.uncheck('#connect-source-table-30002');
  await page.uncheck('#connect-target-table-30003');
  await page.fill('#connect-name', 'web-app');
  const mark = requests().length;
  await plan();
  // The dry run's reads carry the lists: each VPC's tables asked for are the checked ones.
  const reads = since(mark, 'getRouteTableList');
  assert.deepEqual(reads.map((r) => `${r.params.vpcNo}: ${tableNoList(r).join(',')}`), ['10001: 30001', '10002: 30004']);
  assert.deepEqual(await plannedRoutes(), ['source 30001', 'target 30004']);
  const applied = requests().length;
  await page.click('#connect-apply');
  await page.waitForSelector('#connect-output[data-state="done"]', T);
  assert.deepEqual(
    since(applied, 'addRoute').map((r) => `${r.params.vpcNo} ${r.params.routeTableNo}`),
    ['10001 30001', '10002 30004'],
    'addRoute went only to the tables checked',
  );
  assert.deepEqual(await page.$$eval('#connect-body section.route-group', (s) => s.map((g) => g.dataset.table)), ['30001', '30004']);
  assert.deepEqual(await routesOf('alice', '10001', '30002'), ['10.0.0.0/16 → LOCAL'], 'the unchecked table has no new route');
  assert.deepEqual(await routesOf('alice', '10001', '30001'), ['10.0.0.0/16 → LOCAL', '10.1.0.0/16 → VPCPEERING']);
  assert.deepEqual(await routesOf('alice', '10002', '30003'), ['10.1.0.0/16 → LOCAL']);
});

test('none checked on a side: refused in the page\'s words, the focus on that group, nothing sent; a disconnection still plans', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await waitForTables(page);
  await page.fill('#connect-name', 'web-app');
  await page.uncheck('#connect-source-table-30001');
  await page.uncheck('#connect-source-table-30002');
  const said = 'Check at least one of the source VPC’s route tables: the route goes only into the tables checked';
  assert.equal(await page.textContent('#connect-err-sourceRouteTableNoList'), said, 'said as soon as the last one is unchecked');
  assert.equal(await page.getAttribute('#connect-source-tables', 'aria-invalid'), 'true');
  const mark = requests().length;
  await page.click('#connect-plan');
  assert.equal(await focusedId(), 'connect-source-tables', 'the focus goes to the group at fault');
  await page.press('#connect-name', 'Enter');
  assert.equal(await focusedId(), 'connect-source-tables');
  assert.equal(await page.$('#connect-body [data-kind]'), null, 'no plan');
  assert.deepEqual(requests().slice(mark), [], 'nothing was sent');
  // One checked again: the refusal goes.
  await page.check('#connect-source-table-30002');
  assert.equal(await page.textContent('#connect-err-sourceRouteTableNoList'), '');
  assert.equal(await page.getAttribute('#connect-source-tables', 'aria-invalid'), null);
  // The target side the same way.
  await page.uncheck('#connect-target-table-30003');
  await page.uncheck('#connect-target-table-30004');
  await page.click('#connect-plan');
  assert.equal(await focusedId(), 'connect-target-tables');
  assert.equal(await page.textContent('#connect-err-targetRouteTableNoList'), 'Check at least one of the target VPC’s route tables: the route goes only into the tables checked');
  assert.deepEqual(requests().slice(mark), [], 'still nothing sent');
  // A disconnection looks at every table whatever is checked: it plans, asking for no list.
  await plan('disconnect');
  assert.deepEqual(since(mark, 'getRouteTableList').map(tableNoList), [[], []]);
  // Another target: its tables listed again, all checked, and the refusal goes with the old ones.
  await page.selectOption('#connect-target', '10004');
  await page.waitForSelector('#connect-target-table-30007', T);
  assert.equal(await page.textContent('#connect-err-targetRouteTableNoList'), '');
  assert.equal(await page.getAttribute('#connect-target-tables', 'aria-invalid'), null);
});

test('another account\'s VPC: its tables are that account\'s to choose, unless its keys are given; then read with them', async () => {
  await connectAs('alice');
  const mark = requests().length;
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '20002', targetVpcName: 'bob-api', targetVpcLoginId: 'bob@example.com' }, CONNECT_PICKER);
  await page.press('#connect-target-login', 'Tab');
  await waitForTables(page, ['source']);
  assert.equal(await page.getAttribute('#connect-target-tables', 'data-state'), 'note');
  assert.match(await page.textContent('#connect-target-tables-list'), /^Another account’s VPC: that account chooses which of its route tables get the route/);
  assert.deepEqual(since(mark, 'getRouteTableList').map((r) => r.params.vpcNo), ['10001'], 'bob\'s tables are not asked for with alice\'s keys');
  await page.click('button[data-target-account="bob"]');
  await waitForTables(page, ['target']);
  assert.deepEqual(await checkboxes('target'), ['[x] bob-api-default-public-table #30011 PUBLIC default', '[x] bob-api-default-private-table #30012 PRIVATE default']);
  const read = since(mark, 'getRouteTableList').at(-1);
  assert.deepEqual([read.accessKey, read.params.vpcNo], [bob.accessKey, '20002'], 'read with bob\'s keys');
  await page.uncheck('#connect-target-table-30012');
  const before = requests().length;
  await plan();
  const reads = since(before, 'getRouteTableList').map((r) => `${r.accessKey === bob.accessKey ? 'bob' : 'alice'} ${r.params.vpcNo}: ${tableNoList(r).join(',')}`);
  assert.deepEqual(reads, ['alice 10001: ', 'bob 20002: 30011']);
  assert.deepEqual(await plannedRoutes(), ['source 30001', 'source 30002', 'target 30011']);
  // The keys taken away: the choice goes with them.
  await page.fill('#connect-target-secret', '');
  await page.press('#connect-target-secret', 'Tab');
  await page.waitForSelector('#connect-target-tables[data-state="note"]', T);
  assert.equal(await page.$('#connect-target-tables input'), null);
});

test('new keys drop both lists (and what was unchecked); the new keys\' VPCs list theirs, all checked', async () => {
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' }, CONNECT_PICKER);
  await waitForTables(page);
  await page.uncheck('#connect-source-table-30002');
  await page.click('button[data-account="bob"]');
  await page.waitForFunction(() => document.querySelector('#connect-source option[value="20001"]'), null, T);
  for (const side of ['source', 'target']) {
    assert.equal(await page.$(`#connect-${side}-tables input`), null, `${side}: alice's tables are gone`);
    assert.equal(await page.getAttribute(`#connect-${side}-tables`, 'data-state'), 'note');
  }
  await pickVpcs(page, { sourceVpcNo: '20001', targetVpcNo: '20002' }, CONNECT_PICKER);
  await waitForTables(page);
  assert.deepEqual((await checkboxes('source')).map((l) => l.slice(0, 3)), ['[x]', '[x]'], 'bob\'s, all checked');
  assert.match((await checkboxes('source'))[0], /bob-db-default-public-table #30009/);
});

test('keyboard alone: Tab reaches each table\'s checkbox after the VPCs, Space unchecks, Enter plans with the choice; none checked focuses the group', async () => {
  await connectAs('alice');
  await page.focus('#connect-source');
  await page.keyboard.type('alice-data');
  await page.keyboard.press('Tab');
  await page.keyboard.type('alice-app');
  await waitForTables(page);
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'connect-source-table-30007', 'after the target: the source\'s first table');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'connect-source-table-30008');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'connect-target-table-30003');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'connect-name', 'then the name');
  await page.keyboard.type('data-app');
  let mark = requests().length;
  await page.keyboard.press('Enter');
  await page.waitForSelector('#connect-body [data-kind="plan"]', T);
  assert.deepEqual(since(mark, 'getRouteTableList').map((r) => `${r.params.vpcNo}: ${tableNoList(r).join(',')}`), ['10004: 30008', '10002: 30003']);
  assert.deepEqual(await plannedRoutes(), ['source 30008', 'target 30003']);
  // The last source table unchecked by keyboard: Enter is refused, the focus on the source's group.
  await page.focus('#connect-source-table-30008');
  await page.keyboard.press('Space');
  await page.focus('#connect-name');
  mark = requests().length;
  await page.keyboard.press('Enter');
  assert.equal(await focusedId(), 'connect-source-tables');
  assert.deepEqual(requests().slice(mark), []);
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(), 'connect-source-table-30007', 'Tab from the group goes into it');
});

test('a phone, 390×844: both lists and a refusal scroll nowhere sideways', async () => {
  await page.setViewportSize(PHONE);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', T);
  await connectAs('alice');
  await pickVpcs(page, { sourceVpcNo: '10002', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com' }, CONNECT_PICKER);
  await page.click('button[data-target-account="bob"]');
  await waitForTables(page);
  await page.uncheck('#connect-target-table-30013');
  await page.uncheck('#connect-target-table-30014');
  await page.click('#connect-plan');
  assert.equal(await focusedId(), 'connect-target-tables');
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  assert.ok(widths.page <= PHONE.width && widths.body <= PHONE.width, JSON.stringify(widths));
  // One column: the target's group under the source's.
  const [s, t] = await Promise.all(['#connect-source-tables', '#connect-target-tables'].map((sel) => page.$eval(sel, (e) => e.getBoundingClientRect().toJSON())));
  assert.ok(t.top >= s.bottom, 'stacked');
});

test('nothing thrown, no CSP violation, no request to another origin', async () => {
  assert.deepEqual(c.requests.filter((u) => new URL(u).origin !== c.origin), []);
  assert.deepEqual(c.cspViolations, []);
  assert.deepEqual(c.pageErrors, []);
  assert.deepEqual(c.consoleErrors, []);
});
