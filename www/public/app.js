// The console: forms over the package's browser build. Every check, signature and call is the package's (one
// wasm module); this file reads the forms, shows answers, keeps the keys in memory, picks the view from the page's
// address, and keeps what the page shows in step with the keys and endpoint it was asked with. The peerings (table,
// details, row actions) are peerings.js, connecting two VPCs connect.js, the route tables routes.js, the VPC
// pickers vpcs.js, the route tables a connection routes table-choice.js.
import { byId, h, fill, busy } from './dom.js';
import { loadKeptKeys, keepKeys, forgetKeys } from './keys.js';
import { resultView, errorView, errorLead, signedRequestView, showByteCount } from './render.js';
import { LiveStatus } from './live.js';
import { peeringsUi } from './peerings.js';
import { connectUi } from './connect.js';
import { routeTablesUi } from './routes.js';
import { VpcPicker } from './vpcs.js';
import { RouteTableChoice, TABLE_FIELDS } from './table-choice.js';
import { sideOf } from './side.js';
import { inPageWords } from './words.js';

const CONNECTION_FIELDS = ['accessKey', 'secretKey', 'regionCode', 'method', 'responseFormatType'];
const CONNECTION_SLOTS = new Set([...CONNECTION_FIELDS, 'endpoint']);
/** The create form's inputs, each with the option it sets (the picker's are in createPicker). */
const CREATE_INPUTS = {
  sourceVpcNo: 'sourceVpcNo',
  targetVpcNo: 'targetVpcNo',
  otherVpcNo: 'targetVpcNo',
  targetVpcName: 'targetVpcName',
  targetVpcLoginId: 'targetVpcLoginId',
  vpcPeeringName: 'vpcPeeringName',
  vpcPeeringDescription: 'vpcPeeringDescription',
};
/** The connect form's inputs, each with the option it sets. */
const CONNECT_INPUTS = {
  'connect-source': 'sourceVpcNo',
  'connect-target': 'targetVpcNo',
  'connect-other-no': 'targetVpcNo',
  'connect-target-name': 'targetVpcName',
  'connect-target-login': 'targetVpcLoginId',
  'connect-target-access': 'targetAccessKey',
  'connect-target-secret': 'targetSecretKey',
  'connect-name': 'vpcPeeringName',
};
/** The views the page's address picks, each with the heading the focus goes to when it opens. */
const VIEWS = { peerings: 'peerings-title', connect: 'connect-title', 'route-tables': 'route-tables-title' };
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
const NO_KEYS_FOR_VPCS = 'Enter your keys to list your VPCs';

let api; // the package, once its wasm is compiled
/** The fields touched: `<form>:<option>` for a form's own fields, the option's name for the connection's. */
const touched = new Set();
const live = new LiveStatus();
let demo = null; // { gateway, accounts } when the forwarder talks to the emulator of `make demo`

/**
 * What the page knows about the current keys and endpoint; all of it is dropped when they change. `epoch` counts
 * the changes, so that an answer to a call made with older keys is not shown. `vpcs`: VPC numbers proved to be the
 * keys' account's (side.js); `marks`: what this console did to which peering.
 */
const session = { epoch: 0, identity: '', vpcs: new Set(), marks: { accepted: new Set(), deleting: new Set() } };
/** The keys' account's VPCs (getVpcList): listed once per `epoch`; `pending` the answer on its way or had. */
const vpcList = { epoch: -1, items: null, pending: null };

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
  return dropEmpty({
    ...connection(),
    ...createPicker.values(),
    vpcPeeringName: value('vpcPeeringName').trim(),
    vpcPeeringDescription: value('vpcPeeringDescription'),
  });
}

/** The other account's keys typed in the connect form ('' when not). */
function otherKeys() {
  return { accessKey: value('connect-target-access').trim(), secretKey: value('connect-target-secret') };
}

/**
 * The options of connectVpcs (`goal` connect) and disconnectVpcs, from the connect form; the other account's keys
 * only for its VPC; the route tables checked only to connect (a disconnection looks at every table).
 */
function connectOptions(goal = 'connect') {
  const other = connectPicker.isOther();
  return dropEmpty({
    ...connection(),
    ...connectPicker.values(),
    vpcPeeringName: value('connect-name').trim(),
    targetAccessKey: other ? otherKeys().accessKey : '',
    targetSecretKey: other ? otherKeys().secretKey : '',
    ...(goal === 'connect' ? tableChoice.values() : {}),
  });
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

/**
 * A form the package's validator checks: the call (`action`) and its `options()`, the options whose problems show
 * beside a field (`slots`: its own and the connection's, which show beside the keys), the input and the error line
 * of each, a line for problems of no field here (`otherBox`), and the page's own problems (`extra`, an overlap).
 * @typedef {{name: string, action: string, options: () => object, slots: Set<string>, inputOf: (slot: string) =>
 *   HTMLElement, errorOf: (slot: string) => HTMLElement, otherBox?: string, extra?: () => object[]}} Form
 */

function connectionInputOf(slot) {
  if (slot !== 'endpoint') return el(slot);
  return value('target') === 'custom' ? el('endpoint') : el('target');
}

/** A form over the connection's fields and `fields` of its own (`inputOf`, `errorId` for those). */
function formOf({ fields, inputOf, errorId, ...rest }) {
  return {
    ...rest,
    slots: new Set([...fields, ...CONNECTION_SLOTS]),
    inputOf: (slot) => (CONNECTION_SLOTS.has(slot) ? connectionInputOf(slot) : inputOf(slot)),
    errorOf: (slot) => el(CONNECTION_SLOTS.has(slot) ? `err-${slot}` : errorId(slot)),
  };
}

/** The connection's fields alone, for the calls whose other options the page sets itself (a row's buttons). */
function connectionForm(action, opts) {
  return formOf({ name: 'connection', action, options: () => opts, fields: [], inputOf: connectionInputOf, errorId: (slot) => `err-${slot}` });
}

const touchKey = (form, slot) => (CONNECTION_SLOTS.has(slot) ? slot : `${form.name}:${slot}`);

/** Shows `message` beside `input` (in `error`), or clears both. */
function markField(input, error, message) {
  error.textContent = message;
  // "true", not an empty attribute: assistive technology reads aria-invalid="" as not invalid.
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  input.closest('.field')?.classList.toggle('has-error', Boolean(message));
}

/** Shows the problems of the touched fields of `form` beside them (every field with `all`); returns every problem. */
function validate(form, { all = false } = {}) {
  if (!api) return [];
  const problems = [...api.validateOptions(form.action, form.options()), ...(form.extra?.() ?? [])];
  const byField = new Map();
  const other = [];
  for (const p of problems) {
    const slot = p.field === 'site' ? 'endpoint' : p.field;
    if (!form.slots.has(slot)) other.push(inPageWords(p.message));
    else if (!byField.has(slot)) byField.set(slot, inPageWords(p.message));
  }
  for (const slot of form.slots) {
    const message = byField.get(slot);
    markField(form.inputOf(slot), form.errorOf(slot), message && (all || touched.has(touchKey(form, slot))) ? message : '');
  }
  if (form.otherBox) el(form.otherBox).textContent = all ? other.join('; ') : '';
  return problems;
}

/**
 * Validates for a button press, showing the problems of every field of `form` and focusing the first field at fault
 * in the page's order (not the validator's). True when valid.
 */
function validateAll(form) {
  for (const slot of form.slots) touched.add(touchKey(form, slot));
  const problems = validate(form, { all: true });
  if (problems.length === 0) return true;
  const invalid = [...form.slots].map(form.inputOf).filter((input) => input.getAttribute('aria-invalid') === 'true');
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

/** The Result panel beside the create form, where a call's answer shows unless it names another panel. */
const resultPanel = { show };

/**
 * A failed call's error card in `panel`, followed by `more`; a refused option of `form` is also said beside its field
 * (the package found it, e.g. an overlap once it read another account's VPC: it stays until the field changes).
 */
function showError(title, err, signedAt, { form, panel = resultPanel, more = null } = {}) {
  if (err?.code === 'ERR_INVALID_OPTION' && err.field && form?.slots.has(err.field)) {
    touched.add(touchKey(form, err.field));
    validate(form);
    markField(form.inputOf(err.field), form.errorOf(err.field), inPageWords(err.message));
  }
  panel.show('Error', [errorCard(title, err, signedAt), more], { focus: true });
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
 * the fields (`isValid`, by default `validateAll` of `form`, by default the connection's), mark the button busy
 * (`busyLabel`), show `pending` in the output panel (a title over a "sending" note, or `{title, node}` moving the
 * focus to the node's heading), call `api[action](opts)`, then `onResult(result)` shows the answer and moves the
 * focus to it. A failure shows an error card titled `errorTitle`, with the time the request was signed (a 401 may
 * mean clock skew), and what `onError(err)` adds. `panel` is where both show: the Result panel unless given. An
 * answer that comes after the keys or the endpoint changed is dropped.
 */
async function callFromButton({ action, opts, button, busyLabel, errorTitle, onResult, onError, pending, confirm: question, isValid, form, panel = resultPanel }) {
  if (question && !confirm(question)) return;
  if (!(isValid ? isValid() : validateAll(form ?? connectionForm(action, opts)))) return;
  const done = busy(button, busyLabel);
  if (typeof pending === 'string') panel.show(pending, h('p', { class: 'pending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Sending the signed request…'));
  else if (pending) panel.show(pending.title, pending.node, { focus: true });
  const signedAt = new Date();
  const epoch = session.epoch;
  try {
    const result = await api[action](opts);
    if (epoch === session.epoch) onResult(result);
  } catch (err) {
    if (epoch === session.epoch) showError(errorTitle, err, signedAt, { form, panel, more: onError?.(err) });
  } finally {
    done();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// What the keys' account owns, and which side of a peering it is on

/**
 * VPC numbers known to be the current keys' account's: its VPCs as getVpcList listed them, the demo account whose
 * access key is in the form (its VPC table, under `make demo`), the sources of peerings this page created with the
 * keys, the targets of peerings it accepted or rejected, and both VPCs of every same-account peering listed
 * (side.js). Nothing is guessed from a login ID.
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

/** Offers the account's VPCs (`vpcs`) in every picker, or none, with `note` saying why. */
function showVpcs(vpcs, note = NO_KEYS_FOR_VPCS) {
  createPicker.show(vpcs, note);
  connectPicker.show(vpcs, note);
  tableChoice.update();
  routeTables.showVpcs(vpcs);
}

/**
 * Lists the keys' account's VPCs once for the current keys and endpoint (getVpcList), for the pickers and for the
 * side of each peering; resolves with them, or null (keys not valid, or the list failed: the pickers say why, and
 * the next listing tries again).
 */
function loadVpcs() {
  if (!api) return Promise.resolve(null);
  if (vpcList.epoch === session.epoch && vpcList.pending) return vpcList.pending;
  const opts = connection();
  if (api.validateOptions('getVpcList', opts).length) return Promise.resolve(null);
  const epoch = session.epoch;
  vpcList.epoch = epoch;
  showVpcs(null, 'Listing your VPCs…');
  vpcList.pending = api.getVpcList(opts).then(
    (result) => {
      if (epoch !== session.epoch) return null;
      vpcList.items = result.vpcList;
      learnVpcs(result.vpcList.map((v) => v.vpcNo));
      showVpcs(result.vpcList);
      return result.vpcList;
    },
    (err) => {
      if (epoch !== session.epoch) return null;
      vpcList.pending = null;
      showVpcs(null, `Your VPCs could not be listed: ${errorLead(err, sendMode())}`);
      return null;
    },
  );
  return vpcList.pending;
}

/** Lists what the keys see: their VPCs first (the pickers, and the side of each peering), then the peerings. */
async function listAll({ firstPage = true } = {}) {
  await loadVpcs();
  peerings.list.refresh({ firstPage });
  if (!el('view-route-tables').hidden) routeTables.list.refresh({ firstPage });
}

// ---------------------------------------------------------------------------------------------------------------
// Create and dry run

function onDryRun() {
  const opts = createOptions();
  if (!validateAll(createForm)) return;
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
    form: createForm,
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
  validateAll: (action, opts) => validateAll(connectionForm(action, opts)),
  epoch: () => session.epoch,
  marks: session.marks,
});

// ---------------------------------------------------------------------------------------------------------------
// The VPC pickers, the create and connect forms, connecting two VPCs (connect.js), the route tables (routes.js)

const createPicker = new VpcPicker(
  { source: 'sourceVpcNo', target: 'targetVpcNo', otherNo: 'otherVpcNo', otherNoBox: 'otherVpcNo-box', otherBox: 'create-other', otherName: 'targetVpcName', otherLogin: 'targetVpcLoginId', blocks: 'create-blocks' },
  { onChange: () => validate(createForm), checksLater: 'NCP refuses an overlapping pair when it receives the request.' },
);

const connectPicker = new VpcPicker(
  {
    source: 'connect-source',
    target: 'connect-target',
    otherNo: 'connect-other-no',
    otherNoBox: 'connect-other-no-box',
    otherBox: 'connect-other',
    otherName: 'connect-target-name',
    otherLogin: 'connect-target-login',
    blocks: 'connect-blocks',
  },
  { onChange: () => validate(connectForm), checksLater: 'With its keys below, the plan reads it and checks before any change.' },
);

/** @type {Form} */
const createForm = formOf({
  name: 'create',
  action: 'createVpcPeeringInstance',
  options: createOptions,
  fields: [...new Set(Object.values(CREATE_INPUTS))],
  inputOf: (slot) => createPicker.inputFor(slot) ?? el(slot),
  errorId: (slot) => `err-${slot}`,
  otherBox: 'err-other',
  extra: () => createPicker.problems(),
});

const CONNECT_FIELD_IDS = Object.fromEntries(Object.entries(CONNECT_INPUTS).map(([id, slot]) => [slot, id]));

const tableChoice = new RouteTableChoice({
  api: () => api,
  epoch: () => session.epoch,
  picker: connectPicker,
  connection,
  otherKeys,
  explain: (err) => errorLead(err, sendMode()),
  // A refusal of none checked goes once its side is listed again (all checked).
  onChange: () => validate(connectForm),
});

/** @type {Form} */
const connectForm = formOf({
  name: 'connect',
  action: 'connectVpcs',
  options: () => connectOptions('connect'),
  fields: [...new Set(Object.values(CONNECT_INPUTS)), ...TABLE_FIELDS],
  inputOf: (slot) => connectPicker.inputFor(slot) ?? tableChoice.inputFor(slot) ?? el(CONNECT_FIELD_IDS[slot]),
  errorId: (slot) => `connect-err-${slot}`,
  otherBox: 'connect-err-other',
  extra: () => [...connectPicker.problems(), ...tableChoice.problems()],
});

/**
 * The same form for a disconnection: the blocks need not be apart to undo a connection, and the tables checked do
 * not matter (every table is looked at).
 */
const disconnectForm = { ...connectForm, action: 'disconnectVpcs', options: () => connectOptions('disconnect'), extra: undefined };

const connect = connectUi({
  api: () => api,
  call: callFromButton,
  picker: connectPicker,
  options: connectOptions,
  forms: { connect: connectForm, disconnect: disconnectForm },
  side: sideFor,
  learnVpcs,
  afterChange: () => peerings.list.refresh(),
  wait: WAIT,
});

const routeTables = routeTablesUi({
  api: () => api,
  connection,
  errorView: (title, err) => errorCard(title, err),
  words: inPageWords,
  epoch: () => session.epoch,
});

/**
 * The page's address picks the view: `#/peering/<no>` a peering's details, `#/connect` connecting two VPCs,
 * `#/route-tables[/<vpcNo>]` the route tables (of one VPC), anything else the peerings. `byUser`: the address
 * changed after the page loaded, so the focus follows to the view's heading.
 */
function route({ byUser = false } = {}) {
  const hash = location.hash;
  const details = /^#\/peering\/(\d{1,20})$/.exec(hash);
  const tables = /^#\/route-tables(?:\/(\d{1,20}))?$/.exec(hash);
  const view = hash === '#/connect' ? 'connect' : tables ? 'route-tables' : 'peerings';
  const changed = el(`view-${view}`).hidden;
  for (const name of Object.keys(VIEWS)) {
    el(`view-${name}`).hidden = name !== view;
    const link = el(`nav-${name}`);
    if (name === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (view !== 'peerings') {
    // The route tables are listed once the VPCs are: a VPC asked for by the address can then be picked.
    const listed = loadVpcs();
    if (tables) listed.then(() => routeTables.open(tables[1] ?? ''));
  } else if (details) {
    peerings.openDetails(details[1]);
    return;
  } else {
    const wasDetails = !el('details').hidden;
    peerings.closeDetails();
    if (wasDetails && byUser) el('peerings-title').focus();
  }
  if (changed && byUser) el(VIEWS[view]).focus();
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
  vpcList.epoch = -1;
  vpcList.items = null;
  vpcList.pending = null;
  showVpcs(null);
  tableChoice.reset();
  connect.reset();
  routeTables.clear('The keys or the endpoint changed: list again to see their route tables.');
  if (!el('details').hidden) location.hash = '#/';
}

/** Lists with the keys in the form once they are complete (Enter in the keys' form, or leaving a changed field). */
function listIfValid() {
  if (api && api.validateOptions('getVpcPeeringInstanceList', connection()).length === 0) listAll();
}

/** Puts keys in the form (a demo button) and lists with them; resolves once their VPCs are listed. */
async function setKeys(accessKey, secretKey) {
  const secretChanged = value('secretKey') !== secretKey;
  el('accessKey').value = accessKey;
  el('secretKey').value = secretKey;
  onIdentityInput(secretChanged ? 'secretKey' : 'accessKey');
  touched.add('accessKey');
  touched.add('secretKey');
  onKeysChanged();
  validate(connectionForm('getVpcList', connection()));
  await listAll();
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
          onclick: async () => {
            await setKeys(ex.keys.accessKey, ex.keys.secretKey);
            createPicker.choose(ex.fields);
            for (const slot of Object.keys(ex.fields)) touched.add(touchKey(createForm, slot));
            validate(createForm);
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
  // The other account's keys for a connection: the demo's throwaway values, like the buttons above.
  fill(
    el('connect-demo-keys'),
    h('span', { class: 'muted small' }, 'Demo:'),
    demo.accounts.map((a) =>
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          dataset: { targetAccount: a.name },
          onclick: () => {
            el('connect-target-access').value = a.accessKey;
            el('connect-target-secret').value = a.secretKey;
            for (const event of ['input', 'change']) el('connect-target-secret').dispatchEvent(new Event(event, { bubbles: true }));
          },
        },
        `Fill ${a.name}’s keys`,
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Start

function onTargetChanged() {
  const target = value('target');
  el('endpoint').hidden = target !== 'custom';
  el('target-hint').textContent = TARGET_HINTS[target]();
  touched.add('endpoint');
  validate(connectionForm('getVpcList', connection()));
  showDemo();
  if (!demo) el('backend').textContent = target === 'forwarder' ? `Forwarder on ${location.host}` : 'Direct to the chosen endpoint';
}

/** Validates `form` as each of its `inputs` (id → option) is used; a field counts once touched. */
function wireForm(form, inputs) {
  for (const [id, slot] of Object.entries(inputs)) {
    const mark = () => {
      touched.add(touchKey(form, slot));
      validate(form);
    };
    for (const event of ['input', 'change', 'blur']) el(id).addEventListener(event, mark);
  }
}

function wire() {
  wireForm(createForm, CREATE_INPUTS);
  wireForm(connectForm, CONNECT_INPUTS);
  // A VPC picked, or the keys to read the other account's: its route tables are listed (not on each key typed).
  el('connect-form').addEventListener('change', () => tableChoice.update());
  for (const slot of TABLE_FIELDS) {
    tableChoice.inputFor(slot).addEventListener('change', () => {
      touched.add(touchKey(connectForm, slot));
      validate(connectForm);
    });
  }
  for (const id of [...CONNECTION_FIELDS, 'endpoint']) {
    const mark = () => {
      touched.add(id);
      validate(connectionForm('getVpcList', connection()));
    };
    for (const event of ['input', 'change', 'blur']) el(id).addEventListener(event, mark);
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
    if (validateAll(connectionForm('getVpcPeeringInstanceList', connection()))) {
      if (location.hash.startsWith('#/peering/')) location.hash = '#/';
      listAll();
      el('peerings-title').focus();
    }
  });
  window.addEventListener('hashchange', () => route({ byUser: true }));
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
  validate(connectionForm('getVpcList', connection()));
  route();
  if (kept) await listAll();
  document.body.dataset.ready = 'true';
}

main();
