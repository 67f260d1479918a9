// A table of one resource, generic over the resource: a description says which list call fills it, where on the
// page it shows, how one item looks as a row, and which items are still changing; this file fetches (with the
// description's filters and a page at a time), renders, updates a row in place, refreshes by itself while an item
// is changing and drops stale answers. The next resource's table is one more description, not new code.
import { byId, h, fill } from './dom.js';

/**
 * @typedef {object} Column
 * @property {string} label  the column's name; a row shown as a card (narrow screens) labels the cell with it
 * @property {(item: object) => unknown} cell  the cell's children (nodes, strings, nested arrays; null skipped)
 * @property {string} [class]  the cell's class
 */

/**
 * @typedef {object} ListDescription
 * @property {string} action  the package's list call, e.g. `getVpcPeeringInstanceList`
 * @property {string} listName  the result's list, e.g. `vpcPeeringInstanceList`
 * @property {string} key  the field numbering an item (its row's `data-no`), e.g. `vpcPeeringInstanceNo`
 * @property {{rows: string, empty: string, who: string, error: string, refresh: string, pager?: string,
 *   auto?: string}} ids  the page's elements: the tbody, the "nothing listed" line, the "N as key" line, the error
 *   box, the refresh button, the pager (a `<nav>`; paging is off without it), the line saying the list refreshes itself
 * @property {{invalid: (problem: {field?: string, message: string}) => string, empty: string, errorTitle: string,
 *   filteredEmpty?: string, auto?: (seconds: number) => string, noun?: string}} texts  the line shown when the keys
 *   are not valid, the line shown for an empty list (`filteredEmpty` when a filter is set), the title of a failed
 *   list's error card, the self-refresh line, the plural noun of the pager ("peerings")
 * @property {() => object} [query]  the list call's filters and sort, from the page (empty values left out)
 * @property {(item: object) => Record<string, string>} [dataset]  the row's data attributes besides `no`
 * @property {(item: object) => string} [revision]  what a row shows, as a string: a row whose revision is unchanged
 *   is kept as it is (focus stays on its buttons); default the item's JSON
 * @property {(item: object) => boolean} [changing]  an item still changing: while one is listed, the list refreshes
 *   itself (every 2 s, then slower, up to 15 s)
 * @property {(items: object[]) => void} [onList]  called with each listed page, before it is drawn
 * @property {Column[]} columns
 */

/** The delays of the self-refresh: from the first, each 1.5 times the last, up to the cap. */
export const AUTO_REFRESH_MS = Object.freeze({ first: 2000, max: 15000 });
/** Page sizes offered. */
export const PAGE_SIZES = Object.freeze([5, 10, 20, 50]);
/** The page size until one is picked. */
export const DEFAULT_PAGE_SIZE = 10;

export class ListView {
  /**
   * @param {ListDescription} description
   * @param {{api: () => object | undefined, options: () => object, errorView: (title: string, err: unknown) => Node}}
   *   from  the package once loaded; the options every call shares (keys, region, endpoint); a failed list's error card
   */
  constructor(description, { api, options, errorView }) {
    this.description = description;
    this.api = api;
    this.options = options;
    this.errorView = errorView;
    this.generation = 0;
    this.items = new Map();
    this.pageNo = 1;
    this.pageSize = DEFAULT_PAGE_SIZE;
    this.totalRows = 0;
    this.autoTimer = null;
    this.autoDelay = AUTO_REFRESH_MS.first;
    const { ids } = description;
    this.rows = byId(ids.rows);
    this.empty = byId(ids.empty);
    this.who = byId(ids.who);
    this.errorBox = byId(ids.error);
    this.refreshButton = byId(ids.refresh);
    this.pager = ids.pager ? byId(ids.pager) : null;
    this.autoLine = ids.auto ? byId(ids.auto) : null;
    this.refreshButton.addEventListener('click', () => this.refresh());
  }

  /**
   * Lists again with the current keys, filters and page; an answer overtaken by a newer refresh is dropped. `auto`:
   * a self-refresh (keeps its growing delay); `firstPage`: back to page 1 (the filters changed).
   */
  async refresh({ auto = false, firstPage = false } = {}) {
    const api = this.api();
    if (!api) return;
    this.stopAuto();
    if (!auto) this.autoDelay = AUTO_REFRESH_MS.first;
    if (firstPage) this.pageNo = 1;
    const { action, listName, texts } = this.description;
    const generation = ++this.generation;
    const opts = this.listOptions();
    const problems = api.validateOptions(action, opts);
    if (problems.length) {
      this.clear(texts.invalid(problems[0]));
      return;
    }
    this.refreshButton.classList.add('is-busy');
    this.refreshButton.setAttribute('aria-busy', 'true');
    try {
      const result = await api[action](opts);
      if (generation !== this.generation) return;
      this.errorBox.replaceChildren();
      this.totalRows = result.totalRows;
      const list = result[listName];
      if (list.length === 0 && this.totalRows > 0 && this.pageNo > 1) {
        // The page emptied (items went away): show the last page that has some.
        this.pageNo = Math.max(1, Math.ceil(this.totalRows / this.pageSize));
        this.refresh({ auto });
        return;
      }
      this.description.onList?.(list);
      this.render(list);
      this.who.textContent = `${this.totalRows} as ${opts.accessKey}`;
      this.renderPager();
      this.scheduleAuto(list);
    } catch (err) {
      if (generation !== this.generation) return;
      // What the list showed belonged to an answer that can no longer be had: the error replaces it.
      this.clear('');
      fill(this.errorBox, this.errorView(texts.errorTitle, err));
    } finally {
      if (generation === this.generation) {
        this.refreshButton.classList.remove('is-busy');
        this.refreshButton.removeAttribute('aria-busy');
      }
    }
  }

  /** The options of the list call: the shared ones, the description's filters, the page. */
  listOptions() {
    const opts = { ...this.options(), ...this.description.query?.() };
    if (this.pager) Object.assign(opts, { pageNo: this.pageNo, pageSize: this.pageSize });
    return opts;
  }

  /**
   * Forgets every row (their answers belonged to other keys, or failed): drops answers still on the way, stops
   * refreshing, and shows `text` as the empty line.
   */
  clear(text = this.description.texts.empty) {
    this.generation++;
    this.stopAuto();
    this.items.clear();
    this.rows.replaceChildren();
    this.empty.hidden = !text;
    this.empty.textContent = text;
    this.who.textContent = '';
    this.errorBox.replaceChildren();
    this.totalRows = 0;
    if (this.pager) this.pager.hidden = true;
    this.refreshButton.classList.remove('is-busy');
    this.refreshButton.removeAttribute('aria-busy');
  }

  /**
   * One row per item, or the "nothing listed" line. A row whose item shows the same as before stays in place, so
   * a refresh does not take the focus from its buttons; rows opened under a row (`toggleDetail`) follow it.
   */
  render(list) {
    const { key, texts } = this.description;
    const before = new Map([...this.rows.querySelectorAll(':scope > tr[data-no]')].map((tr) => [tr.dataset.no, tr]));
    const details = new Map([...this.rows.querySelectorAll(':scope > tr[data-for]')].map((tr) => [tr.dataset.for, tr]));
    const wanted = [];
    this.items.clear();
    for (const item of list) {
      const no = String(item[key]);
      this.items.set(no, item);
      const old = before.get(no);
      wanted.push(old && old.dataset.revision === this.revision(item) ? old : this.replaceRow(old, item));
      if (details.has(no)) wanted.push(details.get(no));
    }
    for (const child of [...this.rows.children]) if (!wanted.includes(child)) child.remove();
    let cursor = this.rows.firstElementChild;
    for (const tr of wanted) {
      if (tr === cursor) cursor = cursor.nextElementSibling;
      else this.rows.insertBefore(tr, cursor);
    }
    this.empty.hidden = list.length > 0;
    const filtered = Object.values(this.description.query?.() ?? {}).some((v) => v !== undefined && v !== '');
    this.empty.textContent = filtered && texts.filteredEmpty ? texts.filteredEmpty : texts.empty;
  }

  revision(item) {
    return this.description.revision?.(item) ?? JSON.stringify(item);
  }

  row(item) {
    const { key, dataset, columns } = this.description;
    return h(
      'tr',
      { dataset: { no: item[key], revision: this.revision(item), ...dataset?.(item) } },
      columns.map((column) => h('td', { class: column.class, dataset: { label: column.label } }, column.cell(item))),
    );
  }

  /**
   * A new row for `item`, in place of `old` when there is one; a button focused in the old row hands the focus to
   * the new row's button of the same `data-action` (or to the row's first button).
   */
  replaceRow(old, item) {
    const tr = this.row(item);
    if (!old) return tr;
    const focused = old.contains(document.activeElement) ? document.activeElement : null;
    old.replaceWith(tr);
    if (focused) {
      const action = focused.dataset?.action;
      const same = action ? tr.querySelector(`[data-action="${CSS.escape(action)}"]`) : null;
      (same ?? tr.querySelector('button, a[href]'))?.focus();
    }
    return tr;
  }

  /** The row of item number `no`, if listed. */
  rowOf(no) {
    return this.rows.querySelector(`tr[data-no="${CSS.escape(String(no))}"]`);
  }

  /** The listed item number `no`, if on this page. */
  item(no) {
    return this.items.get(String(no));
  }

  /** Shows a newer state of a listed item (an action's or a poll's answer) in its row. */
  update(item) {
    const no = String(item[this.description.key]);
    const tr = this.rowOf(no);
    if (!tr) return;
    this.items.set(no, item);
    if (tr.dataset.revision !== this.revision(item)) this.replaceRow(tr, item);
  }

  /** Renders every row again (what a row shows depends on something besides its item, and that changed). */
  rerender() {
    for (const [no, item] of this.items) {
      const tr = this.rowOf(no);
      if (tr) this.replaceRow(tr, item);
    }
  }

  /**
   * Opens a full-width row of class `className` under item `no`'s row, holding `content(close)`; closes it instead
   * when it is open. Returns whether it opened.
   */
  toggleDetail(no, className, content) {
    const open = this.rows.querySelector(`tr.${className}[data-for="${CSS.escape(String(no))}"]`);
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

  // --- paging --------------------------------------------------------------------------------------------------

  /** Sets the page size (back to page 1) and lists again. */
  setPageSize(size) {
    this.pageSize = Number(size);
    this.refresh({ firstPage: true });
  }

  /** Goes to page `pageNo` and lists it. */
  goTo(pageNo) {
    this.pageNo = pageNo;
    this.refresh();
  }

  renderPager() {
    if (!this.pager) return;
    const pages = Math.max(1, Math.ceil(this.totalRows / this.pageSize));
    const first = this.totalRows === 0 ? 0 : (this.pageNo - 1) * this.pageSize + 1;
    const last = Math.min(this.totalRows, this.pageNo * this.pageSize);
    const noun = this.description.texts.noun ?? 'items';
    const button = (label, text, to, disabled) =>
      h('button', { type: 'button', class: 'secondary small-btn', 'aria-label': label, dataset: { page: to }, disabled, onclick: () => this.goTo(to) }, text);
    this.pager.hidden = this.totalRows <= this.pageSize && this.pageNo === 1;
    fill(
      this.pager,
      button('Previous page', '‹ Previous', this.pageNo - 1, this.pageNo <= 1),
      h('span', { class: 'pager-info', dataset: { pageNo: this.pageNo, pages } }, `${first}–${last} of ${this.totalRows} ${noun} · page ${this.pageNo} of ${pages}`),
      button('Next page', 'Next ›', this.pageNo + 1, this.pageNo >= pages),
    );
  }

  // --- refreshing while something changes ----------------------------------------------------------------------

  scheduleAuto(list) {
    const changing = this.description.changing;
    const pending = changing ? list.filter(changing).length : 0;
    if (!pending) {
      if (this.autoLine) this.autoLine.textContent = '';
      return;
    }
    const delay = this.autoDelay;
    this.autoDelay = Math.min(AUTO_REFRESH_MS.max, Math.round(delay * 1.5));
    if (this.autoLine) this.autoLine.textContent = this.description.texts.auto?.(Math.round(delay / 1000)) ?? '';
    this.autoTimer = setTimeout(() => this.refresh({ auto: true }), delay);
  }

  stopAuto() {
    clearTimeout(this.autoTimer);
    this.autoTimer = null;
    if (this.autoLine) this.autoLine.textContent = '';
  }
}
