// What both peers share: the part of a hand-written NCP VPC peering client that does not depend on how it signs.
// Written the way a user would write it without this package: plain JS, `fast-xml-parser` 5 for the XML answer.
// It does the same work as ours for the calls the bench makes (createVpcPeeringInstance, getVpcPeeringInstanceList):
// checks the same options (required fields, number fields, the name rule, description bytes, cross-account pair,
// region code, keys), builds the query in the same fixed order with strict RFC 3986 encoding, and turns the XML
// answer into the same result (list always an array, booleans, totalRows a number, lastModifyDate from either
// spelling, error bodies and non-zero returnCode rejected).
import { XMLParser } from 'fast-xml-parser';

export const DEFAULT_ENDPOINT = 'https://ncloud.apigw.ntruss.com';

export class PeerError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    this.name = 'PeerError';
    this.code = code;
    Object.assign(this, extra);
  }
}

const invalid = (field, message) => new PeerError('ERR_INVALID_OPTION', message, { field });

/** encodeURIComponent leaves !'()* alone; NCP signs the raw query, so encode them too (RFC 3986 unreserved only). */
export function strictEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const encoder = new TextEncoder();
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const KEY_BAD = /[\s\u0000-\u001f\u007f-\u009f]/;
const DIGITS = /^[0-9]+$/;
const REGION = /^[A-Za-z0-9]{1,10}$/;
const PEERING_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
const LOGIN_ID = /^[^@\s]+@[^@.\s][^@\s]*\.[^@\s]*[^@.\s]$/;
const STATUS_CODES = ['INIT', 'RUN', 'TERMTING'];
const SORTED_BY = ['vpcPeeringName', 'sourceVpcName', 'targetVpcName'];
const SORTING_ORDER = ['ASC', 'DESC'];

function key(opts, field) {
  const value = opts[field];
  if (typeof value !== 'string' || value === '') throw invalid(field, `${field} is required`);
  if (KEY_BAD.test(value)) throw invalid(field, `${field} must not contain whitespace or control characters`);
  return value;
}

function number(field, value, required) {
  if (value === undefined || value === null) {
    if (required) throw invalid(field, `${field} is required`);
    return undefined;
  }
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && DIGITS.test(value)) return value;
  throw invalid(field, `${field} must be a number of decimal digits`);
}

function positive(field, value) {
  const text = number(field, value, false);
  if (text !== undefined && !/[1-9]/.test(text)) throw invalid(field, `${field} must be at least 1`);
  return text;
}

function text(field, value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(field, `${field} must be a string`);
  if (CONTROL.test(value)) throw invalid(field, `${field} must not contain control characters`);
  return value;
}

function oneOf(field, value, allowed) {
  if (value === undefined || value === null) return undefined;
  if (!allowed.includes(value)) throw invalid(field, `${field} must be one of ${allowed.join(', ')}`);
  return value;
}

/** The options every call takes: keys, region, where to send, in which format. */
function common(opts) {
  const accessKey = key(opts, 'accessKey');
  const secretKey = key(opts, 'secretKey');
  let regionCode;
  if (opts.regionCode !== undefined && opts.regionCode !== null) {
    if (typeof opts.regionCode !== 'string' || !REGION.test(opts.regionCode)) {
      throw invalid('regionCode', 'regionCode must be a region code of 1–10 letters and digits, such as KR');
    }
    regionCode = opts.regionCode;
  }
  const format = opts.responseFormatType ?? 'xml';
  if (format !== 'xml') throw invalid('responseFormatType', 'this client reads XML answers only');
  let endpoint = DEFAULT_ENDPOINT;
  if (opts.endpoint !== undefined) {
    if (typeof opts.endpoint !== 'string' || !/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(opts.endpoint)) {
      throw invalid('endpoint', 'endpoint must be an absolute http(s) URL without query or fragment');
    }
    endpoint = opts.endpoint.replace(/\/+$/, '');
  }
  return { accessKey, secretKey, regionCode, endpoint };
}

/** Validates the options of createVpcPeeringInstance; the parameters in wire order. */
export function createParams(opts) {
  const base = common(opts);
  const sourceVpcNo = number('sourceVpcNo', opts.sourceVpcNo, true);
  const targetVpcNo = number('targetVpcNo', opts.targetVpcNo, true);
  if (sourceVpcNo === targetVpcNo) throw invalid('targetVpcNo', 'targetVpcNo must differ from sourceVpcNo');
  const name = text('vpcPeeringName', opts.vpcPeeringName);
  if (name !== undefined && !PEERING_NAME.test(name)) {
    throw invalid('vpcPeeringName', 'vpcPeeringName must be 3–30 of a-z, 0-9 and -, start with a letter, end with a letter or digit');
  }
  const targetVpcName = text('targetVpcName', opts.targetVpcName);
  const targetVpcLoginId = text('targetVpcLoginId', opts.targetVpcLoginId);
  if (targetVpcLoginId !== undefined && !LOGIN_ID.test(targetVpcLoginId)) {
    throw invalid('targetVpcLoginId', "targetVpcLoginId must be the owner's login ID, an e-mail address");
  }
  if ((targetVpcName === undefined) !== (targetVpcLoginId === undefined)) {
    throw invalid(targetVpcName === undefined ? 'targetVpcName' : 'targetVpcLoginId', 'targetVpcName and targetVpcLoginId go together');
  }
  const description = text('vpcPeeringDescription', opts.vpcPeeringDescription);
  if (description !== undefined && encoder.encode(description).length > 1000) {
    throw invalid('vpcPeeringDescription', 'vpcPeeringDescription must be at most 1000 bytes of UTF-8');
  }
  const params = [];
  if (base.regionCode !== undefined) params.push(['regionCode', base.regionCode]);
  params.push(['sourceVpcNo', sourceVpcNo], ['targetVpcNo', targetVpcNo]);
  if (name !== undefined) params.push(['vpcPeeringName', name]);
  if (targetVpcName !== undefined) params.push(['targetVpcName', targetVpcName], ['targetVpcLoginId', targetVpcLoginId]);
  if (description !== undefined) params.push(['vpcPeeringDescription', description]);
  return { ...base, action: 'createVpcPeeringInstance', params };
}

/** Validates the options of getVpcPeeringInstanceList; the parameters in wire order. */
export function listParams(opts) {
  const base = common(opts);
  const params = [];
  if (base.regionCode !== undefined) params.push(['regionCode', base.regionCode]);
  const list = opts.vpcPeeringInstanceNoList;
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) throw invalid('vpcPeeringInstanceNoList', 'vpcPeeringInstanceNoList must be an array');
    list.forEach((no, i) => params.push([`vpcPeeringInstanceNoList.${i + 1}`, number('vpcPeeringInstanceNoList', no, true)]));
  }
  const filters = [
    ['sourceVpcName', text('sourceVpcName', opts.sourceVpcName)],
    ['targetVpcName', text('targetVpcName', opts.targetVpcName)],
    ['vpcPeeringName', text('vpcPeeringName', opts.vpcPeeringName)],
    ['vpcPeeringInstanceStatusCode', oneOf('vpcPeeringInstanceStatusCode', opts.vpcPeeringInstanceStatusCode, STATUS_CODES)],
    ['pageNo', positive('pageNo', opts.pageNo)],
    ['pageSize', positive('pageSize', opts.pageSize)],
    ['sortedBy', oneOf('sortedBy', opts.sortedBy, SORTED_BY)],
    ['sortingOrder', oneOf('sortingOrder', opts.sortingOrder, SORTING_ORDER)],
  ];
  for (const [name, value] of filters) if (value !== undefined && value !== '') params.push([name, value]);
  if (opts.pageNo != null && opts.pageSize == null) throw invalid('pageSize', 'pageNo needs pageSize');
  return { ...base, action: 'getVpcPeeringInstanceList', params };
}

/** `/vpc/v2/<action>?<query>`: the exact request target that is signed and sent. */
export function requestTarget(prepared) {
  let query = '';
  for (const [name, value] of prepared.params) query += `${strictEncode(name)}=${strictEncode(value)}&`;
  return `/vpc/v2/${prepared.action}?${query}responseFormatType=xml`;
}

/** The API Gateway signature v2 string to sign. */
/** The signed GET request both peers send: `signature` covers `target`, `ts` and the access key. */
export function signedGet(prepared, target, ts, signature) {
  return {
    method: 'GET',
    url: prepared.endpoint + target,
    headers: {
      'x-ncp-apigw-timestamp': ts,
      'x-ncp-iam-access-key': prepared.accessKey,
      'x-ncp-apigw-signature-v2': signature,
    },
    body: null,
  };
}

export function stringToSign(method, target, timestamp, accessKey) {
  return `${method} ${target}\n${timestamp}\n${accessKey}`;
}

// Every element a string (no number guessing), entities decoded, the list always an array.
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'vpcPeeringInstance',
});

const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const flag = (v) => str(v).toLowerCase() === 'true';
const codeName = (v) => ({ code: str(v?.code), codeName: str(v?.codeName) });

function instance(x) {
  return {
    vpcPeeringInstanceNo: str(x.vpcPeeringInstanceNo),
    vpcPeeringName: str(x.vpcPeeringName),
    regionCode: str(x.regionCode),
    createDate: str(x.createDate),
    lastModifyDate: str(x.lastModifyDate ?? x.lastModifiyDate),
    vpcPeeringInstanceStatus: codeName(x.vpcPeeringInstanceStatus),
    vpcPeeringInstanceStatusName: str(x.vpcPeeringInstanceStatusName),
    vpcPeeringInstanceOperation: codeName(x.vpcPeeringInstanceOperation),
    sourceVpcNo: str(x.sourceVpcNo),
    sourceVpcName: str(x.sourceVpcName),
    sourceVpcIpv4CidrBlock: str(x.sourceVpcIpv4CidrBlock),
    sourceVpcLoginId: str(x.sourceVpcLoginId),
    targetVpcNo: str(x.targetVpcNo),
    targetVpcName: str(x.targetVpcName),
    targetVpcIpv4CidrBlock: str(x.targetVpcIpv4CidrBlock),
    targetVpcLoginId: str(x.targetVpcLoginId),
    vpcPeeringDescription: str(x.vpcPeeringDescription),
    hasReverseVpcPeering: flag(x.hasReverseVpcPeering),
    isBetweenAccounts: flag(x.isBetweenAccounts),
    reverseVpcPeeringInstanceNo: str(x.reverseVpcPeeringInstanceNo),
  };
}

/** The HTTP status and XML body of an answer -> the result, or a thrown PeerError. */
export function parseAnswer(action, status, body) {
  let doc;
  try {
    doc = parser.parse(body);
  } catch (cause) {
    throw new PeerError('ERR_BAD_RESPONSE', `${action}: the answer is not XML`, { status, cause });
  }
  const failure = doc.responseError ?? doc.Message?.error ?? doc.error;
  if (failure) {
    throw new PeerError('ERR_NCP_API', str(failure.returnMessage ?? failure.message), {
      status,
      returnCode: str(failure.returnCode ?? failure.errorCode),
    });
  }
  const root = doc[`${action}Response`];
  if (status < 200 || status > 299 || !root || typeof root !== 'object') {
    throw new PeerError('ERR_HTTP', `${action}: HTTP ${status}`, { status, bodySnippet: body.slice(0, 200) });
  }
  const returnCode = str(root.returnCode);
  if (returnCode !== '0') {
    throw new PeerError('ERR_NCP_API', str(root.returnMessage), { status, returnCode });
  }
  const list = (root.vpcPeeringInstanceList?.vpcPeeringInstance ?? []).map(instance);
  const rows = Number.parseInt(str(root.totalRows), 10);
  return {
    requestId: str(root.requestId),
    returnCode,
    returnMessage: str(root.returnMessage),
    totalRows: Number.isNaN(rows) ? list.length : rows,
    vpcPeeringInstanceList: list,
  };
}
