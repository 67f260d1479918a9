// A table of one resource, generic over the resource: a description says which list call fills it, where on the
// page it shows and how one item looks as a row; this file fetches, renders, updates a row in place and drops stale
// answers. The next resource's table is one more description, not new code.
import { byId, h, fill } from './dom.js';
import { errorView } from './render.js';

/**
 * @typedef {object} Column
 * @property {(item: object) => unknown} cell  the cell's children (nodes, strings, nested arrays; null skipped)
 * @property {string} [class]  the cell's class
 * @property {boolean} [live]  re-rendered by `update` (what a poll of the item can change)
 */

/**
 * @typedef {object} ListDescription
 * @property {string} action  the package's list call, e.g. `getVpcPeeringInstanceList`
 * @property {string} listName  the result's list, e.g. `vpcPeeringInstanceList`
 * @property {string} key  the field numbering an item (its row's `data-no`), e.g. `vpcPeeringInstanceNo`
 * @property {{rows: string, empty: string, who: string, error: string, refresh: string}} ids  the page's elements:
 *   the tbody, the "nothing listed" line, the "N as key" line, the error box, the refresh button
 * @property {{invalid: (message: string) => string, empty: string, errorTitle: string}} texts  the line shown when
 *   the keys are not valid, the line shown for an empty list, the title of a failed list's error card
 * @property {(item: object) => Record<string, string>} [dataset]  the row's data attributes besides `no`
 * @property {Column[]} columns
 */

export class ListView {
  /**
   * @param {ListDescription} description
   * @param {{api: () => object | undefined, options: () => object}} from  the package once loaded; the options
   *   every call shares (keys, region, endpoint)
   */
  constructor(description, { api, options }) {
    this.description = description;
    this.api = api;
    this.options = options;
    this.generation = 0;
    const { ids } = description;
    this.rows = byId(ids.rows);
    this.empty = byId(ids.empty);
    this.who = byId(ids.who);
    this.errorBox = byId(ids.error);
    this.refreshButton = byId(ids.refresh);
    this.refreshButton.addEventListener('click', () => this.refresh());
  }

  /** Lists again with the current keys; an answer overtaken by a newer refresh is dropped. */
  async refresh() {
    const api = this.api();
    if (!api) return;
    const { action, listName, texts } = this.description;
    const generation = ++this.generation;
    const opts = this.options();
    const problems = api.validateOptions(action, opts);
    if (problems.length) {
      this.rows.replaceChildren();
      this.empty.hidden = false;
      this.empty.textContent = texts.invalid(problems[0].message);
      this.who.textContent = '';
      this.errorBox.replaceChildren();
      return;
    }
    this.refreshButton.classList.add('is-busy');
    try {
      const result = await api[action](opts);
      if (generation !== this.generation) return;
      this.errorBox.replaceChildren();
      this.render(result[listName]);
      this.who.textContent = `${result.totalRows} as ${opts.accessKey}`;
    } catch (err) {
      if (generation !== this.generation) return;
      fill(this.errorBox, errorView(texts.errorTitle, err));
    } finally {
      if (generation === this.generation) this.refreshButton.classList.remove('is-busy');
    }
  }

  /** One row per item, or the "nothing listed" line. */
  render(list) {
    this.rows.replaceChildren(...list.map((item) => this.row(item)));
    this.empty.hidden = list.length > 0;
    this.empty.textContent = this.description.texts.empty;
  }

  row(item) {
    const { key, dataset, columns } = this.description;
    return h(
      'tr',
      { dataset: { no: item[key], ...dataset?.(item) } },
      columns.map((column) => h('td', { class: column.class }, column.cell(item))),
    );
  }

  /** The row of item number `no`, if listed. */
  rowOf(no) {
    return this.rows.querySelector(`tr[data-no="${CSS.escape(no)}"]`);
  }

  /** Shows a newer state of a listed item (a poll's answer): its data attributes and its live cells. */
  update(item) {
    const { key, dataset, columns } = this.description;
    const tr = this.rowOf(item[key]);
    if (!tr) return;
    Object.assign(tr.dataset, dataset?.(item));
    columns.forEach((column, i) => {
      if (column.live) fill(tr.children[i], column.cell(item));
    });
  }

  /**
   * Opens a full-width row of class `className` under item `no`'s row, holding `content(close)`; closes it instead
   * when it is open. Returns whether it opened.
   */
  toggleDetail(no, className, content) {
    const open = this.rows.querySelector(`tr.${className}[data-for="${CSS.escape(no)}"]`);
    if (open) {
      open.remove();
      return false;
    }
    const tr = this.rowOf(no);
    if (!tr) return false;
    const detail = h('tr', { class: className, dataset: { for: no } });
    detail.append(h('td', { colspan: String(this.description.columns.length) }, content(() => detail.remove())));
    tr.after(detail);
    return true;
  }
}
