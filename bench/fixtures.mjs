// The two answers the bench replays: the ~2 KB createVpcPeeringInstance sample (tests/fixtures/create-sample.xml)
// and a getVpcPeeringInstanceList answer of 100 instances generated from it. Pure functions of the sample text, so
// Node, the workerd bundle and the Chromium page all build the same bytes.

const STATUS = [
  ['INIT', 'init', 'Creating', 'CREAT', 'CREATE OP'],
  ['RUN', 'run', 'Running', 'NULL', 'NULL OP'],
  ['TERMTING', 'terminating', 'Terminating', 'TERMT', 'TERMINATE OP'],
  ['INIT', 'init', '수락 대기중', 'NULL', 'NULL OP'],
];

const set = (block, tag, value) => block.replace(new RegExp(`<${tag}>[^<]*</${tag}>`), `<${tag}>${value}</${tag}>`);

/** The sample turned into a getVpcPeeringInstanceList answer with `count` varied instances (~1.7 KB each). */
export function makeListAnswer(sample, count = 100) {
  const open = sample.indexOf('<vpcPeeringInstance>');
  const close = sample.indexOf('</vpcPeeringInstance>') + '</vpcPeeringInstance>'.length;
  const one = sample.slice(open, close);
  const indent = sample.slice(sample.lastIndexOf('\n', open) + 1, open);
  const blocks = [];
  for (let i = 0; i < count; i++) {
    const [code, codeName, statusName, op, opName] = STATUS[i % STATUS.length];
    const cross = i % 4 === 3;
    let b = one;
    b = set(b, 'vpcPeeringInstanceNo', String(16212 + i));
    b = set(b, 'vpcPeeringName', `peer-${String(i).padStart(3, '0')}-to-app`);
    b = set(b, 'createDate', `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T1${i % 10}:53:06+0900`);
    b = set(b, 'lastModifyDate', `2024-04-${String(1 + (i % 28)).padStart(2, '0')}T0${i % 10}:12:45+0900`);
    b = b.replace(/(<vpcPeeringInstanceStatus>\s*<code>)[^<]*(<\/code>\s*<codeName>)[^<]*/, `$1${code}$2${codeName}`);
    b = set(b, 'vpcPeeringInstanceStatusName', statusName);
    b = b.replace(/(<vpcPeeringInstanceOperation>\s*<code>)[^<]*(<\/code>\s*<codeName>)[^<]*/, `$1${op}$2${opName}`);
    b = set(b, 'sourceVpcNo', String(1205 + 2 * i));
    b = set(b, 'sourceVpcName', `src-vpc-${i}`);
    b = set(b, 'sourceVpcIpv4CidrBlock', `10.${i % 250}.0.0/16`);
    b = set(b, 'targetVpcNo', String(1206 + 2 * i));
    b = set(b, 'targetVpcName', `dst-vpc-${i}`);
    b = set(b, 'targetVpcIpv4CidrBlock', `172.${16 + (i % 16)}.${i % 250}.0/24`);
    if (cross) b = set(b, 'targetVpcLoginId', `other-${i}@example.com`);
    b = set(b, 'vpcPeeringDescription', i % 3 === 0 ? '' : i % 3 === 1 ? `peering #${i} for the app tier` : `피어링 ${i}: a &amp; b &lt;c&gt; "q"`);
    b = set(b, 'hasReverseVpcPeering', i % 5 === 0 ? 'true' : 'false');
    b = set(b, 'isBetweenAccounts', cross ? 'true' : 'false');
    b = set(b, 'reverseVpcPeeringInstanceNo', i % 5 === 0 ? String(26212 + i) : '');
    blocks.push(b);
  }
  const head = sample.slice(0, sample.lastIndexOf('\n', open) + 1).replace(/<totalRows>\d+<\/totalRows>/, `<totalRows>${count}</totalRows>`);
  const tail = sample.slice(close);
  return (head + indent + blocks.join('\n' + indent) + tail).replaceAll('createVpcPeeringInstanceResponse', 'getVpcPeeringInstanceListResponse');
}

export const ACCESS_KEY = 'AKIDEXAMPLE0000000';
export const SECRET_KEY = 'SECRETEXAMPLE000000000000000000000000000';
export const TIMESTAMP = 1700000000000;

/**
 * The options of the timed create call (no timestamp: Date.now() per call, as a user would). XML, named: the peers
 * read XML only (fast-xml-parser), so both sides parse the same answer (the package's default is JSON).
 */
export const CREATE_OPTS = {
  accessKey: ACCESS_KEY,
  secretKey: SECRET_KEY,
  responseFormatType: 'xml',
  regionCode: 'KR',
  sourceVpcNo: '1205',
  targetVpcNo: '1206',
  vpcPeeringName: 'test-peer',
  vpcPeeringDescription: 'web tier to app tier',
};

/** The options of the timed list call. */
export const LIST_OPTS = {
  accessKey: ACCESS_KEY, secretKey: SECRET_KEY, responseFormatType: 'xml', regionCode: 'KR', pageNo: 1, pageSize: 100,
};
