// What the console shows: result cards, error cards, the signed request of a dry run, status badges.
import { h, clock } from './dom.js';

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
  return [h('dt', {}, label), h('dd', { class: cls }, String(value))];
}

/** One peering as a card; `explainAcceptance` adds what an INIT cross-account peering is waiting for. */
export function peeringCard(p, { explainAcceptance = false } = {}) {
  const status = p.vpcPeeringInstanceStatus ?? {};
  const op = p.vpcPeeringInstanceOperation ?? {};
  return h(
    'article',
    { class: 'peering-card', dataset: { no: p.vpcPeeringInstanceNo } },
    h(
      'div',
      { class: 'card-title' },
      h('h3', {}, p.vpcPeeringName || '(unnamed)', h('span', { class: 'muted' }, ` #${p.vpcPeeringInstanceNo}`)),
      statusBadge(status.code, p.vpcPeeringInstanceStatusName),
    ),
    h(
      'div',
      { class: 'pair' },
      h('div', {}, h('div', { class: 'label' }, 'Source VPC'), vpcLine(p.sourceVpcNo, p.sourceVpcName, p.sourceVpcIpv4CidrBlock, p.sourceVpcLoginId)),
      h('div', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      h('div', {}, h('div', { class: 'label' }, 'Target VPC'), vpcLine(p.targetVpcNo, p.targetVpcName, p.targetVpcIpv4CidrBlock, p.targetVpcLoginId)),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact('Status', [status.code, p.vpcPeeringInstanceStatusName].filter(Boolean).join(' · ')),
      fact('Operation', op.code && op.code !== 'NULL' ? `${op.code} (${op.codeName})` : 'none'),
      fact('Region', p.regionCode),
      fact('Across accounts', p.isBetweenAccounts ? 'yes' : 'no'),
      fact('Created', p.createDate, 'mono'),
      fact('Modified', p.lastModifyDate, 'mono'),
      fact('Description', p.vpcPeeringDescription),
      p.hasReverseVpcPeering ? fact('Reverse peering', `#${p.reverseVpcPeeringInstanceNo}`) : null,
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

/** A raw-JSON toggle. */
function rawJson(value) {
  return h('details', { class: 'raw' }, h('summary', {}, 'Raw JSON'), h('pre', { class: 'code' }, JSON.stringify(value, null, 2)));
}

/** The answer of a call: a card per peering, the request id, and the raw JSON. */
/** `explainAcceptance`: the call just created the peering, so an INIT cross-account one certainly awaits acceptance. */
export function resultView(title, result, { explainAcceptance = false } = {}) {
  const list = result.vpcPeeringInstanceList ?? [];
  return h(
    'div',
    { class: 'result', dataset: { kind: 'result' } },
    h(
      'div',
      { class: 'result-head' },
      h('span', { class: 'badge badge-run' }, 'OK'),
      h('h3', {}, title),
      h('span', { class: 'muted small mono', title: 'requestId' }, result.requestId ? `requestId ${result.requestId}` : ''),
    ),
    h('p', { class: 'caption muted small' }, `${result.returnMessage || 'success'} (returnCode ${result.returnCode}). The peering as the call answered; Live status follows it from here.`),
    list.length ? list.map((p) => peeringCard(p, { explainAcceptance })) : h('p', { class: 'empty' }, 'The answer lists no peering.'),
    rawJson(result),
  );
}

const TITLES = {
  ERR_INVALID_OPTION: 'Invalid option',
  ERR_NCP_API: 'The API refused the call',
  ERR_HTTP: 'Unexpected HTTP answer',
  ERR_BAD_RESPONSE: 'The answer could not be read',
  ERR_NETWORK: 'The request did not get through',
  ERR_TIMEOUT: 'Timed out',
  ERR_ABORTED: 'Stopped',
  ERR_AWAITING_ACCEPTANCE: 'Awaiting the other account’s acceptance',
  ERR_NOT_FOUND: 'Peering not found',
};

/** What an error means for the person at the keyboard, when there is more to say than its message. */
function explain(err, signedAt) {
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
    return 'The service is busy: try again in a moment. A create is not retried automatically, since a retried create could make a second peering.';
  }
  if (err.code === 'ERR_NETWORK') {
    return 'Is the forwarder running? A site picked “directly” needs the NCP gateway to allow this page by CORS (unknown), and this page’s policy lets it reach only its own origin and the NCP gateways.';
  }
  if (err.code === 'ERR_HTTP' && err.status === 404) {
    return 'The forwarder passes on only /vpc/v2/<action>: check the endpoint.';
  }
  return null;
}

/** An error card: code, HTTP status, returnCode, message, requestId and the rest of its facts. */
export function errorView(title, err, signedAt = new Date()) {
  const isApi = err && typeof err === 'object' && typeof err.code === 'string';
  if (!isApi) {
    return h('div', { class: 'result result-error', dataset: { kind: 'error' } }, h('div', { class: 'result-head' }, h('h3', {}, title)), h('p', {}, String(err?.message ?? err)));
  }
  const more = explain(err, signedAt);
  return h(
    'div',
    { class: 'result result-error', dataset: { kind: 'error', code: err.code, status: err.status ?? '' } },
    h(
      'div',
      { class: 'result-head' },
      h('span', { class: 'badge badge-err' }, err.code),
      h('h3', {}, `${title}: ${err.status === 401 && String(err.returnCode) === '200' ? 'authentication failed (HTTP 401)' : (TITLES[err.code] ?? 'error')}`),
    ),
    h('p', { class: 'message' }, err.message),
    h(
      'dl',
      { class: 'facts' },
      fact('code', err.code, 'mono'),
      fact('HTTP status', err.status, 'mono'),
      fact('returnCode', err.returnCode, 'mono'),
      fact('returnMessage', err.returnMessage),
      fact('details', err.details),
      fact('requestId', err.requestId, 'mono'),
      fact('field', err.field, 'mono'),
      fact('attempts', err.attempts, 'mono'),
      fact('body', err.bodySnippet, 'mono'),
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
    h('div', { class: 'result-head' }, h('span', { class: 'badge badge-none' }, 'DRY RUN'), h('h3', {}, 'Signed request: nothing was sent')),
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
