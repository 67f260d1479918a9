#!/usr/bin/env node
/**
 * Runs the NCP VPC emulator from a shell:
 *   node emulator/cli.js [--port 8787] [--host 127.0.0.1] [--data seed.json] [--run-delay-ms N]
 *                        [--delete-delay-ms N] [--quiet]
 * Prints the URL, the seed accounts (keys included: they are demo values) and their VPCs with their default route
 * tables, logs each request, and stops
 * cleanly on SIGINT / SIGTERM.
 */
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startEmulator, cidrsOverlap } from './server.js';
import { buildWorld } from './world.js';
import { seed as builtinSeed } from './seed.js';

const USAGE = `usage: node emulator/cli.js [options]
  --port N              TCP port (default 8787; 0 picks a free one)
  --host H              interface to bind (default 127.0.0.1)
  --data FILE           seed JSON: {"accounts":[{name, loginId, accessKey, secretKey, vpcs:[{vpcNo, vpcName, ipv4CidrBlock, regionCode}]}]}
  --run-delay-ms N      INIT -> RUN delay (default 1500)
  --delete-delay-ms N   TERMTING -> gone delay (default 1500)
  --quiet               do not log requests
  --help                this text`;

function fail(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function intOption(values, name, fallback) {
  if (values[name] === undefined) return fallback;
  if (!/^\d+$/.test(values[name])) fail(`--${name} must be a non-negative integer`);
  return Number(values[name]);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

/**
 * The seed as two text tables: accounts with their keys, and VPCs with their default route tables (as the emulator
 * numbers them) and the CIDR blocks each one overlaps.
 */
export function seedTables(seed) {
  const accounts = [['account', 'loginId', 'accessKey', 'secretKey']];
  for (const a of seed.accounts) accounts.push([a.name ?? '', a.loginId, a.accessKey, a.secretKey]);
  const tablesOf = new Map();
  for (const t of buildWorld(seed).routeTables) tablesOf.set(t.vpc.vpcNo, [...(tablesOf.get(t.vpc.vpcNo) ?? []), t.no]);
  const vpcs = [['account', 'vpcNo', 'vpcName', 'ipv4CidrBlock', 'region', 'route tables (public, private)', 'overlaps']];
  const all = seed.accounts.flatMap((a) => a.vpcs.map((v) => ({ ...v, account: a.name ?? a.loginId })));
  for (const v of all) {
    const overlaps = all.filter((o) => o !== v && cidrsOverlap(v.ipv4CidrBlock, o.ipv4CidrBlock)).map((o) => o.vpcName);
    vpcs.push([v.account, v.vpcNo, v.vpcName, v.ipv4CidrBlock, v.regionCode ?? 'KR', tablesOf.get(v.vpcNo).join(', '), overlaps.join(', ') || '-']);
  }
  return { accounts: table(accounts), vpcs: table(vpcs) };
}

/** The text printed at start-up: URL, accounts with their keys, VPCs and which CIDR blocks overlap. */
export function describe(url, seed) {
  const tables = seedTables(seed);
  const lines = [`NCP VPC emulator listening on ${url}`, `  API:     ${url}/vpc/v2/<action>`, `  control: ${url}/__emulator/{state,requests,faults,reset}`, ''];
  lines.push(tables.accounts, '', tables.vpcs, '');
  return lines.join('\n');
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'run-delay-ms': { type: 'string' },
        'delete-delay-ms': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    fail(e.message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let seed = builtinSeed;
  if (values.data) {
    try {
      seed = JSON.parse(readFileSync(values.data, 'utf8'));
    } catch (e) {
      fail(`cannot read --data ${values.data}: ${e.message}`);
    }
  }
  let emulator;
  try {
    emulator = await startEmulator({
      port: intOption(values, 'port', 8787),
      host: values.host ?? '127.0.0.1',
      seed,
      runDelayMs: intOption(values, 'run-delay-ms', 1500),
      deleteDelayMs: intOption(values, 'delete-delay-ms', 1500),
      log: values.quiet ? null : (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
    });
  } catch (e) {
    process.stderr.write(`cannot start the emulator: ${e.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${describe(emulator.url, seed)}\nPress Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping\n`);
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Run only as a program, so that `describe()` can be imported without starting a server.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
