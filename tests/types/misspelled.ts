// Must NOT compile: `sourceVpcNO` is not an option (the option is `sourceVpcNo`). run.sh asserts tsc fails and names it.
import { createVpcPeeringInstance } from 'ncloud-vpc-wasm';

await createVpcPeeringInstance({
  accessKey: 'NCPDEMOALICE0000KEY1',
  secretKey: 'aliceDemoSecret0000000000000000000000001',
  sourceVpcNO: '10001',
  targetVpcNo: '10002',
});
