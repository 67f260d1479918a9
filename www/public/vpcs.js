// Picking VPCs rather than typing their numbers: the account's own VPCs (getVpcList) as options with their name,
// number and address block; another account's VPC entered by number, name and its owner's login ID; and the overlap
// of the two blocks said beside the target before anything is sent (cidr.js).
import { byId, h, fill } from './dom.js';
import { cidrsOverlap } from './cidr.js';

/** The target option standing for a VPC of another account (entered by hand). */
export const OTHER_ACCOUNT = 'other';

/** A VPC as the pickers and tables name it: `alice-web · #10001 · 10.0.0.0/16`. */
export function vpcLabel(v) {
  return `${v.vpcName || '(unnamed)'} · #${v.vpcNo} · ${v.ipv4CidrBlock || 'block unknown'}`;
}

/**
 * Fills `select` with `vpcs` (each option labelled by vpcLabel), after a first option `placeholder` (value ""), keeping
 * the choice when it is still offered. `extra`: more options at the end.
 */
export function fillVpcSelect(select, vpcs, placeholder, extra = []) {
  const chosen = select.value;
  fill(
    select,
    h('option', { value: '' }, placeholder),
    (vpcs ?? []).map((v) => h('option', { value: v.vpcNo, dataset: { cidr: v.ipv4CidrBlock ?? '' } }, vpcLabel(v))),
    extra,
  );
  select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
}

/**
 * A source and a target VPC, picked from the account's VPCs; the target may be another account's, entered by number,
 * name and login ID. `ids`: the source and target selects, the other VPC's number input and the box holding it, the
 * box of the other account's fields (shown only for another account's VPC), and the line saying both blocks.
 */
export class VpcPicker {
  /**
   * @param {{source: string, target: string, otherNo: string, otherNoBox: string, otherBox: string, otherName: string,
   *   otherLogin: string, blocks: string}} ids
   * @param {{onChange?: () => void, checksLater?: string}} [options]  called after the target kind changes; what
   *   the page adds when another account's block is unknown (who will check the overlap, and when)
   */
  constructor(ids, { onChange, checksLater = '' } = {}) {
    this.source = byId(ids.source);
    this.target = byId(ids.target);
    this.otherNo = byId(ids.otherNo);
    this.otherNoBox = byId(ids.otherNoBox);
    this.otherBox = byId(ids.otherBox);
    this.otherName = byId(ids.otherName);
    this.otherLogin = byId(ids.otherLogin);
    this.blocks = byId(ids.blocks);
    this.checksLater = checksLater;
    this.vpcs = [];
    this.show(null, 'Enter your keys to list your VPCs');
    // Told of changes from now on (the form it serves may not exist yet).
    this.onChange = onChange;
    this.target.addEventListener('change', () => this.kindChanged());
    for (const input of [this.source, this.target, this.otherNo]) input.addEventListener('change', () => this.sayBlocks());
    this.otherNo.addEventListener('input', () => this.sayBlocks());
  }

  /** Offers `vpcs` (the account's), or none with `note` saying why (no keys yet, the list failed). */
  show(vpcs, note) {
    this.vpcs = vpcs ?? [];
    const empty = vpcs ? (vpcs.length ? 'Choose a VPC' : 'This account has no VPC in this region') : note;
    fillVpcSelect(this.source, vpcs, empty);
    fillVpcSelect(this.target, vpcs, empty, h('option', { value: OTHER_ACCOUNT }, 'Another account’s VPC…'));
    this.kindChanged();
  }

  /** Whether the target is another account's VPC (entered by hand). */
  isOther() {
    return this.target.value === OTHER_ACCOUNT;
  }

  /** The account's VPC numbered `no`, if listed. */
  vpc(no) {
    return this.vpcs.find((v) => v.vpcNo === String(no));
  }

  /** The options the two VPCs make: numbers, and for another account's VPC its name and login ID ('' when empty). */
  values() {
    const other = this.isOther();
    return {
      sourceVpcNo: this.source.value,
      targetVpcNo: other ? this.otherNo.value.trim() : this.target.value,
      targetVpcName: other ? this.otherName.value.trim() : '',
      targetVpcLoginId: other ? this.otherLogin.value.trim() : '',
    };
  }

  /**
   * Picks `sourceVpcNo` and `targetVpcNo`; a target that is not among the account's VPCs, or that comes with a name
   * and login ID, is another account's.
   */
  choose({ sourceVpcNo = '', targetVpcNo = '', targetVpcName = '', targetVpcLoginId = '' }) {
    this.source.value = this.vpc(sourceVpcNo) ? String(sourceVpcNo) : '';
    const own = this.vpc(targetVpcNo) && !targetVpcLoginId;
    this.target.value = own ? String(targetVpcNo) : targetVpcNo ? OTHER_ACCOUNT : '';
    this.otherNo.value = own ? '' : String(targetVpcNo);
    this.otherName.value = own ? '' : targetVpcName;
    this.otherLogin.value = own ? '' : targetVpcLoginId;
    this.kindChanged();
  }

  /** The input a problem of option `field` belongs beside. */
  inputFor(field) {
    if (field === 'targetVpcNo') return this.isOther() ? this.otherNo : this.target;
    if (field === 'sourceVpcNo') return this.source;
    if (field === 'targetVpcName') return this.otherName;
    if (field === 'targetVpcLoginId') return this.otherLogin;
    return null;
  }

  /** The page's own problem with the pair: both VPCs are the account's and their blocks overlap. */
  problems() {
    const [source, target] = [this.vpc(this.source.value), this.isOther() ? undefined : this.vpc(this.target.value)];
    if (!source || !target || source === target || !cidrsOverlap(source.ipv4CidrBlock, target.ipv4CidrBlock)) return [];
    const message =
      `Address blocks overlap: ${source.vpcName} (${source.ipv4CidrBlock}) and ${target.vpcName} (${target.ipv4CidrBlock}) ` +
      'share addresses, and peered VPCs need blocks apart; pick another pair';
    return [{ field: 'targetVpcNo', message, overlap: true }];
  }

  kindChanged() {
    const other = this.isOther();
    this.otherNoBox.hidden = !other;
    this.otherBox.hidden = !other;
    this.sayBlocks();
    this.onChange?.();
  }

  /** Says both blocks under the pair, or that another account's block is unknown here. */
  sayBlocks() {
    const source = this.vpc(this.source.value);
    const target = this.vpc(this.target.value);
    let text = '';
    if (this.isOther()) {
      text = `Another account’s VPC: its address block is unknown to your keys, so the console cannot check it for an overlap. ${this.checksLater}`.trim();
    } else if (source && target && source !== target && cidrsOverlap(source.ipv4CidrBlock, target.ipv4CidrBlock) === false) {
      text = `${source.ipv4CidrBlock} and ${target.ipv4CidrBlock} do not overlap.`;
    }
    this.blocks.textContent = text;
    this.blocks.dataset.kind = this.isOther() ? 'unknown' : text ? 'apart' : '';
  }
}
