/**
 * The VPC service: the VPC resource and its two read actions, getVpcList and getVpcDetail. The VPCs come from the
 * seed and never change; every account sees only its own.
 *
 * @module emulator/services/vpc
 */
import { numberList, numeric, oneOf, optional, region } from '../params.js';
import { defineResource, formatDate } from '../wire.js';

/** A VPC on the wire: the fields of getVpcList's sample, in its order (fact: the API page, the SDK models). */
export const VPC = defineResource({
  list: 'vpcList',
  item: 'vpc',
  fields: ['vpcNo', 'vpcName', 'ipv4CidrBlock', 'vpcStatus', 'regionCode', 'createDate'],
});

// The values of getVpcList's vpcStatusCode (fact: the API page and the Vpc data type). A seeded VPC is always RUN,
// shown as RUN/run (fact: getVpcList's sample).
const VPC_STATUS_CODES = ['INIT', 'CREATING', 'RUN', 'TERMTING'];
const RUNNING = Object.freeze({ code: 'RUN', codeName: 'run' });

/** The caller's VPCs. */
export class VpcService {
  constructor(state) {
    this.world = state.world;
  }

  /** The record of one VPC: every field of `VPC`. */
  record(vpc) {
    return {
      vpcNo: vpc.vpcNo,
      vpcName: vpc.vpcName,
      ipv4CidrBlock: vpc.ipv4CidrBlock,
      vpcStatus: { ...RUNNING },
      regionCode: vpc.regionCode,
      createDate: formatDate(vpc.createdAt),
    };
  }

  visibleTo(caller, regionCode) {
    return caller.vpcs.filter((v) => v.regionCode === regionCode);
  }

  /** getVpcList: filtered by vpcStatusCode, vpcName (exact) and vpcNoList.N; by number. */
  list(caller, params) {
    const regionCode = region(params);
    const statusCode = oneOf(params, 'vpcStatusCode', VPC_STATUS_CODES);
    const name = optional(params, 'vpcName');
    const numbers = numberList(params, 'vpcNoList');
    let records = this.visibleTo(caller, regionCode).map((v) => this.record(v));
    if (statusCode !== undefined) records = records.filter((r) => r.vpcStatus.code === statusCode);
    if (name !== undefined) records = records.filter((r) => r.vpcName === name);
    if (numbers.length) records = records.filter((r) => numbers.includes(r.vpcNo));
    records.sort((a, b) => Number(a.vpcNo) - Number(b.vpcNo));
    return { items: records, totalRows: records.length };
  }

  /** getVpcDetail: the VPC, or an empty list when it is unknown or another account's (as a peering's detail). */
  detail(caller, params) {
    const regionCode = region(params);
    const vpcNo = numeric(params, 'vpcNo', true);
    const records = this.visibleTo(caller, regionCode)
      .filter((v) => v.vpcNo === vpcNo)
      .map((v) => this.record(v));
    return { items: records, totalRows: records.length };
  }
}

/** The VPC actions: name → the resource it answers with and how it runs against the state. */
export const VPC_ACTIONS = Object.freeze({
  getVpcList: { resource: VPC, run: ({ vpcs }, caller, params) => vpcs.list(caller, params) },
  getVpcDetail: { resource: VPC, run: ({ vpcs }, caller, params) => vpcs.detail(caller, params) },
});
