// The "Live status" panel: one wait at a time, each poll listed as it comes.
import { byId, h, fill, clock } from './dom.js';
import { statusBadge } from './render.js';

/** The panel's states, mirrored in `#live[data-state]`. */
export const LIVE_STATES = ['idle', 'waiting', 'done', 'awaiting', 'failed', 'stopped'];

const IDLE_TEXT = 'After a create, accept, reject or delete, the console polls the peering here until it settles.';

export class LiveStatus {
  constructor() {
    this.panel = byId('live');
    this.summary = byId('live-summary');
    this.polls = byId('live-polls');
    this.note = byId('live-note');
    this.final = byId('live-final');
    this.stopButton = byId('live-stop');
    this.controller = null;
    this.stopButton.addEventListener('click', () => this.controller?.abort(new Error('stopped by the user')));
  }

  /** Stops any wait and empties the panel (the keys or the endpoint changed: what it showed was theirs). */
  reset() {
    const controller = this.controller;
    this.controller = null;
    controller?.abort(new Error('the keys or the endpoint changed'));
    this.set('idle');
    delete this.panel.dataset.no;
    fill(this.final, '');
    this.final.className = 'badge badge-none';
    delete this.final.dataset.status;
    fill(this.summary, IDLE_TEXT);
    this.polls.replaceChildren();
    this.note.replaceChildren();
    this.stopButton.hidden = true;
  }

  /** Starts showing a wait; aborts the previous one. Returns the signal for the wait. */
  start(no, until, why) {
    this.controller?.abort(new Error('replaced by a newer wait'));
    this.controller = new AbortController();
    this.panel.dataset.no = no;
    this.set('waiting');
    fill(this.final, '…');
    this.final.className = 'badge badge-none';
    fill(this.summary, `${why}: waiting for peering #${no} to ${until === 'GONE' ? 'disappear (GONE)' : `reach ${until}`}…`);
    this.polls.replaceChildren();
    this.note.replaceChildren();
    this.stopButton.hidden = false;
    return this.controller.signal;
  }

  /** One poll's answer. */
  poll(instance) {
    const status = instance.vpcPeeringInstanceStatus ?? {};
    const op = instance.vpcPeeringInstanceOperation ?? {};
    this.polls.append(
      h(
        'li',
        { dataset: { status: status.code } },
        h('time', {}, clock()),
        statusBadge(status.code),
        h('span', {}, instance.vpcPeeringInstanceStatusName || status.codeName || ''),
        op.code && op.code !== 'NULL' ? h('span', { class: 'muted' }, `operation ${op.code}`) : null,
      ),
    );
  }

  /** The wait is over: `code` is the status reached (`RUN`, `GONE`, …). */
  done(code, text) {
    this.finish('done', code);
    if (code === 'GONE') this.polls.append(h('li', { dataset: { status: 'GONE' } }, h('time', {}, clock()), statusBadge('GONE'), h('span', {}, 'no longer listed')));
    fill(this.summary, text);
  }

  /** A cross-account peering waits for the other account: the wait stopped on purpose. */
  awaiting(instance) {
    this.finish('awaiting', 'INIT');
    const who = instance?.targetVpcLoginId || 'the target account';
    fill(this.summary, `Peering #${instance?.vpcPeeringInstanceNo ?? '?'} is still INIT: it may be awaiting acceptance by ${who}.`);
    fill(
      this.note,
      h(
        'p',
        { class: 'callout callout-wait' },
        h('strong', {}, 'The other account must accept. '),
        `A cross-account peering stays INIT until ${who} accepts it: fill in that account’s keys, refresh the list and click `,
        'Accept on the peering. The console stops waiting here rather than poll for up to an hour; the peerings list keeps ',
        'refreshing by itself while the peering is INIT.',
      ),
    );
  }

  failed(text, code = 'ERROR') {
    this.finish('failed', code);
    fill(this.summary, text);
  }

  stopped(text) {
    this.finish('stopped', 'STOPPED');
    fill(this.summary, text);
  }

  finish(state, code) {
    this.set(state);
    this.stopButton.hidden = true;
    fill(this.final, code);
    this.final.className = `badge ${{ RUN: 'badge-run', GONE: 'badge-gone', INIT: 'badge-init', STOPPED: 'badge-none' }[code] ?? 'badge-err'}`;
    this.final.dataset.status = code;
  }

  set(state) {
    this.panel.dataset.state = state;
  }
}
