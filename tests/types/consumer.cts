// A CommonJS TypeScript consumer (`require`, as a Node 20 CJS project compiles it): the types must resolve for
// `import … = require('ncloud-vpc-wasm')` too, and match what node.cjs exports at run time.
import vpc = require('ncloud-vpc-wasm');

export async function create(): Promise<vpc.VpcPeeringInstance | undefined> {
  try {
    const result: vpc.VpcPeeringInstanceListResult = await vpc.createVpcPeeringInstance({
      accessKey: 'NCPDEMOALICE0000KEY1',
      secretKey: 'aliceDemoSecret0000000000000000000000001',
      sourceVpcNo: '10001',
      targetVpcNo: '10002',
    });
    return result.vpcPeeringInstanceList[0];
  } catch (e) {
    const error = e as vpc.NcloudVpcError;
    if (error.code === 'ERR_INVALID_OPTION') console.error(error.field);
    throw error;
  }
}

export const client: vpc.Client = vpc.createClient({ accessKey: 'a', secretKey: 's' });

export async function routes(): Promise<vpc.Route[]> {
  const entry: vpc.RouteEntry = { destinationCidrBlock: '10.1.0.0/16', targetTypeCode: 'VPCPEERING', targetNo: '100001' };
  const options: vpc.RouteChangeOptions = { accessKey: 'a', secretKey: 's', vpcNo: 10001, routeTableNo: 30001, routeList: [entry] };
  const added: vpc.RouteListResult = await vpc.addRoute(options);
  const request: vpc.SignedRequest = vpc.buildRemoveRouteRequest(options);
  void request;
  return added.routeList;
}
