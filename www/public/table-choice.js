// Choosing which route tables of each VPC a connection routes (connectVpcs' sourceRouteTableNoList /
// targetRouteTableNoList): once a VPC is picked, its route tables (getRouteTableList with its vpcNo) as checkboxes,
// all checked at first. The checked ones are passed; nothing is passed while all are (the package's default: every
// table). The target's tables are listed only where they can be read: the caller's own VPC, or another account's
// with that account's keys; otherwise that account chooses them when it does its part.
import { byId, h, fill } from './dom.js';
import { TABLE_CHOICE, noTableChecked } from './words.js';

/** The two sides, each with the option its checked tables set. */
const FIELDS = Object.freeze({ source: 'sourceRouteTableNoList', target: 'targetRouteTableNoList' });
/** Pages read at most for one VPC's tables: a server that always says "more" cannot hold the form. */
const MAX_PAGES = 100;

/**
 * All route tables of VPC `vpcNo` readable with `options` (keys, endpoint, region), every page of them: a table of
 * another VPC is left out, as the package leaves it out.
 */
async function routeTablesOf(api, options, vpcNo) {
  const first = await api.getRouteTableList({ ...options, vpcNo });
  const tables = [...first.routeTableList];
  const pageSize = tables.length;
  for (let pageNo = 2; tables.length < first.totalRows && pageSize > 0 && pageNo <= MAX_PAGES; pageNo++) {
    const next = await api.getRouteTableList({ ...options, vpcNo, pageNo, pageSize });
    if (!next.routeTableList.length) break;
    tables.push(...next.routeTableList);
  }
  return tables.filter((t) => String(t.vpcNo) === String(vpcNo));
}

/** One route table as a checkbox, labelled with its name, number, subnet type and whether it is the default. */
function tableCheckbox(side, t) {
  const id = `connect-${side}-table-${t.routeTableNo}`;
  return h(
    'li',
    {},
    h('input', { type: 'checkbox', id, value: t.routeTableNo, checked: true, dataset: { table: t.routeTableNo } }),
    h(
      'label',
      { for: id },
      h('span', { class: 'table-name' }, t.routeTableName || '(unnamed)'),
      ' ',
      h('span', { class: 'muted mono' }, `#${t.routeTableNo}`),
      ' ',
      h('span', { class: 'badge badge-none' }, t.supportedSubnetType?.code || 'subnet type unknown'),
      t.isDefault ? h('span', { class: 'muted' }, ' default') : null,
    ),
  );
}

/**
 * The route tables of both VPCs of the connect form, to choose from.
 * @typedef {object} TableChoiceContext
 * @property {() => object | undefined} api  the package, once loaded
 * @property {() => number} epoch  bumps when the keys or the endpoint change (answers for older ones are dropped)
 * @property {import('./vpcs.js').VpcPicker} picker  the connect form's two VPCs
 * @property {() => object} connection  the options every call shares (the caller's keys)
 * @property {() => {accessKey: string, secretKey: string}} otherKeys  the other account's keys from the form
 * @property {(err: unknown) => string} explain  why a call failed, in the page's words
 * @property {() => void} onChange  a side's tables changed (listed again, or none): what the form says is checked anew
 */
export class RouteTableChoice {
  /** @param {TableChoiceContext} ctx */
  constructor(ctx) {
    this.ctx = ctx;
    /** Per side: its fieldset, the list inside it, what was listed for (`wanted`) and the tables (null: none). */
    this.sides = {};
    for (const side of Object.keys(FIELDS)) {
      this.sides[side] = { box: byId(`connect-${side}-tables`), list: byId(`connect-${side}-tables-list`), wanted: '', tables: null };
    }
  }

  /** What `side` lists now: its VPC and the options to list with, or a note saying why nothing is listed. */
  wanted(side) {
    const { picker } = this.ctx;
    const { sourceVpcNo, targetVpcNo } = picker.values();
    if (side === 'source') return sourceVpcNo ? { vpcNo: sourceVpcNo, options: this.ctx.connection() } : { note: TABLE_CHOICE.pickSource };
    if (!picker.isOther()) return targetVpcNo ? { vpcNo: targetVpcNo, options: this.ctx.connection() } : { note: TABLE_CHOICE.pickTarget };
    const { accessKey, secretKey } = this.ctx.otherKeys();
    if (!accessKey || !secretKey) return { note: TABLE_CHOICE.otherAccount };
    if (!/^\d{1,20}$/.test(targetVpcNo)) return { note: TABLE_CHOICE.typeOtherNo };
    return { vpcNo: targetVpcNo, options: { ...this.ctx.connection(), accessKey, secretKey } };
  }

  /**
   * Lists each side's tables again when its VPC or the keys to read it changed (all checked again); otherwise keeps
   * the list and what is checked. Resolves once the lists asked for are shown.
   */
  update() {
    return Promise.all(Object.keys(FIELDS).map((side) => this.updateSide(side)));
  }

  async updateSide(side) {
    const s = this.sides[side];
    const api = this.ctx.api();
    if (!api) return;
    const want = this.wanted(side);
    // The keys are part of what was listed (a corrected secret key lists again); this stays in memory, never in the page.
    const wanted = JSON.stringify([this.ctx.epoch(), want.note ?? '', want.vpcNo ?? '', want.options?.accessKey ?? '', want.options?.secretKey ?? '']);
    if (wanted === s.wanted) return;
    s.wanted = wanted;
    s.tables = null;
    this.ctx.onChange();
    if (want.note) return this.say(side, 'note', want.note);
    const problem = api.validateOptions('getRouteTableList', { ...want.options, vpcNo: want.vpcNo })[0];
    if (problem) return this.say(side, 'failed', TABLE_CHOICE.failed(this.ctx.explain(problem)));
    this.say(side, 'listing', h('span', { class: 'spinner', 'aria-hidden': 'true' }), TABLE_CHOICE.listing);
    let tables;
    try {
      tables = await routeTablesOf(api, want.options, want.vpcNo);
    } catch (err) {
      if (s.wanted === wanted) this.say(side, 'failed', TABLE_CHOICE.failed(this.ctx.explain(err)));
      return;
    }
    if (s.wanted !== wanted) return; // the VPC, the keys or the endpoint changed meanwhile
    s.tables = tables;
    if (!tables.length) this.say(side, 'listed', TABLE_CHOICE.none);
    else {
      s.box.dataset.state = 'listed';
      fill(s.list, h('ul', { class: 'table-list' }, tables.map((t) => tableCheckbox(side, t))));
    }
    this.ctx.onChange();
  }

  /** Shows `content` (a note) in `side`'s group, in `state` (note, listing, listed, failed). */
  say(side, state, ...content) {
    const s = this.sides[side];
    s.box.dataset.state = state;
    fill(s.list, h('p', { class: 'muted small table-note' }, content));
  }

  /** The numbers of `side`'s tables checked, or null when they are all (or none could be listed): every table. */
  checked(side) {
    const s = this.sides[side];
    if (!s.tables?.length) return null;
    const boxes = [...s.list.querySelectorAll('input[type="checkbox"]')];
    const numbers = boxes.filter((b) => b.checked).map((b) => b.value);
    return numbers.length === boxes.length ? null : numbers;
  }

  /** The options the checked tables set: a side's list only when some of its tables are left out. */
  values() {
    const out = {};
    for (const [side, field] of Object.entries(FIELDS)) {
      const numbers = this.checked(side);
      if (numbers?.length) out[field] = numbers;
    }
    return out;
  }

  /** The page's own problems: a side whose tables are listed with none checked (nothing to route into). */
  problems() {
    return Object.entries(FIELDS)
      .filter(([side]) => this.checked(side)?.length === 0)
      .map(([, field]) => ({ field, message: noTableChecked(field) }));
  }

  /** The group a problem of option `field` belongs beside (focused when it is at fault). */
  inputFor(field) {
    const side = Object.keys(FIELDS).find((s) => FIELDS[s] === field);
    return side ? this.sides[side].box : null;
  }

  /** The keys or the endpoint changed: the lists were theirs. */
  reset() {
    for (const s of Object.values(this.sides)) s.wanted = '';
    return this.update();
  }
}

/** The options the two groups set, for the form's list of fields. */
export const TABLE_FIELDS = Object.freeze(Object.values(FIELDS));
