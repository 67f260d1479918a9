/**
 * The wire: how the emulator writes what it answers. XML and JSON answers rendered generically from a resource (its
 * list name, its item name, its fields in wire order), service errors in both formats, dates as NCP prints them.
 *
 * @module emulator/wire
 */
import crypto from 'node:crypto';

export const JSON_CT = 'application/json;charset=UTF-8';
export const XML_CT = 'application/xml;charset=UTF-8';
const KST_OFFSET_MS = 9 * 3600 * 1000;
/** Characters XML 1.0 cannot carry even escaped; stored strings must not contain them. */
export const XML_INVALID_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const XML_INVALID_RE_G = new RegExp(XML_INVALID_RE.source, 'g');
const XML_ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** `2020-08-07T17:53:06+0900`: KST, no colon in the offset (as the reference sample). */
export function formatDate(ms) {
  const d = new Date(ms + KST_OFFSET_MS);
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+0900`;
}

/** A value quoted for a message, cut at 80 characters. */
export function quote(v) {
  const s = String(v);
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
}

/** Text escaped for XML; characters XML cannot carry become U+FFFD. */
export function xmlText(v) {
  return String(v).replace(XML_INVALID_RE_G, '\uFFFD').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

function xmlElement(name, value, indent, itemName) {
  const pad = '  '.repeat(indent);
  if (Array.isArray(value)) {
    const inner = value.map((item) => xmlElement(itemName, item, indent + 1)).join('');
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = Object.entries(value).map(([k, v]) => xmlElement(k, v, indent + 1)).join('');
    return `${pad}<${name}>\n${inner}${pad}</${name}>\n`;
  }
  return `${pad}<${name}>${xmlText(value ?? '')}</${name}>\n`;
}

/**
 * JSON as NCP's samples print it: two-space indent, no trailing newline. The Go SDK depends on both: it cuts the
 * outer `<action>Response` key out by byte offset (one byte before the second `{`, up to the last byte).
 */
export function prettyJson(value) {
  return JSON.stringify(value, null, 2);
}

/**
 * @typedef {object} Resource
 * @property {string} list the answer's list (`vpcPeeringInstanceList`)
 * @property {string} item one element of that list in XML (`vpcPeeringInstance`)
 * @property {ReadonlyArray<{ name: string, json: string }>} fields wire order; `name` is the XML spelling and the
 *   key in a record, `json` the JSON spelling
 */

/**
 * Declares a resource as the wire shows it. A field is its name, or `{ name, json }` when the JSON answer spells it
 * differently (`lastModifyDate` in XML, `lastModifiyDate` in JSON).
 *
 * @param {{ list: string, item: string, fields: Array<string | { name: string, json: string }> }} spec
 * @returns {Resource}
 */
export function defineResource({ list, item, fields }) {
  return Object.freeze({
    list,
    item,
    fields: Object.freeze(fields.map((f) => Object.freeze(typeof f === 'string' ? { name: f, json: f } : { name: f.name, json: f.json }))),
  });
}

/** One record as `format` writes it: the resource's fields in wire order, each under that format's spelling. */
export function wireItem(resource, record, format) {
  const out = {};
  for (const field of resource.fields) {
    // A record without one of its fields is a bug in a service: fail loudly (the gateway answers 900).
    if (!Object.hasOwn(record, field.name)) throw new Error(`${resource.item}.${field.name} is missing from the record`);
    out[format === 'json' ? field.json : field.name] = record[field.name];
  }
  return out;
}

/**
 * A whole answer: `{"<action>Response": {requestId, returnCode, returnMessage, totalRows, <list>: [...]}}` in JSON,
 * `<<action>Response>…<<list>><<item>>…` in XML.
 */
export function renderAnswer(action, format, resource, records, totalRows, returnCode = '0', returnMessage = 'success') {
  const body = {
    requestId: crypto.randomUUID(),
    returnCode,
    returnMessage,
    totalRows,
    [resource.list]: records.map((r) => wireItem(resource, r, format)),
  };
  if (format === 'json') return prettyJson({ [`${action}Response`]: body });
  const inner = Object.entries(body)
    .map(([k, v]) => xmlElement(k, v, 1, resource.item))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response>\n${inner}</${action}Response>\n`;
}

/** The service layer's error: `{"responseError": {...}}` or `<responseError>…`. */
export function renderServiceError(format, returnCode, returnMessage) {
  if (format === 'json') return prettyJson({ responseError: { returnCode, returnMessage } });
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<responseError>\n  <returnCode>${xmlText(returnCode)}</returnCode>\n` +
    `  <returnMessage>${xmlText(returnMessage)}</returnMessage>\n</responseError>\n`
  );
}
