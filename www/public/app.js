// The console: a form over the package's browser build. Every check, signature and call is the package's (one
// wasm module); this file only reads the form, shows answers and keeps the keys in memory.
import { byId, h, fill, busy } from './dom.js';
import { loadKeptKeys, keepKeys, forgetKeys } from './keys.js';
import { resultView, errorView, signedRequestView, statusBadge, awaitsAcceptance } from './render.js';
import { LiveStatus } from './live.js';
import { ListView } from './list.js';

const CREATE_FIELDS = ['sourceVpcNo', 'targetVpcNo', 'vpcPeeringName', 'targetVpcName', 'targetVpcLoginId', 'vpcPeeringDescription'];
const CONNECTION_FIELDS = ['accessKey', 'secretKey', 'regionCode', 'method', 'responseFormatType'];
const CONNECTION_SLOTS = new Set([...CONNECTION_FIELDS, 'endpoint']);
const ERROR_SLOTS = new Set([...CREATE_FIELDS, ...CONNECTION_SLOTS]);
// The wait's pace: a console wants feedback sooner than the package's default 2 s first poll.
const WAIT = { pollIntervalMs: 1000, maxPollIntervalMs: 5000, timeoutMs: 10 * 60 * 1000 };
const TARGET_HINTS = {
  forwarder: () => 'Signed for this origin, forwarded unchanged.',
  public: () => 'ncloud.apigw.ntruss.com: needs CORS from NCP (unknown).',
  gov: () => 'ncloud.apigw.gov-ntruss.com: needs CORS from NCP (unknown).',
  fin: () => 'fin-ncloud.apigw.fin-ntruss.com: needs CORS from NCP (unknown).',
  custom: () => 'An http(s) origin, optionally with a path; /vpc/v2/<action> is appended and signed.',
};

let api; // the package, once its wasm is compiled
const touched = new Set();
const live = new LiveStatus();
let demo = null; // { gateway, accounts } when the forwarder talks to the emulator of `make demo`

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

// ---------------------------------------------------------------------------------------------------------------
// Validation beside each field, by the package's own validator

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
    if (!slots.has(slot)) other.push(p.message);
    else if (!byField.has(slot)) byField.set(slot, p.message);
  }
  for (const slot of slots) {
    const message = byField.get(slot);
    const show = message && (all || touched.has(slot));
    const input = slot === 'endpoint' ? (value('target') === 'custom' ? el('endpoint') : el('target')) : el(slot);
    el(`err-${slot}`).textContent = show ? message : '';
    input.toggleAttribute('aria-invalid', Boolean(show));
    input.closest('.field')?.classList.toggle('has-error', Boolean(show));
  }
  if (slots === ERROR_SLOTS) el('err-other').textContent = all ? other.join('; ') : '';
  return problems;
}

/**
 * Validates for a button press, showing the problems of every field it owns and focusing the first at fault.
 * True when valid. The calls on a listed peering own only the connection fields.
 */
function validateAll(action, opts) {
  const slots = action === 'createVpcPeeringInstance' ? ERROR_SLOTS : CONNECTION_SLOTS;
  for (const slot of slots) touched.add(slot);
  const problems = validate({ all: true, action, opts, slots });
  if (problems.length === 0) return true;
  const slotOf = (p) => (p.field === 'site' ? 'endpoint' : p.field);
  const first = problems.find((p) => slots.has(slotOf(p)));
  if (first) el(slotOf(first) === 'endpoint' && value('target') !== 'custom' ? 'target' : slotOf(first)).focus();
  return false;
}

function updateByteCounter() {
  const bytes = new TextEncoder().encode(value('vpcPeeringDescription')).length;
  const counter = el('description-bytes');
  counter.textContent = `${bytes} / 1000 bytes`;
  counter.classList.toggle('over', bytes > 1000);
}

// ---------------------------------------------------------------------------------------------------------------
// Output panel

function show(title, node) {
  el('output-title').textContent = title;
  fill(el('output-body'), node);
}

function showError(title, err, signedAt) {
  if (err?.code === 'ERR_INVALID_OPTION' && err.field && ERROR_SLOTS.has(err.field)) {
    touched.add(err.field);
    validate();
  }
  show('Error', errorView(title, err, signedAt));
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
 * "sending" note in the output panel), call `api[action](opts)`, then `onResult(result)` shows the answer. A failure
 * shows an error card titled `errorTitle`, with the time the request was signed (a 401 may mean clock skew).
 */
async function callFromButton({ action, opts, button, busyLabel, errorTitle, onResult, pending, confirm: question, isValid }) {
  if (question && !confirm(question)) return;
  if (!(isValid ? isValid() : validateAll(action, opts))) return;
  const done = busy(button, busyLabel);
  if (pending) show(pending, h('p', { class: 'pending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Sending the signed request…'));
  const signedAt = new Date();
  try {
    onResult(await api[action](opts));
  } catch (err) {
    showError(errorTitle, err, signedAt);
  } finally {
    done();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Create and dry run

function onDryRun() {
  const opts = createOptions();
  if (!validateAll('createVpcPeeringInstance', opts)) return;
  try {
    show('Signed request', signedRequestView(api.buildCreateVpcPeeringInstanceRequest(opts), copy));
  } catch (err) {
    showError('Dry run', err);
  }
}

function onCreate() {
  return callFromButton({
    action: 'createVpcPeeringInstance',
    opts: createOptions(),
    button: el('createBtn'),
    busyLabel: 'Creating…',
    pending: 'Creating…',
    errorTitle: 'Create',
    onResult: (result) => {
      show('Created', resultView('Peering created', result, { explainAcceptance: true }));
      const created = result.vpcPeeringInstanceList[0];
      peerings.refresh();
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
        peerings.update(i);
      },
    });
    if (until === 'GONE') live.done('GONE', `Peering #${no} is gone.`);
    else live.done(instance.vpcPeeringInstanceStatus.code, `Peering #${no} is ${instance.vpcPeeringInstanceStatus.code}.`);
  } catch (err) {
    if (signal.aborted && err?.code === 'ERR_ABORTED') {
      if (live.controller?.signal === signal) live.stopped(`Stopped waiting for peering #${no}.`);
      return;
    }
    if (err?.code === 'ERR_AWAITING_ACCEPTANCE') live.awaiting(err.instance);
    else if (err?.code === 'ERR_NOT_FOUND') live.failed(`Peering #${no} is gone (deleted or rejected) while waiting for ${until}.`, 'GONE');
    else {
      live.failed(`Waiting for peering #${no} failed: ${err?.message ?? err}`, err?.code ?? 'ERROR');
      show('Error', errorView('Wait', err));
    }
  }
  peerings.refresh();
}

// ---------------------------------------------------------------------------------------------------------------
// The peerings table and its actions

/** The peerings table: its list call, its place on the page, one row per peering. */
const peerings = new ListView(
  {
    action: 'getVpcPeeringInstanceList',
    listName: 'vpcPeeringInstanceList',
    key: 'vpcPeeringInstanceNo',
    ids: { rows: 'peering-rows', empty: 'peerings-empty', who: 'peerings-who', error: 'peerings-error', refresh: 'refresh' },
    texts: {
      invalid: (message) => `Enter valid keys to list peerings (${message}).`,
      empty: 'No peering is visible to these keys.',
      errorTitle: 'List',
    },
    dataset: (p) => ({ status: p.vpcPeeringInstanceStatus?.code }),
    columns: [
      {
        cell: (p) => [
          h('strong', {}, p.vpcPeeringName || '(unnamed)'),
          h('div', { class: 'muted small mono' }, `#${p.vpcPeeringInstanceNo}`),
          p.vpcPeeringDescription ? h('div', { class: 'small desc' }, p.vpcPeeringDescription) : null,
        ],
      },
      {
        cell: (p) => [
          h('div', {}, p.sourceVpcName, h('span', { class: 'muted' }, ' → '), p.targetVpcName),
          h('div', { class: 'muted small mono' }, `${p.sourceVpcIpv4CidrBlock} → ${p.targetVpcIpv4CidrBlock}`),
          p.isBetweenAccounts ? h('span', { class: 'pill' }, `cross-account · ${p.targetVpcLoginId}`) : null,
        ],
      },
      {
        class: 'status-cell',
        live: true,
        cell: (p) => [
          statusBadge(p.vpcPeeringInstanceStatus?.code, p.vpcPeeringInstanceStatusName),
          h('div', { class: 'muted small' }, p.vpcPeeringInstanceStatusName),
        ],
      },
      { class: 'right', cell: peeringActions },
    ],
  },
  { api: () => api, options: connection },
);

/** A row's buttons: what the peering's status allows. */
function peeringActions(p) {
  const status = p.vpcPeeringInstanceStatus ?? {};
  const no = p.vpcPeeringInstanceNo;
  const button = (action, cls, text, onclick) => h('button', { type: 'button', class: `small-btn ${cls}`, dataset: { action }, onclick }, text);
  const actions = h('div', { class: 'row-actions' });
  if (awaitsAcceptance(p)) {
    actions.append(
      button('accept', 'primary', 'Accept', (e) => onAcceptOrReject(no, true, e.currentTarget)),
      button('reject', 'secondary', 'Reject', (e) => onAcceptOrReject(no, false, e.currentTarget)),
    );
  }
  if (status.code !== 'TERMTING') {
    actions.append(
      button('describe', 'secondary', 'Describe', () => toggleDescribe(no, p.vpcPeeringDescription)),
      button('delete', 'danger', 'Delete', (e) => onDelete(no, e.currentTarget)),
    );
  }
  actions.append(button('watch', 'link', 'Watch', () => watch(no, status.code === 'TERMTING' ? 'GONE' : 'RUN', 'Watching')));
  return actions;
}

function onAcceptOrReject(no, isAccept, button) {
  return callFromButton({
    confirm: isAccept ? null : `Reject peering #${no}? It will be removed.`,
    action: 'acceptOrRejectVpcPeering',
    opts: { ...connection(), vpcPeeringInstanceNo: no, isAccept },
    button,
    busyLabel: isAccept ? 'Accepting…' : 'Rejecting…',
    errorTitle: isAccept ? 'Accept' : 'Reject',
    onResult: (result) => {
      show(isAccept ? 'Accepted' : 'Rejected', resultView(isAccept ? 'Peering accepted' : 'Peering rejected', result));
      watch(no, isAccept ? 'RUN' : 'GONE', isAccept ? 'Accepted' : 'Rejected', { awaitAcceptance: isAccept });
    },
  });
}

function onDelete(no, button) {
  return callFromButton({
    confirm: `Delete peering #${no}?`,
    action: 'deleteVpcPeeringInstance',
    opts: { ...connection(), vpcPeeringInstanceNo: no },
    button,
    busyLabel: 'Deleting…',
    errorTitle: 'Delete',
    onResult: (result) => {
      show('Deleting', resultView('Peering deletion started', result));
      watch(no, 'GONE', 'Deleted');
    },
  });
}

/** Opens (or closes) the description editor under a row. */
function toggleDescribe(no, current) {
  let input;
  const opened = peerings.toggleDetail(no, 'describe-row', (close) => {
    input = h('input', { type: 'text', class: 'describe-input', 'aria-label': `Description of peering #${no}`, maxlength: '1000' });
    input.value = current ?? '';
    const error = h('p', { class: 'error' });
    const optionsNow = () => ({ ...connection(), vpcPeeringInstanceNo: no, vpcPeeringDescription: input.value });
    const check = () => {
      const problems = api.validateOptions('setVpcPeeringDescription', optionsNow());
      error.textContent = problems.find((p) => p.field === 'vpcPeeringDescription')?.message ?? '';
      return problems;
    };
    input.addEventListener('input', check);
    const save = h('button', { type: 'button', class: 'small-btn primary', dataset: { action: 'save-description' } }, 'Save');
    save.addEventListener('click', () => {
      const opts = optionsNow();
      return callFromButton({
        action: 'setVpcPeeringDescription',
        opts,
        // The description's own problem shows under it, the connection's beside their fields.
        isValid: () => check().length === 0 || validateAll('setVpcPeeringDescription', opts),
        button: save,
        busyLabel: 'Saving…',
        errorTitle: 'Set description',
        onResult: (result) => {
          show('Described', resultView('Description set', result));
          close();
          peerings.refresh();
        },
      });
    });
    const cancel = h('button', { type: 'button', class: 'small-btn link', onclick: close }, 'Cancel');
    return [h('div', { class: 'describe' }, input, save, cancel), error];
  });
  if (opened) input.focus();
}

// ---------------------------------------------------------------------------------------------------------------
// Keys: memory by default, sessionStorage only with the opt-in

function onKeysChanged() {
  if (el('keepKeys').checked) keepKeys({ accessKey: value('accessKey'), secretKey: value('secretKey') });
}

function onKeepToggled() {
  const keep = el('keepKeys').checked;
  el('keep-warning').classList.toggle('warning-on', keep);
  if (keep) onKeysChanged();
  else forgetKeys();
}

function setKeys(accessKey, secretKey) {
  el('accessKey').value = accessKey;
  el('secretKey').value = secretKey;
  touched.add('accessKey');
  touched.add('secretKey');
  onKeysChanged();
  validate();
  peerings.refresh();
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
  el('accessKey').addEventListener('input', onKeysChanged);
  el('secretKey').addEventListener('input', onKeysChanged);
  el('keepKeys').addEventListener('change', onKeepToggled);
  el('vpcPeeringDescription').addEventListener('input', updateByteCounter);
  el('target').addEventListener('change', onTargetChanged);
  el('dryRun').addEventListener('click', onDryRun);
  el('createBtn').addEventListener('click', onCreate);
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
  if (kept) peerings.refresh();
  document.body.dataset.ready = 'true';
}

main();
