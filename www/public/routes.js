// Route tables and their routes: the view listing the route tables of the keys' VPCs (getRouteTableList, through
// the generic ListView), each table's routes opened under its row (getRouteList), and the routes table that the
// connect view shows too. A peering carries traffic only where a route sends the other VPC's block through it.
import { byId, h, fill } from './dom.js';
import { ListView } from './list.js';
import { statusBadge, detailsHref } from './render.js';
import { fillVpcSelect } from './vpcs.js';

/** Where a route sends its block: a peering (linked to its details), the VPC itself, or another target by name. */
function routeTarget(r) {
  const type = r.targetType?.code;
  if (type === 'VPCPEERING' && r.targetNo) {
    return h('a', { href: detailsHref(r.targetNo), dataset: { peering: r.targetNo } }, `${r.targetName || 'peering'} (#${r.targetNo})`);
  }
  if (type === 'LOCAL') return 'this VPC (local)';
  return [r.targetName || '—', r.targetNo ? h('span', { class: 'muted' }, ` #${r.targetNo}`) : null];
}

/** A table of routes: destination block, target, target type. `caption` names it for screen readers. */
export function routesTable(routes, caption) {
  if (!routes.length) return h('p', { class: 'empty' }, 'No route.');
  return h(
    'table',
    { class: 'compact routes' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Destination'), h('th', { scope: 'col' }, 'Target'), h('th', { scope: 'col' }, 'Type'))),
    h(
      'tbody',
      {},
      routes.map((r) =>
        h(
          'tr',
          { dataset: { destination: r.destinationCidrBlock, targetType: r.targetType?.code ?? '', table: r.routeTableNo ?? '' } },
          h('td', { class: 'mono' }, r.destinationCidrBlock),
          h('td', {}, routeTarget(r)),
          h('td', { class: 'small' }, r.targetType?.code ?? '', r.isDefault ? h('span', { class: 'muted' }, ' · default') : null),
        ),
      ),
    ),
  );
}

/** How a route table is named on a button: `alice-web-default-public-table (#30001)`. */
function tableLabel(t) {
  return `${t.routeTableName || 'unnamed'} (#${t.routeTableNo})`;
}

/**
 * @typedef {object} RouteTablesContext
 * @property {() => object | undefined} api  the package, once loaded
 * @property {() => object} connection  the options every call shares
 * @property {(title: string, err: unknown) => Node} errorView  an error card with advice for the current endpoint
 * @property {(message: string) => string} words  a validator message in the page's words (words.js)
 * @property {() => number} epoch  bumps when the keys or the endpoint change (answers for older ones are dropped)
 */

/** The route tables view: a VPC to look at (or all), its route tables a page at a time, each table's routes. */
export function routeTablesUi(ctx) {
  const select = byId('rt-vpc');
  let vpcs = [];
  let wanted = '';

  const vpcName = (no) => vpcs.find((v) => v.vpcNo === no)?.vpcName;

  const list = new ListView(
    {
      action: 'getRouteTableList',
      listName: 'routeTableList',
      key: 'routeTableNo',
      ids: { rows: 'rt-rows', empty: 'rt-empty', who: 'rt-who', error: 'rt-error', refresh: 'rt-refresh', pager: 'rt-pager' },
      texts: {
        invalid: (problem) => `Enter valid keys to see the route tables of your VPCs (${ctx.words(problem.message)}).`,
        empty: 'No route table.',
        filteredEmpty: 'This VPC has no route table.',
        errorTitle: 'Route tables',
        noun: 'route tables',
      },
      query: () => (select.value ? { vpcNo: select.value } : {}),
      dataset: (t) => ({ vpc: t.vpcNo ?? '' }),
      // A table's routes opened under its row are read again with each listing, so they never show an old state.
      onList: (items) => {
        for (const tr of list.rows.querySelectorAll('tr.routes-row')) {
          const t = items.find((i) => i.routeTableNo === tr.dataset.for);
          if (t) fill(tr.cells[0], routesOf(t));
        }
      },
      columns: [
        {
          label: 'Route table',
          class: 'col-wide',
          cell: (t) => [
            h('strong', {}, t.routeTableName || '(unnamed)'),
            h('div', { class: 'muted small mono' }, `#${t.routeTableNo}`),
            t.routeTableDescription ? h('div', { class: 'small desc' }, t.routeTableDescription) : null,
          ],
        },
        { label: 'VPC', cell: (t) => [vpcName(t.vpcNo) ?? 'VPC', h('div', { class: 'muted small mono' }, `#${t.vpcNo}`)] },
        {
          label: 'Subnets',
          cell: (t) => [t.supportedSubnetType?.code ?? '', t.isDefault ? h('div', { class: 'muted small' }, 'the default table') : null],
        },
        { label: 'Status', class: 'status-cell', cell: (t) => statusBadge(t.routeTableStatus?.code, t.routeTableStatus?.codeName) },
        { label: 'Routes', class: 'right col-actions', cell: (t) => routesButton(t) },
      ],
    },
    { api: ctx.api, options: ctx.connection, errorView: ctx.errorView },
  );

  function routesButton(t) {
    return h(
      'button',
      {
        type: 'button',
        class: 'small-btn secondary',
        dataset: { action: 'routes' },
        'aria-expanded': 'false',
        'aria-label': `Routes of route table ${tableLabel(t)}`,
        onclick: (e) => {
          const opened = list.toggleDetail(t.routeTableNo, 'routes-row', () => routesOf(t));
          e.currentTarget.setAttribute('aria-expanded', String(opened));
        },
      },
      'Routes',
    );
  }

  /** The routes of table `t`, read fresh (getRouteList) into the row opened under it. */
  function routesOf(t) {
    const box = h('div', { class: 'routes-box', dataset: { table: t.routeTableNo } }, h('p', { class: 'pending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Reading its routes…'));
    const asked = ctx.epoch();
    ctx
      .api()
      .getRouteList({ ...ctx.connection(), vpcNo: t.vpcNo, routeTableNo: t.routeTableNo })
      .then(
        (result) => asked === ctx.epoch() && fill(box, routesTable(result.routeList, `Routes of route table ${tableLabel(t)}`)),
        (err) => asked === ctx.epoch() && fill(box, ctx.errorView('Routes', err)),
      );
    return box;
  }

  select.addEventListener('change', () => {
    location.hash = select.value ? `#/route-tables/${select.value}` : '#/route-tables';
  });

  /** Offers the account's VPCs (null: not listed), keeping a VPC asked for by the address until it is offered. */
  function showVpcs(items) {
    vpcs = items ?? [];
    fillVpcSelect(select, items, 'All my VPCs');
    if (wanted && vpcs.some((v) => v.vpcNo === wanted)) select.value = wanted;
  }

  /** Shows the route tables of VPC `vpcNo` ('' for every VPC of the account). */
  function open(vpcNo) {
    wanted = vpcNo;
    if (!vpcNo || vpcs.some((v) => v.vpcNo === vpcNo)) select.value = vpcNo;
    list.refresh({ firstPage: true });
  }

  return { list, open, showVpcs, clear: (text) => list.clear(text) };
}
