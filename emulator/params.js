/**
 * Reading a service action's parameters, the same way for every action: an empty value counts as absent; numbers,
 * regions, `name.N` lists, paging and sorting each refused with a `ServiceError` naming the parameter.
 *
 * @module emulator/params
 */
import { RETURN_CODES, ServiceError } from './codes.js';
import { REGIONS } from './world.js';
import { quote } from './wire.js';

/** The parameter's value, or undefined when it is absent or empty. */
export function optional(params, name) {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
}

/** A parameter of decimal digits (a resource number); `required` refuses it absent. */
export function numeric(params, name, required) {
  const v = optional(params, name);
  if (v === undefined) {
    if (required) throw new ServiceError(RETURN_CODES.REQUIRED, `${name} is required`);
    return undefined;
  }
  if (!/^\d+$/.test(v)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${name} must be a number (got ${quote(v)})`);
  return v;
}

/** A positive integer parameter (pageNo, pageSize), as a number. */
export function positiveInt(params, name) {
  const v = optional(params, name);
  if (v === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(v)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${name} must be a positive integer (got ${quote(v)})`);
  return Number(v);
}

/** `regionCode`, KR when absent. */
export function region(params) {
  const v = optional(params, 'regionCode') ?? 'KR';
  if (!REGIONS.includes(v)) throw new ServiceError(RETURN_CODES.UNKNOWN_REGION, `regionCode ${quote(v)} is not a known region (${REGIONS.join(', ')})`);
  return v;
}

/** An optional code parameter that must be one of `codes`. */
export function oneOf(params, name, codes) {
  const v = optional(params, name);
  if (v !== undefined && !codes.includes(v)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${name} must be one of ${codes.join(', ')}`);
  return v;
}

/**
 * A list of resource numbers sent as `<listName>.1`, `<listName>.2`, … (1-based; empty values skipped), e.g.
 * `vpcNoList` → the numbers of `vpcNoList.N`.
 */
export function numberList(params, listName) {
  const itemName = listName.replace(/List$/, '');
  const numbers = [];
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(`${listName}.`)) continue;
    if (!/^[1-9]\d*$/.test(key.slice(listName.length + 1))) {
      throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${quote(key)}: ${listName} indexes start at 1`);
    }
    if (value === '') continue;
    if (!/^\d+$/.test(value)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${key} must be a numeric ${itemName}`);
    numbers.push(value);
  }
  return numbers;
}

/**
 * A list of objects sent as `<listName>.N.<field>` (1-based), e.g. `routeList.1.destinationCidrBlock`: the entries in
 * index order, each `{ index, ...fields given }` (an empty value counts as absent). Keys naming another field are
 * not read.
 */
export function objectList(params, listName, fields) {
  const entries = new Map();
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(`${listName}.`)) continue;
    const rest = key.slice(listName.length + 1);
    const dot = rest.indexOf('.');
    if (dot < 0 || !fields.includes(rest.slice(dot + 1))) continue;
    const index = rest.slice(0, dot);
    if (!/^[1-9]\d{0,8}$/.test(index)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${quote(key)}: ${listName} indexes start at 1`);
    const n = Number(index);
    if (!entries.has(n)) entries.set(n, { index: n });
    if (value !== '') entries.get(n)[rest.slice(dot + 1)] = value;
  }
  return [...entries.values()].sort((a, b) => a.index - b.index);
}

/**
 * A list's paging and sorting: `pageNo` (needs `pageSize`), `pageSize`, `sortedBy` (one of `sortFields`, any case),
 * `sortingOrder` (ASC | DESC, any case).
 */
export function listQuery(params, sortFields) {
  const pageNo = positiveInt(params, 'pageNo');
  const pageSize = positiveInt(params, 'pageSize');
  if (pageNo !== undefined && pageSize === undefined) {
    throw new ServiceError(RETURN_CODES.PAGE_SIZE_REQUIRED, 'pageSize is required when pageNo is given');
  }
  const byLowerCase = new Map(sortFields.map((f) => [f.toLowerCase(), f]));
  const sortedByRaw = optional(params, 'sortedBy');
  const sortedBy = sortedByRaw === undefined ? undefined : (byLowerCase.get(sortedByRaw.toLowerCase()) ?? null);
  if (sortedByRaw !== undefined && !sortedBy) {
    throw new ServiceError(RETURN_CODES.INVALID_VALUE, `sortedBy must be one of ${sortFields.join(', ')}`);
  }
  const orderRaw = optional(params, 'sortingOrder');
  if (orderRaw !== undefined && !/^(asc|desc)$/i.test(orderRaw)) {
    throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'sortingOrder must be ASC or DESC');
  }
  return { pageNo, pageSize, sortedBy, descending: orderRaw !== undefined && orderRaw.toUpperCase() === 'DESC' };
}

/**
 * Sorts records and cuts the requested page. Without `sortedBy` records go by their number field (`numberField`),
 * reversed for DESC; with it by that field, ties by number ascending. `totalRows` counts before paging.
 */
export function pageOf(records, query, numberField) {
  const byNumber = (a, b) => Number(a[numberField]) - Number(b[numberField]);
  const sorted = [...records].sort((a, b) => {
    if (query.sortedBy) {
      const x = a[query.sortedBy];
      const y = b[query.sortedBy];
      if (x !== y) return (x < y ? -1 : 1) * (query.descending ? -1 : 1);
      return byNumber(a, b);
    }
    return byNumber(a, b) * (query.descending ? -1 : 1);
  });
  if (query.pageSize === undefined) return { items: sorted, totalRows: sorted.length };
  const start = ((query.pageNo ?? 1) - 1) * query.pageSize;
  return { items: sorted.slice(start, start + query.pageSize), totalRows: sorted.length };
}
