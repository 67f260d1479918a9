// The behaviour checks every runtime runs on the installed package: workerd (tests/workerd), Chromium pages and
// bundles (tests/browser). Plain ESM with no Node or DOM API, so one file runs everywhere; it only gathers facts as
// JSON, and the Node side (expect.mjs) asserts them, so a failure prints the same way whatever the runtime.

/**
 * Runs the checks against the emulator and resolves with their facts; never rejects.
 * @param {Record<string, Function>} api the package's namespace (`import * as api from 'ncloud-vpc-wasm'`)
 * @param {{endpoint: string, closedEndpoint: string, accessKey: string, secretKey: string,
 *   lifecycle?: boolean, pollIntervalMs?: number}} env
 */
export async function runChecks(api, env) {
  const keys = { accessKey: env.accessKey, secretKey: env.secretKey, endpoint: env.endpoint };
  const poll = { pollIntervalMs: env.pollIntervalMs ?? 20, maxPollIntervalMs: 60, timeoutMs: 10000 };
  const out = { exports: Object.keys(api).sort() };

  out.created = await settle(() =>
    api.createVpcPeeringInstance({ ...keys, sourceVpcNo: '10001', targetVpcNo: 10002, vpcPeeringName: 'runtime-check' }),
  );

  out.validation = await settle(() => api.createVpcPeeringInstance({ ...keys, targetVpcNo: '10002' }), env.secretKey);
  out.validateOptions = await settle(() =>
    api.validateOptions('createVpcPeeringInstance', { ...keys, sourceVpcNo: 'ten', targetVpcNo: '10002' }),
  );
  out.buildThrows = await settle(() =>
    api.buildCreateVpcPeeringInstanceRequest({ ...keys, sourceVpcNo: '10001', targetVpcNo: '10002', vpcPeeringName: 'X' }),
  );
  out.dryRun = await settle(() =>
    api.buildCreateVpcPeeringInstanceRequest({ ...keys, sourceVpcNo: '10001', targetVpcNo: '10002', timestamp: 1700000000000 }),
  );

  out.authError = await settle(
    () => api.createVpcPeeringInstance({ ...keys, secretKey: 'wrong-secret-key', sourceVpcNo: '10001', targetVpcNo: '10002' }),
    'wrong-secret-key',
  );
  out.serviceError = await settle(() =>
    api.createVpcPeeringInstance({ ...keys, sourceVpcNo: '10001', targetVpcNo: '10003' }),
  );
  out.networkError = await settle(
    () => api.createVpcPeeringInstance({ ...keys, endpoint: env.closedEndpoint, sourceVpcNo: '10001', targetVpcNo: '10002' }),
    env.secretKey,
  );

  const peeringNo = out.created.ok ? out.created.value.vpcPeeringInstanceList[0]?.vpcPeeringInstanceNo : undefined;
  out.client = await settle(async () => {
    const client = api.createClient({ ...keys, method: 'POST', responseFormatType: 'xml' }); // XML: still served in every runtime
    try {
      return await client.getVpcPeeringInstanceDetail({ vpcPeeringInstanceNo: peeringNo ?? '1' });
    } finally {
      client.free();
    }
  });

  if (env.lifecycle !== false && peeringNo !== undefined) {
    out.waitRun = await settle(() => api.waitForVpcPeeringInstance({ ...keys, ...poll, vpcPeeringInstanceNo: peeringNo }));
    out.deleted = await settle(() => api.deleteVpcPeeringInstance({ ...keys, vpcPeeringInstanceNo: peeringNo }));
    out.waitGone = await settle(() =>
      api.waitForVpcPeeringInstance({ ...keys, ...poll, vpcPeeringInstanceNo: peeringNo, until: 'GONE' }),
    );
  }
  out.routes = await routeChecks(api, keys, poll, env).catch((error) => ({ crashed: String(error?.stack ?? error) }));
  return out;
}

/** Every method and wire format a call can use: each gives the same object. */
export const VARIANTS = [
  { method: 'GET', responseFormatType: 'json' },
  { method: 'GET', responseFormatType: 'xml' },
  { method: 'POST', responseFormatType: 'json' },
  { method: 'POST', responseFormatType: 'xml' },
];

/** The five reads, each with options for alice-data (10004) and its tables (30007 public, 30008 private). */
export const ROUTE_READS = [
  ['getVpcList', { vpcNoList: [10004, '10002'] }],
  ['getVpcDetail', { vpcNo: 10004 }],
  ['getRouteTableList', { vpcNo: '10004', supportedSubnetTypeCode: 'PRIVATE' }],
  ['getRouteTableDetail', { routeTableNo: 30007 }],
  ['getRouteList', { vpcNo: 10004, routeTableNo: '30008' }],
];

/** The route to alice-legacy (10003) in alice-app's (10002) private table, through the peering `targetNo`. */
export const LEGACY_TABLE = { vpcNo: 10002, routeTableNo: 30004 };
const toLegacy = (targetNo) => ({ destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING', targetNo, targetName: 'route-check' });

/** Options each refused before sending, by label: [action, options]. */
export const ROUTE_INVALID = {
  badCidr: ['addRoute', { ...LEGACY_TABLE, routeList: [{ ...toLegacy(1), destinationCidrBlock: '10.0.128.1/20' }] }],
  badTargetType: ['removeRoute', { ...LEGACY_TABLE, routeList: [{ ...toLegacy(1), targetTypeCode: 'IGW' }] }],
  peeringWithoutTargetNo: ['addRoute', { ...LEGACY_TABLE, routeList: [{ destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING' }] }],
  missingRouteTableNo: ['getRouteList', { vpcNo: 10002 }],
  missingRouteList: ['addRoute', { ...LEGACY_TABLE }],
};

/**
 * The VPC, route table and route calls against the emulator (alice's keys): the reads in every variant, validation
 * before sending, addRoute → getRouteList → removeRoute through a RUN peering (10002 → 10003) in every variant,
 * retries (faults queued through the emulator's control API, which answers CORS), the dry run. Facts only.
 */
async function routeChecks(api, keys, poll, env) {
  const control = async (name, init) => (await fetch(`${env.endpoint}/__emulator/${name}`, init)).json();
  const logLength = async () => (await control('requests')).length;
  const fault = (spec) => control('faults', { method: 'POST', body: JSON.stringify(spec) });
  const facts = { reads: {}, validation: {}, validationBuild: {} };

  for (const [action, options] of ROUTE_READS) {
    facts.reads[action] = [];
    for (const variant of VARIANTS) facts.reads[action].push(await settle(() => api[action]({ ...keys, ...options, ...variant })));
  }

  const before = await logLength();
  for (const [label, [action, options]] of Object.entries(ROUTE_INVALID)) {
    facts.validation[label] = await settle(() => api[action]({ ...keys, ...options }), env.secretKey);
    const dryRun = `build${action[0].toUpperCase()}${action.slice(1)}Request`;
    facts.validationBuild[label] = await settle(() => api[dryRun]({ ...keys, ...options }), env.secretKey);
  }
  facts.sentDuringValidation = (await logLength()) - before;

  facts.dryRun = await settle(() =>
    api.buildAddRouteRequest({ ...keys, ...LEGACY_TABLE, routeList: [toLegacy('5'), { targetTypeCode: 'NATGW', destinationCidrBlock: '0.0.0.0/0' }], timestamp: 1700000000000 }),
  );

  facts.peering = await settle(async () => {
    const created = await api.createVpcPeeringInstance({ ...keys, sourceVpcNo: 10002, targetVpcNo: 10003, vpcPeeringName: 'route-check' });
    const no = created.vpcPeeringInstanceList[0].vpcPeeringInstanceNo;
    return api.waitForVpcPeeringInstance({ ...keys, ...poll, vpcPeeringInstanceNo: no });
  });
  const peeringNo = facts.peering.ok ? facts.peering.value.vpcPeeringInstanceNo : '1';
  const change = { ...keys, ...LEGACY_TABLE, routeList: [toLegacy(peeringNo)] };
  facts.roundTrips = [];
  for (const variant of VARIANTS) {
    const added = await settle(() => api.addRoute({ ...change, ...variant }));
    const listed = await settle(() => api.getRouteList({ ...keys, ...LEGACY_TABLE, ...variant }));
    const removed = await settle(() => api.removeRoute({ ...change, ...variant }));
    facts.roundTrips.push({ added, listed, removed });
  }

  await fault({ kind: 'status503', count: 1 });
  facts.readRetried = await settle(() => api.getRouteTableDetail({ ...keys, routeTableNo: 30004 }));
  await fault({ kind: 'status503', count: 1 });
  facts.addNotRetried = await settle(() => api.addRoute(change));
  await fault({ kind: 'status503', count: 1 });
  facts.removeNotRetried = await settle(() => api.removeRoute(change));
  facts.pendingFaults = (await control('faults')).pending.length;
  facts.afterFaults = await settle(() => api.getRouteList({ ...keys, ...LEGACY_TABLE }));
  facts.peeringDeleted = await settle(() => api.deleteVpcPeeringInstance({ ...keys, vpcPeeringInstanceNo: peeringNo }));
  return facts;
}

/** `{ok: true, value}` or `{ok: false, error: facts}`; `secret`, when given, is looked for in the error's text. */
async function settle(fn, secret) {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    return { ok: false, error: facts(error, secret) };
  }
}

/** An error as plain JSON: what a caller can branch on, and whether a secret leaked into its text. */
function facts(error, secret) {
  const e = error ?? {};
  const text = `${e.message}\n${e.stack}\n${safeJson(e)}`;
  return {
    isError: error instanceof Error,
    name: e.name,
    message: String(e.message),
    code: e.code,
    field: e.field,
    status: e.status,
    returnCode: e.returnCode,
    returnMessage: e.returnMessage,
    attempts: e.attempts,
    hasCause: e.cause !== undefined,
    leaksSecret: secret ? text.includes(secret) : false,
  };
}

function safeJson(value) {
  try {
    return JSON.stringify(value);
  } catch {
    return '';
  }
}
