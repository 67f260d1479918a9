// The console: a form over the package's browser build. Every check, signature and call is the package's (one
// wasm module); this file reads the form, shows answers, keeps the keys in memory, and keeps what the page shows in
// step with the keys and endpoint it was asked with. The peerings (table, details, row actions) are peerings.js.
import { byId, h, fill, busy } from './dom.js';
import { loadKeptKeys, keepKeys, forgetKeys } from './keys.js';
import { resultView, errorView, signedRequestView, showByteCount } from './render.js';
import { LiveStatus } from './live.js';
import { peeringsUi } from './peerings.js';
import { sideOf } from './side.js';
import { inPageWords } from './words.js';

const CREATE_FIELDS = ['sourceVpcNo', 'targetVpcNo', 'vpcPeeringName', 'targetVpcName', 'targetVpcLoginId', 'vpcPeeringDescription'];
const CONNECTION_FIELDS = ['accessKey', 'secretKey', 'regionCode', 'method', 'responseFormatType'];
const CONNECTION_SLOTS = new Set([...CONNECTION_FIELDS, 'endpoint']);
const ERROR_SLOTS = new Set([...CREATE_FIELDS, ...CONNECTION_SLOTS]);
// The fields whose change means other keys or another place: what the page shows belonged to the old ones.
const IDENTITY_FIELDS = ['accessKey', 'secretKey', 'target', 'endpoint', 'regionCode'];
// The wait's pace: a console wants feedback sooner than the package's default 2 s first poll.
const WAIT = { pollIntervalMs: 1000, maxPollIntervalMs: 5000, timeoutMs: 10 * 60 * 1000 };
const TARGET_HINTS = {
  forwarder: () => 'Signed for this origin, forwarded unchanged.',
  public: () => 'ncloud.apigw.ntruss.com: needs CORS from NCP (unknown).',
  gov: () => 'ncloud.apigw.gov-ntruss.com: needs CORS from NCP (unknown).',
  fin: () => 'fin-ncloud.apigw.fin-ntruss.com: needs CORS from NCP (unknown).',
  custom: () => 'An http(s) origin, optionally with a path; /vpc/v2/<action> is appended and signed.',
};
const SITE_HOSTS = { public: 'ncloud.apigw.ntruss.com', gov: 'ncloud.apigw.gov-ntruss.com', fin: 'fin-ncloud.apigw.fin-ntruss.com' };
const EMPTY_OUTPUT = 'Create a peering or show a signed request: the answer appears here.';

let api; // the package, once its wasm is compiled
const touched = new Set();
const live = new LiveStatus();
let demo = null; // { gateway, accounts } when the forwarder talks to the emulator of `make demo`

/**
 * What the page knows about the current keys and endpoint; all of it is dropped when they change. `epoch` counts
 * the changes, so that an answer to a call made with older keys is not shown. `vpcs`: VPC numbers proved to be the
 * keys' account's (side.js); `marks`: what this console did to which peering.
 */
const session = { epoch: 0, identity: '', vpcs: new Set(), marks: { accepted: new Set(), deleting: new Set() } };

const el = (id) => byId(id);
const value = (id) => el(id).value;

// ---------------------------------------------------------------------------------------------------------------
// Options from the form

/** Where and how to send, and the keys: the options every call shares. Empty fields are left out. */
function connection() {
  const opts = {
    accessKey: value('accessKey').trim(),
    secretKey: value('secretKey'),
    regionCode: value('regionCode').trim(),
    method: value('method'),
    responseFormatType: value('responseFormatType'),
  };
  const target = value('target');
  if (target === 'forwarder') opts.endpoint = location.origin;
  else if (target === 'custom') opts.endpoint = value('endpoint').trim();
  else opts.site = target;
  return dropEmpty(opts);
}

function createOptions() {
  const opts = connection();
  for (const field of CREATE_FIELDS) {
    const v = field === 'vpcPeeringDescription' ? value(field) : value(field).trim();
    if (v !== '') opts[field] = v;
  }
  return opts;
}

function dropEmpty(opts) {
  for (const [k, v] of Object.entries(opts)) if (v === '' || v === undefined) delete opts[k];
  return opts;
}

/** Where requests go, for error advice that fits (render.js SendMode). */
function sendMode() {
  const target = value('target');
  if (target === 'forwarder') return { kind: 'forwarder', where: `the forwarder (${location.host})` };
  if (target === 'custom') return { kind: 'custom', where: value('endpoint').trim() || 'the custom endpoint' };
  return { kind: 'site', where: SITE_HOSTS[target] ?? target };
}

/** An error card with advice for where requests go now. */
const errorCard = (title, err, signedAt) => errorView(title, err, signedAt, sendMode());

// ---------------------------------------------------------------------------------------------------------------
// Validation beside each field, by the package's own validator, in the page's words

function inputOf(slot) {
  if (slot !== 'endpoint') return el(slot);
  return value('target') === 'custom' ? el('endpoint') : el('target');
}

/**
 * Shows the problems of `touched` fields beside them (every field with `all`); returns every problem. `slots` are
 * the error slots this check owns: the whole page for a create, the connection fields for the other calls.
 */
function validate({ all = false, action = 'createVpcPeeringInstance', opts = createOptions(), slots = ERROR_SLOTS } = {}) {
  if (!api) return [];
  const problems = api.validateOptions(action, opts);
  const byField = new Map();
  const other = [];
  for (const p of problems) {
    const slot = p.field === 'site' ? 'endpoint' : p.field;
    if (!slots.has(slot)) other.push(inPageWords(p.message));
    else if (!byField.has(slot)) byField.set(slot, inPageWords(p.message));
  }
  for (const slot of slots) {
    const message = byField.get(slot);
    const show = Boolean(message && (all || touched.has(slot)));
    const input = inputOf(slot);
    el(`err-${slot}`).textContent = show ? message : '';
    // "true", not an empty attribute: assistive technology reads aria-invalid="" as not invalid.
    if (show) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.closest('.field')?.classList.toggle('has-error', show);
  }
  if (slots === ERROR_SLOTS) el('err-other').textContent = all ? other.join('; ') : '';
  return problems;
}

/**
 * Validates for a button press, showing the problems of every field it owns and focusing the first field at fault
 * in the page's order (not the validator's). True when valid. The calls on a listed peering own only the
 * connection fields.
 */
function validateAll(action, opts) {
  const slots = action === 'createVpcPeeringInstance' ? ERROR_SLOTS : CONNECTION_SLOTS;
  for (const slot of slots) touched.add(slot);
  const problems = validate({ all: true, action, opts, slots });
  if (problems.length === 0) return true;
  const invalid = [...slots].map(inputOf).filter((input) => input.getAttribute('aria-invalid') === 'true');
  invalid.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  invalid[0]?.focus();
  return false;
}

function updateByteCounter() {
  showByteCount(el('description-bytes'), value('vpcPeeringDescription'));
}

// ---------------------------------------------------------------------------------------------------------------
// Output panel

/** Shows `node` in the Result panel; `focus` moves the keyboard focus to its heading (after a button's call). */
function show(title, node, { focus = false } = {}) {
  el('output-title').textContent = title;
  fill(el('output-body'), node);
  if (focus) el('output-body').querySelector('.result-title')?.focus();
}

function showError(title, err, signedAt) {
  if (err?.code === 'ERR_INVALID_OPTION' && err.field && ERROR_SLOTS.has(err.field)) {
    touched.add(err.field);
    validate();
  }
  show('Error', errorCard(title, err, signedAt), { focus: true });
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard refused (permissions): the text stays selectable on the page.
  }
}

// ---------------------------------------------------------------------------------------------------------------
// One call from a button

/**
 * The sequence every button that calls the API follows: ask `confirm` (when given), validate the options beside
 * the fields (`isValid`, by default `validateAll`), mark the button busy (`busyLabel`; `pending` also titles a
 * "sending" note in the output panel), call `api[action](opts)`, then `onResult(result)` shows the answer and
 * moves the focus to it. A failure shows an error card titled `errorTitle`, with the time the request was signed
 * (a 401 may mean clock skew). An answer that comes after the keys or the endpoint changed is dropped.
 */
async function callFromButton({ action, opts, button, busyLabel, errorTitle, onResult, pending, confirm: question, isValid }) {
  if (question && !confirm(question)) return;
  if (!(isValid ? isValid() : validateAll(action, opts))) return;
  const done = busy(button, busyLabel);
  if (pending) show(pending, h('p', { class: 'pending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Sending the signed request…'));
  const signedAt = new Date();
  const epoch = session.epoch;
  try {
    const result = await api[action](opts);
    if (epoch === session.epoch) onResult(result);
  } catch (err) {
    if (epoch === session.epoch) showError(errorTitle, err, signedAt);
  } finally {
    done();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What the keys' account owns, and which side of a peering it is on

/**
 * VPC numbers known to be the current keys' account's: the demo account whose access key is in the form (its VPC
 * table, under `make demo`), the sources of peerings this page created with the keys, the targets of peerings it
 * accepted or rejected, and both VPCs of every same-account peering listed (side.js). Nothing is guessed from a
 * login ID. (getVpcList will answer this directly.)
 */
function myVpcNos() {
  const nos = new Set(session.vpcs);
  const account = demo?.accounts.find((a) => a.accessKey === value('accessKey').trim());
  if (account && value('target') === 'forwarder') for (const v of account.vpcs ?? []) nos.add(String(v.vpcNo));
  return nos;
}

const sideFor = (p) => sideOf(p, myVpcNos());

/** Adds VPC numbers proved to be the keys' account's; the rows whose side this decides are drawn again. */
function learnVpcs(nos) {
  const before = session.vpcs.size;
  for (const no of nos) if (no) session.vpcs.add(String(no));
  if (session.vpcs.size !== before) peerings?.list.rerender();
}

// ---------------------------------------------------------------------------------------------------------------
// Create and dry run

function onDryRun() {
  const opts = createOptions();
  if (!validateAll('createVpcPeeringInstance', opts)) return;
  try {
    show('Signed request', signedRequestView(api.buildCreateVpcPeeringInstanceRequest(opts), copy), { focus: true });
  } catch (err) {
    showError('Dry run', err);
  }
}

function onCreate(event) {
  event?.preventDefault();
  const opts = createOptions();
  return callFromButton({
    action: 'createVpcPeeringInstance',
    opts,
    button: el('createBtn'),
    busyLabel: 'Creating…',
    pending: 'Creating…',
    errorTitle: 'Create',
    onResult: (result) => {
      // The source of a create is the caller's VPC (NCP refuses any other).
      learnVpcs([opts.sourceVpcNo]);
      show('Created', resultView('Peering created', result, { explainAcceptance: true, side: sideFor }), { focus: true });
      const created = result.vpcPeeringInstanceList[0];
      peerings.list.refresh();
      if (created) watch(created.vpcPeeringInstanceNo, 'RUN', 'Created');
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Live status

/**
 * Polls one peering until `until` with onPoll feedback; explains a cross-account peering awaiting acceptance.
 * `awaitAcceptance`: keep polling an INIT cross-account peering (after this console accepted it: only the caller
 * knows that; nothing documented in the answer tells an accepted peering from one still awaiting acceptance).
 * Each poll shows at once in the peering's row, its cards and its details.
 */
async function watch(no, until, why, { awaitAcceptance = false } = {}) {
  const signal = live.start(no, until, why);
  try {
    const instance = await api.waitForVpcPeeringInstance({
      ...connection(),
      ...WAIT,
      awaitAcceptance,
      vpcPeeringInstanceNo: no,
      until,
      signal,
      onPoll: (i) => {
        live.poll(i);
        peerings.showPeering(i);
      },
    });
    if (until === 'GONE') {
      live.done('GONE', `Peering #${no} is gone.`);
      peerings.gone(no);
    } else live.done(instance.vpcPeeringInstanceStatus.code, `Peering #${no} is ${instance.vpcPeeringInstanceStatus.code}.`);
  } catch (err) {
    if (signal.aborted && err?.code === 'ERR_ABORTED') {
      if (live.controller?.signal === signal) live.stopped(`Stopped waiting for peering #${no}.`);
      return;
    }
    if (err?.code === 'ERR_AWAITING_ACCEPTANCE') live.awaiting(err.instance);
    else if (err?.code === 'ERR_NOT_FOUND') {
      live.failed(`Peering #${no} is gone (deleted or rejected) while waiting for ${until}.`, 'GONE');
      peerings.gone(no);
    } else {
      live.failed(`Waiting for peering #${no} failed: ${inPageWords(err?.message ?? err)}`, err?.code ?? 'ERROR');
      show('Error', errorCard('Wait', err));
    }
  }
  peerings.list.refresh();
}

// ---------------------------------------------------------------------------------------------------------------
// The peerings: table, details, actions (peerings.js)

const peerings = peeringsUi({
  api: () => api,
  connection,
  call: callFromButton,
  show,
  watch,
  errorView: (title, err) => errorCard(title, err),
  side: sideFor,
  learnVpcs,
  words: inPageWords,
  validateAll,
  epoch: () => session.epoch,
  marks: session.marks,
});

/** The page's address picks the view: `#/peering/<no>` a peering's details, anything else the table. */
function route() {
  const m = /^#\/peering\/(\d{1,20})$/.exec(location.hash);
  if (m) {
    peerings.openDetails(m[1]);
    return;
  }
  const wasDetails = !el('details').hidden;
  peerings.closeDetails();
  if (wasDetails) el('peerings-title').focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Keys and endpoint: memory by default, sessionStorage only with the opt-in; a change drops what was theirs

function onKeysChanged() {
  if (el('keepKeys').checked) keepKeys({ accessKey: value('accessKey'), secretKey: value('secretKey') });
}

function onKeepToggled() {
  const keep = el('keepKeys').checked;
  el('keep-warning').classList.toggle('warning-on', keep);
  if (keep) onKeysChanged();
  else forgetKeys();
}

/** Who and where, without the secret key (a change of the secret key counts by itself). */
const identityNow = () => [value('accessKey').trim(), value('target'), value('endpoint').trim(), value('regionCode').trim()].join('\n');

/**
 * The keys, the endpoint or the region changed: rows, cards, the details, live status and what was learned about
 * the old keys' account all belonged to them, and go.
 */
function onIdentityInput(id) {
  if (id !== 'secretKey' && identityNow() === session.identity) return;
  session.identity = identityNow();
  session.epoch++;
  session.vpcs.clear();
  session.marks.accepted.clear();
  session.marks.deleting.clear();
  live.reset();
  show('Result', h('p', { class: 'empty' }, EMPTY_OUTPUT));
  peerings.list.clear('The keys or the endpoint changed: list again to see their peerings.');
  if (!el('details').hidden) location.hash = '#/';
}

/** Lists with the keys in the form once they are complete (Enter in the keys' form, or leaving a changed field). */
function listIfValid() {
  if (api && api.validateOptions('getVpcPeeringInstanceList', connection()).length === 0) peerings.list.refresh({ firstPage: true });
}

function setKeys(accessKey, secretKey) {
  const secretChanged = value('secretKey') !== secretKey;
  el('accessKey').value = accessKey;
  el('secretKey').value = secretKey;
  onIdentityInput(secretChanged ? 'secretKey' : 'accessKey');
  touched.add('accessKey');
  touched.add('secretKey');
  onKeysChanged();
  validate();
  peerings.list.refresh({ firstPage: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The demo helper: only when the forwarder serves the emulator's demo accounts

async function loadDemo() {
  try {
    const res = await fetch('/__demo/accounts', { cache: 'no-store' });
    if (!res.ok) return null;
    const data = await res.json();
    return Array.isArray(data?.accounts) ? data : null;
  } catch {
    return null;
  }
}

function showDemo() {
  const onForwarder = value('target') === 'forwarder';
  el('demo').hidden = !demo || !onForwarder;
  if (!demo) return;
  el('backend').textContent = onForwarder ? `Forwarder ${location.host} → local emulator ${demo.gateway ?? ''}` : 'Direct to the chosen endpoint';
}

function setupDemo() {
  const [first, second] = demo.accounts;
  fill(
    el('demo-accounts'),
    demo.accounts.map((a) =>
      h('button', { type: 'button', class: 'secondary', dataset: { account: a.name }, onclick: () => setKeys(a.accessKey, a.secretKey) }, `Use ${a.name}’s keys`),
    ),
  );
  const examples = [];
  const vpcsOf = (a) => a?.vpcs ?? [];
  if (first && vpcsOf(first).length >= 2) {
    const [s, t] = vpcsOf(first);
    examples.push({ label: `${s.vpcName} → ${t.vpcName}`, hint: 'same account', keys: first, fields: { sourceVpcNo: s.vpcNo, targetVpcNo: t.vpcNo, targetVpcName: '', targetVpcLoginId: '' } });
  }
  const across = second ? (vpcsOf(second).find((v) => v.vpcName.endsWith('-api')) ?? vpcsOf(second)[1]) : undefined;
  if (first && across && vpcsOf(first)[0]) {
    const s = vpcsOf(first)[0];
    examples.push({ label: `${s.vpcName} → ${across.vpcName}`, hint: 'cross-account', keys: first, fields: { sourceVpcNo: s.vpcNo, targetVpcNo: across.vpcNo, targetVpcName: across.vpcName, targetVpcLoginId: second.loginId } });
  }
  fill(
    el('demo-examples'),
    examples.length ? h('span', { class: 'muted small' }, 'Fill an example:') : null,
    examples.map((ex) =>
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          dataset: { example: ex.hint },
          onclick: () => {
            for (const [k, v] of Object.entries(ex.fields)) {
              el(k).value = v;
              touched.add(k);
            }
            setKeys(ex.keys.accessKey, ex.keys.secretKey);
          },
        },
        `${ex.label} (${ex.hint})`,
      ),
    ),
  );
  fill(
    el('demo-vpcs'),
    demo.accounts.flatMap((a) => vpcsOf(a).map((v) => h('tr', {}, h('td', {}, a.name), h('td', { class: 'mono' }, v.vpcNo), h('td', {}, v.vpcName), h('td', { class: 'mono' }, v.ipv4CidrBlock)))),
  );
  fill(
    el('vpc-numbers'),
    demo.accounts.flatMap((a) => vpcsOf(a).map((v) => h('option', { value: v.vpcNo }, `${v.vpcName} (${a.name}, ${v.ipv4CidrBlock})`))),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Start

function onTargetChanged() {
  const target = value('target');
  el('endpoint').hidden = target !== 'custom';
  el('target-hint').textContent = TARGET_HINTS[target]();
  touched.add('endpoint');
  validate();
  showDemo();
  if (!demo) el('backend').textContent = target === 'forwarder' ? `Forwarder on ${location.host}` : 'Direct to the chosen endpoint';
}

function wire() {
  for (const id of [...CREATE_FIELDS, ...CONNECTION_FIELDS, 'endpoint']) {
    const input = el(id);
    const field = id;
    const mark = () => {
      touched.add(field);
      validate();
    };
    input.addEventListener('input', mark);
    input.addEventListener('change', mark);
    input.addEventListener('blur', mark);
  }
  for (const id of IDENTITY_FIELDS) {
    el(id).addEventListener('input', () => onIdentityInput(id));
    el(id).addEventListener('change', () => {
      onIdentityInput(id);
      if (!el('details').hidden) return;
      if (peerings.list.rows.childElementCount === 0) listIfValid();
    });
  }
  el('accessKey').addEventListener('input', onKeysChanged);
  el('secretKey').addEventListener('input', onKeysChanged);
  el('keepKeys').addEventListener('change', onKeepToggled);
  el('vpcPeeringDescription').addEventListener('input', updateByteCounter);
  el('target').addEventListener('change', onTargetChanged);
  el('dryRun').addEventListener('click', onDryRun);
  el('create-form').addEventListener('submit', onCreate);
  el('connection-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (validateAll('getVpcPeeringInstanceList', connection())) {
      if (location.hash.startsWith('#/peering/')) location.hash = '#/';
      peerings.list.refresh({ firstPage: true });
      el('peerings-title').focus();
    }
  });
  window.addEventListener('hashchange', route);
}

async function main() {
  wire();
  const kept = loadKeptKeys();
  if (kept) {
    el('accessKey').value = kept.accessKey;
    el('secretKey').value = kept.secretKey;
    el('keepKeys').checked = true;
    el('keep-warning').classList.add('warning-on');
  }
  session.identity = identityNow();
  el('target-hint').textContent = TARGET_HINTS.forwarder();
  try {
    api = await import('/pkg/browser.mjs');
  } catch (err) {
    const fatal = el('fatal');
    fatal.hidden = false;
    fatal.textContent = `The package could not be loaded (/pkg/browser.mjs): ${err?.message ?? err}. Run make build, then make demo.`;
    el('backend').textContent = 'Package not loaded';
    return;
  }
  demo = await loadDemo();
  if (demo) setupDemo();
  onTargetChanged();
  touched.delete('endpoint');
  validate();
  if (location.hash.startsWith('#/peering/')) route();
  else if (kept) peerings.list.refresh();
  document.body.dataset.ready = 'true';
}

main();
