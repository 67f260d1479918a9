/**
 * The built-in seed of the NCP VPC emulator: two accounts, each with its own API keys and four VPCs in region KR.
 * The keys are demo values, valid only against this emulator. Each VPC gets two default route tables (PUBLIC, then
 * PRIVATE; numbered from 30001 in seed order: world.js).
 *
 * CIDR overlaps are deliberate, so that the "CIDR blocks must not overlap" rule can be exercised:
 *   alice-web  10.0.0.0/16   overlaps alice-legacy (same account) and bob-db (cross-account)
 *   alice-legacy 10.0.128.0/20 overlaps alice-web and bob-db
 *   bob-db     10.0.0.0/16   overlaps alice-web and alice-legacy
 * Every other pair is disjoint, e.g. alice-web + alice-app (same account), alice-app + bob-db and
 * alice-web + bob-api (cross-account). alice-data (10.2.0.0/16) and bob-data (10.3.0.0/16) overlap nothing: they
 * connect to every VPC of either account, each other included, in both directions.
 *
 * Shape (also the shape of a `--data seed.json` file for the CLI):
 *   { accounts: [{ name, loginId, accessKey, secretKey, vpcs: [{ vpcNo, vpcName, ipv4CidrBlock, regionCode }] }] }
 */
export const seed = deepFreeze({
  accounts: [
    {
      name: 'alice',
      loginId: 'alice@example.com',
      accessKey: 'NCPDEMOALICE0000KEY1',
      secretKey: 'aliceDemoSecret0000000000000000000000001',
      vpcs: [
        { vpcNo: '10001', vpcName: 'alice-web', ipv4CidrBlock: '10.0.0.0/16', regionCode: 'KR' },
        { vpcNo: '10002', vpcName: 'alice-app', ipv4CidrBlock: '10.1.0.0/16', regionCode: 'KR' },
        { vpcNo: '10003', vpcName: 'alice-legacy', ipv4CidrBlock: '10.0.128.0/20', regionCode: 'KR' },
        { vpcNo: '10004', vpcName: 'alice-data', ipv4CidrBlock: '10.2.0.0/16', regionCode: 'KR' },
      ],
    },
    {
      name: 'bob',
      loginId: 'bob@example.com',
      accessKey: 'NCPDEMOBOB000000KEY2',
      secretKey: 'bobDemoSecret000000000000000000000000002',
      vpcs: [
        { vpcNo: '20001', vpcName: 'bob-db', ipv4CidrBlock: '10.0.0.0/16', regionCode: 'KR' },
        { vpcNo: '20002', vpcName: 'bob-api', ipv4CidrBlock: '172.16.0.0/16', regionCode: 'KR' },
        { vpcNo: '20003', vpcName: 'bob-batch', ipv4CidrBlock: '192.168.10.0/24', regionCode: 'KR' },
        { vpcNo: '20004', vpcName: 'bob-data', ipv4CidrBlock: '10.3.0.0/16', regionCode: 'KR' },
      ],
    },
  ],
});

/** The default seed (same object as `seed`). */
export default seed;

function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
