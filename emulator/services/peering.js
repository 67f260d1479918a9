/**
 * The VPC peering service: the peering resource, its lifecycle (INIT → RUN, TERMTING → gone, evaluated lazily from
 * the clock), and the six peering actions with their rules.
 *
 * @module emulator/services/peering
 */
import crypto from 'node:crypto';
import { RETURN_CODES, ServiceError } from '../codes.js';
import { listQuery, numberList, numeric, oneOf, optional, pageOf, region } from '../params.js';
import { XML_INVALID_RE, defineResource, formatDate, quote } from '../wire.js';
import { cidrsOverlap, findVpc } from '../world.js';

/** A VPC peering on the wire: the fields of the API page's sample, in its order. */
export const PEERING = defineResource({
  list: 'vpcPeeringInstanceList',
  item: 'vpcPeeringInstance',
  fields: [
    'vpcPeeringInstanceNo',
    'vpcPeeringName',
    'regionCode',
    'createDate',
    // The API page's XML sample says lastModifyDate; every official SDK model reads lastModifiyDate from JSON.
    { name: 'lastModifyDate', json: 'lastModifiyDate' },
    'vpcPeeringInstanceStatus',
    'vpcPeeringInstanceStatusName',
    'vpcPeeringInstanceOperation',
    'sourceVpcNo',
    'sourceVpcName',
    'sourceVpcIpv4CidrBlock',
    'sourceVpcLoginId',
    'targetVpcNo',
    'targetVpcName',
    'targetVpcIpv4CidrBlock',
    'targetVpcLoginId',
    'vpcPeeringDescription',
    'hasReverseVpcPeering',
    'isBetweenAccounts',
    'reverseVpcPeeringInstanceNo',
  ],
});

const FIRST_PEERING_NO = 100001;
const PEERING_NAME_RE = /^[a-z][a-z0-9-]*[a-z0-9]$/;

// What each lifecycle phase looks like on the wire. Facts: the status codes INIT, RUN, TERMTING (the SDKs' request
// docs, terraform's ncloud_vpc_peering); INIT/init "Creating" with operation NULL/"NULL OP" for a same-account
// peering just created (the createVpcPeeringInstance page's sample). Which operation code a peering shows in any
// other phase is not public: the emulator shows NULL in every phase, so the operation never carries a signal a
// client could come to depend on (a cross-account INIT peering awaiting acceptance looks like any other INIT one).
// The codeNames run/terminating and the status names other than "Creating" are inventions.
const NULL_OPERATION = Object.freeze({ code: 'NULL', codeName: 'NULL OP' });
const PHASES = Object.freeze({
  creating: { code: 'INIT', codeName: 'init', name: 'Creating' },
  awaiting: { code: 'INIT', codeName: 'init', name: 'Awaiting acceptance' },
  accepting: { code: 'INIT', codeName: 'init', name: 'Creating' },
  run: { code: 'RUN', codeName: 'run', name: 'Running' },
  terminating: { code: 'TERMTING', codeName: 'terminating', name: 'Terminating' },
});
// The values of getVpcPeeringInstanceList's vpcPeeringInstanceStatusCode (ncp-api.md §3), plus CREATING, which
// terraform's ncloud_vpc_peering treats as pending: accepted as a filter, though no emulated peering is ever in it.
const STATUS_CODES = ['INIT', 'CREATING', 'RUN', 'TERMTING'];
const SORT_FIELDS = ['vpcPeeringName', 'sourceVpcName', 'targetVpcName'];

/** The peerings and the six peering actions. Each action returns the affected peerings. */
export class PeeringService {
  /**
   * @param {object} state the emulator's state (`world`, and the other services for the rules that cross them)
   * @param {{ runDelayMs: number, deleteDelayMs: number }} delays
   */
  constructor(state, { runDelayMs, deleteDelayMs }) {
    this.state = state;
    this.world = state.world;
    this.runDelayMs = runDelayMs;
    this.deleteDelayMs = deleteDelayMs;
    this.reset();
  }

  /** Forgets every peering; numbering restarts. */
  reset() {
    this.peerings = new Map();
    this.nextNo = FIRST_PEERING_NO;
  }

  /** Applies every transition due by `now`: INIT -> RUN, TERMTING -> gone. */
  advance(now) {
    for (const [no, p] of this.peerings) {
      if ((p.phase === 'creating' || p.phase === 'accepting') && now >= p.runAt) {
        p.phase = 'run';
        p.modifiedAt = p.runAt;
      } else if (p.phase === 'terminating' && now >= p.goneAt) {
        this.peerings.delete(no);
      }
    }
  }

  all() {
    return [...this.peerings.values()];
  }

  /** The peering with that number, whatever its phase, or null. */
  get(no) {
    return this.peerings.get(no) ?? null;
  }

  /** True when the peering is running (routes may target it). */
  isRunning(p) {
    return p.phase === 'run';
  }

  visibleTo(account, regionCode) {
    return this.all().filter((p) => p.regionCode === regionCode && isOwner(p, account));
  }

  /** The record of one peering: every field of `PEERING`. */
  record(p) {
    const phase = PHASES[p.phase];
    const reverse = this.all().find((q) => q !== p && q.source.vpc === p.target.vpc && q.target.vpc === p.source.vpc);
    return {
      vpcPeeringInstanceNo: p.no,
      vpcPeeringName: p.name,
      regionCode: p.regionCode,
      createDate: formatDate(p.createdAt),
      lastModifyDate: formatDate(p.modifiedAt),
      vpcPeeringInstanceStatus: { code: phase.code, codeName: phase.codeName },
      vpcPeeringInstanceStatusName: phase.name,
      vpcPeeringInstanceOperation: { ...NULL_OPERATION },
      sourceVpcNo: p.source.vpc.vpcNo,
      sourceVpcName: p.source.vpc.vpcName,
      sourceVpcIpv4CidrBlock: p.source.vpc.ipv4CidrBlock,
      sourceVpcLoginId: p.source.account.loginId,
      targetVpcNo: p.target.vpc.vpcNo,
      targetVpcName: p.target.vpc.vpcName,
      targetVpcIpv4CidrBlock: p.target.vpc.ipv4CidrBlock,
      targetVpcLoginId: p.target.account.loginId,
      vpcPeeringDescription: p.description,
      hasReverseVpcPeering: Boolean(reverse),
      isBetweenAccounts: p.betweenAccounts,
      reverseVpcPeeringInstanceNo: reverse ? reverse.no : '',
    };
  }

  // --- actions -----------------------------------------------------------------------------------------------------

  create(caller, params, now) {
    const regionCode = region(params);
    const sourceVpcNo = numeric(params, 'sourceVpcNo', true);
    const targetVpcNo = numeric(params, 'targetVpcNo', true);
    let name = optional(params, 'vpcPeeringName');
    if (name !== undefined) checkPeeringName(name);
    const description = readDescription(params);
    const targetLoginId = optional(params, 'targetVpcLoginId');
    const targetName = optional(params, 'targetVpcName');

    const source = findVpc(caller, sourceVpcNo, regionCode);
    if (!source) {
      throw new ServiceError(RETURN_CODES.SOURCE_VPC_NOT_FOUND, `sourceVpcNo ${sourceVpcNo} was not found in the calling account (regionCode ${regionCode})`);
    }
    if (sourceVpcNo === targetVpcNo) {
      throw new ServiceError(RETURN_CODES.SAME_VPC, `sourceVpcNo and targetVpcNo must be different VPCs (both are ${sourceVpcNo})`);
    }
    let target;
    if (targetLoginId !== undefined && targetLoginId !== caller.loginId) {
      const owner = this.world.byLoginId.get(targetLoginId);
      if (!owner) throw new ServiceError(RETURN_CODES.TARGET_LOGIN_NOT_FOUND, `targetVpcLoginId ${quote(targetLoginId)} is not a known account`);
      if (targetName === undefined) {
        throw new ServiceError(RETURN_CODES.CROSS_ACCOUNT_PARAMS_REQUIRED, 'targetVpcName is required when the target VPC belongs to another account');
      }
      target = findVpc(owner, targetVpcNo, regionCode);
      if (!target) {
        throw new ServiceError(RETURN_CODES.TARGET_VPC_NOT_FOUND, `targetVpcNo ${targetVpcNo} was not found in the account of targetVpcLoginId ${quote(targetLoginId)} (regionCode ${regionCode})`);
      }
    } else {
      target = findVpc(caller, targetVpcNo, regionCode);
      if (!target) {
        const elsewhere = this.world.accounts.some((a) => a !== caller && findVpc(a, targetVpcNo, regionCode));
        if (elsewhere) {
          const missing = [targetName === undefined && 'targetVpcName', targetLoginId === undefined && 'targetVpcLoginId'].filter(Boolean);
          throw new ServiceError(RETURN_CODES.CROSS_ACCOUNT_PARAMS_REQUIRED, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required when targetVpcNo ${targetVpcNo} belongs to another account`);
        }
        throw new ServiceError(RETURN_CODES.TARGET_VPC_NOT_FOUND, `targetVpcNo ${targetVpcNo} was not found (regionCode ${regionCode})`);
      }
    }
    if (targetName !== undefined && targetName !== target.vpcName) {
      throw new ServiceError(RETURN_CODES.TARGET_NAME_MISMATCH, `targetVpcName ${quote(targetName)} does not match the name of targetVpcNo ${targetVpcNo}`);
    }
    if (cidrsOverlap(source.ipv4CidrBlock, target.ipv4CidrBlock)) {
      throw new ServiceError(
        RETURN_CODES.CIDR_OVERLAP,
        `the IPv4 CIDR blocks of sourceVpcNo ${sourceVpcNo} (${source.ipv4CidrBlock}) and targetVpcNo ${targetVpcNo} (${target.ipv4CidrBlock}) overlap`,
      );
    }
    const existing = this.all().find((p) => p.source.vpc === source && p.target.vpc === target);
    if (existing) {
      throw new ServiceError(RETURN_CODES.DUPLICATE_PEERING, `a VPC peering from sourceVpcNo ${sourceVpcNo} to targetVpcNo ${targetVpcNo} already exists (vpcPeeringInstanceNo ${existing.no})`);
    }
    if (name === undefined) name = `peer-${crypto.randomBytes(4).toString('hex')}`;
    const betweenAccounts = target.account !== caller;
    const p = {
      no: String(this.nextNo++),
      name,
      regionCode,
      createdAt: now,
      modifiedAt: now,
      source: { account: caller, vpc: source },
      target: { account: target.account, vpc: target },
      description,
      betweenAccounts,
      phase: betweenAccounts ? 'awaiting' : 'creating',
      runAt: betweenAccounts ? null : now + this.runDelayMs,
      goneAt: null,
    };
    this.peerings.set(p.no, p);
    return [p];
  }

  /** The caller's peerings, filtered, sorted and paged; answers records and the count before paging. */
  list(caller, params) {
    const regionCode = region(params);
    const numbers = numberList(params, 'vpcPeeringInstanceNoList');
    const sourceVpcName = optional(params, 'sourceVpcName');
    const targetVpcName = optional(params, 'targetVpcName');
    const peeringName = optional(params, 'vpcPeeringName');
    const statusCode = oneOf(params, 'vpcPeeringInstanceStatusCode', STATUS_CODES);
    const query = listQuery(params, SORT_FIELDS);

    let records = this.visibleTo(caller, regionCode).map((p) => this.record(p));
    if (numbers.length) records = records.filter((r) => numbers.includes(r.vpcPeeringInstanceNo));
    if (sourceVpcName !== undefined) records = records.filter((r) => r.sourceVpcName === sourceVpcName);
    if (targetVpcName !== undefined) records = records.filter((r) => r.targetVpcName === targetVpcName);
    if (peeringName !== undefined) records = records.filter((r) => r.vpcPeeringName === peeringName);
    if (statusCode !== undefined) records = records.filter((r) => r.vpcPeeringInstanceStatus.code === statusCode);
    return pageOf(records, query, 'vpcPeeringInstanceNo');
  }

  detail(caller, params) {
    const regionCode = region(params);
    const no = numeric(params, 'vpcPeeringInstanceNo', true);
    const p = this.peerings.get(no);
    // Unknown, gone or someone else's: an empty list, not an error (terraform reads this as "gone").
    return p && p.regionCode === regionCode && isOwner(p, caller) ? [p] : [];
  }

  acceptOrReject(caller, params, now) {
    const p = this.owned(caller, params);
    const isAccept = optional(params, 'isAccept');
    if (isAccept === undefined) throw new ServiceError(RETURN_CODES.REQUIRED, 'isAccept is required');
    if (!/^(true|false)$/i.test(isAccept)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'isAccept must be true or false');
    if (!p.betweenAccounts) {
      throw new ServiceError(RETURN_CODES.NOT_AWAITING_ACCEPTANCE, `vpcPeeringInstanceNo ${p.no} is not a cross-account peering: there is nothing to accept or reject`);
    }
    if (p.target.account !== caller) {
      throw new ServiceError(RETURN_CODES.WRONG_ACCEPTOR, `vpcPeeringInstanceNo ${p.no} can only be accepted or rejected by the target account (${p.target.account.loginId}), not by the requesting account`);
    }
    if (p.phase !== 'awaiting') {
      throw new ServiceError(RETURN_CODES.NOT_AWAITING_ACCEPTANCE, `vpcPeeringInstanceNo ${p.no} is not awaiting acceptance (status ${PHASES[p.phase].code})`);
    }
    if (isAccept.toLowerCase() === 'true') {
      p.phase = 'accepting';
      p.runAt = now + this.runDelayMs;
    } else {
      p.phase = 'terminating';
      p.goneAt = now + this.deleteDelayMs;
    }
    p.modifiedAt = now;
    return [p];
  }

  delete(caller, params, now) {
    const p = this.owned(caller, params);
    if (p.phase === 'terminating') throw new ServiceError(RETURN_CODES.TERMINATING, `vpcPeeringInstanceNo ${p.no} is already being deleted`);
    const routed = this.state.routeTables.tablesTargeting(p.no);
    if (routed.length) {
      throw new ServiceError(
        RETURN_CODES.PEERING_HAS_ROUTES,
        `vpcPeeringInstanceNo ${p.no} is the target of routes in routeTableNo ${routed.map((t) => t.no).join(', ')}: remove them (removeRoute) before deleting the peering`,
      );
    }
    p.phase = 'terminating';
    p.goneAt = now + this.deleteDelayMs;
    p.modifiedAt = now;
    return [p];
  }

  setDescription(caller, params, now) {
    const p = this.owned(caller, params);
    const description = readDescription(params);
    if (p.phase === 'terminating') throw new ServiceError(RETURN_CODES.TERMINATING, `vpcPeeringInstanceNo ${p.no} is being deleted`);
    p.description = description;
    p.modifiedAt = now;
    return [p];
  }

  /** The peering named by vpcPeeringInstanceNo, which the caller must own (source or target side). */
  owned(caller, params) {
    const regionCode = region(params);
    const no = numeric(params, 'vpcPeeringInstanceNo', true);
    const p = this.peerings.get(no);
    if (!p || p.regionCode !== regionCode) {
      throw new ServiceError(RETURN_CODES.PEERING_NOT_FOUND, `vpcPeeringInstanceNo ${no} was not found (regionCode ${regionCode})`);
    }
    if (!isOwner(p, caller)) {
      throw new ServiceError(RETURN_CODES.NOT_OWNER, `vpcPeeringInstanceNo ${no} belongs to neither the source nor the target VPC of the calling account`);
    }
    return p;
  }
}

/** True when the account owns the source or the target VPC of the peering. */
export function isOwner(p, account) {
  return p.source.account === account || p.target.account === account;
}

function checkPeeringName(name) {
  if (name.length < 3 || name.length > 30 || !PEERING_NAME_RE.test(name)) {
    throw new ServiceError(
      RETURN_CODES.INVALID_PEERING_NAME,
      `vpcPeeringName must be 3-30 characters of lowercase letters, digits and "-", start with a letter and end with a letter or digit (got ${quote(name)})`,
    );
  }
}

function readDescription(params) {
  const d = params.vpcPeeringDescription ?? '';
  const bytes = Buffer.byteLength(d, 'utf8');
  if (bytes > 1000) throw new ServiceError(RETURN_CODES.DESCRIPTION_TOO_LONG, `vpcPeeringDescription must be at most 1000 bytes of UTF-8 (got ${bytes})`);
  if (XML_INVALID_RE.test(d)) throw new ServiceError(RETURN_CODES.INVALID_VALUE, 'vpcPeeringDescription must not contain control characters');
  return d;
}

/** Answers a list of peerings (as records), all of them counted. */
function answer(service, peerings) {
  return { items: peerings.map((p) => service.record(p)), totalRows: peerings.length };
}

/** The peering actions: name → the resource it answers with and how it runs against the state. */
export const PEERING_ACTIONS = Object.freeze({
  createVpcPeeringInstance: { resource: PEERING, run: ({ peerings }, caller, params, now) => answer(peerings, peerings.create(caller, params, now)) },
  getVpcPeeringInstanceList: { resource: PEERING, run: ({ peerings }, caller, params) => peerings.list(caller, params) },
  getVpcPeeringInstanceDetail: { resource: PEERING, run: ({ peerings }, caller, params) => answer(peerings, peerings.detail(caller, params)) },
  acceptOrRejectVpcPeering: { resource: PEERING, run: ({ peerings }, caller, params, now) => answer(peerings, peerings.acceptOrReject(caller, params, now)) },
  deleteVpcPeeringInstance: { resource: PEERING, run: ({ peerings }, caller, params, now) => answer(peerings, peerings.delete(caller, params, now)) },
  setVpcPeeringDescription: { resource: PEERING, run: ({ peerings }, caller, params, now) => answer(peerings, peerings.setDescription(caller, params, now)) },
});
