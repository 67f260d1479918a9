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
  return out;
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
