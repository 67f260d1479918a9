// Opt-in check against the REAL NCP gateway (never run by `make test`): signs and sends one read-only call,
// getVpcPeeringInstanceList, in XML and in JSON, with keys from the environment, and prints what came back.
//   NCLOUD_ACCESS_KEY=… NCLOUD_SECRET_KEY=… [NCLOUD_API_GW=…] [NCLOUD_REGION=KR] make live-check
// It creates nothing. A 401 here means the keys, or this machine's clock (the gateway allows 5 minutes).
import { getVpcPeeringInstanceList } from '../pkg/node.mjs';

const { NCLOUD_ACCESS_KEY: accessKey, NCLOUD_SECRET_KEY: secretKey, NCLOUD_API_GW: endpoint, NCLOUD_REGION } = process.env;
if (!accessKey || !secretKey) {
  console.error('live-check: set NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY (and optionally NCLOUD_API_GW, NCLOUD_REGION)');
  process.exit(2);
}
let failed = false;
for (const responseFormatType of ['xml', 'json']) {
  try {
    const result = await getVpcPeeringInstanceList({
      accessKey, secretKey, endpoint: endpoint || undefined, regionCode: NCLOUD_REGION || undefined, responseFormatType,
    });
    console.log(`${responseFormatType}: returnCode ${result.returnCode}, ${result.totalRows} peering(s), requestId ${result.requestId}`);
    for (const p of result.vpcPeeringInstanceList) {
      console.log(`  ${p.vpcPeeringInstanceNo} ${p.vpcPeeringName} ${p.vpcPeeringInstanceStatus.code} ${p.sourceVpcName} → ${p.targetVpcName}`);
    }
  } catch (error) {
    failed = true;
    const { code, status, returnCode, returnMessage, details, requestId } = error;
    console.error(`${responseFormatType}: ${error.message}`);
    console.error(JSON.stringify({ code, status, returnCode, returnMessage, details, requestId }));
  }
}
process.exit(failed ? 1 : 0);
