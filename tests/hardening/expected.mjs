// What each case of the fault matrix (matrix.mjs) must give: the documented `code` and properties
// (pkg-template/index.d.ts, NcloudVpcError). docs/security.md carries the same table.
//
//   status / returnCode / returnMessage: exact values; details / message / bodySnippet: a RegExp;
//   cause: true when `err.cause` must be set (fetch's error, or the signal's reason); attempts: exact.
// `runtimes` overrides an expectation in one runtime ('workerd'), where fetch reports a broken body its own way.

export const EXPECTED = {
  'gateway 401: bad signature': {
    code: 'ERR_NCP_API', status: 401, returnCode: '200', returnMessage: 'Authentication Failed', details: /Signature mismatch/, attempts: 1,
  },
  'gateway 401: skewed clock': {
    code: 'ERR_NCP_API', status: 401, returnCode: '200', returnMessage: 'Authentication Failed', details: /Timestamp out of range/, attempts: 1,
  },
  'gateway 401: unknown key': {
    code: 'ERR_NCP_API', status: 401, returnCode: '200', returnMessage: 'Authentication Failed', details: /Invalid access key/, attempts: 1,
  },
  'gateway 401 in XML (<Message> wrapper)': {
    code: 'ERR_NCP_API', status: 401, returnCode: '200', returnMessage: 'Authentication Failed', details: /fault injected/, attempts: 1,
  },
  'gateway 429': { code: 'ERR_NCP_API', status: 429, returnCode: '420', returnMessage: 'Rate Limited', details: /./, attempts: 1 },
  'gateway 503': { code: 'ERR_NCP_API', status: 503, returnCode: '500', returnMessage: 'Endpoint Error', details: /./, attempts: 1 },
  'gateway 504': { code: 'ERR_NCP_API', status: 504, returnCode: '510', returnMessage: 'Endpoint Timeout', details: /./, attempts: 1 },
  'service responseError, XML': { code: 'ERR_NCP_API', status: 400, returnCode: 'EMU_CIDR_OVERLAP', returnMessage: /overlap/, attempts: 1 },
  'service responseError, JSON': { code: 'ERR_NCP_API', status: 400, returnCode: 'EMU_CIDR_OVERLAP', returnMessage: /overlap/, attempts: 1 },
  'service responseError 1000 (HTTP 500), XML': {
    code: 'ERR_NCP_API', status: 500, returnCode: '1000', returnMessage: 'Please try your call again later', message: /try again later/, attempts: 1,
  },
  'service responseError 1000 (HTTP 500), JSON': {
    code: 'ERR_NCP_API', status: 500, returnCode: '1000', returnMessage: 'Please try your call again later', message: /try again later/, attempts: 1,
  },
  '2xx with non-zero returnCode, XML': { code: 'ERR_NCP_API', status: 200, returnCode: 'EMU_RETURN_CODE_NONZERO', requestId: /./, attempts: 1 },
  '2xx with non-zero returnCode, JSON': { code: 'ERR_NCP_API', status: 200, returnCode: 'EMU_RETURN_CODE_NONZERO', requestId: /./, attempts: 1 },
  'HTML 502 page': { code: 'ERR_HTTP', status: 502, bodySnippet: /502 Bad Gateway/, attempts: 1 },
  'empty 200': { code: 'ERR_BAD_RESPONSE', status: 200, bodySnippet: /^$/, message: /empty body/, attempts: 1 },
  'truncated body (Content-Length not reached)': {
    // Headers arrived (status 200), then fetch rejected the body read: in Node undici's "terminated"
    // (UND_ERR_RES_CONTENT_LENGTH_MISMATCH), in workerd "Network connection lost.". Never a cut text parsed as
    // ERR_BAD_RESPONSE: both runtimes check Content-Length.
    code: 'ERR_NETWORK', status: 200, cause: true, message: /could not read the whole answer/, attempts: 1,
  },
  'binary garbage': { code: 'ERR_BAD_RESPONSE', status: 200, bodySnippet: /./, attempts: 1 },
  'answer slower than timeoutMs': { code: 'ERR_TIMEOUT', message: /timed out after 200 ms/, attempts: 1, maxElapsedMs: 2000 },
  'abort by the caller, mid-flight': { code: 'ERR_ABORTED', cause: /the caller gave up/, attempts: 1, maxElapsedMs: 2000 },
  // Nothing is sent (the emulator logs no request), so no attempt is counted.
  'abort by the caller, before the call': { code: 'ERR_ABORTED', cause: /aborted up front/, attempts: 0 },
  'connection refused': {
    code: 'ERR_NETWORK', cause: true, message: /could not reach http:\/\/127\.0\.0\.1:\d+\/vpc\/v2\/getVpcPeeringInstanceList/, attempts: 1,
    runtimes: { node: { message: /could not reach http:\/\/127\.0\.0\.1:\d+\/vpc\/v2\/getVpcPeeringInstanceList: fetch failed \(connect ECONNREFUSED/ } },
  },
  'connection dropped before the answer': { code: 'ERR_NETWORK', cause: true, message: /could not reach/, attempts: 1 },
  'connection dropped before the answer, POST': { code: 'ERR_NETWORK', cause: true, message: /could not reach/, attempts: 1 },
  'connection dropped mid-body': {
    // Headers arrived (status 200), then the socket closed inside the chunked body.
    code: 'ERR_NETWORK', status: 200, cause: true, message: /could not read the whole answer/, attempts: 1,
  },
  'answer echoing the secret key and signature (HTTP 502)': { code: 'ERR_HTTP', status: 502, bodySnippet: /\[redacted\]/, attempts: 1 },
  'gateway error echoing the secret key and signature (HTTP 401)': {
    code: 'ERR_NCP_API', status: 401, returnCode: '200', details: /\[redacted\]/, message: /\[redacted\]/, attempts: 1,
  },
  'redirect whose Location echoes the secret key and signature (HTTP 302)': {
    // Only the target's origin is quoted: the percent-encoded signature in its query never reaches the message.
    code: 'ERR_HTTP', status: 302, message: /answered 302 \(a redirect to https:\/\/elsewhere\.example\); the API never redirects/, attempts: 1,
  },
  'answer over maxResponseBytes': {
    code: 'ERR_BAD_RESPONSE', status: 200, message: /larger than maxResponseBytes \(1024 bytes\): the download was cancelled at 4096 bytes/, attempts: 1,
  },
  // Round two, the core (issue 11): each field at fault is named, in `field` and in the message.
  'totalRows out of range (4294967296)': {
    code: 'ERR_BAD_RESPONSE', status: 200, field: 'totalRows', message: /an answer whose totalRows is not a whole number from 0 to 4294967295$/, attempts: 1,
  },
  'an instance number beyond 2^53, as a JSON number': {
    code: 'ERR_BAD_RESPONSE', status: 200, field: 'vpcPeeringInstanceNo', message: /an answer whose vpcPeeringInstanceNo is not text$/, attempts: 1,
  },
  'a create answer without its peering (returnCode 0, no list)': {
    code: 'ERR_BAD_RESPONSE', status: 200, field: 'vpcPeeringInstanceList', message: /holds no instance$/, attempts: 1,
  },
  'a field given twice (returnCode "0", then "1")': {
    code: 'ERR_BAD_RESPONSE', status: 200, field: 'returnCode', message: /an answer whose returnCode appears twice$/, attempts: 1,
  },
  'XML with a DOCTYPE that declares an entity': {
    code: 'ERR_BAD_RESPONSE', status: 200, field: 'requestId', message: /unknown entity/, attempts: 1,
  },
  'an answer in UTF-16': { code: 'ERR_BAD_RESPONSE', status: 200, message: /a body that is not UTF-8 text$/, bodySnippet: /\u{FFFD}/u, attempts: 1 },
  'gateway 401 with 3 MB of details': {
    // Each text the server sent is cut to 1,000 characters, marked where cut.
    code: 'ERR_NCP_API', status: 401, returnCode: '200', details: /^(denied ){142}denied… \[cut: 3144723 more characters\]$/,
    message: /details: (denied ){142}denied… \[cut: 3144723 more characters\]$/, attempts: 1,
  },
  'gateway 401 echoing the signature JSON-escaped and percent-encoded': {
    code: 'ERR_NCP_API', status: 401, returnCode: '200', details: /^\[redacted\] \[redacted\] \[redacted\]$/, attempts: 1,
  },
};

const PROPS = ['field', 'status', 'returnCode', 'returnMessage', 'details', 'requestId', 'bodySnippet', 'message', 'attempts'];

/** The expectation of `name` in `runtime` ('node' or 'workerd'). */
export function expectationOf(name, runtime) {
  const { runtimes, ...base } = EXPECTED[name];
  return { ...base, ...(runtimes?.[runtime] ?? {}) };
}

/** Problems of one matrix record against its expectation: [] when it matches. */
export function problemsOf(record, runtime) {
  const want = expectationOf(record.name, runtime);
  const problems = [];
  if (record.resolved) return ['resolved instead of rejecting'];
  const err = record.error;
  if (!record.isError) problems.push(`not an Error: ${err.notAnError}`);
  if (err.name !== 'NcloudVpcError') problems.push(`name ${err.name}`);
  if (err.code !== want.code) problems.push(`code ${err.code}, expected ${want.code} (${err.message})`);
  for (const key of PROPS) {
    if (!(key in want)) continue;
    const expected = want[key];
    const actual = err[key];
    const ok = expected instanceof RegExp ? typeof actual === 'string' && expected.test(actual) : actual === expected;
    if (!ok) problems.push(`${key} ${JSON.stringify(actual)}, expected ${expected}`);
  }
  if (want.status === undefined && err.status !== undefined && want.code !== 'ERR_NETWORK') problems.push(`unexpected status ${err.status}`);
  if (want.cause === true && !err.cause) problems.push('no cause');
  if (want.cause instanceof RegExp && !want.cause.test(err.cause?.message ?? err.cause?.value ?? '')) {
    problems.push(`cause ${JSON.stringify(err.cause)}, expected ${want.cause}`);
  }
  // 200 characters as Unicode code points (Rust `char`s): random bytes can decode to astral characters, which are
  // two UTF-16 units each in `.length`. A longer body is marked where cut.
  if (typeof err.bodySnippet === 'string' && [...err.bodySnippet.split('… [cut: ')[0]].length > 200) problems.push('bodySnippet over 200 characters');
  if (want.maxElapsedMs && record.elapsedMs > want.maxElapsedMs) problems.push(`took ${record.elapsedMs} ms`);
  if (record.leaks.length > 0) problems.push(`LEAK: ${record.leaks.join('; ')}`);
  if (!record.checkedSignature) problems.push('the signature to look for was not computed');
  if (!record.nextOk) problems.push(`the next call failed: ${record.nextError}`);
  return problems;
}

/** The matrix as a Markdown table (case, code, properties), for docs/security.md. */
export function markdownTable(records) {
  const rows = records.map((r) => {
    const e = r.error ?? {};
    const props = ['status', 'returnCode', 'returnMessage']
      .filter((k) => e[k] !== undefined)
      .map((k) => `${k} ${JSON.stringify(e[k])}`);
    if (e.details !== undefined) props.push('details');
    if (e.requestId !== undefined) props.push('requestId');
    if (e.bodySnippet !== undefined) props.push('bodySnippet');
    if (e.cause !== undefined) props.push(`cause (${e.cause.name ?? 'value'}${e.cause.code ? ` ${e.cause.code}` : ''})`);
    props.push(`attempts ${e.attempts}`);
    return `| ${r.name} | \`${e.code}\` | ${props.join(', ')} | ${r.nextOk ? 'yes' : 'NO'} |`;
  });
  return ['| case | code | properties | next call ok |', '|---|---|---|---|', ...rows].join('\n');
}
