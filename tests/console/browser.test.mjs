// The console in Chromium (playwright-core), behind the forwarder in workerd, against the emulator: validation,
// create, the 401 explained, the dry run without the secret, the whole lifecycle with live status, storage, CSP
// and same-origin requests. (The pictures in docs/screenshots/ are scripts/screenshots.mjs's.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openConsole } from '../../scripts/console-browser.mjs';
import { alice, bob, pickVpcs } from './_helpers.mjs';

const WRONG_SECRET = 'wrongSecretWrongSecretWrongSecret0000000';
const SECRETS = [alice.secretKey, bob.secretKey, WRONG_SECRET];
const T = { timeout: 15000 };

let c; // the console in Chromium (scripts/console-browser.mjs)
let demo;
let origin;
let context;
let page;

before(async () => {
  c = await openConsole({ viewport: { width: 1440, height: 900 } });
  ({ demo, origin, context, page } = c);
});

after(async () => {
  await c?.close();
});

async function open() {
  return c.open();
}

/** The secret keys appear nowhere in the page: not in its HTML, not in its text. */
async function assertNoSecretOnPage() {
  const html = await page.content();
  const text = await page.evaluate(() => document.body.innerText);
  for (const secret of SECRETS) {
    assert.ok(!html.includes(secret), 'a secret key is in the page HTML');
    assert.ok(!text.includes(secret), 'a secret key is in the page text');
  }
}

async function storage() {
  return page.evaluate(() => ({
    session: JSON.stringify({ ...sessionStorage }),
    local: JSON.stringify({ ...localStorage }),
    cookie: document.cookie,
  }));
}

async function fill(fields) {
  for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
}

/** Clears the create form. */
async function resetForm() {
  await pickVpcs(page, {});
  await fill({ vpcPeeringName: '', vpcPeeringDescription: '' });
}

/** Uses a demo account's keys and waits until its VPCs and peerings are listed. */
async function useKeys(name) {
  await page.click(`button[data-account="${name}"]`);
  await page.waitForFunction(() => document.getElementById('peerings-who').textContent !== '', null, T);
}

/** Waits until the live panel shows peering `no` settled in `state` with the status `final`. */
async function liveSettles(no, state, final) {
  await page.waitForFunction(
    ([n, st, fin]) => {
      const panel = document.getElementById('live');
      return panel.dataset.no === n && panel.dataset.state === st && document.getElementById('live-final').textContent.trim() === fin;
    },
    [no, state, final],
    T,
  );
}

/** The number of the peering shown by the first result card. */
async function shownPeeringNo() {
  return page.getAttribute('#output-body .peering-card', 'data-no');
}

test('the page loads the package under its CSP (header and meta), and offers the demo accounts', async () => {
  const response = await open();
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; /);
  assert.match(csp, /frame-ancestors 'none'/);
  const meta = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(meta, /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; /);
  assert.equal(await page.isVisible('#demo'), true);
  assert.match(await page.textContent('#backend'), /local emulator/);
  assert.deepEqual(await page.$$eval('#demo-accounts button', (b) => b.map((x) => x.textContent)), ['Use alice’s keys', 'Use bob’s keys']);
});

test('a bad name shows a field error beside the field, live; untouched fields stay quiet', async () => {
  await page.fill('#vpcPeeringName', 'Bad_Name');
  await page.waitForSelector('#err-vpcPeeringName:not(:empty)', T);
  assert.match(await page.textContent('#err-vpcPeeringName'), /^Peering name may hold only lowercase letters/);
  assert.equal(await page.getAttribute('#vpcPeeringName', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#err-sourceVpcNo'), '');
  await page.fill('#vpcPeeringName', 'ok-name');
  assert.equal(await page.textContent('#err-vpcPeeringName'), '');
  // A press of Create shows every problem, each beside its field, and sends nothing.
  const mark = demo.emulator.requests.length;
  await page.fill('#vpcPeeringName', 'x');
  await page.click('#createBtn');
  assert.match(await page.textContent('#err-sourceVpcNo'), /^Source VPC is required$/);
  assert.match(await page.textContent('#err-accessKey'), /^Access key is required$/);
  assert.match(await page.textContent('#err-vpcPeeringName'), /^Peering name/);
  await page.fill('#vpcPeeringDescription', 'é'.repeat(501));
  assert.match(await page.textContent('#err-vpcPeeringDescription'), /1000/);
  assert.match(await page.textContent('#description-bytes'), /1002 \/ 1000 bytes/);
  assert.equal(demo.emulator.requests.length, mark);
  await resetForm();
});

test('a wrong secret shows the 401 explained: wrong key or secret, or clock skew', async () => {
  await fill({ accessKey: alice.accessKey, secretKey: WRONG_SECRET });
  await page.press('#secretKey', 'Enter');
  const card = await page.waitForSelector('#peerings-error [data-kind="error"][data-status="401"]', T);
  const text = await card.innerText();
  for (const part of ['ERR_NCP_API', 'Authentication Failed', 'returnCode', '200', 'HTTP status', '401', 'Signature mismatch']) {
    assert.ok(text.includes(part), `the error card shows ${part}`);
  }
  const explained = await page.textContent('#peerings-error [data-explain="ERR_NCP_API"]');
  assert.match(explained, /access key or the secret key is wrong/);
  assert.match(explained, /clock/);
  assert.match(explained, /5 minutes/);
  // The VPCs could not be listed either: the pickers say so instead of offering any.
  assert.match(await page.textContent('#sourceVpcNo option'), /^Your VPCs could not be listed: Authentication Failed/);
  await assertNoSecretOnPage();
});

test('another account\'s VPC: its block is unknown here, so the service\'s refusal of an overlap shows with its returnCode', async () => {
  await page.fill('#secretKey', alice.secretKey);
  await page.press('#secretKey', 'Enter');
  await page.waitForSelector('#sourceVpcNo option[value="10001"]', { state: 'attached', ...T });
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '20001', targetVpcName: 'bob-db', targetVpcLoginId: 'bob@example.com' });
  assert.match(await page.textContent('#create-blocks'), /address block is unknown to your keys, so the console cannot check it for an overlap/);
  await fill({ vpcPeeringName: 'overlap' });
  await page.click('#createBtn');
  const card = await page.waitForSelector('#output-body [data-kind="error"][data-code="ERR_NCP_API"]', T);
  const text = await card.innerText();
  assert.match(text, /returnCode\s+EMU_CIDR_OVERLAP/);
  assert.match(text, /overlap/i);
});

test('the dry run shows the signed request and a curl line, sends nothing, and never shows the secret', async () => {
  await useKeys('alice');
  await resetForm();
  await pickVpcs(page, { sourceVpcNo: '10001', targetVpcNo: '10002' });
  await fill({ vpcPeeringName: 'dry-run', vpcPeeringDescription: 'see the request' });
  await page.selectOption('#method', 'POST');
  const mark = demo.emulator.requests.length;
  await page.click('#dryRun');
  await page.waitForSelector('#output-body [data-kind="signed-request"]', T);
  const http = await page.textContent('#signed-http');
  assert.match(http, /^POST \/vpc\/v2\/createVpcPeeringInstance\?responseFormatType=json HTTP\/1\.1/);
  assert.match(http, new RegExp(`x-ncp-iam-access-key: ${alice.accessKey}`));
  assert.match(http, /x-ncp-apigw-signature-v2: [A-Za-z0-9+/]{43}=/);
  assert.match(http, /sourceVpcNo=10001&targetVpcNo=10002&vpcPeeringName=dry-run&vpcPeeringDescription=see%20the%20request/);
  const curl = await page.textContent('#signed-curl');
  assert.match(curl, new RegExp(`^curl -sS -X POST '${origin}/vpc/v2/createVpcPeeringInstance\\?responseFormatType=json'`));
  assert.match(curl, /\n {2}-H 'x-ncp-apigw-signature-v2: [A-Za-z0-9+/]{43}=' \\\n/);
  assert.match(curl, /\n {2}--data-raw 'regionCode=KR&sourceVpcNo=10001&/);
  await assertNoSecretOnPage();
  assert.equal(demo.emulator.requests.length, mark, 'a dry run sends nothing');
  await page.selectOption('#method', 'GET');
});

test('create: in progress, then the result card with a raw JSON toggle; live status reaches RUN; the list shows it', async () => {
  await resetForm();
  await page.click('button[data-example="same account"]');
  await page.waitForFunction(() => document.getElementById('targetVpcNo').value === '10002', null, T);
  await fill({ vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'web tier to app tier' });
  await page.selectOption('#responseFormatType', 'json');
  demo.emulator.injectFault({ kind: 'slow', delayMs: 1500 });
  await page.click('#createBtn');
  await page.waitForSelector('#createBtn[aria-busy="true"]', T);
  assert.equal((await page.textContent('#createBtn')).trim(), 'Creating…');
  const card = await page.waitForSelector('#output-body [data-kind="result"] .peering-card', T);
  assert.match(await card.innerText(), /web-to-app[\s\S]*alice-web[\s\S]*alice-app/);
  assert.equal(await page.isVisible('#output-body details.raw pre'), false);
  await page.click('#output-body details.raw summary');
  assert.match(await page.textContent('#output-body details.raw pre'), /"vpcPeeringName": "web-to-app"/);
  const no = await shownPeeringNo();
  await liveSettles(no, 'done', 'RUN');
  assert.ok((await page.$$('#live-polls li')).length >= 1, 'each poll is shown');
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"][data-status="RUN"]`, T);
  assert.match(await page.textContent(`#peering-rows tr[data-no="${no}"]`), /web-to-app[\s\S]*web tier to app tier/);
  await assertNoSecretOnPage();
});

test('the keys are in no storage unless the opt-in is ticked; then only in sessionStorage', async () => {
  let s = await storage();
  for (const secret of SECRETS) assert.ok(!s.session.includes(secret) && !s.local.includes(secret) && !s.cookie.includes(secret));
  assert.equal(s.session, '{}');
  assert.equal(s.local, '{}');
  await page.check('#keepKeys');
  s = await storage();
  assert.ok(s.session.includes(alice.secretKey), 'kept in sessionStorage once opted in');
  assert.equal(s.local, '{}');
  await open();
  assert.equal(await page.inputValue('#accessKey'), alice.accessKey, 'restored in the same tab');
  assert.equal(await page.isChecked('#keepKeys'), true);
  await page.uncheck('#keepKeys');
  s = await storage();
  assert.equal(s.session, '{}', 'erased when the opt-in is unticked');
  await open();
  assert.equal(await page.inputValue('#accessKey'), '', 'without the opt-in a reload forgets the keys');
  assert.deepEqual(await context.cookies(), []);
  await page.click('button[data-account="alice"]');
});

test('set description from the list', async () => {
  const row = '#peering-rows tr[data-status="RUN"]';
  await page.waitForSelector(row, T);
  const no = await page.getAttribute(row, 'data-no');
  await page.click(`#peering-rows tr[data-no="${no}"] button[data-action="edit-description"]`);
  await page.fill(`#peering-rows tr.edit-description-row[data-for="${no}"] input`, 'described from the console');
  await page.click(`#peering-rows tr.edit-description-row[data-for="${no}"] button[data-action="save-description"]`);
  await page.waitForFunction((n) => document.querySelector(`#peering-rows tr[data-no="${n}"] .desc`)?.textContent === 'described from the console', no, T);
});

test('delete: live status reaches GONE and the row goes away', async () => {
  const no = await page.getAttribute('#peering-rows tr[data-status="RUN"]', 'data-no');
  await page.click(`#peering-rows tr[data-no="${no}"] button[data-action="delete"]`);
  await liveSettles(no, 'done', 'GONE');
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"]`, { state: 'detached', ...T });
});

test('cross-account: awaiting acceptance is explained, then bob accepts and live status reaches RUN', async () => {
  await resetForm();
  await page.click('button[data-example="cross-account"]');
  await page.waitForFunction(() => document.getElementById('targetVpcName').value === 'bob-api', null, T);
  assert.equal(await page.inputValue('#targetVpcNo'), 'other');
  assert.equal(await page.inputValue('#otherVpcNo'), '20002');
  assert.equal(await page.inputValue('#targetVpcLoginId'), 'bob@example.com');
  await page.fill('#vpcPeeringName', 'web-to-bob-api');
  await page.click('#createBtn');
  await page.waitForSelector('#output-body .peering-card .callout-wait', T);
  const no = await shownPeeringNo();
  await liveSettles(no, 'awaiting', 'INIT');
  const note = await page.textContent('#live-note');
  assert.match(note, /other account must accept/);
  assert.match(note, /bob@example\.com/);
  // Alice cannot accept her own request: her row says whom it waits for, and offers no Accept or Reject.
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"][data-side="outgoing"]`, T);
  assert.equal(await page.$(`#peering-rows tr[data-no="${no}"] button[data-action="accept"]`), null);
  assert.equal(await page.$(`#peering-rows tr[data-no="${no}"] button[data-action="reject"]`), null);
  assert.match(await page.textContent(`#peering-rows tr[data-no="${no}"] .waiting`), /^Waiting for bob@example\.com$/);
  await page.click('button[data-account="bob"]');
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"] button[data-action="accept"]`, T);
  await page.click(`#peering-rows tr[data-no="${no}"] button[data-action="accept"]`);
  await page.waitForSelector('#output-body [data-kind="result"]', T);
  // Still INIT with operation NULL, as when it awaited acceptance: only the console knows it just accepted.
  assert.equal(await page.$('#output-body .callout-wait'), null, 'the accepted peering is not explained as awaiting acceptance');
  await liveSettles(no, 'done', 'RUN');
  await page.waitForSelector(`#peering-rows tr[data-no="${no}"][data-status="RUN"]`, T);
});

test('reject: bob rejects alice\'s request and it goes away', async () => {
  await useKeys('alice');
  await resetForm();
  await pickVpcs(page, { sourceVpcNo: '10002', targetVpcNo: '20003', targetVpcName: 'bob-batch', targetVpcLoginId: 'bob@example.com' });
  await fill({ vpcPeeringName: 'app-to-batch' });
  await page.click('#createBtn');
  const no = await shownPeeringNo();
  await liveSettles(no, 'awaiting', 'INIT');
  await page.click('button[data-account="bob"]');
  await page.click(`#peering-rows tr[data-no="${no}"] button[data-action="reject"]`);
  await liveSettles(no, 'done', 'GONE');
});

test('a second created peering is listed beside the first, and no secret is on the page', async () => {
  await useKeys('alice');
  await resetForm();
  await page.click('button[data-example="same account"]');
  await page.waitForFunction(() => document.getElementById('targetVpcNo').value === '10002', null, T);
  await fill({ vpcPeeringName: 'web-to-app', vpcPeeringDescription: 'web tier to app tier' });
  await page.click('#createBtn');
  await liveSettles(await shownPeeringNo(), 'done', 'RUN');
  await page.waitForFunction(() => document.querySelectorAll('#peering-rows tr[data-status="RUN"]').length >= 2, null, T);
  await assertNoSecretOnPage();
});

test('the page made requests to its own origin only, broke no CSP rule and threw nothing', async () => {
  const { requests } = c;
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('/pkg/ncloud_vpc_wasm_bg.wasm')));
  assert.ok(requests.some((u) => u.includes('/vpc/v2/createVpcPeeringInstance')));
  assert.deepEqual(c.cspViolations, []);
  assert.deepEqual(c.pageErrors, []);
  assert.deepEqual(c.consoleErrors, []);
});
