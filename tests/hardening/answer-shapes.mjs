// Answer bodies of a chosen size and shape, XML or JSON: the realistic ones and the hostile ones a gateway under an
// attacker's control could send. Shared by memory.test.mjs (the wasm's peak memory per answer), core.test.mjs and
// bench/hostile-xml.mjs (parse time per byte as the body grows).

/** The default answer size limit (`maxResponseBytes`): 4 MiB. */
export const LIMIT = 4 * 1024 * 1024;

const ROOT = 'getVpcPeeringInstanceListResponse';

/** The sample instance of the API page, every documented field, with the given number. */
export function fullInstance(no) {
  return {
    vpcPeeringInstanceNo: String(no),
    vpcPeeringName: 'test-peer',
    regionCode: 'KR',
    createDate: '2020-08-07T17:53:06+0900',
    lastModifyDate: '2020-08-05T20:53:16+0900',
    vpcPeeringInstanceStatus: { code: 'RUN', codeName: 'run' },
    vpcPeeringInstanceStatusName: '운영중',
    vpcPeeringInstanceOperation: { code: 'NULL', codeName: 'NULL OP' },
    sourceVpcNo: '10001',
    sourceVpcName: 'web-vpc',
    sourceVpcIpv4CidrBlock: '10.1.0.0/16',
    sourceVpcLoginId: 'alice@example.com',
    targetVpcNo: '10002',
    targetVpcName: 'db-vpc',
    targetVpcIpv4CidrBlock: '10.2.0.0/16',
    targetVpcLoginId: 'alice@example.com',
    vpcPeeringDescription: '',
    hasReverseVpcPeering: false,
    isBetweenAccounts: false,
    reverseVpcPeeringInstanceNo: '',
  };
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An object as XML elements (nested objects as nested elements). */
function xmlOf(object) {
  return Object.entries(object)
    .map(([key, value]) => `<${key}>${typeof value === 'object' ? xmlOf(value) : escapeXml(String(value))}</${key}>`)
    .join('');
}

/** A whole answer around `list` (instance objects), `extraRoot` (more root fields, as raw XML/JSON text). */
function answer(format, list, { extraRoot = '', totalRows = list.length, root = ROOT } = {}) {
  if (format === 'json') {
    const items = list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(',');
    return `{"${root}":{"requestId":"r-1","returnCode":"0","returnMessage":"success","totalRows":${totalRows}${extraRoot ? `,${extraRoot}` : ''},"vpcPeeringInstanceList":[${items}]}}`;
  }
  const items = list.map((item) => (typeof item === 'string' ? item : `<vpcPeeringInstance>${xmlOf(item)}</vpcPeeringInstance>`)).join('');
  return `<${root}><requestId>r-1</requestId><returnCode>0</returnCode><returnMessage>success</returnMessage><totalRows>${totalRows}</totalRows>${extraRoot}<vpcPeeringInstanceList>${items}</vpcPeeringInstanceList></${root}>`;
}

/** `count` copies of `unit` such that `head + units + tail` is about `bytes` long (UTF-8). */
function fill(bytes, head, unit, tail) {
  const room = Math.max(0, bytes - Buffer.byteLength(head) - Buffer.byteLength(tail));
  return head + unit.repeat(Math.max(1, Math.floor(room / Buffer.byteLength(unit)))) + tail;
}

/** A body of at most `bytes` made of as many items `item(0)`, `item(1)`, … as fit, wrapped in an answer. */
function repeated(format, bytes, item) {
  // (less room for the digits of totalRows)
  let room = bytes - Buffer.byteLength(answer(format, [])) - 16;
  const list = [];
  for (let i = 0; ; i++) {
    const one = item(i);
    const size = Buffer.byteLength(format === 'json' ? `${JSON.stringify(one)},` : `<vpcPeeringInstance>${xmlOf(one)}</vpcPeeringInstance>`);
    if (size > room) break;
    room -= size;
    list.push(one);
  }
  return answer(format, list);
}

/** One instance whose description fills the body with copies of `unit`. */
function hugeDescription(format, bytes, unit, root = ROOT) {
  const [head, tail] = answer(format, [{ ...fullInstance(1), vpcPeeringDescription: '\u0000' }], { root }).split(format === 'json' ? '\\u0000' : '\u0000');
  const encoded = format === 'json' ? JSON.stringify(unit).slice(1, -1) : escapeXml(unit);
  return fill(bytes, head, encoded, tail);
}

/** Nested unknown content `depth` deep, repeated to fill the body (as an unknown root field). */
function deepUnknown(format, bytes, depth) {
  const unit = format === 'json'
    ? `"u":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)},`
    : `${'<a>'.repeat(depth)}1${'</a>'.repeat(depth)}`;
  if (format === 'json') {
    const body = fill(bytes, `{"${ROOT}":{`, unit, '"returnCode":"0","totalRows":0,"vpcPeeringInstanceList":[]}}');
    return body;
  }
  return fill(bytes, `<${ROOT}><returnCode>0</returnCode><totalRows>0</totalRows><u>`, unit, `</u><vpcPeeringInstanceList/></${ROOT}>`);
}

/** A container holding a long run of blanks, then `letter`, then many child elements (keys in JSON). */
function blanksThenChildren(format, bytes, letter) {
  const child = format === 'json' ? '"x":1,' : '<x></x>';
  const count = Math.max(1, Math.floor(bytes / 4 / child.length));
  const blanks = ' '.repeat(Math.max(0, bytes - count * child.length - 200));
  return format === 'json'
    ? `{"${ROOT}":{${blanks}${letter}${child.repeat(count)}"returnCode":"0","totalRows":0}}`
    : `<${ROOT}>${blanks}${letter}${child.repeat(count)}<returnCode>0</returnCode><totalRows>0</totalRows></${ROOT}>`;
}

/** A gateway error body whose details fill `bytes`. */
function hugeGatewayError(format, bytes) {
  return format === 'json'
    ? fill(bytes, '{"error":{"errorCode":"200","message":"Authentication Failed","details":"', 'denied ', '"}}')
    : fill(bytes, '<Message><error><errorCode>200</errorCode><message>Authentication Failed</message><details>', 'denied ', '</details></error></Message>');
}

/**
 * The shapes, by name: `make(format, bytes) => body`, each an answer a server could send to `action` (default
 * getVpcPeeringInstanceList) with `status` (default 200). `code` is the error code it must reject with, `null` when
 * the package must resolve with it.
 */
export const SHAPES = {
  'full instances': { code: null, make: (f, n) => repeated(f, n, (i) => fullInstance(30000 + i)) },
  'minimal instances': {
    code: null,
    make: (f, n) => repeated(f, n, (i) => ({ vpcPeeringInstanceNo: String(i + 1), vpcPeeringInstanceStatus: { code: 'RUN' } })),
  },
  'empty instances': { code: 'ERR_BAD_RESPONSE', make: (f, n) => repeated(f, n, () => ({})) },
  'one huge ASCII description': { code: null, make: (f, n) => hugeDescription(f, n, 'peering ') },
  'one huge Korean description': { code: null, make: (f, n) => hugeDescription(f, n, '피어링') },
  'one huge 2-byte description': { code: null, make: (f, n) => hugeDescription(f, n, 'é') },
  'one huge astral description': { code: null, make: (f, n) => hugeDescription(f, n, '😀') },
  'escape-heavy description': { code: null, make: (f, n) => hugeDescription(f, n, '"\\\n') },
  'many unknown fields in each instance': {
    code: null,
    make: (f, n) => repeated(f, n, (i) => {
      const instance = { vpcPeeringInstanceNo: String(i + 1), vpcPeeringInstanceStatus: { code: 'RUN' } };
      for (let k = 0; k < 20; k++) instance[`unknown${k}`] = k;
      return instance;
    }),
  },
  'unknown nesting 20 deep': { code: null, make: (f, n) => deepUnknown(f, n, 20) },
  'nesting beyond any limit': {
    code: 'ERR_BAD_RESPONSE',
    make: (f, n) => (f === 'json' ? `{"${ROOT}":${'['.repeat(n - 40)}` : `<${ROOT}>${'<a>'.repeat(Math.floor((n - 40) / 3))}`),
  },
  'blanks before many children': {
    code: null,
    make: (f, n) => blanksThenChildren(f, n, ''),
  },
  'blanks, a letter, then many children': {
    // The quadratic shape of issue 11 (#3): the parser re-scanned the blanks before each child (over 2 s at 264 KB).
    code: 'ERR_BAD_RESPONSE',
    make: (f, n) => blanksThenChildren(f, n, 'y'),
  },
  'detail with one huge description': {
    // A detail answer's instance is also kept as a value (a wait judges it).
    code: null,
    action: 'getVpcPeeringInstanceDetail',
    make: (f, n) => hugeDescription(f, n, 'é', 'getVpcPeeringInstanceDetailResponse'),
  },
  'huge returnMessage': {
    code: null,
    make: (f, n) => {
      const [head, tail] = answer(f, [fullInstance(1)]).split('success');
      return fill(n, head, 'é', tail);
    },
  },
  'gateway 401 with huge details': { code: 'ERR_NCP_API', status: 401, make: hugeGatewayError },
  'HTML 502 page': { code: 'ERR_HTTP', status: 502, make: (f, n) => fill(n, '<html><body>', '<p>Bad Gateway</p>', '</body></html>') },
};

/**
 * XML shapes for the parse-time benchmark (bench/hostile-xml.mjs): `(bytes) => body`, each about `bytes` long.
 * Linear parsing means the same time per byte at every size.
 */
export const HOSTILE_XML = {
  'blanks, a letter, then many children (issue 11)': (n) => blanksThenChildren('xml', n, 'y'),
  'blanks before many children': (n) => blanksThenChildren('xml', n, ''),
  'many attributes': (n) => fill(n, `<${ROOT}><x`, ' a="&amp;b"', `/><returnCode>0</returnCode></${ROOT}>`),
  'many comments and PIs': (n) => fill(n, `<${ROOT}><returnMessage>`, 'a<!-- c --><?p i?>', `</returnMessage><returnCode>0</returnCode></${ROOT}>`),
  'many entity references': (n) => fill(n, `<${ROOT}><returnMessage>`, '&amp;&#x41;&lt;', `</returnMessage><returnCode>0</returnCode></${ROOT}>`),
  'many CDATA sections': (n) => fill(n, `<${ROOT}><returnMessage>`, '<![CDATA[<a>]]>', `</returnMessage><returnCode>0</returnCode></${ROOT}>`),
  'one long text': (n) => hugeDescription('xml', n, 'peering '),
  'long element names': (n) => fill(n, `<${ROOT}>`, `<${'n'.repeat(4000)}/>`, `<returnCode>0</returnCode></${ROOT}>`),
  'nesting 30 deep, repeated': (n) => fill(n, `<${ROOT}>`, `${'<a>'.repeat(30)}${'</a>'.repeat(30)}`, `<returnCode>0</returnCode></${ROOT}>`),
  'many full instances': (n) => SHAPES['full instances'].make('xml', n),
};
