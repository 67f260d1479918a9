/**
 * The world the service runs in, built once from the seed: accounts with their keys, their VPCs, each VPC's two
 * default route tables, and the IPv4 CIDR arithmetic the rules need. Nothing here changes while the emulator runs
 * (the routes in the tables do: services/route-table.js).
 *
 * @module emulator/world
 */

/** Region codes the emulator knows (KR is the default). */
export const REGIONS = Object.freeze(['KR', 'SGN', 'JPN', 'USWN', 'DEN', 'FKR']);

/**
 * The first route table number. Each VPC, in seed order, gets two default tables, PUBLIC then PRIVATE: the n-th VPC
 * (from 0) has tables FIRST_ROUTE_TABLE_NO + 2n and + 2n + 1, the same numbers on every start and after a reset.
 */
export const FIRST_ROUTE_TABLE_NO = 30001;

/** The subnet types a route table supports (fact: the RouteTable data type and getRouteTableList). */
export const SUBNET_TYPES = Object.freeze(['PUBLIC', 'PRIVATE']);

/**
 * Validates a seed (see seed.js) and indexes it. Every VPC is created at `now` (it shows as `createDate`) and gets its
 * default route tables.
 *
 * @returns {{ accounts: object[], byAccessKey: Map, byLoginId: Map, seedAccounts: object[], routeTables: object[] }}
 * @throws {TypeError} naming the first bad field
 */
export function buildWorld(seed, now = Date.now()) {
  if (!seed || typeof seed !== 'object' || !Array.isArray(seed.accounts) || seed.accounts.length === 0) {
    throw new TypeError('seed.accounts must be a non-empty array');
  }
  const accounts = [];
  const byAccessKey = new Map();
  const byLoginId = new Map();
  const vpcNos = new Set();
  const routeTables = [];
  seed.accounts.forEach((a, i) => {
    const where = `seed.accounts[${i}]`;
    for (const k of ['loginId', 'accessKey', 'secretKey']) {
      if (typeof a?.[k] !== 'string' || !a[k]) throw new TypeError(`${where}.${k} must be a non-empty string`);
    }
    if (byAccessKey.has(a.accessKey)) throw new TypeError(`${where}.accessKey is not unique`);
    if (byLoginId.has(a.loginId)) throw new TypeError(`${where}.loginId is not unique`);
    if (!Array.isArray(a.vpcs)) throw new TypeError(`${where}.vpcs must be an array`);
    const account = { name: typeof a.name === 'string' && a.name ? a.name : a.loginId, loginId: a.loginId, accessKey: a.accessKey, secretKey: a.secretKey, vpcs: [] };
    a.vpcs.forEach((v, j) => {
      const vw = `${where}.vpcs[${j}]`;
      if (typeof v?.vpcNo !== 'string' || !/^\d+$/.test(v.vpcNo)) throw new TypeError(`${vw}.vpcNo must be a numeric string`);
      if (vpcNos.has(v.vpcNo)) throw new TypeError(`${vw}.vpcNo ${v.vpcNo} is not unique`);
      if (typeof v.vpcName !== 'string' || !v.vpcName) throw new TypeError(`${vw}.vpcName must be a non-empty string`);
      if (!parseCidr(v.ipv4CidrBlock)) throw new TypeError(`${vw}.ipv4CidrBlock must be an IPv4 CIDR block`);
      const regionCode = v.regionCode ?? 'KR';
      if (!REGIONS.includes(regionCode)) throw new TypeError(`${vw}.regionCode must be one of ${REGIONS.join(', ')}`);
      vpcNos.add(v.vpcNo);
      const vpc = { vpcNo: v.vpcNo, vpcName: v.vpcName, ipv4CidrBlock: v.ipv4CidrBlock, regionCode, account, createdAt: now, routeTables: [] };
      for (const subnetType of SUBNET_TYPES) {
        const table = {
          no: String(FIRST_ROUTE_TABLE_NO + routeTables.length),
          // NCP names a VPC's default tables itself; these names and descriptions are the emulator's inventions.
          name: `${v.vpcName}-default-${subnetType.toLowerCase()}-table`,
          description: `default ${subnetType} route table of ${v.vpcName}`,
          subnetType,
          isDefault: true,
          vpc,
        };
        vpc.routeTables.push(table);
        routeTables.push(table);
      }
      account.vpcs.push(vpc);
    });
    accounts.push(account);
    byAccessKey.set(account.accessKey, account);
    byLoginId.set(account.loginId, account);
  });
  const seedAccounts = accounts.map((a) => ({
    name: a.name,
    loginId: a.loginId,
    accessKey: a.accessKey,
    secretKey: a.secretKey,
    vpcs: a.vpcs.map(({ vpcNo, vpcName, ipv4CidrBlock, regionCode }) => ({ vpcNo, vpcName, ipv4CidrBlock, regionCode })),
  }));
  return { accounts, byAccessKey, byLoginId, seedAccounts, routeTables };
}

/** An account as the control API shows it: no secret key. */
export function publicAccount(a) {
  return {
    name: a.name,
    loginId: a.loginId,
    accessKey: a.accessKey,
    vpcs: a.vpcs.map(({ vpcNo, vpcName, ipv4CidrBlock, regionCode }) => ({ vpcNo, vpcName, ipv4CidrBlock, regionCode })),
  };
}

/** The account's VPC with that number in that region, or null. */
export function findVpc(account, vpcNo, regionCode) {
  return account.vpcs.find((v) => v.vpcNo === vpcNo && v.regionCode === regionCode) ?? null;
}

/** Parses `a.b.c.d/n` into an inclusive [start, end] range of 32-bit addresses, or null. */
export function parseCidr(text) {
  if (typeof text !== 'string') return null;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return null;
  const addr = ((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256 + octets[3];
  const size = 2 ** (32 - bits);
  const start = Math.floor(addr / size) * size;
  return { start, end: start + size - 1 };
}

/**
 * True when `text` is an IPv4 CIDR block written as its network address: no host bits set, no leading zeros
 * (`10.0.0.0/16`, not `10.0.5.0/16` or `010.0.0.0/16`).
 */
export function isNetworkCidr(text) {
  const range = parseCidr(text);
  if (!range) return false;
  const bits = 32 - Math.log2(range.end - range.start + 1);
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(range.start / 2 ** shift) % 256);
  return text === `${octets.join('.')}/${bits}`;
}

/** True when every address of the IPv4 CIDR block `inner` is in the block `outer`. */
export function cidrContains(outer, inner) {
  const x = parseCidr(outer);
  const y = parseCidr(inner);
  if (!x || !y) return false;
  return x.start <= y.start && y.end <= x.end;
}

/** True when two IPv4 CIDR blocks share at least one address. */
export function cidrsOverlap(a, b) {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y) return false;
  return x.start <= y.end && y.start <= x.end;
}

/** Freezes an object and everything under it. */
export function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
