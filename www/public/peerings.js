// The peerings: the table (the landing view: filters, sort, pages, refreshing itself while one is changing), a
// peering's details view, the buttons each side may press, and the description editor. The calls go through the
// console's one call helper (app.js `callFromButton`), which the context passes in.
import { byId, h, fill } from './dom.js';
import { ListView, PAGE_SIZES, DEFAULT_PAGE_SIZE } from './list.js';
import { statusBadge, awaitsAcceptance, directionPill, acceptanceNote, peeringLabel, detailsHref, peeringDetails, peeringCard, resultView, showByteCount } from './render.js';
import { otherAccount, vpcNosProvenBy } from './side.js';

/** Statuses a peering passes through on its own: while one is listed, the table refreshes itself. */
const CHANGING = new Set(['INIT', 'TERMTING']);

/**
 * @typedef {object} PeeringsContext
 * @property {() => object | undefined} api  the package, once loaded
 * @property {() => object} connection  the options every call shares
 * @property {(call: object) => Promise<void>} call  app.js `callFromButton`
 * @property {(title: string, node: Node, opts?: {focus?: boolean}) => void} show  the Result panel
 * @property {(no: string, until: string, why: string, opts?: object) => void} watch  Live status
 * @property {(title: string, err: unknown) => Node} errorView  an error card with advice for the current endpoint
 * @property {(p: object) => string} side  the keys' side of a peering (side.js `sideOf` with the VPCs known)
 * @property {(vpcNos: string[]) => void} learnVpcs  VPC numbers an answer proved to be the caller's
 * @property {(message: string) => string} words  a validator message in the page's words (words.js)
 * @property {(action: string, opts: object) => boolean} validateAll  the connection's problems beside its fields
 * @property {() => number} epoch  bumps when the keys or the endpoint change (answers for older ones are dropped)
 * @property {{accepted: Set<string>, deleting: Set<string>}} marks  what this console did to which peering, with
 *   the current keys: accepted or rejected (no more Accept), deletion requested (shown TERMTING, no more Delete)
 */

/** @param {PeeringsContext} ctx */
export function peeringsUi(ctx) {
  const { marks } = ctx;
  let shownDetails = null; // the peering the details view shows, or null

  /** The status shown for a peering: TERMTING once this console's delete of it succeeded, else the answer's. */
  const statusOf = (p) => (marks.deleting.has(p.vpcPeeringInstanceNo) ? 'TERMTING' : (p.vpcPeeringInstanceStatus?.code ?? ''));
  /** What a peering's row or details show, as a string: the answer, the keys' side, what this console did to it. */
  const revisionOf = (p) => [JSON.stringify(p), ctx.side(p), marks.accepted.has(p.vpcPeeringInstanceNo), marks.deleting.has(p.vpcPeeringInstanceNo)].join('|');
  /** Whether the keys' account may accept or reject `p` now (its side decides; `unknown` may try). */
  const mayDecide = (p, side) => awaitsAcceptance(p) && !marks.accepted.has(p.vpcPeeringInstanceNo) && (side === 'incoming' || side === 'unknown');

  const list = new ListView(
    {
      action: 'getVpcPeeringInstanceList',
      listName: 'vpcPeeringInstanceList',
      key: 'vpcPeeringInstanceNo',
      ids: { rows: 'peering-rows', empty: 'peerings-empty', who: 'peerings-who', error: 'peerings-error', refresh: 'refresh', pager: 'peerings-pager', auto: 'peerings-auto' },
      texts: {
        invalid: (problem) => `Enter valid keys to list peerings (${ctx.words(problem.message)}).`,
        empty: 'No peering is visible to these keys.',
        filteredEmpty: 'No peering matches the filter.',
        errorTitle: 'List',
        noun: 'peerings',
        auto: (seconds) => `Refreshing by itself in ${seconds} s: a peering is INIT or TERMTING.`,
      },
      query: filters,
      dataset: (p) => ({ status: statusOf(p), side: ctx.side(p) }),
      revision: revisionOf,
      changing: (p) => CHANGING.has(p.vpcPeeringInstanceStatus?.code),
      onList: (items) => ctx.learnVpcs(vpcNosProvenBy(items)),
      columns: [
        {
          label: 'Peering',
          class: 'col-peering',
          cell: (p) => [
            h('a', { href: detailsHref(p.vpcPeeringInstanceNo), class: 'peering-link', 'aria-label': `Details of peering ${peeringLabel(p)}` }, h('strong', {}, p.vpcPeeringName || '(unnamed)')),
            h('div', { class: 'muted small mono' }, `#${p.vpcPeeringInstanceNo}`),
            p.vpcPeeringDescription ? h('div', { class: 'small desc' }, p.vpcPeeringDescription) : null,
          ],
        },
        {
          label: 'Source → target',
          class: 'col-vpcs',
          cell: (p) => [
            h('div', {}, p.sourceVpcName, h('span', { class: 'muted' }, ' → '), p.targetVpcName),
            h('div', { class: 'muted small mono' }, `${p.sourceVpcIpv4CidrBlock} → ${p.targetVpcIpv4CidrBlock}`),
            p.hasReverseVpcPeering && p.reverseVpcPeeringInstanceNo
              ? h('a', { href: detailsHref(p.reverseVpcPeeringInstanceNo), class: 'small', dataset: { reverse: p.reverseVpcPeeringInstanceNo } }, `reverse: #${p.reverseVpcPeeringInstanceNo}`)
              : null,
          ],
        },
        { label: 'Direction', class: 'col-direction', cell: direction },
        {
          label: 'Status',
          class: 'status-cell',
          cell: (p) => {
            const code = statusOf(p);
            const requested = code !== p.vpcPeeringInstanceStatus?.code;
            return [
              statusBadge(code, p.vpcPeeringInstanceStatusName),
              h('div', { class: 'muted small' }, requested ? 'deletion requested' : p.vpcPeeringInstanceStatusName),
            ];
          },
        },
        { label: 'Actions', class: 'right col-actions', cell: (p) => actions(p, { inTable: true }) },
      ],
    },
    { api: ctx.api, options: ctx.connection, errorView: ctx.errorView },
  );

  // --- filters, sort, pages ------------------------------------------------------------------------------------

  /** The list call's filters and sort, from the form above the table. */
  function filters() {
    const q = {
      vpcPeeringInstanceStatusCode: byId('filter-status').value,
      vpcPeeringName: byId('filter-name').value.trim(),
      sortedBy: byId('sort-by').value,
      sortingOrder: byId('sort-order').value === 'DESC' ? 'DESC' : '',
    };
    for (const [k, v] of Object.entries(q)) if (!v) delete q[k];
    return q;
  }

  fill(
    byId('page-size'),
    PAGE_SIZES.map((n) => h('option', { value: String(n), selected: n === DEFAULT_PAGE_SIZE }, String(n))),
  );
  byId('peerings-filter').addEventListener('submit', (e) => {
    e.preventDefault();
    list.refresh({ firstPage: true });
  });
  for (const id of ['filter-status', 'sort-by', 'sort-order']) byId(id).addEventListener('change', () => list.refresh({ firstPage: true }));
  byId('page-size').addEventListener('change', (e) => list.setPageSize(e.currentTarget.value));
  byId('filter-clear').addEventListener('click', () => {
    for (const id of ['filter-status', 'filter-name', 'sort-by']) byId(id).value = '';
    byId('sort-order').value = 'ASC';
    list.refresh({ firstPage: true });
  });

  // --- the buttons of a peering --------------------------------------------------------------------------------

  /**
   * The buttons a peering's status and the keys' side allow, each named after the peering for screen readers:
   * Accept / Reject for the accepting account only (the requester reads whom it waits for), Edit description and
   * Delete unless it is being deleted, Watch.
   */
  function actions(p, { inTable = false } = {}) {
    const no = p.vpcPeeringInstanceNo;
    const name = peeringLabel(p);
    const side = ctx.side(p);
    const status = statusOf(p);
    const button = (action, cls, text, label, onclick) =>
      h('button', { type: 'button', class: `small-btn ${cls}`, 'aria-label': `${label} peering ${name}`, dataset: { action }, onclick }, text);
    const box = h('div', { class: 'row-actions' });
    if (mayDecide(p, side)) {
      box.append(
        button('accept', 'primary', 'Accept', 'Accept', (e) => acceptOrReject(p, true, e.currentTarget)),
        button('reject', 'secondary', 'Reject', 'Reject', (e) => acceptOrReject(p, false, e.currentTarget)),
      );
    }
    if (status !== 'TERMTING') {
      box.append(
        button('edit-description', 'secondary', 'Edit description', 'Edit description of', (e) => toggleEditor(p, e.currentTarget, inTable)),
        button('delete', 'danger', 'Delete', 'Delete', (e) => remove(p, e.currentTarget)),
      );
    }
    box.append(button('watch', 'link', 'Watch', 'Watch', () => ctx.watch(no, status === 'TERMTING' ? 'GONE' : 'RUN', 'Watching')));
    return box;
  }

  /**
   * Who the peering joins, seen from the keys' account, and what it waits for: the requester reads "Waiting for
   * <the other login ID>"; a side the console cannot tell says who alone may decide.
   */
  function direction(p) {
    const side = ctx.side(p);
    const pending = awaitsAcceptance(p) && !marks.accepted.has(p.vpcPeeringInstanceNo);
    let note = null;
    if (pending && side === 'outgoing') {
      note = h('div', { class: 'waiting small', dataset: { waiting: otherAccount(p, side) } }, `Waiting for ${otherAccount(p, side) || 'the target account'}`);
    } else if (pending) {
      note = h('div', { class: 'muted small' }, acceptanceNote(p, side));
    }
    return [directionPill(p, side), note];
  }

  function acceptOrReject(p, isAccept, button) {
    const no = p.vpcPeeringInstanceNo;
    return ctx.call({
      confirm: isAccept ? null : `Reject peering ${peeringLabel(p)}? It will be removed.`,
      action: 'acceptOrRejectVpcPeering',
      opts: { ...ctx.connection(), vpcPeeringInstanceNo: no, isAccept },
      button,
      busyLabel: isAccept ? 'Accepting…' : 'Rejecting…',
      errorTitle: isAccept ? 'Accept' : 'Reject',
      onResult: (result) => {
        // Only the target account can decide: its VPC is the caller's.
        marks.accepted.add(no);
        ctx.learnVpcs([p.targetVpcNo]);
        const answered = result.vpcPeeringInstanceList[0];
        ctx.show(isAccept ? 'Accepted' : 'Rejected', resultView(isAccept ? 'Peering accepted' : 'Peering rejected', result, { side: ctx.side }), { focus: true });
        showPeering(answered ?? p);
        ctx.watch(no, isAccept ? 'RUN' : 'GONE', isAccept ? 'Accepted' : 'Rejected', { awaitAcceptance: isAccept });
      },
    });
  }

  function remove(p, button) {
    const no = p.vpcPeeringInstanceNo;
    return ctx.call({
      confirm: `Delete peering ${peeringLabel(p)}?`,
      action: 'deleteVpcPeeringInstance',
      opts: { ...ctx.connection(), vpcPeeringInstanceNo: no },
      button,
      busyLabel: 'Deleting…',
      errorTitle: 'Delete',
      onResult: (result) => {
        marks.deleting.add(no);
        ctx.show('Deleting', resultView('Peering deletion started', result, { side: ctx.side }), { focus: true });
        showPeering(result.vpcPeeringInstanceList[0] ?? p);
        ctx.watch(no, 'GONE', 'Deleted');
      },
    });
  }

  // --- the description editor ----------------------------------------------------------------------------------

  /** Opens (or closes) the description editor: under the row in the table, under the buttons in the details. */
  function toggleEditor(p, opener, inTable) {
    const no = p.vpcPeeringInstanceNo;
    let input;
    const build = (close) => descriptionEditor(p, close, (el) => (input = el));
    let opened;
    if (inTable) {
      opened = list.toggleDetail(no, 'edit-description-row', build);
    } else {
      const slot = byId('details-editor');
      opened = !slot.firstChild;
      if (opened) fill(slot, build(() => byId('details-editor').replaceChildren()));
      else slot.replaceChildren();
    }
    opener.setAttribute('aria-expanded', String(opened));
    if (opened) input.focus();
  }

  /** A form editing a peering's description: labelled, counting UTF-8 bytes against NCP's limit, Enter saves. */
  function descriptionEditor(p, close, onInput) {
    const no = p.vpcPeeringInstanceNo;
    const id = `edit-description-${no}`;
    const input = h('input', { id, type: 'text', class: 'describe-input', autocomplete: 'off', 'aria-describedby': `${id}-bytes ${id}-error` });
    input.value = p.vpcPeeringDescription ?? '';
    onInput(input);
    const counter = h('span', { class: 'counter', id: `${id}-bytes` });
    const error = h('p', { class: 'error', id: `${id}-error` });
    const optionsNow = () => ({ ...ctx.connection(), vpcPeeringInstanceNo: no, vpcPeeringDescription: input.value });
    const count = () => showByteCount(counter, input.value);
    const check = () => {
      const problems = ctx.api().validateOptions('setVpcPeeringDescription', optionsNow());
      const own = problems.find((q) => q.field === 'vpcPeeringDescription');
      error.textContent = own ? ctx.words(own.message) : '';
      if (own) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      return problems;
    };
    count();
    input.addEventListener('input', () => {
      count();
      check();
    });
    const save = h('button', { type: 'submit', class: 'small-btn primary', dataset: { action: 'save-description' } }, 'Save');
    const cancel = h('button', { type: 'button', class: 'small-btn link', onclick: close }, 'Cancel');
    const form = h(
      'form',
      { class: 'describe', novalidate: true, dataset: { for: no } },
      h('label', { for: id }, `Description of peering ${peeringLabel(p)}`, counter),
      h('div', { class: 'describe-line' }, input, save, cancel),
      error,
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const opts = optionsNow();
      const ownProblem = () => check().some((q) => q.field === 'vpcPeeringDescription');
      return ctx.call({
        action: 'setVpcPeeringDescription',
        opts,
        // The description's own problem shows under it (and takes the focus), the connection's beside their fields.
        isValid: () => {
          if (ownProblem()) {
            input.focus();
            return false;
          }
          return ctx.validateAll('setVpcPeeringDescription', opts);
        },
        button: save,
        busyLabel: 'Saving…',
        errorTitle: 'Edit description',
        onResult: (result) => {
          ctx.show('Description saved', resultView('Description saved', result, { side: ctx.side }), { focus: true });
          close();
          showPeering(result.vpcPeeringInstanceList[0] ?? { ...p, vpcPeeringDescription: opts.vpcPeeringDescription ?? '' });
          list.refresh();
        },
      });
    });
    return form;
  }

  // --- one state everywhere ------------------------------------------------------------------------------------

  /**
   * A newer state of a peering (an action's answer, a poll): its row, its cards in the Result panel and the details
   * view all show it at once.
   */
  function showPeering(p) {
    list.update(p);
    for (const card of document.querySelectorAll(`#output-body .peering-card[data-no="${CSS.escape(p.vpcPeeringInstanceNo)}"]`)) {
      card.replaceWith(peeringCard(p, { explainAcceptance: card.dataset.explain === 'true', side: ctx.side(p) }));
    }
    if (shownDetails && shownDetails.vpcPeeringInstanceNo === p.vpcPeeringInstanceNo) renderDetails(p);
  }

  /** A peering is gone: its details view says so. (The table drops its row at the next list.) */
  function gone(no) {
    if (shownDetails?.vpcPeeringInstanceNo === no) {
      shownDetails = null;
      fill(byId('details-body'), h('p', { class: 'empty', dataset: { gone: no } }, `Peering #${no} is gone (deleted or rejected).`));
    }
  }

  // --- the details view ----------------------------------------------------------------------------------------

  /** Shows the details view of peering `no`, read fresh with the detail call. */
  async function openDetails(no) {
    byId('peerings').hidden = true;
    byId('details').hidden = false;
    shownDetails = null;
    const body = byId('details-body');
    const api = ctx.api();
    const opts = { ...ctx.connection(), vpcPeeringInstanceNo: no };
    const problems = api ? api.validateOptions('getVpcPeeringInstanceDetail', opts) : [{ message: 'the package is still loading' }];
    if (problems.length) {
      fill(body, h('p', { class: 'empty' }, `Enter valid keys to see peering #${no} (${ctx.words(problems[0].message)}).`));
      return;
    }
    fill(body, h('p', { class: 'pending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), `Reading peering #${no}…`));
    const asked = ctx.epoch();
    try {
      const result = await api.getVpcPeeringInstanceDetail(opts);
      if (asked !== ctx.epoch() || byId('details').hidden) return;
      const p = result.vpcPeeringInstanceList[0];
      if (!p) {
        fill(body, h('p', { class: 'empty', dataset: { gone: no } }, `Peering #${no} is not visible to these keys (deleted, rejected, or not this account's).`));
        byId('details-back').focus();
        return;
      }
      renderDetails(p);
      byId('details-heading').focus();
    } catch (err) {
      if (asked !== ctx.epoch()) return;
      fill(body, ctx.errorView('Details', err));
    }
  }

  /** Draws the details of `p`, unless they show exactly that already (the focus then stays where it is). */
  function renderDetails(p) {
    const body = byId('details-body');
    const revision = revisionOf(p);
    if (shownDetails && body.dataset.revision === revision) return;
    const focusedAction = body.contains(document.activeElement) ? document.activeElement.dataset?.action : undefined;
    const editorOpen = byId('details-body').querySelector('#details-editor')?.firstChild;
    shownDetails = p;
    body.dataset.revision = revision;
    const reverse = p.reverseVpcPeeringInstanceNo ? list.item(p.reverseVpcPeeringInstanceNo) : undefined;
    const editor = h('div', { id: 'details-editor' }, editorOpen ?? null);
    fill(body, peeringDetails(p, { side: ctx.side(p), statusCode: statusOf(p), decided: marks.accepted.has(p.vpcPeeringInstanceNo), actions: [actions(p), editor], reverseName: reverse?.vpcPeeringName }));
    if (focusedAction) body.querySelector(`[data-action="${CSS.escape(focusedAction)}"]`)?.focus();
  }

  /** Back to the table. */
  function closeDetails() {
    shownDetails = null;
    byId('details').hidden = true;
    byId('details-body').replaceChildren();
    byId('peerings').hidden = false;
  }

  return { list, showPeering, gone, openDetails, closeDetails };
}
