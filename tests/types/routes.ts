// A TypeScript consumer of the VPC, route table and route calls: every option of the seven, their results and item
// types, their dry runs and client methods. `tsc --noEmit --strict` must pass (run.sh); each `@ts-expect-error` below
// must stay an error, so a loosened type shows as an unused directive.
import {
  getVpcList,
  getVpcDetail,
  getRouteTableList,
  getRouteTableDetail,
  getRouteList,
  addRoute,
  removeRoute,
  buildGetVpcListRequest,
  buildGetVpcDetailRequest,
  buildGetRouteTableListRequest,
  buildGetRouteTableDetailRequest,
  buildGetRouteListRequest,
  buildAddRouteRequest,
  buildRemoveRouteRequest,
  validateOptions,
  createClient,
} from 'ncloud-vpc-wasm';
import type {
  ConnectionOptions,
  GetVpcListOptions,
  GetVpcDetailOptions,
  GetRouteTableListOptions,
  GetRouteTableDetailOptions,
  GetRouteListOptions,
  RouteChangeOptions,
  RouteEntry,
  RouteTargetTypeCode,
  VpcStatusCode,
  Vpc,
  RouteTable,
  Route,
  VpcListResult,
  RouteTableListResult,
  RouteListResult,
  ResultHeader,
  CodeName,
  SignedRequest,
  ActionName,
  Client,
} from 'ncloud-vpc-wasm';

const connection: ConnectionOptions = {
  accessKey: 'NCPDEMOALICE0000KEY1',
  secretKey: 'aliceDemoSecret0000000000000000000000001',
  endpoint: 'http://127.0.0.1:8787',
};

const vpcs: GetVpcListOptions = { ...connection, regionCode: 'KR', vpcStatusCode: 'RUN', vpcName: 'alice-web', vpcNoList: ['10001', 10002] };
const vpc: GetVpcDetailOptions = { ...connection, vpcNo: 10001 };
const tables: GetRouteTableListOptions = {
  ...connection,
  routeTableNoList: [30001, '30002'],
  routeTableName: 'alice-web-default-public-table',
  supportedSubnetTypeCode: 'PRIVATE',
  pageNo: 1,
  pageSize: '10',
  sortedBy: 'routeTableName',
  sortingOrder: 'ASC',
  vpcNo: '10001',
};
const table: GetRouteTableDetailOptions = { ...connection, routeTableNo: '30001' };
const routes: GetRouteListOptions = { ...table, vpcNo: 10001 };
const peeringRoute: RouteEntry = { destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: '100001', targetName: 'web-to-app' };
const natRoute: RouteEntry = { destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW' };
const gatewayRoute: RouteEntry = { destinationCidrBlock: '192.168.0.0/24', targetTypeCode: 'VGW', targetNo: 7 };
const change: RouteChangeOptions = { ...routes, routeList: [peeringRoute, natRoute, gatewayRoute] };
const targetTypes: RouteTargetTypeCode[] = ['NATGW', 'VPCPEERING', 'VGW'];
const vpcStatuses: VpcStatusCode[] = ['INIT', 'CREATING', 'RUN', 'TERMTING'];

function header(result: ResultHeader): string {
  const rows: number = result.totalRows;
  return `${result.requestId} ${result.returnCode} ${result.returnMessage} ${rows}`;
}

function readVpc(item: Vpc): string[] {
  const status: CodeName = item.vpcStatus;
  return [item.vpcNo, item.vpcName, item.ipv4CidrBlock, status.code, status.codeName, item.regionCode, item.createDate];
}

function readTable(item: RouteTable): Array<string | boolean> {
  const subnet: CodeName = item.supportedSubnetType;
  const status: CodeName = item.routeTableStatus;
  const isDefault: boolean = item.isDefault;
  return [item.routeTableNo, item.routeTableName, item.regionCode, item.vpcNo, subnet.code, isDefault, status.code, item.routeTableDescription];
}

function readRoute(item: Route): Array<string | boolean> {
  const target: CodeName = item.targetType;
  const isDefault: boolean = item.isDefault;
  return [item.destinationCidrBlock, item.targetName, item.routeTableNo, target.code, item.targetNo, isDefault];
}

async function calls(): Promise<void> {
  const listed: VpcListResult = await getVpcList(vpcs);
  const detail: VpcListResult = await getVpcDetail(vpc);
  const tableList: RouteTableListResult = await getRouteTableList(tables);
  const tableDetail: RouteTableListResult = await getRouteTableDetail(table);
  const routeList: RouteListResult = await getRouteList(routes);
  const added: RouteListResult = await addRoute(change);
  const removed: RouteListResult = await removeRoute(change);
  for (const result of [listed, detail, tableList, tableDetail, routeList, added, removed]) void header(result);
  void [listed.vpcList.map(readVpc), detail.vpcList.map(readVpc)];
  void [tableList.routeTableList.map(readTable), tableDetail.routeTableList.map(readTable)];
  void [routeList.routeList.map(readRoute), added.routeList.map(readRoute), removed.routeList.map(readRoute)];
}

function dryRuns(): SignedRequest[] {
  return [
    buildGetVpcListRequest(vpcs),
    buildGetVpcDetailRequest(vpc),
    buildGetRouteTableListRequest(tables),
    buildGetRouteTableDetailRequest(table),
    buildGetRouteListRequest(routes),
    buildAddRouteRequest(change),
    buildRemoveRouteRequest(change),
  ];
}

function validation(): void {
  const names: ActionName[] = ['getVpcList', 'getVpcDetail', 'getRouteTableList', 'getRouteTableDetail', 'getRouteList', 'addRoute', 'removeRoute'];
  for (const name of names) void validateOptions(name, change);
}

async function client(): Promise<void> {
  const c: Client = createClient(connection);
  const all: VpcListResult = await c.getVpcList();
  await c.getVpcDetail({ vpcNo: 10001 });
  const tableList: RouteTableListResult = await c.getRouteTableList();
  await c.getRouteTableList({ vpcNo: 10001, supportedSubnetTypeCode: 'PUBLIC' });
  await c.getRouteTableDetail({ routeTableNo: 30001 });
  await c.getRouteList({ vpcNo: 10001, routeTableNo: 30001 });
  const added: RouteListResult = await c.addRoute({ vpcNo: 10001, routeTableNo: 30001, routeList: [peeringRoute], method: 'POST' });
  await c.removeRoute({ vpcNo: 10001, routeTableNo: 30001, routeList: [peeringRoute], accessKey: 'other', secretKey: 'other' });
  c.buildGetVpcListRequest();
  c.buildGetVpcDetailRequest({ vpcNo: 1 });
  c.buildGetRouteTableListRequest();
  c.buildGetRouteTableDetailRequest({ routeTableNo: 1 });
  c.buildGetRouteListRequest({ vpcNo: 1, routeTableNo: 2 });
  c.buildAddRouteRequest({ vpcNo: 1, routeTableNo: 2, routeList: [natRoute], timestamp: 0 });
  c.buildRemoveRouteRequest({ vpcNo: 1, routeTableNo: 2, routeList: [natRoute] });
  c.free();
  void [all, tableList, added];
}

// Wrong options must be errors.
// @ts-expect-error a VPCPEERING route needs targetNo, the peering's number
const noTarget: RouteEntry = { destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING' };
// @ts-expect-error no such target type
const badType: RouteEntry = { destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'IGW', targetNo: 1 };
// @ts-expect-error destinationCidrBlock is required
const noDestination: RouteEntry = { targetTypeCode: 'NATGW' };
// @ts-expect-error a route has no such field (targetNO is a typo of targetNo)
const typo: RouteEntry = { destinationCidrBlock: '0.0.0.0/0', targetTypeCode: 'NATGW', targetNO: 1 };
// @ts-expect-error routeList is an array of routes, not one route
void addRoute({ ...routes, routeList: natRoute });
// @ts-expect-error routeList is required
void removeRoute({ ...routes });
// @ts-expect-error getRouteList needs the table's VPC
void getRouteList({ ...table });
// @ts-expect-error getVpcDetail needs vpcNo
void getVpcDetail({ ...connection });
// @ts-expect-error no such subnet type
void getRouteTableList({ ...connection, supportedSubnetTypeCode: 'BOTH' });
// @ts-expect-error no such VPC status
void getVpcList({ ...connection, vpcStatusCode: 'RUNNING' });
// @ts-expect-error vpcNoList is a list (sent as vpcNoList.N)
void getVpcList({ ...connection, vpcNoList: 10001 });
// @ts-expect-error a route list has no vpcList
void ((result: RouteListResult) => result.vpcList);

export { calls, dryRuns, validation, client, targetTypes, vpcStatuses, noTarget, badType, noDestination, typo };
