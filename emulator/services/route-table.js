/**
 * The route table service: the route table and route resources, the routes in every table (each starts with its
 * local route), and the five actions getRouteTableList, getRouteTableDetail, getRouteList, addRoute, removeRoute
 * with the rules a stand-in should enforce (each an invention: emulator/README.md, Codes).
 *
 * @module emulator/services/route-table
 */
import { RETURN_CODES, ServiceError } from '../codes.js';
import { listQuery, numberList, numeric, objectList, oneOf, optional, pageOf, region } from '../params.js';
import { XML_INVALID_RE, defineResource, quote } from '../wire.js';
import { SUBNET_TYPES, cidrContains, findVpc, isNetworkCidr } from '../world.js';
import { isOwner } from './peering.js';

/** A route table on the wire (fact: the RouteTable data type and the SDK models, in their order). */
export const ROUTE_TABLE = defineResource({
  list: 'routeTableList',
  item: 'routeTable',
  fields: ['routeTableNo', 'routeTableName', 'regionCode', 'vpcNo', 'supportedSubnetType', 'isDefault', 'routeTableStatus', 'routeTableDescription'],
});

/** A route on the wire (fact: getRouteList's sample and the SDK models, in their order). */
export const ROUTE = defineResource({
  list: 'routeList',
  item: 'route',
  fields: ['destinationCidrBlock', 'targetName', 'routeTableNo', 'targetType', 'targetNo', 'isDefault'],
});

// Route target types and their codeNames. LOCAL/Local: fact (getRouteList's sample: the local route has targetName
// LOCAL, an empty targetNo, isDefault true). NATGW, VPCPEERING, VGW: the codes are fact (addRoute's
// routeList.N.targetTypeCode); their codeNames are taken from the option descriptions of the addRoute page (inferred).
const TARGET_TYPE_NAMES = Object.freeze({ LOCAL: 'Local', NATGW: 'NAT Gateway', VPCPEERING: 'VPC Peering', VGW: 'Virtual Private Gateway' });
const ROUTABLE_TARGET_TYPES = ['NATGW', 'VPCPEERING', 'VGW'];
// routeTableStatus RUN is a fact (the RouteTable data type); the codeNames here are inventions.
const SUBNET_TYPE_NAMES = Object.freeze({ PUBLIC: 'Public', PRIVATE: 'Private' });
const TABLE_RUNNING = Object.freeze({ code: 'RUN', codeName: 'run' });
const ROUTE_FIELDS = ['destinationCidrBlock', 'targetTypeCode', 'targetNo', 'targetName'];

/** The table's local route: its VPC's own CIDR block, target LOCAL, a default route. */
function localRoute(table) {
  return { destinationCidrBlock: table.vpc.ipv4CidrBlock, targetTypeCode: 'LOCAL', targetNo: '', targetName: 'LOCAL', isDefault: true };
}

/** Every VPC's route tables (from the world) and the routes in them (which the actions change). */
export class RouteTableService {
  constructor(state) {
    this.state = state;
    this.tables = new Map(state.world.routeTables.map((t) => [t.no, t]));
    this.reset();
  }

  /** Every table back to its local route alone. */
  reset() {
    this.routes = new Map([...this.tables.values()].map((t) => [t.no, [localRoute(t)]]));
  }

  all() {
    return [...this.tables.values()];
  }

  /** The record of one route table: every field of `ROUTE_TABLE`. */
  record(t) {
    return {
      routeTableNo: t.no,
      routeTableName: t.name,
      regionCode: t.vpc.regionCode,
      vpcNo: t.vpc.vpcNo,
      supportedSubnetType: { code: t.subnetType, codeName: SUBNET_TYPE_NAMES[t.subnetType] },
      isDefault: t.isDefault,
      routeTableStatus: { ...TABLE_RUNNING },
      routeTableDescription: t.description,
    };
  }

  /** The records of the table's routes, in the order they were added (the local route first). */
  routeRecords(t) {
    return this.routes.get(t.no).map((r) => ({
      destinationCidrBlock: r.destinationCidrBlock,
      targetName: r.targetName,
      routeTableNo: t.no,
      targetType: { code: r.targetTypeCode, codeName: TARGET_TYPE_NAMES[r.targetTypeCode] },
      targetNo: r.targetNo,
      isDefault: r.isDefault,
    }));
  }

  visibleTo(caller, regionCode) {
    return this.all().filter((t) => t.vpc.account === caller && t.vpc.regionCode === regionCode);
  }

  /** The route tables holding a route whose target is the peering `peeringNo`. */
  tablesTargeting(peeringNo) {
    return this.all().filter((t) => this.routes.get(t.no).some((r) => r.targetTypeCode === 'VPCPEERING' && r.targetNo === peeringNo));
  }

  // --- actions -----------------------------------------------------------------------------------------------------

  /** getRouteTableList: the caller's tables, filtered, sorted (by routeTableName, or by number) and paged. */
  list(caller, params) {
    const regionCode = region(params);
    const numbers = numberList(params, 'routeTableNoList');
    const name = optional(params, 'routeTableName');
    const subnetType = oneOf(params, 'supportedSubnetTypeCode', SUBNET_TYPES);
    const query = listQuery(params, ['routeTableName']);
    const vpcNo = numeric(params, 'vpcNo', false);
    let records = this.visibleTo(caller, regionCode).map((t) => this.record(t));
    if (numbers.length) records = records.filter((r) => numbers.includes(r.routeTableNo));
    if (name !== undefined) records = records.filter((r) => r.routeTableName === name);
    if (subnetType !== undefined) records = records.filter((r) => r.supportedSubnetType.code === subnetType);
    if (vpcNo !== undefined) records = records.filter((r) => r.vpcNo === vpcNo);
    return pageOf(records, query, 'routeTableNo');
  }

  /** getRouteTableDetail: the table, or an empty list when it is unknown or another account's. */
  detail(caller, params) {
    const regionCode = region(params);
    const no = numeric(params, 'routeTableNo', true);
    const records = this.visibleTo(caller, regionCode)
      .filter((t) => t.no === no)
      .map((t) => this.record(t));
    return { items: records, totalRows: records.length };
  }

  /** getRouteList: the routes of one of the caller's tables. */
  routesOf(caller, params) {
    return this.answer(this.ownedTable(caller, params, ['routeTableNo', 'vpcNo']).table);
  }

  /** addRoute: every route of routeList.N checked first, then all added; answers the table's routes. */
  add(caller, params) {
    const { vpc, table } = this.ownedTable(caller, params, ['vpcNo', 'routeTableNo']);
    const wanted = readRouteList(params);
    const routes = this.routes.get(table.no);
    const destinations = new Set();
    const added = wanted.map((w) => {
      const where = `routeList.${w.index}`;
      // Inside the VPC's own block (equal or more specific): the local route's. A wider block such as 0.0.0.0/0 is
      // allowed: the addRoute page's own example adds one, and the more specific local route still wins.
      if (cidrContains(vpc.ipv4CidrBlock, w.destinationCidrBlock)) {
        throw new ServiceError(
          RETURN_CODES.ROUTE_WITHIN_VPC,
          `${where}.destinationCidrBlock ${w.destinationCidrBlock} lies within the IPv4 CIDR block of vpcNo ${vpc.vpcNo} (${vpc.ipv4CidrBlock}), which its local route covers`,
        );
      }
      if (routes.some((r) => r.destinationCidrBlock === w.destinationCidrBlock)) {
        throw new ServiceError(RETURN_CODES.DUPLICATE_ROUTE, `${where}.destinationCidrBlock ${w.destinationCidrBlock}: routeTableNo ${table.no} already has a route to it`);
      }
      if (destinations.has(w.destinationCidrBlock)) {
        throw new ServiceError(RETURN_CODES.DUPLICATE_ROUTE, `${where}.destinationCidrBlock ${w.destinationCidrBlock} is given twice in routeList`);
      }
      destinations.add(w.destinationCidrBlock);
      const targetName = w.targetTypeCode === 'VPCPEERING' ? this.peeringTarget(caller, vpc, w, where).name : (w.targetName ?? '');
      return { destinationCidrBlock: w.destinationCidrBlock, targetTypeCode: w.targetTypeCode, targetNo: w.targetNo, targetName, isDefault: false };
    });
    routes.push(...added);
    return this.answer(table);
  }

  /** removeRoute: every route of routeList.N must be in the table with that target; then all are removed. */
  remove(caller, params) {
    const { table } = this.ownedTable(caller, params, ['vpcNo', 'routeTableNo']);
    const wanted = readRouteList(params);
    const routes = this.routes.get(table.no);
    const doomed = wanted.map((w) => {
      const where = `routeList.${w.index}`;
      const route = routes.find((r) => r.destinationCidrBlock === w.destinationCidrBlock);
      if (!route) throw new ServiceError(RETURN_CODES.ROUTE_NOT_FOUND, `${where}: routeTableNo ${table.no} has no route to ${w.destinationCidrBlock}`);
      if (route.isDefault) {
        throw new ServiceError(RETURN_CODES.ROUTE_NOT_FOUND, `${where}: the route to ${w.destinationCidrBlock} in routeTableNo ${table.no} is its local route, which cannot be removed`);
      }
      if (route.targetTypeCode !== w.targetTypeCode || route.targetNo !== w.targetNo) {
        throw new ServiceError(
          RETURN_CODES.ROUTE_NOT_FOUND,
          `${where}: the route to ${w.destinationCidrBlock} in routeTableNo ${table.no} targets ${route.targetTypeCode} ${route.targetNo}, not ${w.targetTypeCode} ${w.targetNo}`,
        );
      }
      return route;
    });
    this.routes.set(table.no, routes.filter((r) => !doomed.includes(r)));
    return this.answer(table);
  }

  // --- shared checks -----------------------------------------------------------------------------------------------

  answer(table) {
    const items = this.routeRecords(table);
    return { items, totalRows: items.length };
  }

  /**
   * The caller's VPC `vpcNo` and its table `routeTableNo` (read in `order`, the action's parameter order): the table
   * belongs to the VPC and to the caller.
   */
  ownedTable(caller, params, order) {
    const regionCode = region(params);
    const numbers = Object.fromEntries(order.map((name) => [name, numeric(params, name, true)]));
    const vpc = findVpc(caller, numbers.vpcNo, regionCode);
    if (!vpc) throw new ServiceError(RETURN_CODES.VPC_NOT_FOUND, `vpcNo ${numbers.vpcNo} was not found in the calling account (regionCode ${regionCode})`);
    const table = this.tables.get(numbers.routeTableNo);
    if (!table || table.vpc.account !== caller || table.vpc.regionCode !== regionCode) {
      throw new ServiceError(RETURN_CODES.ROUTE_TABLE_NOT_FOUND, `routeTableNo ${numbers.routeTableNo} was not found in the calling account (regionCode ${regionCode})`);
    }
    if (table.vpc !== vpc) {
      throw new ServiceError(RETURN_CODES.ROUTE_TABLE_NOT_IN_VPC, `routeTableNo ${table.no} belongs to vpcNo ${table.vpc.vpcNo}, not to vpcNo ${vpc.vpcNo}`);
    }
    return { vpc, table };
  }

  /** The peering a VPCPEERING route targets: the caller's, running, from this VPC; `targetName` (if given) its name. */
  peeringTarget(caller, vpc, wanted, where) {
    const peerings = this.state.peerings;
    const p = peerings.get(wanted.targetNo);
    if (!p || p.regionCode !== vpc.regionCode || !isOwner(p, caller)) {
      throw new ServiceError(RETURN_CODES.ROUTE_TARGET_NOT_FOUND, `${where}.targetNo ${wanted.targetNo} is not a VPC peering of the calling account (regionCode ${vpc.regionCode})`);
    }
    if (p.source.vpc !== vpc) {
      throw new ServiceError(
        RETURN_CODES.PEERING_SOURCE_MISMATCH,
        `${where}.targetNo ${p.no}: the VPC peering goes from vpcNo ${p.source.vpc.vpcNo} to vpcNo ${p.target.vpc.vpcNo}; a route in vpcNo ${vpc.vpcNo} needs a peering whose source is vpcNo ${vpc.vpcNo}`,
      );
    }
    if (!peerings.isRunning(p)) {
      const status = peerings.record(p).vpcPeeringInstanceStatus.code;
      throw new ServiceError(RETURN_CODES.PEERING_NOT_RUNNING, `${where}.targetNo ${p.no}: the VPC peering is ${status}, not RUN`);
    }
    if (wanted.targetName !== undefined && wanted.targetName !== p.name) {
      throw new ServiceError(RETURN_CODES.ROUTE_TARGET_NAME_MISMATCH, `${where}.targetName ${quote(wanted.targetName)} is not the name of VPC peering ${p.no} (${quote(p.name)})`);
    }
    return p;
  }
}

/** routeList.N of addRoute / removeRoute, each entry checked on its own (the table's rules come after). */
function readRouteList(params) {
  const entries = objectList(params, 'routeList', ROUTE_FIELDS);
  if (entries.length === 0) throw new ServiceError(RETURN_CODES.REQUIRED, 'routeList.1.destinationCidrBlock is required');
  for (const e of entries) {
    const where = `routeList.${e.index}`;
    if (e.destinationCidrBlock === undefined) throw new ServiceError(RETURN_CODES.REQUIRED, `${where}.destinationCidrBlock is required`);
    if (!isNetworkCidr(e.destinationCidrBlock)) {
      throw new ServiceError(
        RETURN_CODES.INVALID_CIDR,
        `${where}.destinationCidrBlock must be an IPv4 CIDR block written as its network address, e.g. 10.0.0.0/16 (got ${quote(e.destinationCidrBlock)})`,
      );
    }
    if (e.targetTypeCode === undefined) throw new ServiceError(RETURN_CODES.REQUIRED, `${where}.targetTypeCode is required`);
    if (!ROUTABLE_TARGET_TYPES.includes(e.targetTypeCode)) {
      throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${where}.targetTypeCode must be one of ${ROUTABLE_TARGET_TYPES.join(', ')} (got ${quote(e.targetTypeCode)})`);
    }
    if (e.targetNo === undefined) throw new ServiceError(RETURN_CODES.REQUIRED, `${where}.targetNo is required`);
    if (!/^\d+$/.test(e.targetNo)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${where}.targetNo must be a number (got ${quote(e.targetNo)})`);
    if (e.targetName !== undefined && XML_INVALID_RE.test(e.targetName)) {
      throw new ServiceError(RETURN_CODES.INVALID_VALUE, `${where}.targetName must not contain control characters`);
    }
  }
  return entries;
}

/** The route table actions: name → the resource it answers with and how it runs against the state. */
export const ROUTE_TABLE_ACTIONS = Object.freeze({
  getRouteTableList: { resource: ROUTE_TABLE, run: ({ routeTables }, caller, params) => routeTables.list(caller, params) },
  getRouteTableDetail: { resource: ROUTE_TABLE, run: ({ routeTables }, caller, params) => routeTables.detail(caller, params) },
  getRouteList: { resource: ROUTE, run: ({ routeTables }, caller, params) => routeTables.routesOf(caller, params) },
  addRoute: { resource: ROUTE, run: ({ routeTables }, caller, params) => routeTables.add(caller, params) },
  removeRoute: { resource: ROUTE, run: ({ routeTables }, caller, params) => routeTables.remove(caller, params) },
});
