/**
 * The service layer as one table: every action the emulator serves, the resource it answers with, and how it runs
 * against the state every service shares. Adding an action is a row in one service's table; adding a resource is a
 * `defineResource` and a service (docs/design.md, The emulator).
 *
 * @module emulator/services
 */
import { PEERING, PEERING_ACTIONS, PeeringService } from './peering.js';
import { ROUTE, ROUTE_TABLE, ROUTE_TABLE_ACTIONS, RouteTableService } from './route-table.js';
import { VPC_ACTIONS, VpcService } from './vpc.js';
import { wireItem } from '../wire.js';

/**
 * @typedef {object} Action
 * @property {import('../wire.js').Resource} resource what the answer lists
 * @property {(state: object, caller: object, params: object, now: number) => { items: object[], totalRows: number }} run
 *   the action: records to answer and their count, or a thrown `ServiceError`
 */

/** Every action, by name. @type {Readonly<Record<string, Action>>} */
export const ACTION_TABLE = Object.freeze({ ...PEERING_ACTIONS, ...VPC_ACTIONS, ...ROUTE_TABLE_ACTIONS });

/** The actions served under `/vpc/v2/`. */
export const ACTIONS = Object.freeze(Object.keys(ACTION_TABLE));

/**
 * The resource an action answers with. A fault may answer before the action is checked: for a name that is no action
 * the peering list stands in, as the emulator always did.
 */
export function resourceOf(action) {
  return Object.hasOwn(ACTION_TABLE, action) ? ACTION_TABLE[action].resource : PEERING;
}

/**
 * The state every service shares: the world and one store per service.
 *
 * @param {object} world from `buildWorld`
 * @param {{ runDelayMs: number, deleteDelayMs: number }} delays
 */
export function createState(world, delays) {
  const state = { world };
  state.peerings = new PeeringService(state, delays);
  state.vpcs = new VpcService(state);
  state.routeTables = new RouteTableService(state);
  return Object.assign(state, {
    /** Applies every transition due by `now`. */
    advance(now) {
      state.peerings.advance(now);
    },
    /** Forgets everything the actions made (peerings, added routes); the world stays. */
    reset() {
      state.peerings.reset();
      state.routeTables.reset();
    },
    /** What the control API's state shows of the services, as the JSON answers show it. */
    snapshot() {
      return {
        peerings: state.peerings.all().map((p) => ({
          ...wireItem(PEERING, state.peerings.record(p), 'json'),
          sourceAccount: p.source.account.name,
          targetAccount: p.target.account.name,
        })),
        routeTables: state.routeTables.all().map((t) => ({
          ...wireItem(ROUTE_TABLE, state.routeTables.record(t), 'json'),
          account: t.vpc.account.name,
          routes: state.routeTables.routeRecords(t).map((r) => wireItem(ROUTE, r, 'json')),
        })),
      };
    },
  });
}
