// Creates a VPC peering and prints it as JSON.
//   NCLOUD_ACCESS_KEY=… NCLOUD_SECRET_KEY=… node index.mjs <sourceVpcNo> <targetVpcNo> [vpcPeeringName]
// NCLOUD_API_GW, when set, is the gateway origin (a proxy, or the local emulator); unset means NCP's public gateway.
import { createVpcPeeringInstance } from 'ncloud-vpc-wasm';

const [sourceVpcNo, targetVpcNo, vpcPeeringName] = process.argv.slice(2);

try {
  const result = await createVpcPeeringInstance({
    accessKey: process.env.NCLOUD_ACCESS_KEY,
    secretKey: process.env.NCLOUD_SECRET_KEY,
    endpoint: process.env.NCLOUD_API_GW || undefined,
    sourceVpcNo,
    targetVpcNo,
    vpcPeeringName,
  });
  console.log(JSON.stringify(result.vpcPeeringInstanceList[0], null, 2));
} catch (error) {
  // error.code is stable: ERR_INVALID_OPTION (error.field), ERR_NCP_API (error.status, error.returnCode), ERR_NETWORK…
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
