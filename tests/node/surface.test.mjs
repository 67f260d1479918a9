// One API surface (issue 13 #3): every entry's exports, the Client's methods, the declarations of index.d.ts and the
// forwarder's allowed actions are checked against the wasm's own table (`actions()`, src/api.rs), so that none can
// drift from it. The expected names are derived here, independently of the package's JS layer (pkg-template/api.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as main from 'ncloud-vpc-wasm';
import * as init from 'ncloud-vpc-wasm/init';
import { ACTIONS as FORWARDED } from '../../www/forward.js';
import ts from 'typescript';
import { emulator, keys, alice as aliceAccount, bob as bobAccount } from './_setup.mjs';

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

test('the table: every action of src/action.rs and the wait, each with its read-only and plan flags and its params', () => {
  assert.ok(table.length >= 14, JSON.stringify(table));
  for (const row of table) {
    const lists = row.params.filter((param) => param === 'routeList');
    assert.deepEqual(Object.keys(row), lists.length > 0 ? ['name', 'readOnly', 'plan', 'params', 'objects'] : ['name', 'readOnly', 'plan', 'params']);
    if (lists.length > 0) assert.deepEqual(row.objects, { routeList: ['destinationCidrBlock', 'targetTypeCode', 'targetNo', 'targetName'] }, row.name);
    assert.match(row.name, /^[a-z][A-Za-z]+$/);
    assert.equal(row.params[0], 'regionCode', `${row.name}: regionCode is sent first`);
    for (const param of row.params) assert.match(param, /^[a-z][A-Za-z]+$/, row.name);
    assert.equal(new Set(row.params).size, row.params.length, `${row.name}: no param twice`);
  }
  assert.equal(new Set(calls).size, calls.length, 'no name twice');
  const flags = Object.fromEntries(table.map((row) => [row.name, [row.readOnly, row.plan]]));
  assert.deepEqual(flags.createVpcPeeringInstance, [false, false]);
  assert.deepEqual(flags.getVpcPeeringInstanceList, [true, false]);
  assert.deepEqual(flags.deleteVpcPeeringInstance, [false, false]);
  assert.deepEqual(flags.waitForVpcPeeringInstance, [true, true]);
  for (const read of ['getVpcList', 'getVpcDetail', 'getRouteTableList', 'getRouteTableDetail', 'getRouteList']) {
    assert.deepEqual(flags[read], [true, false], read);
  }
  assert.deepEqual(flags.addRoute, [false, false]);
  assert.deepEqual(flags.removeRoute, [false, false]);
  const params = Object.fromEntries(table.map((row) => [row.name, row.params]));
  assert.deepEqual(params.addRoute, ['regionCode', 'vpcNo', 'routeTableNo', 'routeList']);
  assert.deepEqual(params.getRouteList, ['regionCode', 'routeTableNo', 'vpcNo']);
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

// ---- index.d.ts against the table, read by the TypeScript compiler (its checker resolves `extends` chains, `Omit`,
// `Pick`, intersections and unions as a user's tsc would). The validator (`validateOptions`, which refuses an unknown
// option and names a missing required one) is the oracle for what the table's rows do not list: the connection
// options, a plan's own options, the fields of a list's objects.

const INDEX_D_TS = path.join(dir, 'index.d.ts');

/** `file` (a copy of index.d.ts) as the checker sees it: each export by name, and helpers to read its types. */
function readDeclarations(file = INDEX_D_TS) {
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(diagnostics, [], `${file} compiles on its own`);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exported = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(source)).map((s) => [s.name, s]));
  const typeOf = (symbol) => checker.getTypeOfSymbolAtLocation(symbol, source);
  const solid = (type) => checker.getNonNullableType(type);
  const props = (type) => checker.getPropertiesOfType(solid(type));
  const callable = (type) => (type === undefined ? [] : type.getCallSignatures());
  const client = exported.has('Client') ? checker.getDeclaredTypeOfSymbol(exported.get('Client')) : undefined;
  return {
    checker, props, typeOf, solid,
    names: (type) => props(type).map((p) => p.name).sort(),
    /** The declared type of an exported interface or type alias, or undefined. */
    declared: (name) => (exported.has(name) ? checker.getDeclaredTypeOfSymbol(exported.get(name)) : undefined),
    /** The signatures of the exported function of this name ([] if there is none). */
    fn: (name) => callable(exported.has(name) ? typeOf(exported.get(name)) : undefined),
    /** The signatures of the Client method of this name ([] if there is none). */
    method: (name) => {
      const symbol = client && checker.getPropertyOfType(client, name);
      return callable(symbol ? typeOf(symbol) : undefined);
    },
    /** The type of a signature's options (its first parameter). */
    options: (signature) => typeOf(signature.getParameters()[0]),
    /** What a signature resolves with. */
    result: (signature) => checker.getAwaitedType(signature.getReturnType()),
    /** Whether a property may be left out (`?`; for a union, in some member). */
    optional: (symbol) => (symbol.flags & ts.SymbolFlags.Optional) !== 0,
    docOf: (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
    /** The element type of an array type, or undefined. */
    elementOf: (type) => (checker.isArrayType(solid(type)) ? checker.getIndexTypeOfType(solid(type), ts.IndexKind.Number) : undefined),
  };
}

/** Whether every member of `type` is an object (a route), not a string or number (an instance number). */
function isObjectLike(type) {
  if (type.isUnion()) return type.types.every(isObjectLike);
  return (type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0;
}

/** The fields `validateOptions(action, options)` calls unknown options, and those it says are required. */
function judged(action, options) {
  const problems = main.validateOptions(action, options);
  return {
    unknown: problems.filter((p) => p.message.startsWith('unknown option')).map((p) => p.field),
    required: problems.filter((p) => p.message === `${p.field} is required`).map((p) => p.field),
  };
}

const listed = (names) => (names.length === 0 ? 'none' : names.join(', '));
const missingFrom = (have, want) => want.filter((name) => !have.includes(name));

/**
 * Everything in which the declarations `d` drift from the table and the validator, one sentence each ([] when none):
 * for every name of `actions()`, the options its function, its dry run and both Client methods take declare exactly
 * the row's params plus ConnectionOptions (a plan: at least its params; its other options known to the validator,
 * the connection options it leaves out refused by it); each param is required in the types exactly when the
 * validator requires it, and documented; each list of objects (routeList) declares exactly the fields the validator
 * knows, the required ones required, each documented.
 */
function optionDrift(d) {
  const drift = [];
  const connectionType = d.declared('ConnectionOptions');
  if (connectionType === undefined) return ['ConnectionOptions is not exported'];
  const connection = d.names(connectionType);
  const connectionRequired = d.props(connectionType).filter((p) => !d.optional(p)).map((p) => p.name).sort();
  if (listed(connectionRequired) !== 'accessKey, secretKey') drift.push(`ConnectionOptions requires ${listed(connectionRequired)}`);
  for (const row of table) {
    const validatorUnknown = judged(row.name, Object.fromEntries(connection.map((key) => [key, undefined]))).unknown;
    if (validatorUnknown.length > 0) drift.push(`${row.name}: the validator does not know ConnectionOptions' ${listed(validatorUnknown)}`);
    const callables = [['function', d.fn(row.name)], ['Client method', d.method(row.name)]];
    if (!row.plan) callables.push(['dry run', d.fn(dryRunOf(row.name))], ['Client dry run', d.method(dryRunOf(row.name))]);
    for (const [what, signatures] of callables) {
      if (signatures.length === 0) drift.push(`${row.name}: no ${what} declared`);
      for (const signature of signatures) {
        const declared = d.names(d.options(signature));
        const own = missingFrom(connection, declared);
        if (!row.plan) {
          const missing = missingFrom(declared, row.params);
          const extra = missingFrom(row.params, own);
          if (missing.length > 0) drift.push(`${row.name} (${what}): the table's ${listed(missing)} not declared`);
          if (extra.length > 0) drift.push(`${row.name} (${what}): declares ${listed(extra)}, not in the table`);
          const leftOut = missingFrom(declared, connection);
          if (leftOut.length > 0) drift.push(`${row.name} (${what}): connection options ${listed(leftOut)} not declared`);
          continue;
        }
        const missing = missingFrom(declared, row.params);
        if (missing.length > 0) drift.push(`${row.name} (${what}): the table's ${listed(missing)} not declared`);
        const unknown = judged(row.name, Object.fromEntries(own.map((key) => [key, undefined]))).unknown;
        if (unknown.length > 0) drift.push(`${row.name} (${what}): declares ${listed(unknown)}, unknown to the validator`);
        for (const key of missingFrom(declared, connection)) {
          if (!main.validateOptions(row.name, { [key]: 1 }).some((p) => p.field === key)) {
            drift.push(`${row.name} (${what}): leaves out ${key}, which the validator accepts`);
          }
        }
      }
    }
    const [signature] = d.fn(row.name);
    if (signature === undefined || row.plan) continue;
    const type = d.options(signature);
    const required = judged(row.name, {}).required.filter((field) => row.params.includes(field)).sort();
    const params = d.props(type).filter((p) => row.params.includes(p.name));
    const declaredRequired = params.filter((p) => !d.optional(p)).map((p) => p.name).sort();
    if (listed(declaredRequired) !== listed(required)) {
      drift.push(`${row.name}: the types require ${listed(declaredRequired)}, the validator ${listed(required)}`);
    }
    for (const symbol of d.props(type)) if (d.docOf(symbol) === '') drift.push(`${row.name}: ${symbol.name} has no doc comment`);
    for (const param of params) {
      const element = d.elementOf(d.typeOf(param));
      if (element === undefined || !isObjectLike(d.solid(element))) continue;
      const fields = d.props(element);
      const item = Object.fromEntries(fields.map((f) => [f.name, undefined]));
      const verdict = judged(row.name, { [param.name]: [{ ...item, notAField: 1 }] });
      const unknown = verdict.unknown.filter((f) => f !== `${param.name}[0].notAField`);
      if (unknown.length > 0) drift.push(`${row.name}: ${param.name} items declare ${listed(unknown)}, unknown to the validator`);
      if (!verdict.unknown.includes(`${param.name}[0].notAField`)) drift.push(`${row.name}: ${param.name} items take any field`);
      const prefix = `${param.name}[0].`;
      const fieldsRequired = verdict.required.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)).sort();
      const declaredFieldsRequired = fields.filter((f) => !d.optional(f)).map((f) => f.name).sort();
      if (listed(declaredFieldsRequired) !== listed(fieldsRequired)) {
        drift.push(`${row.name}: ${param.name} items: the types require ${listed(declaredFieldsRequired)}, the validator ${listed(fieldsRequired)}`);
      }
      for (const field of fields) if (d.docOf(field) === '') drift.push(`${row.name}: ${param.name} items: ${field.name} has no doc comment`);
      // The table's own list of the objects' fields (actions() gives it): an optional field left out shows here.
      const tableFields = row.objects?.[param.name] ?? [];
      const leftOut = missingFrom(fields.map((f) => f.name), tableFields);
      if (leftOut.length > 0) drift.push(`${row.name}: ${param.name} items: the table's ${listed(leftOut)} not declared`);
    }
  }
  return drift;
}

test('index.d.ts against the table: each call\'s options (function, dry run, both Client methods) declare exactly its row\'s params plus ConnectionOptions, required as the validator requires, documented; routeList\'s fields as the validator knows them', () => {
  assert.deepEqual(optionDrift(readDeclarations()), []);
});

test('the drift check catches a drifted index.d.ts: a param left out, an option not in the table, a required param made optional, a route field renamed or left out', () => {
  const original = readFileSync(INDEX_D_TS, 'utf8');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ncloud-vpc-wasm-drift-'));
  const driftOf = (edit) => {
    const text = edit(original);
    assert.notEqual(text, original, 'the edit applies');
    const file = path.join(scratch, 'index.d.ts');
    writeFileSync(file, text);
    return optionDrift(readDeclarations(file));
  };
  const replace = (from, to) => (text) => text.replace(from, to);
  try {
    const cases = [
      [replace(/\n  \/\*\* Only the VPC of this name\. \*\/\n  vpcName\?: string;/, ''), 'getVpcList (function): the table\'s vpcName not declared'],
      [replace('  vpcNoList?: Array<string | number>;', '  vpcNoList?: Array<string | number>;\n  /** A typo. */\n  vpcNOList?: string;'),
        'getVpcList (function): declares vpcNOList, not in the table'],
      [replace('  routeTableNo: string | number;\n}', '  routeTableNo?: string | number;\n}'),
        'getRouteTableDetail: the types require none, the validator routeTableNo'],
      [replace('  targetName?: string;\n}', '  targetLabel?: string;\n}'), 'addRoute: routeList items declare routeList[0].targetLabel, unknown to the validator'],
      [replace('  destinationCidrBlock: string;\n  /** The name of the target', '  destinationCidrBlock?: string;\n  /** The name of the target'),
        'removeRoute: routeList items: the types require targetTypeCode, the validator destinationCidrBlock, targetTypeCode'],
      [replace('export function buildRemoveRouteRequest(', 'export function buildRemoveRouteRequestX('), 'removeRoute: no dry run declared'],
      [replace(/\n  \/\*\* The name of the target[^\n]*\n  targetName\?: string;/g, ''), 'addRoute: routeList items: the table\'s targetName not declared'],
    ];
    for (const [edit, expected] of cases) {
      const drift = driftOf(edit);
      assert.ok(drift.includes(expected), `expected «${expected}» among:\n${drift.join('\n')}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('index.d.ts: every call resolves with the type it declares: the real answers\' keys, and their items\', against the emulator', async () => {
  const d = readDeclarations();
  const emu = await emulator();
  try {
    const alice = keys(aliceAccount, emu);
    const bob = keys(bobAccount, emu);
    const fast = { pollIntervalMs: 20, maxPollIntervalMs: 50 };
    const got = {};
    got.createVpcPeeringInstance = await main.createVpcPeeringInstance({ ...alice, sourceVpcNo: 10002, targetVpcNo: 10003, vpcPeeringName: 'app-to-legacy' });
    const peering = got.createVpcPeeringInstance.vpcPeeringInstanceList[0];
    const no = peering.vpcPeeringInstanceNo;
    got.waitForVpcPeeringInstance = await main.waitForVpcPeeringInstance({ ...alice, vpcPeeringInstanceNo: no, ...fast });
    got.getVpcPeeringInstanceList = await main.getVpcPeeringInstanceList(alice);
    got.getVpcPeeringInstanceDetail = await main.getVpcPeeringInstanceDetail({ ...alice, vpcPeeringInstanceNo: no });
    got.setVpcPeeringDescription = await main.setVpcPeeringDescription({ ...alice, vpcPeeringInstanceNo: no, vpcPeeringDescription: 'x' });
    got.getVpcList = await main.getVpcList(alice);
    got.getVpcDetail = await main.getVpcDetail({ ...alice, vpcNo: 10002 });
    got.getRouteTableList = await main.getRouteTableList({ ...alice, vpcNo: 10002 });
    got.getRouteTableDetail = await main.getRouteTableDetail({ ...alice, routeTableNo: 30003 });
    got.getRouteList = await main.getRouteList({ ...alice, vpcNo: 10002, routeTableNo: 30003 });
    const route = { destinationCidrBlock: '10.0.128.0/20', targetTypeCode: 'VPCPEERING', targetNo: no };
    got.addRoute = await main.addRoute({ ...alice, vpcNo: 10002, routeTableNo: 30003, routeList: [route] });
    got.removeRoute = await main.removeRoute({ ...alice, vpcNo: 10002, routeTableNo: 30003, routeList: [route] });
    got.deleteVpcPeeringInstance = await main.deleteVpcPeeringInstance({ ...alice, vpcPeeringInstanceNo: no });
    const across = await main.createVpcPeeringInstance({
      ...alice, sourceVpcNo: 10004, targetVpcNo: 20004, targetVpcName: 'bob-data', targetVpcLoginId: bobAccount.loginId,
    });
    got.acceptOrRejectVpcPeering = await main.acceptOrRejectVpcPeering({
      ...bob, vpcPeeringInstanceNo: across.vpcPeeringInstanceList[0].vpcPeeringInstanceNo, isAccept: true,
    });
    const data = { ...alice, sourceVpcNo: 10004, targetVpcNo: 20004, targetVpcName: 'bob-data', targetVpcLoginId: bobAccount.loginId };
    const bothKeys = { ...data, targetAccessKey: bob.accessKey, targetSecretKey: bob.secretKey, ...fast };
    got.connectVpcs = await main.connectVpcs(bothKeys);
    got.disconnectVpcs = await main.disconnectVpcs(bothKeys);
    assert.deepEqual(sorted(Object.keys(got)), sorted(calls), 'a real answer of every call');

    for (const row of table) {
      const value = got[row.name];
      const signatures = d.fn(row.name);
      assert.ok(signatures.length >= 1, `${row.name} is declared`);
      for (const type of signatures.map(d.result)) {
        // The wait resolves with the item itself, or null for GONE.
        if (row.plan && type.flags & ts.TypeFlags.Null) continue;
        assert.deepEqual(d.names(type), sorted(Object.keys(value)), `${row.name}: the declared ${row.plan ? 'item' : 'result'}'s fields`);
        if (row.plan) continue;
        const [list, ...more] = Object.keys(value).filter((key) => Array.isArray(value[key]));
        assert.deepEqual(more, [], `${row.name}: one list`);
        assert.ok(value[list].length >= 1, `${row.name}: the answer has an item to compare`);
        const element = d.elementOf(d.typeOf(d.checker.getPropertyOfType(type, list)));
        assert.deepEqual(d.names(element), sorted(Object.keys(value[list][0])), `${row.name}: the declared ${list} item's fields`);
      }
      // Each Client method resolves with the function's type.
      const shown = (list) => list.map((signature) => d.checker.typeToString(d.result(signature)));
      assert.deepEqual(shown(d.method(row.name)), shown(signatures), `${row.name}: Client method`);
    }
  } finally {
    await emu.close();
  }
});
