// What the console shows: result cards, a peering's details, error cards in the page's words, the signed request
// of a dry run, status badges.
import { h, clock } from './dom.js';
import { capitalized, fieldLabel, inPageWords } from './words.js';

const STATUS_CLASS = { INIT: 'badge-init', CREATING: 'badge-init', RUN: 'badge-run', TERMTING: 'badge-term', GONE: 'badge-gone' };

/** A status badge for a code (`INIT`, `RUN`, `TERMTING`, `GONE`, …). */
export function statusBadge(code, title) {
  return h('span', { class: `badge ${STATUS_CLASS[code] ?? 'badge-none'}`, title, dataset: { status: code } }, code || '?');
}

/**
 * Whether a peering may wait for the other account's answer: INIT between two accounts, the documented facts. (No
 * public source says which operation code it shows then, so an accepted one still INIT looks the same.)
 */
export function awaitsAcceptance(p) {
  return p.vpcPeeringInstanceStatus?.code === 'INIT' && p.isBetweenAccounts === true;
}

function vpcLine(no, name, cidr, login) {
  return h(
    'div',
    { class: 'vpc' },
    h('strong', {}, name || '(unnamed)'),
    h('span', { class: 'muted' }, ` #${no}`),
    h('div', { class: 'mono small' }, cidr || ''),
    login ? h('div', { class: 'muted small' }, login) : null,
  );
}

function fact(label, value, cls) {
  if (value === undefined || value === null || value === '') return null;
  return [h('dt', {}, label), h('dd', { class: cls }, value instanceof Node ? value : String(value))];
}

/** NCP's limit on a description, in UTF-8 bytes. */
export const DESCRIPTION_BYTES = 1000;

/** Shows how many UTF-8 bytes (what NCP counts) `text` takes against the description's limit, in `counter`. */
export function showByteCount(counter, text) {
  const bytes = new TextEncoder().encode(text).length;
  counter.textContent = `${bytes} / ${DESCRIPTION_BYTES} bytes`;
  counter.classList.toggle('over', bytes > DESCRIPTION_BYTES);
}

/** How a peering is named on a button or a link: `web-to-app (#100001)`. */
export function peeringLabel(p) {
  return `${p.vpcPeeringName || 'unnamed'} (#${p.vpcPeeringInstanceNo})`;
}

/** The page address of a peering's details. */
export function detailsHref(no) {
  return `#/peering/${encodeURIComponent(no)}`;
}

const DIRECTIONS = {
  'same-account': { class: 'dir-same', text: () => 'Same account' },
  outgoing: { class: 'dir-out', text: (p) => `Outgoing · to ${p.targetVpcLoginId || 'the other account'}` },
  incoming: { class: 'dir-in', text: (p) => `Incoming · from ${p.sourceVpcLoginId || 'the other account'}` },
  unknown: { class: 'dir-unknown', text: (p) => `Cross-account · ${p.sourceVpcLoginId || '?'} → ${p.targetVpcLoginId || '?'}` },
};

/** The direction of a peering as the keys' account sees it (`side` from side.js `sideOf`). */
export function directionPill(p, side) {
  const d = DIRECTIONS[side] ?? DIRECTIONS.unknown;
  return h('span', { class: `pill ${d.class}`, dataset: { direction: side } }, d.text(p));
}

/** What an INIT cross-account peering waits for, from the side that sees it. */
export function acceptanceNote(p, side) {
  if (!awaitsAcceptance(p)) return null;
  if (side === 'incoming') return `${p.sourceVpcLoginId || 'The other account'} asks to peer: accept or reject it.`;
  if (side === 'outgoing') return `Waiting for ${p.targetVpcLoginId || 'the target account'} to accept.`;
  return `Only ${p.targetVpcLoginId || 'the target account'} can accept or reject it.`;
}

/**
 * What a peering does and does not do, for this one: it is one-way, and nothing flows until routes exist.
 * (NCP's VPC guide; shared/reference/ncp-vpc-routes.md.)
 */
export function oneWayNote(p) {
  const source = p.sourceVpcName || `VPC #${p.sourceVpcNo}`;
  const target = p.targetVpcName || `VPC #${p.targetVpcNo}`;
  return h(
    'p',
    { class: 'callout callout-info', dataset: { note: 'one-way' } },
    h('strong', {}, 'One-way, and no traffic without routes. '),
    `This peering lets ${source} reach ${target}, not the other way: answers (TCP, anything that replies) need the `,
    `reverse peering, ${target} → ${source}. Nothing flows until ${source}’s route tables have a route to `,
    h('span', { class: 'mono' }, p.targetVpcIpv4CidrBlock || 'the target CIDR'),
    ` through this peering, and, for the way back, ${target}’s route tables a route to `,
    h('span', { class: 'mono' }, p.sourceVpcIpv4CidrBlock || 'the source CIDR'),
    ' through the reverse one.',
  );
}

/** The reverse peering as a link to its details, or `none`. */
function reverseLink(p, reverseName) {
  if (!p.hasReverseVpcPeering || !p.reverseVpcPeeringInstanceNo) return 'none';
  const no = p.reverseVpcPeeringInstanceNo;
  return h('a', { href: detailsHref(no), dataset: { reverse: no } }, reverseName ? `${reverseName} (#${no})` : `#${no}`);
}

/**
 * One peering as a card: what an answer says. `side`: the caller's side (side.js), when known; `explainAcceptance`
 * adds what an INIT cross-account peering is waiting for (the call just created it, so it certainly waits).
 */
export function peeringCard(p, { explainAcceptance = false, side } = {}) {
  const status = p.vpcPeeringInstanceStatus ?? {};
  return h(
    'article',
    { class: 'peering-card', dataset: { no: p.vpcPeeringInstanceNo, status: status.code ?? '', ...(explainAcceptance ? { explain: 'true' } : {}) } },
    h(
      'div',
      { class: 'card-title' },
      h('h3', {}, h('a', { href: detailsHref(p.vpcPeeringInstanceNo) }, p.vpcPeeringName || '(unnamed)'), h('span', { class: 'muted' }, ` #${p.vpcPeeringInstanceNo}`)),
      statusBadge(status.code, p.vpcPeeringInstanceStatusName),
    ),
    vpcPair(p),
    h(
      'dl',
      { class: 'facts' },
      fact('Status', statusText(p)),
      fact('Direction', side ? directionPill(p, side) : p.isBetweenAccounts ? 'cross-account' : 'same account'),
      fact('Created', p.createDate, 'mono'),
      fact('Description', p.vpcPeeringDescription),
      p.hasReverseVpcPeering ? fact('Reverse peering', reverseLink(p)) : null,
    ),
    explainAcceptance && awaitsAcceptance(p)
      ? h(
          'p',
          { class: 'callout callout-wait' },
          `Awaiting acceptance by ${p.targetVpcLoginId || 'the target account'}: it stays INIT until that account accepts. `,
          'Enter the receiving account’s keys, refresh the list and click Accept.',
        )
      : null,
  );
}

function vpcPair(p) {
  return h(
    'div',
    { class: 'pair' },
    h('div', {}, h('div', { class: 'label' }, 'Source VPC'), vpcLine(p.sourceVpcNo, p.sourceVpcName, p.sourceVpcIpv4CidrBlock, p.sourceVpcLoginId)),
    h('div', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
    h('div', {}, h('div', { class: 'label' }, 'Target VPC'), vpcLine(p.targetVpcNo, p.targetVpcName, p.targetVpcIpv4CidrBlock, p.targetVpcLoginId)),
  );
}

function statusText(p) {
  const status = p.vpcPeeringInstanceStatus ?? {};
  return [status.code, p.vpcPeeringInstanceStatusName].filter(Boolean).join(' · ');
}

/**
 * A peering's details view: every field of the answer, its direction, its reverse linked, what it waits for, what
 * it needs to carry traffic, and `actions` (the buttons its side allows). `statusCode`: the status to show, when
 * the console knows better than the answer (a deletion it requested); `decided`: this console accepted or rejected it
 * (an accepted peering is still INIT: it waits for nothing more).
 */
export function peeringDetails(p, { side, actions, reverseName, statusCode, decided = false }) {
  const status = { ...p.vpcPeeringInstanceStatus, code: statusCode ?? p.vpcPeeringInstanceStatus?.code };
  const op = p.vpcPeeringInstanceOperation ?? {};
  const waiting = decided ? null : acceptanceNote(p, side);
  return h(
    'article',
    { class: 'details', dataset: { no: p.vpcPeeringInstanceNo, status: status.code ?? '', side } },
    h(
      'div',
      { class: 'card-title' },
      h('h3', { id: 'details-heading', tabindex: '-1' }, p.vpcPeeringName || '(unnamed)', h('span', { class: 'muted' }, ` #${p.vpcPeeringInstanceNo}`)),
      statusBadge(status.code, p.vpcPeeringInstanceStatusName),
    ),
    h('p', { class: 'direction-line' }, directionPill(p, side)),
    waiting ? h('p', { class: 'callout callout-wait', dataset: { waiting: side } }, waiting) : null,
    vpcPair(p),
    h(
      'dl',
      { class: 'facts facts-all' },
      fact('Peering number', p.vpcPeeringInstanceNo, 'mono'),
      fact('Name', p.vpcPeeringName || '(unnamed)'),
      fact('Status', [status.code, p.vpcPeeringInstanceStatusName].filter(Boolean).join(' · ')),
      fact('Status code name', status.codeName),
      fact('Operation', op.code && op.code !== 'NULL' ? `${op.code} (${op.codeName})` : 'none'),
      fact('Region', p.regionCode),
      fact('Across accounts', p.isBetweenAccounts ? 'yes' : 'no'),
      fact('Source VPC', `${p.sourceVpcName} · #${p.sourceVpcNo} · ${p.sourceVpcIpv4CidrBlock}`),
      fact('Source owner', p.sourceVpcLoginId || '—'),
      fact('Target VPC', `${p.targetVpcName} · #${p.targetVpcNo} · ${p.targetVpcIpv4CidrBlock}`),
      fact('Target owner', p.targetVpcLoginId || '—'),
      fact('Reverse peering', reverseLink(p, reverseName)),
      fact('Description', p.vpcPeeringDescription || '—'),
      fact('Created', p.createDate, 'mono'),
      fact('Last modified', p.lastModifyDate || '—', 'mono'),
    ),
    oneWayNote(p),
    h('div', { class: 'details-actions' }, actions),
    rawJson(p),
  );
}

/** A raw-JSON toggle. */
function rawJson(value) {
  return h('details', { class: 'raw' }, h('summary', {}, 'Raw JSON'), h('pre', { class: 'code' }, JSON.stringify(value, null, 2)));
}

/**
 * The answer of a call: a card per peering, the request id, and the raw JSON. `explainAcceptance`: the call just
 * created the peering, so an INIT cross-account one certainly awaits acceptance. `side(p)`: the caller's side.
 */
export function resultView(title, result, { explainAcceptance = false, side } = {}) {
  const list = result.vpcPeeringInstanceList ?? [];
  return h(
    'div',
    { class: 'result', dataset: { kind: 'result' } },
    h(
      'div',
      { class: 'result-head' },
      h('span', { class: 'badge badge-run' }, 'OK'),
      h('h3', { class: 'result-title', tabindex: '-1' }, title),
      h('span', { class: 'muted small mono', title: 'requestId' }, result.requestId ? `requestId ${result.requestId}` : ''),
    ),
    h('p', { class: 'caption muted small' }, `${result.returnMessage || 'success'} (returnCode ${result.returnCode}). Each card follows the peering as Live status polls it.`),
    list.length ? list.map((p) => peeringCard(p, { explainAcceptance, side: side?.(p) })) : h('p', { class: 'empty' }, 'The answer lists no peering.'),
    rawJson(result),
  );
}

const TITLES = {
  ERR_INVALID_OPTION: 'a value is not valid',
  ERR_NCP_API: 'NCP refused the call',
  ERR_HTTP: 'unexpected HTTP answer',
  ERR_BAD_RESPONSE: 'the answer could not be read',
  ERR_NETWORK: 'the request did not get through',
  ERR_TIMEOUT: 'no answer in time',
  ERR_ABORTED: 'stopped',
  ERR_AWAITING_ACCEPTANCE: 'awaiting the other account’s acceptance',
  ERR_NOT_FOUND: 'peering not found',
  ERR_CONFLICT: 'a route is in the way',
};

/**
 * Where the console sends requests, for advice that fits: `forwarder` (this origin's), `site` (an NCP gateway
 * directly) or `custom`; `where` names it.
 * @typedef {{kind: 'forwarder' | 'site' | 'custom', where: string}} SendMode
 */

/** What went wrong, said once, in the page's words (NCP's own text where NCP said it); `mode`: a SendMode. */
export function errorLead(err, mode) {
  switch (err.code) {
    case 'ERR_NCP_API': {
      const parts = [err.returnMessage, err.details].filter((t, i, all) => t && all.indexOf(t) === i);
      return parts.join(': ') || `NCP answered returnCode ${err.returnCode}.`;
    }
    case 'ERR_HTTP':
      return `${capitalized(mode.where)} answered HTTP ${err.status}, which is not an answer from NCP.`;
    case 'ERR_BAD_RESPONSE':
      return `The answer (HTTP ${err.status}) is not the answer NCP gives to this call.`;
    case 'ERR_NETWORK': {
      const cause = err.cause?.message ? `: ${err.cause.message}` : '';
      return `The browser could not reach ${mode.where}${cause}.`;
    }
    case 'ERR_TIMEOUT':
      return 'No answer came within the time limit.';
    default:
      return inPageWords(err.message);
  }
}

/** Advice for the person at the keyboard, when there is more to say, fitting where requests go (`mode`). */
function explain(err, signedAt, mode) {
  if (err.code === 'ERR_NCP_API' && err.status === 401 && String(err.returnCode) === '200') {
    return [
      h('strong', {}, 'HTTP 401 means the gateway did not accept the signature. '),
      'Either the access key or the secret key is wrong (a wrong secret key still makes a well-formed signature, just not the one ',
      'the gateway computes with the real one), or this computer’s clock is off: the gateway rejects a timestamp more than ',
      `5 minutes from its own. This request was signed at ${clock(signedAt)} by your clock (${signedAt.toISOString()}).`,
    ];
  }
  if (err.code === 'ERR_NCP_API' && err.status === 401) {
    return 'The keys were accepted but they lack the permission for this call (a sub-account needs the VPC permission).';
  }
  if (err.code === 'ERR_NCP_API' && (err.status === 429 || err.status === 503 || err.status === 504 || String(err.returnCode) === '1000')) {
    return 'The service is busy: try again in a moment. A change (create, accept, delete…) is not retried automatically, since a retried create could make a second peering.';
  }
  if (err.code === 'ERR_NETWORK') {
    if (mode.kind === 'forwarder') return 'The forwarder on this page’s own origin did not answer: is it still running (make demo, or your Worker)?';
    if (mode.kind === 'site') {
      return 'A site picked directly works only if its gateway allows this page by CORS, which is not known to be the case: pick “Forwarder (this origin)” under Send requests to.';
    }
    return 'Check the custom endpoint: it must be up, allow this page by CORS, and be this page’s own origin or an NCP gateway (the page’s policy lets it reach nothing else).';
  }
  if (err.code === 'ERR_HTTP' && err.status === 404) {
    return mode.kind === 'forwarder'
      ? 'The forwarder passes on only /vpc/v2/<action>: a 404 means it does not know this call.'
      : 'Nothing answers /vpc/v2/<action> there: check the endpoint and its path.';
  }
  if (err.code === 'ERR_HTTP' && err.status === 502 && mode.kind === 'forwarder') {
    return 'The forwarder answered, but it could not reach the NCP gateway it forwards to.';
  }
  return null;
}

/**
 * An error card: what went wrong once in the page's words, then the facts not said yet (HTTP status, returnCode,
 * requestId, the field, attempts, the body), then advice fitting `mode` (where requests go, a SendMode).
 */
export function errorView(title, err, signedAt = new Date(), mode = { kind: 'forwarder', where: 'the forwarder' }) {
  const isApi = err && typeof err === 'object' && typeof err.code === 'string';
  if (!isApi) {
    return h(
      'div',
      { class: 'result result-error', dataset: { kind: 'error' } },
      h('div', { class: 'result-head' }, h('h3', { class: 'result-title', tabindex: '-1' }, title)),
      h('p', {}, String(err?.message ?? err)),
    );
  }
  const more = explain(err, signedAt, mode);
  const authFailed = err.status === 401 && String(err.returnCode) === '200';
  return h(
    'div',
    { class: 'result result-error', dataset: { kind: 'error', code: err.code, status: err.status ?? '' } },
    h(
      'div',
      { class: 'result-head' },
      h('span', { class: 'badge badge-err' }, err.code),
      h('h3', { class: 'result-title', tabindex: '-1' }, `${title}: ${authFailed ? 'authentication failed' : (TITLES[err.code] ?? 'error')}`),
    ),
    h('p', { class: 'message' }, errorLead(err, mode)),
    h(
      'dl',
      { class: 'facts' },
      fact('HTTP status', err.status, 'mono'),
      fact('returnCode', err.returnCode, 'mono'),
      fact('requestId', err.requestId, 'mono'),
      fact('Field', err.field ? fieldLabel(err.field) : null),
      fact('Attempts', err.attempts, 'mono'),
      fact('Body', err.bodySnippet, 'mono'),
    ),
    more ? h('p', { class: 'callout callout-error', dataset: { explain: err.code } }, more) : null,
  );
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(text) {
  return `'${String(text).replace(/'/g, `'\\''`)}'`;
}

/** The request line and headers of a signed request, as on the wire. */
export function httpText(req) {
  const url = new URL(req.url);
  const lines = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${value}`);
  if (req.body !== null && req.body !== undefined) lines.push('', req.body);
  return lines.join('\n');
}

/** A curl command sending the same request. */
export function curlText(req) {
  const lines = [['curl', '-sS', req.method !== 'GET' ? `-X ${req.method}` : null, shellQuote(req.url)].filter(Boolean).join(' ')];
  for (const [name, value] of Object.entries(req.headers)) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (req.body !== null && req.body !== undefined) lines.push(`--data-raw ${shellQuote(req.body)}`);
  return lines.join(' \\\n  ');
}

/** The dry run: the request as sent, the string that was signed, a curl line. The secret key is in none of them. */
export function signedRequestView(req, onCopy) {
  const url = new URL(req.url);
  const timestamp = req.headers['x-ncp-apigw-timestamp'];
  const stringToSign = `${req.method} ${url.pathname}${url.search}\n${timestamp}\n${req.headers['x-ncp-iam-access-key']}`;
  const curl = curlText(req);
  return h(
    'div',
    { class: 'result', dataset: { kind: 'signed-request' } },
    h('div', { class: 'result-head' }, h('span', { class: 'badge badge-none' }, 'DRY RUN'), h('h3', { class: 'result-title', tabindex: '-1' }, 'Signed request: nothing was sent')),
    h('div', { class: 'label' }, 'Request'),
    h('pre', { class: 'code', id: 'signed-http' }, httpText(req)),
    h('div', { class: 'label' }, 'String to sign (HMAC-SHA256 with the secret key, then base64)'),
    h('pre', { class: 'code' }, stringToSign),
    h('div', { class: 'label label-row' }, 'curl', h('button', { type: 'button', class: 'link', onclick: () => onCopy(curl) }, 'Copy')),
    h('pre', { class: 'code', id: 'signed-curl' }, curl),
    h(
      'p',
      { class: 'muted small' },
      `Signed at ${clock(new Date(Number(timestamp)))}: the gateway accepts it for about 5 minutes. `,
      'The secret key made the signature and is not part of the request; the access key and the signature are.',
    ),
  );
}
