// One API surface (issue 13 #3): every entry's exports, the Client's methods, the declarations of index.d.ts and the
// forwarder's allowed actions are checked against the wasm's own table (`actions()`, src/api.rs), so that none can
// drift from it. The expected names are derived here, independently of the package's JS layer (pkg-template/api.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as main from 'ncloud-vpc-wasm';
import * as init from 'ncloud-vpc-wasm/init';
import { ACTIONS as FORWARDED } from '../../www/forward.js';

const require = createRequire(import.meta.url);
const cjs = require('ncloud-vpc-wasm');
const dir = path.dirname(require.resolve('ncloud-vpc-wasm'));
/** The glue of the instance the Node entries share (initialised by node.cjs): the wasm's generic exports. */
const glue = require(path.join(dir, 'ncloud_vpc_wasm.cjs'));
const table = glue.actions();

const dryRunOf = (name) => `build${name[0].toUpperCase()}${name.slice(1)}Request`;
const calls = table.map((row) => row.name);
const dryRuns = table.filter((row) => !row.plan).map((row) => dryRunOf(row.name));
const sorted = (names) => [...names].sort();
const EXPORTS = sorted([...calls, ...dryRuns, 'validateOptions', 'createClient', 'Client']);
const METHODS = sorted([...calls, ...dryRuns, 'free']);
const typesOf = (file) => readFileSync(path.join(dir, file), 'utf8');

test('the table: every action of src/action.rs and the wait, each with its read-only and plan flags', () => {
  assert.ok(table.length >= 7, JSON.stringify(table));
  for (const row of table) {
    assert.deepEqual(Object.keys(row), ['name', 'readOnly', 'plan']);
    assert.match(row.name, /^[a-z][A-Za-z]+$/);
  }
  assert.equal(new Set(calls).size, calls.length, 'no name twice');
  const flags = Object.fromEntries(table.map((row) => [row.name, [row.readOnly, row.plan]]));
  assert.deepEqual(flags.createVpcPeeringInstance, [false, false]);
  assert.deepEqual(flags.getVpcPeeringInstanceList, [true, false]);
  assert.deepEqual(flags.deleteVpcPeeringInstance, [false, false]);
  assert.deepEqual(flags.waitForVpcPeeringInstance, [true, true]);
});

test('every entry exports exactly the table\'s calls and dry runs, validateOptions, createClient and Client', async () => {
  assert.deepEqual(sorted(Object.keys(main)), EXPORTS, 'ESM (node.mjs)');
  assert.deepEqual(sorted(Object.keys(cjs)), EXPORTS, 'CommonJS (node.cjs)');
  assert.deepEqual(sorted(Object.keys(init)), sorted([...EXPORTS, 'init', 'initSync']), 'ncloud-vpc-wasm/init');
  // browser.mjs and workerd.mjs instantiate the wasm their own way (not in Node) and re-export esm.mjs, the module
  // init.mjs re-exports too.
  const esm = await import(pathToFileURL(path.join(dir, 'esm.mjs')).href);
  assert.deepEqual(sorted(Object.keys(esm).filter((name) => name !== 'default')), EXPORTS, 'esm.mjs');
  for (const entry of ['browser.mjs', 'workerd.mjs']) {
    const exportLines = typesOf(entry).split('\n').filter((line) => /^\s*export\b/.test(line));
    assert.deepEqual(exportLines, ["export * from './esm.mjs';"], entry);
  }
  for (const api of [main, cjs]) {
    for (const name of [...calls, ...dryRuns, 'validateOptions', 'createClient']) assert.equal(api[name].name, name);
  }
  assert.equal(main.createVpcPeeringInstance, cjs.createVpcPeeringInstance, 'import and require share one instance');
});

test('a client\'s methods are the table\'s calls and dry runs, and free', () => {
  for (const api of [main, init]) {
    const names = Object.getOwnPropertyNames(api.Client.prototype).filter((name) => name !== 'constructor');
    assert.deepEqual(sorted(names), METHODS);
    for (const name of names) assert.equal(Object.getOwnPropertyDescriptor(api.Client.prototype, name).enumerable, false, name);
  }
  const client = main.createClient({ accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000' });
  assert.ok(client instanceof main.Client);
  assert.deepEqual(Object.keys(client), [], 'the configuration is out of sight');
  const dry = client.buildCreateVpcPeeringInstanceRequest({ sourceVpcNo: 1, targetVpcNo: 2, timestamp: 1 });
  assert.deepEqual(dry, main.buildCreateVpcPeeringInstanceRequest({
    accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000', sourceVpcNo: 1, targetVpcNo: 2, timestamp: 1,
  }));
  // A method called on anything but a live client fails like one on a freed client.
  const detached = client.buildCreateVpcPeeringInstanceRequest;
  assert.throws(() => detached({ sourceVpcNo: 1, targetVpcNo: 2 }), (e) => e.code === 'ERR_CLIENT_FREED' && e.name === 'NcloudVpcError');
  assert.throws(() => new main.Client().free(), (e) => e.code === 'ERR_CLIENT_FREED' && e.attempts === 0);
  client.free();
});

test('index.d.ts declares exactly those functions, dry runs, Client methods and action names', () => {
  const types = typesOf('index.d.ts');
  const functions = new Set([...types.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]));
  assert.deepEqual(sorted(functions), EXPORTS.filter((name) => name !== 'Client'));
  assert.match(types, /^export interface Client \{/m);
  const client = types.slice(types.search(/^export interface Client \{/m)).split(/^\}/m)[0];
  const methods = new Set([...client.matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]));
  assert.deepEqual(sorted(methods), METHODS);
  const actionName = types.match(/^export type ActionName =([^;]*);/m)[1];
  assert.deepEqual(sorted([...actionName.matchAll(/'(\w+)'/g)].map((m) => m[1])), sorted(calls));
  assert.equal(typesOf('index.d.cts'), types);
  const initTypes = typesOf('init.d.ts');
  assert.match(initTypes, /^export \* from '\.\/index\.js';$/m);
  assert.deepEqual(sorted([...initTypes.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1])), ['init', 'initSync']);
});

test('the forwarder (www/forward.js) passes on exactly the table\'s actions, and no plan', () => {
  assert.deepEqual(sorted(FORWARDED), sorted(table.filter((row) => !row.plan).map((row) => row.name)));
});

test('the generic exports refuse a name that is not in the table, as ERR_INVALID_OPTION naming the action', async () => {
  const options = { accessKey: 'AKIDEXAMPLE0000000', secretKey: 'SECRETEXAMPLE000000000000000000000000000' };
  for (const name of ['', 'createVpc', 'buildCreateVpcPeeringInstanceRequest', 'constructor', 'toString']) {
    const rejected = await glue.call(name, options).then(() => assert.fail(name), (e) => e);
    assert.equal(rejected.code, 'ERR_INVALID_OPTION', name);
    assert.equal(rejected.field, 'action');
    assert.throws(() => glue.buildRequest(name, options), (e) => e.code === 'ERR_INVALID_OPTION' && e.field === 'action');
  }
  // A plan has no single request to show.
  assert.throws(() => glue.buildRequest('waitForVpcPeeringInstance', { ...options, vpcPeeringInstanceNo: 1 }), (e) => e.field === 'action');
});
