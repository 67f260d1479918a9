// A TypeScript consumer of ncloud-vpc-wasm, imported by name: every option of every call, the result and instance
// types, the error type and its code union, createClient. `tsc --noEmit --strict` must pass (run.sh).
import {
  createVpcPeeringInstance,
  getVpcPeeringInstanceList,
  getVpcPeeringInstanceDetail,
  acceptOrRejectVpcPeering,
  deleteVpcPeeringInstance,
  setVpcPeeringDescription,
  waitForVpcPeeringInstance,
  buildCreateVpcPeeringInstanceRequest,
  buildGetVpcPeeringInstanceListRequest,
  buildGetVpcPeeringInstanceDetailRequest,
  buildAcceptOrRejectVpcPeeringRequest,
  buildDeleteVpcPeeringInstanceRequest,
  buildSetVpcPeeringDescriptionRequest,
  validateOptions,
  createClient,
  connectVpcs,
  disconnectVpcs,
} from 'ncloud-vpc-wasm';
import type {
  ConnectVpcsOptions,
  ConnectVpcsResult,
  ConnectionStep,
  DisconnectVpcsResult,
  ConnectionOptions,
  CreateVpcPeeringInstanceOptions,
  GetVpcPeeringInstanceListOptions,
  VpcPeeringInstanceOptions,
  AcceptOrRejectVpcPeeringOptions,
  SetVpcPeeringDescriptionOptions,
  WaitForVpcPeeringInstanceOptions,
  VpcPeeringInstanceListResult,
  VpcPeeringInstance,
  VpcPeeringStatusCode,
  CodeName,
  SignedRequest,
  NcloudVpcError,
  NcloudVpcErrorCode,
  OptionProblem,
  ActionName,
  ClientConfig,
  Client,
  FetchInit,
  FetchResponse,
} from 'ncloud-vpc-wasm';

// Every connection option.
const connection: ConnectionOptions = {
  accessKey: 'NCPDEMOALICE0000KEY1',
  secretKey: 'aliceDemoSecret0000000000000000000000001',
  regionCode: 'KR',
  responseFormatType: 'json',
  site: 'public',
  endpoint: 'http://127.0.0.1:8787',
  method: 'POST',
  timeoutMs: 30000,
  signal: new AbortController().signal,
  fetch: async (input: string, init: FetchInit): Promise<FetchResponse> => {
    const method: 'GET' | 'POST' = init.method;
    const headers: Record<string, string> = init.headers;
    const body: string | undefined = init.body;
    const signal: AbortSignal | undefined = init.signal;
    const redirect: 'manual' = init.redirect;
    void [method, headers, body, signal, redirect];
    return fetch(input, init);
  },
  timestamp: 1700000000000,
  retries: 3,
  retryMutations: false,
  maxResponseBytes: 4194304,
};
const sites: Array<ConnectionOptions['site']> = ['public', 'gov', 'fin', undefined];
// A Response-like object needs only one way to read its body.
const bytesOnly: FetchResponse = { status: 200, arrayBuffer: async () => new ArrayBuffer(0) };
const textOnly: FetchResponse = { status: 200, text: async () => '' };
const streamOnly: FetchResponse = { status: 200, body: new Response('').body, headers: new Headers(), redirected: false };
void [bytesOnly, textOnly, streamOnly];

const create: CreateVpcPeeringInstanceOptions = {
  ...connection,
  sourceVpcNo: '10001',
  targetVpcNo: 10002,
  vpcPeeringName: 'web-to-app',
  targetVpcName: 'bob-db',
  targetVpcLoginId: 'bob@example.com',
  vpcPeeringDescription: '피어링',
};

const list: GetVpcPeeringInstanceListOptions = {
  ...connection,
  vpcPeeringInstanceNoList: ['100001', 100002],
  sourceVpcName: 'alice-web',
  targetVpcName: 'alice-app',
  vpcPeeringName: 'web-to-app',
  vpcPeeringInstanceStatusCode: 'RUN',
  pageNo: 1,
  pageSize: '10',
  sortedBy: 'vpcPeeringName',
  sortingOrder: 'DESC',
};

const one: VpcPeeringInstanceOptions = { ...connection, vpcPeeringInstanceNo: 100001 };
const accept: AcceptOrRejectVpcPeeringOptions = { ...one, isAccept: true };
const reject: AcceptOrRejectVpcPeeringOptions = { ...one, isAccept: 'false' };
const describe: SetVpcPeeringDescriptionOptions = { ...one, vpcPeeringDescription: 'app tier' };
const { timestamp: _unusedTimestamp, ...connectionWithoutTimestamp } = connection;
const wait: WaitForVpcPeeringInstanceOptions = {
  ...connectionWithoutTimestamp,
  vpcPeeringInstanceNo: '100001',
  until: ['RUN', 'INIT'],
  awaitAcceptance: true,
  onPoll: (instance: VpcPeeringInstance) => void instance.vpcPeeringInstanceStatus.code,
  pollIntervalMs: 2000,
  maxPollIntervalMs: 15000,
};

async function calls(): Promise<void> {
  const created: VpcPeeringInstanceListResult = await createVpcPeeringInstance(create);
  const listed = await getVpcPeeringInstanceList(list);
  const detail = await getVpcPeeringInstanceDetail(one);
  await acceptOrRejectVpcPeering(accept);
  await acceptOrRejectVpcPeering(reject);
  await deleteVpcPeeringInstance(one);
  await setVpcPeeringDescription(describe);
  const running: VpcPeeringInstance = await waitForVpcPeeringInstance(wait);
  const gone: null = await waitForVpcPeeringInstance({ ...wait, until: 'GONE' });
  const rows: number = created.totalRows + listed.totalRows + detail.totalRows;
  const returnCode: string = created.returnCode;
  const requestId: string = created.requestId;
  const returnMessage: string = created.returnMessage;
  void [running, gone, rows, returnCode, requestId, returnMessage];

  const peering: VpcPeeringInstance | undefined = created.vpcPeeringInstanceList[0];
  if (peering) {
    const status: CodeName = peering.vpcPeeringInstanceStatus;
    const strings: string[] = [
      peering.vpcPeeringInstanceNo, peering.vpcPeeringName, peering.regionCode, peering.createDate,
      peering.lastModifyDate, status.code, status.codeName, peering.vpcPeeringInstanceStatusName,
      peering.vpcPeeringInstanceOperation.code, peering.sourceVpcNo, peering.sourceVpcName,
      peering.sourceVpcIpv4CidrBlock, peering.sourceVpcLoginId, peering.targetVpcNo, peering.targetVpcName,
      peering.targetVpcIpv4CidrBlock, peering.targetVpcLoginId, peering.vpcPeeringDescription,
      peering.reverseVpcPeeringInstanceNo,
    ];
    const flags: boolean[] = [peering.hasReverseVpcPeering, peering.isBetweenAccounts];
    void [strings, flags];
  }
}

function dryRuns(): SignedRequest[] {
  const requests = [
    buildCreateVpcPeeringInstanceRequest(create),
    buildGetVpcPeeringInstanceListRequest(list),
    buildGetVpcPeeringInstanceDetailRequest(one),
    buildAcceptOrRejectVpcPeeringRequest(accept),
    buildDeleteVpcPeeringInstanceRequest(one),
    buildSetVpcPeeringDescriptionRequest(describe),
  ];
  for (const r of requests) {
    const method: 'GET' | 'POST' = r.method;
    const url: string = r.url;
    const signature: string | undefined = r.headers['x-ncp-apigw-signature-v2'];
    const body: string | null = r.body;
    void [method, url, signature, body];
  }
  return requests;
}

function validation(): OptionProblem[] {
  const action: ActionName = 'createVpcPeeringInstance';
  const problems = validateOptions(action, { sourceVpcNo: 'ten' });
  for (const p of problems) {
    const field: string = p.field;
    const message: string = p.message;
    void [field, message];
  }
  return problems;
}

/** Branching on an error: `code` is a closed union, so the switch is exhaustive. */
function explain(error: NcloudVpcError): string {
  const attempts: number = error.attempts;
  switch (error.code) {
    case 'ERR_INVALID_OPTION':
      return `fix ${error.field ?? '?'} (${attempts} sent)`;
    case 'ERR_NCP_API':
      return `${error.status ?? 0} ${error.returnCode ?? ''} ${error.returnMessage ?? ''} ${error.details ?? ''} ${error.requestId ?? ''}`;
    case 'ERR_HTTP':
    case 'ERR_BAD_RESPONSE':
      return `${error.status ?? 0}: ${error.bodySnippet ?? ''}`;
    case 'ERR_NETWORK':
    case 'ERR_TIMEOUT':
    case 'ERR_ABORTED':
      return String(error.cause);
    case 'ERR_AWAITING_ACCEPTANCE':
      return error.instance?.vpcPeeringInstanceNo ?? '';
    case 'ERR_NOT_FOUND':
      return 'gone';
    case 'ERR_NOT_INITIALIZED':
      return 'call init() first';
    case 'ERR_INTERNAL':
      return `report it: ${String(error.cause)}`;
    case 'ERR_CLIENT_FREED':
      return 'create another client';
    case 'ERR_CONFLICT':
      return `remove the route first; done before: ${(error.steps ?? []).filter((step) => step.status === 'done').length} steps`;
    default: {
      const never: never = error.code;
      return never;
    }
  }
}

async function handled(): Promise<string> {
  try {
    await createVpcPeeringInstance(create);
    return 'created';
  } catch (e) {
    const error = e as NcloudVpcError;
    const name: 'NcloudVpcError' = error.name;
    const asError: Error = error;
    void [name, asError];
    return explain(error);
  }
}

async function client(): Promise<void> {
  const config: ClientConfig = {
    accessKey: 'NCPDEMOALICE0000KEY1',
    secretKey: 'aliceDemoSecret0000000000000000000000001',
    site: 'gov',
    endpoint: 'http://127.0.0.1:8787',
    regionCode: 'KR',
    fetch: connection.fetch,
    timeoutMs: 10000,
    retries: 2,
    retryMutations: true,
    method: 'GET',
    responseFormatType: 'xml',
    maxResponseBytes: 1048576,
  };
  const c: Client = createClient(config);
  await c.createVpcPeeringInstance({ sourceVpcNo: 10001, targetVpcNo: 10002 });
  await c.getVpcPeeringInstanceList();
  await c.getVpcPeeringInstanceList({ pageSize: 5 });
  await c.getVpcPeeringInstanceDetail({ vpcPeeringInstanceNo: '100001' });
  await c.acceptOrRejectVpcPeering({ vpcPeeringInstanceNo: '100001', isAccept: true, accessKey: 'other', secretKey: 'other' });
  await c.deleteVpcPeeringInstance({ vpcPeeringInstanceNo: '100001' });
  await c.setVpcPeeringDescription({ vpcPeeringInstanceNo: '100001' });
  const run: VpcPeeringInstance = await c.waitForVpcPeeringInstance({ vpcPeeringInstanceNo: '100001', signal: new AbortController().signal });
  const gone: null = await c.waitForVpcPeeringInstance({ vpcPeeringInstanceNo: '100001', until: 'GONE' });
  c.buildCreateVpcPeeringInstanceRequest({ sourceVpcNo: 1, targetVpcNo: 2, timestamp: 0 });
  c.buildGetVpcPeeringInstanceListRequest();
  c.buildGetVpcPeeringInstanceDetailRequest({ vpcPeeringInstanceNo: 1 });
  c.buildAcceptOrRejectVpcPeeringRequest({ vpcPeeringInstanceNo: 1, isAccept: 'true' });
  c.buildDeleteVpcPeeringInstanceRequest({ vpcPeeringInstanceNo: 1 });
  c.buildSetVpcPeeringDescriptionRequest({ vpcPeeringInstanceNo: 1, vpcPeeringDescription: '' });
  c.free();
  void [run, gone];
}

const codes: NcloudVpcErrorCode[] = ['ERR_INVALID_OPTION', 'ERR_NCP_API', 'ERR_NETWORK', 'ERR_TIMEOUT', 'ERR_ABORTED'];
const statuses: VpcPeeringStatusCode[] = ['INIT', 'RUN', 'TERMTING'];
// @ts-expect-error CREATING is no documented status code: the validator refuses it, so the types do too
const creating: VpcPeeringStatusCode = 'CREATING';

// Wrong types must be errors too (checked here, so a loosened type shows as an unused @ts-expect-error).
// @ts-expect-error a Response-like object needs arrayBuffer() or text()
const noBody: FetchResponse = { status: 200 };
void noBody;
// @ts-expect-error sourceVpcNo is required
void createVpcPeeringInstance({ ...connection, targetVpcNo: '10002' });
// @ts-expect-error isAccept is a boolean or 'true'/'false'
void acceptOrRejectVpcPeering({ ...one, isAccept: 'yes' });
// @ts-expect-error no such status
void getVpcPeeringInstanceList({ ...connection, vpcPeeringInstanceStatusCode: 'RUNNING' });
// @ts-expect-error a wait takes no timestamp
void waitForVpcPeeringInstance({ ...wait, timestamp: 1 });
// @ts-expect-error no such error code
const badCode: NcloudVpcErrorCode = 'ERR_UNKNOWN';

/** Every option of connectVpcs, its result and steps; disconnectVpcs with the same options. */
async function connecting(): Promise<string[]> {
  const opts: ConnectVpcsOptions = {
    accessKey: 'AK',
    secretKey: 'SK',
    regionCode: 'KR',
    endpoint: 'http://127.0.0.1:8787',
    method: 'POST',
    responseFormatType: 'xml',
    retries: 2,
    retryMutations: false,
    maxResponseBytes: 65536,
    sourceVpcNo: '10004',
    targetVpcNo: 20004,
    vpcPeeringName: 'data',
    targetVpcName: 'bob-data',
    targetVpcLoginId: 'bob@example.com',
    targetAccessKey: 'AK2',
    targetSecretKey: 'SK2',
    sourceRouteTableNoList: ['30007', 30008],
    targetRouteTableNoList: [30015],
    dryRun: true,
    timestamp: 1_700_000_000_000,
    timeoutMs: 600_000,
    pollIntervalMs: 100,
    maxPollIntervalMs: 1000,
    signal: new AbortController().signal,
    onStep: (step: ConnectionStep) => void step.params['vpcPeeringInstanceNo'],
  };
  const made: ConnectVpcsResult = await connectVpcs(opts);
  const forwardNo: string = made.forward?.vpcPeeringInstanceNo ?? '';
  const routes: string[] = made.routes.map((route) => `${route.routeTableNo} ${route.destinationCidrBlock} ${route.targetType.code}`);
  const planned = made.steps.filter((step) => step.status === 'planned').map((step) => step.request?.url ?? step.params['vpcNo'] ?? '');
  const undone: DisconnectVpcsResult = await disconnectVpcs({ ...opts, dryRun: false, timestamp: undefined });
  const accounts: Array<'source' | 'target'> = undone.steps.map((step) => step.account);
  return [forwardNo, ...routes, ...planned, ...accounts, String(made.complete && undone.complete)];
}

export { calls, dryRuns, validation, handled, client, sites, codes, statuses, creating, badCode, connecting };
