// Types of ncloud-vpc-wasm. Hand-written and checked by tests/types (tsc --strict on consumers that use every
// option, and on one that misspells an option and must fail).

/** Options every call takes: credentials, where to send, how to send. */
export interface ConnectionOptions {
  /** NCP API access key. Required. Sent in `x-ncp-iam-access-key`. No whitespace or control characters. */
  accessKey: string;
  /** NCP API secret key. Required. Signs the request; never sent, never in an error. */
  secretKey: string;
  /** Region code such as `"KR"`, `"SGN"`, `"JPN"`, `"FKR"` (1–10 letters and digits). Default: the API's (its first region). */
  regionCode?: string;
  /** Wire format of the answer. The result is the same either way. Default `"json"`, as every official NCP SDK asks (the API's own default is `"xml"`). */
  responseFormatType?: 'xml' | 'json';
  /** Which documented gateway: `"public"` (default) `https://ncloud.apigw.ntruss.com`, `"gov"`, `"fin"`. */
  site?: 'public' | 'gov' | 'fin';
  /**
   * Gateway origin, optionally with a path prefix (`https://proxy.example.com/ncp`); `/vpc/v2/<action>` is appended
   * and signed. Absolute http(s) URL without query or fragment. Overrides `site`.
   */
  endpoint?: string;
  /** `"GET"` (default: every parameter in the signed query) or `"POST"` (parameters in a form body). */
  method?: 'GET' | 'POST';
  /** Time budget of the whole call, retries included, in ms. Default 30000 (a wait: 3600000, or 300000 until `"GONE"`); 0 means none. */
  timeoutMs?: number;
  /** Aborts the call; it then rejects with `ERR_ABORTED` and the signal's reason as `cause`. */
  signal?: AbortSignal;
  /** A fetch implementation; see `FetchResponse` for what its Response needs. Default: the runtime's global `fetch`. */
  fetch?: (input: string, init: FetchInit) => Promise<FetchResponse>;
  /** Milliseconds since the epoch to sign with. Default `Date.now()` at each attempt (dry runs, tests, clock-skew correction). */
  timestamp?: number;
  /**
   * Retries of a retryable failure (HTTP 429/503/504, returnCode 1000, network errors), 0–10. Default 3. Applies to the
   * read-only calls (every `get…`, the polls of a wait); mutating calls retry only with `retryMutations: true`.
   */
  retries?: number;
  /**
   * Let `retries` apply to the mutating calls too: create, accept/reject, delete, describe, `addRoute` and
   * `removeRoute`. Default false: NCP has no idempotency token, so a retried create can make a second peering.
   */
  retryMutations?: boolean;
  /**
   * The most bytes an answer may have (as the runtime hands them over, decompressed), 1024–33554432. Default 4194304
   * (4 MiB): the largest plausible real answer, 1,000 peerings in pretty JSON, is ~1.5 MB. Checked while the body
   * downloads: a longer one is cancelled and the call rejects with `ERR_BAD_RESPONSE`. Dry runs ignore it.
   */
  maxResponseBytes?: number;
}

/** What `fetch` is called with: a plain init object. */
export interface FetchInit {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Always `"manual"`: a redirect is refused (`ERR_HTTP`), never followed with the signed request. */
  redirect: 'manual';
  signal?: AbortSignal;
}

/** The fields of a Response that are read besides the body, when present. */
interface FetchResponseFields {
  /** An integer from 0 to 999; anything else is no Response (`ERR_BAD_RESPONSE`). */
  readonly status: number;
  /** `Location` for a redirect's message; `Content-Length` (checked against `maxResponseBytes` before reading). */
  readonly headers?: { get(name: string): string | null };
  /** `true` (the fetch followed a redirect) or `type` `"opaqueredirect"`: refused with `ERR_HTTP`. */
  readonly redirected?: boolean;
  readonly type?: string;
}

/**
 * The part of a `Response` that is used: `status` (and the fields above), and the body: read from the `body` stream
 * when there is one, counting bytes as they arrive and cancelling it past `maxResponseBytes`; else through
 * `arrayBuffer()`, else `text()`, whose size is checked once it has been read. The bytes go into the wasm as they
 * are and must be UTF-8, as NCP's answers are. A real `Response` has all three.
 */
export type FetchResponse = FetchResponseFields &
  (
    | { readonly body: { getReader(): unknown } | null }
    | { arrayBuffer(): Promise<ArrayBuffer> }
    | { text(): Promise<string> }
  );

/** Options of `createVpcPeeringInstance`. */
export interface CreateVpcPeeringInstanceOptions extends ConnectionOptions {
  /** Number of the VPC sending the peering request: decimal digits (or a non-negative integer). Required. */
  sourceVpcNo: string | number;
  /** Number of the VPC receiving the request; must differ from `sourceVpcNo`, CIDRs must not overlap. Required. */
  targetVpcNo: string | number;
  /** 3–30 of lowercase letters, digits and `-`; starts with a letter, ends with a letter or digit. Default: NCP names it. */
  vpcPeeringName?: string;
  /** Name of the receiving VPC. Required, with `targetVpcLoginId`, when the receiving VPC is another account's. */
  targetVpcName?: string;
  /** Login ID (an e-mail) of the receiving VPC's owner. Required, with `targetVpcName`, across accounts. */
  targetVpcLoginId?: string;
  /** Description, at most 1000 UTF-8 bytes (a Korean syllable takes 3). */
  vpcPeeringDescription?: string;
}

/** Options of `getVpcPeeringInstanceList`. */
export interface GetVpcPeeringInstanceListOptions extends ConnectionOptions {
  /** Only these peerings. Sent as `vpcPeeringInstanceNoList.1`, `.2`, … */
  vpcPeeringInstanceNoList?: Array<string | number>;
  /** Only peerings from a VPC of this name. */
  sourceVpcName?: string;
  /** Only peerings to a VPC of this name. */
  targetVpcName?: string;
  /** Only peerings of this name. */
  vpcPeeringName?: string;
  /** Only peerings in this status. */
  vpcPeeringInstanceStatusCode?: VpcPeeringStatusCode;
  /** Page number, from 1; needs `pageSize`. */
  pageNo?: number | string;
  /** Page size. */
  pageSize?: number | string;
  /** Sort key. */
  sortedBy?: 'vpcPeeringName' | 'sourceVpcName' | 'targetVpcName';
  /** Sort order. */
  sortingOrder?: 'ASC' | 'DESC';
}

/** Options of the calls about one peering (`getVpcPeeringInstanceDetail`, `deleteVpcPeeringInstance`). */
export interface VpcPeeringInstanceOptions extends ConnectionOptions {
  /** The peering's number. Required. */
  vpcPeeringInstanceNo: string | number;
}

/** Options of `acceptOrRejectVpcPeering`, called with the receiving account's keys. */
export interface AcceptOrRejectVpcPeeringOptions extends VpcPeeringInstanceOptions {
  /** `true` accepts the request, `false` rejects it. Required. */
  isAccept: boolean | 'true' | 'false';
}

/** Options of `setVpcPeeringDescription`. */
export interface SetVpcPeeringDescriptionOptions extends VpcPeeringInstanceOptions {
  /** The new description, at most 1000 UTF-8 bytes; absent or empty clears it. */
  vpcPeeringDescription?: string;
}

/** Options of `waitForVpcPeeringInstance`: the detail call's, plus how to wait. */
export interface WaitForVpcPeeringInstanceOptions extends Omit<VpcPeeringInstanceOptions, 'timestamp'> {
  /** What to wait for: `"RUN"` (default), `"GONE"` (the detail call finds nothing), or a list of status codes. */
  until?: 'RUN' | 'GONE' | VpcPeeringStatusCode | VpcPeeringStatusCode[];
  /**
   * Keep waiting while a cross-account peering is `INIT`. NCP does not say whether such a peering still awaits the
   * other account's acceptance or was accepted and is being set up, so by default (false) the wait rejects at once
   * with `ERR_AWAITING_ACCEPTANCE`; pass true once you know it was accepted (or to wait for the acceptance).
   */
  awaitAcceptance?: boolean;
  /** Called with the peering after every poll that finds it. If it throws, the wait rejects with that error. */
  onPoll?: (instance: VpcPeeringInstance) => void;
  /** Delay before the first poll, in ms. Default 2000. Later delays grow by half up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Cap on the delay between polls, in ms. Default 15000. */
  maxPollIntervalMs?: number;
}

/** Status codes of a peering. `TERMTING` is NCP's spelling. */
export type VpcPeeringStatusCode = 'INIT' | 'RUN' | 'TERMTING';

/** A `{code, codeName}` pair. */
export interface CodeName {
  /** The stable code (`INIT`, `RUN`, `TERMTING`; `NULL` for no operation): branch on this. */
  code: string;
  /** A short name for the code. */
  codeName: string;
}

/** One VPC peering. An absent text field reads as `""`, an absent flag as `false`. */
export interface VpcPeeringInstance {
  vpcPeeringInstanceNo: string;
  vpcPeeringName: string;
  regionCode: string;
  /** As NCP writes it: `2020-08-07T17:53:06+0900` (no colon in the offset). */
  createDate: string;
  /** Filled from `lastModifyDate` or the SDKs' spelling `lastModifiyDate`. */
  lastModifyDate: string;
  vpcPeeringInstanceStatus: CodeName;
  /** Localised text (e.g. Korean): show it, never branch on it. */
  vpcPeeringInstanceStatusName: string;
  vpcPeeringInstanceOperation: CodeName;
  sourceVpcNo: string;
  sourceVpcName: string;
  sourceVpcIpv4CidrBlock: string;
  sourceVpcLoginId: string;
  targetVpcNo: string;
  targetVpcName: string;
  targetVpcIpv4CidrBlock: string;
  targetVpcLoginId: string;
  vpcPeeringDescription: string;
  hasReverseVpcPeering: boolean;
  isBetweenAccounts: boolean;
  reverseVpcPeeringInstanceNo: string;
}

/**
 * What every call resolves with, besides its list: NCP's answer without its outer `<action>Response` key. The same
 * object whether the wire format was XML or JSON.
 */
export interface ResultHeader {
  requestId: string;
  /** Always `"0"`: any other value rejects with `ERR_NCP_API`. */
  returnCode: string;
  returnMessage: string;
  /** Items matched (before paging, for the lists that page). */
  totalRows: number;
}

/** What every peering call resolves with. */
export interface VpcPeeringInstanceListResult extends ResultHeader {
  vpcPeeringInstanceList: VpcPeeringInstance[];
}

/** Status codes a VPC can be filtered by (`getVpcList`'s `vpcStatusCode`). */
export type VpcStatusCode = 'INIT' | 'CREATING' | 'RUN' | 'TERMTING';

/** Options of `getVpcList`. */
export interface GetVpcListOptions extends ConnectionOptions {
  /** Only VPCs in this status. */
  vpcStatusCode?: VpcStatusCode;
  /** Only the VPC of this name. */
  vpcName?: string;
  /** Only these VPCs. Sent as `vpcNoList.1`, `.2`, … */
  vpcNoList?: Array<string | number>;
}

/** Options of `getVpcDetail`. */
export interface GetVpcDetailOptions extends ConnectionOptions {
  /** The VPC's number: decimal digits (or a non-negative integer). Required. */
  vpcNo: string | number;
}

/** Options of `getRouteTableList`. */
export interface GetRouteTableListOptions extends ConnectionOptions {
  /** Only these route tables. Sent as `routeTableNoList.1`, `.2`, … */
  routeTableNoList?: Array<string | number>;
  /** Only the route table of this name. */
  routeTableName?: string;
  /** Only tables for this subnet type. */
  supportedSubnetTypeCode?: 'PUBLIC' | 'PRIVATE';
  /** Page number, from 1; needs `pageSize`. */
  pageNo?: number | string;
  /** Page size. */
  pageSize?: number | string;
  /** Sort key; the API documents no values (`routeTableName` is the one its page shows). */
  sortedBy?: string;
  /** Sort order. */
  sortingOrder?: 'ASC' | 'DESC';
  /** Only the tables of this VPC. */
  vpcNo?: string | number;
}

/** Options of `getRouteTableDetail`. */
export interface GetRouteTableDetailOptions extends ConnectionOptions {
  /** The route table's number. Required. */
  routeTableNo: string | number;
}

/** Options of `getRouteList`: a table and the VPC it belongs to. */
export interface GetRouteListOptions extends GetRouteTableDetailOptions {
  /** The number of the VPC the table belongs to. Required. */
  vpcNo: string | number;
}

/** Where a route sends its traffic: a NAT gateway, a VPC peering, a virtual private gateway. */
export type RouteTargetTypeCode = 'NATGW' | 'VPCPEERING' | 'VGW';

/**
 * One route of `routeList` (`addRoute`, `removeRoute`), sent as `routeList.N.destinationCidrBlock`, … (N from 1).
 * A `VPCPEERING` route needs `targetNo`, the peering's number.
 */
export type RouteEntry = {
  /** Where the traffic goes: an IPv4 CIDR block written as its network address (`10.1.0.0/16`, `0.0.0.0/0`). Required. */
  destinationCidrBlock: string;
  /** The name of the target (a peering's `vpcPeeringName`). */
  targetName?: string;
} & (
  | {
      /** The target's type. Required. */
      targetTypeCode: 'VPCPEERING';
      /** The peering's number (`vpcPeeringInstanceNo`). Required for `VPCPEERING`. */
      targetNo: string | number;
    }
  | {
      /** The target's type. Required. */
      targetTypeCode: 'NATGW' | 'VGW';
      /** The target's number. */
      targetNo?: string | number;
    }
);

/** Options of `addRoute` and `removeRoute`, with keys allowed to change that VPC's tables. */
export interface RouteChangeOptions extends GetRouteListOptions {
  /** The routes to add or remove: at least one. An error names the route at fault: `routeList[0].destinationCidrBlock`. */
  routeList: RouteEntry[];
}

/** One VPC. An absent text field reads as `""`. */
export interface Vpc {
  vpcNo: string;
  vpcName: string;
  /** The VPC's address block, such as `10.0.0.0/16`: what a peering's routes point at. */
  ipv4CidrBlock: string;
  /** Its code is `RUN` for a usable VPC; `getVpcList`'s `vpcStatusCode` filters on it. */
  vpcStatus: CodeName;
  regionCode: string;
  /** As NCP writes it: `2020-08-07T17:53:06+0900`. */
  createDate: string;
}

/** One route table. An absent text field reads as `""`, an absent flag as `false`. */
export interface RouteTable {
  routeTableNo: string;
  routeTableName: string;
  regionCode: string;
  vpcNo: string;
  /** `PUBLIC` or `PRIVATE`: the subnets it may serve. */
  supportedSubnetType: CodeName;
  /** The VPC's default table of that subnet type. */
  isDefault: boolean;
  /** `RUN` once usable. */
  routeTableStatus: CodeName;
  routeTableDescription: string;
}

/** One route of a table. An absent text field reads as `""`, an absent flag as `false`. */
export interface Route {
  /** Where the traffic goes, such as `10.1.0.0/16`. */
  destinationCidrBlock: string;
  /** The target's name (a peering's name; `LOCAL` for the table's own route). */
  targetName: string;
  routeTableNo: string;
  /** `NATGW`, `VPCPEERING` or `VGW`; the local route's code is not documented (`LOCAL` in NCP's sample). */
  targetType: CodeName;
  /** The target's number (a peering's `vpcPeeringInstanceNo`); `""` for the local route. */
  targetNo: string;
  /** The table's own local route (its VPC's CIDR block), which cannot be removed. */
  isDefault: boolean;
}

/** What `getVpcList` and `getVpcDetail` resolve with. */
export interface VpcListResult extends ResultHeader {
  vpcList: Vpc[];
}

/** What `getRouteTableList` and `getRouteTableDetail` resolve with. */
export interface RouteTableListResult extends ResultHeader {
  routeTableList: RouteTable[];
}

/** What `getRouteList`, `addRoute` and `removeRoute` resolve with: the table's routes (after the change). */
export interface RouteListResult extends ResultHeader {
  routeList: Route[];
}

/** The exact signed request a call would send (`build…Request`). */
export interface SignedRequest {
  method: 'GET' | 'POST';
  /** Origin, path and the signed query, percent-encoded strictly. */
  url: string;
  /** `x-ncp-apigw-timestamp`, `x-ncp-iam-access-key`, `x-ncp-apigw-signature-v2`, and `content-type` for POST. */
  headers: Record<string, string>;
  /** The form body of a POST, `null` for GET. */
  body: string | null;
}

/** Stable error codes. */
export type NcloudVpcErrorCode =
  | 'ERR_INVALID_OPTION'
  | 'ERR_NCP_API'
  | 'ERR_HTTP'
  | 'ERR_BAD_RESPONSE'
  | 'ERR_NETWORK'
  | 'ERR_TIMEOUT'
  | 'ERR_ABORTED'
  | 'ERR_AWAITING_ACCEPTANCE'
  | 'ERR_NOT_FOUND'
  /** A method of a client after its `free()`, `free()` again included (the calls reject, the others throw). */
  | 'ERR_CLIENT_FREED'
  /** `connectVpcs`: a chosen route table already routes the other VPC's block through another target; nothing is overwritten. */
  | 'ERR_CONFLICT'
  /** `ncloud-vpc-wasm/init` only: an export was called before `init()` / `initSync()`. */
  | 'ERR_NOT_INITIALIZED'
  /** The WebAssembly module failed (trapped) during the call, which was abandoned; `cause` is the trap. A bug, or the
   *  runtime refused the module more memory. Other calls go on. */
  | 'ERR_INTERNAL';

/**
 * Every rejection and throw is a real `Error` with `name` `"NcloudVpcError"` and these properties. None holds the
 * secret key or a signature, in any encoding; each text the server sent is cut to 1,000 characters (code points),
 * marked `… [cut: N more characters]`, and a message quotes at most three such texts.
 */
export interface NcloudVpcError extends Error {
  name: 'NcloudVpcError';
  code: NcloudVpcErrorCode;
  /** Requests sent before giving up (0 when nothing was sent). */
  attempts: number;
  /** `ERR_INVALID_OPTION`: the option at fault. `ERR_BAD_RESPONSE` (or `ERR_HTTP`): the answer's field at fault, if any. */
  field?: string;
  /**
   * The HTTP status of the answer (`ERR_NCP_API`, `ERR_HTTP`, `ERR_BAD_RESPONSE`; `ERR_NETWORK` when the body broke off).
   * A refused redirect's 3xx; absent for a redirect in a browser, which hides its status.
   */
  status?: number;
  /** `ERR_NCP_API`: the gateway's `errorCode` or the service's `returnCode`. */
  returnCode?: string;
  /** `ERR_NCP_API`: the gateway's `message` or the service's `returnMessage`. */
  returnMessage?: string;
  /** `ERR_NCP_API` from the gateway: its `details`, verbatim. */
  details?: string;
  /** `ERR_NCP_API`: the answer's `requestId`, when present. */
  requestId?: string;
  /**
   * `ERR_HTTP`, `ERR_BAD_RESPONSE`: the first 200 code points of the body (its JS `length` may exceed 200) as `text()`
   * would decode them, followed by `… [cut: N more characters]` when the body is longer.
   */
  bodySnippet?: string;
  /** `ERR_AWAITING_ACCEPTANCE`: the peering as last seen. */
  instance?: VpcPeeringInstance;
  /** `connectVpcs` / `disconnectVpcs`: the steps taken before the failure (run again to continue from there). */
  steps?: ConnectionStep[];
  /** `ERR_NETWORK`: fetch's error; `ERR_ABORTED`: the signal's reason; `ERR_BAD_RESPONSE`: what a throwing getter of
   *  the Response threw; `ERR_INTERNAL`: the trap (a `WebAssembly.RuntimeError`). */
  cause?: unknown;
}

/** One problem found by `validateOptions`. */
export interface OptionProblem {
  field: string;
  message: string;
}

/** The names `validateOptions` knows. */
export type ActionName =
  | 'createVpcPeeringInstance'
  | 'getVpcPeeringInstanceList'
  | 'getVpcPeeringInstanceDetail'
  | 'acceptOrRejectVpcPeering'
  | 'deleteVpcPeeringInstance'
  | 'setVpcPeeringDescription'
  | 'getVpcList'
  | 'getVpcDetail'
  | 'getRouteTableList'
  | 'getRouteTableDetail'
  | 'getRouteList'
  | 'addRoute'
  | 'removeRoute'
  | 'waitForVpcPeeringInstance'
  | 'connectVpcs'
  | 'disconnectVpcs';

/** Creates a VPC peering: validates, signs, sends, parses. Never retried unless `retryMutations`. */
export function createVpcPeeringInstance(opts: CreateVpcPeeringInstanceOptions): Promise<VpcPeeringInstanceListResult>;
/** Lists peerings visible to the caller. */
export function getVpcPeeringInstanceList(opts: GetVpcPeeringInstanceListOptions): Promise<VpcPeeringInstanceListResult>;
/** One peering; an empty list means it is gone. */
export function getVpcPeeringInstanceDetail(opts: VpcPeeringInstanceOptions): Promise<VpcPeeringInstanceListResult>;
/** Accepts or rejects a cross-account request (with the receiving account's keys). */
export function acceptOrRejectVpcPeering(opts: AcceptOrRejectVpcPeeringOptions): Promise<VpcPeeringInstanceListResult>;
/** Deletes a peering (it goes TERMTING, then away). */
export function deleteVpcPeeringInstance(opts: VpcPeeringInstanceOptions): Promise<VpcPeeringInstanceListResult>;
/** Sets a peering's description. */
export function setVpcPeeringDescription(opts: SetVpcPeeringDescriptionOptions): Promise<VpcPeeringInstanceListResult>;
/** Lists the caller's VPCs (each with its CIDR block). */
export function getVpcList(opts: GetVpcListOptions): Promise<VpcListResult>;
/** One VPC; an empty list means the account has none of that number. */
export function getVpcDetail(opts: GetVpcDetailOptions): Promise<VpcListResult>;
/** Lists the caller's route tables: filters (a VPC's, say), paging, sorting. */
export function getRouteTableList(opts: GetRouteTableListOptions): Promise<RouteTableListResult>;
/** One route table; an empty list means the account has none of that number. */
export function getRouteTableDetail(opts: GetRouteTableDetailOptions): Promise<RouteTableListResult>;
/** The routes of one route table of a VPC. */
export function getRouteList(opts: GetRouteListOptions): Promise<RouteListResult>;
/** Adds routes to a route table; resolves with the table's routes. Never retried unless `retryMutations`. */
export function addRoute(opts: RouteChangeOptions): Promise<RouteListResult>;
/** Removes routes from a route table; resolves with the table's routes. Never retried unless `retryMutations`. */
export function removeRoute(opts: RouteChangeOptions): Promise<RouteListResult>;
/** Polls the detail call until `until`; resolves with the peering, or `null` for `"GONE"`. */
export function waitForVpcPeeringInstance(opts: WaitForVpcPeeringInstanceOptions & { until: 'GONE' }): Promise<null>;
export function waitForVpcPeeringInstance(opts: WaitForVpcPeeringInstanceOptions): Promise<VpcPeeringInstance>;

/** Dry run of `createVpcPeeringInstance`: the exact signed request; nothing is sent. Throws `ERR_INVALID_OPTION`. */
export function buildCreateVpcPeeringInstanceRequest(opts: CreateVpcPeeringInstanceOptions): SignedRequest;
/** Dry run of `getVpcPeeringInstanceList`. */
export function buildGetVpcPeeringInstanceListRequest(opts: GetVpcPeeringInstanceListOptions): SignedRequest;
/** Dry run of `getVpcPeeringInstanceDetail`. */
export function buildGetVpcPeeringInstanceDetailRequest(opts: VpcPeeringInstanceOptions): SignedRequest;
/** Dry run of `acceptOrRejectVpcPeering`. */
export function buildAcceptOrRejectVpcPeeringRequest(opts: AcceptOrRejectVpcPeeringOptions): SignedRequest;
/** Dry run of `deleteVpcPeeringInstance`. */
export function buildDeleteVpcPeeringInstanceRequest(opts: VpcPeeringInstanceOptions): SignedRequest;
/** Dry run of `setVpcPeeringDescription`. */
export function buildSetVpcPeeringDescriptionRequest(opts: SetVpcPeeringDescriptionOptions): SignedRequest;
/** Dry run of `getVpcList`. */
export function buildGetVpcListRequest(opts: GetVpcListOptions): SignedRequest;
/** Dry run of `getVpcDetail`. */
export function buildGetVpcDetailRequest(opts: GetVpcDetailOptions): SignedRequest;
/** Dry run of `getRouteTableList`. */
export function buildGetRouteTableListRequest(opts: GetRouteTableListOptions): SignedRequest;
/** Dry run of `getRouteTableDetail`. */
export function buildGetRouteTableDetailRequest(opts: GetRouteTableDetailOptions): SignedRequest;
/** Dry run of `getRouteList`. */
export function buildGetRouteListRequest(opts: GetRouteListOptions): SignedRequest;
/** Dry run of `addRoute`: each route sent as `routeList.N.destinationCidrBlock`, `.targetTypeCode`, `.targetNo`, `.targetName`. */
export function buildAddRouteRequest(opts: RouteChangeOptions): SignedRequest;
/** Dry run of `removeRoute`. */
export function buildRemoveRouteRequest(opts: RouteChangeOptions): SignedRequest;

/** Every problem with `opts` for `action`, each naming its field; `[]` when valid (for live form validation). */
export function validateOptions(action: ActionName, opts: object): OptionProblem[];

/** What `createClient` keeps for every call. */
export type ClientConfig = Pick<
  ConnectionOptions,
  | 'accessKey'
  | 'secretKey'
  | 'site'
  | 'endpoint'
  | 'regionCode'
  | 'fetch'
  | 'timeoutMs'
  | 'retries'
  | 'retryMutations'
  | 'method'
  | 'responseFormatType'
  | 'maxResponseBytes'
>;

/** A call's options with the client's configuration made optional. */
export type WithClient<T> = Omit<T, keyof ClientConfig> & Partial<ClientConfig>;

/** Every call, with configuration given once. Throws `ERR_INVALID_OPTION` at creation for a bad config. */
export function createClient(config: ClientConfig): Client;

/** A client made by `createClient`. Each method takes the call's own options over the client's. */
export interface Client {
  createVpcPeeringInstance(opts: WithClient<CreateVpcPeeringInstanceOptions>): Promise<VpcPeeringInstanceListResult>;
  getVpcPeeringInstanceList(opts?: WithClient<GetVpcPeeringInstanceListOptions>): Promise<VpcPeeringInstanceListResult>;
  getVpcPeeringInstanceDetail(opts: WithClient<VpcPeeringInstanceOptions>): Promise<VpcPeeringInstanceListResult>;
  acceptOrRejectVpcPeering(opts: WithClient<AcceptOrRejectVpcPeeringOptions>): Promise<VpcPeeringInstanceListResult>;
  deleteVpcPeeringInstance(opts: WithClient<VpcPeeringInstanceOptions>): Promise<VpcPeeringInstanceListResult>;
  setVpcPeeringDescription(opts: WithClient<SetVpcPeeringDescriptionOptions>): Promise<VpcPeeringInstanceListResult>;
  getVpcList(opts?: WithClient<GetVpcListOptions>): Promise<VpcListResult>;
  getVpcDetail(opts: WithClient<GetVpcDetailOptions>): Promise<VpcListResult>;
  getRouteTableList(opts?: WithClient<GetRouteTableListOptions>): Promise<RouteTableListResult>;
  getRouteTableDetail(opts: WithClient<GetRouteTableDetailOptions>): Promise<RouteTableListResult>;
  getRouteList(opts: WithClient<GetRouteListOptions>): Promise<RouteListResult>;
  addRoute(opts: WithClient<RouteChangeOptions>): Promise<RouteListResult>;
  removeRoute(opts: WithClient<RouteChangeOptions>): Promise<RouteListResult>;
  waitForVpcPeeringInstance(opts: WithClient<WaitForVpcPeeringInstanceOptions> & { until: 'GONE' }): Promise<null>;
  waitForVpcPeeringInstance(opts: WithClient<WaitForVpcPeeringInstanceOptions>): Promise<VpcPeeringInstance>;
  connectVpcs(opts: WithClient<ConnectVpcsOptions>): Promise<ConnectVpcsResult>;
  disconnectVpcs(opts: WithClient<DisconnectVpcsOptions>): Promise<DisconnectVpcsResult>;
  buildCreateVpcPeeringInstanceRequest(opts: WithClient<CreateVpcPeeringInstanceOptions>): SignedRequest;
  buildGetVpcPeeringInstanceListRequest(opts?: WithClient<GetVpcPeeringInstanceListOptions>): SignedRequest;
  buildGetVpcPeeringInstanceDetailRequest(opts: WithClient<VpcPeeringInstanceOptions>): SignedRequest;
  buildAcceptOrRejectVpcPeeringRequest(opts: WithClient<AcceptOrRejectVpcPeeringOptions>): SignedRequest;
  buildDeleteVpcPeeringInstanceRequest(opts: WithClient<VpcPeeringInstanceOptions>): SignedRequest;
  buildSetVpcPeeringDescriptionRequest(opts: WithClient<SetVpcPeeringDescriptionOptions>): SignedRequest;
  buildGetVpcListRequest(opts?: WithClient<GetVpcListOptions>): SignedRequest;
  buildGetVpcDetailRequest(opts: WithClient<GetVpcDetailOptions>): SignedRequest;
  buildGetRouteTableListRequest(opts?: WithClient<GetRouteTableListOptions>): SignedRequest;
  buildGetRouteTableDetailRequest(opts: WithClient<GetRouteTableDetailOptions>): SignedRequest;
  buildGetRouteListRequest(opts: WithClient<GetRouteListOptions>): SignedRequest;
  buildAddRouteRequest(opts: WithClient<RouteChangeOptions>): SignedRequest;
  buildRemoveRouteRequest(opts: WithClient<RouteChangeOptions>): SignedRequest;
  /** Forgets the client's configuration, its keys included; every later method fails with `ERR_CLIENT_FREED` (optional:
   *  a client no longer referenced is collected like any object). */
  free(): void;
}

// --- connectVpcs / disconnectVpcs: the whole connection -------------------------------------------------------------

/**
 * Options of `connectVpcs` and `disconnectVpcs`. `accessKey` / `secretKey` are the source VPC's account's; the
 * other account's keys, when the target VPC is another account's, are `targetAccessKey` / `targetSecretKey`.
 */
export interface ConnectVpcsOptions extends Omit<ConnectionOptions, 'timeoutMs' | 'timestamp'> {
  /** The VPC whose account holds `accessKey`. Required. */
  sourceVpcNo: string | number;
  /** The other VPC. Required; its CIDR block must not overlap the source's. */
  targetVpcNo: string | number;
  /** Base of both peerings' names, at most 26 characters: they are named `<base>-fwd` and `<base>-rev`. Default: NCP names them. */
  vpcPeeringName?: string;
  /** The target VPC's name, when it is another account's (with `targetVpcLoginId`). */
  targetVpcName?: string;
  /** The target VPC's account's login ID, when it is another account's (with `targetVpcName`). */
  targetVpcLoginId?: string;
  /**
   * The target account's access key (with `targetSecretKey`): used only for what that account alone may do (accept
   * the forward peering, request the reverse one, read and route its VPC's tables). Without them a cross-account
   * connection does the source account's part and leaves the rest `awaiting`; run it again from the other account.
   */
  targetAccessKey?: string;
  /** The target account's secret key. Never sent, never in a step or an error. */
  targetSecretKey?: string;
  /** The source VPC's route tables to route through. Default: every route table of the VPC. `disconnectVpcs` looks at every table whatever is chosen. */
  sourceRouteTableNoList?: Array<string | number>;
  /** The target VPC's route tables to route through. Default: every route table of the VPC. `disconnectVpcs` looks at every table whatever is chosen. */
  targetRouteTableNoList?: Array<string | number>;
  /** Read only, and return every change as a `planned` step with its signed request. Default false. */
  dryRun?: boolean;
  /** With `dryRun` only: the timestamp the planned requests are signed with. */
  timestamp?: number;
  /** Time budget of the whole connection, waits included, in ms. Default 3600000 (1 h); 0 means none. */
  timeoutMs?: number;
  /**
   * Time budget of each request of the connection (its retries included), in ms: one that never answers fails the
   * call with `ERR_TIMEOUT` (and `steps`) instead of holding it until `timeoutMs`. Default 30000; 0 means none.
   */
  requestTimeoutMs?: number;
  /** Delay before a wait's first poll, in ms. Default 2000; later delays grow by half up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Cap on the delay between polls, in ms. Default 15000. */
  maxPollIntervalMs?: number;
  /** Called with each step as it settles (skipped, planned, awaiting, or done), in order. If it throws, the call rejects with that error. */
  onStep?: (step: ConnectionStep) => void;
}

/** Options of `disconnectVpcs`: the same as `connectVpcs` (the names and route tables say where to look). */
export type DisconnectVpcsOptions = ConnectVpcsOptions;

/** One step of a connection. */
export interface ConnectionStep {
  /** The API action, or `waitForVpcPeeringInstance` for a wait. */
  action: ActionName;
  /** Whose keys it takes: the source VPC's account (`accessKey`) or the target's (`targetAccessKey`). */
  account: 'source' | 'target';
  /**
   * `done`: sent and succeeded. `skipped`: already so. `planned`: a dry run's. `awaiting`: only the other account can
   * do it (its keys were not given, or it must act first); run again from that account.
   */
  status: 'done' | 'skipped' | 'planned' | 'awaiting';
  /** The wire parameters (never a secret). A value not known yet (a peering still to be created) reads `<what it will be>`. */
  params: Record<string, string>;
  /** What it is about, in a few words: the peering and its status, the route, whose action is awaited. */
  note: string;
  /** A planned step's signed request, as the `build…Request` dry runs show it; absent when a value is not known yet. */
  request?: SignedRequest;
}

/** What `connectVpcs` resolves with. */
export interface ConnectVpcsResult {
  /** The peering from the source VPC to the target VPC, as last seen; `null` if there is none yet. */
  forward: VpcPeeringInstance | null;
  /** The peering from the target VPC back to the source VPC; `null` if there is none yet. */
  reverse: VpcPeeringInstance | null;
  /** The connection's routes (`VPCPEERING`, through either peering) in the chosen tables of both VPCs that could be read. */
  routes: Route[];
  /** Every step, in order. */
  steps: ConnectionStep[];
  /** False when a step awaits the other account. */
  complete: boolean;
}

/** What `disconnectVpcs` resolves with. */
export interface DisconnectVpcsResult {
  /** Every step, in order: the routes removed, the peerings deleted, the waits until they were gone. */
  steps: ConnectionStep[];
  /** False when a step awaits the other account. */
  complete: boolean;
}

/**
 * Connects two VPCs both ways: both peerings (requested, accepted across accounts), both `RUN`, and a `VPCPEERING`
 * route to the other VPC's block in every chosen route table of each. Checks before any change that the blocks do not
 * overlap (`ERR_INVALID_OPTION`, field `targetVpcNo`) and that no chosen table routes the other block elsewhere
 * (`ERR_CONFLICT`). Every step already done is skipped, so it can be run again; a failure midway rejects with `steps`.
 */
export function connectVpcs(opts: ConnectVpcsOptions): Promise<ConnectVpcsResult>;
/** Undoes `connectVpcs`: removes the connection's routes from both VPCs' tables, deletes both peerings, waits until they are gone. */
export function disconnectVpcs(opts: DisconnectVpcsOptions): Promise<DisconnectVpcsResult>;
