// Connecting two VPCs both ways, and undoing it, on the package's connectVpcs / disconnectVpcs: the plan first (a dry
// run: every step, with the parameters it will send and its signed request's method and URL, never its signature),
// then, on request, the same applied with each step shown as it settles, then the peerings and the routes per
// route table. Calls go through the console's one call helper (app.js `callFromButton`).
import { byId, h, fill } from './dom.js';
import { peeringCard } from './render.js';
import { routesTable } from './routes.js';
import { STEP_ACTIONS, STEP_STATUSES, stepNote } from './words.js';

/** What each goal calls, and how the page names it. */
const GOALS = {
  connect: { action: 'connectVpcs', verb: 'Connect', planTitle: 'Plan connection', busy: 'Connecting…', done: 'Connected both ways', partly: 'Partly connected' },
  disconnect: { action: 'disconnectVpcs', verb: 'Disconnect', planTitle: 'Plan disconnection', busy: 'Disconnecting…', done: 'Disconnected', partly: 'Partly disconnected' },
};

/**
 * @typedef {object} ConnectContext
 * @property {() => object | undefined} api  the package, once loaded
 * @property {(call: object) => Promise<void>} call  app.js `callFromButton`
 * @property {import('./vpcs.js').VpcPicker} picker  the two VPCs
 * @property {(goal: string) => object} options  the options of `goal` (connect, disconnect) from the form, keys included
 * @property {{connect: object, disconnect: object}} forms  the form each goal validates (app.js `Form`)
 * @property {(p: object) => string} side  the keys' side of a peering (side.js)
 * @property {(vpcNos: string[]) => void} learnVpcs  VPC numbers an answer proved to be the caller's
 * @property {() => void} afterChange  something changed: the peerings table lists again
 * @property {{pollIntervalMs: number, maxPollIntervalMs: number}} wait  the pace of the waits
 */

/** The connect view's plan, progress and result panel. */
export function connectUi(ctx) {
  const panelBox = byId('connect-output');
  const body = byId('connect-body');
  const status = byId('connect-status');
  const stop = byId('connect-stop');
  const idleText = body.textContent.trim();
  /** The plan shown, while it may be applied: its goal and the options it was made with. */
  let plan = null;
  let controller = null;

  const panel = {
    show(title, node, { focus = false } = {}) {
      fill(body, node);
      if (focus) body.querySelector('.result-title')?.focus();
    },
  };
  const setState = (state, text = '') => {
    panelBox.dataset.state = state;
    status.textContent = text;
  };

  /** Whose keys a step takes, as the page says it. */
  function whoseKeys(account, opts) {
    if (account === 'source' || !opts.targetVpcLoginId) return 'your keys';
    return opts.targetAccessKey ? `${opts.targetVpcLoginId}’s keys` : `${opts.targetVpcLoginId}’s keys (not given)`;
  }

  /** One step: what it does, with whose keys, what became of it, what it sends. No header, so no signature. */
  function stepItem(step, opts) {
    const params = Object.entries(step.params ?? {});
    return h(
      'li',
      { class: 'step', dataset: { status: step.status, action: step.action, account: step.account } },
      h(
        'div',
        { class: 'step-head' },
        h('span', { class: `badge step-badge step-${step.status}` }, STEP_STATUSES[step.status] ?? step.status),
        h('strong', {}, STEP_ACTIONS[step.action] ?? step.action),
        h('span', { class: 'muted small' }, `with ${whoseKeys(step.account, opts)}`),
      ),
      h('p', { class: 'step-note' }, stepNote(step.note)),
      params.length
        ? h('ul', { class: 'params', 'aria-label': 'Parameters' }, params.map(([name, value]) => h('li', {}, h('code', {}, `${name}=${value}`))))
        : null,
      step.request ? h('p', { class: 'request mono small' }, h('span', { class: 'muted' }, 'Signed: '), `${step.request.method} ${step.request.url}`) : null,
    );
  }

  const stepsList = (steps, opts) => h('ol', { class: 'steps' }, steps.map((s) => stepItem(s, opts)));

  function counts(steps) {
    const n = { done: 0, skipped: 0, planned: 0, awaiting: 0 };
    for (const s of steps) n[s.status] = (n[s.status] ?? 0) + 1;
    return n;
  }

  /** What a step marked awaiting asks of the person at the keyboard. */
  const awaitingNote = (opts) =>
    h(
      'p',
      { class: 'callout callout-wait', dataset: { note: 'awaiting' } },
      h('strong', {}, 'Awaiting the other account. '),
      `Only ${opts.targetVpcLoginId || 'the other account'} can do the steps marked so (accept a peering, request the reverse one, route its VPC’s tables). `,
      'Give its keys in the form and run again, or run the same from that account: its keys above, its VPC as the source, yours as another account’s VPC. Then run it here again.',
    );

  const pairName = (opts) => {
    const source = ctx.picker.vpc(opts.sourceVpcNo)?.vpcName ?? `VPC #${opts.sourceVpcNo}`;
    const target = opts.targetVpcName || ctx.picker.vpc(opts.targetVpcNo)?.vpcName || `VPC #${opts.targetVpcNo}`;
    return `${source} and ${target}`;
  };

  const head = (badge, badgeClass, title) =>
    h('div', { class: 'result-head' }, h('span', { class: `badge ${badgeClass}` }, badge), h('h3', { class: 'result-title', tabindex: '-1' }, title));

  /** The steps settled before a failure, under its error card: a new run continues from there. */
  function stepsBefore(err, opts) {
    setState('failed', 'Failed.');
    if (!err?.steps?.length) return null;
    return h('div', { class: 'steps-before' }, h('p', { class: 'muted small' }, 'Settled before the failure (running again skips what is done):'), stepsList(err.steps, opts));
  }

  // --- the plan ------------------------------------------------------------------------------------------------

  function planFor(goal, button) {
    const g = GOALS[goal];
    const opts = { ...ctx.options(goal), dryRun: true };
    setState('planning', 'Reading both VPCs, the peerings and the route tables…');
    plan = null;
    return ctx.call({
      action: g.action,
      opts,
      form: ctx.forms[goal],
      panel,
      button,
      busyLabel: 'Planning…',
      pending: g.planTitle,
      errorTitle: g.planTitle,
      onResult: (result) => showPlan(goal, result, opts),
      onError: (err) => stepsBefore(err, opts),
    }).finally(() => {
      if (panelBox.dataset.state === 'planning') setState('idle');
    });
  }

  function showPlan(goal, result, opts) {
    const g = GOALS[goal];
    const n = counts(result.steps);
    plan = { goal };
    setState('planned', 'Plan ready: nothing changed yet.');
    const apply = h('div', { class: 'apply', id: 'connect-apply-box' });
    if (n.planned > 0) {
      apply.append(
        h(
          'button',
          {
            type: 'button',
            id: 'connect-apply',
            class: goal === 'connect' ? 'primary' : 'danger',
            dataset: { goal },
            // The visible words first, then what they apply to (a spoken name holds what is seen).
            'aria-label': `${g.verb}: apply the plan for ${pairName(opts)}`,
            onclick: (e) => applyPlan(goal, e.currentTarget),
          },
          `${g.verb}: apply the plan`,
        ),
      );
    } else {
      apply.append(h('p', { class: 'muted' }, n.awaiting ? 'Nothing to send from these keys: the rest is the other account’s.' : 'Nothing to do: it is so already.'));
    }
    panel.show(
      g.planTitle,
      h(
        'div',
        { class: 'result', dataset: { kind: 'plan', goal } },
        head('DRY RUN', 'badge-none', `Plan: ${goal} ${pairName(opts)}`),
        h(
          'p',
          { class: 'caption muted small' },
          `${result.steps.length} steps: ${n.planned} to do, ${n.skipped} already so, ${n.awaiting} awaiting the other account. `,
          'Only reads were sent. Each change shows the parameters it will send and its signed request’s method and URL (the signature, a header, is not shown).',
        ),
        n.awaiting ? awaitingNote(opts) : null,
        stepsList(result.steps, opts),
        apply,
      ),
      { focus: true },
    );
  }

  /** The form changed after the plan: the plan no longer says what would be sent. */
  function invalidate() {
    if (!plan) return;
    plan = null;
    const box = byId('connect-body').querySelector('#connect-apply-box');
    if (box) fill(box, h('p', { class: 'callout callout-wait', dataset: { note: 'stale' } }, 'The form changed after this plan: plan again to apply it.'));
    setState('idle', 'The form changed: plan again.');
  }

  // --- applying ------------------------------------------------------------------------------------------------

  function applyPlan(goal, button) {
    const g = GOALS[goal];
    const opts = ctx.options(goal);
    const progress = h('ol', { class: 'steps', id: 'connect-progress' });
    const working = h('p', { class: 'pending' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Sending, then waiting where a peering must settle…');
    let settled = 0;
    controller = new AbortController();
    plan = null;
    setState('applying', `${g.busy} Each step shows below as it settles.`);
    stop.hidden = false;
    const call = {
      ...opts,
      ...ctx.wait,
      signal: controller.signal,
      onStep: (step) => {
        settled += 1;
        progress.append(stepItem(step, opts));
        status.textContent = `Step ${settled}: ${STEP_ACTIONS[step.action] ?? step.action}, ${STEP_STATUSES[step.status] ?? step.status}.`;
      },
    };
    return ctx
      .call({
        action: g.action,
        opts: call,
        form: ctx.forms[goal],
        panel,
        button,
        busyLabel: g.busy,
        confirm: goal === 'disconnect' ? `Disconnect ${pairName(opts)}? Their routes through the peerings are removed and both peerings deleted.` : null,
        pending: {
          title: g.busy,
          node: h('div', { class: 'result', dataset: { kind: 'progress', goal } }, head('…', 'badge-init', `${g.busy.replace('…', '')}: ${pairName(opts)}`), progress, working),
        },
        errorTitle: g.verb,
        onResult: (result) => showDone(goal, result, opts),
        onError: (err) => stepsBefore(err, opts),
      })
      .finally(() => {
        stop.hidden = true;
        controller = null;
        if (panelBox.dataset.state === 'applying') setState('idle');
      });
  }

  /** The connection's routes, grouped by route table, each table named with the VPC it belongs to. */
  function routesPerTable(result) {
    const groups = new Map();
    for (const r of result.routes ?? []) {
      if (!groups.has(r.routeTableNo)) groups.set(r.routeTableNo, []);
      groups.get(r.routeTableNo).push(r);
    }
    if (!groups.size) return h('p', { class: 'empty' }, 'No route of this connection could be read yet.');
    const vpcOf = (route) => {
      const through = [result.forward, result.reverse].find((p) => p && p.vpcPeeringInstanceNo === route.targetNo);
      return through ? { no: through.sourceVpcNo, name: through.sourceVpcName } : null;
    };
    return [...groups].map(([tableNo, routes]) => {
      const vpc = vpcOf(routes[0]);
      return h(
        'section',
        { class: 'route-group', dataset: { table: tableNo } },
        h('h5', {}, `Route table #${tableNo}`, vpc ? h('span', { class: 'muted' }, ` · ${vpc.name}`) : null),
        routesTable(routes, `Routes of this connection in route table #${tableNo}`),
      );
    });
  }

  function showDone(goal, result, opts) {
    const g = GOALS[goal];
    const n = counts(result.steps);
    setState(result.complete ? 'done' : 'partial', result.complete ? `${g.done}.` : `${g.partly}: ${n.awaiting} steps await the other account.`);
    if (goal === 'connect') ctx.learnVpcs([opts.sourceVpcNo, ...(opts.targetVpcLoginId ? [] : [opts.targetVpcNo])]);
    ctx.afterChange();
    const peerings = [result.forward, result.reverse].filter(Boolean);
    const tableLinks = [opts.sourceVpcNo, opts.targetVpcLoginId ? null : opts.targetVpcNo].filter(Boolean).map((no) =>
      h('a', { href: `#/route-tables/${no}`, class: 'small' }, `All route tables of ${ctx.picker.vpc(no)?.vpcName ?? `VPC #${no}`}`),
    );
    panel.show(
      g.done,
      h(
        'div',
        { class: 'result', dataset: { kind: 'connection', goal, complete: String(result.complete) } },
        head(result.complete ? 'OK' : 'PARTLY', result.complete ? 'badge-run' : 'badge-init', `${result.complete ? g.done : g.partly}: ${pairName(opts)}`),
        h('p', { class: 'caption muted small' }, `${result.steps.length} steps: ${n.done} done, ${n.skipped} already so, ${n.awaiting} awaiting the other account.`),
        result.complete ? null : awaitingNote(opts),
        goal === 'connect'
          ? [
              h('h4', {}, 'Peerings'),
              peerings.length ? peerings.map((p) => peeringCard(p, { side: ctx.side(p) })) : h('p', { class: 'empty' }, 'None yet.'),
              h('h4', {}, 'Routes, per route table'),
              routesPerTable(result),
            ]
          : null,
        tableLinks.length ? h('p', { class: 'links' }, tableLinks) : null,
        h('details', { class: 'raw steps-all', open: goal === 'disconnect' }, h('summary', {}, `Every step (${result.steps.length})`), stepsList(result.steps, opts)),
      ),
      { focus: true },
    );
  }

  stop.addEventListener('click', () => controller?.abort(new Error('stopped by the user')));
  byId('connect-form').addEventListener('submit', (e) => {
    e.preventDefault();
    planFor('connect', byId('connect-plan'));
  });
  byId('disconnect-plan').addEventListener('click', (e) => planFor('disconnect', e.currentTarget));
  for (const event of ['input', 'change']) byId('connect-form').addEventListener(event, invalidate);

  /** The keys or the endpoint changed: stops what runs and forgets the plan and the results, which were theirs. */
  function reset() {
    controller?.abort(new Error('the keys or the endpoint changed'));
    controller = null;
    plan = null;
    stop.hidden = true;
    setState('idle');
    fill(body, h('p', { class: 'empty' }, idleText));
  }

  return { reset, invalidate };
}
