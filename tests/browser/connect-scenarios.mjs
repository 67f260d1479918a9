// The end-to-end scenarios of connectVpcs / disconnectVpcs (issue 14 item 6), run on the installed package in every
// runtime: Node ESM and CJS (tests/node/connect*.test.*), workerd (tests/workerd/connect.test.mjs) and Chromium
// (tests/browser/connect.test.mjs). Plain ESM with no Node or DOM API, like checks.mjs. Each scenario drives the
// package against the emulator and checks what happened from the emulator's side, through its control API (state:
// peerings and every table's routes; the request log: action, access key, status, fault), not only from the
// results. A scenario throws a `ScenarioFailure` saying what differed; `runScenario` turns the outcome into JSON for
// the runner, so a failure prints the same way whatever the runtime.
//
// The seed (emulator/seed.js): alice 10001 alice-web 10.0.0.0/16, 10002 alice-app 10.1.0.0/16, 10003 alice-legacy
// 10.0.128.0/20 (overlaps 10001), 10004 alice-data 10.2.0.0/16; bob 20001 bob-db 10.0.0.0/16, 20004 bob-data
// 10.3.0.0/16. Each VPC has two default route tables (PUBLIC, PRIVATE), each holding only its local route.

/** The actions that change something (the emulator's view, written independently of the package's table). */
export const MUTATING = new Set([
  'createVpcPeeringInstance',
  'acceptOrRejectVpcPeering',
  'deleteVpcPeeringInstance',
  'setVpcPeeringDescription',
  'addRoute',
  'removeRoute',
]);

/** The fault kinds injected before each mutating request in turn. */
export const FAULT_KINDS = ['truncated', 'drop', 'status503', 'serviceError'];

/** A scenario's check that did not hold. */
export class ScenarioFailure extends Error {
  constructor(message) {
    super(message);
    this.name = 'ScenarioFailure';
  }
}

function check(condition, message) {
  if (!condition) throw new ScenarioFailure(message);
}

/** JSON with sorted keys, for deep comparison. */
function canonical(value) {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}

function equal(actual, expected, message) {
  const [a, e] = [canonical(actual), canonical(expected)];
  if (a !== e) throw new ScenarioFailure(`${message}\n  actual:   ${a}\n  expected: ${e}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const same = (a, b) => String(a) === String(b);

// --- the emulator, through its control API ---------------------------------------------------------------------

async function control(origin, name, method = 'GET', body) {
  const init = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const response = await fetch(`${origin}/__emulator/${name}`, init);
  const text = await response.text();
  check(response.ok, `control API ${method} ${name}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/**
 * A `fetch` for the package that injects `kind` into the emulator right before the `at`-th mutating request (for
 * `count` requests: that one and whatever follows it).
 */
function faultBefore(origin, kind, at, count = 1) {
  let mutations = 0;
  const injected = [];
  const wrapped = async (url, init) => {
    const action = new URL(String(url)).pathname.split('/').pop();
    if (MUTATING.has(action) && ++mutations === at) {
      await control(origin, 'faults', 'POST', { kind, count });
      injected.push(action);
    }
    return globalThis.fetch(url, init);
  };
  return { fetch: wrapped, injected };
}

// --- one scenario's context ------------------------------------------------------------------------------------

/** HMAC-SHA256 base64 with WebCrypto: how a logged request was signed (emulator/README.md). */
async function hmac(secret, text) {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const bytes = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Everything a thrown error holds, own properties and the non-enumerable ones, as data. */
function errorPayload(error) {
  const out = {};
  for (const key of Object.getOwnPropertyNames(error)) out[key] = error[key];
  out.name = error.name;
  out.message = error.message;
  out.stack = String(error.stack);
  if (error.cause !== undefined) out.cause = String(error.cause?.stack ?? error.cause);
  return out;
}

class Context {
  constructor(api, env, origin = env.endpoint) {
    this.api = api;
    this.env = env;
    this.origin = origin;
    this.accounts = env.accounts;
    [this.alice, this.bob] = env.accounts;
    /** Everything the package handed back (results, errors, onStep payloads): searched for secrets at the end. */
    this.payloads = [];
    /** Every signature sent, recomputed from the log before each reset. */
    this.signatures = new Set();
    this.peerings = new Map();
    this.facts = {};
  }

  keys(account, extra = {}) {
    return { accessKey: account.accessKey, secretKey: account.secretKey, endpoint: this.origin, ...extra };
  }

  get poll() {
    return { pollIntervalMs: this.env.pollIntervalMs ?? 20, maxPollIntervalMs: 60, timeoutMs: 20000 };
  }

  /** Options of a connection from `account`'s side: its VPC is the source. */
  pair(sourceVpcNo, targetVpcNo, account, extra = {}) {
    return { ...this.keys(account), ...this.poll, sourceVpcNo, targetVpcNo, ...extra };
  }

  /** alice-data ↔ bob-data with both accounts' keys. */
  cross(extra = {}) {
    return this.pair('10004', '20004', this.alice, {
      targetVpcName: 'bob-data', targetVpcLoginId: this.bob.loginId,
      targetAccessKey: this.bob.accessKey, targetSecretKey: this.bob.secretKey, ...extra,
    });
  }

  async reset() {
    await this.collectSignatures();
    await control(this.origin, 'reset', 'POST');
    this.world = await this.state();
  }

  async state() {
    const state = await control(this.origin, 'state');
    for (const p of state.peerings) this.peerings.set(String(p.vpcPeeringInstanceNo), p);
    return state;
  }

  log() {
    return control(this.origin, 'requests');
  }

  ownerOfKey(accessKey) {
    return this.accounts.find((a) => a.accessKey === accessKey);
  }

  ownerOfVpc(vpcNo) {
    const account = this.world.accounts.find((a) => a.vpcs.some((v) => same(v.vpcNo, vpcNo)));
    return account && this.accounts.find((a) => a.loginId === account.loginId);
  }

  vpc(vpcNo) {
    return this.world.accounts.flatMap((a) => a.vpcs).find((v) => same(v.vpcNo, vpcNo));
  }

  tablesOf(vpcNo) {
    return this.world.routeTables.filter((t) => same(t.vpcNo, vpcNo)).map((t) => String(t.routeTableNo));
  }

  ownerOfTable(routeTableNo) {
    const table = this.world.routeTables.find((t) => same(t.routeTableNo, routeTableNo));
    return table && this.ownerOfVpc(table.vpcNo);
  }

  /**
   * Runs `fn` and checks what it hands back: on success, onStep called once per step, in order, with the steps;
   * on failure, an NcloudVpcError whose `steps` are the steps reported before it. `{ result }` or `{ error }`.
   */
  async run(fn, options) {
    const reported = [];
    let result;
    try {
      result = await this.api[fn]({ ...options, onStep: (step) => reported.push(step) });
    } catch (error) {
      this.payloads.push(errorPayload(error), reported);
      check(error instanceof Error && error.name === 'NcloudVpcError', `${fn}: not an NcloudVpcError: ${error?.stack ?? error}`);
      check(Array.isArray(error.steps), `${fn}: a failed plan has err.steps: ${error.code} ${error.message}`);
      equal(error.steps, reported, `${fn}: err.steps are the steps reported before the failure`);
      for (const step of error.steps) checkStep(fn, step);
      return { error };
    }
    this.payloads.push(result, reported);
    check(Array.isArray(result.steps), `${fn}: no steps array`);
    equal(reported, result.steps, `${fn}: onStep is called once per step, in order, with the steps`);
    const keys = fn === 'connectVpcs' ? ['complete', 'forward', 'reverse', 'routes', 'steps'] : ['complete', 'steps'];
    equal(Object.keys(result).sort(), keys, `${fn}: the result's keys`);
    for (const step of result.steps) checkStep(fn, step);
    return { result };
  }

  /** Runs `fn`, which must resolve (see `run`). */
  async ok(fn, options) {
    const { result, error } = await this.run(fn, options);
    check(!error, `${fn} rejected: ${error?.code} ${error?.message}\n  steps: ${canonical(error?.steps)}`);
    return result;
  }

  /** Runs `fn`, which must reject (see `run`). */
  async fails(fn, options) {
    const { result, error } = await this.run(fn, options);
    check(error, `${fn} resolved, expected a rejection: ${canonical(result?.steps)}`);
    return error;
  }

  /** The log's entries since `mark` (a previous length); the log is cleared by each reset. */
  async since(mark) {
    return (await this.log()).slice(mark);
  }

  /** No mutating request at all in `entries`; every request signed right and answered. */
  readOnly(entries, what) {
    const changes = entries.filter((e) => MUTATING.has(e.action)).map((e) => e.action);
    equal(changes, [], `${what}: sends no mutating request`);
    check(entries.length > 0, `${what}: it read something`);
    check(entries.every((e) => e.signatureValid && e.status === 200), `${what}: every read signed and answered`);
  }

  /**
   * Each request signed with its own account's key: a VPC, table or created peering's source named in it is that
   * account's; an accept is by the peering's target account; a peering read or deleted is one the account is part of.
   */
  checkKeys(entries, what) {
    for (const entry of entries) {
      const account = this.ownerOfKey(entry.accessKey);
      check(account, `${what}: ${entry.action} sent with an unknown key`);
      const p = entry.params ?? {};
      const fail = (why) => `${what}: ${entry.action} ${canonical(p)} with ${account.loginId}'s key: ${why}`;
      if (p.vpcNo) check(this.ownerOfVpc(p.vpcNo) === account, fail(`VPC ${p.vpcNo} is not its own`));
      if (p.sourceVpcNo) check(this.ownerOfVpc(p.sourceVpcNo) === account, fail(`source VPC ${p.sourceVpcNo} is not its own`));
      if (p.routeTableNo) check(this.ownerOfTable(p.routeTableNo) === account, fail(`table ${p.routeTableNo} is not its own`));
      if (p.vpcPeeringInstanceNo) {
        const peering = this.peerings.get(String(p.vpcPeeringInstanceNo));
        check(peering, fail('a peering never seen'));
        const [source, target] = [this.ownerOfVpc(peering.sourceVpcNo), this.ownerOfVpc(peering.targetVpcNo)];
        if (entry.action === 'acceptOrRejectVpcPeering') check(target === account, fail('accepted by another account than its target'));
        else check(source === account || target === account, fail('a peering it is not part of'));
      }
    }
  }

  /** The peerings between `a` and `b` in the emulator, forward (a → b) and reverse (b → a). */
  between(state, a, b) {
    const find = (from, to) => state.peerings.filter((p) => same(p.sourceVpcNo, from) && same(p.targetVpcNo, to));
    return { forward: find(a, b), reverse: find(b, a) };
  }

  /**
   * The full connection in the emulator: one RUN peering each way, and in every chosen table of each VPC exactly
   * its local route plus the other VPC's block → VPCPEERING through that side's peering (number and name); every
   * other table of either VPC only its local route. Returns the two peerings.
   */
  connected(state, { source, target, sourceTables = this.tablesOf(source), targetTables = this.tablesOf(target), base }, what) {
    const { forward, reverse } = this.between(state, source, target);
    check(forward.length === 1 && reverse.length === 1, `${what}: one peering each way: ${canonical({ forward, reverse })}`);
    for (const [peering, word] of [[forward[0], 'fwd'], [reverse[0], 'rev']]) {
      equal(peering.vpcPeeringInstanceStatus.code, 'RUN', `${what}: the ${word} peering runs`);
      if (base) equal(peering.vpcPeeringName, `${base}-${word}`, `${what}: the ${word} peering's name`);
    }
    for (const [vpcNo, other, peering, chosen] of [
      [source, target, forward[0], sourceTables],
      [target, source, reverse[0], targetTables],
    ]) {
      for (const tableNo of this.tablesOf(vpcNo)) {
        const routes = state.routeTables.find((t) => same(t.routeTableNo, tableNo)).routes;
        const expected = [{ destinationCidrBlock: this.vpc(vpcNo).ipv4CidrBlock, targetType: 'LOCAL', targetNo: '', targetName: 'LOCAL' }];
        if (chosen.some((n) => same(n, tableNo))) {
          expected.push({
            destinationCidrBlock: this.vpc(other).ipv4CidrBlock, targetType: 'VPCPEERING',
            targetNo: String(peering.vpcPeeringInstanceNo), targetName: peering.vpcPeeringName,
          });
        }
        equal(routes.map(routeFacts), expected, `${what}: the routes of table ${tableNo} of VPC ${vpcNo}`);
      }
    }
    return { forward: forward[0], reverse: reverse[0] };
  }

  /** Disconnected in the emulator: no peering either way (not even being deleted), only local routes. */
  disconnected(state, { source, target }, what) {
    const { forward, reverse } = this.between(state, source, target);
    equal([...forward, ...reverse], [], `${what}: no peering left between ${source} and ${target}`);
    for (const vpcNo of [source, target]) {
      for (const tableNo of this.tablesOf(vpcNo)) {
        const routes = state.routeTables.find((t) => same(t.routeTableNo, tableNo)).routes;
        equal(routes.map((r) => r.targetType.code), ['LOCAL'], `${what}: only the local route left in table ${tableNo}`);
      }
    }
  }

  /** Every signature the log shows sent, recomputed (the log redacts them). */
  async collectSignatures() {
    for (const entry of await this.log()) {
      const account = this.ownerOfKey(entry.accessKey);
      const timestamp = entry.headers?.['x-ncp-apigw-timestamp'];
      if (!account || !timestamp) continue;
      this.signatures.add(await hmac(account.secretKey, `${entry.method} ${entry.rawTarget}\n${timestamp}\n${account.accessKey}`));
    }
  }

  /** Neither account's secret key nor any signature sent in anything the package handed back. */
  async noSecrets() {
    await this.collectSignatures();
    // The recomputation is right (so the search is not vacuous): it gives the signature a dry run shows.
    const dry = this.api.buildGetVpcListRequest({ ...this.keys(this.alice), timestamp: 1700000000000 });
    const target = dry.url.slice(dry.url.indexOf('/vpc/v2/'));
    const recomputed = await hmac(this.alice.secretKey, `${dry.method} ${target}\n1700000000000\n${this.alice.accessKey}`);
    equal(recomputed, dry.headers['x-ncp-apigw-signature-v2'], 'the signature recomputation matches the package');
    check(this.signatures.size > 0, 'some requests were sent');
    const text = this.payloads.map((p) => JSON.stringify(p)).join('\n');
    for (const account of this.accounts) check(!text.includes(account.secretKey), `${account.name}'s secret key is in a result, error or step`);
    for (const signature of this.signatures) check(!text.includes(signature), `a signature sent (${signature}) is in a result, error or step`);
    this.facts.searched = { payloads: this.payloads.length, signatures: this.signatures.size };
  }
}

/** A step's shape: the documented keys only, wire params as strings. */
function checkStep(fn, step) {
  const keys = Object.keys(step).sort();
  const allowed = ['account', 'action', 'note', 'params', 'request', 'status'];
  check(keys.every((k) => allowed.includes(k)) && keys.length >= 5, `${fn}: a step's keys: ${keys}`);
  check(['source', 'target'].includes(step.account), `${fn}: a step's account: ${step.account}`);
  check(['done', 'skipped', 'planned', 'awaiting'].includes(step.status), `${fn}: a step's status: ${step.status}`);
  check(Object.values(step.params).every((v) => typeof v === 'string'), `${fn}: a step's params are wire strings`);
  check(step.request === undefined || step.status === 'planned', `${fn}: only a planned step has a request`);
}

function routeFacts(route) {
  return { destinationCidrBlock: route.destinationCidrBlock, targetType: route.targetType.code, targetNo: String(route.targetNo), targetName: route.targetName };
}

/** The processed mutating requests of `entries` (answered 200, or processed with the answer cut off). */
function processed(entries) {
  return entries.filter((e) => MUTATING.has(e.action) && e.status === 200 && (e.fault === undefined || e.fault === 'truncated'));
}

/** A mutation as an identity (action and parameters, not the signature or time): "the same step". */
function mutationId(entry) {
  const params = { ...entry.params };
  delete params.responseFormatType;
  return `${entry.action} ${canonical(params)}`;
}

/** Wire parameters (`routeList.1.targetNo`) as the package's options (`routeList: [{ targetNo }]`). */
function optionsFromWire(params) {
  const out = {};
  for (const [name, value] of Object.entries(params)) {
    const match = /^(\w+)\.(\d+)(?:\.(\w+))?$/.exec(name);
    if (!match) {
      out[name] = value;
      continue;
    }
    const [, list, n, field] = match;
    out[list] ??= [];
    if (field) (out[list][n - 1] ??= {})[field] = value;
    else out[list][n - 1] = value;
  }
  return out;
}

const BUILD = {
  createVpcPeeringInstance: 'buildCreateVpcPeeringInstanceRequest',
  acceptOrRejectVpcPeering: 'buildAcceptOrRejectVpcPeeringRequest',
  deleteVpcPeeringInstance: 'buildDeleteVpcPeeringInstanceRequest',
  addRoute: 'buildAddRouteRequest',
  removeRoute: 'buildRemoveRouteRequest',
};

/** Each planned step with a request: it is what the action's dry run gives for its params, account's keys and time. */
function checkPlannedRequests(t, steps, { timestamp, keysOf, common = {} }) {
  let checked = 0;
  for (const step of steps.filter((s) => s.request)) {
    const build = t.api[BUILD[step.action]];
    check(build, `a planned ${step.action} has a request but no dry run to compare`);
    const expected = build({ ...t.keys(keysOf(step.account)), ...common, ...optionsFromWire(step.params), timestamp });
    equal(step.request, expected, `the planned ${step.action} (${step.account}) is signed as ${BUILD[step.action]} signs it`);
    checked += 1;
  }
  return checked;
}

// --- the scenarios ---------------------------------------------------------------------------------------------

/** connect → connect again → disconnect → disconnect again, checked in the emulator after each. */
async function lifecycle(t, options, { source, target, base, sourceTables, targetTables, what }) {
  await t.reset();
  const pair = { source, target, base, sourceTables, targetTables };
  const connect = await t.ok('connectVpcs', options);
  check(connect.complete === true, `${what}: complete`);
  let entries = await t.log();
  const state = await t.state();
  const { forward, reverse } = t.connected(state, pair, `${what}: after connect`);
  t.checkKeys(entries, `${what}: connect`);
  check(entries.every((e) => e.signatureValid && e.status === 200), `${what}: every request signed and answered`);
  equal(String(connect.forward.vpcPeeringInstanceNo), String(forward.vpcPeeringInstanceNo), `${what}: result.forward is the emulator's`);
  equal(String(connect.reverse.vpcPeeringInstanceNo), String(reverse.vpcPeeringInstanceNo), `${what}: result.reverse is the emulator's`);
  equal(connect.forward.vpcPeeringInstanceStatus.code, 'RUN', `${what}: result.forward runs`);
  equal(connect.reverse.vpcPeeringInstanceStatus.code, 'RUN', `${what}: result.reverse runs`);
  const routed = state.routeTables.flatMap((table) => table.routes).filter((r) => r.targetType.code === 'VPCPEERING');
  equal(connect.routes.map(routeFacts).sort((a, b) => canonical(a).localeCompare(canonical(b))),
    routed.map(routeFacts).sort((a, b) => canonical(a).localeCompare(canonical(b))), `${what}: result.routes are the routes added`);
  const mutations = processed(entries);
  equal(mutations.length, new Set(mutations.map(mutationId)).size, `${what}: no step sent twice`);
  const chosen = (sourceTables ?? t.tablesOf(source)).length + (targetTables ?? t.tablesOf(target)).length;
  const cross = !same(t.ownerOfVpc(source).accessKey, t.ownerOfVpc(target).accessKey);
  equal(mutations.map((e) => e.action).sort(), [
    ...(cross ? ['acceptOrRejectVpcPeering', 'acceptOrRejectVpcPeering'] : []),
    ...Array(chosen).fill('addRoute'), 'createVpcPeeringInstance', 'createVpcPeeringInstance',
  ].sort(), `${what}: the mutations of a connect`);
  equal(connect.steps.map((s) => s.status).filter((s) => s !== 'done'), [], `${what}: every step of a first connect is done`);

  let mark = entries.length;
  const again = await t.ok('connectVpcs', options);
  t.readOnly(await t.since(mark), `${what}: a second connect`);
  check(again.complete === true && again.steps.every((s) => s.status === 'skipped'), `${what}: a second connect skips every step`);
  equal(again.steps.length, connect.steps.length, `${what}: the second connect has the same steps`);
  t.connected(await t.state(), pair, `${what}: after the second connect`);

  mark = (await t.log()).length;
  const disconnect = await t.ok('disconnectVpcs', options);
  check(disconnect.complete === true, `${what}: the disconnect is complete`);
  entries = await t.since(mark);
  t.checkKeys(entries, `${what}: disconnect`);
  t.disconnected(await t.state(), pair, `${what}: after disconnect`);
  equal(processed(entries).map((e) => e.action).sort(), [
    'deleteVpcPeeringInstance', 'deleteVpcPeeringInstance', ...Array(chosen).fill('removeRoute'),
  ].sort(), `${what}: the mutations of a disconnect`);

  mark = (await t.log()).length;
  const twice = await t.ok('disconnectVpcs', options);
  t.readOnly(await t.since(mark), `${what}: a second disconnect`);
  check(twice.complete === true && twice.steps.every((s) => s.status === 'skipped'), `${what}: a second disconnect skips every step`);
  t.facts[what] = { connect: connect.steps.length, again: again.steps.length, disconnect: disconnect.steps.length, twice: twice.steps.length };
}

/**
 * One account's keys only, each side in turn (roles swapped: the other account passes its own keys and the first
 * VPC as the target) until the emulator shows the full connection; then until it shows none.
 */
async function inTurns(t, first) {
  await t.reset();
  const sides = {
    alice: t.pair('10004', '20004', t.alice, { targetVpcName: 'bob-data', targetVpcLoginId: t.bob.loginId, vpcPeeringName: 'data' }),
    bob: t.pair('20004', '10004', t.bob, { targetVpcName: 'alice-data', targetVpcLoginId: t.alice.loginId, vpcPeeringName: 'data' }),
  };
  const order = first === 'alice' ? ['alice', 'bob'] : ['bob', 'alice'];
  const runs = [];
  /** Whether the check `expect` (t.connected or t.disconnected) holds for `state`. */
  const holds = (expect) => (state) => {
    try {
      expect.call(t, state, { source: '10004', target: '20004' }, 'in turns');
      return true;
    } catch {
      return false;
    }
  };
  const [isConnected, isDisconnected] = [holds(t.connected), holds(t.disconnected)];
  for (const [fn, done] of [['connectVpcs', isConnected], ['disconnectVpcs', isDisconnected]]) {
    for (let run = 0; ; run += 1) {
      check(run < 6, `${fn} in turns from ${first}: not done after 6 runs: ${canonical(runs)}`);
      const side = order[run % 2];
      const mark = (await t.log()).length;
      const result = await t.ok(fn, sides[side]);
      const entries = await t.since(mark);
      const state = await t.state();
      equal([...new Set(entries.map((e) => e.accessKey))], [t[side].accessKey], `${fn} by ${side}: only its own key is used`);
      t.checkKeys(entries, `${fn} by ${side}`);
      // Without the other account's keys, its route tables cannot be read: a connect never claims them done. A
      // disconnect is complete once no peering is left that a route of the other account could target.
      const left = t.between(state, '10004', '20004');
      const expectComplete = fn === 'disconnectVpcs' && left.forward.length + left.reverse.length === 0;
      check(result.complete === expectComplete, `${fn} by ${side}: complete is ${expectComplete}`);
      if (expectComplete) {
        check(done(state), `${fn} by ${side}: complete, and the emulator agrees`);
        runs.push({ fn, side, mutations: processed(entries).map((e) => e.action) });
        break;
      }
      const awaiting = result.steps.filter((s) => s.status === 'awaiting');
      check(awaiting.length > 0 && awaiting.every((s) => /awaits/.test(s.note)), `${fn} by ${side}: what is left is awaited`);
      if (fn === 'connectVpcs') {
        equal([result.steps.at(-1).action, result.steps.at(-1).account, result.steps.at(-1).status], ['addRoute', 'target', 'awaiting'],
          `${fn} by ${side}: the other account's route tables, unseen, are awaited`);
      }
      runs.push({ fn, side, mutations: processed(entries).map((e) => e.action), awaiting: awaiting.map((s) => s.action) });
      if (done(state)) break;
    }
    // Four runs connect (create; accept and create; accept and route; route), two disconnect.
    equal(runs.filter((r) => r.fn === fn).length, fn === 'connectVpcs' ? 4 : 2, `${fn} in turns from ${first}: the runs: ${canonical(runs)}`);
    // Done: another run from each side sends nothing.
    for (const side of order) {
      const mark = (await t.log()).length;
      await t.ok(fn, sides[side]);
      t.readOnly(await t.since(mark), `${fn} by ${side} once done`);
    }
  }
  const all = processed(await t.log());
  equal(all.length, new Set(all.map(mutationId)).size, `in turns from ${first}: no step sent twice`);
  t.facts[`in turns from ${first}`] = runs;
}

/**
 * Fault `kind` before the k-th mutating request of `fn`, for every k; the next run completes what is left.
 * `method`: the HTTP method of every request. A runtime whose fetch may re-send a request whose (reused) connection
 * closed without an answer (`env.resendsDropped`: 'GET' in workerd, 'any' method in Chromium) may turn a `drop` into
 * a dropped request and its copy: then the run does not fail, and the checks are that the copy followed, as it was,
 * and was the only one processed. `twice`: in such a runtime the copy is dropped too, so the run fails there as
 * elsewhere (a second drop left over, had nothing been re-sent, would hit the rerun's first read, which is retried).
 */
async function faultMatrix(t, fn, kind, method = 'GET', twice = false) {
  const options = t.cross({ vpcPeeringName: 'data', method });
  const pair = { source: '10004', target: '20004', base: 'data' };
  const total = fn === 'connectVpcs' ? 8 : 6;
  const resends = t.env.resendsDropped === 'any' || t.env.resendsDropped === method;
  const count = twice && resends ? 2 : 1;
  const mayResend = kind === 'drop' && count === 1 && resends;
  const seen = [];
  let resent = 0;
  for (let k = 1; k <= total; k += 1) {
    await t.reset();
    if (fn === 'disconnectVpcs') {
      await t.ok('connectVpcs', options);
      await t.state(); // the peerings, for checkKeys
    }
    const mark = (await t.log()).length;
    const faulty = faultBefore(t.origin, kind, k, count);
    const faultyRun = { ...options, fetch: faulty.fetch };
    const { error } = mayResend ? await t.run(fn, faultyRun) : { error: await t.fails(fn, faultyRun) };
    const first = await t.since(mark);
    const sent = first.filter((e) => MUTATING.has(e.action));
    const hit = sent[k - 1];
    const what = `${fn} (${method}), ${kind} before mutation ${k} (${hit?.action})`;
    check(hit && hit.fault === kind, `${what}: the fault hit the k-th mutating request: ${canonical(first.map((e) => [e.action, e.fault]))}`);
    if (!error) {
      const copy = first[first.indexOf(hit) + 1];
      check(copy && copy.rawTarget === hit.rawTarget && copy.fault === undefined && copy.status === 200,
        `${what}: the run resolved, so the runtime re-sent the dropped request as it was: ${canonical(first.map((e) => [e.action, e.status, e.fault]))}`);
      resent += 1;
      seen.push(`${k}:${hit.action}:re-sent by the runtime`);
    } else {
      const copies = sent.slice(k).filter((e) => e.rawTarget === hit.rawTarget && e.fault === kind);
      equal(sent.length, k + copies.length, `${what}: nothing is sent after the failed mutation (but the runtime's copy of it)`);
      if (copies.length > 0) seen.push(`${k}: the runtime re-sent it`);
      const done = error.steps.filter((s) => MUTATING.has(s.action) && s.status === 'done').length;
      equal(done, k - 1, `${what}: err.steps hold the mutations done before it`);
      equal(error.code, kind === 'truncated' || kind === 'drop' ? 'ERR_NETWORK' : 'ERR_NCP_API', `${what}: the error's code`);
      const accepted = processed(first).filter((e) => e.action === 'acceptOrRejectVpcPeering').map((e) => String(e.params.vpcPeeringInstanceNo));
      if ((await t.state()).peerings.some((p) => accepted.includes(String(p.vpcPeeringInstanceNo)) && p.vpcPeeringInstanceStatus.code === 'INIT')) {
        // An accept was processed and that peering is not running yet: the rerun's accept of it is refused and
        // taken as "accepted already" (the scenario "an accepted peering not running yet" pins that).
        seen.push(`${k}: an accepted peering not running yet`);
      }
      const rerun = await t.ok(fn, options);
      check(rerun.complete === true, `${what}: the rerun is complete`);
      seen.push(`${k}:${hit.action}:${error.code}`);
    }
    const entries = await t.since(mark);
    const state = await t.state();
    if (fn === 'connectVpcs') t.connected(state, pair, `${what}: after the rerun`);
    else t.disconnected(state, pair, `${what}: after the rerun`);
    const mutations = processed(entries);
    equal(mutations.length, new Set(mutations.map(mutationId)).size, `${what}: no step ran twice: ${mutations.map(mutationId).join('; ')}`);
    equal(mutations.length, total, `${what}: each of the ${total} mutations processed once across both runs`);
    check(entries.every((e) => e.method === method), `${what}: every request sent with ${method}`);
    t.checkKeys(entries, what);
  }
  if (mayResend) check(resent > 0, `${fn} (${method}), drop: this runtime re-sends a dropped request (env.resendsDropped), yet it never did`);
  t.facts[`${fn} ${kind}×${count} ${method}`] = seen;
}

export const SCENARIOS = {
  async 'same account: connect, again, disconnect, again'(t) {
    const options = t.pair('10001', '10002', t.alice, { vpcPeeringName: 'web-app' });
    await lifecycle(t, options, { source: '10001', target: '10002', base: 'web-app', what: 'same account' });
    // Read back through the package too: getRouteList after a connect shows the route.
    await t.ok('connectVpcs', options);
    const [table] = t.tablesOf('10002');
    const listed = await t.api.getRouteList({ ...t.keys(t.alice), vpcNo: '10002', routeTableNo: table });
    const forward = t.between(await t.state(), '10002', '10001').forward[0];
    equal(listed.routeList.map(routeFacts), [
      { destinationCidrBlock: '10.1.0.0/16', targetType: 'LOCAL', targetNo: '', targetName: 'LOCAL' },
      { destinationCidrBlock: '10.0.0.0/16', targetType: 'VPCPEERING', targetNo: String(forward.vpcPeeringInstanceNo), targetName: 'web-app-rev' },
    ], 'getRouteList through the package shows the reverse route in the target VPC');
    await t.noSecrets();
  },

  async 'cross account with both keys: connect, again, disconnect, again'(t) {
    await lifecycle(t, t.cross({ vpcPeeringName: 'data' }), { source: '10004', target: '20004', base: 'data', what: 'cross account' });
    await t.noSecrets();
  },

  async 'cross account, one account\'s keys, alice first then bob'(t) {
    await inTurns(t, 'alice');
    await t.noSecrets();
  },

  async 'cross account, one account\'s keys, bob first then alice'(t) {
    await inTurns(t, 'bob');
    await t.noSecrets();
  },

  async 'chosen route tables only'(t) {
    await t.reset();
    const [sourceTables, targetTables] = [[t.tablesOf('10002')[1]], [t.tablesOf('10003')[0]]];
    const same = t.pair('10002', '10003', t.alice, { sourceRouteTableNoList: sourceTables, targetRouteTableNoList: targetTables });
    await lifecycle(t, same, { source: '10002', target: '10003', sourceTables, targetTables, what: 'same account, chosen tables' });
    const cross = t.cross({ sourceRouteTableNoList: [t.tablesOf('10004')[0]], targetRouteTableNoList: [t.tablesOf('20004')[1]] });
    await lifecycle(t, cross, {
      source: '10004', target: '20004', sourceTables: cross.sourceRouteTableNoList, targetTables: cross.targetRouteTableNoList,
      what: 'cross account, chosen tables',
    });
    // A table of another VPC is refused before anything is sent.
    const mark = (await t.log()).length;
    const error = await t.fails('connectVpcs', { ...same, sourceRouteTableNoList: [t.tablesOf('10001')[0]] });
    equal([error.code, error.field], ['ERR_INVALID_OPTION', 'sourceRouteTableNoList'], 'a table of another VPC');
    t.readOnly(await t.since(mark), 'a table of another VPC');
    await t.noSecrets();
  },

  async 'dry run: reads only, each planned request as its build…Request signs it'(t) {
    const timestamp = 1767225600000;
    const keysOf = (account) => (account === 'source' ? t.alice : t.bob);
    await t.reset();
    // Nothing there yet.
    const plan = await t.ok('connectVpcs', t.cross({ vpcPeeringName: 'data', dryRun: true, timestamp }));
    t.readOnly(await t.log(), 'a dry connect');
    check(plan.steps.length > 0 && plan.steps.every((s) => s.status === 'planned'), 'a dry connect plans every step');
    equal(plan.complete, true, 'a dry run with both keys awaits nobody');
    const created = plan.steps.find((s) => s.action === 'createVpcPeeringInstance' && s.account === 'source');
    equal(created.params, { sourceVpcNo: '10004', targetVpcNo: '20004', vpcPeeringName: 'data-fwd', targetVpcName: 'bob-data', targetVpcLoginId: t.bob.loginId },
      'the planned forward create');
    equal(created.request, t.api.buildCreateVpcPeeringInstanceRequest({ ...t.keys(t.alice), ...created.params, timestamp }),
      'the planned create is signed as buildCreateVpcPeeringInstanceRequest signs it');
    let checked = checkPlannedRequests(t, plan.steps, { timestamp, keysOf });
    t.disconnected(await t.state(), { source: '10004', target: '20004' }, 'after a dry connect');

    // Midway (alice created the forward peering alone): the accept is planned with bob's keys, with its request.
    await t.ok('connectVpcs', t.pair('10004', '20004', t.alice, { targetVpcName: 'bob-data', targetVpcLoginId: t.bob.loginId, vpcPeeringName: 'data' }));
    let mark = (await t.log()).length;
    const midway = await t.ok('connectVpcs', t.cross({ vpcPeeringName: 'data', dryRun: true, timestamp, method: 'POST' }));
    t.readOnly(await t.since(mark), 'a dry connect midway');
    const accept = midway.steps.find((s) => s.action === 'acceptOrRejectVpcPeering' && s.account === 'target');
    check(accept?.status === 'planned' && accept.request, `the forward accept is planned and signed: ${canonical(accept)}`);
    checked += checkPlannedRequests(t, midway.steps, { timestamp, keysOf, common: { method: 'POST' } });

    // Connected: a dry disconnect plans each removal and deletion, signed.
    await t.ok('connectVpcs', t.cross({ vpcPeeringName: 'data' }));
    mark = (await t.log()).length;
    const undo = await t.ok('disconnectVpcs', t.cross({ dryRun: true, timestamp, responseFormatType: 'xml' }));
    t.readOnly(await t.since(mark), 'a dry disconnect');
    equal(undo.steps.filter((s) => s.request).map((s) => s.action).sort(),
      ['deleteVpcPeeringInstance', 'deleteVpcPeeringInstance', 'removeRoute', 'removeRoute', 'removeRoute', 'removeRoute'],
      'a dry disconnect signs each removal and deletion');
    checked += checkPlannedRequests(t, undo.steps, { timestamp, keysOf, common: { responseFormatType: 'xml' } });
    t.connected(await t.state(), { source: '10004', target: '20004', base: 'data' }, 'after a dry disconnect');
    t.facts.plannedRequestsChecked = checked;
    await t.noSecrets();
  },

  async 'overlapping blocks are refused before any change'(t) {
    await t.reset();
    for (const [what, options, blocks] of [
      ['same account', t.pair('10001', '10003', t.alice), ['10.0.0.0/16', '10.0.128.0/20']],
      ['cross account, both keys', t.pair('10001', '20001', t.alice, {
        targetVpcName: 'bob-db', targetVpcLoginId: t.bob.loginId, targetAccessKey: t.bob.accessKey, targetSecretKey: t.bob.secretKey,
      }), ['10.0.0.0/16', '10.0.0.0/16']],
      ['same account, dry run', t.pair('10003', '10001', t.alice, { dryRun: true }), ['10.0.128.0/20', '10.0.0.0/16']],
    ]) {
      const mark = (await t.log()).length;
      const error = await t.fails('connectVpcs', options);
      equal([error.code, error.field], ['ERR_INVALID_OPTION', 'targetVpcNo'], `${what}: the code and field`);
      for (const block of blocks) check(error.message.includes(block), `${what}: the message names ${block}: ${error.message}`);
      equal(error.steps, [], `${what}: nothing was done`);
      t.readOnly(await t.since(mark), what);
    }
    equal((await t.state()).peerings, [], 'no peering made');
    // With one account's keys the other VPC's block cannot be read: the service refuses the create itself.
    const mark = (await t.log()).length;
    const error = await t.fails('connectVpcs', t.pair('10001', '20001', t.alice, { targetVpcName: 'bob-db', targetVpcLoginId: t.bob.loginId }));
    equal([error.code, error.returnCode], ['ERR_NCP_API', 'EMU_CIDR_OVERLAP'], 'one account\'s keys: the service refuses the overlap');
    equal((await t.since(mark)).filter((e) => MUTATING.has(e.action)).map((e) => [e.action, e.status]), [['createVpcPeeringInstance', 400]],
      'one account\'s keys: the one create, refused');
    equal((await t.state()).peerings, [], 'no peering made');
    await t.noSecrets();
  },

  async 'a route to the other VPC elsewhere is a conflict, never overwritten'(t) {
    await t.reset();
    const natgw = (vpcNo, tableNo, cidr, account = t.alice) => t.api.addRoute({
      ...t.keys(account), vpcNo, routeTableNo: tableNo,
      routeList: [{ destinationCidrBlock: cidr, targetTypeCode: 'NATGW', targetNo: '777' }],
    });
    const [web, app] = [t.tablesOf('10001'), t.tablesOf('10002')];
    await natgw('10002', app[0], '10.0.0.0/16'); // alice-app's public table sends alice-web's block to a NAT gateway
    await natgw('10001', web[1], '10.1.0.0/16'); // alice-web's private table sends alice-app's block to a NAT gateway
    const before = await t.state();
    const cases = [
      ['in a target table', t.pair('10001', '10002', t.alice, { sourceRouteTableNoList: [web[0]] }), 'targetRouteTableNoList', app[0]],
      ['in a source table', t.pair('10001', '10002', t.alice, { targetRouteTableNoList: [app[1]] }), 'sourceRouteTableNoList', web[1]],
      ['in a target table, cross account', t.cross(), 'targetRouteTableNoList', t.tablesOf('20004')[1]],
    ];
    await natgw('20004', t.tablesOf('20004')[1], '10.2.0.0/16', t.bob);
    for (const [what, options, field, table] of cases) {
      const mark = (await t.log()).length;
      const error = await t.fails('connectVpcs', options);
      equal([error.code, error.field], ['ERR_CONFLICT', field], `${what}: code and field`);
      check(error.message.includes(table) && error.message.includes('NATGW'), `${what}: the message names the table and the target: ${error.message}`);
      equal(error.steps, [], `${what}: nothing was done`);
      t.readOnly(await t.since(mark), what);
    }
    const after = await t.state();
    equal(after.peerings, [], 'no peering made');
    equal(after.routeTables.filter((x) => t.tablesOf('10001').concat(t.tablesOf('10002')).includes(String(x.routeTableNo))),
      before.routeTables.filter((x) => t.tablesOf('10001').concat(t.tablesOf('10002')).includes(String(x.routeTableNo))), 'no route changed');
    // Leaving the conflicting tables out, the connection is made and their routes stay.
    const chosen = { sourceRouteTableNoList: [web[0]], targetRouteTableNoList: [app[1]] };
    await t.ok('connectVpcs', t.pair('10001', '10002', t.alice, chosen));
    const state = await t.state();
    for (const [tableNo, cidr] of [[app[0], '10.0.0.0/16'], [web[1], '10.1.0.0/16']]) {
      const routes = state.routeTables.find((x) => same(x.routeTableNo, tableNo)).routes.map(routeFacts);
      equal(routes.slice(1), [{ destinationCidrBlock: cidr, targetType: 'NATGW', targetNo: '777', targetName: '' }],
        `table ${tableNo} keeps its NAT gateway route, untouched, and gets no other`);
    }
    await t.noSecrets();
  },

  async 'an accepted peering not running yet: a rerun within the run delay completes'(t) {
    // On an emulator with a long run delay (env.slowEndpoint). A run that stops after an accept was processed (its
    // answer cut off, a later request failing, the caller's timeout or abort during the wait) leaves that peering
    // INIT ("Creating") until the delay has passed.
    const slow = new Context(t.api, t.env, t.env.slowEndpoint);
    const runDelayMs = t.env.slowRunDelayMs;
    const cases = [
      ...[['truncated', 3, 'ERR_NETWORK'], ['truncated', 4, 'ERR_NETWORK'], ['status503', 4, 'ERR_NCP_API']].map(([kind, k, code]) => ({
        what: `${kind} before mutation ${k}`, code, make: () => faultBefore(slow.origin, kind, k), hitsAccept: true,
      })),
      { what: 'timeoutMs during the wait', code: 'ERR_TIMEOUT', make: () => ({ timeoutMs: runDelayMs / 4 }) },
      { what: 'signal aborted during the wait', code: 'ERR_ABORTED', make: () => ({ signal: AbortSignal.timeout(runDelayMs / 4) }) },
    ];
    for (const { what, code, make, hitsAccept } of cases) {
      await slow.reset();
      const options = slow.cross({ vpcPeeringName: 'data' });
      const stop = make();
      const failed = await slow.fails('connectVpcs', { ...options, ...(stop.fetch ? { fetch: stop.fetch } : stop) });
      const failedAt = Date.now();
      if (hitsAccept) equal(stop.injected, ['acceptOrRejectVpcPeering'], `${what}: the fault hit an accept`);
      equal(failed.code, code, `${what}: the error`);
      const { forward, reverse } = slow.between(await slow.state(), '10004', '20004');
      equal([forward[0].vpcPeeringInstanceStatus.code, reverse[0].vpcPeeringInstanceStatus.code], ['INIT', 'INIT'],
        `${what}: both peerings INIT (the forward one accepted, not running yet)`);
      // Within the delay, the rerun cannot tell the accepted forward peering from one awaiting acceptance (both
      // INIT; only the free-text status name differs): it accepts it again, the service refuses, and the plan takes
      // the refusal as "accepted already": the step is skipped with the refusal in its note, and the wait tells.
      const mark = (await slow.log()).length;
      const rerun = await slow.ok('connectVpcs', options);
      const elapsed = Date.now() - failedAt;
      check(rerun.complete, `${what}: the rerun within the delay is complete`);
      const refused = (await slow.since(mark)).filter((e) => e.action === 'acceptOrRejectVpcPeering' && e.status !== 200);
      const acceptedBefore = processed((await slow.log()).slice(0, mark))
        .filter((e) => e.action === 'acceptOrRejectVpcPeering')
        .map((e) => String(e.params.vpcPeeringInstanceNo));
      check(refused.length >= 1, `${what}: the rerun within the delay accepts again and is refused`);
      check(elapsed < runDelayMs + 2000, `${what}: the refused accept was sent within the run delay (${elapsed} ms)`);
      for (const entry of refused) {
        const no = String(entry.params.vpcPeeringInstanceNo);
        check(acceptedBefore.includes(no), `${what}: the refused accept of ${no} is of a peering the failed run had accepted`);
        const step = rerun.steps.find((s) => s.action === 'acceptOrRejectVpcPeering' && s.params.vpcPeeringInstanceNo === no);
        equal(step.status, 'skipped', `${what}: the refused accept of ${no} is a skipped step`);
        check(step.note.includes('refused (EMU_NOT_AWAITING_ACCEPTANCE), taken as accepted already'), `${what}: its note says why: ${step.note}`);
      }
      t.facts[what] = { refused: refused.length, steps: rerun.steps.map((s) => `${s.action}/${s.account}/${s.status}`) };
      slow.connected(await slow.state(), { source: '10004', target: '20004', base: 'data' }, `${what}: after the rerun`);
      const all = processed(await slow.log());
      equal(all.length, new Set(all.map(mutationId)).size, `${what}: no step ran twice`);
      equal(all.length, 8, `${what}: each mutation processed once`);
    }
    await slow.noSecrets();
  },
};

for (const fn of ['connectVpcs', 'disconnectVpcs']) {
  for (const [kind, method, twice] of [...FAULT_KINDS.map((kind) => [kind, 'GET', false]), ['drop', 'POST', false], ['drop', 'GET', true]]) {
    const how = method === 'GET' ? '' : ` (${method})`;
    const times = twice ? ' (and the runtime\'s copy of it)' : '';
    SCENARIOS[`faults: ${fn}${how}, ${kind}${times} before each mutating request, then a rerun`] = async (t) => {
      await faultMatrix(t, fn, kind, method, twice);
      await t.noSecrets();
    };
  }
}

/**
 * Runs scenario `name` on `api` (the package's namespace) against the emulator of `env`; never rejects.
 * @param {{endpoint: string, slowEndpoint: string, runDelayMs: number, slowRunDelayMs: number, pollIntervalMs?: number,
 *   accounts: Array<{name: string, loginId: string, accessKey: string, secretKey: string}>,
 *   resendsDropped?: 'GET' | 'any'}} env `resendsDropped`: the runtime's fetch may re-send a request of that method
 *   whose connection closed without an answer (see faultMatrix)
 * @returns {Promise<{ok: true, facts: object} | {ok: false, error: string}>}
 */
export async function runScenario(api, env, name) {
  const scenario = SCENARIOS[name];
  if (!scenario) return { ok: false, error: `no scenario named ${name}` };
  const t = new Context(api, env);
  try {
    await scenario(t);
    return { ok: true, facts: t.facts };
  } catch (error) {
    return { ok: false, error: String(error?.stack ?? error), facts: t.facts };
  }
}
