// The same as index.mjs, from CommonJS: `require('ncloud-vpc-wasm')` gives the same API, ready at once.
//   NCLOUD_ACCESS_KEY=… NCLOUD_SECRET_KEY=… node index.cjs <sourceVpcNo> <targetVpcNo> [vpcPeeringName]
'use strict';
const { createVpcPeeringInstance } = require('ncloud-vpc-wasm');

const [sourceVpcNo, targetVpcNo, vpcPeeringName] = process.argv.slice(2);

createVpcPeeringInstance({
  accessKey: process.env.NCLOUD_ACCESS_KEY,
  secretKey: process.env.NCLOUD_SECRET_KEY,
  endpoint: process.env.NCLOUD_API_GW || undefined,
  sourceVpcNo,
  targetVpcNo,
  vpcPeeringName,
}).then(
  (result) => console.log(JSON.stringify(result.vpcPeeringInstanceList[0], null, 2)),
  (error) => {
    console.error(`${error.code}: ${error.message}`);
    process.exitCode = 1;
  },
);
